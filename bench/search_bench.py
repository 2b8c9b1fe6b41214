"""Search benchmark: known-item quality (MRR@10) against peers, and speed on 100,000 documents.

    python bench/search_bench.py                 # everything (quality on 1,000 articles, speed on 100,000)
    python bench/search_bench.py --docs 20000    # a smaller speed run
    python bench/search_bench.py --skip-speed    # quality only

Quality: a known-item set built at run time from ../shared/data/corpus/kh-news-2019-07.jsonl:
- ``headline``: each article's first line is the query, the article is the answer;
- ``subword``: a stretch of 12-30 clusters of a body line, cut inside words at both ends (so the first
  and last query words are parts of the document's words), spacing kept, found in no other article
  (the corpus holds copies of some articles: a known item must have one answer);
- ``misspelled``: the headline re-typed: coeng TA/DA swapped, split vowels (U+17C1 U+17B8 for U+17BE,
  U+17C1 U+17B6 for U+17C4), zero-width spaces removed and inserted between clusters.
Peers on the same documents and queries: tantivy's default tokenizer (title + body, query through
tantivy's own parser) and SQLite FTS5 with the trigram tokenizer (the query's space-separated chunks
OR-ed, BM25).

Speed: a corpus of N documents made from the real one (each takes a real article's shape, its lines
drawn from the whole corpus, with a body line as headline); lines are analysed once and composed, so
indexing is timed after analysis. Query latency is the wall time of one ``sastra.index.search`` call
(parse, analysis of the query, tantivy, stored fields, snippets), warm OS cache; wall and process CPU
time are both given, since the machine may be shared (CPU time is what one idle core would take).
The queries are timed twice: in the process that built the index (after it drops its composed corpus
and freezes what remains of its own data out of the garbage collector), and in a new process that
only opens the index and answers, as the HTTP server does, after one untimed pass over the same
queries (the caches of query analysis are emptied before each timed pass; what stays warm is what a
server keeps warm: mapped index pages, hot code and tables).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
CORPUS = REPO.parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"

from sastra.index.analysis import Analysis, AnalyzedToken, analyze_text  # noqa: E402
from sastra.khmer import CLUSTER_RE  # noqa: E402
from sastra.records import Document  # noqa: E402

try:
    from harness import print_table  # noqa: E402
except ImportError:  # pragma: no cover
    def print_table(rows: list[dict[str, Any]], **_: Any) -> str:
        cols = list(rows[0])
        print("| " + " | ".join(cols) + " |\n|" + "|".join("---" for _ in cols) + "|")
        for row in rows:
            print("| " + " | ".join(str(row.get(c, "")) for c in cols) + " |")
        return ""

K = 10
COENG_TA, COENG_DA = "\u17d2\u178f", "\u17d2\u178a"
ZWSP = "\u200b"


# --- data and known items ---------------------------------------------------------------------------

def load_articles() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def headline(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def misspell(text: str, rng: random.Random) -> str:
    """Re-type ``text`` the ways Khmer is mistyped; always returns a different string."""
    out = text.replace(COENG_TA, "\0").replace(COENG_DA, COENG_TA).replace("\0", COENG_DA)
    out = out.replace("\u17be", "\u17c1\u17b8").replace("\u17c4", "\u17c1\u17b6")
    out = out.replace(ZWSP, "")
    clusters = CLUSTER_RE.findall(out)
    if len(clusters) > 3:
        for _ in range(2):
            i = rng.randrange(1, len(clusters))
            clusters[i] = ZWSP + clusters[i]
    out = "".join(clusters)
    return out if out != text else out + ZWSP


def _flat(text: str) -> str:
    """Folded text without spacing: where a query's clusters can be looked for verbatim."""
    from sastra.normalize import search_key

    return re.sub(r"[\s\u200b]+", "", search_key(text))


def subword_query(text: str, rng: random.Random, others: list[str] | None = None) -> str | None:
    """12-30 clusters from inside a body line, starting and ending inside words; with ``others``
    (every article flattened), only a stretch found in no other article (a known item has one answer)."""
    for _ in range(6):
        query = _subword_query(text, rng)
        if query is None:
            return None
        if others is None or sum(_flat(query) in other for other in others) == 1:
            return query
    return None


