"""The embedded search index: tantivy fed by sastra's own analysis.

tantivy never sees Khmer text to split: each text field receives the search keys of
:func:`sastra.index.analysis.analyze` joined by spaces and is tokenized on whitespace only. The
fields (see docs/search.md):

- ``body`` / ``title``: word keys, with positions (BM25, phrases); ``body`` is stored for highlighting;
- ``sub``: pairs of consecutive orthographic-cluster keys, with positions: a query for a part of a
  compound, or a run typed without the document's spacing, is a phrase of cluster pairs here;
- ``date`` (every date in the article), ``published``, ``amount``, ``currency``, ``person``, ``org``,
  ``place``, ``site``, ``category``: typed fields for filters and facets;
- ``offsets`` (stored): the start/end of each ``body`` token in the original text; ``head``
  (stored): the id, headline and metadata shown with every hit; ``record`` (stored): the text and
  mentions, read only for snippets or the full text (a hit list without snippets parses ``head`` only).

Near-duplicates (``meta["dup_of"]``) are not indexed: they are listed in the index manifest as links
of their canonical document, so one copy is searchable and the others are reachable from it.
"""

from __future__ import annotations

import base64
import bisect
import datetime as _dt
import functools
import json
import operator
import os
import shutil
import threading
import time
from array import array
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sastra.errors import InputError, MissingExtraError
from sastra._json import dumps_compact as _dumps_compact, dumps_spaced as _dumps_spaced, encode_str as _encode_str
from sastra._json import escaped as json_escaped
from sastra.index.analysis import Analysis, IndexTerms, analyze_text, entity_key, fold, index_fields
from sastra.records import Document, Mention

__all__ = ["IndexStats", "PreparedDoc", "prepare_document", "prepared_to_json", "prepared_from_json",
           "write_index", "build_index", "build_index_prepared", "open_index", "MANIFEST_NAME", "ENTITY_KINDS"]

MANIFEST_NAME = "sastra-index.json"
FORMAT_VERSION = 2
WS_TOKENIZER = "sastra_ws"
#: mention kind -> the index field it fills
ENTITY_KINDS = {"person": "person", "org": "org", "loc": "place", "place": "place"}
FACET_FIELDS = ("person", "org", "place", "site", "category")


def _tantivy() -> Any:
    try:
        import tantivy
    except ImportError:
        raise MissingExtraError("tantivy", "search", "the search index") from None
    return tantivy


def _schema() -> Any:
    tantivy = _tantivy()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name=WS_TOKENIZER)
    builder.add_text_field("body", stored=True, tokenizer_name=WS_TOKENIZER)
    builder.add_text_field("sub", tokenizer_name=WS_TOKENIZER)
    builder.add_date_field("date", indexed=True, fast=True)
    builder.add_date_field("published", stored=False, indexed=True, fast=True)
    builder.add_float_field("amount", indexed=True, fast=True)
    for name in ("currency", "person", "org", "place", "site", "category"):
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_bytes_field("offsets", stored=True)
    builder.add_bytes_field("head", stored=True)
    builder.add_bytes_field("record", stored=True)
    return builder.build()


def _register(index: Any) -> None:
    tantivy = _tantivy()
    index.register_tokenizer(WS_TOKENIZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())


# --- values found in records (Python objects from the pipeline, or their JSON forms) ---------------

