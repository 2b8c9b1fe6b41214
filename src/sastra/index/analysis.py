"""The one analysis that both ends of search share: normalize -> segment -> search key.

The index writer and the query parser both call :func:`analyze`, so a look-alike spelling, a
zero-width space or a Khmer digit in a query folds to the same key as in the documents. Each token
keeps its offsets into the text it was given (not into the normalized or folded form), so a match can
be highlighted where it stood.

Two granularities: ``word`` tokens (what the segmenter calls words) feed the main field; ``fine``
pieces (the parts of compounds, or orthographic clusters where no finer segmenter is available) feed
the sub-word field, so that ``ក្រុង`` still finds ``អភិបាលក្រុង``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from sastra._json import escaped as json_escaped
from sastra.errors import ConfigError, require_str
from sastra.khmer import CLUSTER_RE
from sastra.records import Token

__all__ = ["AnalyzedToken", "analyze", "analyze_text", "analyze_tokens", "Analysis", "IndexTerms", "index_terms", "IndexFields", "index_fields", "query_terms", "query_terms_of_parts", "entity_key", "fold", "GRANULARITIES"]

GRANULARITIES = ("word", "fine")

#: token kinds never indexed: they carry no searchable content
SKIPPED_KINDS = frozenset({"punct", "gap", "space", "whitespace", "symbol"})
_WHITESPACE_RE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\u00ad]+")
#: characters that make a token pure punctuation/symbols (nothing to search for)
_CONTENT_RE = re.compile(r"[^\W_]", re.UNICODE)


class AnalyzedToken(NamedTuple):
    """One searchable token: its text and offsets in the analysed text, and its search key.

    ``text == source[start:end]`` for the ``source`` given to :func:`analyze`; ``key`` is what the
    index stores and the query matches (never shown to users). A named tuple: the index writer makes
    one per word and per cluster of every document, so it must be cheap to create.
    """

    text: str
    start: int
    end: int
    key: str
    kind: str = "word"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Both granularities of one text, made from a single normalization pass."""

    words: tuple[AnalyzedToken, ...]
    pieces: tuple[AnalyzedToken, ...]


# --- the functions of the other stages, resolved once --------------------------------------------

@functools.cache
def _normalizer() -> tuple[Callable[[str], Any], Callable[[str], str], Callable[[str], str]]:
    """normalize_and_explain, search_key and normalize, imported on first use."""
    from sastra.normalize import normalize, normalize_and_explain, search_key

    return normalize_and_explain, search_key, normalize


@functools.cache
def _word_segmenter() -> Callable[..., Sequence[Any]] | None:
    """sastra's word segmenter, or None when it is absent or cannot run here (its engine's data
    missing): then the fallback is used, with a warning, and the index manifest records which."""
    try:
        from sastra.segment import segment_words

        segment_words("\u1780\u17d2\u179a\u17bb\u1784", granularity="word")
    except Exception as exc:  # noqa: BLE001 - any failure of another stage means: use the fallback
        warnings.warn(f"sastra.segment is not usable ({type(exc).__name__}: {exc}); search analysis "
                      "falls back to ICU/whitespace word breaks", RuntimeWarning, stacklevel=2)
        return None
    return segment_words


def segmenter_name() -> str:
    """Which word segmenter the analysis uses in this process (recorded in each index manifest)."""
    if _word_segmenter() is not None:
        from sastra.segment import DEFAULT_ENGINE

        return f"sastra.segment:{DEFAULT_ENGINE}"
    return "fallback:icu" if _icu_break_iterator() is not None else "fallback:runs"


def fold(text: str) -> str:
    """The search key of a whole string (used for entity names, site names and filter values)."""
    return _normalizer()[1](require_str(text))


@functools.lru_cache(maxsize=65_536)
def entity_key(name: str) -> str:
    """The key an entity name is filtered and faceted by: its search key without any spacing, so
    ``ហ៊ុន សែន``, ``ហ៊ុន\u200bសែន`` and ``ហ៊ុនសែន`` are one person (punctuation dropped too)."""
    return "".join(ch for ch in fold(name) if unicodedata.category(ch)[0] not in "PSZC")


