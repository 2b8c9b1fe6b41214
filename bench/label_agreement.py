"""How far two labellers agree on persons, organizations and places: the ceiling of the entity scores.

    python bench/label_agreement.py

Labels: bench/extract_labels/agreement-entities.jsonl holds 58 articles of kh-news-2019-07 that are
near-copies (character 8-gram containment of 0.5 or more) of articles already in an entity label file,
labelled again by hand in session 18 by helpers who saw neither those labels nor sastra's output. Each
row names its ``twin``, the labelled article it copies. Both texts are never quite the same (another
outlet's headline, furniture, a paragraph more or less), so offsets cannot be compared; the mentions
are compared as sets of distinct (kind, text without blanks) between an article and its twin:
agreement F1 = 2 x common / (first + second), over the names whose text both copies hold. Only pairs
whose texts are near-identical (Jaccard of 0.9 or more) are counted.

sastra's own F1 on the same articles against the new labels (exact spans) is printed beside it, for
scale: those articles copy development articles, so that figure is no estimate of sastra on new text.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import extract_bench as eb  # noqa: E402
from harness import print_table  # noqa: E402

from sastra.extract import extract  # noqa: E402

AGREEMENT = ROOT / "bench" / "extract_labels" / "agreement-entities.jsonl"
KINDS = ("person", "org", "loc")
_BLANKS = re.compile(r"[\s\u200b]+")
MIN_JACCARD = 0.9


def _shingles(text: str) -> set[str]:
    text = _BLANKS.sub("", text)
    return {text[i:i + 8] for i in range(len(text) - 7)}


def _surfaces(text: str, mentions: list[dict], kind: str) -> Counter:
    """The distinct names of ``kind`` (a set, as a Counter): how often a copy repeats its outlet's
    credit or a name in its furniture differs between copies, and is no disagreement."""
    return Counter({_BLANKS.sub("", text[m["start"]:m["end"]]): 1 for m in mentions if m["kind"] == kind})


def main() -> None:
    rows = [json.loads(line) for line in AGREEMENT.read_text(encoding="utf-8").splitlines()]
    texts = eb.load_texts({r["id"] for r in rows} | {r["twin"] for r in rows})
    first = {doc_id: doc["mentions"] for (doc_id, _), doc in eb.load_labels().items()
             if doc["kinds"] & set(KINDS)}
    counts = {kind: Counter() for kind in KINDS}
    pairs = 0
    for row in rows:
        text, twin = texts[row["id"]], texts[row["twin"]]
        a, b = _shingles(text), _shingles(twin)
        if len(a & b) / max(1, len(a | b)) < MIN_JACCARD:
            continue
        pairs += 1
        found = [m for m in extract(text) if m.kind in KINDS]
        plain, twin_plain = _BLANKS.sub("", text), _BLANKS.sub("", twin)
        for kind in KINDS:
            new, old = _surfaces(text, row["mentions"], kind), _surfaces(twin, first[row["twin"]], kind)
            # (a name whose text only one of the copies holds, such as an outlet's credit, is no disagreement)
            new = Counter({name: n for name, n in new.items() if name in twin_plain})
            old = Counter({name: n for name, n in old.items() if name in plain})
            c = counts[kind]
            c["common"] += sum((new & old).values())
            c["new"] += sum(new.values())
            c["old"] += sum(old.values())
            gold = {(m["start"], m["end"]) for m in row["mentions"] if m["kind"] == kind}
            got = {(m.start, m.end) for m in found if m.kind == kind}
            c["tp"] += len(gold & got)
            c["gold"] += len(gold)
            c["got"] += len(got)
    table = []
    for kind in KINDS:
        c = counts[kind]
        table.append({"kind": kind, "pairs": pairs, "distinct names (second / first labeller)": f"{c['new']} / {c['old']}",
                      "agreement F1": f"{2 * c['common'] / max(1, c['new'] + c['old']):.3f}",
                      "sastra F1 vs second labeller": f"{2 * c['tp'] / max(1, c['gold'] + c['got']):.3f}",
                      "bar": eb.BARS[kind]})
    print_table(table)


if __name__ == "__main__":
    main()