def as_date(value: Any) -> _dt.date | None:
    """A ``datetime.date`` from a mention or metadata value: a date, an ISO string, or a record
    holding one (``.date``, ``.value``, ``{"date": ...}``); None when there is none."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        return _date_of_text(value)
    if isinstance(value, Mapping):
        for key in ("date", "gregorian", "value", "start"):
            if key in value:
                return as_date(value[key])
        return None
    for attr in ("date", "gregorian", "value", "start"):
        inner = getattr(value, attr, None)
        if inner is not None and inner is not value:
            return as_date(inner)
    return None


@functools.lru_cache(maxsize=16_384)
def _date_of_text(value: str) -> _dt.date | None:
    """The date an ISO string starts with (cached: strptime is slow, and a corpus's dates recur)."""
    text = value.strip()[:10]
    # the whole day, month or year as written: ``2019-13-45`` is no date, not the year 2019
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return _dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def as_money(value: Any, attrs: Mapping[str, Any]) -> tuple[float, str] | None:
    """(amount, ISO currency) of a money mention, whatever shape its value has."""
    currency = attrs.get("currency") if isinstance(attrs, Mapping) else None
    amount: Any = value
    if isinstance(value, Mapping):
        amount = value.get("amount", value.get("value"))
        currency = value.get("currency", currency)
    elif value is not None and not isinstance(value, (int, float, Decimal, str)):
        amount = getattr(value, "amount", getattr(value, "value", None))
        currency = getattr(value, "currency", currency)
    try:
        number = float(Decimal(str(amount)))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number, str(currency or "").upper()


def entity_name(mention: Any) -> str:
    """The name of a person/org/place mention: its value when that is a name, else its text."""
    return _entity_name_of(_get(mention, "value"), _get(mention, "text"))


def _entity_name_of(value: Any, text: Any) -> str:
    """:func:`entity_name` of a mention's value and text."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, Mapping):
        for key in ("name", "canonical", "value"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    for attr in ("name", "canonical"):
        inner = getattr(value, attr, None)
        if isinstance(inner, str) and inner.strip():
            return inner.strip()
    return str(text or "").strip()


def _get(record: Any, name: str, default: Any = None) -> Any:
    if isinstance(record, dict):
        return record.get(name, default)
    if hasattr(record, "__dataclass_fields__") or not isinstance(record, Mapping):
        return getattr(record, name, default)
    return record.get(name, default)


_PLAIN = (str, int, float, bool, type(None))


def _is_plain_json(value: Any) -> bool:
    """Whether ``value`` is already a JSON value made of plain types (dicts with str keys, lists,
    str, int, float, bool, None): then ``_json_value`` gives it back as it is."""
    kind = value.__class__
    if kind in _PLAIN:
        return True
    if kind is dict:
        return all(key.__class__ is str and _is_plain_json(item) for key, item in value.items())
    if kind is list:
        return all(_is_plain_json(item) for item in value)
    return False


def _json_value(value: Any) -> Any:
    if _is_plain_json(value):  # (the pipeline's metadata is JSON already: no need to convert and try it)
        return value
    from sastra.records import to_jsonable

    try:
        value = to_jsonable(value)
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return str(value)


def cluster_bigrams(keys: list[str]) -> list[str]:
    """Each pair of consecutive cluster keys (across word boundaries and spacing): the terms of the
    sub-word field. Pairs keep phrase queries over clusters fast (common single clusters such as
    ``ង`` would make long posting lists) and still let any run of two or more clusters be found."""
    if len(keys) < 2:
        return list(keys)
    return list(map(operator.add, keys, keys[1:]))


def bigram_phrase(keys: list[str]) -> list[tuple[int, str]]:
    """The (position, term) pairs of a phrase over the cluster run ``keys``: every other pair, plus the
    last one, which covers every cluster with about half the terms."""
    pairs = cluster_bigrams(keys)
    if len(keys) < 2:
        return [(0, k) for k in pairs]
    chosen = list(range(0, len(pairs), 2))
    if chosen[-1] != len(pairs) - 1:
        chosen.append(len(pairs) - 1)
    return [(i, pairs[i]) for i in chosen]


# --- preparing documents ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PreparedDoc:
    """A document analysed and turned into index field values (what the writer consumes)."""

    id: str
    title_keys: str
    body_keys: str
    sub_keys: str
    offsets: bytes
    head: bytes  # JSON: id, title, meta
    record: bytes  # JSON: text, mentions
    dates: tuple[_dt.date, ...] = ()
    published: _dt.date | None = None
    amounts: tuple[float, ...] = ()
    currencies: tuple[str, ...] = ()
    entities: tuple[tuple[str, str, str], ...] = ()  # (field, key, display name)
    site: str = ""
    category: str = ""
    dup_of: str | None = None
    tokens: int = 0


def _headline(text: str, meta: Mapping[str, Any]) -> tuple[str, int, int]:
    """The headline and its span in the text: ``meta["title"]`` if given, else the first non-empty line."""
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip(), -1, -1
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            line = text[start:end]
            lead = len(line) - len(line.lstrip())
            return line.strip(), start + lead, start + lead + len(line.strip())
        start = end + 1
    return "", -1, -1


def _site(meta: Mapping[str, Any]) -> str:
    site = meta.get("site")
    if not site and isinstance(meta.get("url"), str):
        from urllib.parse import urlsplit

        site = urlsplit(meta["url"]).hostname or ""
        if site.startswith("www."):
            site = site[4:]
    return str(site or "")


#: fold of a site or category name (cached: a corpus has few of them)
_fold_name = functools.lru_cache(maxsize=4_096)(fold)


def _terms_of(analysis: Analysis) -> IndexTerms:
    words = analysis.words
    return IndexTerms([t.key for t in words], [t.start for t in words], [t.end for t in words],
                      [t.key for t in analysis.pieces])


#: a mention as the preparation reads it: kind, start, end, text, value, attrs
MentionFields = tuple[Any, Any, Any, Any, Any, Any]


def _mention_fields(mention: Any) -> MentionFields:
    if mention.__class__ is Mention:  # (the usual case: plain attributes, no look-up by name)
        return mention.kind, mention.start, mention.end, mention.text, mention.value, mention.attrs
    return (_get(mention, "kind"), _get(mention, "start"), _get(mention, "end"), _get(mention, "text"),
            _get(mention, "value"), _get(mention, "attrs"))


def prepare_document(doc: Document, analysis: Analysis | None = None) -> PreparedDoc:
    """Analyse one document (or take the given analysis) and lay out its index fields."""
    if not isinstance(doc, Document):
        raise InputError(f"build_index needs sastra.records.Document values, not {type(doc).__name__}")
    fields = _prepare(doc, doc.meta, [_mention_fields(m) for m in doc.mentions], analysis)
    return PreparedDoc(*fields[:5], fields[5].encode("utf-8"), fields[6].encode("utf-8"), *fields[7:])


def prepared_line(doc: Document, meta: Mapping[str, Any], mentions: list[MentionFields],
                  text_json: str | None = None) -> str:
    """``prepared_to_json(prepare_document(doc'))`` for the document ``doc'`` that is ``doc`` with the
    given metadata and mentions (what ``sastra run``'s workers write: the record's values in their JSON
    form), made without the intermediate objects. ``text_json`` is ``doc.text`` as a JSON string,
    when the caller has it already."""
    if not isinstance(doc, Document):
        raise InputError(f"build_index needs sastra.records.Document values, not {type(doc).__name__}")
    return _escaped_prepared_json(*_prepare(doc, meta, mentions, None, text_json, escaped=True))


def _prepare(doc: Document, meta: Any, mentions: Iterable[MentionFields], analysis: Analysis | None,
             text_json: str | None = None, escaped: bool = False) -> tuple[Any, ...]:
    """The values of a PreparedDoc's fields, in order, with ``head`` and ``record`` as text, and with
    the title, body and sub-word keys JSON-escaped when ``escaped``."""
    text = doc.text or ""
    if analysis is None and doc.tokens:
        keys, starts, ends, sub_keys = index_fields(text, doc.tokens, escaped=escaped)
    else:
        terms = _terms_of(analysis if analysis is not None else analyze_text(text))
        keys, starts, ends = terms.keys, terms.starts, terms.ends
        sub_keys = " ".join(cluster_bigrams(terms.piece_keys))
        if escaped:
            keys, sub_keys = list(map(json_escaped, keys)), json_escaped(sub_keys)
    meta = meta if isinstance(meta, Mapping) else {}
    title, title_start, title_end = _headline(doc.text, meta)
    if title_start >= 0:
        first = bisect.bisect_left(starts, title_start)
        last = bisect.bisect_right(ends, title_end, lo=first)
        title_keys = " ".join(keys[first:last])
    else:
        title_keys = " ".join(t.key for t in analyze_text(title, fine=False).words)
        if escaped:
            title_keys = json_escaped(title_keys)
    spans = [0] * (2 * len(keys))
    spans[0::2] = starts
    spans[1::2] = ends
    offsets = array("I", spans)

    dates: list[_dt.date] = []
    published = as_date(meta.get("date") or meta.get("published"))
    if published is not None:
        dates.append(published)
    amounts: list[float] = []
    currencies: list[str] = []
    entities: list[tuple[str, str, str]] = []
    shown: list[list[Any]] = []
    for kind, start, end, mtext, value, attrs in mentions:
        if kind == "date":
            day = as_date(value)
            if day is not None:
                dates.append(day)
                last = as_date(_get(value, "end")) if value is not None and not isinstance(value, str) else None
                if last is not None and last > day:  # a month, a year or an interval: both ends
                    dates.append(last)
                shown.append(["date", start, end, mtext, day.isoformat()])
        elif kind == "money":
            money = as_money(value, attrs or {})
            if money is not None:
                amounts.append(money[0])
                if money[1]:
                    currencies.append(money[1])
                shown.append(["money", start, end, mtext, [money[0], money[1]]])
        elif kind in ENTITY_KINDS:
            name = _entity_name_of(value, mtext)
            key = entity_key(name) if name else ""
            if key:
                entities.append((ENTITY_KINDS[kind], key, name))
                shown.append([ENTITY_KINDS[kind], start, end, mtext, name, key])
    head = {"id": doc.id, "title": title,
            "meta": {k: _json_value(v) for k, v in meta.items() if k not in ("silver_segmented", "text")}}
    # {"text": ..., "mentions": ...} as json.dumps writes it, with the text's JSON string reused
    record = f'{{"text": {text_json or _encode_str(text)}, "mentions": {_dumps_spaced(shown)}}}'
    dup_of = meta.get("dup_of")
    site = _site(meta)
    return (str(doc.id), title_keys, " ".join(keys), sub_keys, offsets.tobytes(), _dumps_spaced(head), record,
            tuple(sorted(set(dates))), published, tuple(amounts), tuple(sorted(set(currencies))), tuple(entities),
            _fold_name(site) if site else "", _fold_name(str(meta.get("category") or "")),
            str(dup_of) if dup_of not in (None, "", doc.id) else None, len(keys))


def prepared_to_json(prepared: PreparedDoc) -> str:
    """One JSON line holding a prepared document, so that workers can prepare documents and a later
    process can index them (``sastra run`` keeps one such line per record in its work folder).
    :func:`prepared_from_json` gives back an equal PreparedDoc (floats round-trip exactly)."""
    return _prepared_json(
        prepared.id, prepared.title_keys, prepared.body_keys, prepared.sub_keys, prepared.offsets,
        prepared.head.decode("utf-8"), prepared.record.decode("utf-8"), prepared.dates, prepared.published,
        prepared.amounts, prepared.currencies, prepared.entities, prepared.site, prepared.category,
        prepared.dup_of, prepared.tokens)


def _prepared_json(doc_id: str, title_keys: str, body_keys: str, sub_keys: str, offsets: bytes, head: str,
                   record: str, dates: tuple[_dt.date, ...], published: _dt.date | None,
                   amounts: tuple[float, ...], currencies: tuple[str, ...],
                   entities: tuple[tuple[str, str, str], ...], site: str, category: str, dup_of: str | None,
                   tokens: int) -> str:
    return _escaped_prepared_json(doc_id, json_escaped(title_keys), json_escaped(body_keys), json_escaped(sub_keys),
                                  offsets, head, record, dates, published, amounts, currencies, entities, site,
                                  category, dup_of, tokens)


def _escaped_prepared_json(doc_id: str, title_keys: str, body_keys: str, sub_keys: str, offsets: bytes,
                           head: str, record: str, dates: tuple[_dt.date, ...], published: _dt.date | None,
                           amounts: tuple[float, ...], currencies: tuple[str, ...],
                           entities: tuple[tuple[str, str, str], ...], site: str, category: str,
                           dup_of: str | None, tokens: int) -> str:
    """:func:`_prepared_json` of keys already JSON-escaped (from the per-token cache: the long key
    strings are not scanned again); base64 needs no escaping. The same text as ``json.dumps`` of the
    list, compact."""
    tail = _dumps_compact([
        [day.isoformat() for day in dates], published.isoformat() if published is not None else None,
        list(amounts), list(currencies), [list(e) for e in entities], site, category, dup_of, tokens,
    ])
    return (f'[{_encode_str(doc_id)},"{title_keys}","{body_keys}","{sub_keys}",'
            f'"{base64.b64encode(offsets).decode("ascii")}",{_encode_str(head)},{_encode_str(record)},{tail[1:]}')


def prepared_from_json(line: str) -> PreparedDoc:
    """The PreparedDoc of a line written by :func:`prepared_to_json`."""
    (doc_id, title_keys, body_keys, sub_keys, offsets, head, record, dates, published, amounts, currencies,
     entities, site, category, dup_of, tokens) = json.loads(line)
    day = _dt.date.fromisoformat
    return PreparedDoc(
        id=doc_id, title_keys=title_keys, body_keys=body_keys, sub_keys=sub_keys,
        offsets=base64.b64decode(offsets), head=head.encode("utf-8"), record=record.encode("utf-8"),
        dates=tuple(day(d) for d in dates), published=day(published) if published is not None else None,
        amounts=tuple(float(a) for a in amounts), currencies=tuple(currencies),
        entities=tuple((f, k, n) for f, k, n in entities), site=site, category=category,
        dup_of=dup_of, tokens=int(tokens),
    )


#: tantivy stores dates as nanoseconds since 1970 in 64 bits: the range it can hold
_INDEXABLE_DATES = (_dt.date(1678, 1, 1), _dt.date(2262, 1, 1))


def _tantivy_document(prepared: PreparedDoc) -> Any:
    tantivy = _tantivy()
    doc = tantivy.Document()
    doc.add_text("id", prepared.id)
    doc.add_text("title", prepared.title_keys)
    doc.add_text("body", prepared.body_keys)
    doc.add_text("sub", prepared.sub_keys)
    for day in prepared.dates:
        if _INDEXABLE_DATES[0] <= day <= _INDEXABLE_DATES[1]:  # historical dates stay in the text only
            doc.add_date("date", _dt.datetime(day.year, day.month, day.day))
    p = prepared.published
    if p is not None and _INDEXABLE_DATES[0] <= p <= _INDEXABLE_DATES[1]:
        doc.add_date("published", _dt.datetime(p.year, p.month, p.day))
    for amount in prepared.amounts:
        doc.add_float("amount", amount)
    for currency in prepared.currencies:
        doc.add_text("currency", currency)
    for field_name, key in {(f, k) for f, k, _ in prepared.entities}:
        doc.add_text(field_name, key)
    if prepared.site:
        doc.add_text("site", prepared.site)
    if prepared.category:
        doc.add_text("category", prepared.category)
    doc.add_bytes("offsets", prepared.offsets)
    doc.add_bytes("head", prepared.head)
    doc.add_bytes("record", prepared.record)
    return doc


# --- writing ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class IndexStats:
    """What :func:`build_index` did."""

    path: str
    documents: int  # searchable documents
    duplicates: int  # near-duplicates linked to their canonical document, not indexed themselves
    skipped: int  # documents with nothing to index (empty text)
    tokens: int
    seconds: float
    duplicate_orphans: int = 0  # duplicates whose canonical document was absent: indexed themselves
    repeated_ids: int = 0  # documents with the id of one indexed before: not indexed (the first one stands)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def _prepare_dir(index_dir: Path) -> None:
    if index_dir.exists():
        if not index_dir.is_dir():
            raise InputError(f"{index_dir} is a file; give a folder for the index")
        entries = list(index_dir.iterdir())
        if entries and not (index_dir / MANIFEST_NAME).exists() and not (index_dir / "meta.json").exists():
            raise InputError(f"{index_dir} is not empty and holds no sastra index; choose an empty folder")
        for entry in entries:  # an old sastra index: rebuilt from scratch
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    index_dir.mkdir(parents=True, exist_ok=True)


#: the writer's memory budget: tantivy grows its buffer as documents come and writes a segment each
#: time it is full, so a large budget costs nothing on a small corpus and gives a large one few
#: segments, which is what makes queries fast (every query visits every segment: on 100,000 news
#: articles, 6 segments at 128 MB answered at p50 1.4-1.8 ms, 1 segment at 3,000 MB 1.0-1.3 ms)
WRITER_HEAP_MB = 2_000


def write_index(prepared: Iterable[PreparedDoc], index_dir: str | os.PathLike[str], *,
                heap_mb: int = WRITER_HEAP_MB, threads: int = 1) -> IndexStats:
    """Write already prepared documents into a fresh index at ``index_dir`` (what build_index times
    apart from analysis). ``heap_mb`` bounds the writer's memory (see :data:`WRITER_HEAP_MB`)."""
    tantivy = _tantivy()
    index_dir = Path(index_dir)
    started = time.perf_counter()
    _prepare_dir(index_dir)
    index = tantivy.Index(_schema(), path=str(index_dir), reuse=False)
    _register(index)
    writer = index.writer(heap_size=max(15, heap_mb) * 1_000_000, num_threads=max(1, threads))
    indexed: set[str] = set()
    held: list[PreparedDoc] = []  # near-duplicates, linked at the end
    names: dict[str, dict[str, dict[str, int]]] = {}
    documents = skipped = tokens = repeated = 0
    for doc in prepared:
        if doc.dup_of is not None:
            held.append(doc)
            continue
        if not doc.body_keys and not doc.title_keys:
            skipped += 1
            continue
        if doc.id in indexed:  # the same id twice: the first one stands, and the count says so
            repeated += 1
            continue
        writer.add_document(_tantivy_document(doc))
        indexed.add(doc.id)
        documents += 1
        tokens += doc.tokens
        for field_name, key, name in doc.entities:
            counts = names.setdefault(field_name, {}).setdefault(key, {})
            counts[name] = counts.get(name, 0) + 1
    duplicates: dict[str, list[str]] = {}
    orphans = 0
    for doc in held:
        if doc.dup_of in indexed:
            duplicates.setdefault(doc.dup_of, []).append(doc.id)
        elif doc.body_keys and doc.id not in indexed:  # its canonical copy is absent: keep this one
            writer.add_document(_tantivy_document(doc))
            indexed.add(doc.id)
            documents += 1
            orphans += 1
            tokens += doc.tokens
    writer.commit()
    writer.wait_merging_threads()
    manifest = {
        "format": FORMAT_VERSION,
        "documents": documents,
        "duplicates": duplicates,
        "entity_names": {f: {k: max(c, key=c.get) for k, c in keys.items()} for f, keys in names.items()},
        "analysis": _analysis_description(),
    }
    tmp = index_dir / (MANIFEST_NAME + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    tmp.replace(index_dir / MANIFEST_NAME)
    return IndexStats(str(index_dir), documents, sum(map(len, duplicates.values())), skipped, tokens,
                      time.perf_counter() - started, orphans, repeated)


def _analysis_description() -> dict[str, str]:
    from sastra.index.analysis import segmenter_name

    return {"segmenter": segmenter_name(),
            "sub": "pairs of consecutive orthographic clusters", "keys": "sastra.normalize.search_key"}


def build_index(docs: Iterable[Document], index_dir: str | os.PathLike[str], *, heap_mb: int = WRITER_HEAP_MB,
                threads: int = 1) -> IndexStats:
    """Analyse ``docs`` and write a fresh search index in ``index_dir`` (an old sastra index there is
    replaced). Near-duplicates (``meta["dup_of"]``) are linked to their canonical document, not indexed."""
    return write_index((prepare_document(doc) for doc in docs), index_dir, heap_mb=heap_mb, threads=threads)


def build_index_prepared(prepared: Iterable[PreparedDoc], index_dir: str | os.PathLike[str], *,
                         heap_mb: int = WRITER_HEAP_MB, threads: int = 1) -> IndexStats:
    """:func:`build_index` for documents already prepared (by :func:`prepare_document`, possibly in
    other processes and read back with :func:`prepared_from_json`): only the tantivy writing is left."""
    return write_index(prepared, index_dir, heap_mb=heap_mb, threads=threads)


# --- opening ---------------------------------------------------------------------------------------

@dataclass
class OpenIndex:
    """An opened index and its manifest, cached per folder and reopened when the index changes."""

    path: Path
    index: Any
    schema: Any
    manifest: dict[str, Any]
    stamp: tuple[float, float]
    dup_parent: dict[str, str] = field(default_factory=dict)


_OPEN: dict[str, OpenIndex] = {}
_OPEN_LOCK = threading.Lock()


def _stamp(path: str | Path) -> tuple[float, float]:
    try:
        return (os.stat(os.path.join(path, "meta.json")).st_mtime,
                os.stat(os.path.join(path, MANIFEST_NAME)).st_mtime)
    except OSError:
        return (0.0, 0.0)


#: (working directory, index_dir as given) -> the folder it resolved to, so that a search repeated on
#: the same folder costs two stat calls before it reaches the cached index
_RESOLVED: dict[tuple[str, str], str] = {}


def open_index(index_dir: str | os.PathLike[str]) -> OpenIndex:
    """The index at ``index_dir`` (cached; reopened when it changes on disk); InputError when there
    is none."""
    given = (os.getcwd(), os.fspath(index_dir))
    known = _RESOLVED.get(given)
    if known is not None:
        cached = _OPEN.get(known)
        if cached is not None and cached.stamp == _stamp(known):
            return cached
    tantivy = _tantivy()
    path = Path(index_dir).resolve()
    if not (path / MANIFEST_NAME).exists() and (path / "index" / MANIFEST_NAME).exists():
        path = path / "index"  # the output folder of `sastra run`, which keeps its index in OUT/index
    key = str(path)
    stamp = _stamp(path)
    cached = _OPEN.get(key)
    if cached is not None and cached.stamp == stamp:
        _RESOLVED[given] = key
        return cached
    with _OPEN_LOCK:
        if not (path / MANIFEST_NAME).exists() or not (path / "meta.json").exists():
            raise InputError(f"no sastra index in {index_dir}; build one with `sastra index RECORDS.jsonl --out "
                             f"{index_dir}` or `sastra run ... --out DIR`")
        damaged = f"the index in {index_dir} is damaged ({{}}): rebuild it with `sastra index` or `sastra run`"
        try:
            manifest = json.loads((path / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(damaged.format(f"{MANIFEST_NAME}: {exc}")) from exc
        if not isinstance(manifest, dict):
            raise InputError(damaged.format(f"{MANIFEST_NAME} is not a JSON object"))
        if manifest.get("format") != FORMAT_VERSION:
            raise InputError(f"the index in {index_dir} has format {manifest.get('format')}, this sastra reads "
                             f"{FORMAT_VERSION}: rebuild it with `sastra index`")
        try:
            index = tantivy.Index.open(str(path))
        except ValueError as exc:  # tantivy: a segment file missing or unreadable
            raise InputError(damaged.format(exc)) from exc
        _register(index)
        parents = {dup: canon for canon, dups in manifest.get("duplicates", {}).items() for dup in dups}
        opened = OpenIndex(path, index, index.schema, manifest, stamp, parents)
        _OPEN[key] = opened
        if len(_RESOLVED) > 1_000:
            _RESOLVED.clear()
        _RESOLVED[given] = key
        return opened


def iter_stored(index_dir: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:  # pragma: no cover - tool
    """Every stored record of an index (for inspection and export)."""
    opened = open_index(index_dir)
    tantivy = _tantivy()
    searcher = opened.index.searcher()
    result = searcher.search(tantivy.Query.all_query(), limit=max(1, searcher.num_docs))
    for _, address in result.hits:
        yield stored_record(searcher.doc(address))


def stored_record(stored: Any) -> dict[str, Any]:
    """The record shown for a stored document: id, title, text, meta and mentions."""
    head = json.loads(stored.get_first("head"))
    body = json.loads(stored.get_first("record"))
    return {"id": head["id"], "title": head["title"], "text": body["text"], "meta": head["meta"],
            "mentions": body["mentions"]}
