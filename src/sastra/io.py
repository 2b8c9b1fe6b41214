"""Reading inputs for every verb: files, folders, JSON Lines and stdin, with problems reported, not fatal.

A problem (undecodable bytes, a binary file, an empty file, a bad JSON line) is reported with its
source, line and offset, and reading goes on with the rest.
"""

from __future__ import annotations

import codecs
import io
import json
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from sastra.errors import InputError
from sastra.records import Document

#: how many undecodable byte positions are listed per file before the count alone is given
MAX_LISTED_BAD_BYTES = 5
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: how deep the values of a JSON Lines record may nest (a news record nests a few levels): a deeper one
#: would exceed Python's recursion limit where the record is written out, and stop the whole verb
MAX_JSON_DEPTH = 100


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input; ``fatal`` means the document could not be read at all."""

    source: str
    reason: str
    line: int | None = None
    offset: int | None = None
    fatal: bool = False

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.offset is not None:
            where += f": byte {self.offset}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str | None
    encoding: str
    problems: tuple[Problem, ...] = ()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    # Khmer in UTF-16: high byte 0x17 on every other byte
    if sample[1::2].count(0x17) / len(sample[1::2]) > 0.3:
        return "utf-16-le"
    if sample[0::2].count(0x17) / len(sample[0::2]) > 0.3:
        return "utf-16-be"
    return None


def _mostly_text(text: str) -> bool:
    """True when decoded text is not full of control characters (what binary data decodes to)."""
    sample = text[:4096]
    if not sample:
        return False
    control = sum(1 for c in sample if (c < " " and c not in "\n\r\t") or c == "\ufffd")
    return control / len(sample) < 0.05


def decode_bytes(data: bytes, source: str = "<bytes>") -> Decoded:
    """Decode a file's bytes, saying what was found: BOMs, UTF-16 without BOM, binary, bad bytes.

    Undecodable UTF-8 bytes are replaced by U+FFFD and each is reported with its byte offset, so
    nothing else in the file is lost.
    """
    if not data:
        return Decoded("", "empty", (Problem(source, "empty file"),))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                text = data[len(bom):].decode(encoding, errors="replace")
                return Decoded(text, encoding, (Problem(source, f"undecodable {encoding} bytes",
                                                        offset=exc.start + len(bom)),))
    utf16 = _looks_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        if _mostly_text(text):
            return Decoded(text, utf16, (Problem(source, f"decoded as {utf16} (no byte order mark)"),))
    kind = _binary_format(data)
    if kind:
        return Decoded(None, "binary", (Problem(source, f"binary file ({kind}); skipped", fatal=True),))
    if _many_nul_bytes(data):
        return Decoded(None, "binary", (Problem(source, "binary file (NUL bytes); skipped", fatal=True),))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    problems: list[Problem] = []
    bad = errors = 0
    pieces: list[str] = []
    position = 0
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    while position < len(data):
        try:
            pieces.append(decoder.decode(data[position:], final=True))
            break
        except UnicodeDecodeError as exc:
            good = data[position:position + exc.start]
            pieces.append(good.decode("utf-8"))
            bad_at = position + exc.start
            bad += exc.end - exc.start
            errors += 1
            if len(problems) < MAX_LISTED_BAD_BYTES:
                line = _line_number_at(data, bad_at)
                problems.append(Problem(source, f"undecodable UTF-8 byte 0x{data[bad_at]:02x}; replaced "
                                        "by U+FFFD", line=line, offset=bad_at))
            pieces.append("\ufffd" * (exc.end - exc.start))
            position = position + exc.end
            decoder.reset()
    if bad > MAX_LISTED_BAD_BYTES:
        problems.append(Problem(source, f"{bad} undecodable bytes in all"))
    text = "".join(pieces)
    # mostly undecodable, and fewer well-formed multi-byte characters than bad sequences: another
    # encoding (a short UTF-8 file cut inside its last character is not: it stays UTF-8)
    if bad > len(data) // 4 and _multibyte_chars(text) < errors:
        guess = _guess_legacy(data)
        if guess:
            guessed = data.decode(guess, errors="replace")
            if _mostly_text(guessed):
                return Decoded(guessed, guess, (Problem(source, f"not UTF-8; decoded as {guess}"),))
        if not _mostly_text(text):  # compressed or random bytes: no encoding makes text of them
            return Decoded(None, "binary", (Problem(
                source, f"binary file ({bad} of {len(data)} bytes are not UTF-8, and no other encoding "
                        "gives text); skipped", fatal=True),))
    return Decoded(text, "utf-8", tuple(problems))


def _many_nul_bytes(data: bytes) -> bool:
    """More NUL bytes than text holds (over 1%): binary data, once UTF-16 is ruled out."""
    return data.count(0) > max(1, len(data) // 100)


def _multibyte_chars(text: str) -> int:
    """How many characters of ``text`` came from well-formed multi-byte UTF-8 sequences."""
    return len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")


#: how common binary files start (an image, a PDF, an archive in a folder of articles)
_MAGIC = (
    (b"%PDF-", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"), (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"), (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"\x7fELF", "executable"), (b"\xd0\xcf\x11\xe0", "old office document"),
)


def _binary_format(data: bytes) -> str | None:
    """The kind of binary file ``data`` starts like, or None; RIFF needs its subtype (WEBP, WAVE...)."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return f"RIFF {data[8:12].decode().strip()}"
    return None


