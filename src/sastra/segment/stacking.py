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


def quantize(scores: np.ndarray, scale: float, width: int = 12) -> np.ndarray:
    """Score bins 0..2*width (a quarter of the typical margin each)."""
    return np.clip(np.floor(scores * (4.0 / scale)), -width, width).astype(np.int64) + width


def decisions(fine: np.ndarray, word: np.ndarray) -> np.ndarray:
    """0 = none, 1 = fine, 2 = word (the rule every engine uses)."""
    return np.where(word > np.maximum(fine, 0), 2, np.where(fine > 0, 1, 0))


def _membership(grams: np.ndarray, slots: np.ndarray, lists: int, start: np.ndarray, end: np.ndarray):
    """Per span: a code of which word lists hold atoms[start:end] (16 + length = too long), and its hash."""
    k_max = slots.shape[0]
    k = end - start
    ok = (k >= 1) & (k <= k_max)
    row = np.clip(k - 1, 0, k_max - 1)
    bits = slots[row, start] >> row
    code = bits & 1
    for index in range(1, lists):
        code |= ((bits >> (8 * index)) & 1) << index
    code = np.where(ok, code, 16 + np.minimum(k, 12))
    span_hash = np.where(ok, grams[row, start], np.uint64(0))
    return code.astype(np.uint64), span_hash


def _neighbours(flags: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The nearest boundary with ``flags`` before and after each position (0 and n always flagged)."""
    marks = np.flatnonzero(flags)
    i = np.searchsorted(marks, positions)
    before = marks[i - 1]
    after = marks[np.minimum(i + (marks[np.minimum(i, len(marks) - 1)] == positions), len(marks) - 1)]
    return before, after


def stack_features(ids: np.ndarray, grams: np.ndarray, slots: np.ndarray, lists: int,
                   positions: np.ndarray, fine: np.ndarray, word: np.ndarray, scale: float) -> np.ndarray:
    """Row indices (len(STACK_TEMPLATES), len(positions)) into the second-pass weight table.

    ``ids`` per atom (n), ``grams``/``slots`` (K, n) the n-gram hashes and lexicon-table slots of the
    atoms, ``positions`` the candidate boundaries (1..n-1), ``fine``/``word`` the first-pass scores there.
    Boundaries that are not candidates are word boundaries by construction (decision code 3).
    """
    n = len(ids)
    m = len(positions)
    pad = WINDOW + 1
    dec_all = np.full(n + 1 + 2 * pad, 4, dtype=np.int64)
    dec_all[pad:pad + n + 1] = 3
    d = decisions(fine, word)
    dec_all[pad + positions] = d
    qw = quantize(word, scale)
    qf = quantize(fine, scale)
    qw_all = np.full(n + 1 + 2 * pad, 30, dtype=np.int64)
    qw_all[pad + positions] = qw
    qf_all = np.full(n + 1 + 2 * pad, 30, dtype=np.int64)
    qf_all[pad + positions] = qf
    j = positions + pad
    pattern = np.zeros(m, dtype=np.int64)
    for offset in range(-WINDOW, WINDOW + 1):
        pattern = pattern * 5 + dec_all[j + offset]
    inner = dec_all[pad:pad + n + 1]
    before, after = _neighbours(inner >= 2, positions)
    fine_before, fine_after = _neighbours(inner >= 1, positions)
    codes, hashes = _membership(grams, slots, lists,
                                np.concatenate([before, before, positions, fine_before, fine_before, positions]),
                                np.concatenate([after, positions, after, fine_after, positions, fine_after]))
    mw, ml, mr, pw, pl, pr = codes.reshape(6, m)
    hw, hp = hashes[:m], hashes[3 * m:4 * m]
    coarse = np.clip(np.floor(word * (1.0 / scale)), -3, 3).astype(np.int64) + 3
    parts = {
        "qw": qw, "qf": qf, "dec": pattern, "dl": dec_all[j - 1], "dr": dec_all[j + 1], "d": d,
        "qw-1": qw_all[j - 1], "qw+1": qw_all[j + 1], "qf-1": qf_all[j - 1], "qf+1": qf_all[j + 1],
        "ll": np.minimum(positions - before, 8), "lr": np.minimum(after - positions, 8),
        "mw": mw, "ml": ml, "mr": mr, "pw": pw, "pl": pl, "pr": pr, "hw": hw, "hp": hp,
        "c0": ids[positions - 1], "c1": ids[positions], "cw": coarse * 3 + d,
    }
    return _hash_templates(parts, m)


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
    return tuple(templates), names, table, active, mixes[:, None], inverse


_COMPILED = _compile(STACK_TEMPLATES)


def _hash_templates(parts: dict, m: int) -> np.ndarray:
    global _COMPILED
    if _COMPILED[0] != STACK_TEMPLATES:  # (experiments replace STACK_TEMPLATES)
        _COMPILED = _compile(STACK_TEMPLATES)
    _, names, table, active, mixes, inverse = _COMPILED
    values = np.empty((len(names), m), dtype=np.uint64)
    for i, name in enumerate(names):
        values[i] = parts[name]
    h = np.full((len(table), m), _M1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for d, count in enumerate(active):
            h[:count] = (h[:count] ^ values[table[:count, d]]) * _M2
        return (((h ^ mixes) * _M1) >> _SHIFT).astype(np.intp)[inverse]


def template_names() -> list[list[str]]:
    return [list(t) for t in STACK_TEMPLATES]
