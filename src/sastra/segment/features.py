"""Hashed features of cluster boundaries, computed for all boundaries of a text at once with numpy.

Boundary ``b`` of a sequence of atoms lies between atom ``b-1`` and atom ``b``. Each template (atom
n-grams around the boundary, cluster shapes, lexicon evidence) gives one hashed row index into the
weight table; a boundary's scores are the sum of the rows of its templates. Training
(scripts/train_segmenter.py) and the engine call the same function.
"""

from __future__ import annotations

import numpy as np

from sastra.segment.encoding import LexiconTable, ngram_hashes, table_index

WEIGHT_BITS = 20  # the default size of the weight table (2**bits rows); a model may use 20-23
PAD_WIDTH = 4
_M1 = np.uint64(0xD6E8FEB86659FD93)
_M2 = np.uint64(0x9E3779B97F4A7C15)
_M3 = np.uint64(0xBF58476D1CE4E5B9)
_SHIFT = np.uint64(64 - WEIGHT_BITS)

# template: tuple of (part, offset) pairs; c = atom id, s = shape (offset = atom relative to the
# boundary), d = lexicon evidence (offset = which word list: 0 = ICU + Google, 1 = the model's own
# words and compound parts; -2 and -1 = the longest words of list 1 ending and starting at the
# boundary, as hashes)
TEMPLATES: tuple[tuple[tuple[str, int], ...], ...] = (
    (),
    (("c", -1),),
    (("c", 0),),
    (("c", -2),),
    (("c", 1),),
    (("c", -1), ("c", 0)),
    (("c", -2), ("c", -1)),
    (("c", 0), ("c", 1)),
    (("c", -2), ("c", -1), ("c", 0)),
    (("c", -1), ("c", 0), ("c", 1)),
    (("c", -3), ("c", -2), ("c", -1)),
    (("c", 0), ("c", 1), ("c", 2)),
    (("c", -2), ("c", -1), ("c", 0), ("c", 1)),
    (("c", -1), ("c", 1)),
    (("c", -2), ("c", 0)),
    (("s", -2), ("s", -1), ("s", 0), ("s", 1)),
    (("s", -1), ("s", 0), ("c", -1)),
    (("s", -1), ("s", 0), ("c", 0)),
    (("d", 0),),
    (("d", 0), ("c", -1)),
    (("d", 0), ("c", 0)),
    (("d", 0), ("s", -1), ("s", 0)),
    (("d", 0), ("c", -1), ("c", 0)),
    (("d", 1),),
    (("d", 1), ("d", 0)),
    (("d", 1), ("c", -1)),
    (("d", 1), ("c", 0)),
    (("d", 1), ("s", -1), ("s", 0)),
    (("d", 1), ("c", -1), ("c", 0)),
    (("d", -2), ("d", -1)),
    (("d", -2),),
    (("d", -1),),
    (("c", -3), ("c", -2), ("c", -1), ("c", 0)),
    (("c", -1), ("c", 0), ("c", 1), ("c", 2)),
    (("s", -3), ("s", -2), ("s", -1), ("s", 0), ("s", 1), ("s", 2)),
)
N_TEMPLATES = len(TEMPLATES)


def lexicon_lookup(ids: np.ndarray, lexicon: LexiconTable) -> tuple[np.ndarray, np.ndarray]:
    """(K, n) hashes of ids[i:i+k] and the lexicon table slots they fall in (shared by both passes)."""
    grams = np.stack(ngram_hashes(ids, lexicon.max_n))
    return grams, lexicon.table[table_index(grams)].astype(np.int64)


