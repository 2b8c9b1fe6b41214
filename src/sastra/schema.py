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

import dataclasses
import datetime
import json
import sys
from decimal import Decimal
from operator import attrgetter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sastra._json import dumps_compact as _dumps, encode_str as _encode_str
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


def _jsonable(value: Any) -> Any:
    """``to_jsonable`` with a shortcut for the plain values that make up almost all of a record."""
    kind = type(value)
    if kind is str or kind is int or value is None or kind is bool or kind is float:
        return value
    if kind is dict:
        for item in value.values():
            item_kind = type(item)
            if not (item_kind is str or item_kind is int or item is None or item_kind is bool
                    or item_kind is float):
                break
        else:
            if all(type(key) is str for key in value):
                return dict(value)
        return {str(k): _jsonable(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [_jsonable(v) for v in value]
    # the parsed values of mentions (dates, amounts, small dataclasses), as to_jsonable writes them
    if kind is datetime.date or kind is datetime.datetime:
        return value.isoformat()
    if kind is Decimal:
        return int(value) if value == value.to_integral_value() else str(value)
    names = _dataclass_fields(kind)
    if names:
        return {name: _jsonable(getattr(value, name)) for name in names}
    return to_jsonable(value)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _dataclass_fields(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass (cached per class: ``dataclasses.fields`` is slow), or ()."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()
        if len(_FIELD_NAMES) < 1_000:
            _FIELD_NAMES[kind] = names
    return names


@dataclass(frozen=True, slots=True)
class EncodedRecord:
    """A document's JSON Lines line, with the JSON texts Parquet reuses (encoded once for both)."""

    line: str
    meta: str  # the meta object as JSON text
    values: tuple[str, ...]  # each mention's value as JSON text
    attrs: tuple[str, ...]  # each mention's attrs as JSON text (Parquet's form: null becomes {})
    #: the same three as JSON values (what json.loads gives back from the texts above), for the
    #: index preparation, which would otherwise parse them again
    meta_value: Any = None
    value_objects: tuple[Any, ...] = ()
    attr_objects: tuple[Any, ...] = ()
    #: the text as a JSON string (as in the line), for the index preparation to reuse
    text_json: str | None = None


def encode_record(doc: Document) -> EncodedRecord:
    """``dumps_record(record_from_document(doc))``, byte for byte, written directly.

    Building a dict per token and handing it to the json encoder is most of what a record costs;
    here the fixed-shape parts are formatted straight into the line (strings escaped by the json
    module's own C escaper). A document with an unexpected type anywhere takes the generic path.
    """
    try:
        return _encode_record_fast(doc)
    except (TypeError, AttributeError, ValueError):
        record = record_from_document(doc)
        return EncodedRecord(dumps_record(record), _json_text(record["meta"] or {}),
                             tuple(_json_text(m["value"]) for m in record["mentions"]),
                             tuple(_json_text(m["attrs"] or {}) for m in record["mentions"]),
                             record["meta"] or {}, tuple(m["value"] for m in record["mentions"]),
                             tuple(m["attrs"] for m in record["mentions"]))


_BOOL_TEXT = ("false", "true")
_ATTRS = attrgetter("attrs")
_INT = {int}


def _exact_int_spans(items: Iterable[Any]) -> bool:
    """Whether the start and end of every item is an ``int`` (not a subclass such as bool)."""
    return {item.start.__class__ for item in items} | {item.end.__class__ for item in items} <= _INT


def _encode_record_fast(doc: Document) -> EncodedRecord:
    enc = _encode_str
    encode = _dumps
    meta_value = _jsonable(doc.meta)
    meta = encode(meta_value)
    raw = "null" if doc.raw is None else enc(doc.raw)
    removed = ",".join(
        f'{{"start":{r.start:d},"end":{r.end:d},"text":{enc(r.text)},"reason":{enc(r.reason)},'
        f'"kept":{_BOOL_TEXT[r.kept] if r.kept.__class__ is bool else encode(r.kept)}}}' for r in doc.removed)
    edits = ",".join(
        f'{{"start":{e.start:d},"end":{e.end:d},"before":{enc(e.before)},"after":{enc(e.after)},'
        f'"fixer":{enc(e.fixer)}}}' for e in doc.edits)
    sentences = ",".join([f'{{"text":{enc(s.text)},"start":{s.start:d},"end":{s.end:d}}}' for s in doc.sentences])
    if _exact_int_spans(doc.tokens):  # (plain {} formats an int as :d does, and much faster)
        tokens = ",".join([f'{{"text":{enc(t.text)},"start":{t.start},"end":{t.end},"kind":{enc(t.kind)}}}'
                           for t in doc.tokens])
    else:  # bools (:d writes 1, {} True) and other types: formatted as :d formats them, or refused
        tokens = ",".join([f'{{"text":{enc(t.text)},"start":{t.start:d},"end":{t.end:d},"kind":{enc(t.kind)}}}'
                           for t in doc.tokens])
    value_objects = tuple([_jsonable(m.value) for m in doc.mentions])
    values = tuple([encode(v) for v in value_objects])
    # (most mentions have no attributes: their {} is written without a call)
    attrs_values = [{} if a.__class__ is dict and not a else _jsonable(a) for a in map(_ATTRS, doc.mentions)]
    attrs_line = ["{}" if a.__class__ is dict and not a else encode(a) for a in attrs_values]
    if _exact_int_spans(doc.mentions):
        mentions = ",".join([
            f'{{"kind":{enc(m.kind)},"start":{m.start},"end":{m.end},"text":{enc(m.text)},"value":{value},'
            f'"rule":{enc(m.rule)},"title":{"null" if m.title is None else enc(m.title)},"attrs":{attrs}}}'
            for m, value, attrs in zip(doc.mentions, values, attrs_line)])
    else:
        mentions = ",".join([
            f'{{"kind":{enc(m.kind)},"start":{m.start:d},"end":{m.end:d},"text":{enc(m.text)},"value":{value},'
            f'"rule":{enc(m.rule)},"title":{"null" if m.title is None else enc(m.title)},"attrs":{attrs}}}'
            for m, value, attrs in zip(doc.mentions, values, attrs_line)])
    flags = ",".join([enc(f) for f in doc.flags])
    text = enc(doc.text)
    line = (f'{{"id":{enc(doc.id)},"text":{text},"raw":{raw},"meta":{meta},"removed":[{removed}],'
            f'"edits":[{edits}],"sentences":[{sentences}],"tokens":[{tokens}],"mentions":[{mentions}],'
            f'"flags":[{flags}]}}')
    return EncodedRecord(line, meta if meta_value else "{}", values,
                         tuple(text if value else "{}" for text, value in zip(attrs_line, attrs_values)),
                         meta_value or {}, value_objects, tuple(attrs_values), text)


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


def skip_pandas_probe() -> None:
    """Spare this process pyarrow's import of pandas (0.1-0.2 s of CPU) where no pandas object is
    ever handed to pyarrow (the ``sastra run`` command and its workers).

    pyarrow's first conversion of a list imports pandas, if installed, only to ask whether the list
    is a pandas object, and it remembers a failed import. So this makes that first conversion with
    pandas hidden, then shows pandas again: later ``import pandas`` works as usual, and pyarrow
    imports it when asked for pandas output (``Table.to_pandas``)."""
    if "pandas" in sys.modules:
        return  # (already paid for)
    pa = _pyarrow()
    hide = _HidePandas()
    sys.meta_path.insert(0, hide)
    try:
        pa.array([], pa.string())
    finally:
        sys.meta_path.remove(hide)


class _HidePandas:
    """An import finder under which ``import pandas`` fails (a ``None`` in ``sys.modules`` does not
    stop the compiled import in pyarrow)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is hidden from pyarrow's first conversion", name=name)
        return None


def _json_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict) and not value:
        return "{}"
    return _dumps(value)


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


def arrow_table_from_documents(docs: list[Document], encoded: list[EncodedRecord]) -> Any:
    """The same table as ``arrow_table([record_from_document(d) for d in docs])``, built column by
    column from flat lists (list offsets + one child array per struct field) instead of a dict per
    token; the free-form JSON texts come from ``encode_record``, so nothing is encoded twice."""
    pa = _pyarrow()
    schema = arrow_schema()
    columns: list[Any] = [
        pa.array([d.id for d in docs], pa.string()),
        pa.array([d.text for d in docs], pa.string()),
        pa.array([d.raw for d in docs], pa.string()),
        pa.array([e.meta for e in encoded], pa.string()),
    ]
    for name in ("removed", "edits", "sentences", "tokens", "mentions"):
        kind = schema.field(name).type
        struct = kind.value_type
        groups = [getattr(d, name) for d in docs]
        offsets = [0]
        total = 0
        for group in groups:
            total += len(group)
            offsets.append(total)
        items = [item for group in groups for item in group]
        children = []
        for child in struct:
            if name == "mentions" and child.name == "value":
                values: list[Any] = [text for e in encoded for text in e.values]
            elif name == "mentions" and child.name == "attrs":
                values = [text for e in encoded for text in e.attrs]
            else:
                values = list(map(attrgetter(child.name), items))
            children.append(pa.array(values, child.type))
        values_array = pa.StructArray.from_arrays(children, fields=list(struct))
        columns.append(pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values_array, type=kind))
    flags_offsets = [0]
    for d in docs:
        flags_offsets.append(flags_offsets[-1] + len(d.flags))
    columns.append(pa.ListArray.from_arrays(pa.array(flags_offsets, pa.int32()),
                                            pa.array([f for d in docs for f in d.flags], pa.string()),
                                            type=schema.field("flags").type))
    return pa.Table.from_arrays(columns, schema=schema)


def table_ipc(table: Any) -> bytes:
    """An Arrow table as IPC stream bytes (what a worker hands back for Parquet)."""
    pa = _pyarrow()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


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
