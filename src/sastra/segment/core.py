"""segment_words: atoms by regex, word boundaries by an engine, tokens with exact offsets.

The flow for one chunk of text: ``ATOM_RE`` cuts it into atoms (Khmer clusters, whole non-Khmer
tokens, gaps); boundaries next to a gap or a non-Khmer atom are always word boundaries; the engine
labels the remaining boundaries between adjacent Khmer clusters; user words override both. Long texts
are processed in chunks cut at whitespace, so time and memory stay linear.
"""

from __future__ import annotations

import threading
from collections import deque
from itertools import repeat
from typing import Callable, Iterable, Sequence

import numpy as np

from sastra.errors import ConfigError, require_str
from sastra.records import Token
from sastra.segment.normal import fold, fold_atom
from sastra.segment.pretokenize import ATOM_RE, atom_kind
from sastra.segment.registry import DEFAULT_ENGINE, ENGINES, GRANULARITIES, EngineInfo  # noqa: F401 (re-exported)

#: atom codes: index into KIND_NAMES; 0 = gap (not a token), 1 = Khmer cluster (an engine decides)
#: (the last code is a word of another script: a token of its own, never joined by an engine)
KIND_NAMES = ("gap", "word", "number", "latin", "acronym", "url", "email", "punct", "symbol", "word")
_KIND_CODE = {name: i for i, name in enumerate(KIND_NAMES[:-1])}
_OTHER_WORD = len(KIND_NAMES) - 1
#: a chunk is at most this many characters; it is cut at whitespace when there is some
CHUNK_CHARS = 50_000
_MAX_CODE_CACHE = 300_000
#: texts up to this many characters have their tokens remembered (queries, titles, short fields):
#: the engine's cost for a short text is mostly fixed per call, so a repeat costs one dict look-up
SHORT_TEXT_CHARS = 256
_MAX_SHORT_CACHE = 65_536


_loaded: dict[str, object] = {}
_lock = threading.Lock()


def engine_names() -> tuple[str, ...]:
    return tuple(ENGINES)


def get_engine(name: str):
    """The loaded engine called ``name`` (loaded once, on first use)."""
    engine = _loaded.get(name)
    if engine is not None:
        return engine
    info = ENGINES.get(name)
    if info is None:
        raise ConfigError(f"unknown segmentation engine {name!r}; choose one of: {', '.join(ENGINES)}")
    with _lock:
        engine = _loaded.get(name)
        if engine is None:
            engine = info.factory()
            _loaded[name] = engine
    return engine


