"""Searching the embedded index: the query through the same analysis as the documents, BM25 over
words, headline and sub-word clusters, typed filters, and highlighted snippets in original offsets."""

from __future__ import annotations

import bisect
import datetime as _dt
import html
import json
import numbers
import os
import re
import threading
import time
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from sastra.index.analysis import query_terms_of_parts
from sastra.index.query import (AmountRange, DateRange, Filter, ParsedQuery, QuerySyntaxError, TextClause,
                                parse_filters, parse_query)
from sastra.index.store import (_INDEXABLE_DATES, FACET_FIELDS, OpenIndex, _tantivy, bigram_phrase, cluster_bigrams,
                                open_index)

__all__ = ["search", "SearchResults", "Hit", "Snippet", "MatchedMention", "compile_query", "Weights"]

SNIPPET_CHARS = 220
#: queries of at most this many words also look for each word inside longer words (sub-word field)
SHORT_QUERY_WORDS = 3
#: in longer queries, words in more than this share of documents only count through the whole-query
#: phrase (they cost the most and tell documents apart the least)
COMMON_WORD_SHARE = 0.2
#: the whole-query phrase is asked only when its rarest cluster pair is in at most this share
PHRASE_MAX_SHARE = 0.5
#: the whole-query phrase is made of this many of its rarest cluster pairs (at their positions)
VERBATIM_PAIRS = 4
MAX_SNIPPETS = 2
MAX_LIMIT = 1000
#: highlights looked for per document (snippets show the densest windows among them)
MAX_HIGHLIGHTS = 64


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of match counts (BM25 scores are multiplied by these)."""

    body: float = 1.0
    title: float = 1.5
    sub: float = 0.4
    phrase: float = 2.0


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class Snippet:
    """A window of the original text; ``start``/``end`` and every highlight are offsets into the
    document's text (``Hit.text[start:end] == snippet.text``)."""

    text: str
    start: int
    end: int
    highlights: tuple[tuple[int, int], ...] = ()

    def html(self, tag: str = "mark") -> str:
        """The snippet as HTML with the matches wrapped in ``<mark>`` (text escaped)."""
        out: list[str] = []
        last = self.start
        for start, end in self.highlights:
            out.append(html.escape(self.text[last - self.start:start - self.start]))
            out.append(f"<{tag}>{html.escape(self.text[start - self.start:end - self.start])}</{tag}>")
            last = end
        out.append(html.escape(self.text[last - self.start:]))
        return "".join(out)

    def marked(self, left: str = "[", right: str = "]") -> str:
        """The snippet with the matches between ``left`` and ``right`` (for terminals)."""
        out: list[str] = []
        last = self.start
        for start, end in self.highlights:
            out.append(self.text[last - self.start:start - self.start])
            out.append(left + self.text[start - self.start:end - self.start] + right)
            last = end
        out.append(self.text[last - self.start:])
        return "".join(out)


