"""The output record schema of ``sastra run``: one schema for JSON Lines and Parquet.

A record is a :class:`sastra.records.Document` as JSON, field for field (the shape
``sastra.records.to_jsonable`` gives, which ``sastra.index`` reads back):

======== ================================================ =============================================
field    JSON Lines                                       Parquet (pyarrow)
======== ================================================ =============================================
id       string, unique in a run                          string
text     string: the article text, cleaned + normalized   string
raw      string or null: the input as read (HTML for a    string (nullable)
         page)
meta     object: source, format, encoding, url, title,    string holding the same object as JSON
         date, ... and for near-duplicates ``dup_cluster``
         (all members) and ``dup_of`` (non-canonical ones)
removed  [{start, end, text, reason, kept}] offsets into  list<struct<start int64, end int64, text string,
         ``raw``                                          reason string, kept bool>>
edits    [{start, end, before, after, fixer}]             list<struct<... int64/string ...>>
sentences [{text, start, end}] offsets into ``text``      list<struct<text string, start int64, end int64>>
tokens   [{text, start, end, kind}] offsets into ``text`` list<struct<text, start, end, kind>>
mentions [{kind, start, end, text, value, rule, title,    list<struct<kind, start, end, text, value string
         attrs}]; ``value`` and ``attrs`` are JSON values  (JSON), rule, title, attrs string (JSON)>>
flags    [string]                                         list<string>
======== ================================================ =============================================

The three free-form JSON values (``meta``, a mention's ``value`` and ``attrs``) are JSON text in
Parquet, because their shape varies from record to record; ``read_records`` decodes them, so reading a
Parquet file gives exactly the dicts of the JSON Lines file (tested).

A reject (``rejects.jsonl``) is ``{id, source, line, offset, reason, detail}``: a document that could
not be read or processed, with why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sastra.records import Document, Edit, Mention, Removal, Sentence, Token, to_jsonable

__all__ = ["RECORD_FIELDS", "record_from_document", "document_from_record", "dumps_record",
           "arrow_schema", "to_arrow_row", "from_arrow_row", "write_parquet", "read_records",
           "reject_record"]

RECORD_FIELDS = ("id", "text", "raw", "meta", "removed", "edits", "sentences", "tokens", "mentions", "flags")
#: fields held as JSON text in Parquet
JSON_FIELDS = ("meta",)
JSON_MENTION_FIELDS = ("value", "attrs")


def record_from_document(doc: Document) -> dict[str, Any]:
    """The record of a document (written directly, much faster than the generic ``to_jsonable``)."""
    return {
        "id": doc.id,
        "text": doc.text,
        "raw": doc.raw,
        "meta": to_jsonable(doc.meta),
        "removed": [{"start": r.start, "end": r.end, "text": r.text, "reason": r.reason, "kept": r.kept}
                    for r in doc.removed],
        "edits": [{"start": e.start, "end": e.end, "before": e.before, "after": e.after, "fixer": e.fixer}
                  for e in doc.edits],
        "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in doc.sentences],
        "tokens": [{"text": t.text, "start": t.start, "end": t.end, "kind": t.kind} for t in doc.tokens],
        "mentions": [{"kind": m.kind, "start": m.start, "end": m.end, "text": m.text,
                      "value": to_jsonable(m.value), "rule": m.rule, "title": m.title,
                      "attrs": to_jsonable(m.attrs)} for m in doc.mentions],
        "flags": list(doc.flags),
    }


def dumps_record(record: Mapping[str, Any]) -> str:
    """One JSON Lines line (no newline): UTF-8 text as is, compact, key order as given (deterministic)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def document_from_record(record: Mapping[str, Any]) -> Document:
    """A Document back from a record. Parsed values come back as their JSON form (ISO dates, ...)."""
    return Document(
        id=record["id"],
        text=record["text"],
        raw=record.get("raw"),
        meta=dict(record.get("meta") or {}),
        removed=tuple(Removal(r["start"], r["end"], r["text"], r["reason"], bool(r.get("kept")))
                      for r in record.get("removed") or ()),
        edits=tuple(Edit(e["start"], e["end"], e["before"], e["after"], e["fixer"])
                    for e in record.get("edits") or ()),
        sentences=tuple(Sentence(s["text"], s["start"], s["end"]) for s in record.get("sentences") or ()),
        tokens=tuple(Token(t["text"], t["start"], t["end"], t.get("kind", "word"))
                     for t in record.get("tokens") or ()),
        mentions=tuple(Mention(m["kind"], m["start"], m["end"], m["text"], m.get("value"), m.get("rule") or "",
                               m.get("title"), dict(m.get("attrs") or {})) for m in record.get("mentions") or ()),
        flags=tuple(record.get("flags") or ()),
    )


def reject_record(doc_id: str, source: str, reason: str, detail: str = "", *, line: int | None = None,
                  offset: int | None = None) -> dict[str, Any]:
    return {"id": doc_id, "source": source, "line": line, "offset": offset, "reason": reason, "detail": detail}


# --- Parquet -------------------------------------------------------------------------------------