# --- user dictionary ------------------------------------------------------------------------------
class UserDictionary:
    """Words that must come out whole (names, organizations): matched on folded atoms, longest first."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self._words: set[str] = set()
        #: bumped on every change, so results remembered under an older state are never reused
        self.version = 0
        self.add(words)

    def add(self, words: Iterable[str] | str) -> None:
        if isinstance(words, str):
            words = [words]
        for word in words:
            require_str(word, "a user word")
            key = tuple(fold_atom(a) for a in ATOM_RE.findall(fold(word.strip())) if atom_code(a) != 0)
            if len(key) < 1:
                continue
            self._words.add(word.strip())
            self.version += 1
            group = self._by_first.setdefault(key[0], [])
            if key not in group:
                group.append(key)
                group.sort(key=len, reverse=True)

    def remove(self, words: Iterable[str] | str) -> None:
        if isinstance(words, str):
            words = [words]
        for word in words:
            key = tuple(fold_atom(a) for a in ATOM_RE.findall(fold(word.strip())) if atom_code(a) != 0)
            group = self._by_first.get(key[0]) if key else None
            if group and key in group:
                group.remove(key)
                if not group:
                    del self._by_first[key[0]]
            self._words.discard(word.strip())
            self.version += 1

    def clear(self) -> None:
        self._by_first.clear()
        self._words.clear()
        self.version += 1

    def words(self) -> frozenset[str]:
        return frozenset(self._words)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def matches(self, atoms: Sequence[str], contiguous: np.ndarray) -> list[tuple[int, int]]:
        """Leftmost-longest, non-overlapping matches as (first atom, end atom) over ``atoms``.

        ``contiguous[b]`` says whether atoms b-1 and b touch (no gap between them).
        """
        by_first = self._by_first
        folded = [fold_atom(a) for a in atoms]
        found: list[tuple[int, int]] = []
        i, n = 0, len(atoms)
        while i < n:
            group = by_first.get(folded[i])
            if group:
                for key in group:
                    end = i + len(key)
                    if end <= n and tuple(folded[i:end]) == key and bool(contiguous[i + 1:end].all()):
                        found.append((i, end))
                        i = end
                        break
                else:
                    i += 1
            else:
                i += 1
        return found


GLOBAL_USER_WORDS = UserDictionary()


def add_words(words: Iterable[str] | str) -> None:
    """Add words that segment_words must keep whole, for every later call (process-wide)."""
    GLOBAL_USER_WORDS.add(words)


def remove_words(words: Iterable[str] | str) -> None:
    GLOBAL_USER_WORDS.remove(words)


def clear_words() -> None:
    GLOBAL_USER_WORDS.clear()


def user_words() -> frozenset[str]:
    """The words added with add_words."""
    return GLOBAL_USER_WORDS.words()


# --- atoms --------------------------------------------------------------------------------------
_code_cache: dict[str, int] = {}


def atom_code(atom: str) -> int:
    """0 = gap, 1 = Khmer cluster (an engine decides its boundaries), else an index into KIND_NAMES."""
    code = _code_cache.get(atom)
    if code is None:
        kind = atom_kind(atom)
        if kind == "word" and "\u1780" <= atom[0] <= "\u17b3":
            code = 1
        else:
            code = _KIND_CODE[kind] if kind != "word" else _OTHER_WORD
        if len(_code_cache) > _MAX_CODE_CACHE:
            _code_cache.clear()
        _code_cache[atom] = code
    return code


def _chunks(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) pieces of at most CHUNK_CHARS, cut at whitespace or, failing that, at a cluster start."""
    n = len(text)
    start = 0
    while n - start > CHUNK_CHARS:
        end = start + CHUNK_CHARS
        low = start + CHUNK_CHARS // 2
        cut = max(text.rfind(ch, low, end) for ch in (" ", "\n", "\u200b", "\t", "\u3000", "\xa0"))
        if cut <= start:
            cut = end
            floor = max(low, end - 64)
            while cut > floor and not _may_start_atom(text, cut):
                cut -= 1
            if cut <= floor:
                cut = end
        yield start, cut
        start = cut
    yield start, n


def _may_start_atom(text: str, i: int) -> bool:
    ch = text[i]
    if "\u17b4" <= ch <= "\u17d3" or ch == "\u17dd" or ch in "\u200c\u200d\u2060\u00ad":
        return False
    return text[i - 1] != "\u17d2"


# --- tokens -------------------------------------------------------------------------------------
def _token_maker() -> Callable[[list, list, list, list], list]:
    """``make(texts, starts, ends, kinds) -> [Token, ...]``, equal to calling ``Token(...)`` for each.

    Token is a frozen slots dataclass whose generated ``__init__`` goes through ``object.__setattr__``
    per field; filling the slots through their descriptors is about 40% cheaper, and building tokens is
    a good part of the time of a long text. Used only when Token has exactly these four slots (else
    the constructor)."""
    import dataclasses

    fields = [f.name for f in dataclasses.fields(Token)]
    if fields != ["text", "start", "end", "kind"] or getattr(Token, "__slots__", None) != tuple(fields):
        return lambda texts, starts, ends, kinds: list(map(Token, texts, starts, ends, kinds))
    new = object.__new__
    set_text, set_start = Token.text.__set__, Token.start.__set__
    set_end, set_kind = Token.end.__set__, Token.kind.__set__

    def make(texts: list, starts: list, ends: list, kinds: list) -> list:
        # one C-level map per field instead of a Python loop over tokens (a third cheaper again)
        out = list(map(new, repeat(Token, len(texts))))
        for set_field, values in ((set_text, texts), (set_start, starts), (set_end, ends), (set_kind, kinds)):
            deque(map(set_field, out, values), 0)
        return out

    return make


_make_tokens = _token_maker()