@dataclass(frozen=True, slots=True)
class MatchedMention:
    """An entity, date or amount of the document that the query or a filter matched."""

    kind: str  # person, org, place, date, money
    text: str
    start: int
    end: int
    value: Any


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    score: float
    title: str
    snippets: tuple[Snippet, ...] = ()
    entities: tuple[MatchedMention, ...] = ()
    dates: tuple[MatchedMention, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    duplicates: tuple[str, ...] = ()  # near-duplicate ids linked to this document
    text: str | None = None  # the full text, when asked for

    @property
    def url(self) -> str | None:
        return self.meta.get("url")


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Ranked hits, or ``error`` (a message for the user) when the query could not be run."""

    query: str
    hits: tuple[Hit, ...] = ()
    total: int | None = None  # every matching document, when counted
    error: str | None = None
    facets: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    took_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


# --- from parsed query to tantivy query ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Chunk:
    keys: tuple[str, ...]  # the key of each word
    clusters: tuple[tuple[str, ...], ...]  # the cluster keys of each word


_CHUNKS: "OrderedDict[tuple[str, ...], dict[str, _Chunk]]" = OrderedDict()
_CHUNKS_MAX = 4096
_CHUNKS_LOCK = threading.Lock()  # the server answers from several threads


def _remember(texts: tuple[str, ...], chunks: dict[str, _Chunk]) -> None:
    with _CHUNKS_LOCK:
        _CHUNKS[texts] = chunks
        _CHUNKS.move_to_end(texts)
        while len(_CHUNKS) > _CHUNKS_MAX:
            _CHUNKS.popitem(last=False)


def query_chunks(parsed: ParsedQuery) -> dict[str, _Chunk]:
    """The analysed words of each text clause of a query (and the cluster keys of each word), by
    clause text: the clauses are segmented together, as the words stood in the query, and remembered
    per query (never per clause, so that a query's analysis does not depend on earlier queries)."""
    texts = tuple(clause.text for clause in parsed.text)
    chunks = _CHUNKS.get(texts)
    if chunks is None:
        chunks = {}
        for text, words in zip(texts, query_terms_of_parts(texts)):
            chunks.setdefault(text, _Chunk(tuple(key for key, _ in words),
                                           tuple(clusters for _, clusters in words)))
        _remember(texts, chunks)
    return chunks


#: document frequencies of one opened index, shared by its queries: an index that changes on disk is
#: reopened as a new OpenIndex (store.open_index), so its counts start afresh
_DF_CACHES: "OrderedDict[int, tuple[OpenIndex, int, dict[tuple[str, str], int]]]" = OrderedDict()
_DF_CACHE_MAX = 500_000
_DF_INDEXES_MAX = 4


def _df_cache(opened: OpenIndex, documents: int) -> dict[tuple[str, str], int]:
    """The document-frequency cache of ``opened`` (compared by identity, never by folder; started
    afresh when the searcher sees another number of documents, i.e. a commit it was not told of)."""
    with _CHUNKS_LOCK:
        entry = _DF_CACHES.get(id(opened))
        if entry is None or entry[0] is not opened or entry[1] != documents:
            entry = _DF_CACHES[id(opened)] = (opened, documents, {})
            while len(_DF_CACHES) > _DF_INDEXES_MAX:
                _DF_CACHES.popitem(last=False)
        return entry[2]


class _Planner:
    """Turns text clauses into tantivy clauses, looking at document frequencies so that long queries
    stay fast: very common words of a long query are left to the whole-query phrase, and the sub-word
    field is asked only where it can change the answer (short queries, words the index lacks)."""

    def __init__(self, schema: Any, searcher: Any, weights: Weights, chunks: dict[str, _Chunk],
                 words_in_query: int, df_cache: dict[tuple[str, str], int] | None = None) -> None:
        self.schema = schema
        self.chunks = chunks
        self.searcher = searcher
        self.weights = weights
        self.documents = max(1, searcher.num_docs)
        self.short = words_in_query <= SHORT_QUERY_WORDS
        self.verbatim_found = False  # set by plan_query once the whole-query phrase is made
        self._df: dict[tuple[str, str], int] = df_cache if df_cache is not None else {}

    def df(self, field_name: str, key: str) -> int:
        cached = self._df.get((field_name, key))
        if cached is None:
            if len(self._df) >= _DF_CACHE_MAX:
                self._df.clear()
            cached = self._df[(field_name, key)] = self.searcher.doc_freq(field_name, key)
        return cached

    def term(self, field_name: str, key: str, boost: float) -> Any:
        Q = _tantivy().Query
        query = Q.term_query(self.schema, field_name, key)
        return query if boost == 1.0 else Q.boost_query(query, boost)

    def sub(self, clusters: Sequence[str]) -> Any | None:
        """A run of two or more clusters, found in the sub-word field whatever either segmenter did."""
        Q = _tantivy().Query
        if len(clusters) < 2:
            return None
        words = bigram_phrase(list(clusters))
        if len(words) == 1:
            return Q.term_query(self.schema, "sub", words[0][1])
        return Q.phrase_query(self.schema, "sub", words)

    def verbatim(self, clusters: Sequence[str]) -> Any | None:
        """The run of clusters as a phrase over its rarest cluster pairs, at their relative positions:
        as telling as the full phrase for a run this long, and much cheaper to intersect."""
        Q = _tantivy().Query
        pairs = list(enumerate(cluster_bigrams(list(clusters))))
        if len(pairs) < 2:
            return None
        scored = sorted(pairs, key=lambda pair: (self.df("sub", pair[1]), pair[0]))
        if self.df("sub", scored[0][1]) > PHRASE_MAX_SHARE * self.documents:
            return None
        chosen = sorted(scored[:VERBATIM_PAIRS])
        return Q.phrase_query(self.schema, "sub", [(i - chosen[0][0], term) for i, term in chosen])

    def words(self, chunk: _Chunk) -> list[tuple[str, Any]]:
        """Should clauses for free words: flat term queries, BM25 over the body, and over the headline
        for short queries only. A long query that a headline holds is found by the verbatim phrase
        (:meth:`whole`); its single words matching other headlines only add noise and time
        (known-item MRR@10 0.972 -> 0.974 on 1,000 articles, main query p50 -30% on 100,000). A word
        the index lacks is looked for as a run of clusters in the sub-word field, unless the query is
        long and its verbatim phrase is asked for already, which holds those clusters (MRR@10 the
        same, 0.974; misspelled and sub-word queries' main query 1.13 and 0.55 -> 0.58 and 0.43 ms)."""
        Q = _tantivy().Query
        w = self.weights
        out: list[tuple[str, Any]] = []
        common = [not self.short and self.df("body", key) > COMMON_WORD_SHARE * self.documents
                  for key in chunk.keys]
        if all(common):
            common = [False] * len(common)
        for key, clusters, skip in zip(chunk.keys, chunk.clusters, common):
            if skip:
                continue
            out.append(("should", self.term("body", key, w.body)))
            if self.short:
                out.append(("should", self.term("title", key, w.title)))
            if self.short or (self.df("body", key) == 0 and not self.verbatim_found):
                sub = self.sub(clusters)
                if sub is not None:
                    out.append(("should", Q.boost_query(sub, w.sub)))
        return out

    def all_words(self, chunk: _Chunk, occur: str) -> list[tuple[str, Any]]:
        """+words (each must match, as a word or as a run of clusters) and -words (none may)."""
        tantivy = _tantivy()
        Q, Occur = tantivy.Query, tantivy.Occur
        out: list[tuple[str, Any]] = []
        for key, clusters in zip(chunk.keys, chunk.clusters):
            body = Q.term_query(self.schema, "body", key)
            sub = self.sub(clusters)
            if occur == "must_not":
                out.append(("must_not", body))
                if sub is not None:
                    out.append(("must_not", sub))
                continue
            either = [(Occur.Should, body), (Occur.Should, Q.boost_query(Q.term_query(self.schema, "title", key),
                                                                        self.weights.title))]
            if sub is not None:
                either.append((Occur.Should, Q.boost_query(sub, self.weights.sub)))
            out.append(("must", Q.boolean_query(either)))
        return out

    def clause(self, clause: TextClause) -> list[tuple[str, Any]]:
        """(occur, query) pairs for one text clause; an empty list when it has nothing searchable."""
        tantivy = _tantivy()
        Q, Occur = tantivy.Query, tantivy.Occur
        chunk = self.chunks[clause.text]
        if not chunk.keys:
            return []
        clusters = [key for keys in chunk.clusters for key in keys]
        if clause.field == "title":
            keys = list(chunk.keys)
            if clause.phrase and len(keys) > 1:
                query = Q.phrase_query(self.schema, "title", keys)
            else:
                query = Q.boolean_query([(Occur.Must, Q.term_query(self.schema, "title", k)) for k in keys])
            return [(clause.occur, query)]
        if clause.phrase:
            exact = self.sub(clusters)
            if exact is None:
                exact = Q.term_query(self.schema, "body", chunk.keys[0])
            if clause.occur == "must_not":
                return [("must_not", exact)]
            return [("must" if clause.occur == "must" else "should", Q.boost_query(exact, self.weights.phrase))]
        if clause.occur in ("must", "must_not"):
            return self.all_words(chunk, clause.occur)
        return self.words(chunk)

    def whole(self, clauses: Sequence[TextClause]) -> Any | None:
        """The free words of the query as one run of clusters (spacing ignored): the document that holds
        the query verbatim, like the article of a pasted headline, ranks first."""
        clusters: list[str] = []
        for clause in clauses:
            if clause.occur == "should" and not clause.phrase and clause.field == "text":
                clusters.extend(key for keys in self.chunks[clause.text].clusters for key in keys)
        phrase = self.verbatim(clusters) if len(clusters) >= 3 else None
        return None if phrase is None else _tantivy().Query.boost_query(phrase, self.weights.phrase)


def _datetime(day: _dt.date) -> _dt.datetime:
    return _dt.datetime(day.year, day.month, day.day)


def _filter_query(schema: Any, flt: Filter) -> Any:
    tantivy = _tantivy()
    Q, Occur, FieldType = tantivy.Query, tantivy.Occur, tantivy.FieldType
    if isinstance(flt.value, DateRange):
        # (only dates tantivy can hold are indexed: an open or far range is cut to them)
        start = max(flt.value.start, _INDEXABLE_DATES[0])
        end = min(flt.value.end, _INDEXABLE_DATES[1] + _dt.timedelta(days=1))
        if start >= end:
            return Q.empty_query()  # (``date:..1500``: no indexed date is that old)
        return Q.range_query(schema, flt.field, FieldType.Date, _datetime(start), _datetime(end),
                             include_upper=False)
    if isinstance(flt.value, AmountRange):
        rng = flt.value
        return Q.range_query(schema, "amount", FieldType.Float,
                             float(rng.low) if rng.low is not None else None,
                             float(rng.high) if rng.high is not None else None,
                             include_lower=rng.include_low or rng.low is None,
                             include_upper=rng.include_high or rng.high is None)
    value = str(flt.value)
    exact = Q.term_query(schema, flt.field, value)
    if flt.field in ("person", "org", "place"):  # a part of a name finds the whole name
        contains = Q.regex_query(schema, flt.field, ".*" + re.escape(value) + ".*")
        return Q.boolean_query([(Occur.Should, exact), (Occur.Should, contains)])
    return exact


@dataclass(frozen=True)
class QueryPlan:
    """What one search runs: ``main`` (words and filters, BM25) and ``verbatim`` (the whole query as a
    run of clusters, with the same filters), run apart and merged: a union holding a phrase cannot
    use tantivy's block-max pruning, two small searches can."""

    main: Any
    verbatim: Any | None = None

    def combined(self) -> Any:
        if self.verbatim is None:
            return self.main
        Q, Occur = _tantivy().Query, _tantivy().Occur
        return Q.boolean_query([(Occur.Should, self.verbatim), (Occur.Should, self.main)])


def plan_query(opened: OpenIndex, parsed: ParsedQuery, extra_filters: Sequence[Filter] = (),
               weights: Weights = DEFAULT_WEIGHTS, searcher: Any = None) -> QueryPlan:
    """The tantivy queries for a parsed user query plus filters (filters do not change scores)."""
    tantivy = _tantivy()
    Q, Occur = tantivy.Query, tantivy.Occur
    schema = opened.schema
    searcher = searcher if searcher is not None else opened.index.searcher()
    occurs = {"should": Occur.Should, "must": Occur.Must, "must_not": Occur.MustNot}
    clauses: list[tuple[Any, Any]] = []
    positive = False
    chunks = query_chunks(parsed)
    words = sum(len(chunks[c.text].keys) for c in parsed.text if c.occur != "must_not")
    planner = _Planner(schema, searcher, weights, chunks, words, _df_cache(opened, searcher.num_docs))
    whole = planner.whole(parsed.text)
    planner.verbatim_found = whole is not None
    for clause in parsed.text:
        for occur, query in planner.clause(clause):
            clauses.append((occurs[occur], query))
            positive = positive or occur != "must_not"
    for flt in tuple(parsed.filters) + tuple(extra_filters):
        query = _filter_query(schema, flt)
        if flt.negated:
            clauses.append((Occur.MustNot, query))
        else:
            clauses.append((Occur.Must, Q.const_score_query(query, 0.0)))
            positive = True
    if not clauses:
        raise QuerySyntaxError("the query has no words to search for (only punctuation or spacing)")
    if not positive:
        clauses.append((Occur.Must, Q.all_query()))
    verbatim = None
    if whole is not None:
        required = [c for c in clauses if c[0] != Occur.Should]
        verbatim = Q.boolean_query([(Occur.Must, whole)] + required) if required else whole
    if len(clauses) == 1 and clauses[0][0] == Occur.Should:
        return QueryPlan(clauses[0][1], verbatim)
    # with a filter or a +word present, the other free words only rank (tantivy's Must/Should rule)
    return QueryPlan(Q.boolean_query(clauses), verbatim)


def compile_query(opened: OpenIndex, parsed: ParsedQuery, extra_filters: Sequence[Filter] = (),
                  weights: Weights = DEFAULT_WEIGHTS, searcher: Any = None) -> Any:
    """The plan as one tantivy query (for ``explain`` and for other tools)."""
    return plan_query(opened, parsed, extra_filters, weights, searcher).combined()


def _bad_page(limit: Any, offset: Any) -> str | None:
    """Why ``limit`` or ``offset`` cannot page through hits (None when both can)."""
    for name, value in (("limit", limit), ("offset", offset)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            return f"{name} must be a whole number, not {value!r}"
        if value < 0:
            return f"{name} must be 0 or more, not {value}"
    return None


def _run(searcher: Any, plan: QueryPlan, limit: int, offset: int, count: bool) -> tuple[list[tuple[float, Any]], int | None]:
    """Ranked (score, address) pairs: documents holding the query verbatim first (their phrase score
    added to their word score when known), then the others by BM25."""
    wanted = max(1, limit + offset)
    main = searcher.search(plan.main, limit=wanted, count=count)
    total = int(main.count) if count and main.count is not None else None
    if plan.verbatim is None:
        return list(main.hits)[offset:offset + limit], total
    verbatim = searcher.search(plan.verbatim, limit=wanted, count=False)
    if not verbatim.hits:
        return list(main.hits)[offset:offset + limit], total
    word_scores = {(a.segment_ord, a.doc): score for score, a in main.hits}
    first = sorted(((score + word_scores.get((a.segment_ord, a.doc), 0.0), a) for score, a in verbatim.hits),
                   key=lambda pair: -pair[0])
    seen = {(a.segment_ord, a.doc) for _, a in first}
    rest = [(score, a) for score, a in main.hits if (a.segment_ord, a.doc) not in seen]
    return (first + rest)[offset:offset + limit], total


# --- highlighting ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Highlighter:
    """Finds the query's keys in a document's stored keys (one space-separated key per token)."""

    exact: frozenset[str]  # keys shown where they are a whole token
    inner: frozenset[str]  # keys (two clusters or more) also shown inside longer tokens

    @classmethod
    def for_query(cls, parsed: ParsedQuery) -> "_Highlighter":
        exact: set[str] = set()
        inner: set[str] = set()
        chunks = query_chunks(parsed)
        for clause in parsed.text:
            if clause.occur == "must_not":
                continue
            chunk = chunks[clause.text]
            for key, clusters in zip(chunk.keys, chunk.clusters):
                exact.add(key)
                if len(clusters) >= 2:  # one cluster as a substring would be everywhere
                    inner.add(key)
        return cls(frozenset(exact), frozenset(inner))

    def spans(self, body_keys: str, offsets: array, text: str) -> list[tuple[int, int]]:
        """Highlighted spans, offsets into ``text``, sorted and merged: whole tokens whose key is a query
        key, and a query key of two clusters or more inside a longer token (only that part shown when
        the token is written as its key, else the whole token)."""
        if not self.exact or not body_keys:
            return []
        keys = body_keys.split(" ")
        limit = min(len(keys), len(offsets) // 2)
        exact = self.exact
        spans = [(offsets[2 * i], offsets[2 * i + 1]) for i, key in enumerate(keys) if key in exact and i < limit]
        if self.inner:
            size = len(body_keys)
            for key in self.inner:
                at = body_keys.find(key)
                i = counted = 0  # the token holding ``at`` is the count of spaces before it
                while at >= 0:
                    stop = at + len(key)
                    if (at and body_keys[at - 1] != " ") or (stop < size and body_keys[stop] != " "):
                        # inside a longer token (a whole token is in ``spans`` already); the spaces
                        # are counted on from the previous place (no table of every token's end)
                        i += body_keys.count(" ", counted, at)
                        counted = at
                        if i >= limit:
                            break
                        start, end = offsets[2 * i], offsets[2 * i + 1]
                        if text[start:end] == keys[i]:  # unchanged by folding: the exact part can be shown
                            within = at - body_keys.rfind(" ", 0, at) - 1
                            spans.append((start + within, start + within + len(key)))
                        else:
                            spans.append((start, end))
                    at = body_keys.find(key, stop)
            spans.sort()
        return _merged(spans[:MAX_HIGHLIGHTS])


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    end = 0  # the end of the last merged span
    for span in spans:
        if merged and span[0] <= end:
            if span[1] > end:
                end = span[1]
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append(span)
            end = span[1]
    return merged


@dataclass(frozen=True, slots=True)
class _FilterMatcher:
    """The query's positive entity, date and amount filters, gathered once per query and tested
    against a hit's stored mentions (``[kind, start, end, text, value, key]``)."""

    entities: tuple[tuple[str, str], ...]  # (field, value) of person:, org:, place:
    dates: tuple[DateRange, ...]  # date: only: a date mention in one is where the hit matched
    any_dates: tuple[DateRange, ...]  # date: and published:: a date mention in one is worth listing
    amounts: tuple[AmountRange, ...]

    @classmethod
    def for_filters(cls, filters: Sequence[Filter]) -> "_FilterMatcher":
        positive = [f for f in filters if not f.negated]
        return cls(tuple((f.field, str(f.value)) for f in positive if f.field in ("person", "org", "place")),
                   tuple(f.value for f in positive if f.field == "date" and isinstance(f.value, DateRange)),
                   tuple(f.value for f in positive if isinstance(f.value, DateRange)),
                   tuple(f.value for f in positive if isinstance(f.value, AmountRange)))

    def __bool__(self) -> bool:
        return bool(self.entities or self.any_dates or self.amounts)

    def matches(self, item: Sequence[Any], *, published: bool = False) -> bool:
        """Whether a filter matched the stored mention ``item``; ``published`` counts the
        publication-date filter for date mentions too."""
        kind = item[0]
        if kind == "date":
            ranges = self.any_dates if published else self.dates
            if not ranges:
                return False
            try:
                day = _dt.date.fromisoformat(item[4])
            except (TypeError, ValueError):
                return False
            return any(day in rng for rng in ranges)
        if kind == "money":
            return any(item[4][0] in rng for rng in self.amounts)
        key = item[5] if len(item) > 5 else ""
        return any(field == kind and value in key for field, value in self.entities)


def _with_filter_spans(spans: list[tuple[int, int]], record: Mapping[str, Any],
                       matcher: _FilterMatcher) -> list[tuple[int, int]]:
    """``spans`` with the mentions that the query's filters matched (``person:…``, ``date:2024-07``,
    ``amount:>1000000``) highlighted too, so that a hit found by a filter shows where it matched
    rather than the start of the article."""
    if not matcher:
        return spans
    found = [(item[1], item[2]) for item in record.get("mentions", ()) if matcher.matches(item)]
    return _merged(sorted(spans + found)[:MAX_HIGHLIGHTS]) if found else spans


def _snippets(text: str, spans: list[tuple[int, int]], max_snippets: int = MAX_SNIPPETS,
              width: int = SNIPPET_CHARS) -> tuple[Snippet, ...]:
    """Up to ``max_snippets`` windows of about ``width`` characters around the densest matches, in
    text order. ``spans`` are sorted and merged (as :func:`_merged` gives them), so their starts and
    their ends both ascend: the spans ending within ``width`` of a start, and those inside a window,
    are found by bisection."""
    if not text:
        return ()
    if not spans:
        end = _snap_end(text, min(len(text), width))
        return (Snippet(text[:end], 0, end),)
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    # windows around the densest groups of matches, best first, not overlapping: the group of span i
    # is every span from i on that ends within ``width`` of its start
    candidates: list[tuple[int, int, int]] = []  # (-matches, start, end)
    for i, first in enumerate(starts):
        j = bisect.bisect_right(ends, first + width)
        candidates.append((i - j, first, ends[j - 1]))
    candidates.sort()
    size = len(text)
    chosen: list[tuple[int, int]] = []
    for _, first, last in candidates:
        lead = (width - (last - first)) // 3
        low = first - lead if lead > 0 else first
        if low < 0:
            low = 0
        # the snapped window holds [low, last]: if that already overlaps a chosen one, so does the
        # window (most candidates are the same dense stretch seen from another match)
        if _overlaps(chosen, low, last):
            continue
        start = _snap_start(text, low)
        end = _snap_end(text, min(size, max(last, start + width)))
        if _overlaps(chosen, start, end):
            continue
        chosen.append((start, end))
        if len(chosen) >= max_snippets:
            break
    chosen.sort()
    return tuple(Snippet(text[s:e], s, e, tuple(spans[bisect.bisect_left(starts, s):bisect.bisect_right(ends, e)]))
                 for s, e in chosen)


def _overlaps(windows: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of ``windows``."""
    for s, e in windows:
        if start < e and s < end:
            return True
    return False


_BREAK_CHARS = " \n\t\u200b\u17d4\u17d5"
_BREAK = re.compile("[" + re.escape(_BREAK_CHARS) + "]")
_LAST_BREAK = re.compile("(?s:.*)[" + re.escape(_BREAK_CHARS) + "]")  # greedy: up to the last one


def _snap_start(text: str, start: int) -> int:
    """Move a window start back to just after a space, zero-width space or sentence end, if near."""
    if start <= 0:
        return 0
    before = _LAST_BREAK.match(text, max(0, start - 30), start)
    if before is not None:
        return before.end()
    while start > 0 and "\u17b4" <= text[start] <= "\u17d3":  # never start inside a cluster
        start -= 1
    return start


def _snap_end(text: str, end: int) -> int:
    """Move a window end on to the next space, zero-width space or sentence end, if near."""
    if end >= len(text):
        return len(text)
    after = _BREAK.search(text, end, min(len(text), end + 30))
    if after is not None:
        return after.start()
    while end < len(text) and ("\u17b4" <= text[end] <= "\u17d3" or text[end - 1] == "\u17d2"):
        end += 1
    return end


def _matched_mentions(record: Mapping[str, Any], spans: Sequence[tuple[int, int]], matcher: _FilterMatcher,
                      inner: Sequence[str]) -> tuple[tuple[MatchedMention, ...], tuple[MatchedMention, ...]]:
    """The hit's mentions worth listing: those inside a highlighted span, those a filter matched, and
    entities whose key holds a query word."""
    entities: list[MatchedMention] = []
    dates: list[MatchedMention] = []
    starts = [s for s, _ in spans]
    for item in record.get("mentions", ()):
        kind, start, end, text = item[0], item[1], item[2], item[3]
        k = bisect.bisect_left(starts, end)
        overlaps = any(s < end and start < e for s, e in spans[max(0, k - 8):k])
        if kind == "date":
            try:
                day = _dt.date.fromisoformat(item[4])
            except (TypeError, ValueError):
                continue
            if overlaps or matcher.matches(item, published=True):
                dates.append(MatchedMention("date", text, start, end, day))
        elif kind == "money":
            if overlaps or matcher.matches(item):
                entities.append(MatchedMention("money", text, start, end, {"amount": item[4][0],
                                                                            "currency": item[4][1]}))
        else:
            key = item[5] if len(item) > 5 else ""
            if overlaps or matcher.matches(item) or any(q in key for q in inner):
                entities.append(MatchedMention(kind, text, start, end, item[4]))
    return tuple(_dedupe(entities)), tuple(_dedupe(dates))


def _dedupe(mentions: Iterable[MatchedMention]) -> list[MatchedMention]:
    seen: set[tuple[str, str]] = set()
    out = []
    for m in mentions:
        key = (m.kind, str(m.value))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


# --- facets ----------------------------------------------------------------------------------------

def _facets(opened: OpenIndex, searcher: Any, query: Any, size: int = 10) -> dict[str, tuple[tuple[str, int], ...]]:
    spec = {name: {"terms": {"field": name, "size": size}} for name in FACET_FIELDS}
    try:
        result = searcher.aggregate(query, spec)
    except (ValueError, RuntimeError):
        return {}
    names = opened.manifest.get("entity_names", {})
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    for name in FACET_FIELDS:
        buckets = result.get(name, {}).get("buckets", [])
        shown = names.get(name, {})
        out[name] = tuple((shown.get(b["key"], b["key"]), int(b["doc_count"])) for b in buckets)
    return out


# --- the entry point -------------------------------------------------------------------------------

_JSON_DECODER = json.JSONDecoder()


def _stored_json(raw: bytes) -> Any:
    """A stored JSON field (UTF-8 text the writer made) decoded as ``json.loads`` would, without its
    per-call encoding detection (about 1 µs of a 4 µs ``head``)."""
    return _JSON_DECODER.decode(raw.decode("utf-8", "surrogatepass"))


def search(index_dir: str | os.PathLike[str], query: str, *, filters: Mapping[str, Any] | Iterable[str] | None = None,
           limit: int = 10, offset: int = 0, snippets: bool = True, facets: bool = False,
           with_text: bool = False, count: bool = False, weights: Weights = DEFAULT_WEIGHTS) -> SearchResults:
    """Search the index in ``index_dir``: ranked hits with highlighted snippets (offsets into each
    document's text), the entities and dates that matched, and optionally facet counts.

    ``count=True`` also counts every matching document (``total``; it costs a full pass over the
    postings, so it is off by default and ``total`` is None). A query the parser cannot understand
    comes back as ``SearchResults(error=...)``, never raised.
    A missing index raises InputError (that is not the query's fault).
    """
    started = time.perf_counter()
    opened = open_index(index_dir)
    if not isinstance(query, str):
        return SearchResults(str(query), error=f"the query must be text, not {type(query).__name__}")
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate (a broken JSON or URL escape): no text holds one
        return SearchResults(query, error=f"the query holds a lone surrogate U+{ord(query[exc.start]):04X} at "
                                          f"character {exc.start}, which is not text")
    try:
        parsed = parse_query(query)
        extra = parse_filters(filters)
    except QuerySyntaxError as exc:
        return SearchResults(query, error=str(exc), took_ms=(time.perf_counter() - started) * 1000)
    if parsed.is_empty and not extra:
        return SearchResults(query, error="empty query: type some words or a filter such as date:2019-07",
                             took_ms=(time.perf_counter() - started) * 1000)
    bad = _bad_page(limit, offset)
    if bad:
        return SearchResults(query, error=bad, took_ms=(time.perf_counter() - started) * 1000)
    limit = min(int(limit), MAX_LIMIT)
    searcher = opened.index.searcher()
    # tantivy's collector allocates room for offset + limit hits up front: an offset past the last
    # document (2**32 from a URL) would ask for terabytes and abort the process
    offset = min(int(offset), searcher.num_docs)
    try:
        plan = plan_query(opened, parsed, extra, weights, searcher)
    except QuerySyntaxError as exc:
        return SearchResults(query, error=str(exc), took_ms=(time.perf_counter() - started) * 1000)
    try:
        ranked, total = _run(searcher, plan, limit, offset, count)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - tantivy refusing a query (even a Rust panic): a message
        return SearchResults(query, error=f"cannot run this query: {exc}",
                             took_ms=(time.perf_counter() - started) * 1000)
    matcher = _FilterMatcher.for_filters(tuple(parsed.filters) + tuple(extra))
    highlighter = _Highlighter.for_query(parsed) if snippets else None
    hits: list[Hit] = []
    duplicates = opened.manifest.get("duplicates", {})
    for score, address in ranked:
        stored = searcher.doc(address)
        head = _stored_json(stored.get_first("head"))
        text = None
        shown: tuple[Snippet, ...] = ()
        entities: tuple[MatchedMention, ...] = ()
        dates: tuple[MatchedMention, ...] = ()
        if snippets or with_text:  # the text and mentions: only when shown
            record = _stored_json(stored.get_first("record"))
            text = record["text"]
            if snippets:
                offsets = array("I")
                offsets.frombytes(stored.get_first("offsets") or b"")
                spans = highlighter.spans(stored.get_first("body") or "", offsets, text)
                spans = _with_filter_spans(spans, record, matcher)
                shown = _snippets(text, spans)
                entities, dates = _matched_mentions(record, spans, matcher, highlighter.inner)
        hits.append(Hit(
            id=head["id"], score=float(score), title=head["title"], snippets=shown, entities=entities,
            dates=dates, meta=head["meta"], duplicates=tuple(duplicates.get(head["id"], ())),
            text=text if with_text else None))
    facet_counts = _facets(opened, searcher, plan.main) if facets else {}
    return SearchResults(query, tuple(hits), total, None, facet_counts,
                         (time.perf_counter() - started) * 1000)


def hit_to_json(hit: Hit) -> dict[str, Any]:
    """A JSON-ready hit (what ``--format jsonl`` and the HTTP API emit)."""
    from sastra.records import to_jsonable

    return {
        "id": hit.id, "score": round(hit.score, 4), "title": hit.title, "url": hit.meta.get("url"),
        "site": hit.meta.get("site"), "category": hit.meta.get("category"), "date": hit.meta.get("date"),
        "snippets": [{"text": s.text, "start": s.start, "end": s.end, "highlights": [list(h) for h in s.highlights],
                      "html": s.html()} for s in hit.snippets],
        "entities": [to_jsonable(m) for m in hit.entities],
        "dates": [to_jsonable(m) for m in hit.dates],
        "duplicates": list(hit.duplicates),
        **({"text": hit.text} if hit.text is not None else {}),
    }


def results_to_json(results: SearchResults) -> dict[str, Any]:
    return {"query": results.query, "total": results.total, "error": results.error,
            "took_ms": round(results.took_ms, 3), "hits": [hit_to_json(h) for h in results.hits],
            "facets": {k: [list(b) for b in v] for k, v in results.facets.items()}}
