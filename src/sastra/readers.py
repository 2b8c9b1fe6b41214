"""Reading a run's inputs: files, folders, JSON Lines, WARC/WARC.gz and stdin, in one ordered stream.

Everything but WARC goes through :func:`sastra.io.iter_documents` (encoding detected and reported,
``meta["format"]`` set for the cleaner). WARC files are read with warcio: HTTP responses whose
content type is HTML become documents with ``meta["format"] = "html"`` (so the HTML cleaner takes
them), with the target URL, the WARC date and record id; other records (requests, metadata, images,
scripts) are counted as skipped, not documents.

The stream is deterministic (folders sorted, files in order), which is what lets an interrupted run
pick up where it stopped.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import os
import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from sastra.io import Problem, _binary_format, decode_bytes, iter_documents, iter_paths, iter_stdin
from sastra.records import Document

__all__ = ["WARC_SUFFIXES", "is_warc", "iter_warc", "iter_inputs", "Skipped", "input_fingerprint"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A WARC record that is not a document (a request, an image, a redirect): counted, not read."""

    source: str
    reason: str


def is_warc(path: str | Path) -> bool:
    name = str(path).lower()
    return name.endswith(WARC_SUFFIXES)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip().strip('"').lower()
    return None


def _decode(body: bytes, charset: str | None, source: str) -> tuple[str | None, str, tuple[Problem, ...]]:
    """A response's text in the charset its header gives, else as detected. A single-byte charset
    (ISO-8859-1, windows-1252) decodes any bytes, so UTF-8 bytes under such a header, a common server
    default, would become mojibake (``áž€`` for ``ក``): bytes that are well-formed UTF-8 and not all
    ASCII are read as UTF-8, and the mismatch is reported."""
    if charset:
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if not codecs.lookup(charset).name.startswith("utf") and not body.isascii():
                try:
                    return body.decode("utf-8"), "utf-8", (Problem(
                        source, f"the header says charset={charset}, but the bytes are UTF-8; read as UTF-8"),)
                except UnicodeDecodeError:
                    pass
            return text, charset, ()
    decoded = decode_bytes(body, source)
    return decoded.text, decoded.encoding, decoded.problems


#: how a WARC file starts, gzipped (one member per record) or not, and an old ARC file
_ARCHIVE_STARTS = (b"\x1f\x8b", b"WARC/", b"filedesc://")


def iter_warc(path: str | Path) -> Iterator[Document | Problem | Skipped]:
    """Documents from the HTML (and plain-text) responses of a WARC or WARC.gz file."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:
        from sastra.errors import MissingExtraError

        raise MissingExtraError("warcio", "io", "reading WARC files") from exc
    source = str(path)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield Problem(source, f"cannot read: {exc.strerror}", fatal=True)
        return
    number = 0
    end = 0  # where the last complete record ended: bytes after it are a truncated or corrupt tail
    with stream:
        size = os.fstat(stream.fileno()).st_size
        head = stream.read(16)
        stream.seek(0)
        if head and not head.startswith(_ARCHIVE_STARTS):
            # (warcio would read any bytes as a record and print them to the terminal)
            kind = _binary_format(head)
            yield Problem(source, "corrupt WARC: not a WARC or ARC file, " +
                          (f"the bytes of {kind}" if kind else f"it starts with {head[:12]!r}"), fatal=True)
            return
        try:
            archive = ArchiveIterator(stream, arc2warc=True)
            records = iter(archive)
            while True:
                body, missing = b"", 0
                with _warcio_messages() as said:  # (no yield inside: the consumer's stderr is its own)
                    record = next(records, None)
                    # (a WARC record must say its length: without it the archive was cut inside a
                    # record's header, and warcio would read what is left as one record)
                    has_length = record is not None and record.rec_headers.get_header("Content-Length") is not None
                    if has_length:
                        body = record.content_stream().read()
                        missing = getattr(record.raw_stream, "limit", 0) or 0
                        if missing <= 0:
                            archive.read_to_end(record)
                if record is None:
                    yield from (Problem(source, message) for message in said)
                    break
                number += 1
                where = f"{source}#{number}"
                yield from (Problem(where, message) for message in said)
                if not has_length:
                    yield Problem(source, f"corrupt WARC: record {number} has no Content-Length (cut inside "
                                  "its header?)", offset=end, fatal=True)
                    return
                if missing > 0:  # the archive ends inside this record: a cut download
                    yield Problem(source, f"corrupt WARC: record {number} is cut short ({missing} bytes "
                                  "missing)", offset=end, fatal=True)
                    return
                end = archive.get_record_offset() + archive.get_record_length()
                if record.rec_type not in ("response", "resource"):
                    yield Skipped(where, f"warc {record.rec_type} record")
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    if status and not status.startswith("2"):
                        yield Skipped(where, f"http status {status}")
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                mime = content_type.split(";")[0].strip().lower()
                if mime in HTML_TYPES:
                    kind = "html"
                elif mime in TEXT_TYPES:
                    kind = "auto"
                else:
                    yield Skipped(where, f"not a page ({mime or 'no content type'})")
                    continue
                text, encoding, problems = _decode(body, _charset(content_type), where)
                yield from problems
                if text is None:
                    continue
                record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
                doc_id = record_id.removeprefix("urn:uuid:") or f"{Path(source).name}:{number}"
                meta = {"source": where, "format": kind, "encoding": encoding, "url": uri,
                        "warc_date": record.rec_headers.get_header("WARC-Date"),
                        "warc_record_id": record_id or None}
                yield Document(id=doc_id, text=text, raw=text, meta=meta)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            # a truncated or corrupt archive: what came before stays, the rest is reported
            yield Problem(source, f"corrupt WARC after record {number}: {_warc_error(exc)}", offset=end, fatal=True)
            return
        if end < size and not _only_line_breaks(stream, end):
            yield Problem(source, f"corrupt WARC: {size - end} bytes after record {number} cannot be read "
                          "(truncated download?)", offset=end, fatal=True)


class _MessageList(logging.Handler):
    """A logging handler that keeps each message's text in a list."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: sys.stderr, the warnings filters and the warcio logger are the process's: one block at a time