# --- segmentation -------------------------------------------------------------------------------
def segment_words(text: str, *, engine: str = DEFAULT_ENGINE, granularity: str = "word",
                  user_words: Iterable[str] | UserDictionary | None = None) -> list[Token]:
    """Words of ``text`` as tokens with offsets into ``text`` (never into a normalized copy).

    ``granularity="word"`` keeps compounds whole; ``"fine"`` splits compound parts, prefixes and
    suffixes as khPOS marks them. ``user_words`` (and words added with ``add_words``) are kept whole.
    Whitespace and zero-width spaces are never inside a token and always end one.
    """
    require_str(text)
    if granularity not in GRANULARITIES:
        raise ConfigError(f"unknown granularity {granularity!r}; choose one of: {', '.join(GRANULARITIES)}")
    short = len(text) <= SHORT_TEXT_CHARS and user_words is None
    if short:
        key = (text, engine, granularity, GLOBAL_USER_WORDS.version)
        cached = _short_cache.get(key)
        if cached is not None:
            return list(cached)
    eng = get_engine(engine)
    threshold = 1 if granularity == "fine" else 2
    dictionaries = [d for d in (GLOBAL_USER_WORDS, _as_user_dictionary(user_words)) if d]
    tokens: list[Token] = []
    if not short:
        for start, end in _chunks(text):
            _segment_chunk(text, start, end, eng, threshold, dictionaries, tokens)
        return tokens
    # a short text (a query, a title): both granularities come from the same labels, so both are
    # remembered (search analyses every query at both)
    other: list[Token] = []
    for start, end in _chunks(text):
        _segment_chunk(text, start, end, eng, (threshold, 3 - threshold), dictionaries, (tokens, other))
    if len(_short_cache) >= _MAX_SHORT_CACHE - 1:
        _short_cache.clear()
    _short_cache[key] = tuple(tokens)
    _short_cache[(text, engine, "fine" if threshold == 2 else "word", key[3])] = tuple(other)
    return tokens


#: (text, engine, granularity, user-words version) -> tokens, for short texts only (tokens are frozen)
_short_cache: dict[tuple[str, str, str, int], tuple[Token, ...]] = {}


def clear_cache() -> None:
    """Forget remembered short-text results (benchmarks that must time the engine itself call this)."""
    _short_cache.clear()


def _as_user_dictionary(words) -> UserDictionary | None:
    if words is None:
        return None
    if isinstance(words, UserDictionary):
        return words
    return UserDictionary(words)


#: chunks of at most this many atoms take the list path (numpy's fixed cost per call dominates there)
SMALL_CHUNK_ATOMS = 48


def _segment_chunk(text: str, offset: int, stop: int, engine, threshold,
                   dictionaries: list[UserDictionary], out) -> None:
    """Tokens of text[offset:stop] appended to ``out``; ``threshold`` 2 = words, 1 = fine. Several
    granularities at once: a tuple of thresholds and a tuple of lists."""
    chunk = text[offset:stop] if offset or stop != len(text) else text
    atoms = ATOM_RE.findall(chunk)
    if not atoms:
        return
    if len(atoms) <= SMALL_CHUNK_ATOMS:
        _segment_atoms_small(text, offset, atoms, engine, threshold, dictionaries, out)
    else:
        _segment_atoms(text, offset, atoms, engine, threshold, dictionaries, out)


def _segment_atoms_small(text: str, offset: int, atoms: list[str], engine, threshold,
                         dictionaries: list[UserDictionary], out) -> None:
    """:func:`_segment_atoms` with Python lists instead of array set-up (same tokens, fewer calls)."""
    thresholds, outs = (threshold, out) if isinstance(threshold, tuple) else ((threshold,), (out,))
    ids_all, codes_all = engine.encode(atoms)
    code_list = codes_all.tolist()
    keep = [i for i, code in enumerate(code_list) if code]
    n = len(keep)
    if n == 0:
        return
    atom_starts = []
    position = offset
    for atom in atoms:
        atom_starts.append(position)
        position += len(atom)
    codes = [code_list[i] for i in keep]
    starts = [atom_starts[i] for i in keep]
    ends = [atom_starts[i] + len(atoms[i]) for i in keep]
    labels = [2] * (n + 1)
    if n > 1:
        touching = [keep[b] == keep[b - 1] + 1 for b in range(1, n)]
        positions = [b for b in range(1, n) if touching[b - 1] and codes[b] == 1 and codes[b - 1] == 1]
        if positions:
            kept = np.array(keep, dtype=np.intp)
            decided = engine.label(ids_all[kept], codes_all[kept], np.array(positions, dtype=np.intp))
            for b, label in zip(positions, decided.tolist()):
                labels[b] = label
        if dictionaries:
            seq = [atoms[i] for i in keep]
            contiguous = np.ones(n + 1, dtype=bool)
            contiguous[1:n] = touching
            for dictionary in dictionaries:
                for first, end in dictionary.matches(seq, contiguous):
                    labels[first + 1:end] = [0] * (end - first - 1)
                    labels[first] = 2
                    labels[end] = 2
    names = KIND_NAMES
    for threshold, out in zip(thresholds, outs):
        cut = [b for b, label in enumerate(labels) if label >= threshold]
        token_starts = [starts[first] for first in cut[:-1]]
        token_ends = [ends[end - 1] for end in cut[1:]]
        kinds = [names[codes[first] if end - first == 1 else 1] for first, end in zip(cut, cut[1:])]
        out.extend(_make_tokens([text[s:e] for s, e in zip(token_starts, token_ends)],
                                token_starts, token_ends, kinds))


