"""``sastra normalize``: canonical Khmer for files, folders, JSON Lines and stdin."""

from __future__ import annotations

import argparse
import json
import sys

from sastra.cli import text_argument


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "normalize", help="canonical Khmer Unicode (cluster order, split vowels, invisibles)",
        description="Write the canonical form of each input. Problems (undecodable bytes, binary or "
                    "empty files) are reported on stderr with file and byte offset; the rest goes on.")
    parser.add_argument("inputs", nargs="*", default=["-"], metavar="INPUT",
                        help="files, folders or JSON Lines files; '-' or nothing for stdin")
    parser.add_argument("-o", "--output", help="output file (default: stdout)")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text",
                        help="text: the normalized text; jsonl: one record per document with edits")
    parser.add_argument("--explain", action="store_true",
                        help="also list every edit on stderr (position, before, after, fixer)")
    parser.add_argument("--validate", action="store_true",
                        help="report clusters that stay invalid after normalization")
    parser.add_argument("--search-key", action="store_true",
                        help="write the aggressive search key instead of the canonical text")
    parser.add_argument("--text-field", type=text_argument, default="text", help="text field of JSON Lines input")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sastra.io import Problem, check_output_path, iter_documents, open_output, report
    from sastra.normalize import normalize_and_explain, search_key, validate
    from sastra.records import to_jsonable

    check_output_path(args.output, args.inputs)
    failures = 0
    out = open_output(args.output)
    try:
        for item in iter_documents(args.inputs, text_field=args.text_field):
            if isinstance(item, Problem):
                report(item, verb="normalize")
                failures += item.fatal
                continue
            source = item.meta.get("source", item.id)
            result = normalize_and_explain(item.text)
            text = search_key(item.text) if args.search_key else result.text
            if args.explain:
                for edit in result.edits:
                    line = item.text.count("\n", 0, edit.start) + 1
                    print(f"{source}:{line}: offset {edit.start}: {edit.fixer}: "
                          f"{_codepoints(edit.before)} -> {_codepoints(edit.after)}", file=sys.stderr)
            invalid = validate(item.text) if args.validate else []
            for problem in invalid:
                line = item.text.count("\n", 0, problem.start) + 1
                print(f"{source}:{line}: offset {problem.start}: invalid cluster "
                      f"{problem.text!r}: {problem.reason}", file=sys.stderr)
            if args.format == "jsonl":
                record = {"id": item.id, "text": text, "edits": to_jsonable(result.edits)}
                if args.validate:
                    record["invalid"] = to_jsonable(invalid)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(text)
                if text and not text.endswith("\n"):
                    out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failures else 0


def _codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text) or "(nothing)"