@functools.lru_cache(maxsize=262_144)
def _token_key(text: str) -> str:
    """A token's key; cached, since a corpus's vocabulary is small next to its token count."""
    key = _normalizer()[1](text)
    if not key or _WHITESPACE_RE.search(key):
        key = _WHITESPACE_RE.sub("", key)
    return key


# --- segmentation ----------------------------------------------------------------------------------

_FALLBACK_RE = re.compile(
    r"[\s\u200b\ufeff]+"  # gaps
    r"|[\u1780-\u17dd\u200c\u200d\u2060\u00ad]+"  # a Khmer run (clusters; split further below)
    r"|[0-9\u17e0-\u17e9]+(?:[.,][0-9\u17e0-\u17e9]+)*"  # numbers
    r"|[^\W\d_\u1780-\u17ff]+"  # other letters
    r"|.", re.S)


@functools.cache
def _icu_break_iterator() -> Any:
    try:
        import icu  # type: ignore[import-not-found]
    except ImportError:
        return None
    return icu.BreakIterator.createWordInstance(icu.Locale("km"))


def _fallback_words(text: str) -> list[tuple[int, int, str]]:
    """Words when sastra's segmenter is absent: ICU's dictionary break iterator if PyICU is
    installed, else whitespace/zero-width-space separated runs (the cluster field still finds parts)."""
    spans: list[tuple[int, int, str]] = []
    breaker = _icu_break_iterator()
    for match in _FALLBACK_RE.finditer(text):
        start, end = match.span()
        chunk = match.group()
        if chunk[0].isspace() or chunk[0] in "\u200b\ufeff":
            continue
        if "\u1780" <= chunk[0] <= "\u17dd" and breaker is not None and end - start > 1:
            breaker.setText(chunk)
            # ICU works in UTF-16 units; Khmer is in the BMP so they equal str indices here
            previous = 0
            for boundary in breaker:
                spans.append((start + previous, start + boundary, "word"))
                previous = boundary
        else:
            kind = "number" if chunk[0].isdigit() else "word"
            spans.append((start, end, kind))
    return spans


def _segment(text: str, granularity: str) -> list[tuple[int, int, str]]:
    segmenter = _word_segmenter()
    if segmenter is None:
        return _fallback_words(text)
    tokens = segmenter(text, granularity=granularity)
    spans: list[tuple[int, int, str]] = []
    for token in tokens:
        if isinstance(token, tuple):
            start, end = token[0], token[1]
            kind = token[2] if len(token) > 2 else "word"
        else:
            start, end, kind = token.start, token.end, getattr(token, "kind", "word")
        spans.append((start, end, kind))
    return spans


