"""Near-duplicate detection: precision, recall and speed on near-copies generated at run time.

Source: ../shared/data/corpus/kh-news-2019-07.jsonl (1,000 real articles). The corpus has near-duplicates
of its own (the same story on several sites), which would be unlabelled positives, so the originals are
first made mutually distinct with an exact, independent test (full shingle sets, no sketch): an article
whose exact containment in an earlier kept one is >= 0.3 is left out (so that a copy of one
original is not also a near-copy of another). Each remaining original then gets
one near-copy made by 1-3 of: boilerplate lines added, a paragraph dropped, truncated to 60%, spelling
variants (ស្ត្រ/ស្រ្ត, split vowels, coeng DA/TA, Khmer/Latin digits, zero-width spaces removed or added).
Truncation to 60% is in at least a third of the copies. Labels: (original, copy) pairs are positive,
every other pair negative. Predicted pairs are all pairs inside a predicted cluster.

Side by side: sastra's detector (MinHash over folded 8-character shingles + datasketch LSH + containment)
with both LSH engines, and a textbook datasketch pipeline (MinHash with 128 permutations over the same
shingles, MinHashLSH at Jaccard 0.5, no containment).

    python bench/dedup_bench.py [--copies-per-doc 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import format_rate, print_table  # noqa: E402

from sastra.dedup import DedupConfig, dedup_key, find_clusters, signature  # noqa: E402
from sastra.dedup.signature import SHINGLE_CHARS  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"
COENG = "\u17d2"
BOILERPLATE = [
    "ចែករំលែក", "Share on Facebook  Tweet  Telegram", "ទំព័រដើម | ព័ត៌មានជាតិ | អន្តរជាតិ | សេដ្ឋកិច្ច | កីឡា",
    "© រក្សាសិទ្ធិគ្រប់យ៉ាងដោយ៖ សារព័ត៌មានថ្មី ២០២៤", "ព័ត៌មានទាក់ទង", "Comments (0)",
    "photo 2024 07 17 19 43 30 2", "អានបន្ត៖ ព័ត៌មានសេដ្ឋកិច្ចផ្សេងទៀត", "ប្រភព៖ សារព័ត៌មានថ្មី",
    "តាមដានយើងខ្ញុំតាម Telegram ដើម្បីទទួលព័ត៌មានថ្មីៗ",
]


def exact_shingles(text: str) -> set[str]:
    key = dedup_key(text)
    return {key[i:i + SHINGLE_CHARS] for i in range(max(1, len(key) - SHINGLE_CHARS + 1))} if key else set()


def distinct_originals(texts: list[str], limit: float = 0.3) -> tuple[list[int], int]:
    """Indices of articles that are not near-copies of an earlier kept one (exact containment)."""
    postings: dict[str, list[int]] = defaultdict(list)
    sets = [exact_shingles(t) for t in texts]
    kept: list[int] = []
    dropped = 0
    for i, shingles in enumerate(sets):
        if len(shingles) < 40:
            dropped += 1
            continue
        overlap: dict[int, int] = defaultdict(int)
        for s in shingles:
            for j in postings.get(s, ()):
                overlap[j] += 1
        if any(n / min(len(shingles), len(sets[j])) >= limit for j, n in overlap.items()):
            dropped += 1
            continue
        kept.append(i)
        for s in shingles:
            postings[s].append(i)
    return kept, dropped


def variants(text: str, rng: random.Random) -> str:
    swaps = [(COENG + "\u178f" + COENG + "\u179a", COENG + "\u179a" + COENG + "\u178f"),  # ស្ត្រ -> ស្រ្ត
             ("\u17be", "\u17c1\u17b8"),  # ើ -> េ + ី
             (COENG + "\u178f", COENG + "\u178a"),  # coeng TA -> coeng DA
             ("\u200b", ""), (" ", " \u200b")]
    for before, after in rng.sample(swaps, 3):
        text = text.replace(before, after)
    if rng.random() < 0.5:
        text = text.translate(str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789"))
    return text


def make_copy(text: str, rng: random.Random) -> tuple[str, list[str]]:
    ops = ["boilerplate", "drop_paragraph", "truncate60", "variants"]
    chosen = rng.sample(ops, rng.randint(1, 3))
    if rng.random() < 0.34 and "truncate60" not in chosen:
        chosen.append("truncate60")
    order = [op for op in ops if op in chosen]
    for op in order:
        if op == "drop_paragraph":
            paragraphs = [p for p in text.split("\n") if p.strip()]
            if len(paragraphs) >= 3:
                paragraphs.pop(rng.randrange(1, len(paragraphs)))
                text = "\n".join(paragraphs)
        elif op == "truncate60":
            text = text[: int(len(text) * 0.6)]
        elif op == "variants":
            text = variants(text, rng)
        elif op == "boilerplate":
            head = rng.sample(BOILERPLATE, rng.randint(1, 2))
            tail = rng.sample(BOILERPLATE, rng.randint(1, 3))
            text = "\n".join(head + [text] + tail)
    return text, order


def build_set(copies_per_doc: int, seed: int = 7) -> tuple[list[str], set[tuple[int, int]], dict[str, int], int]:
    texts = [json.loads(line)["text"] for line in open(CORPUS, encoding="utf-8")]
    kept, dropped = distinct_originals(texts)
    rng = random.Random(seed)
    items: list[tuple[str, int]] = []  # (text, group)
    op_counts: dict[str, int] = defaultdict(int)
    for group, i in enumerate(kept):
        items.append((texts[i], group))
        for _ in range(copies_per_doc):
            copy, ops = make_copy(texts[i], rng)
            items.append((copy, group))
            for op in ops:
                op_counts[op] += 1
    rng.shuffle(items)
    groups: dict[int, list[int]] = defaultdict(list)
    for position, (_, group) in enumerate(items):
        groups[group].append(position)
    truth = {pair for members in groups.values() for pair in combinations(sorted(members), 2)}
    return [t for t, _ in items], truth, dict(op_counts), dropped


def predicted_pairs(clusters: list[list[int]]) -> set[tuple[int, int]]:
    return {pair for members in clusters for pair in combinations(sorted(members), 2)}


def score(pred: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float]:
    tp = len(pred & truth)
    precision = tp / len(pred) if pred else 1.0
    recall = tp / len(truth) if truth else 1.0
    return precision, recall


def run_sastra(texts: list[str], engine: str) -> list[list[int]]:
    sigs = [signature(t) for t in texts]
    return [list(c.members) for c in find_clusters(sigs, [len(t) for t in texts], DedupConfig(engine=engine))]


def run_textbook(texts: list[str], threshold: float = 0.5) -> list[list[int]]:
    """datasketch as its README shows it: MinHash (128 permutations) per document, MinHashLSH, Jaccard."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, text in enumerate(texts):
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in exact_shingles(text)])
        for j in lsh.query(m):
            parent[root(i)] = root(j)
        lsh.insert(i, m)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[root(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies-per-doc", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"missing {CORPUS}", file=sys.stderr)
        return 1
    texts, truth, ops, dropped = build_set(args.copies_per_doc)
    chars = sum(map(len, texts))
    import os

    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (wall-clock rates suffer on a shared "
          "machine; CPU time is the single-core figure)")
    print(f"labelled set: {len(texts)} documents ({len(texts) - len(truth)} originals kept of 1000, {dropped} left "
          f"out as near-copies of each other or too short), {len(truth)} positive pairs; "
          f"copy operations: {dict(sorted(ops.items()))}\n")
    rows = []
    peers = [("sastra (numpy banding + containment; default)", lambda: run_sastra(texts, "numpy")),
             ("sastra (datasketch MinHashLSH + containment)", lambda: run_sastra(texts, "datasketch")),
             ("sastra (plain-Python bands + containment)", lambda: run_sastra(texts, "bands")),
             ("datasketch textbook (MinHash 128 perm, LSH J>=0.5)", lambda: run_textbook(texts))]
    for name, fn in peers:
        runs, cpu_runs = [], []
        clusters: list[list[int]] = []
        for _ in range(args.repeat if "textbook" not in name else 1):
            start, cpu_start = time.perf_counter(), time.process_time()
            clusters = fn()
            runs.append(time.perf_counter() - start)
            cpu_runs.append(time.process_time() - cpu_start)
        runs.sort()
        cpu_runs.sort()
        median = runs[len(runs) // 2]
        cpu_median = cpu_runs[len(cpu_runs) // 2]
        precision, recall = score(predicted_pairs(clusters), truth)
        rows.append({"detector": name, "precision %": f"{100 * precision:.2f}", "recall %": f"{100 * recall:.2f}",
                     "docs/s (wall)": format_rate(len(texts) / median),
                     "docs per CPU-s": format_rate(len(texts) / cpu_median),
                     "chars/s (wall)": format_rate(chars / median), "median s": f"{median:.3f}", "runs": len(runs)})
    print_table(rows)
    # recall by operation, for sastra's default
    clusters = run_sastra(texts, "numpy")
    pred = predicted_pairs(clusters)
    missed = truth - pred
    print(f"\nsastra default: {len(missed)} positive pairs missed, {len(pred - truth)} false pairs; one core, "
          f"{args.repeat} runs, median.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
