"""Build sastra's learned name list from the hand-labelled articles, and measure what it adds.

    python bench/learn_names.py            # write src/sastra/data/entities/learned_names.tsv
    python bench/learn_names.py --measure  # 5-fold cross-validation and the blind splits

The hand rules of ``sastra.extract.entities`` find a name from a cue: a title, a head word, a
gazetteer entry. News articles of one period name the same people, companies and places again and
again, often with no cue at all (``ប៊ីម៉ា`` after ``ក្រុមហ៊ុន ប៊ីម៉ា``, a minister named bare). The
learned list holds each name labelled in the development articles (bench/extract_labels; the blind
splits final34-37 and final40 are never read) that

- is at least ``MIN_CHARS`` characters long without its spaces, and
- is a labelled mention at ``MIN_PRECISION`` or more of the places where the list's matcher finds it
  in those articles (so a name that is also an ordinary word, or a piece of longer words, is left
  out).

At run time a learned name is a mention only where no rule mention overlaps it
(``sastra.extract.entities._with_learned_names``). ``--measure`` prints, per kind, the rules alone
and the rules with the list: in 5 folds of the development articles (the list built from four folds,
scored on the fifth) and on the blind splits (the list built from every development article, the
figures pooled; their errors are never printed). Texts: ../shared/data/corpus/kh-news-2019-07.jsonl.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import extract_bench as eb  # noqa: E402

from sastra.extract import entities, extract  # noqa: E402
from sastra.extract._lexicon import fold, key  # noqa: E402

OUT = ROOT / "src" / "sastra" / "data" / "entities" / "learned_names.tsv"
KINDS = ("person", "org", "loc")
MIN_CHARS = 6
MIN_PRECISION = 0.8
BLIND = frozenset(eb.BLIND_SPLITS)
_ZERO_WIDTH = str.maketrans("", "", "\u200b\u2060\ufeff")

Doc = tuple[str, list[dict]]  # (text, gold mentions)


def _written(text: str) -> str:
    """A name as the matcher sees it: folded, zero-width characters out, runs of spaces as one."""
    return " ".join(fold(text.translate(_ZERO_WIDTH)).split())


def _using(names: dict[str, str]):
    """Run the entity finder with ``names`` as its learned list."""
    entities._patterns.cache_clear()
    return mock.patch.object(entities, "learned_names", lambda: names)


def build(docs: list[Doc]) -> list[tuple[str, str, int, int]]:
    """(name as most often written, kind, times labelled, times found) for the names that pass both
    tests (the matcher ignores the spaces inside a name, so one spelling stands for all)."""
    kinds: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    spellings: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for text, gold in docs:
        for m in gold:
            written = _written(text[m["start"]:m["end"]])
            if len(key(written)) >= MIN_CHARS:
                kinds[key(written)][m["kind"]] += 1
                spellings[key(written)][written] += 1
    # every place each name stands, found name by name (a name inside a longer listed one counts)
    found: collections.Counter = collections.Counter()
    labelled: collections.Counter = collections.Counter()
    for text, gold in docs:
        view = entities._make_view(text)
        bare = entities.without_spaces(view.text)
        spans = {(m["start"], m["end"]) for m in gold}
        for k in spellings:
            at = bare.text.find(k)
            while at >= 0:
                s, e = bare.span(at, at + len(k))
                if entities.name_bounds_ok(view.text, s, e):
                    found[k] += 1
                    labelled[k] += view.span(s, e) in spans
                at = bare.text.find(k, at + 1)
    kept = [k for k in spellings if found[k] and labelled[k] / found[k] >= MIN_PRECISION]
    return sorted((spellings[k].most_common(1)[0][0], kinds[k].most_common(1)[0][0], sum(kinds[k].values()),
                   found[k]) for k in kept)


def score(docs: list[Doc], names: dict[str, str], counts: collections.Counter) -> None:
    with _using(names):
        for text, gold in docs:
            want = {(m["kind"], m["start"], m["end"]) for m in gold}
            got = {(m.kind, m.start, m.end) for m in extract(text) if m.kind in KINDS}
            for kind in KINDS:
                w = {x for x in want if x[0] == kind}
                g = {x for x in got if x[0] == kind}
                counts[kind, "tp"] += len(w & g)
                counts[kind, "fp"] += len(g - w)
                counts[kind, "fn"] += len(w - g)
    entities._patterns.cache_clear()


def _table(title: str, rows: dict[str, collections.Counter]) -> None:
    print(f"\n## {title}\n")
    print("| list | " + " | ".join(f"{k} P / R / F1" for k in KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for name, c in rows.items():
        cells = []
        for kind in KINDS:
            tp, fp, fn = c[kind, "tp"], c[kind, "fp"], c[kind, "fn"]
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            cells.append(f"{p:.3f} / {r:.3f} / {2 * p * r / (p + r) if p + r else 0:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")


def _as_names(rows: list[tuple[str, str, int, int]]) -> dict[str, str]:
    return {name: kind for name, kind, _, _ in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help="cross-validate and score the blind splits")
    args = parser.parse_args()
    labels = eb.load_labels()
    texts = eb.load_texts({doc_id for doc_id, _ in labels})
    dev: list[Doc] = []
    blind: list[Doc] = []
    for (doc_id, split), doc in labels.items():
        if "person" in doc["kinds"]:
            gold = [m for m in doc["mentions"] if m["kind"] in KINDS]
            (blind if split in BLIND else dev).append((texts[doc_id], gold))
    if not args.measure:
        rows = build(dev)
        header = (
            "# Names taught by sastra's hand-labelled articles (bench/extract_labels, development splits\n"
            "# only) of kh-news-2019-07 (1,000 Khmer news articles crawled in July 2019): a name labelled\n"
            f"# there, of {MIN_CHARS}+ characters without spaces, that is a labelled mention at\n"
            f"# {MIN_PRECISION:.0%}+ of the places the matcher finds it in those articles. Written by\n"
            "# bench/learn_names.py; do not edit by hand. Licence: the project's (Apache-2.0).\n"
            "# name as written (zero-width characters out, folded)\tkind\ttimes labelled\ttimes found\n")
        OUT.write_text(header + "".join(f"{n}\t{k}\t{a}\t{b}\n" for n, k, a, b in rows), encoding="utf-8")
        print(f"{OUT.relative_to(ROOT)}: {len(rows)} spellings "
              f"({collections.Counter(k for _, k, _, _ in rows)}) from {len(dev)} articles")
        return
    random.seed(7)
    random.shuffle(dev)
    folds = 5
    cv = {"rules": collections.Counter(), "rules + learned": collections.Counter()}
    for k in range(folds):
        train = [d for j, d in enumerate(dev) if j % folds != k]
        test = [d for j, d in enumerate(dev) if j % folds == k]
        score(test, {}, cv["rules"])
        score(test, _as_names(build(train)), cv["rules + learned"])
    _table(f"{folds}-fold cross-validation, {len(dev)} development articles", cv)
    names = _as_names(build(dev))
    shut = {"rules": collections.Counter(), "rules + learned": collections.Counter()}
    score(blind, {}, shut["rules"])
    score(blind, names, shut["rules + learned"])
    _table(f"blind splits ({len(blind)} articles, pooled; list built from all development articles)", shut)


if __name__ == "__main__":
    main()
