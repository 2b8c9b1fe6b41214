"""The scale-out path: OpenSearch / Elasticsearch bulk NDJSON whose fields carry sastra's own tokens.

Every text field holds search keys that sastra's :func:`~sastra.index.analysis.analyze` made, joined by
spaces, and the index template maps them with a plain ``whitespace`` analyzer: the cluster needs no
Khmer analyzer, and the same analysis is used at both ends as long as queries are built with
:func:`opensearch_query` (which runs the query through sastra's parser and analysis).
Works with OpenSearch >= 1 and Elasticsearch >= 7.8 (composable index templates).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Mapping

from sastra.index.query import AmountRange, DateRange, parse_filters, parse_query
from sastra.index.store import PreparedDoc, cluster_bigrams, prepare_document
from sastra.records import Document

__all__ = ["export_opensearch", "index_template", "opensearch_query", "ExportStats", "bulk_source",
           "default_template_path"]

TOKENS_ANALYZER = "sastra_tokens"


@dataclass(frozen=True, slots=True)
class ExportStats:
    bulk_path: str
    template_path: str | None  # None: no template written (a stream, and no template_path given)
    documents: int  # searchable documents
    duplicates: int  # near-duplicates written as links only (no text fields)


def index_template(index_name: str = "sastra", *, shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    """The composable index template for ``index_name*`` (PUT _index_template/<index_name>)."""
    tokens = {"type": "text", "analyzer": TOKENS_ANALYZER, "norms": True}
    keyword = {"type": "keyword"}
    return {
        "index_patterns": [f"{index_name}*"],
        "template": {
            "settings": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "analysis": {"analyzer": {TOKENS_ANALYZER: {"type": "custom", "tokenizer": "whitespace"}}},
            },
            "mappings": {
                "dynamic": "strict",
                "properties": {
                    "id": keyword,
                    "title": {"type": "text", "index": False},
                    "text": {"type": "text", "index": False},
                    "url": {"type": "keyword", "index": False},
                    "title_tokens": tokens,
                    "body_tokens": tokens,
                    "sub_tokens": tokens,
                    "token_offsets": {"type": "integer", "index": False, "doc_values": False},
                    "date": {"type": "date", "format": "strict_date"},
                    "published": {"type": "date", "format": "strict_date"},
                    "amount": {"type": "double"},
                    "currency": keyword,
                    "person": keyword, "org": keyword, "place": keyword,
                    "person_name": keyword, "org_name": keyword, "place_name": keyword,
                    "site": keyword,
                    "category": keyword,
                    "dup_of": keyword,
                    "mentions": {"type": "object", "enabled": False},
                },
            },
        },
        "_meta": {"created_by": "sastra", "analysis": "sastra.index.analysis.analyze (search keys, space-joined)"},
    }


def bulk_source(prepared: PreparedDoc) -> dict[str, Any]:
    """The ``_source`` of one document in the bulk file."""
    from array import array

    head = json.loads(prepared.head)
    meta = head.get("meta", {})
    source: dict[str, Any] = {"id": prepared.id, "title": head.get("title", ""), "url": meta.get("url")}
    if prepared.dup_of is not None:
        source["dup_of"] = prepared.dup_of  # a link to the canonical copy: nothing searchable
        return {k: v for k, v in source.items() if v is not None}
    offsets = array("I")
    offsets.frombytes(prepared.offsets)
    record = json.loads(prepared.record)
    source.update({
        "text": record.get("text", ""),
        "title_tokens": prepared.title_keys,
        "body_tokens": prepared.body_keys,
        "sub_tokens": prepared.sub_keys,
        "token_offsets": offsets.tolist(),
        "date": [d.isoformat() for d in prepared.dates],
        "published": prepared.published.isoformat() if prepared.published else None,
        "amount": list(prepared.amounts),
        "currency": list(prepared.currencies),
        "site": prepared.site or None,
        "category": prepared.category or None,
        "mentions": {"items": record.get("mentions", [])},
    })
    for kind in ("person", "org", "place"):
        keys = sorted({key for f, key, _ in prepared.entities if f == kind})
        names = sorted({name for f, _, name in prepared.entities if f == kind})
        source[kind] = keys
        source[f"{kind}_name"] = names
    return {k: v for k, v in source.items() if v is not None}


def default_template_path(out: str | os.PathLike[str] | IO[str]) -> Path | None:
    """Where the index template goes when not told: beside a bulk file, ``<name>.template.json``; for
    a stream (``-``, stdout), nowhere: it once went to the current folder, unasked."""
    if not isinstance(out, (str, os.PathLike)) or str(out) == "-":
        return None
    out_path = Path(out)
    return out_path.with_name(out_path.name.rsplit(".", 1)[0] + ".template.json")


def export_opensearch(records: Iterable[Document], out: str | os.PathLike[str] | IO[str], *,
                      index_name: str = "sastra", template_path: str | os.PathLike[str] | None = None) -> ExportStats:
    """Write ``records`` as bulk NDJSON (``POST _bulk``) to ``out`` and the index template to
    ``template_path`` (default: :func:`default_template_path`, none for a stream)."""
    if isinstance(out, (str, os.PathLike)) and str(out) != "-":
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        stream: IO[str] = open(out_path, "w", encoding="utf-8", newline="\n")
        owned = True
        bulk_name = str(out_path)
    else:
        import sys

        stream = sys.stdout if not hasattr(out, "write") else out  # type: ignore[assignment]
        owned = False
        bulk_name = "<stream>"
    template_file = Path(template_path) if template_path else default_template_path(out)
    documents = duplicates = 0
    try:
        for doc in records:
            prepared = prepare_document(doc)
            if prepared.dup_of is None and not prepared.body_keys and not prepared.title_keys:
                continue
            action = {"index": {"_index": index_name, "_id": prepared.id}}
            stream.write(json.dumps(action, ensure_ascii=False) + "\n")
            stream.write(json.dumps(bulk_source(prepared), ensure_ascii=False) + "\n")
            if prepared.dup_of is None:
                documents += 1
            else:
                duplicates += 1
    finally:
        if owned:
            stream.close()
    if template_file is None:
        return ExportStats(bulk_name, None, documents, duplicates)
    template_file.parent.mkdir(parents=True, exist_ok=True)
    template_file.write_text(json.dumps(index_template(index_name), ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    return ExportStats(bulk_name, str(template_file), documents, duplicates)


def opensearch_query(query: str, *, filters: Mapping[str, Any] | Iterable[str] | None = None,
                     size: int = 10) -> dict[str, Any]:
    """The search body (``POST <index>/_search``) for a sastra query, analysed by sastra so that it
    matches the exported tokens. Raises QuerySyntaxError like the embedded search's parser."""
    from sastra.index.searching import DEFAULT_WEIGHTS, query_chunks

    parsed = parse_query(query)
    weights = DEFAULT_WEIGHTS
    should: list[dict[str, Any]] = []
    must: list[dict[str, Any]] = []
    must_not: list[dict[str, Any]] = []
    flt: list[dict[str, Any]] = []
    chunks = query_chunks(parsed)
    for clause in parsed.text:
        chunk = chunks[clause.text]
        if not chunk.keys:
            continue
        words = " ".join(chunk.keys)
        clusters = " ".join(cluster_bigrams([k for keys in chunk.clusters for k in keys]))
        if clause.field == "title":
            query_part: dict[str, Any] = ({"match_phrase": {"title_tokens": words}} if clause.phrase else
                                          {"match": {"title_tokens": {"query": words, "operator": "and"}}})
        elif clause.phrase:
            query_part = {"match_phrase": {"sub_tokens": {"query": clusters, "boost": weights.phrase}}}
        else:
            parts = []
            for key, keys in zip(chunk.keys, chunk.clusters):
                parts.append({"bool": {"should": [
                    {"term": {"body_tokens": {"value": key, "boost": weights.body}}},
                    {"term": {"title_tokens": {"value": key, "boost": weights.title}}},
                ] + ([{"match_phrase": {"sub_tokens": {"query": " ".join(cluster_bigrams(list(keys))),
                                                        "boost": weights.sub}}}] if len(keys) > 1 else [])}})
            if len(chunk.keys) > 1 and clause.occur == "should":
                parts.append({"match_phrase": {"sub_tokens": {"query": clusters, "boost": weights.phrase}}})
            if clause.occur == "should":
                should.extend(parts)
                continue
            query_part = {"bool": {"must": parts}} if clause.occur == "must" else {"bool": {"should": parts}}
        {"should": should, "must": must, "must_not": must_not}[clause.occur].append(query_part)
    for item in tuple(parsed.filters) + parse_filters(filters):
        value = item.value
        if isinstance(value, DateRange):
            part: dict[str, Any] = {"range": {item.field: {"gte": value.start.isoformat(), "lt": value.end.isoformat()}}}
        elif isinstance(value, AmountRange):
            bounds: dict[str, float] = {}
            if value.low is not None:
                bounds["gte" if value.include_low else "gt"] = float(value.low)
            if value.high is not None:
                bounds["lte" if value.include_high else "lt"] = float(value.high)
            part = {"range": {"amount": bounds}}
        elif item.field in ("person", "org", "place"):
            part = {"wildcard": {item.field: {"value": f"*{value}*"}}}
        else:
            part = {"term": {item.field: value}}
        (must_not if item.negated else flt).append(part)
    flt.append({"exists": {"field": "body_tokens"}})  # duplicates are links, never hits
    body: dict[str, Any] = {"size": size, "query": {"bool": {"filter": flt}},
                            "_source": {"excludes": ["body_tokens", "sub_tokens", "title_tokens"]}}
    boolean = body["query"]["bool"]
    if should:
        boolean["should"] = should
        if not must:
            boolean["minimum_should_match"] = 1
    if must:
        boolean["must"] = must
    if must_not:
        boolean["must_not"] = must_not
    return body
