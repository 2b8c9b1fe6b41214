"""``sastra clean INPUT... [-o OUT] [--format text|jsonl] [--report FILE]``: thin layer over the library."""

from __future__ import annotations

import argparse
from typing import Any

from sastra.cli import text_argument

#: document flags that make a file count as a problem (reported on stderr, non-zero exit)
PROBLEM_FLAGS = {
    "legacy_encoding": "legacy Khmer font encoding (Limon/ABC-style Latin-1 glyphs): kept as is; "
                       "convert it to Unicode first",
    "mojibake": "UTF-8 Khmer decoded as Latin-1/cp1252 (mojibake): kept as is; re-read it as UTF-8",
    "utf16": "UTF-16 text read as 8-bit (NUL bytes): kept as is; re-read it as UTF-16",
    "empty": "empty document",
    "broken_html": "HTML the tokenizer could not read: cleaned as plain text",
    "unread_text": "HTML page that shows text of which the reader found none: no article text kept",
}
#: flags worth a note on stderr without failing the run
NOTE_FLAGS = {
    "not_khmer": "mostly not Khmer script",
    "nothing_kept": "every line looked like page furniture: the page is kept whole",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "clean", help="keep the article text of crawled pages; report what was removed and why",
        description="Clean crawled Khmer news (plain text or HTML; files, folders, JSON Lines, - for "
                    "stdin). Lines removed or tagged are listed with their reason in --report.")
    parser.add_argument("inputs", nargs="*", default=["-"], metavar="INPUT",
                        help="files, folders or JSON Lines files; '-' or nothing for stdin")
    parser.add_argument("-o", "--output", help="output file (default stdout); a folder (ending in /) "
                        "gets one file per document")
    parser.add_argument("--format", choices=("text", "jsonl"), default=None,
                        help="text (documents separated by a form-feed line) or jsonl (default: jsonl "
                             "when the input is JSON Lines, a .jsonl file or stdin that starts with {, or the "
                             "output ends in .jsonl; else text)")
    parser.add_argument("--report", help="write every removed or tagged line (TSV, or JSON Lines if "
                        "the name ends in .jsonl; - for stdout when -o names the output)")
    parser.add_argument("--kind", choices=("auto", "text", "html"), default=None,
                        help="force the input kind (default: from the file suffix, else sniffed)")
    parser.add_argument("--repeated", action="store_true",
                        help="first find lines repeated across many pages of one site and remove them")
    parser.add_argument("--html-engine", choices=("auto", "trafilatura", "builtin"), default="auto")
    parser.add_argument("--text-field", type=text_argument, default="text", help="JSON Lines field holding the page")
    parser.add_argument("--id-field", type=text_argument, default="id", help="JSON Lines field holding the id")
    parser.add_argument("--keep-raw", action="store_true", help="jsonl output: include the raw page")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sastra.clean.batch import clean_inputs

    return clean_inputs(args.inputs, output=args.output, fmt=args.format, report_path=args.report,
                        kind=args.kind, repeated=args.repeated, html_engine=args.html_engine,
                        text_field=args.text_field, id_field=args.id_field, keep_raw=args.keep_raw)