#: catches what warcio says (two WARC files read in two threads would otherwise restore each other's
#: streams in the wrong order and leave stderr redirected)
_WARCIO_CATCHING = threading.RLock()


@contextlib.contextmanager
def _warcio_messages() -> Iterator[list[str]]:
    """What warcio says while it reads (written straight to stderr, logged, or warned), caught and
    filled into the list when the block ends, to be given as problems of the record: stderr carries
    sastra's own lines only. Hold no ``yield`` of a generator inside the block: the stderr of the code
    that consumes it would be caught too. What another thread writes to stderr during the block (a
    record's read) is caught with it."""
    said: list[str] = []
    logged: list[str] = []
    written = io.StringIO()
    logger = logging.getLogger("warcio")
    with _WARCIO_CATCHING:
        handler, propagate = _MessageList(logged), logger.propagate
        logger.addHandler(handler)
        logger.propagate = False  # (a handler of the root logger, set up by a program using sastra, sees none)
        try:
            with contextlib.redirect_stderr(written), warnings.catch_warnings(record=True) as warned:
                yield said
        finally:
            logger.removeHandler(handler)
            logger.propagate = propagate
            messages = [*map(_warcio_message, logged), *_warcio_stderr(written.getvalue()),
                        *(_warcio_message(str(warning.message)) for warning in warned)]
            said.extend(dict.fromkeys(messages))  # (warcio may say one thing of a record more than once)


def _warcio_message(text: str) -> str:
    """One thing warcio said, in sastra's words where it is a known one."""
    if text.startswith("Replacing spaces in invalid WARC-Target-URI"):
        return "the WARC-Target-URI holds spaces; read with them written %20"
    first = text.strip().splitlines()[0] if text.strip() else "(nothing)"
    return "warcio: " + (first if first.isprintable() and len(first) <= 200 else "(unreadable message)")


def _warcio_stderr(text: str) -> list[str]:
    """What warcio wrote to stderr, one message per problem: its warning of a record not followed by a
    blank line takes three lines (the warning, the offset, the bytes found)."""
    if not text.strip():
        return []
    if "Record not followed by newline" in text:
        offset = re.search(r"Offset: (\d+)", text)
        return ["the record is not followed by a blank line: its Content-Length may be wrong (the line "
                f"after it{f' at byte {offset.group(1)}' if offset else ''} was skipped)"]
    return [_warcio_message(line) for line in text.splitlines() if line.strip()]


def _only_line_breaks(stream: BinaryIO, start: int) -> bool:
    """Whether the bytes from ``start`` to the end of ``stream`` are a few line breaks: an uncompressed
    WARC ends every record with two CRLFs, which warcio leaves out of the record's length."""
    stream.seek(start)
    tail = stream.read(64)
    return len(tail) < 64 and not tail.strip(b"\r\n")


def _warc_error(exc: BaseException) -> str:
    """What went wrong, in one line without the damaged bytes (warcio quotes the first line it could
    not read, which for a damaged archive is binary noise)."""
    message = str(exc).strip()
    if message.startswith("Unknown archive format"):
        return "the bytes there do not start a WARC record (damaged or not a WARC)"
    message = message.splitlines()[0] if message else type(exc).__name__
    return message if message.isprintable() and len(message) <= 200 else f"{type(exc).__name__} (unreadable bytes)"


def iter_inputs(inputs: Iterable[str], *, text_field: str = "text", id_field: str = "id",
                stdin_jsonl: bool | None = None) -> Iterator[Document | Problem | Skipped]:
    """Every document of every input, in order, with problems and skipped WARC records in-line.

    ``-`` reads stdin: JSON Lines when ``stdin_jsonl`` is true (or, when None, when its first
    non-blank character is ``{``), else one plain-text document.
    """
    for path in iter_paths(inputs):
        item = str(path)
        if item == "-":
            yield from iter_stdin(text_field=text_field, id_field=id_field, jsonl=stdin_jsonl)
        elif is_warc(path):
            yield from iter_warc(path)
        elif not path.exists():
            yield Problem(item, "no such file or folder", fatal=True)
        else:
            yield from iter_documents([item], text_field=text_field, id_field=id_field)


def input_fingerprint(inputs: Iterable[str]) -> list[list[object]]:
    """Path, size and modification time of every input file: a resumed run checks it is the same input."""
    rows: list[list[object]] = []
    for path in iter_paths(inputs):
        if str(path) == "-":
            rows.append(["-", None, None])
            continue
        try:
            stat = path.stat()
            rows.append([str(path.resolve()), stat.st_size, stat.st_mtime_ns])
        except OSError:
            rows.append([str(path), None, None])
    return rows