def arrow_schema() -> Any:
    """The pyarrow schema of records.parquet (``pip install 'sastra[io]'``)."""
    pa = _pyarrow()
    i64, s = pa.int64(), pa.string()
    return pa.schema([
        ("id", s), ("text", s), ("raw", s), ("meta", s),
        ("removed", pa.list_(pa.struct([("start", i64), ("end", i64), ("text", s), ("reason", s),
                                        ("kept", pa.bool_())]))),
        ("edits", pa.list_(pa.struct([("start", i64), ("end", i64), ("before", s), ("after", s),
                                      ("fixer", s)]))),
        ("sentences", pa.list_(pa.struct([("text", s), ("start", i64), ("end", i64)]))),
        ("tokens", pa.list_(pa.struct([("text", s), ("start", i64), ("end", i64), ("kind", s)]))),
        ("mentions", pa.list_(pa.struct([("kind", s), ("start", i64), ("end", i64), ("text", s), ("value", s),
                                         ("rule", s), ("title", s), ("attrs", s)]))),
        ("flags", pa.list_(s)),
    ])


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:  # pragma: no cover - depends on the install
        from sastra.errors import MissingExtraError

        raise MissingExtraError("pyarrow", "io", "Parquet output") from exc
    return pyarrow


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict) and not value:
        return "{}"
    return _ENCODER.encode(value)


def to_arrow_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record with its free-form JSON values turned into JSON text, ready for the Arrow schema."""
    row = dict(record)
    row["meta"] = _json_text(record.get("meta") or {})
    row["mentions"] = [dict(m, value=_json_text(m.get("value")), attrs=_json_text(m.get("attrs") or {}))
                       for m in record.get("mentions") or ()]
    return row


def from_arrow_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of ``to_arrow_row``: the record as JSON Lines has it."""
    record = {name: row.get(name) for name in RECORD_FIELDS}
    record["meta"] = json.loads(row["meta"]) if row.get("meta") else {}
    record["mentions"] = [dict(m, value=json.loads(m["value"]) if m.get("value") is not None else None,
                               attrs=json.loads(m["attrs"]) if m.get("attrs") else {})
                          for m in row.get("mentions") or ()]
    for name in ("removed", "edits", "sentences", "tokens", "flags"):
        record[name] = list(record[name] or [])
    return record


_STRUCTS = {
    "removed": ("start", "end", "text", "reason", "kept"),
    "edits": ("start", "end", "before", "after", "fixer"),
    "sentences": ("text", "start", "end"),
    "tokens": ("text", "start", "end", "kind"),
    "mentions": ("kind", "start", "end", "text", "value", "rule", "title", "attrs"),
}


def arrow_table(records: list[Mapping[str, Any]]) -> Any:
    """Records as an Arrow table of ``arrow_schema()``, column by column (lists of structs are
    converted by pyarrow's C++ code; only the mentions' free-form values are turned into JSON text)."""
    pa = _pyarrow()
    schema = arrow_schema()
    columns = []
    for name in RECORD_FIELDS:
        kind = schema.field(name).type
        if name == "meta":
            values: list[Any] = [_json_text(r.get("meta") or {}) for r in records]
        elif name == "mentions":
            values = [[dict(m, value=_json_text(m.get("value")), attrs=_json_text(m.get("attrs") or {}))
                       for m in r.get("mentions") or ()] for r in records]
        elif name in _STRUCTS or name == "flags":
            values = [r.get(name) or [] for r in records]
        else:
            values = [r.get(name) for r in records]
        columns.append(pa.array(values, kind))
    return pa.Table.from_arrays(columns, schema=schema)


def arrow_ipc(records: list[Mapping[str, Any]]) -> bytes:
    """Records as Arrow IPC bytes (what a worker hands back for Parquet)."""
    pa = _pyarrow()
    table = arrow_table(records)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def read_arrow_ipc(data: bytes) -> Any:
    pa = _pyarrow()
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


class ParquetSink:
    """Writes records to a Parquet file in row groups, as they come."""

    def __init__(self, path: str | Path) -> None:
        pa = _pyarrow()
        import pyarrow.parquet as pq

        self._pa = pa
        self.schema = arrow_schema()
        self.writer = pq.ParquetWriter(str(path), self.schema, compression="zstd", compression_level=1)

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        rows = list(records)
        if rows:
            self.writer.write_table(arrow_table(rows))

    def write_table(self, table: Any) -> None:
        if table.num_rows:
            self.writer.write_table(table)

    def close(self) -> None:
        self.writer.close()


def write_parquet(records: Iterable[Mapping[str, Any]], path: str | Path, *, batch: int = 1000) -> int:
    """Write records to ``path`` (Parquet, zstd); returns how many."""
    sink = ParquetSink(path)
    count = 0
    chunk: list[Mapping[str, Any]] = []
    try:
        for record in records:
            chunk.append(record)
            if len(chunk) >= batch:
                sink.write(chunk)
                count += len(chunk)
                chunk = []
        sink.write(chunk)
        count += len(chunk)
    finally:
        sink.close()
    return count


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records from a ``records.jsonl`` or ``records.parquet`` file, as JSON Lines dicts either way."""
    path = Path(path)
    if path.suffix == ".parquet":
        _pyarrow()
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(str(path))
        for batch in parquet.iter_batches():
            for row in batch.to_pylist():
                yield from_arrow_row(row)
        return
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)
