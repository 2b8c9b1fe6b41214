"""Cleaning many inputs: files, folders, JSON Lines; problems reported per file, the rest processed."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import IO
from urllib.parse import urlparse

from sastra.errors import InputError
from sastra.io import (Problem, check_output_path, iter_documents, open_output, read_stdin, report,
                       same_file, stdin_is_jsonl)
from sastra.records import Document, to_jsonable
from sastra.clean.cli import NOTE_FLAGS, PROBLEM_FLAGS
from sastra.clean.core import clean_document
from sastra.clean.corpus import find_repeated_lines

VERB = "clean"


def site_of(doc: Document) -> str:
    """The site a document belongs to: its URL's host, else the folder it was read from."""
    url = doc.meta.get("url")
    if isinstance(url, str) and url:
        host = urlparse(url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    source = doc.meta.get("source")
    return str(Path(str(source)).parent) if source else ""


def clean_inputs(inputs: list[str], *, output: str | None = None, fmt: str | None = None,
                 report_path: str | None = None, kind: str | None = None, repeated: bool = False,
                 html_engine: str = "auto", text_field: str = "text", id_field: str = "id",
                 keep_raw: bool = False, err: IO[str] | None = None) -> int:
    """Clean every document of ``inputs``; returns the exit status (1 if any input had a problem)."""
    check_output_path(output, inputs)
    report_to_stdout = report_path == "-"
    if report_to_stdout and (not output or output == "-"):
        raise InputError("--report - and the cleaned text would both go to stdout: give -o FILE or FOLDER/, "
                         "or a --report file")
    if report_path and not report_to_stdout:
        check_output_path(report_path, inputs, option="--report")
        if output and output != "-" and same_file(report_path, output):
            raise InputError(f"--report and -o both name {report_path}; the report would replace the "
                             f"output: choose another --report")
    # stdin read once, here: what it holds chooses the output format as a file's suffix does, and
    # --repeated reads the inputs twice
    stdin = read_stdin() if "-" in inputs else None
    jsonl_input = any(str(i).lower().endswith((".jsonl", ".ndjson")) for i in inputs) or \
        (stdin is not None and stdin_is_jsonl(stdin))
    if fmt is None:
        fmt = "jsonl" if jsonl_input or (output or "").endswith(".jsonl") else "text"
    per_file_dir = bool(output) and (output.endswith(("/", os.sep)) or Path(output).is_dir())

    repeated_by_site: dict[str, frozenset[str]] = {}
    if repeated:
        texts: dict[str, list[str]] = defaultdict(list)
        for item in iter_documents(inputs, text_field=text_field, id_field=id_field, stdin=stdin):
            if isinstance(item, Document):
                texts[site_of(item)].append(item.raw or item.text)
        repeated_by_site = find_repeated_lines(texts)

    failed_sources: set[str] = set()
    counts: Counter[str] = Counter()
    flag_counts: Counter[str] = Counter()
    n_docs = 0
    written_names = _report_name_in(output, report_path, fmt) if per_file_dir else set()
    out = None if per_file_dir else open_output(output)
    report_file = open_output(report_path) if report_path else None
    report_jsonl = bool(report_path) and report_path.endswith(".jsonl")
    if report_file and not report_jsonl:
        report_file.write("id\tstart\tend\treason\tkept\ttext\n")
    try:
        first = True
        for item in iter_documents(inputs, text_field=text_field, id_field=id_field, stdin=stdin):
            if isinstance(item, Problem):
                report(item, verb=VERB)
                if item.fatal or item.reason == "empty file":
                    failed_sources.add(item.source)
                continue
            source = str(item.meta.get("source", item.id))
            try:
                doc = clean_document(item, kind=kind, repeated=repeated_by_site.get(site_of(item), frozenset()),
                                     html_engine=html_engine)
            except Exception as exc:  # noqa: BLE001 - one bad document never stops the run
                report(Problem(source, f"{item.id}: could not clean: {exc}", fatal=True), verb=VERB)
                failed_sources.add(source)
                continue
            n_docs += 1
            for flag in doc.flags:
                if flag in PROBLEM_FLAGS and not (flag == "empty" and source in failed_sources):
                    report(Problem(source, f"{doc.id}: {PROBLEM_FLAGS[flag]}"), verb=VERB)
                    failed_sources.add(source)
                elif flag in NOTE_FLAGS:
                    report(Problem(source, f"{doc.id}: note: {NOTE_FLAGS[flag]}"), verb=VERB)
            for removal in doc.removed:
                counts[removal.reason] += 1
            for flag in doc.flags:
                flag_counts[flag] += 1
            if report_file:
                _write_report(report_file, doc, report_jsonl)
            if per_file_dir:
                _write_one(Path(output or "."), doc, fmt, keep_raw, written_names)
            else:
                assert out is not None
                _write(out, doc, fmt, keep_raw, first)
            first = False
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
        elif out is sys.stdout:
            out.flush()
        if report_file is sys.stdout:
            report_file.flush()
        elif report_file:
            report_file.close()
    summary = ", ".join(f"{reason} {n}" for reason, n in counts.most_common()) or "nothing"
    if flag_counts:
        summary += "; flagged: " + ", ".join(f"{flag} {n}" for flag, n in flag_counts.most_common())
    print(f"sastra {VERB}: {n_docs} documents cleaned; removed or tagged: {summary}"
          + (f"; {len(failed_sources)} inputs with problems" if failed_sources else ""), file=err or sys.stderr)
    return 1 if failed_sources else 0


def _record(doc: Document, keep_raw: bool) -> dict:
    record = {"id": doc.id, "text": doc.text, "meta": to_jsonable(doc.meta), "flags": list(doc.flags),
              "removed": to_jsonable(doc.removed)}
    if keep_raw:
        record["raw"] = doc.raw
    return record


def _write(out: IO[str], doc: Document, fmt: str, keep_raw: bool, first: bool) -> None:
    if fmt == "jsonl":
        out.write(json.dumps(_record(doc, keep_raw), ensure_ascii=False) + "\n")
    else:
        if not first:
            out.write("\f\n")
        out.write(doc.text + "\n")


def _report_name_in(folder: str | None, report_path: str | None, fmt: str) -> set[str]:
    """The report's name when it stands in the per-document output folder as a document's file
    would (``OUT/report.txt`` beside ``OUT/<id>.txt``): taken from the start, so that a document
    whose id is ``report`` gets ``report~2`` instead of overwriting the report."""
    if not folder or not report_path or report_path == "-":
        return set()
    report = Path(report_path)
    if report.suffix != (".jsonl" if fmt == "jsonl" else ".txt") or \
            os.path.abspath(report.parent) != os.path.abspath(folder):
        return set()
    return {report.stem.lower()}


def _write_one(folder: Path, doc: Document, fmt: str, keep_raw: bool, written: set[str]) -> None:
    """One file per document; a repeated id (or one that maps to the same file name) gets ``~2``,
    ``~3``... so that no document overwrites another's file."""
    folder.mkdir(parents=True, exist_ok=True)
    base = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in doc.id) or "document"
    name, number = base, 1
    while name.lower() in written:  # (lower: a case-insensitive file system sees one file)
        number += 1
        name = f"{base}~{number}"
    written.add(name.lower())
    if fmt == "jsonl":
        (folder / f"{name}.jsonl").write_text(json.dumps(_record(doc, keep_raw), ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    else:
        (folder / f"{name}.txt").write_text(doc.text + "\n", encoding="utf-8")


def _write_report(file: IO[str], doc: Document, as_jsonl: bool) -> None:
    if as_jsonl:
        file.write(json.dumps({"id": doc.id, "flags": list(doc.flags), "removed": to_jsonable(doc.removed)},
                              ensure_ascii=False) + "\n")
        return
    doc_id = doc.id.translate(_TSV_ESCAPES)  # (an id from JSON may hold a tab or a line break)
    for r in doc.removed:
        text = " ".join(r.text.split())
        if len(text) > 200:
            text = text[:199] + "…"
        file.write(f"{doc_id}\t{r.start}\t{r.end}\t{r.reason}\t{'kept' if r.kept else 'removed'}\t{text}\n")


#: the escapes of linear TSV, for the one field of the report that is not made one line of text
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
