"""Second pass of the perceptron engine: features of the first pass's own decisions around a boundary.

The first pass scores every cluster boundary from the clusters around it. The second pass looks at what
the first pass decided in a window of +-3 boundaries, how sure it was, and at the words its decisions
make: the candidate words on each side (their length in clusters) and whether the span from the
previous to the next predicted boundary is a known word or a known khPOS compound. Most errors of the
first pass are compound-or-not decisions (fine vs word), which these word-level views address.

It is trained on out-of-fold first-pass scores (scripts/train_segmenter.py), so it learns how
reliable the first pass is on text it did not see. Like the first pass, a boundary's scores are the
sum of hashed weight rows (one per template) plus a linear term in the first-pass scores.
"""

from __future__ import annotations

import math

import numpy as np

STACK_BITS = 18
WINDOW = 3
_M1 = np.uint64(0xD6E8FEB86659FD93)
_M2 = np.uint64(0x9E3779B97F4A7C15)
_M3 = np.uint64(0xBF58476D1CE4E5B9)
_SHIFT = np.uint64(64 - STACK_BITS)

#: parts: qw/qf = first-pass word/fine score bins at the boundary (qw-1, qw+1 at the neighbours),
#: dec = first-pass decisions at b-3..b+3, dl/dr = decisions at b-1/b+1, d = decision at b,
#: ll/lr = clusters to the previous/next predicted word boundary, mw/ml/mr = lexicon membership of the
#: spans previous-next, previous-b, b-next (word boundaries), pw/pl/pr = the same for fine-or-word
#: boundaries, cw = coarse word score and decision. No lexicalized template (atom ids, span hashes):
#: measured in 5-fold CV, those made the second pass worse (-0.05 word F1); without them it gains +0.10.
STACK_TEMPLATES: tuple[tuple[str, ...], ...] = (
    (),
    ("qw", "qf"),
    ("dec",),
    ("dl", "dr", "qw"),
    ("qw-1", "qw", "qw+1"),
    ("ll", "lr", "d"),
    ("mw", "ml", "mr", "d"),
    ("pw", "pl", "pr", "d"),
    ("pw", "cw"),
    ("ll", "lr", "mw"),
    ("pw", "pl", "pr", "cw"),
    ("qf-1", "qf", "qf+1"),
    ("qw", "qf", "dl", "dr"),
    ("ll", "lr", "pw", "d"),
)
#: templates over ``ps``: the khPOS statistics of the pair of fine units on each side of the boundary
#: (how often the two were one word vs two words in the training data; see ``PairTable``)
PAIR_TEMPLATES: tuple[tuple[str, ...], ...] = (
    ("ps", "d"),
    ("ps", "qw"),
    ("ps", "cw"),
    ("ps", "pl", "pr"),
)
#: templates over ``ws``: the same statistics for the pair of words on each side (word boundaries)
WPAIR_TEMPLATES: tuple[tuple[str, ...], ...] = (
    ("ws", "d"),
    ("ws", "qw"),
    ("ws", "ps"),
)


#: every part name a second-pass template may use (models name their templates in their meta)
PART_NAMES = frozenset({"qw", "qf", "dec", "dl", "dr", "d", "qw-1", "qw+1", "qf-1", "qf+1", "ll", "lr", "mw", "ml",
                        "mr", "pw", "pl", "pr", "hw", "hp", "c0", "c1", "cw", "ps", "ws"})


def quantize(scores: np.ndarray, scale: float, width: int = 12) -> np.ndarray:
    """Score bins 0..2*width (a quarter of the typical margin each)."""
    return np.clip(np.floor(scores * (4.0 / scale)), -width, width).astype(np.int64) + width


def decisions(fine: np.ndarray, word: np.ndarray) -> np.ndarray:
    """0 = none, 1 = fine, 2 = word (the rule every engine uses)."""
    return np.where(word > np.maximum(fine, 0), 2, np.where(fine > 0, 1, 0))


def margins(fine: np.ndarray, word: np.ndarray) -> np.ndarray:
    """How sure a decision is: the best of the scores (0 = none, fine, word) minus the runner-up."""
    low, high = np.minimum(fine, 0), np.maximum(fine, 0)
    return np.maximum(high, word) - np.maximum(low, np.minimum(high, word))


