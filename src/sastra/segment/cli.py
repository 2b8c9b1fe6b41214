"""``sastra segment``: words (and sentences) of files, folders, JSON Lines and stdin."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys

from sastra.cli import text_argument
from sastra.segment.registry import DEFAULT_ENGINE, ENGINES, GRANULARITIES


def separator_argument(value: str) -> str:
    """``--sep``: the word separator of text output, with escapes like ``\\u200b`` and ``\\t`` read.
    A lone surrogate (from an escape like ``\\ud800``, or undecodable bytes on the command line) can
    be written in no encoding: refused here, before any work, not when the first line is written."""
    try:
        # (non-Latin-1 characters go in as escapes, so that a separator like "។\\t" keeps its "។")
        sep = value.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in value else value
    except UnicodeDecodeError as exc:
        raise argparse.ArgumentTypeError(f"{value!r}: not a valid escape ({exc.reason})") from None
    if any("\ud800" <= ch <= "\udfff" for ch in sep):
        raise argparse.ArgumentTypeError(f"{value!r} is not text (a lone surrogate or undecodable bytes); "
                                         "give UTF-8 text or an escape such as \\u200b")
    return sep


def register(sub: argparse._SubParsersAction) -> None:
    engines = "; ".join(f"{name}: {info.description}" for name, info in ENGINES.items())
    parser = sub.add_parser(
        "segment", help="split Khmer text into words (and sentences)",
        description="Segment each input into words. Text output keeps the lines of the input and "
                    "joins the words of a line with --sep; JSON Lines output gives every token with "
                    f"its offsets and kind. Engines: {engines}.")
    parser.add_argument("inputs", nargs="*", default=["-"], metavar="INPUT",
                        help="files, folders or JSON Lines files; '-' or nothing for stdin")
    parser.add_argument("-o", "--output", help="output file (default: stdout)")
    parser.add_argument("--engine", choices=tuple(ENGINES), default=DEFAULT_ENGINE,
                        help=f"word engine (default: {DEFAULT_ENGINE})")
    parser.add_argument("--granularity", choices=GRANULARITIES, default="word",
                        help="word: compounds whole; fine: compound parts, prefixes and suffixes split")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text",
                        help="text: words joined by --sep, line by line; jsonl: tokens with offsets")
    parser.add_argument("--sep", "--separator", dest="sep", default=" ", type=separator_argument,
                        help="word separator of text output (default: a space); escapes like \\u200b and "
                             "\\t are understood")
    parser.add_argument("--sentences", action="store_true",
                        help="text: one sentence per line; jsonl: add the sentences with offsets")
    parser.add_argument("--user-words", metavar="FILE", action="append", default=[],
                        help="a file of words to keep whole, one per line (repeatable)")
    parser.add_argument("--text-field", type=text_argument, default="text", help="text field of JSON Lines input")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sastra.errors import InputError
    from sastra.io import (STDIN, Problem, check_output_path, iter_documents, iter_jsonl, iter_stdin_lines,
                           looks_like_jsonl, open_output, read_text, report, without_bad_bytes)
    from sastra.records import to_jsonable
    from sastra.segment import UserDictionary, get_engine, segment_words, split_sentences

    check_output_path(args.output, [*args.inputs, *args.user_words])  # (never over a word list)
    get_engine(args.engine)  # fail early on a bad model file
    words = UserDictionary()
    for path in args.user_words:
        if not os.path.isfile(path):
            raise InputError("cannot read user words: " + ("a folder, not a file" if os.path.isdir(path) else
                                                           "no such file"), source=path)
        decoded = read_text(path)  # (decoded like any input: UTF-16, bad bytes and binary data said)
        if decoded.text is None:
            raise InputError(f"cannot read user words: {decoded.problems[0].reason}", source=path)
        for problem in decoded.problems:
            report(problem, verb="segment")
        words.add(line.strip() for line in decoded.text.splitlines() if line.strip() and not line.startswith("#"))
    sep = args.sep

    def words_of(text: str):
        return segment_words(text, engine=args.engine, granularity=args.granularity, user_words=words)

    def write_text(text: str) -> None:
        pieces = split_sentences(text) if args.sentences else None
        if pieces is None:
            for line in text.splitlines():
                out.write(sep.join(t.text for t in words_of(line)) + "\n")
        else:
            for sentence in pieces:
                out.write(sep.join(t.text for t in words_of(sentence.text)) + "\n")

    failures = 0
    out = open_output(args.output)
    try:
        documents = None
        if args.inputs == ["-"] and args.format == "text":  # streaming: one line at a time
            lines = iter_stdin_lines()
            for number, line in enumerate(lines, 1):
                if isinstance(line, Problem):
                    report(line, verb="segment")
                    failures += line.fatal
                elif looks_like_jsonl(line):  # JSON Lines: the text field of each record
                    documents = iter_jsonl(itertools.chain([line], lines), STDIN, text_field=args.text_field)
                    break
                else:
                    line, bad_bytes = without_bad_bytes(line, STDIN, number)
                    if bad_bytes is not None:
                        report(bad_bytes, verb="segment")
                    write_text(line)
            if documents is None:
                return 1 if failures else 0
        for item in documents or iter_documents(args.inputs, text_field=args.text_field):
            if isinstance(item, Problem):
                report(item, verb="segment")
                failures += item.fatal
                continue
            if args.format == "jsonl":
                record = {"id": item.id, "text": item.text, "tokens": to_jsonable(words_of(item.text))}
                if args.sentences:
                    record["sentences"] = to_jsonable(split_sentences(item.text))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                write_text(item.text)
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failures else 0
