"""Throughput of `sastra run` end to end, beside a khmer-nltk reference pipeline, and Ray scaling.

Input: ../shared/data/corpus/kh-news-2019-07.jsonl (1,000 real Khmer news articles, 1.76M characters).

Rows (all in this one run, medians of --repeat runs):
* sastra run, local executor, 1 worker: read, clean, normalize, segment, extract, near-duplicates,
  records.jsonl + records.parquet, rejects, and the tantivy index: the per-core figure.
* sastra run, local executor, 2 workers.
* reference: the FineWeb-2 recipe for Khmer on one core: khmer-nltk word_tokenize, MinHash (datasketch,
  112 permutations = 14 bands x 8 rows) over word 5-grams with MinHashLSH, JSON Lines out. No cleaning,
  normalization, extraction, Parquet or index: it does much less than sastra.
* Ray Data in local mode, 1 worker vs 2 workers (no index, so that the parallel part is measured;
  Ray started once beforehand, its start-up not counted).
* `sastra run` from the shell (a new process: imports and the stages' one-time loading counted;
  CPU of the process and its workers), 1 and 2 workers, with sastra's bytecode compiled first as an
  install compiles it; --skip-cold leaves these rows out.

Per-stage seconds of the 1-worker sastra run are printed too (from OUT/summary.json): CPU time for
the stages run in workers, wall time for the driver's final steps.
Wall-clock figures on a shared 2-core machine: the load average is printed with the table.

    python bench/pipeline_bench.py [--repeat 3] [--limit N] [--skip-ray] [--skip-reference] [--skip-cold]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import format_rate, print_table  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(name: str, fn, repeat: int, docs: int, chars: int, cpu_known: bool = True) -> tuple[dict, object]:
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        cpu0, wall0 = cpu_seconds(), time.perf_counter()
        result = fn()
        walls.append(time.perf_counter() - wall0)
        cpus.append(cpu_seconds() - cpu0)
    walls.sort()
    cpus.sort()
    wall, cpu = walls[len(walls) // 2], cpus[len(cpus) // 2]
    row = {"pipeline": name, "docs/s (wall)": format_rate(docs / wall), "chars/s (wall)": format_rate(chars / wall),
           "docs/s per CPU-second": format_rate(docs / cpu) if cpu > 0 and cpu_known else "n/a",
           "median wall s": f"{wall:.2f}", "CPU s": f"{cpu:.2f}" if cpu_known else "n/a (Ray workers)",
           "runs": repeat}
    return row, result


def sastra_run(corpus: Path, out: Path, **options):
    from sastra.pipeline import run

    if out.exists():
        shutil.rmtree(out)
    return run([str(corpus)], out, progress=False, **options)


def sastra_cli(corpus: Path, out: Path, workers: int) -> int:
    """``sastra run`` in a new process, as a user runs it."""
    import subprocess

    if out.exists():
        shutil.rmtree(out)
    done = subprocess.run([sys.executable, "-m", "sastra.cli", "run", str(corpus), "--out", str(out), "--workers",
                           str(workers), "-q"], capture_output=True, text=True)
    return done.returncode


def compile_sources() -> None:
    """Bring sastra's bytecode up to date before the new-process rows, as an install does (and the
    README's first command): in a working tree whose edited modules have no current bytecode, and
    where Python is told not to write any (``PYTHONDONTWRITEBYTECODE``), every new process would
    compile them again (about 0.1 s), which an installed sastra never does."""
    import compileall

    import sastra

    compileall.compile_dir(str(Path(sastra.__file__).parent), quiet=1)


def reference_pipeline(corpus: Path, out: Path) -> int:
    """khmer-nltk segmentation + datasketch MinHash dedup (FineWeb-2 style), one process."""
    from datasketch import MinHash, MinHashLSH
    from khmernltk import word_tokenize

    lsh = MinHashLSH(num_perm=112, params=(14, 8))
    duplicates = 0
    with open(corpus, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line)
            tokens = [t for t in word_tokenize(record["text"]) if t.strip()]
            shingles = {" ".join(tokens[i:i + 5]).encode("utf-8") for i in range(max(1, len(tokens) - 4))}
            sketch = MinHash(num_perm=112)
            sketch.update_batch(list(shingles))
            dup_of = lsh.query(sketch)
            if dup_of:
                duplicates += 1
            lsh.insert(record["id"], sketch, check_duplication=False)
            dst.write(json.dumps({"id": record["id"], "text": record["text"], "tokens": tokens,
                                  "dup_of": dup_of[0] if dup_of else None}, ensure_ascii=False) + "\n")
    return duplicates


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_scaling(n: int = 4_000_000) -> float:
    """Control: how much faster 2 processes burn pure-Python CPU than 1 on this machine right now
    (the ceiling any 2-worker figure can reach here)."""
    import multiprocessing

    times = []
    for workers in (1, 2):
        start = time.perf_counter()
        with multiprocessing.Pool(workers) as pool:
            pool.map(_burn, [n] * 4)
        times.append(time.perf_counter() - start)
    return times[0] / times[1]


def limited(corpus: Path, limit: int | None, folder: Path) -> Path:
    if not limit:
        return corpus
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "corpus.jsonl"
    with open(corpus, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as dst:
        for number, line in enumerate(src):
            if number >= limit:
                break
            dst.write(line)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--skip-reference", action="store_true")
    parser.add_argument("--skip-cold", action="store_true", help="no rows for `sastra run` in a new process")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"missing {CORPUS}", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="sastra-bench-"))
    try:
        corpus = limited(CORPUS, args.limit, tmp)
        texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
        docs, chars = len(texts), sum(map(len, texts))
        print(f"corpus: {corpus.name}: {docs} articles, {chars:,} characters; load average "
              f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
        rows = []
        row, summary = measure("sastra run (local, 1 worker, end to end with index)",
                               lambda: sastra_run(corpus, tmp / "s1", workers=1), args.repeat, docs, chars)
        rows.append(row)
        one_worker = summary
        row, _ = measure("sastra run (local, 2 workers, end to end with index)",
                         lambda: sastra_run(corpus, tmp / "s2", workers=2), args.repeat, docs, chars)
        rows.append(row)
        if not args.skip_cold:
            compile_sources()
            for workers in (1, 2):
                row, _ = measure(f"sastra run CLI, new process, {workers} worker{'s' if workers > 1 else ''}, with index",
                                 lambda: sastra_cli(corpus, tmp / f"c{workers}", workers), args.repeat, docs, chars)
                rows.append(row)
        if not args.skip_reference:
            row, dups = measure("reference: khmer-nltk + datasketch MinHash (FineWeb-2 style)",
                                lambda: reference_pipeline(corpus, tmp / "ref.jsonl"), args.repeat, docs, chars)
            rows.append(row)
        scaling = None
        if not args.skip_ray:
            try:
                import ray

                ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
            except ImportError:
                ray = None
            if ray is not None:
                # warm the Ray workers (imports, models) on a few articles so that both rows run warm
                small = limited(corpus, 40, tmp / "warm")
                for workers in (2, 1):
                    sastra_run(small, tmp / "warm" / "out", executor="ray", workers=workers, index=False,
                               shard_size=10)
                row1, s1 = measure("sastra run (Ray local mode, 1 worker, no index)",
                                   lambda: sastra_run(corpus, tmp / "r1", executor="ray", workers=1, index=False),
                                   args.repeat, docs, chars, cpu_known=False)
                row2, s2 = measure("sastra run (Ray local mode, 2 workers, no index)",
                                   lambda: sastra_run(corpus, tmp / "r2", executor="ray", workers=2, index=False),
                                   args.repeat, docs, chars, cpu_known=False)
                rows += [row1, row2]
                scaling = float(row1["median wall s"]) / float(row2["median wall s"])
                ray.shutdown()
        print_table(rows)
        print()
        if scaling is not None:
            print(f"Ray scaling, 2 workers over 1: {scaling:.2f}x (wall clock, whole run incl. the serial final "
                  "steps)")
        print(f"control: a pure-Python CPU burn in 2 processes vs 1 runs {machine_scaling():.2f}x faster on this "
              "machine right now (the ceiling for any 2-worker figure here)\n")
        driver_steps = {"dedup_clusters", "write", "index"}
        stage_rows = [{"stage (1 worker run)": k, "seconds": f"{v:.3f}",
                       "clock": "wall (driver)" if k in driver_steps else "CPU (worker)",
                       "ms/doc": f"{1000 * v / docs:.2f}"} for k, v in one_worker.stage_seconds.items()]
        print_table(stage_rows)
        print(f"\nstages run: {', '.join(one_worker.stages)}; not run: {one_worker.stages_skipped or 'none'}; "
              f"index: {one_worker.index or one_worker.index_error or one_worker.index_skipped}")
        print(f"near-duplicates found by sastra: {one_worker.duplicates} in {one_worker.duplicate_clusters} clusters")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
