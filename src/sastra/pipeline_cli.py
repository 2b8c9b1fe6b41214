"""``sastra run``: the whole pipeline over files, folders, JSON Lines, WARC or stdin. Thin: calls
:func:`sastra.pipeline.run`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sastra.cli import RULES_ONLY_HELP, folder_argument, positive_int_argument, text_argument

#: the stages ``--skip`` may name (= sastra.pipeline.STAGE_NAMES, kept light for ``sastra --help``)
STAGE_NAMES = ("clean", "normalize", "segment", "extract")
#: rejects listed one per line on stderr; the rest are counted (all are in OUT/rejects.jsonl)
MAX_LISTED_REJECTS = 20


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run",
        help="clean, normalize, segment, extract, find near-duplicates, write records and build the index",
        description="Run the corpus pipeline. Writes OUT/records.jsonl and OUT/records.parquet (one schema), "
                    "OUT/rejects.jsonl (with reasons), OUT/summary.json and the search index OUT/index. "
                    "Run it again with the same arguments to resume an interrupted run.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files or folders (.txt, .html, .jsonl, .warc, .warc.gz), or - for stdin")
    parser.add_argument("--out", "-o", required=True, metavar="DIR", type=folder_argument, help="output folder")
    parser.add_argument("--executor", choices=("local", "ray"), default="local",
                        help="local processes (default) or Ray Data (pip install 'sastra[distributed]')")
    parser.add_argument("--workers", type=positive_int_argument, default=None, metavar="N",
                        help="worker processes (default: every core); with ray, parallel tasks")
    parser.add_argument("--ray-address", default=None, metavar="ADDR",
                        help="Ray cluster to join, e.g. auto or ray://head:10001 (default: $RAY_ADDRESS, "
                             "else a local Ray)")
    parser.add_argument("--text-field", type=text_argument, default="text", metavar="F",
                        help="JSON Lines field with the text")
    parser.add_argument("--id-field", type=text_argument, default="id", metavar="F",
                        help="JSON Lines field with the document id")
    parser.add_argument("--shard-size", type=positive_int_argument, default=100, metavar="N",
                        help="documents per committed shard (the unit of resuming and of parallel work; default 100)")
    parser.add_argument("--max-chars", type=positive_int_argument, default=None, metavar="N",
                        help="reject a document whose text after cleaning is longer than N characters as "
                             "too_large (default 2,000,000; a news article is under 100,000)")
    parser.add_argument("--skip", action="append", default=[], metavar="STAGE", choices=STAGE_NAMES,
                        help=f"leave out a stage ({', '.join(STAGE_NAMES)}); repeatable")
    parser.add_argument("--no-dedup", action="store_true", help="do not look for near-duplicates")
    parser.add_argument("--no-site-furniture", action="store_true",
                        help="skip the corpus pass that finds lines repeated across a site's pages (it reads "
                             "the input twice)")
    parser.add_argument("--rules-only", action="store_true", help=RULES_ONLY_HELP)
    parser.add_argument("--no-index", action="store_true", help="do not build the search index")
    parser.add_argument("--no-parquet", action="store_true", help="write JSON Lines only")
    parser.add_argument("--restart", action="store_true", help="discard an earlier run in OUT and start over")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when any document was rejected (default: 0 once every "
                             "document is accounted for)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from sastra.io import report
    from sastra.pipeline import run

    if args.executor == "local" and not args.no_parquet:
        from sastra.schema import skip_pandas_probe

        skip_pandas_probe()  # (this process and the workers it forks never hand pyarrow pandas objects)
    summary = run(args.inputs, args.out, executor=args.executor, workers=args.workers,
                  text_field=args.text_field, id_field=args.id_field, shard_size=args.shard_size,
                  skip=tuple(args.skip), dedup=not args.no_dedup, index=not args.no_index,
                  parquet=not args.no_parquet, restart=args.restart, progress=not args.quiet,
                  ray_address=args.ray_address, site_boilerplate=not args.no_site_furniture,
                  learned_names=not args.rules_only,
                  **({"max_chars": args.max_chars} if args.max_chars is not None else {}))
    rejected = sum(summary.rejected.values())
    if rejected:
        with open(summary.files["rejects"], encoding="utf-8") as stream:
            for number, line in enumerate(stream):
                if number == MAX_LISTED_REJECTS:
                    report(f"... and {rejected - MAX_LISTED_REJECTS} more", verb="run")
                    break
                reject = json.loads(line)
                where = reject["source"] + (f":{reject['line']}" if reject.get("line") else "")
                if not reject.get("line") and reject["id"].split("~")[0] not in (Path(where).stem, "stdin"):
                    where += f" [{reject['id']}]"  # (a record of a JSON Lines file: its id says which)
                report(f"{where}: rejected ({reject['reason']}) {reject.get('detail') or ''}".rstrip(), verb="run")
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(summary.text(), file=sys.stderr)
    if summary.index_error:
        return 1
    return 1 if (args.strict and rejected) else 0