def _segment_atoms(text: str, offset: int, atoms: list[str], engine, threshold,
                   dictionaries: list[UserDictionary], out) -> None:
    chunk = _prepare_atoms(text, offset, atoms, engine)
    if chunk is None:
        return
    if chunk.positions is not None:
        chunk.labels[chunk.positions] = engine.label(chunk.ids, chunk.codes, chunk.positions)
    _finish_atoms(chunk, threshold, dictionaries, out)


class _Chunk:
    """One chunk between :func:`_prepare_atoms` and :func:`_finish_atoms`: what the engine labels (``ids``,
    ``codes``, candidate ``positions``, None when there are none) and what the tokens are made from."""

    __slots__ = ("text", "atoms", "keep", "ids", "codes", "starts", "ends", "labels", "positions", "touching")

    def __init__(self, text: str, atoms: list[str], keep: np.ndarray, ids: np.ndarray, codes: np.ndarray,
                 starts: np.ndarray, ends: np.ndarray, labels: np.ndarray, positions: np.ndarray | None,
                 touching: np.ndarray | None) -> None:
        self.text, self.atoms, self.keep, self.ids, self.codes = text, atoms, keep, ids, codes
        self.starts, self.ends, self.labels, self.positions, self.touching = starts, ends, labels, positions, touching


def _prepare_atoms(text: str, offset: int, atoms: list[str], engine) -> _Chunk | None:
    """The first half of :func:`_segment_atoms`: atoms encoded, candidates found (None: no token)."""
    ids_all, codes_all = engine.encode(atoms)
    lengths = np.fromiter(map(len, atoms), dtype=np.int64, count=len(atoms))
    ends_all = np.cumsum(lengths) + offset
    keep = np.flatnonzero(codes_all)
    n = len(keep)
    if n == 0:
        return None
    codes = codes_all[keep]
    starts = (ends_all - lengths)[keep]
    ends = ends_all[keep]
    # labels[b] for boundary b in 0..n (0 and n are the chunk edges, always word boundaries)
    labels = np.full(n + 1, 2, dtype=np.int64)
    positions = touching = None
    if n > 1:
        touching = keep[1:] == keep[:-1] + 1
        clusters = codes == 1
        candidate = touching & clusters[1:] & clusters[:-1]
        positions = np.flatnonzero(candidate) + 1
        if not len(positions):
            positions = None
    return _Chunk(text, atoms, keep, ids_all[keep] if positions is not None else None, codes, starts, ends,
                  labels, positions, touching)


def _finish_atoms(chunk: _Chunk, threshold, dictionaries: list[UserDictionary], out) -> None:
    """The second half of :func:`_segment_atoms`, once the engine's labels are in ``chunk.labels``:
    user words, then tokens appended to ``out``."""
    thresholds, outs = (threshold, out) if isinstance(threshold, tuple) else ((threshold,), (out,))
    text, atoms, keep, codes, labels = chunk.text, chunk.atoms, chunk.keep, chunk.codes, chunk.labels
    starts, ends, touching = chunk.starts, chunk.ends, chunk.touching
    n = len(keep)
    if n > 1:
        if dictionaries:
            seq = [atoms[i] for i in keep.tolist()]
            contiguous = np.ones(n + 1, dtype=bool)
            contiguous[1:n] = touching
            for dictionary in dictionaries:
                for first, end in dictionary.matches(seq, contiguous):
                    labels[first + 1:end] = 0
                    labels[first] = 2
                    labels[end] = 2
    for threshold, out in zip(thresholds, outs):
        cut = np.flatnonzero(labels >= threshold)
        first_atoms = cut[:-1]
        end_atoms = cut[1:]
        single = (end_atoms - first_atoms) == 1
        kinds = np.where(single, codes[first_atoms], 1).tolist()
        token_starts = starts[first_atoms].tolist()
        token_ends = ends[end_atoms - 1].tolist()
        out.extend(_make_tokens([text[s:e] for s, e in zip(token_starts, token_ends)],
                                token_starts, token_ends, list(map(KIND_NAMES.__getitem__, kinds))))


