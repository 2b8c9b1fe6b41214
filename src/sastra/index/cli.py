"""Verbs ``sastra index``, ``sastra search`` and ``sastra export-opensearch``: thin layers over
:mod:`sastra.index`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sastra.cli import folder_argument, text_argument


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("index", help="build a search index from records (JSON Lines)",
                              description="Build a fresh search index in --out from sastra records or "
                                          "plain JSON Lines (id, text, ...). Near-duplicates are linked, "
                                          "not indexed.")
    p.add_argument("inputs", nargs="+", metavar="RECORDS.jsonl", help="JSON Lines files, or - for stdin")
    p.add_argument("--out", "-o", required=True, metavar="DIR", type=folder_argument,
                   help="index folder (replaced if it holds an index)")
    p.add_argument("--text-field", type=text_argument, default="text",
                   help="field holding the text in plain JSON Lines")
    p.add_argument("--id-field", type=text_argument, default="id")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(handler=_index)

    p = subparsers.add_parser("search", help="search an index",
                              description="Ranked hits with highlighted snippets. Query syntax: words, "
                                          '"phrases", +must -mustnot, title:..., date:2019-07, '
                                          "person:... org:... place:... site:... category:... "
                                          "amount:>=1000 currency:USD (see docs/search.md). A query "
                                          "that starts with - goes after -- (sastra search DIR -n 5 -- "
                                          "'-word other'), as for any command.")
    p.add_argument("index_dir", metavar="DIR", help="an index folder (from `sastra index` or `sastra run`)")
    p.add_argument("query", help="the query")
    p.add_argument("--filter", "-f", type=text_argument, action="append", default=[], metavar="FIELD:VALUE",
                   help="a filter, e.g. date:2019-07 or person:\"...\"; repeatable")
    p.add_argument("--limit", "-n", type=int, default=10)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument("--facets", action="store_true", help="also print entity/site/category counts")
    p.set_defaults(handler=_search)

    p = subparsers.add_parser("export-opensearch", help="write OpenSearch/Elasticsearch bulk NDJSON",
                              description="Write the records as bulk NDJSON whose fields carry sastra's "
                                          "pre-analysed tokens, plus an index template (whitespace "
                                          "analyzer): the cluster needs no Khmer analyzer.")
    p.add_argument("inputs", nargs="+", metavar="RECORDS.jsonl")
    p.add_argument("--out", "-o", required=True, metavar="FILE.ndjson", help="bulk file (- for stdout)")
    p.add_argument("--index-name", type=text_argument, default="sastra")
    p.add_argument("--template", metavar="FILE.json", help="where to write the index template "
                                                           "(default: beside --out; with --out -, none)")
    p.add_argument("--text-field", type=text_argument, default="text")
    p.add_argument("--id-field", type=text_argument, default="id")
    p.set_defaults(handler=_export)


def _documents(args: argparse.Namespace, verb: str, counts: dict[str, int]):
    from sastra.index.records_io import iter_records
    from sastra.io import Problem, report

    for item in iter_records(args.inputs, text_field=args.text_field, id_field=args.id_field):
        if isinstance(item, Problem):
            report(item, verb=verb)
            counts["problems"] += 1
            continue
        counts["read"] += 1
        yield item


def _index(args: argparse.Namespace) -> int:
    from sastra.index.store import build_index
    from sastra.io import check_output_path

    check_output_path(args.out, args.inputs)
    counts = {"read": 0, "problems": 0}
    docs = _documents(args, "index", counts)
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        docs = tqdm(docs, unit="doc", desc="indexing", file=sys.stderr)
    stats = build_index(docs, args.out)
    repeated = f", {stats.repeated_ids} with an id read before (not indexed)" if stats.repeated_ids else ""
    print(f"sastra index: {counts['read']} read, {stats.documents} indexed, {stats.duplicates} duplicates "
          f"linked, {stats.skipped} empty{repeated}, {counts['problems']} problems; {stats.tokens} tokens in "
          f"{stats.seconds:.1f}s -> {args.out}", file=sys.stderr)
    return 1 if counts["problems"] else 0


def _search(args: argparse.Namespace) -> int:
    from sastra.index.searching import results_to_json, search

    results = search(args.index_dir, args.query, filters=args.filter, limit=args.limit, offset=args.offset,
                     facets=args.facets, count=True)
    if results.error:
        print(f"sastra search: {results.error}", file=sys.stderr)
        return 2
    out = sys.stdout
    if args.format == "jsonl":
        data = results_to_json(results)
        for hit in data["hits"]:
            out.write(json.dumps(hit, ensure_ascii=False) + "\n")
        if args.facets:
            out.write(json.dumps({"facets": data["facets"], "total": results.total}, ensure_ascii=False) + "\n")
        return 0
    out.write(f"{results.total} documents match; showing {len(results.hits)} ({results.took_ms:.1f} ms)\n")
    for rank, hit in enumerate(results.hits, args.offset + 1):
        out.write(f"\n{rank}. [{hit.id}] {hit.title}  (score {hit.score:.2f})\n")
        if hit.url:
            out.write(f"   {hit.url}\n")
        for snippet in hit.snippets:
            body = " ".join(snippet.marked("\u00ab", "\u00bb").split())
            out.write(f"   @{snippet.start}: {body}\n")
        found = [f"{m.kind}:{m.value if m.kind != 'money' else m.text}" for m in hit.entities + hit.dates]
        if found:
            out.write("   matched: " + ", ".join(str(f) for f in found) + "\n")
        if hit.duplicates:
            out.write(f"   near-duplicates: {', '.join(hit.duplicates)}\n")
    if args.facets:
        for name, buckets in results.facets.items():
            if buckets:
                out.write(f"\n{name}: " + ", ".join(f"{value} ({count})" for value, count in buckets) + "\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sastra.errors import InputError
    from sastra.index.opensearch import default_template_path, export_opensearch
    from sastra.io import check_output_path

    template = args.template or default_template_path(args.out)
    check_output_path(args.out, args.inputs, option="--out")
    check_output_path(template and str(template), args.inputs, option="--template")
    if template and args.out != "-" and Path(template).resolve() == Path(args.out).resolve():
        raise InputError(f"--template and --out name the same file, {args.out}; choose another --template")
    counts = {"read": 0, "problems": 0}
    stats = export_opensearch(_documents(args, "export-opensearch", counts), args.out,
                              index_name=args.index_name, template_path=template)
    where = f"template {stats.template_path}" if stats.template_path else \
        "no index template written: give --template FILE.json for one"
    print(f"sastra export-opensearch: {stats.documents} documents, {stats.duplicates} duplicates linked, "
          f"{counts['problems']} problems -> {stats.bulk_path} ({where})", file=sys.stderr)
    return 1 if counts["problems"] else 0
