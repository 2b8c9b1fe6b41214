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
    bins = np.floor(scores * (4.0 / scale))
    np.minimum(np.maximum(bins, -width, out=bins), width, out=bins)  # (np.clip's wrapper costs more)
    bins = bins.astype(np.int64)
    bins += width
    return bins


def decisions(fine: np.ndarray, word: np.ndarray) -> np.ndarray:
    """0 = none, 1 = fine, 2 = word (the rule every engine uses)."""
    # 2 where word beats both, else 1 where fine beats none (int64; np.where with scalars costs more)
    out = np.multiply(word > np.maximum(fine, 0), 2, dtype=np.int64)
    return np.maximum(out, fine > 0, out=out)


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
        self._inputs = None

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

    def counts(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How often each key's pair was joined and split in training (0, 0 for an unseen pair)."""
        if len(self.keys) == 0:
            zero = np.zeros(len(keys))
            return zero, zero
        i = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        hit = (self.keys[i] == keys) & (keys != 0)
        return np.where(hit, self.joined[i], 0).astype(np.float64), np.where(hit, self.split[i], 0).astype(np.float64)

    def count_inputs(self, keys: np.ndarray, dtype=np.float64) -> np.ndarray:
        """The network's inputs (m, 3) from each key's :meth:`counts`: log(1 + joined), log(1 + split) and
        (joined + 0.5) / (joined + split + 1), computed once per pair of the table (one search, one gather)."""
        if self._inputs is None:
            joined, split = self.joined.astype(np.float64), self.split.astype(np.float64)
            inputs = np.stack([np.log1p(joined), np.log1p(split), (joined + 0.5) / (joined + split + 1.0)], axis=1)
            inputs[self.keys == 0] = (0.0, 0.0, 0.5)  # key 0 is no pair (pair_keys): never found
            inputs = np.concatenate([inputs, [(0.0, 0.0, 0.5)]])  # the last row: an unseen pair
            search = np.concatenate([self.keys, np.array([np.iinfo(np.uint64).max], dtype=np.uint64)])
            self._inputs = (search, inputs, inputs.astype(np.float32))
        search, inputs, inputs32 = self._inputs
        i = search.searchsorted(keys)  # the last key is the largest there is: i stays in range
        found = np.where(search.take(i) == keys, i, len(self.keys))
        return (inputs32 if dtype == np.float32 else inputs).take(found, axis=0)


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
    """Per span: a code of which word lists hold atoms[start:end] (bit i = list i; 16 + length, at most
    16 + 12, for a span longer than the lexicon's longest word), and its hash (0 for a span that long; None
    unless ``with_hash``). Spans here are never empty."""
    k_max, n = slots.shape
    k = end - start
    # row of the span's length (the last row for a span too long: any slot, its code is replaced below)
    row = np.minimum(k, k_max)
    row -= 1
    flat = row * n + start
    bits = slots.ravel().take(flat) >> row
    code = bits & 1
    for index in range(1, lists):  # bit 8 * index of the slot -> bit index of the code
        code |= (bits >> (7 * index)) & (1 << index)
    too_long = k > k_max
    if too_long.any():
        code = np.where(too_long, 16 + np.minimum(k, _LONGEST_CODED), code)
    code = code.astype(np.uint64)
    if not with_hash:
        return code, None
    span_hash = grams.ravel().take(flat)
    span_hash[too_long] = 0
    return code, span_hash


_LONGEST_CODED = 12


def _neighbours(flags: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The nearest boundary with ``flags`` before and after each position (0 and n always flagged)."""
    marks = flags.nonzero()[0]
    before = marks.take(marks.searchsorted(positions) - 1)  # (boundary 0 is flagged: index >= 0)
    after = marks.take(marks.searchsorted(positions, "right"))  # (boundary n is flagged: index in range)
    return before, after


def decision_board(n: int, positions: np.ndarray, fine: np.ndarray, word: np.ndarray,
                   scale: float, outside: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first pass's decisions and score bins at every boundary 0..n of a text, padded by
    ``WINDOW + 1`` on each side (row 0 decisions, 4 outside the text and 3 at a boundary that is no
    candidate; rows 1 and 2 word and fine bins, 30 where there is none), and the candidates' own
    decisions (m) and bins (2, m: word, fine). ``outside``: boundaries that are outside every text too
    (between texts scored as one sequence: 4 there, as past a lone text's edges)."""
    pad = WINDOW + 1
    board = np.empty((3, n + 1 + 2 * pad), dtype=np.int64)
    board[0] = 4
    board[0, pad:pad + n + 1] = 3
    if outside is not None:
        board[0, outside + pad] = 4
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
    return _second_pass_inputs(ids, grams, slots, lists, positions, fine, word, scale, templates, pairs, word_pairs,
                               targets)[0]


def second_pass_inputs(ids: np.ndarray, grams: np.ndarray, slots: np.ndarray, lists: int, positions: np.ndarray,
                       fine: np.ndarray, word: np.ndarray, scale: float, templates: tuple, network: "NetworkWeights",
                       targets: np.ndarray | None = None,
                       outside: np.ndarray | None = None) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """:func:`stack_features` rows and the inputs of the second pass's network at the same boundaries,
    computed from one look at the first pass's decisions, in the form :meth:`NetworkWeights.evaluate`
    takes: group keys (len(NET_GROUPS), m) and continuous inputs (padded rows, NET_CONTINUOUS) float32,
    in the engine's column order (:data:`_ENGINE_COLUMNS`). ``outside``: as :func:`decision_board`."""
    rows, keys, continuous = _second_pass_inputs(ids, grams, slots, lists, positions, fine, word, scale, templates,
                                                 None, None, targets, network, outside)
    return rows, (keys, continuous)


def network_inputs(ids: np.ndarray, grams: np.ndarray, slots: np.ndarray, lists: int, positions: np.ndarray,
                   fine: np.ndarray, word: np.ndarray, scale: float, pairs: PairTable, word_pairs: PairTable,
                   targets: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Inputs of the second pass's network per boundary: row indices (len(NET_PARTS), m) into its table
    of one-hot parts (``NET_PARTS``: decisions, score bins, word lengths, span memberships, as the
    templates see them, each value its own row) and continuous inputs (m, NET_CONTINUOUS): the
    first-pass fine and word scores at b-3..b+3 (over ``scale``, clipped to +-4), then for the pair of
    fine units and the pair of words on each side, log(1 + joined), log(1 + split) and the smoothed
    joined share of their khPOS counts (``pairs``, ``word_pairs``)."""
    _, source, continuous = _second_pass_inputs(ids, grams, slots, lists, positions, fine, word, scale,
                                                STACK_TEMPLATES, pairs, word_pairs, targets, True)
    return source[_NET_PART_SOURCE] + _NET_OFFSETS, continuous


#: the network's one-hot parts (name, number of values), in the order of its table's row blocks
NET_PARTS: tuple[tuple[str, int], ...] = (
    ("d", 4), ("qw", 31), ("qf", 31), ("dl", 5), ("dr", 5), ("dec-3", 5), ("dec-2", 5), ("dec+2", 5), ("dec+3", 5),
    ("qw-1", 31), ("qw+1", 31), ("qf-1", 31), ("qf+1", 31), ("ll", 9), ("lr", 9),
    ("mw", 32), ("ml", 32), ("mr", 32), ("pw", 32), ("pl", 32), ("pr", 32))
NET_PART_ROWS = sum(size for _, size in NET_PARTS)
NET_CONTINUOUS = 2 * (2 * WINDOW + 1) + 6
_NET_OFFSETS = np.cumsum([0] + [size for _, size in NET_PARTS[:-1]]).astype(np.int64)[:, None]
#: the spans whose membership codes and hashes the second pass computes, in this order (start, end):
#: previous to next word boundary, previous word boundary to b, previous fine-or-word boundary to b,
#: b to the next word boundary, b to the next fine-or-word boundary, previous to next fine-or-word boundary
_SPANS = ("mw", "ml", "pl", "mr", "pr", "pw")
#: where each part's value is in the rows the network's inputs are computed in (``source``): the
#: decision window (decisions at b-3..b+3, then word bins, then fine bins, as the templates' window),
#: then ll, lr, then the span codes in _SPANS order
_SOURCE_ROW = {"dec-3": 0, "dec-2": 1, "dl": 2, "d": 3, "dr": 4, "dec+2": 5, "dec+3": 6,
               "qw-1": 9, "qw": 10, "qw+1": 11, "qf-1": 16, "qf": 17, "qf+1": 18, "ll": 21, "lr": 22,
               **{name: 23 + i for i, name in enumerate(_SPANS)}}
_SOURCE_ROWS = 23 + len(_SPANS)
_NET_PART_SOURCE = np.array([_SOURCE_ROW[name] for name, _ in NET_PARTS], dtype=np.intp)
#: at run time the parts are summed in groups: each group's table holds, for every combination of its
#: parts' values, the sum of their rows (and the hidden bias, in the first group), so a boundary's
#: hidden layer needs one gather per group instead of one per part (9 instead of 21)
NET_GROUPS: tuple[tuple[str, ...], ...] = (
    ("d", "dl", "dr"), ("dec-3", "dec-2", "dec+2", "dec+3"), ("qw", "qf"), ("qw-1", "qw+1"), ("qf-1", "qf+1"),
    ("ll", "lr"), ("mw", "ml"), ("mr", "pw"), ("pl", "pr"))
assert sorted(name for group in NET_GROUPS for name in group) == sorted(name for name, _ in NET_PARTS)
_PART_SIZE = dict(NET_PARTS)


def _group_layout():
    """Per group and depth: the source row and the multiplier of each part (mixed radix, last part
    fastest; unused depths: row 0 times 0), and where each group's rows start in the stacked table."""
    depth = max(len(group) for group in NET_GROUPS)
    rows = np.zeros((depth, len(NET_GROUPS)), dtype=np.intp)
    mults = np.zeros((depth, len(NET_GROUPS), 1), dtype=np.int64)
    starts, total = [], 0
    for g, group in enumerate(NET_GROUPS):
        mult = 1
        for k in range(len(group) - 1, -1, -1):
            rows[k, g] = _SOURCE_ROW[group[k]]
            mults[k, g, 0] = mult
            mult *= _PART_SIZE[group[k]]
        starts.append(total)
        total += mult
    return rows, mults, np.array(starts, dtype=np.int64)[:, None], total


_GROUP_ROWS, _GROUP_MULTS, _GROUP_STARTS, NET_GROUP_ROWS = _group_layout()


def group_keys(source: np.ndarray) -> np.ndarray:
    """Rows (len(NET_GROUPS), m) of the stacked group table (:meth:`NetworkWeights.prepare`) for the part
    values in ``source`` (rows as :data:`_SOURCE_ROW`, m)."""
    keys = (source[_GROUP_ROWS] * _GROUP_MULTS).sum(axis=0)
    keys += _GROUP_STARTS
    return keys


def _group_matrix() -> np.ndarray:
    """:func:`group_keys` as one product: (groups, _SOURCE_ROWS + 1) float64 over the source rows and a row
    of ones (the group's start); exact (small integers)."""
    matrix = np.zeros((len(NET_GROUPS), _SOURCE_ROWS + 1))
    for g in range(len(NET_GROUPS)):
        for k in range(_GROUP_ROWS.shape[0]):
            matrix[g, _GROUP_ROWS[k, g]] += _GROUP_MULTS[k, g, 0]
        matrix[g, _SOURCE_ROWS] = _GROUP_STARTS[g, 0]
    return matrix


_GROUP_MATRIX = _group_matrix()
#: at most this many columns per product of _GROUP_MATRIX (under OpenBLAS's one-thread size, see NET_BLOCK)
_KEY_BLOCK = 768


def _engine_group_keys(window: np.ndarray, lengths: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """:func:`group_keys` of the engine's source rows, as a float64 product (intp keys)."""
    m = window.shape[1]
    ones = _ONES[:, :m] if m <= _ONES.shape[1] else np.ones((1, m))
    source = np.concatenate([window, lengths, np.minimum(codes.view(np.int64), 31), ones], dtype=np.float64)
    if m <= _KEY_BLOCK:
        return (_GROUP_MATRIX @ source).astype(np.intp)
    return np.concatenate([_GROUP_MATRIX @ source[:, lo:lo + _KEY_BLOCK]
                           for lo in range(0, m, _KEY_BLOCK)], axis=1).astype(np.intp)


_ONES = np.ones((1, 4096))


#: network inputs are multiplied in blocks of at most this many boundaries (longer inputs are padded
#: to whole blocks): a product of (32, 20) by (20, hidden) stays under the size from which OpenBLAS
#: runs a product on several threads (measured: one product per text used both cores of the machine)
NET_BLOCK = 32
#: the engine's order of the continuous inputs (reference columns, :func:`network_inputs`): the word
#: scores, the fine scores, then the word pair's and the fine pair's counts (as they are gathered)
_ENGINE_COLUMNS = np.r_[7:14, 0:7, 17:20, 14:17]


#: up to this many boundaries (a short text), :meth:`NetworkWeights.evaluate` gathers every group's rows
#: in one call (numpy's cost per call is most of the time there)
_FEW_ROWS = 12


def _block(m: int) -> int:
    """Rows per product for m boundaries: at most NET_BLOCK, as even as the blocks can be."""
    return -(-m // -(-m // NET_BLOCK)) if m else 1


def _padded(m: int) -> int:
    """m rounded up to a whole number of blocks of :func:`_block` rows."""
    block = _block(m)
    return -(-m // block) * block


def _second_pass_inputs(ids, grams, slots, lists, positions, fine, word, scale, templates, pairs, word_pairs,
                        targets, network=None, outside=None):
    """The second pass's template rows, and with ``network``: ``True``, the network's part values (rows as
    :data:`_SOURCE_ROW`, m) and the reference continuous inputs (m, NET_CONTINUOUS) float64, counts from
    ``pairs`` and ``word_pairs`` (:func:`network_inputs`); a :class:`NetworkWeights`, what its
    :meth:`~NetworkWeights.evaluate` takes: group keys and float32 continuous inputs, padded, in
    :data:`_ENGINE_COLUMNS` order, counts from its :class:`PairInputs` (:func:`second_pass_inputs`). The
    network's inputs are computed at the ``targets`` only, from the window, neighbours and spans the
    templates' rows are computed from."""
    compiled = _compiled(templates)
    names, row_of = compiled[1], compiled[6]
    n = len(ids)
    pad = WINDOW + 1
    length = n + 1 + 2 * pad
    board, d, q = decision_board(n, positions, fine, word, scale, outside)
    if network is not None:  # first-pass scores at every boundary (0 where there is no candidate), rows as the board's
        raw = np.zeros((3, length))
        cells = positions + pad
        raw[1, cells] = word * (1.0 / scale)
        raw[2, cells] = fine * (1.0 / scale)
    if targets is not None:
        positions, d, q, word = positions[targets], d[targets], q[:, targets], word[targets]
    m = len(positions)
    j = positions + pad
    values = np.empty((len(names), m), dtype=np.uint64)

    def put(name, value):
        row = row_of.get(name)
        if row is not None:
            values[row] = value

    at = (_ROW_STEPS * length + _OFFSETS)[:, None] + j[None, :]
    window = board.ravel().take(at)  # (3 * width, m)
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
    with_hash = network is not None or not row_of.keys().isdisjoint(("hw", "hp", "ps", "ws"))
    codes, hashes = _membership(grams, slots, lists,  # the spans of _SPANS
                                np.concatenate([before, before, fine_before, positions, positions, fine_before]),
                                np.concatenate([after, positions, positions, after, fine_after, fine_after]),
                                with_hash)
    codes = codes.reshape(6, m)
    for i, name in enumerate(_SPANS):
        put(name, codes[i])
    lengths = np.empty((2, m), dtype=np.int64)  # (np.array of a list of arrays costs more)
    np.subtract(positions, before, out=lengths[0])
    np.subtract(after, positions, out=lengths[1])
    np.minimum(lengths, 8, out=lengths)
    put("ll", lengths[0])
    put("lr", lengths[1])
    if with_hash:
        spans = hashes.reshape(6, m)
        put("hw", spans[0])
        put("hp", spans[5])
        if pairs is not None:
            put("ps", pairs.lookup(pair_keys(spans[2], spans[4])))
        if word_pairs is not None:
            put("ws", word_pairs.lookup(pair_keys(spans[1], spans[3])))
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
    rows = _hash_values(values, compiled)
    if network is None:
        return rows, None, None
    scores = raw.ravel().take(at[width:])  # word, then fine scores at b-3..b+3
    np.minimum(np.maximum(scores, -4.0, out=scores), 4.0, out=scores)  # (np.clip's wrapper costs more)
    left, right = spans[1:3], spans[3:5]  # the word pair's and the fine pair's spans on each side of b
    if network is True:  # the reference inputs (training, tests)
        continuous = np.empty((m, NET_CONTINUOUS))
        continuous[:, :width] = scores[width:].T
        continuous[:, width:2 * width] = scores[:width].T
        for column, table, key in ((2 * width, pairs, pair_keys(left[1], right[1])),
                                   (2 * width + 3, word_pairs, pair_keys(left[0], right[0]))):
            continuous[:, column:column + 3] = table.count_inputs(key)
        return rows, np.concatenate([window, lengths, np.minimum(codes.view(np.int64), 31)]), continuous
    continuous = np.zeros((_padded(m), NET_CONTINUOUS), dtype=np.float32)
    continuous[:m, :2 * width] = scores.T
    keys = ((left * _M3) ^ right) * _M1  # pair_keys of both pairs (array arithmetic wraps without warnings)
    keys[np.minimum(left, right) == 0] = 0
    continuous[:m, 2 * width:] = network.pair_inputs.inputs_of(keys)
    return rows, _engine_group_keys(window, lengths, codes), continuous


def _sorted_union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.union1d(a, b)`` by one sort of the two arrays (numpy's own goes through a hash table, about
    25 times slower on the pair keys, and it runs at every engine load)."""
    both = np.concatenate([a, b])
    both.sort(kind="stable")
    if len(both) == 0:
        return both
    return both[np.concatenate(([True], both[1:] != both[:-1]))]


class PairInputs:
    """The network's count inputs (:meth:`PairTable.count_inputs`) of the word pairs (``word_pairs``) and
    the fine pairs (``pairs``), looked up together: the union of the two tables' keys is sorted and
    indexed by the keys' top bits, so a key is found by comparing it with the few keys of its bucket
    (one cache line or two, where a binary search of the union touches a dozen)."""

    def __init__(self, pairs: PairTable, word_pairs: PairTable) -> None:
        union = _sorted_union(pairs.keys, word_pairs.keys)
        bits = max(8, int(len(union)).bit_length())
        self.shift = np.uint64(64 - bits)
        starts = np.searchsorted(union, np.arange(1 << bits, dtype=np.uint64) << self.shift)
        self.width = int(np.diff(np.append(starts, len(union))).max(initial=1))
        #: bucket start + 1 per top-bits value; keys[0] and the padding after the union are never found
        self.starts = (starts + 1).astype(np.int32)
        self.keys = np.concatenate([np.zeros(1, dtype=np.uint64), union, np.zeros(self.width, dtype=np.uint64)])
        self.offsets = np.arange(self.width, dtype=np.intp)
        self.size = len(self.keys)
        blocks = []
        for table in (word_pairs, pairs):  # row 0 and the padding rows: no pair (a key 0 is no pair either)
            block = np.tile(table.count_inputs(np.zeros(1, dtype=np.uint64)), (self.size, 1))
            block[1:len(union) + 1] = table.count_inputs(union)
            blocks.append(block)
        self.values = np.concatenate(blocks).astype(np.float32)  # (2 * size, 3)
        self._keys = None  # the keys as Python ints (:meth:`row_of`), made when first needed

    def row_of(self, key: int, block: int) -> int:
        """The row of :attr:`values` of one pair key (a Python int; block 0 the word pairs, 1 the fine
        pairs), as :meth:`inputs_of` finds it."""
        if self._keys is None:
            self._keys = self.keys.tolist()
            self._shift = int(self.shift)
        keys = self._keys
        start = int(self.starts[key >> self._shift])
        row = 0
        for i in range(start, start + self.width):
            if keys[i] == key:
                row = i
        return row + block * self.size

    def inputs_of(self, keys: np.ndarray) -> np.ndarray:
        """(m, 6) float32: the count inputs of the word pair (keys[0]), then of the fine pair (keys[1])."""
        at = self.starts.take(keys >> self.shift)[..., None] + self.offsets  # (2, m, width)
        rows = np.where(self.keys.take(at) == keys[..., None], at, 0).max(axis=2)
        rows[1] += self.size
        return self.values.take(rows.T, axis=0).reshape(keys.shape[1], 6)


def network_scores(part_rows: np.ndarray, continuous: np.ndarray, weights: "NetworkWeights") -> np.ndarray:
    """(fine - none, word - none) scores (m, 2) of the second pass's network: one hidden ReLU layer over
    the sum of the parts' rows and a linear map of the continuous inputs. (The definition, used in
    training; the engine computes the same with :meth:`NetworkWeights.evaluate`.)"""
    hidden = continuous.astype(np.float32) @ weights.continuous
    for rows in part_rows:  # row by row: no (parts, m, H) temporary
        hidden += weights.parts.take(rows, axis=0)
    hidden += weights.bias
    np.maximum(hidden, 0.0, out=hidden)
    return hidden @ weights.out + weights.out_bias


class NetworkWeights:
    """The second pass's network: ``parts`` (NET_PART_ROWS, H), ``continuous`` (NET_CONTINUOUS, H),
    ``bias`` (H,), ``out`` (H, 2) and ``out_bias`` (2,), outputs relative to label 0 (fine, word)."""

    def __init__(self, parts: np.ndarray, continuous: np.ndarray, bias: np.ndarray, out: np.ndarray,
                 out_bias: np.ndarray) -> None:
        hidden = parts.shape[1]
        if (parts.shape != (NET_PART_ROWS, hidden) or continuous.shape != (NET_CONTINUOUS, hidden)
                or bias.shape != (hidden,) or out.shape != (hidden, 2) or out_bias.shape != (2,)):
            raise ValueError("second-pass network arrays of unexpected shapes")
        self.parts = np.ascontiguousarray(parts, dtype=np.float32)
        self.continuous = np.ascontiguousarray(continuous, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.out = np.ascontiguousarray(out, dtype=np.float32)
        self.out_bias = np.asarray(out_bias, dtype=np.float32)
        self.pair_inputs = None

    def prepare(self, pairs: PairTable, word_pairs: PairTable) -> None:
        """What :meth:`evaluate` uses: the group table (NET_GROUP_ROWS, H) float32 (per group of
        ``NET_GROUPS`` and combination of its parts' values, the sum of the parts' rows, plus the bias in
        the first group, summed in float64), the continuous weights in the engine's column order, and the
        count inputs of the khPOS pair tables the engine's file holds (:class:`PairInputs`)."""
        parts = self.parts.astype(np.float64)
        hidden = parts.shape[1]
        blocks = []
        for g, group in enumerate(NET_GROUPS):
            block = self.bias.astype(np.float64)[None, :] if g == 0 else np.zeros((1, hidden))
            for name in group:
                k = [part for part, _ in NET_PARTS].index(name)
                rows = parts[_NET_OFFSETS[k, 0]:_NET_OFFSETS[k, 0] + NET_PARTS[k][1]]
                block = (block[:, None, :] + rows[None, :, :]).reshape(-1, hidden)
            blocks.append(block)
        self.groups = np.ascontiguousarray(np.concatenate(blocks), dtype=np.float32)
        self.engine_continuous = np.ascontiguousarray(self.continuous[_ENGINE_COLUMNS])
        self.half_out = self.out * np.float32(0.5)
        self.pair_inputs = PairInputs(pairs, word_pairs)

    def evaluate(self, keys: np.ndarray, continuous: np.ndarray) -> np.ndarray:
        """:func:`network_scores` from group keys (len(NET_GROUPS), m) and padded float32 continuous
        inputs (:func:`second_pass_inputs`; needs :meth:`prepare`): one gather per group, the products in
        blocks of NET_BLOCK rows (one thread each), the ReLU as x + |x| (exact; numpy's maximum is five
        times slower than add and abs on float32) with the half in the output weights. Float32 sums in
        another order than :func:`network_scores`: the scores agree to about 1e-6."""
        m = keys.shape[1]
        if m == 0:
            return np.zeros((0, 2), dtype=np.float32)
        hidden = np.matmul(continuous.reshape(-1, _block(m), NET_CONTINUOUS), self.engine_continuous)
        flat = hidden.reshape(-1, hidden.shape[2])
        used = flat[:m]
        table = self.groups
        if m <= _FEW_ROWS:
            used += table.take(keys, axis=0, mode="clip").sum(axis=0)
        else:
            for rows in keys:
                used += table.take(rows, axis=0, mode="clip")
        used += np.abs(used)  # (padding rows: 0)
        out = np.matmul(hidden, self.half_out).reshape(-1, 2)[:m]
        out += self.out_bias
        return out


#: parts :func:`stack_features_few` computes; templates with other parts take the array path
FEW_PARTS = frozenset({"qw", "qf", "dec", "dl", "dr", "d", "qw-1", "qw+1", "qf-1", "qf+1", "ll", "lr", "mw",
                       "ml", "mr", "pw", "pl", "pr", "c0", "c1", "cw"})


def stack_features_few(ids: np.ndarray, slots: np.ndarray, lists: int, positions: list, fine: list,
                       word: list, scale: float, templates: tuple, targets: list, network: "NetworkWeights" = None,
                       grams: np.ndarray | None = None):
    """:func:`stack_features` for a few ``targets`` with Python numbers (the same rows): the array path
    costs a hundred numpy calls whatever the count, which is most of a short text's time. ``positions``,
    ``fine``, ``word`` and ``targets`` are lists; only templates over ``FEW_PARTS``. With ``network``
    (and ``grams``), returns the rows and the network's inputs as :func:`second_pass_inputs` does."""
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
    if network is not None:  # first-pass scores over scale per boundary, padded (0: no candidate)
        pad = WINDOW + 1
        word_score = [0.0] * (n + 1 + 2 * pad)
        fine_score = [0.0] * (n + 1 + 2 * pad)
        for p, f, w in zip(positions, fine, word):
            w *= c1
            f *= c1
            word_score[p + pad] = -4.0 if w < -4.0 else 4.0 if w > 4.0 else w
            fine_score[p + pad] = -4.0 if f < -4.0 else 4.0 if f > 4.0 else f
        padded_dec = [4] * pad + dec + [4] * pad  # the board's rows: decisions, word and fine bins
        padded_word_bin = [30] * pad + word_bin + [30] * pad
        padded_fine_bin = [30] * pad + fine_bin + [30] * pad
        sources, spans_at, scores = [], [], []
        flat_grams = grams.ravel()
        find = network.pair_inputs.row_of

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
        spans = (("mw", before, after), ("ml", before, p), ("pl", fine_before, p), ("mr", p, after),
                 ("pr", p, fine_after), ("pw", fine_before, fine_after))  # the order of _SPANS
        if network is None:
            for name, start, end in spans:
                if name in columns:
                    row[name] = member(start, end)
        else:
            codes = []
            for name, start, end in spans:
                row[name] = code = member(start, end)
                codes.append(code if code < 31 else 31)
            lo, hi = p + pad - WINDOW, p + pad + WINDOW + 1
            sources.append(padded_dec[lo:hi] + padded_word_bin[lo:hi] + padded_fine_bin[lo:hi]
                           + [row["ll"], row["lr"]] + codes + [1])
            hashes = [int(flat_grams[(end - start - 1) * n + start]) if end - start <= k_max else 0
                      for start, end in ((before, p), (fine_before, p), (p, after), (p, fine_after))]  # ml, pl, mr, pr
            for left, right, block in ((hashes[0], hashes[2], 0), (hashes[1], hashes[3], 1)):  # word, fine pair
                spans_at.append(find(((left * _M3_INT ^ right) * _M1_INT) & _MASK64 if left and right else 0, block))
            scores.append(word_score[lo:hi] + fine_score[lo:hi])
        for name in names:
            columns[name].append(row[name])
    values = np.array([columns[name] for name in names], dtype=np.uint64)
    rows = _hash_values(values, compiled)
    if network is None:
        return rows
    keys = (np.array(sources, dtype=np.float64) @ _GROUP_MATRIX.T).astype(np.intp).T
    continuous = np.concatenate([np.array(scores, dtype=np.float32),
                                 network.pair_inputs.values.take(spans_at, axis=0).reshape(len(targets), 6)], axis=1)
    return rows, (keys, continuous)


#: the window rows (decisions, word bins, fine bins at b-WINDOW..b+WINDOW): board row and offset
_ROW_STEPS = np.repeat(np.arange(3), 2 * WINDOW + 1)
_OFFSETS = np.tile(np.arange(-WINDOW, WINDOW + 1), 3)
_PATTERN_WEIGHTS = 5 ** np.arange(2 * WINDOW, -1, -1, dtype=np.int64)
#: pair_keys's constants as Python ints (Python arithmetic, reduced to 64 bits)
_M1_INT, _M3_INT, _MASK64 = int(_M1), int(_M3), (1 << 64) - 1


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