def _subword_query(text: str, rng: random.Random) -> str | None:
    lines = [line.strip() for line in text.split("\n")[1:] if len(line.strip()) > 80]
    if not lines:
        return None
    line = rng.choice(lines)
    clusters = CLUSTER_RE.findall(line)
    if len(clusters) < 40:
        return None
    size = rng.randint(12, 30)
    start = rng.randrange(1, len(clusters) - size - 1)
    query = "".join(clusters[start:start + size]).strip(" \u200b")
    return query if len(CLUSTER_RE.findall(query)) >= 8 else None


def known_items(articles: list[dict[str, Any]], seed: int = 13) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    items: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    for article in articles:
        seen[headline(article["text"])] = seen.get(headline(article["text"]), 0) + 1
    flat = [_flat(article["text"]) for article in articles]
    for article in articles:
        title = headline(article["text"])
        if seen[title] > 1 or len(title) < 10:  # a headline two articles share has no single answer
            continue
        items.append(("headline", title, article["id"]))
        items.append(("misspelled", misspell(title, rng), article["id"]))
        sub = subword_query(article["text"], rng, flat)
        if sub is not None:
            items.append(("subword", sub, article["id"]))
    return items


def mrr(ranked: list[list[str]], answers: list[str]) -> float:
    total = 0.0
    for ids, answer in zip(ranked, answers):
        if answer in ids[:K]:
            total += 1.0 / (ids.index(answer) + 1)
    return total / max(1, len(answers))


# --- the systems ------------------------------------------------------------------------------------

class Sastra:
    name = "sastra (analyze + tantivy)"

    def __init__(self, articles: list[dict[str, Any]], workdir: Path) -> None:
        from sastra.index import build_index

        self.path = workdir / "sastra"
        docs = [Document(a["id"], a["text"], meta={"url": a["url"], "category": a["category"]}) for a in articles]
        started = time.perf_counter()
        build_index(docs, self.path)
        self.build_seconds = time.perf_counter() - started

    def run(self, query: str) -> list[str]:
        from sastra.index import search

        results = search(self.path, query, limit=K, snippets=False)
        return [h.id for h in results.hits]


class TantivyDefault:
    name = "tantivy default tokenizer"

    def __init__(self, articles: list[dict[str, Any]], workdir: Path) -> None:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title")
        builder.add_text_field("body")
        path = workdir / "tantivy-default"
        path.mkdir()
        self.index = tantivy.Index(builder.build(), path=str(path))
        started = time.perf_counter()
        writer = self.index.writer(heap_size=128_000_000, num_threads=1)
        for a in articles:
            writer.add_document(tantivy.Document(id=a["id"], title=headline(a["text"]), body=a["text"]))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.build_seconds = time.perf_counter() - started

    def run(self, query: str) -> list[str]:
        parsed, _errors = self.index.parse_query_lenient(query, ["title", "body"])
        searcher = self.index.searcher()
        return [searcher.doc(address).get_first("id") for _, address in searcher.search(parsed, K).hits]


