"""Normalization throughput on the 1,000-article corpus, side by side with peer normalizers.

Peers, run in this same process on the same texts:
- a khnormal-style normalizer (SIL's algorithm as ported in the ``khmernormalizer`` package),
- ``pheasa.normalize``.
Also prints agreement with SIL's 85 fixture pairs for each tool.

    python bench/normalize_bench.py [--repeat 5]

Run on one core (the machine's other core may be busy: quote the median and the ratios).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import load_jsonl_texts, print_table, time_it  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def peers() -> dict[str, object]:
    from sastra.normalize import normalize, normalize_and_explain

    tools: dict[str, object] = {"sastra.normalize": normalize,
                                "sastra.normalize_and_explain": normalize_and_explain}
    try:
        from khmernormalizer.khnormal import khmer_normalize
        tools["khnormal-style (khmernormalizer)"] = khmer_normalize
    except ImportError:
        print("khmernormalizer not installed: pip install 'sastra[bench]'", file=sys.stderr)
    try:
        import pheasa
        tools["pheasa"] = pheasa.normalize
    except ImportError:
        print("pheasa not installed: pip install 'sastra[bench]'", file=sys.stderr)
    return tools


def sil_pairs() -> list[tuple[str, str]]:
    rows = [line.rstrip("\n").split("\t")
            for line in (SHARED / "normalization/normalization_pairs.tsv").open(encoding="utf-8")
            if not line.startswith("#")]
    cp = lambda field: "".join(chr(int(x, 16)) for x in field.split())  # noqa: E731
    return [(cp(r[2]), cp(r[3])) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = load_jsonl_texts(SHARED / "corpus/kh-news-2019-07.jsonl", limit=args.limit)
    pairs = sil_pairs()
    rows = []
    base = None
    for name, fn in peers().items():
        timing = time_it(fn, texts, repeat=args.repeat, name=name)
        out = lambda x: getattr(fn(x), "text", fn(x))  # noqa: E731
        agree = sum(1 for a, b in pairs if out(a) == b)
        idem = sum(1 for t in texts[:200] if out(out(t)) == out(t))
        base = base or timing.chars_per_s
        rows.append(timing.row(**{"SIL pairs": f"{agree}/{len(pairs)}",
                                  "idempotent (200 docs)": f"{idem}/200",
                                  "speed vs sastra": f"{timing.chars_per_s / base:.3f}x"}))
    print(f"Normalization on {len(texts)} articles of corpus/kh-news-2019-07.jsonl, "
          f"{sum(map(len, texts)):,} chars, median of {args.repeat} runs, one core\n")
    print_table(rows)


if __name__ == "__main__":
    main()
