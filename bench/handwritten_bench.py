"""Extraction on the sets written and labelled by hand without sastra (session 20).

    python bench/handwritten_bench.py                      # this checkout
    python bench/handwritten_bench.py --src /tmp/old/src   # another version too, side by side

The sets sit in bench/extract_labels/ beside the corpus labels but carry their own texts: Khmer news
sentences, passages and whole articles written in the style of the Cambodian sites by helpers who
never ran sastra, labelled from ../shared/data/extraction/annotation-guidelines.md (what each holds,
and the labels moved to the project's convention, is in docs/extract.md, "Session 20"):

- dates-handwritten.jsonl: 220 sentences, 197 dates, 40 sentences of look-alikes
- dates-handwritten-articles.jsonl: 40 whole articles as crawled, 280 dates
- money-handwritten.jsonl: 160 sentences, 81 amounts, 157 numbers
- entities-handwritten.jsonl: 180 passages, persons only (its organizations and places follow the
  helper's reading where the development labels differ)
- persons-handwritten2.jsonl: 150 passages of sports, entertainment and crime news, 402 persons,
  most with no title; its writer glued names to the words before them far more often than the
  corpus does (more than half of the persons here, one in fifteen in kh-news-2019-07), so it is reported by
  that too
- persons-handwritten3.jsonl: 120 excerpts of sports, entertainment and crime news written to the
  corpus's own spacing (a third with the word breakers' zero-width spaces), 525 persons, 463 with no
  title, 23 glued to the word before

Scores are exact spans, and values for dates and money, per kind: precision, recall, F1.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from extract_ab import load_extract  # noqa: E402  (one version's sastra.extract and its modules)

LABELS = ROOT / "bench" / "extract_labels"
SETS = ("dates-handwritten", "dates-handwritten-articles", "money-handwritten", "entities-handwritten",
        "persons-handwritten2", "persons-handwritten3")


def _value(m) -> object:
    if m.kind == "date":
        if isinstance(m.value, datetime.date):
            return m.value.isoformat()
        return m.value.iso if m.value is not None else m.attrs.get("partial")
    if m.kind == "money":
        return (m.value.normalize() if m.value is not None else None, m.attrs.get("currency"))
    if m.kind == "number":
        return Decimal(str(m.value)).normalize() if m.value is not None else None
    return None


def _gold(set_name: str, row: dict) -> dict[tuple, object]:
    if set_name.startswith("dates"):
        return {("date", d["start"], d["end"]): d["iso"] or d["partial"] for d in row["dates"]}
    if set_name.startswith("money"):
        return {(m["kind"], m["start"], m["end"]): (Decimal(m["value"]).normalize(), m["currency"])
                if m["kind"] == "money" else Decimal(m["value"]).normalize() for m in row["mentions"]}
    return {("person", m["start"], m["end"]): None for m in row["mentions"] if m["kind"] == "person"}


def score(extract, set_name: str) -> dict[str, collections.Counter]:
    """Per kind (and for the second persons set, per written-apart / glued): tp, fp, fn."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for line in (LABELS / f"{set_name}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = row["text"]
        gold = _gold(set_name, row)
        kinds = {k for k, _, _ in gold} or ({"date"} if set_name.startswith("dates") else {"person"})
        if set_name.startswith("money"):
            kinds = {"money", "number"}
        found = {(m.kind, m.start, m.end): _value(m) for m in extract(text) if m.kind in kinds}
        for key, value in gold.items():
            hit = found.get(key, object()) == value
            counts[key[0]]["tp" if hit else "fn"] += 1
            if set_name != "entities-handwritten" and set_name.startswith(("entities", "persons")):
                glued = key[1] > 0 and "\u1780" <= text[key[1] - 1] <= "\u17d3"
                counts["glued" if glued else "apart"]["tp" if hit else "fn"] += 1
        for key, value in found.items():
            if gold.get(key, object()) != value:
                counts[key[0]]["fp"] += 1
    return counts


def _prf(c: collections.Counter) -> str:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} / {r:.3f} / {f:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="also score the sastra under this src folder")
    args = parser.parse_args()
    versions = [("this checkout", ROOT / "src")] + ([(str(args.src), args.src)] if args.src else [])
    rows: dict[tuple[str, str], list[str]] = {}
    for _, src in versions:
        extract, modules = load_extract(str(src), [])
        sys.modules.update(modules)
        for set_name in SETS:
            for kind, c in sorted(score(extract, set_name).items()):
                if kind in ("apart", "glued"):
                    kind = f"person, written {kind}"
                rows.setdefault((set_name, kind), []).append(f"{_prf(c)} ({c['tp'] + c['fn']})")
    print("| set | kind | " + " | ".join(f"{name}: P / R / F1 (gold)" for name, _ in versions) + " |")
    print("|---|---|" + "---|" * len(versions))
    for (set_name, kind), cells in rows.items():
        print(f"| {set_name} | {kind} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