def _clusters_of(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Orthographic clusters inside each Khmer word (other tokens stay whole)."""
    pieces: list[tuple[int, int, str]] = []
    spans_of = _CLUSTER_SPANS
    for start, end, kind in spans:
        chunk = text[start:end]
        if kind != "word" or not ("\u1780" <= chunk[:1] <= "\u17ff"):
            pieces.append((start, end, kind))
            continue
        pieces.extend([(start + s, start + e, kind) for s, e in spans_of[chunk]])
    return pieces


class _ClusterSpans(dict):
    """word -> the (start, end) of its clusters, computed once per distinct word."""

    def __missing__(self, word: str) -> tuple[tuple[int, int], ...]:
        value = tuple(m.span() for m in CLUSTER_RE.finditer(word))
        if len(self) < 500_000:
            self[word] = value
        return value


_CLUSTER_SPANS = _ClusterSpans()


def _tokens(source: str, normalized: Any, spans: Iterable[tuple[int, int, str]]) -> tuple[AnalyzedToken, ...]:
    text = normalized.text
    identity = not normalized.edits
    out: list[AnalyzedToken] = []
    keys = _PIECE_KEYS
    for start, end, kind in spans:
        if kind in SKIPPED_KINDS or end <= start:
            continue
        piece = text[start:end]
        key = keys[piece]
        if not key:
            continue
        if identity:
            out.append(AnalyzedToken(piece, start, end, key, kind))
            continue
        start, end = normalized.span_to_original(start, end)
        out.append(AnalyzedToken(source[start:end], start, end, key, kind))
    return tuple(out)


class _PieceKeys(dict):
    """piece -> its key, or "" when it has nothing to search for; filled once per distinct piece."""

    def __missing__(self, piece: str) -> str:
        key = _token_key(piece) if _CONTENT_RE.search(piece) else ""
        if len(self) < 500_000:
            self[piece] = key
        return key


_PIECE_KEYS = _PieceKeys()


def _normalize(text: str) -> Any:
    return _normalizer()[0](text)


def analyze_text(text: str, *, fine: bool = True) -> Analysis:
    """Words and sub-word pieces of ``text`` from one normalization pass (what the index writer uses).

    ``pieces`` are the orthographic clusters of each Khmer word (non-Khmer tokens stay whole): a query
    for any part of a compound is a phrase of its clusters, which cannot depend on how the segmenter
    cut either side.
    """
    require_str(text)
    normalized = _normalize(text)
    spans = _segment(normalized.text, "word")
    words = _tokens(text, normalized, spans)
    pieces = _tokens(text, normalized, _clusters_of(normalized.text, spans)) if fine else ()
    return Analysis(words, pieces)


def analyze_tokens(text: str, tokens: Iterable[Any]) -> Analysis:
    """The same analysis from tokens a segmenter already made on ``text`` (the pipeline's
    ``Document.tokens``, offsets into an already normalized text): only the search keys are computed."""
    require_str(text)
    spans = [(t.start, t.end, getattr(t, "kind", "word")) for t in tokens]
    identity = _Identity(text)
    return Analysis(_tokens(text, identity, spans), _tokens(text, identity, _clusters_of(text, spans)))


class _TokenTerms(dict):
    """(token text, kind) -> (its key, the keys of its sub-word pieces), computed once per distinct
    token: the index writer's per-token work becomes two dict look-ups (a corpus's vocabulary is
    small next to its token count)."""

    def __missing__(self, item: tuple[str, str]) -> tuple[str, tuple[str, ...]]:
        text, kind = item
        if kind in SKIPPED_KINDS:
            value: tuple[str, tuple[str, ...]] = ("", ())
        else:
            keys = _PIECE_KEYS
            key = keys[text]
            if kind == "word" and "\u1780" <= text[:1] <= "\u17ff":
                pieces = tuple(k for k in (keys[text[s:e]] for s, e in _CLUSTER_SPANS[text]) if k)
            else:
                pieces = (key,) if key else ()
            value = (key, pieces)
        if len(self) < 500_000:
            self[item] = value
        return value


_TOKEN_TERMS = _TokenTerms()


class IndexTerms(NamedTuple):
    """What the index stores of a segmented text: each word's key and offsets, and the keys of the
    sub-word pieces in text order (equal to the keys of :func:`analyze_tokens`' words and pieces)."""

    keys: list[str]
    starts: list[int]
    ends: list[int]
    piece_keys: list[str]


def index_terms(text: str, tokens: Iterable[Token]) -> IndexTerms:
    """The index terms of ``text`` from the :class:`~sastra.records.Token` values a segmenter made on
    it (``text`` already normalized): :func:`analyze_tokens` without building an object per word and
    piece. Empty tokens give the empty key and so nothing."""
    require_str(text)
    terms = _TOKEN_TERMS
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    piece_keys: list[str] = []
    for token in tokens:
        key, pieces = terms[token.text, token.kind]
        if key:
            keys.append(key)
            starts.append(token.start)
            ends.append(token.end)
        if pieces:
            piece_keys.extend(pieces)
    return IndexTerms(keys, starts, ends, piece_keys)


class _KindFields(dict):
    """token text -> (its key, its first and last sub-word piece keys or None, the pairs of
    consecutive piece keys inside it joined by spaces), for the tokens of one kind: what
    :func:`index_fields` needs of a token, computed once per distinct token; all JSON-escaped when
    ``escaped``."""

    def __init__(self, kind: str, escaped: bool) -> None:
        super().__init__()
        self.kind = kind
        self.escaped = escaped

    def __missing__(self, text: str) -> tuple[str, str | None, str | None, str]:
        key, pieces = _TOKEN_TERMS[text, self.kind]
        if self.escaped:
            key, pieces = json_escaped(key), tuple(map(json_escaped, pieces))
        inner = " ".join([a + b for a, b in zip(pieces, pieces[1:])])
        value = (key, pieces[0], pieces[-1], inner) if pieces else (key, None, None, "")
        if len(self) < 500_000:
            self[text] = value
        return value


class _FieldsByKind(dict):
    """token kind -> its _KindFields (looked up by kind, then by text: faster than one dict keyed by
    a (text, kind) tuple, which is built and hashed for every token)."""

    def __init__(self, escaped: bool) -> None:
        super().__init__()
        self.escaped = escaped

    def __missing__(self, kind: str) -> _KindFields:
        value = _KindFields(kind, self.escaped)
        if len(self) < 1_000:
            self[kind] = value
        return value


_TOKEN_FIELDS = _FieldsByKind(escaped=False)
_TOKEN_FIELDS_ESCAPED = _FieldsByKind(escaped=True)


class IndexFields(NamedTuple):
    """The index's text fields of a segmented text: each word's key and offsets, and the sub-word
    field (``" ".join(cluster_bigrams(piece_keys))`` of :func:`index_terms`)."""

    keys: list[str]
    starts: list[int]
    ends: list[int]
    sub_keys: str


def index_fields(text: str, tokens: Iterable[Token], *, escaped: bool = False) -> IndexFields:
    """:func:`index_terms` with the sub-word field already made: the pairs of piece keys inside a
    token come from a per-token cache, so only the pairs across token boundaries are made here (the
    index writer's per-piece work becomes per-token work). ``escaped``: the keys and the sub-word
    field JSON-escaped (:func:`json_escaped`), for a writer of JSON that would escape them anyway."""
    require_str(text)
    fields = _TOKEN_FIELDS_ESCAPED if escaped else _TOKEN_FIELDS
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    parts: list[str] = []  # the pairs in text order: inside a token, then across to the next one
    previous: str | None = None  # the last piece key of the tokens so far
    for token in tokens:
        key, first, last, inner = fields[token.kind][token.text]
        if key:
            keys.append(key)
            starts.append(token.start)
            ends.append(token.end)
        if first is not None:
            if previous is not None:
                parts.append(previous + first)
            if inner:
                parts.append(inner)
            previous = last
    if previous is not None and not parts:  # a single piece in all: it stands alone, as no pair
        return IndexFields(keys, starts, ends, previous)
    return IndexFields(keys, starts, ends, " ".join(parts))


QueryWord = tuple[str, tuple[str, ...]]


def query_terms(text: str) -> list[QueryWord]:
    """The searchable words of ``text`` as (key, the keys of its clusters) pairs: what
    :func:`analyze_text` gives, without offsets (a query needs none) or a token object per word."""
    return query_terms_of_parts([text])[0]


def query_terms_of_parts(parts: Sequence[str]) -> list[list[QueryWord]]:
    """:func:`query_terms` of each part of one query, segmented as one text (the parts joined by a
    space): one segmenter call per query instead of one per part, and each word segmented beside its
    neighbours, as a document's words were when it was indexed."""
    normalize = _normalizer()[2]
    normalized = [normalize(require_str(part)) for part in parts]
    joined = " ".join(normalized)
    spans = _segment(joined, "word") if joined.strip() else []
    ends: list[int] = []
    at = 0
    for part in normalized:
        at += len(part)
        ends.append(at)
        at += 1
    terms = _TOKEN_TERMS
    words: list[list[QueryWord]] = [[] for _ in parts]
    number = 0
    for start, stop, kind in spans:
        while start >= ends[number]:  # a token never holds the joining space
            number += 1
        key, pieces = terms[joined[start:stop], kind]
        if key:
            words[number].append((key, pieces or (key,)))
    return words


@dataclass(frozen=True, slots=True)
class _Identity:
    text: str
    edits: tuple[()] = ()


def analyze(text: str, granularity: str = "word") -> list[AnalyzedToken]:
    """normalize -> segment -> search key: the searchable tokens of ``text``, offsets into ``text``.

    ``granularity="word"`` gives words (the main field), ``"fine"`` sub-word pieces (the sub-word
    field). Punctuation, symbols and spacing produce no token.
    """
    if granularity not in GRANULARITIES:
        raise ConfigError(f"unknown granularity {granularity!r}; choose one of {', '.join(GRANULARITIES)}")
    analysis = analyze_text(text, fine=granularity == "fine")
    return list(analysis.words if granularity == "word" else analysis.pieces)


def is_khmer_key(key: str) -> bool:
    return bool(key) and "\u1780" <= key[0] <= "\u17ff"