def lexicon_evidence(ids: np.ndarray, lexicon: LexiconTable | None,
                     lookup: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Rows per boundary 0..n: for each word list of ``lexicon`` one small code (the longest listed
    word ending here, the longest starting here, whether some listed word spans across it), then
    the hashes of list 1's longest words ending and starting here (for word-pair features)."""
    n = len(ids)
    lists = lexicon.lists if lexicon is not None else 2
    out = np.zeros((lists + 2, n + 1), dtype=np.uint64)
    if lexicon is None or n == 0:
        return out
    k_max = lexicon.max_n
    grams, slots = lookup if lookup is not None else lexicon_lookup(ids, lexicon)  # (K, n) each
    shifts = np.arange(k_max)[None, :] + 8 * np.arange(lists)[:, None]  # (lists, K)
    lengths = np.arange(1, k_max + 1)
    fits = np.arange(n)[None, :] <= (n - lengths)[:, None]  # (K, n): the n-gram fits in the text
    hit = ((slots[None, :, :] >> shifts[:, :, None]) & 1).astype(bool) & fits[None]  # (lists, K, n)
    start_len = np.zeros((lists, n + 1), dtype=np.int64)
    start_len[:, :n] = (hit * lengths[None, :, None]).max(axis=1)
    ends = np.zeros((lists, k_max, n + 1), dtype=np.int64)
    for k in range(1, min(k_max, n) + 1):
        ends[:, k - 1, k:] = hit[:, k - 1, : n - k + 1] * k
    end_len = ends.max(axis=1)  # (lists, n+1)
    cross = np.zeros((lists, n + 1), dtype=np.int64)
    if n > 1:
        # words starting strictly before boundary b reach cm[b-1]; cross if that is beyond b
        reach = np.maximum.accumulate(np.arange(n)[None, :] + start_len[:, :n], axis=1)
        cross[:, 1:n] = reach[:, : n - 1] > np.arange(1, n)[None, :]
    out[:lists] = np.minimum(end_len, 6) * 16 + np.minimum(start_len, 6) * 2 + cross
    pair = min(1, lists - 1)
    e = end_len[pair]
    b = np.flatnonzero(e)
    out[lists, b] = grams[e[b] - 1, b - e[b]]
    st = start_len[pair]
    b = np.flatnonzero(st)
    out[lists + 1, b] = grams[st[b] - 1, b]
    return out


def _compile_templates():
    """Templates as arrays: unique parts, part index per template and depth, longest templates first."""
    parts = sorted({part for template in TEMPLATES for part in template})
    index = {part: i for i, part in enumerate(parts)}
    order = sorted(range(len(TEMPLATES)), key=lambda t: -len(TEMPLATES[t]))
    depth = max(len(t) for t in TEMPLATES)
    table = np.zeros((len(TEMPLATES), depth), dtype=np.intp)
    for row, t in enumerate(order):
        for d, part in enumerate(TEMPLATES[t]):
            table[row, d] = index[part]
    active = [sum(1 for t in order if len(TEMPLATES[t]) > d) for d in range(depth)]
    with np.errstate(over="ignore"):
        mixes = (np.array(order, dtype=np.uint64) + np.uint64(1)) * _M3
    return parts, table, active, mixes[:, None]


_PARTS, _PART_TABLE, _ACTIVE, _MIXES = _compile_templates()


def boundary_features(ids: np.ndarray, shapes: np.ndarray, evidence: np.ndarray,
                      positions: np.ndarray, bits: int = WEIGHT_BITS) -> np.ndarray:
    """Row indices (N_TEMPLATES, len(positions)) into the weight table for boundaries ``positions``.

    ``ids`` and ``shapes`` are per atom, ``evidence`` per row and boundary (rows, n+1), ``positions``
    in 1..n-1. All templates are hashed together: one gather of every part, then one multiply-xor
    step per template depth, so the number of numpy calls does not grow with the number of templates.
    """
    n = len(ids)
    rows = evidence.shape[0]
    width = n + 2 * PAD_WIDTH
    base = np.zeros((2 + rows, width), dtype=np.uint64)
    base[0, PAD_WIDTH:PAD_WIDTH + n] = ids
    base[1, PAD_WIDTH:PAD_WIDTH + n] = shapes
    base[2:, PAD_WIDTH:PAD_WIDTH + n + 1] = evidence
    part_rows = np.array([0 if kind == "c" else 1 if kind == "s" else 2 + (offset % rows)
                          for kind, offset in _PARTS], dtype=np.intp)
    part_offsets = np.array([0 if kind == "d" else offset for kind, offset in _PARTS], dtype=np.intp)
    j = positions + PAD_WIDTH
    values = base[part_rows[:, None], j[None, :] + part_offsets[:, None]]  # (parts, m)
    h = np.full((len(TEMPLATES), len(positions)), _M1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for d, active in enumerate(_ACTIVE):
            h[:active] = (h[:active] ^ values[_PART_TABLE[:active, d]]) * _M2
        shift = _SHIFT if bits == WEIGHT_BITS else np.uint64(64 - bits)
        return (((h ^ _MIXES) * _M1) >> shift).astype(np.intp)


def features_for(ids: np.ndarray, shapes: np.ndarray, lexicon: LexiconTable | None,
                 positions: np.ndarray, bits: int = WEIGHT_BITS) -> np.ndarray:
    """All feature rows for boundaries ``positions``: the one entry point of training and run time."""
    return boundary_features(ids, shapes, lexicon_evidence(ids, lexicon), positions, bits)