def pair_keys(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """One key per pair of span hashes (0 where either span was too long to hash)."""
    with np.errstate(over="ignore"):
        keys = ((left * _M3) ^ right) * _M1
    return np.where((left == 0) | (right == 0), np.uint64(0), keys)


def pair_code(joined: np.ndarray, split: np.ndarray) -> np.ndarray:
    """A small code of how often a pair of units was one word (joined) or two (split) in training:
    total bins (0, 1, 2-3, 4-9, 10+) x joined-share bins (0, <.2, <.5, .5, <=.8, <1, 1)."""
    joined = np.asarray(joined, dtype=np.int64)
    split = np.asarray(split, dtype=np.int64)
    total = joined + split
    total_bin = np.searchsorted(np.array([1, 2, 4, 10]), total, side="right")
    share = joined / np.maximum(total, 1)
    share_bin = np.select([share == 0, share < 0.2, share < 0.5, share == 0.5, share <= 0.8, share < 1],
                          [0, 1, 2, 3, 4, 5], 6)
    return np.where(total == 0, 0, total_bin * 8 + share_bin).astype(np.uint64)


class PairTable:
    """Pair key -> code (``pair_code``) as a sorted key array, looked up with one searchsorted."""

    def __init__(self, keys: np.ndarray, joined: np.ndarray, split: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self.keys = np.ascontiguousarray(keys[order], dtype=np.uint64)
        self.joined = np.asarray(joined)[order]
        self.split = np.asarray(split)[order]
        self.codes = pair_code(self.joined, self.split)

    @classmethod
    def from_labels(cls, keys: np.ndarray, labels: np.ndarray) -> "PairTable":
        """Count, per key, the gold labels 1 (joined: inside one word) and 2 (split) at its boundaries."""
        keep = (keys != 0) & (labels >= 1)
        unique, inverse = np.unique(keys[keep], return_inverse=True)
        lab = labels[keep]
        joined = np.bincount(inverse, weights=(lab == 1), minlength=len(unique)).astype(np.int64)
        split = np.bincount(inverse, weights=(lab == 2), minlength=len(unique)).astype(np.int64)
        return cls(unique, joined, split)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        if len(self.keys) == 0:
            return np.zeros(len(keys), dtype=np.uint64)
        i = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where((self.keys[i] == keys) & (keys != 0), self.codes[i], np.uint64(0))


def gold_pair_keys(grams: np.ndarray, slots: np.ndarray, lists: int, n: int, positions: np.ndarray,
                   labels: np.ndarray, level: int = 1) -> np.ndarray:
    """Pair keys at ``positions`` when the boundaries are the gold ``labels`` (training statistics):
    the units on each side end at the nearest boundaries of at least ``level`` (1 fine, 2 word)."""
    inner = np.full(n + 1, 3, dtype=np.int64)
    inner[positions] = labels
    fine_before, fine_after = _neighbours(inner >= level, positions)
    _, hashes = _membership(grams, slots, lists, np.concatenate([fine_before, positions]),
                            np.concatenate([positions, fine_after]))
    m = len(positions)
    return pair_keys(hashes[:m], hashes[m:])


def _membership(grams: np.ndarray, slots: np.ndarray, lists: int, start: np.ndarray, end: np.ndarray,
                with_hash: bool = True):
    """Per span: a code of which word lists hold atoms[start:end] (16 + length = too long), and its hash
    (None unless ``with_hash``). The codes of every (length, start) are computed once, in a table with
    rows for lengths 1..12 (lengths past the lexicon's longest word have their fixed "too long" code),
    so each span is one look-up."""
    k_max, n = slots.shape
    k = np.minimum(end - start, _LONGEST_CODED)  # spans here are never empty
    flat = (k - 1) * n + start
    code = _span_codes(slots, lists).ravel().take(flat)
    if not with_hash:
        return code, None
    ok = k <= k_max
    span_hash = np.where(ok, grams.ravel().take(np.where(ok, flat, 0)), np.uint64(0))
    return code, span_hash


_LONGEST_CODED = 12


def _span_codes(slots: np.ndarray, lists: int) -> np.ndarray:
    """(12, n) uint64: row k-1 = which word lists hold the k atoms from each start (bit i = list i),
    for k up to the lexicon's longest word; 16 + k for longer k (16 + 12 from 12 on)."""
    k_max, n = slots.shape
    table = np.empty((_LONGEST_CODED, n), dtype=np.uint64)
    bits = slots >> _LENGTH_SHIFTS[:k_max]
    code = bits & 1
    for index in range(1, lists):  # bit 8 * index of the slot -> bit index of the code
        code |= (bits >> (7 * index)) & (1 << index)
    table[:k_max] = code
    table[k_max:] = (16 + np.arange(k_max + 1, _LONGEST_CODED + 1, dtype=np.uint64))[:, None]
    return table


_LENGTH_SHIFTS = np.arange(16, dtype=np.int64)[:, None]


def _neighbours(flags: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The nearest boundary with ``flags`` before and after each position (0 and n always flagged)."""
    marks = flags.nonzero()[0]
    i = np.searchsorted(marks, positions)
    before = marks[i - 1]
    after = marks[np.minimum(i + (marks[np.minimum(i, len(marks) - 1)] == positions), len(marks) - 1)]
    return before, after


def decision_board(n: int, positions: np.ndarray, fine: np.ndarray, word: np.ndarray,
                   scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first pass's decisions and score bins at every boundary 0..n of a text, padded by
    ``WINDOW + 1`` on each side (row 0 decisions, 4 outside the text and 3 at a boundary that is no
    candidate; rows 1 and 2 word and fine bins, 30 where there is none), and the candidates' own
    decisions (m) and bins (2, m: word, fine)."""
    pad = WINDOW + 1
    board = np.empty((3, n + 1 + 2 * pad), dtype=np.int64)
    board[0] = 4
    board[0, pad:pad + n + 1] = 3
    board[1:] = 30
    d = decisions(fine, word)
    q = quantize(np.stack([word, fine]), scale)
    board[0, positions + pad] = d
    board[1:, positions + pad] = q
    return board, d, q


def stack_features(ids: np.ndarray, grams: np.ndarray, slots: np.ndarray, lists: int,
                   positions: np.ndarray, fine: np.ndarray, word: np.ndarray, scale: float,
                   templates: tuple = STACK_TEMPLATES, pairs: PairTable | None = None,
                   word_pairs: PairTable | None = None, targets: np.ndarray | None = None) -> np.ndarray:
    """Row indices (len(templates), len(positions)) into the second-pass weight table.

    ``ids`` per atom (n), ``grams``/``slots`` (K, n) the n-gram hashes and lexicon-table slots of the
    atoms, ``positions`` the candidate boundaries (1..n-1), ``fine``/``word`` the first-pass scores there.
    Boundaries that are not candidates are word boundaries by construction (decision code 3).
    Only the parts the templates use are computed, straight into the array that is hashed.
    ``targets`` (indices into ``positions``): rows for those candidates only (the context still comes
    from the first-pass decisions at every candidate).
    """
    compiled = _compiled(templates)
    names, row_of = compiled[1], compiled[6]
    n = len(ids)
    pad = WINDOW + 1
    length = n + 1 + 2 * pad
    board, d, q = decision_board(n, positions, fine, word, scale)
    if targets is not None:
        positions, d, q, word = positions[targets], d[targets], q[:, targets], word[targets]
    m = len(positions)
    j = positions + pad
    values = np.empty((len(names), m), dtype=np.uint64)

    def put(name, value):
        row = row_of.get(name)
        if row is not None:
            values[row] = value

    window = board.ravel().take((_ROW_STEPS * length + _OFFSETS)[:, None] + j[None, :])  # (3 * width, m)
    width = 2 * WINDOW + 1
    put("d", d)
    put("qw", q[0])
    put("qf", q[1])
    if "dec" in row_of:
        put("dec", _PATTERN_WEIGHTS @ window[:width])
    put("dl", window[WINDOW - 1])
    put("dr", window[WINDOW + 1])
    put("qw-1", window[width + WINDOW - 1])
    put("qw+1", window[width + WINDOW + 1])
    put("qf-1", window[2 * width + WINDOW - 1])
    put("qf+1", window[2 * width + WINDOW + 1])
    inner = board[0, pad:pad + n + 1]
    before, after = _neighbours(inner >= 2, positions)
    fine_before, fine_after = _neighbours(inner >= 1, positions)
    with_hash = not row_of.keys().isdisjoint(("hw", "hp", "ps", "ws"))
    codes, hashes = _membership(grams, slots, lists,
                                np.concatenate([before, before, positions, fine_before, fine_before, positions]),
                                np.concatenate([after, positions, after, fine_after, positions, fine_after]),
                                with_hash)
    codes = codes.reshape(6, m)
    for i, name in enumerate(("mw", "ml", "mr", "pw", "pl", "pr")):
        put(name, codes[i])
    put("ll", np.minimum(positions - before, 8))
    put("lr", np.minimum(after - positions, 8))
    if with_hash:
        put("hw", hashes[:m])
        put("hp", hashes[3 * m:4 * m])
        if pairs is not None:
            put("ps", pairs.lookup(pair_keys(hashes[4 * m:5 * m], hashes[5 * m:])))
        if word_pairs is not None:
            put("ws", word_pairs.lookup(pair_keys(hashes[m:2 * m], hashes[2 * m:3 * m])))
    if pairs is None:
        put("ps", 0)
    if word_pairs is None:
        put("ws", 0)
    if "c0" in row_of or "c1" in row_of:
        put("c0", ids[positions - 1])
        put("c1", ids[positions])
    if "cw" in row_of:
        coarse = np.floor(word * (1.0 / scale))
        put("cw", (np.minimum(np.maximum(coarse, -3), 3).astype(np.int64) + 3) * 3 + d)
    return _hash_values(values, compiled)


#: parts :func:`stack_features_few` computes; templates with other parts take the array path
FEW_PARTS = frozenset({"qw", "qf", "dec", "dl", "dr", "d", "qw-1", "qw+1", "qf-1", "qf+1", "ll", "lr", "mw",
                       "ml", "mr", "pw", "pl", "pr", "c0", "c1", "cw"})


def stack_features_few(ids: np.ndarray, slots: np.ndarray, lists: int, positions: list, fine: list,
                       word: list, scale: float, templates: tuple, targets: list) -> np.ndarray:
    """:func:`stack_features` for a few ``targets`` with Python numbers (the same rows): the array path
    costs a hundred numpy calls whatever the count, which is most of a short text's time. ``positions``,
    ``fine``, ``word`` and ``targets`` are lists; only templates over ``FEW_PARTS``."""
    compiled = _compiled(templates)
    names = compiled[1]
    n = len(ids)
    k_max = slots.shape[0]
    flat_slots = slots.ravel()
    c4 = 4.0 / scale
    c1 = 1.0 / scale
    dec = [3] * (n + 1)  # decision per boundary 0..n (3: not a candidate, a word boundary)
    word_bin = [30] * (n + 1)
    fine_bin = [30] * (n + 1)
    for p, f, w in zip(positions, fine, word):
        dec[p] = 2 if w > (f if f > 0 else 0) else 1 if f > 0 else 0
        q = math.floor(w * c4)
        word_bin[p] = (-12 if q < -12 else 12 if q > 12 else q) + 12
        q = math.floor(f * c4)
        fine_bin[p] = (-12 if q < -12 else 12 if q > 12 else q) + 12

    def at(values, b, outside):
        return values[b] if 0 <= b <= n else outside

    def member(start, end):
        k = end - start
        if k > k_max:
            return 16 + min(k, _LONGEST_CODED)
        bits = int(flat_slots[(k - 1) * n + start]) >> (k - 1)
        code = bits & 1
        for index in range(1, lists):
            code |= (bits >> (7 * index)) & (1 << index)
        return code

    columns: dict[str, list] = {name: [] for name in names}
    for t in targets:
        p = positions[t]
        d = dec[p]
        before = p - 1
        while dec[before] < 2:
            before -= 1
        after = p + 1
        while dec[after] < 2:
            after += 1
        fine_before = p - 1
        while dec[fine_before] < 1:
            fine_before -= 1
        fine_after = p + 1
        while dec[fine_after] < 1:
            fine_after += 1
        pattern = 0
        for offset in range(-WINDOW, WINDOW + 1):
            pattern = pattern * 5 + at(dec, p + offset, 4)
        coarse = math.floor(word[t] * c1)
        row = {
            "d": d, "qw": word_bin[p], "qf": fine_bin[p], "dec": pattern,
            "dl": at(dec, p - 1, 4), "dr": at(dec, p + 1, 4),
            "qw-1": at(word_bin, p - 1, 30), "qw+1": at(word_bin, p + 1, 30),
            "qf-1": at(fine_bin, p - 1, 30), "qf+1": at(fine_bin, p + 1, 30),
            "ll": min(p - before, 8), "lr": min(after - p, 8),
            "c0": int(ids[p - 1]), "c1": int(ids[p]),
            "cw": ((-3 if coarse < -3 else 3 if coarse > 3 else coarse) + 3) * 3 + d,
        }
        spans = (("mw", before, after), ("ml", before, p), ("mr", p, after),
                 ("pw", fine_before, fine_after), ("pl", fine_before, p), ("pr", p, fine_after))
        for name, start, end in spans:
            if name in columns:
                row[name] = member(start, end)
        for name in names:
            columns[name].append(row[name])
    values = np.array([columns[name] for name in names], dtype=np.uint64)
    return _hash_values(values, compiled)


#: the window rows (decisions, word bins, fine bins at b-WINDOW..b+WINDOW): board row and offset
_ROW_STEPS = np.repeat(np.arange(3), 2 * WINDOW + 1)
_OFFSETS = np.tile(np.arange(-WINDOW, WINDOW + 1), 3)
_PATTERN_WEIGHTS = 5 ** np.arange(2 * WINDOW, -1, -1, dtype=np.int64)


def _compile(templates):
    """Templates ordered longest first, as part-name indices per depth (hashing all at once)."""
    names = sorted({name for t in templates for name in t})
    order = sorted(range(len(templates)), key=lambda t: -len(templates[t]))
    depth = max(len(t) for t in templates)
    table = np.zeros((len(templates), max(depth, 1)), dtype=np.intp)
    for row, t in enumerate(order):
        for d, name in enumerate(templates[t]):
            table[row, d] = names.index(name)
    active = [sum(1 for t in order if len(templates[t]) > d) for d in range(depth)]
    with np.errstate(over="ignore"):
        mixes = np.array([np.uint64((t + 1) * 0x9E3779B1) * _M3 for t in order], dtype=np.uint64)
    inverse = np.argsort(np.array(order))
    row_of = {name: i for i, name in enumerate(names)}
    return tuple(templates), names, table, active, mixes[:, None], inverse, row_of


_COMPILED = {STACK_TEMPLATES: _compile(STACK_TEMPLATES)}


def _compiled(templates: tuple):
    compiled = _COMPILED.get(templates)
    if compiled is None:
        compiled = _COMPILED[templates] = _compile(templates)
    return compiled


def _hash_values(values: np.ndarray, compiled) -> np.ndarray:
    """Hash rows of part values (names in sorted order) into one row index per template and position."""
    _, names, table, active, mixes, inverse, _ = compiled
    h = np.empty((len(table), values.shape[1]), dtype=np.uint64)
    first = active[0]  # templates with at least one part (the empty template keeps the seed)
    h[first:] = _M1
    np.bitwise_xor(values[table[:first, 0]], _M1, out=h[:first])
    h[:first] *= _M2
    for d in range(1, len(active)):
        count = active[d]
        h[:count] ^= values[table[:count, d]]
        h[:count] *= _M2
    h ^= mixes
    h *= _M1
    h >>= _SHIFT
    return h.astype(np.intp)[inverse]


def template_names() -> list[list[str]]:
    return [list(t) for t in STACK_TEMPLATES]