class Fts5Trigram:
    name = "SQLite FTS5 trigram"

    def __init__(self, articles: list[dict[str, Any]], workdir: Path) -> None:
        self.db = sqlite3.connect(str(workdir / "fts5.db"))
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(doc_id UNINDEXED, title, body, tokenize='trigram')")
        started = time.perf_counter()
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                            [(a["id"], headline(a["text"]), a["text"]) for a in articles])
        self.db.commit()
        self.build_seconds = time.perf_counter() - started

    def run(self, query: str) -> list[str]:
        chunks = [c for c in re.split(r"[\s\u200b]+", query) if len(c) >= 3]
        if not chunks:
            return []
        match = " OR ".join('"' + c.replace('"', '""') + '"' for c in chunks)
        rows = self.db.execute("SELECT doc_id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                               (match, K)).fetchall()
        return [r[0] for r in rows]


def quality(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = known_items(articles)
    kinds = ["headline", "subword", "misspelled"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for system_class in (Sastra, TantivyDefault, Fts5Trigram):
            system = system_class(articles, Path(tmp))
            per_kind: dict[str, list[tuple[list[str], str]]] = {k: [] for k in kinds}
            times = []
            for kind, query, answer in items:
                started = time.perf_counter()
                ids = system.run(query)
                times.append(time.perf_counter() - started)
                per_kind[kind].append((ids, answer))
            row: dict[str, Any] = {"system": system.name}
            for kind in kinds:
                pairs = per_kind[kind]
                row[f"MRR@10 {kind} (n={len(pairs)})"] = f"{mrr([p[0] for p in pairs], [p[1] for p in pairs]):.3f}"
            row["MRR@10 all"] = f"{mrr([i for p in per_kind.values() for i, _ in p], [a for p in per_kind.values() for _, a in p]):.3f}"
            row["p50 ms (1k docs)"] = f"{statistics.median(times) * 1000:.2f}"
            row["index s"] = f"{system.build_seconds:.2f}"
            rows.append(row)
    return rows


# --- speed on a large varied corpus -----------------------------------------------------------------

def _shift(tokens: tuple[AnalyzedToken, ...], by: int) -> list[AnalyzedToken]:
    return [AnalyzedToken(t.text, t.start + by, t.end + by, t.key, t.kind) for t in tokens]


class Composer:
    """Makes varied documents from analysed lines of the real corpus (analysis done once per line)."""

    def __init__(self, articles: list[dict[str, Any]], seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.shapes = [[line for line in a["text"].split("\n") if line.strip()] for a in articles]
        lines = sorted({line for shape in self.shapes for line in shape})
        self.lines = lines
        started = time.perf_counter()
        self.analysed = {line: analyze_text(line) for line in lines}
        self.analysis_seconds = time.perf_counter() - started
        self.categories = sorted({a["category"] for a in articles})

    def documents(self, count: int, seed: int = 11) -> Iterator[tuple[Document, Analysis]]:
        rng = random.Random(seed)
        for n in range(count):
            shape = self.shapes[rng.randrange(len(self.shapes))]
            chosen = [rng.choice(self.lines) for _ in range(max(2, len(shape)))]
            words: list[AnalyzedToken] = []
            pieces: list[AnalyzedToken] = []
            offset = 0
            for line in chosen:
                analysis = self.analysed[line]
                words.extend(_shift(analysis.words, offset))
                pieces.extend(_shift(analysis.pieces, offset))
                offset += len(line) + 1
            text = "\n".join(chosen)
            doc = Document(f"v{n}", text, meta={"url": f"https://example.org/{n}",
                                                "category": self.categories[n % len(self.categories)]})
            yield doc, Analysis(tuple(words), tuple(pieces))


def _percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return values[len(values) // 2] * 1000, values[min(len(values) - 1, int(len(values) * 0.99))] * 1000


def query_workload(articles: list[dict[str, Any]], queries: int) -> list[str]:
    """The timed queries: ``queries`` known items drawn at random (seed 5) and, for a quarter of them,
    their first two words."""
    rng = random.Random(5)
    items = known_items(articles)
    sample = [rng.choice(items) for _ in range(queries)]
    short = [" ".join(query.split()[:2]) for _, query, _ in sample[: queries // 4]]
    return [query for _, query, _ in sample] + short


def time_queries(path: Path, workload: list[str], where: str, warm: bool = False) -> list[dict[str, Any]]:
    """p50 / p99 of one ``search()`` call over ``workload``, without and with snippets, every query
    analysed and segmented afresh. ``warm``: the workload is first answered once, untimed (a search
    server that has been answering for a while: the index's pages are mapped, the Python code and the
    segmenter's tables are hot), then the query caches are emptied and the timed passes run."""
    from sastra.index import search
    from sastra.index.searching import _CHUNKS
    from sastra.segment.core import clear_cache

    for query in ["ក្រុង", "ភ្នំពេញ", "កម្ពុជា"]:  # open the index, fill the OS cache
        search(path, query)
    if warm:
        for query in workload:
            search(path, query, limit=K)
    rows = []
    for label, snippets in (("search(), no snippets: ids, titles, scores", False),
                            ("search() with highlighted snippets, limit 10", True)):
        _CHUNKS.clear()  # every query analysed afresh
        clear_cache()  # and segmented afresh (short texts are remembered by the segmenter)
        wall: list[float] = []
        cpu_times: list[float] = []
        for query in workload:
            started, cpu = time.perf_counter(), time.process_time()
            search(path, query, limit=K, snippets=snippets)
            wall.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu)
        p50, p99 = _percentiles(wall)
        c50, c99 = _percentiles(cpu_times)
        rows.append({"measure": f"{label}, {where}: p50 / p99, {len(wall)} queries",
                     "wall": f"{p50:.2f} / {p99:.2f} ms", "CPU": f"{c50:.2f} / {c99:.2f} ms",
                     "note": "headline, subword, misspelled and 2-word queries"})
    return rows


def speed(articles: list[dict[str, Any]], count: int, queries: int, keep: str | None = None) -> list[dict[str, Any]]:
    from sastra.index.store import prepare_document, write_index

    composer = Composer(articles)
    real = [(Document(a["id"], a["text"], meta={"url": a["url"], "category": a["category"]}), analyze_text(a["text"]))
            for a in articles]  # the real articles are in the index too (known items)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(keep) if keep else Path(tmp) / "big"
        clock = {"compose": 0.0, "compose_cpu": 0.0, "prepare": 0.0, "prepare_cpu": 0.0}

        def prepared(batch: int = 1000) -> Iterator[Any]:
            """Prepared documents; composing the test corpus (its analysis) is timed apart and left out."""
            stream = iter(real)
            generated = composer.documents(count - len(real))
            done = False
            while not done:
                started, cpu = time.perf_counter(), time.process_time()
                chunk = []
                for source in (stream, generated):
                    while len(chunk) < batch:
                        item = next(source, None)
                        if item is None:
                            break
                        chunk.append(item)
                done = len(chunk) < batch
                clock["compose"] += time.perf_counter() - started
                clock["compose_cpu"] += time.process_time() - cpu
                started, cpu = time.perf_counter(), time.process_time()
                out = [prepare_document(doc, analysis) for doc, analysis in chunk]
                clock["prepare"] += time.perf_counter() - started
                clock["prepare_cpu"] += time.process_time() - cpu
                yield from out

        started, cpu = time.perf_counter(), time.process_time()
        stats = write_index(prepared(), path, threads=1)
        total = time.perf_counter() - started - clock["compose"]
        total_cpu = time.process_time() - cpu - clock["compose_cpu"]
        size_mb = sum(f.stat().st_size for f in path.iterdir()) / 1e6
        n = stats.documents
        rows.append({"measure": f"indexing {n:,} analysed docs: fields + tantivy write (1 writer thread)",
                     "wall": f"{n / total:,.0f} docs/s", "CPU": f"{n / total_cpu:,.0f} docs/s",
                     "note": f"fields alone {n / clock['prepare']:,.0f} docs/s; tantivy write alone "
                             f"{n / max(1e-9, total - clock['prepare']):,.0f} docs/s (wall); index {size_mb:,.0f} MB"})
        workload = query_workload(articles, queries)
        analysed_lines, analysis_seconds = len(composer.lines), composer.analysis_seconds
        # the bench's own data (100,000 analysed documents' worth of small objects) is not what a
        # search process holds: dropped, and what remains frozen out of the garbage collector, so that
        # its collections do not walk the bench's heap in the middle of a timed query
        composer = real = None  # noqa: F841 - the closure above holds them otherwise
        gc.collect()
        gc.freeze()
        rows += time_queries(path, workload, "in the process that built the index")
        # and as a search process meets it: a new process that opens the index and answers
        import subprocess

        done = subprocess.run([sys.executable, __file__, "--time-queries", str(path), "--queries", str(queries)],
                              capture_output=True, text=True, check=True)
        rows += json.loads(done.stdout.splitlines()[-1])
    rows.append({"measure": "analysis (once per distinct line; not in the figures above)",
                 "wall": f"{analysed_lines:,} lines in {analysis_seconds:.1f}s", "CPU": "", "note": ""})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the speed run")
    parser.add_argument("--queries", type=int, default=1000, help="queries in the speed run")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="build the speed index in DIR and keep it")
    parser.add_argument("--time-queries", metavar="DIR", help=argparse.SUPPRESS)  # the new-process timing
    args = parser.parse_args(argv)
    if args.time_queries:
        workload = query_workload(load_articles(), args.queries)
        gc.collect()
        gc.freeze()
        print(json.dumps(time_queries(Path(args.time_queries), workload, "a new process, warmed by one untimed "
                                      "pass", warm=True)))
        return 0
    if not CORPUS.exists():
        print(f"search_bench: {CORPUS} is absent", file=sys.stderr)
        return 1
    from sastra.index.analysis import segmenter_name

    articles = load_articles()
    print(f"# sastra search benchmark\n\nword segmenter: {segmenter_name()}\n")
    if not args.skip_quality:
        print(f"## Known-item quality ({len(articles)} articles of {CORPUS.name})\n")
        print_table(quality(articles))
        print()
    if not args.skip_speed:
        print(f"## Speed ({args.docs:,} documents)\n")
        print_table(speed(articles, args.docs, args.queries, args.keep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
