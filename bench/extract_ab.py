"""Extract speed of two versions of sastra, loaded into one process and run alternately.

On a shared machine the speed of a process changes from one minute to the next; two versions timed in
separate processes can differ by more than the change being measured. Here both versions run in the
same process, round after round in alternating order, so that the host's load hits both alike.

    git worktree add /tmp/sastra-old <commit>
    python bench/extract_ab.py /tmp/sastra-old/src src [--rounds 8]

Prints, per version, the best and the median CPU time of a pass over the 1,000 corpus articles
(../shared/data/corpus/kh-news-2019-07.jsonl) and the articles per CPU-second of the best pass.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Callable

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"


def load_extract(src: str, texts: list[str]) -> tuple[Callable, dict[str, ModuleType]]:
    """``sastra.extract`` from the package under ``src``, warmed up on the texts, and that version's
    ``sastra.*`` modules: ``extract()`` imports its finders lazily from ``sys.modules``, so each
    version's modules must be put back before it runs (without that, both versions ran the finders of
    the one loaded last, and the A/B compared a version with itself)."""
    for name in [m for m in sys.modules if m == "sastra" or m.startswith("sastra.")]:
        del sys.modules[name]
    sys.path.insert(0, src)
    try:
        from sastra.extract import extract

        for text in texts:
            extract(text)
    finally:
        sys.path.remove(src)
    modules = {name: module for name, module in sys.modules.items() if name == "sastra" or name.startswith("sastra.")}
    return extract, modules


def run_as(version: tuple[Callable, dict[str, ModuleType]], texts: list[str]) -> float:
    """CPU seconds of one pass of a version over the texts, with its own modules in place."""
    extract, modules = version
    sys.modules.update(modules)
    start = time.process_time()
    for text in texts:
        extract(text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the src folder of the first version")
    parser.add_argument("new", help="the src folder of the second version")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]
    versions = {"old": load_extract(args.old, texts), "new": load_extract(args.new, texts)}
    runs: dict[str, list[float]] = {name: [] for name in versions}
    for round_no in range(args.rounds):
        order = list(versions) if round_no % 2 == 0 else list(reversed(versions))
        for name in order:
            runs[name].append(run_as(versions[name], texts))
    print("| version | entity finder file | best CPU s | median CPU s | articles/CPU-s (best / median) |")
    print("|---|---|---|---|---|")
    for name, times in runs.items():
        finder = versions[name][1]["sastra.extract.entities"].__file__
        print(f"| {name} | {finder} | {min(times):.3f} | {statistics.median(times):.3f} | "
              f"{len(texts) / min(times):.0f} / {len(texts) / statistics.median(times):.0f} |")


if __name__ == "__main__":
    main()