#: segment_many gives the engine the chunks of about this many atoms at once (20 news articles or so:
#: the fixed cost per call is shared, the arrays stay small enough for the CPU caches)
BATCH_ATOMS = 20_000


def segment_many(texts: Sequence[str], *, engine: str = DEFAULT_ENGINE, granularity: str = "word",
                 user_words: Iterable[str] | UserDictionary | None = None) -> list[list[Token]]:
    """``[segment_words(text, ...) for text in texts]``, the same tokens, for less time: the chunks of
    several texts go to the engine in one call when it can label several at once (``label_many``),
    which shares numpy's fixed cost per call (most of a news article's time). Short texts keep
    :func:`segment_words` and its cache."""
    texts = list(texts)
    for text in texts:
        require_str(text)
    if granularity not in GRANULARITIES:
        raise ConfigError(f"unknown granularity {granularity!r}; choose one of: {', '.join(GRANULARITIES)}")
    eng = get_engine(engine)
    label_many = getattr(eng, "label_many", None)
    if label_many is None:
        return [segment_words(text, engine=engine, granularity=granularity, user_words=user_words) for text in texts]
    threshold = 1 if granularity == "fine" else 2
    own = _as_user_dictionary(user_words)
    dictionaries = [d for d in (GLOBAL_USER_WORDS, own) if d]
    results: list[list[Token]] = [[] for _ in texts]
    # per text, its pieces in order: a finished token list (short text, small chunk) or a _Chunk
    pieces: list[list] = [[] for _ in texts]
    waiting: list[_Chunk] = []
    atoms_waiting = 0
    for index, text in enumerate(texts):
        if len(text) <= SHORT_TEXT_CHARS and user_words is None:
            results[index] = segment_words(text, engine=engine, granularity=granularity)
            continue
        for start, end in _chunks(text):
            chunk = text[start:end] if start or end != len(text) else text
            atoms = ATOM_RE.findall(chunk)
            if not atoms:
                continue
            if len(atoms) <= SMALL_CHUNK_ATOMS:
                done: list[Token] = []
                _segment_atoms_small(text, start, atoms, eng, threshold, dictionaries, done)
                pieces[index].append(done)
                continue
            prepared = _prepare_atoms(text, start, atoms, eng)
            if prepared is None:
                continue
            pieces[index].append(prepared)
            if prepared.positions is not None:
                waiting.append(prepared)
                atoms_waiting += len(prepared.ids)
                if atoms_waiting >= BATCH_ATOMS:
                    _label_chunks(label_many, waiting)
                    waiting, atoms_waiting = [], 0
    _label_chunks(label_many, waiting)
    for index, parts in enumerate(pieces):
        if not parts:
            continue
        tokens = results[index]
        for part in parts:
            if isinstance(part, _Chunk):
                _finish_atoms(part, threshold, dictionaries, tokens)
            else:
                tokens.extend(part)
    return results


def _label_chunks(label_many, chunks: list[_Chunk]) -> None:
    if chunks:
        for chunk, labels in zip(chunks, label_many([(c.ids, c.codes, c.positions) for c in chunks])):
            chunk.labels[chunk.positions] = labels


def segment_document(doc, *, engine: str = DEFAULT_ENGINE, granularity: str = "word",
                     user_words: Iterable[str] | UserDictionary | None = None, sentences: bool = True):
    """The pipeline stage: a new Document with ``tokens`` (and ``sentences``) over ``doc.text``."""
    from sastra.records import Document
    from sastra.segment.sentences import split_sentences

    if not isinstance(doc, Document):
        raise ConfigError(f"segment_document needs a sastra.records.Document, not {type(doc).__name__}")
    tokens = tuple(segment_words(doc.text, engine=engine, granularity=granularity, user_words=user_words))
    changes = {"tokens": tokens}
    if sentences:
        changes["sentences"] = tuple(split_sentences(doc.text))
    return doc.replace(**changes)
