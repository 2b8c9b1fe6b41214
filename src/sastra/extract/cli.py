"""``sastra extract``: mentions (dates, money, numbers, persons, organizations, places) per document."""

from __future__ import annotations

import argparse
import datetime
import sys

from sastra.cli import RULES_ONLY_HELP, text_argument

KIND_NAMES = ("date", "money", "number", "person", "org", "loc")  # = sastra.extract.KINDS, kept light


def kinds_argument(value: str) -> tuple[str, ...]:
    """``--kinds``: mention kinds separated by commas (or spaces), each one of :data:`KIND_NAMES`.
    ``--kinds ""`` is refused too: every document would come out with no mention, silently."""
    kinds = tuple(dict.fromkeys(k for k in value.replace(",", " ").split() if k))
    unknown = [k for k in kinds if k not in KIND_NAMES]
    if unknown or not kinds:
        what = f"unknown kind {', '.join(map(repr, unknown))}" if unknown else "names no kind"
        raise argparse.ArgumentTypeError(f"{what}; choose from {','.join(KIND_NAMES)}")
    return kinds


def date_argument(value: str) -> datetime.date:
    """``--reference-date``: a calendar date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "extract", help="dates, money, numbers, persons, organizations and places",
        description="Find mentions in each input document. jsonl: one record per document with its "
                    "id and mentions (kind, start, end, text, value, rule, title, attrs; offsets into "
                    "the document text). text: the document with each mention marked inline as "
                    "[kind:text]. Problems are reported on stderr and the run goes on.")
    parser.add_argument("inputs", nargs="*", default=["-"], metavar="INPUT",
                        help="files, folders or JSON Lines files; '-' or nothing for stdin")
    parser.add_argument("-o", "--output", help="output file (default: stdout)")
    parser.add_argument("--format", choices=("jsonl", "text"), default="jsonl",
                        help="jsonl (default): mentions per document; text: mentions marked inline")
    parser.add_argument("--kinds", default=None, type=kinds_argument,
                        help=f"comma-separated kinds to keep (default all: {','.join(KIND_NAMES)})")
    parser.add_argument("--reference-date", default=None, metavar="YYYY-MM-DD", type=date_argument,
                        help="publication date passed to the date finder")
    parser.add_argument("--rules-only", action="store_true", help=RULES_ONLY_HELP)
    parser.add_argument("--text-field", type=text_argument, default="text", help="text field of JSON Lines input")
    parser.add_argument("--id-field", type=text_argument, default="id", help="id field of JSON Lines input")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from sastra.extract import _check_kinds, extract
    from sastra.extract.render import mark_inline
    from sastra.io import Problem, check_output_path, iter_documents, open_output, report
    from sastra.records import to_jsonable

    kinds = _check_kinds(args.kinds)
    check_output_path(args.output, args.inputs)
    failures = 0
    out = open_output(args.output)
    try:
        for item in iter_documents(args.inputs, text_field=args.text_field, id_field=args.id_field):
            if isinstance(item, Problem):
                report(item, verb="extract")
                failures += item.fatal
                continue
            mentions = extract(item.text, kinds=kinds, reference_date=args.reference_date,
                               learned=not args.rules_only)
            if args.format == "jsonl":
                record = {"id": item.id, "mentions": to_jsonable(mentions)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                marked = mark_inline(item.text, mentions)
                out.write(f"# {item.id}\n{marked}")
                if not marked.endswith("\n"):
                    out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failures else 0