def _guess_legacy(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a core dependency
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None


def read_text(path: str | os.PathLike[str]) -> Decoded:
    """Read and decode one file; an unreadable file comes back as a fatal problem, never raised."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Decoded(None, "unreadable", (Problem(source, f"cannot read: {exc.strerror}", fatal=True),))
    return decode_bytes(data, source)


def iter_paths(inputs: Iterable[str] | str | os.PathLike[str]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into files; ``-`` stands for stdin and is kept as is.
    A broken link inside a folder is kept too, so that reading it reports it. One path may be given
    alone (a string is one path, not a sequence of one-character paths: ``/`` would be the root)."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for item in inputs:
        item = os.fspath(item)
        path = Path(item)
        if item != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() or (child.is_symlink() and not child.exists())) and \
                        not child.name.startswith("."):
                    yield child
        else:
            yield path


def iter_jsonl(stream: IO[str], source: str, *, text_field: str = "text", id_field: str = "id",
               decode_problems: Iterable[Problem] = ()) -> Iterator[Document | Problem]:
    """Documents from a JSON Lines stream; bad lines become problems with their line number.
    ``decode_problems``: see :func:`iter_json_objects`."""
    for item in iter_json_objects(stream, source, decode_problems=decode_problems):
        if isinstance(item, Problem):
            yield item
            continue
        number, record, problems = item
        if not isinstance(record.get(text_field), str):
            yield Problem(source, f"no string field {text_field!r}", line=number, fatal=True)
            continue
        yield from problems
        doc_id = _id_text(record.get(id_field)) or f"{Path(source).stem}:{number}"
        meta = {k: v for k, v in record.items() if k not in (text_field, id_field)}
        meta["source"] = source
        yield Document(id=doc_id, text=record[text_field], raw=record[text_field], meta=meta)


def iter_json_objects(lines: Iterable[str | Problem], source: str, *, decode_problems: Iterable[Problem] = ()
                      ) -> Iterator[Problem | tuple[int, dict[str, Any], tuple[Problem, ...]]]:
    """The objects of JSON Lines as ``(line number, object, problems)``, for every reader of JSON Lines.

    A line that gives no object (bad JSON, another JSON value, nesting too deep) is a fatal Problem, and
    undecodable bytes (lines read with surrogateescape) are reported as they are met. ``problems`` are
    those that did not stop the object, for the caller to report with it when it keeps it: NaN and
    the like read as null, lone surrogate escapes replaced by U+FFFD. Problems among ``lines`` (from
    :func:`iter_stdin_lines`) are passed on.

    ``decode_problems`` are those of decoding the whole file (:func:`decode_bytes`): one of a line is
    given as that line is read, before what the line gives, so that a reader can tell the record or
    the reject it belongs to (not the first record of the file); those of no line come first.
    """
    by_line = sorted((p for p in decode_problems if p.line is not None), key=lambda p: p.line or 0)
    yield from (p for p in decode_problems if p.line is None)
    told = 0  # how many of by_line were given
    not_json: list[str] = []
    decoder = json_decoder(not_json)
    number = 0
    for line in _split_at_lone_cr(lines):
        if isinstance(line, Problem):
            yield line
            continue
        number += 1
        while told < len(by_line) and (by_line[told].line or 0) <= number:
            yield by_line[told]
            told += 1
        if not line.strip():
            continue
        line, bad_bytes = without_bad_bytes(line, source, number)  # (a stream read with surrogateescape)
        if bad_bytes is not None:
            yield bad_bytes
        not_json.clear()
        try:  # (without the line break, a line cut short is an error at its end, not at column 1)
            record = decoder.decode(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Problem(source, f"bad JSON: {exc.msg} (column {exc.colno})", line=number, fatal=True)
            continue
        except ValueError:  # an integer of more digits than Python converts (4,300): again, read as null
            record = json_decoder(not_json, long_ints=True).decode(line.rstrip("\r\n"))
        except RecursionError:
            record = _TOO_DEEP
        if record is _TOO_DEEP or (line.count("[") + line.count("{") > MAX_JSON_DEPTH and
                                   _nested_deeper(record, MAX_JSON_DEPTH)):
            yield Problem(source, f"bad JSON: values nested more than {MAX_JSON_DEPTH} levels deep",
                          line=number, fatal=True)
            continue
        if not isinstance(record, dict):
            yield Problem(source, f"bad JSON: a JSON {type(record).__name__}, not an object", line=number,
                          fatal=True)
            continue
        problems: list[Problem] = []
        if not_json:
            problems.append(Problem(source, f"numbers read as null: {', '.join(dict.fromkeys(not_json))}",
                                    line=number))
        if "\\ud" in line or "\\uD" in line:  # a JSON escape of a lone surrogate: no UTF-8 text holds one
            replaced: list[str] = []
            record = _without_surrogates(record, replaced)
            if replaced:
                problems.append(Problem(source, f"lone surrogate escapes (\\ud800-\\udfff) replaced by U+FFFD "
                                                f"in {', '.join(sorted(set(replaced)))}", line=number))
        yield number, record, tuple(problems)
    yield from by_line[told:]


_TOO_DEEP = object()
#: a carriage return that ends a line by itself (old Mac line ends), not one of a CR LF pair
_LONE_CR_END_RE = re.compile(r"(?<=\r)(?!\n)")


def _split_at_lone_cr(lines: Iterable[str | Problem]) -> Iterator[str | Problem]:
    """``lines`` (split at LF by the stream that read them) split at lone CRs too, so that JSON Lines
    with old Mac line ends are read line by line, numbered as an editor shows them. (JSON text holds
    no raw CR inside a string, so none is cut.)"""
    for line in lines:
        if isinstance(line, Problem) or "\r" not in line:
            yield line
            continue
        yield from (piece for piece in _LONE_CR_END_RE.split(line) if piece)


def _line_number_at(data: bytes, offset: int) -> int:
    """The line (from 1) that byte ``offset`` of ``data`` stands on; a line ends at LF, CR LF or a
    lone CR, as Python's text reading and :func:`iter_json_objects` take it."""
    return (data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - data.count(b"\r\n", 0, offset)
            + 1)


def _nested_deeper(value: Any, limit: int) -> bool:
    """Whether lists and objects in ``value`` nest more than ``limit`` levels deep (without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def json_decoder(not_json: list[str], *, long_ints: bool = False) -> json.JSONDecoder:
    """A JSON decoder that reads NaN, Infinity and numbers too large for a float (``1e999``) as null,
    adding their text to ``not_json``: Python's json module reads them, but they are not JSON, and a
    record that kept them would be written out in a form no other JSON reader accepts. With
    ``long_ints``, an integer too long for Python to convert is read as null too (instead of raising
    ValueError; only then, as a hook per integer costs time)."""
    def constant(name: str) -> None:
        not_json.append(f"{name} (not JSON)")

    def number(text: str) -> float | None:
        value = float(text)
        if value in (math.inf, -math.inf):
            not_json.append(f"{text} (too large)")
            return None
        return value

    def integer(text: str) -> int | None:
        try:
            return int(text)
        except ValueError:
            not_json.append(f"a {len(text.lstrip('-')):,}-digit integer (too long)")
            return None

    return json.JSONDecoder(parse_constant=constant, parse_float=number,
                            **({"parse_int": integer} if long_ints else {}))


def _id_text(value: Any) -> str:
    """A document id from a JSON value: a string as it is, anything else as its compact JSON text
    (``0`` stays ``"0"``, ``true`` is ``"true"``, an object is its JSON, never a Python repr); "" for none."""
    if value is None or value.__class__ is str:
        return value or ""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: Any, replaced: list[str], where: str = "") -> Any:
    """``value`` (parsed JSON) with every lone surrogate replaced by U+FFFD; the fields where that
    happened are added to ``replaced``. Text with a lone surrogate cannot be written as UTF-8."""
    if isinstance(value, str):
        fixed = _SURROGATE_RE.sub("\ufffd", value)
        if fixed != value:
            replaced.append(where or "the record")
        return fixed
    if isinstance(value, dict):
        return {_without_surrogates(k, replaced, where or "a field name"):
                _without_surrogates(v, replaced, f"{where}.{k}" if where else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v, replaced, where) for v in value]
    return value


def iter_documents(inputs: Iterable[str] | str | os.PathLike[str], *, text_field: str = "text", id_field: str = "id",
                   jsonl: bool | None = None, stdin: Decoded | None = None) -> Iterator[Document | Problem]:
    """Every document in files, folders, JSON Lines files and stdin, with problems in-line.

    ``meta["format"]`` says ``html`` or ``text`` so that cleaning can choose its path. ``stdin``: stdin
    already read by :func:`read_stdin`, for a verb that must see what it holds before it writes, or
    that reads its inputs twice (stdin can be read once).
    """
    for path in iter_paths(inputs):
        source = str(path)
        if source == "-":
            if stdin is not None:
                yield from iter_stdin(text_field=text_field, id_field=id_field, jsonl=jsonl, decoded=stdin)
            elif jsonl:  # line by line (a stream may be long); undecodable bytes are reported per line
                binary = getattr(sys.stdin, "buffer", None)  # (None: a text stream put in its place)
                stream = sys.stdin if binary is None else \
                    io.TextIOWrapper(binary, encoding="utf-8", errors="surrogateescape")
                yield from iter_jsonl(stream, STDIN, text_field=text_field, id_field=id_field)
            else:
                yield from iter_stdin(text_field=text_field, id_field=id_field, jsonl=jsonl)
            continue
        suffix = path.suffix.lower()
        if jsonl or (jsonl is None and suffix in JSONL_SUFFIXES):
            decoded = read_text(path)
            if decoded.text is None:
                yield from decoded.problems
            else:
                yield from iter_jsonl(io.StringIO(decoded.text), source, text_field=text_field,
                                      id_field=id_field, decode_problems=decoded.problems)
            continue
        decoded = read_text(path)
        yield from decoded.problems
        if decoded.text is None:
            continue
        kind = "html" if suffix in HTML_SUFFIXES else "auto"
        yield Document(id=path.stem, text=decoded.text, raw=decoded.text,
                       meta={"source": source, "format": kind, "encoding": decoded.encoding})


STDIN = "<stdin>"


def looks_like_jsonl(text: str) -> bool:
    """Text that starts like a JSON object is read as JSON Lines (a news article never does)."""
    return text.lstrip().startswith("{")


def read_stdin() -> Decoded:
    """All of stdin, decoded like a file's bytes (bad bytes reported, binary data refused)."""
    binary = getattr(sys.stdin, "buffer", None)  # (None: a text stream put in its place)
    return decode_bytes(sys.stdin.read().encode("utf-8", "surrogateescape") if binary is None else
                        binary.read(), STDIN)


def stdin_is_jsonl(decoded: Decoded) -> bool:
    """Whether stdin, read by :func:`read_stdin`, is read as JSON Lines when not told."""
    return decoded.text is not None and looks_like_jsonl(decoded.text)


def bytes_look_like_jsonl(data: bytes, *, head: int = 4096) -> bool:
    """Whether bytes not yet decoded (stdin kept in a file) would be read as JSON Lines when not told:
    only their first ``head`` bytes are decoded, as a file's are (a byte order mark skipped, UTF-16
    recognised), then more while they hold only blanks."""
    size = head
    while True:
        decoded = decode_bytes(data[:size], STDIN)
        if decoded.text is None:
            return False
        if decoded.text.strip() or size >= len(data):
            return looks_like_jsonl(decoded.text)
        size *= 16


def iter_stdin(*, text_field: str = "text", id_field: str = "id", jsonl: bool | None = None,
               decoded: Decoded | None = None) -> Iterator[Document | Problem]:
    """stdin read whole (or ``decoded``, from :func:`read_stdin`): JSON Lines when ``jsonl`` is true
    or, when None, when it starts like JSON (:func:`stdin_is_jsonl`); else one document."""
    if decoded is None:
        decoded = read_stdin()
    if decoded.text is None:
        yield from decoded.problems
        return
    if jsonl or (jsonl is None and stdin_is_jsonl(decoded)):
        yield from iter_jsonl(io.StringIO(decoded.text), STDIN, text_field=text_field, id_field=id_field,
                              decode_problems=decoded.problems)
        return
    yield from decoded.problems
    yield Document(id="stdin", text=decoded.text, raw=decoded.text,
                   meta={"source": STDIN, "format": "auto", "encoding": decoded.encoding})


def iter_stdin_lines() -> Iterator[str | Problem]:
    """stdin line by line, for verbs that stream: its first bytes are checked like a file's (binary
    data refused; a byte order mark or UTF-16 decodes the whole input), then each line is decoded as
    UTF-8 with undecodable bytes kept as surrogates, for :func:`without_bad_bytes` to report."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:
        yield from sys.stdin
        return
    first = binary.readline()
    head = first + (binary.peek(4096)[:4096] if hasattr(binary, "peek") else b"")
    if not head:
        yield Problem(STDIN, "empty input")
        return
    if any(head.startswith(bom) for bom, _ in _BOMS) or _looks_utf16(head) or _binary_format(head) or \
            _many_nul_bytes(head) or decode_bytes(head[:4096], STDIN).encoding != "utf-8":
        # (the last: mostly not UTF-8, so random bytes or another encoding, as a file's bytes would be)
        decoded = decode_bytes(first + binary.read(), STDIN)
        yield from decoded.problems
        if decoded.text is not None:  # (at LF only, as a stream reads: JSON text may hold U+2028 raw)
            yield from io.StringIO(decoded.text)
        return
    yield first.decode("utf-8", "surrogateescape")
    for line in iter(binary.readline, b""):
        yield line.decode("utf-8", "surrogateescape")


def without_bad_bytes(line: str, source: str, number: int) -> tuple[str, Problem | None]:
    """``line`` with the surrogates of undecodable bytes (read with surrogateescape) replaced by
    U+FFFD, and the problem to report when there were any."""
    if not _SURROGATE_RE.search(line):
        return line, None
    return (_SURROGATE_RE.sub("\ufffd", line),
            Problem(source, "undecodable UTF-8 bytes; replaced by U+FFFD", line=number))


def same_file(first: str | Path, second: str | Path) -> bool:
    """Whether two names are one file: the same path once resolved, or a link or hard link to it."""
    first, second = Path(first).resolve(), Path(second).resolve()
    return first == second or (first.exists() and second.exists() and os.path.samefile(first, second))


def check_output_path(output: str | None, inputs: Iterable[str], *, option: str = "-o") -> None:
    """Refuse an output that would overwrite a file the command reads or be read back by it.

    ``inputs`` are every file and folder the command reads (a word list too). Refused: the same file
    (by name, link or hard link); a place inside an input folder (the folder's files are listed
    after the output is opened, so the output would be read as an input, and a file of the folder
    could be the output); a folder holding an input (``clean -o FOLDER/`` writes a file per
    document there, named like the inputs)."""
    if not output or output == "-":
        return
    out = Path(output).resolve()
    for item in inputs:
        if item == "-":
            continue
        path = Path(item).resolve()
        if same_file(path, out):
            raise InputError(f"refusing to overwrite the input {item}; choose another {option}")
        if path.is_dir() and out.is_relative_to(path):
            raise InputError(f"refusing to write inside the input folder {item} (the output would be read "
                             f"as an input); choose another {option}")
        if path.is_relative_to(out):
            raise InputError(f"refusing to write into {output}, which holds the input {item}; choose another "
                             f"{option}")


def open_output(output: str | None) -> IO[str]:
    if not output or output == "-":
        return sys.stdout
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    return open(output, "w", encoding="utf-8", newline="\n")


def report(problem: Problem | str, *, verb: str) -> None:
    """One short line per problem on stderr."""
    print(f"sastra {verb}: {problem}", file=sys.stderr)
