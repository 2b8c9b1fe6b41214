"""Reading Documents back from JSON Lines: the records ``sastra run`` writes, or plain corpus lines.

A record line has the fields of :class:`sastra.records.Document` (``id``, ``text``, ``meta``,
``tokens``, ``sentences``, ``mentions``, ...); a plain line has ``id``, ``text`` and any other fields,
which become ``meta``. Bad lines are reported as problems, and reading goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sastra.io import Problem, _id_text, read_text
from sastra.records import Document, Mention, Sentence, Token

__all__ = ["document_from_json", "iter_records"]


def _spans(items: Any, make: Any) -> tuple[Any, ...]:
    out = []
    for item in items or ():
        if isinstance(item, Mapping):
            try:
                out.append(make(item))
            except (KeyError, TypeError, ValueError):
                continue
    return tuple(out)


def _token(item: Mapping[str, Any]) -> Token:
    return Token(str(item["text"]), int(item["start"]), int(item["end"]), str(item.get("kind", "word")))


def _sentence(item: Mapping[str, Any]) -> Sentence:
    return Sentence(str(item["text"]), int(item["start"]), int(item["end"]))


def _mention(item: Mapping[str, Any]) -> Mention:
    return Mention(kind=str(item["kind"]), start=int(item["start"]), end=int(item["end"]), text=str(item["text"]),
                   value=item.get("value"), rule=str(item.get("rule") or ""), title=item.get("title"),
                   attrs=dict(item.get("attrs") or {}))


def document_from_json(record: Mapping[str, Any], *, text_field: str = "text", id_field: str = "id",
                       fallback_id: str = "") -> Document:
    """A Document from one JSON object (a sastra record or a plain corpus line)."""
    text = record.get(text_field)
    if not isinstance(text, str):
        raise ValueError(f"no string field {text_field!r}")
    doc_id = _id_text(record.get(id_field)) or fallback_id  # (0 is an id; an object is its JSON, as for every verb)
    if isinstance(record.get("meta"), Mapping):  # a sastra record
        meta = dict(record["meta"])
    else:
        meta = {k: v for k, v in record.items() if k not in (text_field, id_field)}
    tokens = _spans(record.get("tokens"), _token)
    if tokens and any(text[t.start:t.end] != t.text for t in tokens[:50]):
        tokens = ()  # offsets into another text: re-analyse instead of trusting them
    return Document(id=doc_id, text=text, raw=record.get("raw") if isinstance(record.get("raw"), str) else None,
                    meta=meta, tokens=tokens, sentences=_spans(record.get("sentences"), _sentence),
                    mentions=_spans(record.get("mentions"), _mention),
                    flags=tuple(str(f) for f in record.get("flags") or ()))


def iter_records(paths: Iterable[str], *, text_field: str = "text",
                 id_field: str = "id") -> Iterator[Document | Problem]:
    """Documents from JSON Lines files (``-`` for stdin), with problems in-line.

    Files and stdin get the checks every verb's input gets (:mod:`sastra.io`: binary data refused,
    UTF-16 decoded, undecodable bytes, NaN and lone surrogate escapes replaced and reported), so that
    one bad line is reported with its line number instead of stopping the whole index."""
    import io

    from sastra.io import STDIN, iter_json_objects, iter_stdin_lines

    for path in paths:
        decode_problems: tuple[Problem, ...] = ()
        if path == "-":
            lines, source = iter_stdin_lines(), STDIN
        else:
            decoded = read_text(path)
            if decoded.text is None:
                yield from decoded.problems
                continue
            lines, source, decode_problems = io.StringIO(decoded.text), str(path), decoded.problems
        for item in iter_json_objects(lines, source, decode_problems=decode_problems):
            if isinstance(item, Problem):
                yield item
                continue
            number, record, problems = item
            try:
                doc = document_from_json(record, text_field=text_field, id_field=id_field,
                                         fallback_id=f"{Path(source).stem}:{number}")
            except ValueError as exc:
                yield Problem(source, f"bad record: {exc}", line=number, fatal=True)
                continue
            yield from problems
            yield doc
