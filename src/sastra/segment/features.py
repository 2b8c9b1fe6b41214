"""Hashed features of cluster boundaries, computed for all boundaries of a text at once with numpy.

Boundary ``b`` of a sequence of atoms lies between atom ``b-1`` and atom ``b``. Each template (atom
n-grams around the boundary, cluster shapes, lexicon evidence) gives one hashed row index into the
weight table; a boundary's scores are the sum of the rows of its templates. Training
(scripts/train_segmenter.py) and the engine call the same function.
"""

from __future__ import annotations

import numpy as np

from sastra.segment.encoding import TABLE_BITS, LexiconTable, ngram_matrix

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
#: optional templates over list 2 (the model's own khPOS compounds), appended after TEMPLATES
COMPOUND_TEMPLATES: tuple[tuple[tuple[str, int], ...], ...] = (
    (("d", 2),),
    (("d", 2), ("d", 1)),
    (("d", 2), ("c", -1), ("c", 0)),
    (("d", 2), ("s", -1), ("s", 0)),
)


_TABLE_SHIFT = np.uint64(64 - TABLE_BITS)


def lexicon_lookup(ids: np.ndarray, lexicon: LexiconTable) -> tuple[np.ndarray, np.ndarray]:
    """(K, n) hashes of ids[i:i+k] and the lexicon table slots they fall in (shared by both passes)."""
    grams = ngram_matrix(ids, lexicon.max_n)
    return grams, lexicon.table.take(grams >> _TABLE_SHIFT).astype(np.int64)


#: bit length of a byte: the longest word length marked in a byte of per-length bits
_BIT_LENGTH = np.array([int(i).bit_length() for i in range(256)], dtype=np.int64)


def lexicon_evidence(ids: np.ndarray, lexicon: LexiconTable | None,
                     lookup: tuple[np.ndarray, np.ndarray] | None = None,
                     room: np.ndarray | None = None) -> np.ndarray:
    """Rows per boundary 0..n: for each word list of ``lexicon`` one small code (the longest listed
    word ending here, the longest starting here, whether some listed word spans across it), then
    the hashes of list 1's longest words ending and starting here (for word-pair features).

    The table slot of an n-gram of k atoms has bit ``8 * list + k - 1`` set when a k-atom word of that
    list hashes there; OR-ing the slots of all lengths (each masked to its own length's bits) gives,
    per position, one byte per list whose highest bit is the longest word: one table look-up per byte.

    ``room`` (several texts scored as one sequence, ``PerceptronEngine.scores_many``): per atom, how
    many atoms are left in its own text from it on (0 on the atoms between texts); an n-gram counts
    only when it fits in its text, so each text's evidence is what it would be alone.
    """
    n = len(ids)
    lists = lexicon.lists if lexicon is not None else 2
    out = np.zeros((lists + 2, n + 1), dtype=np.uint64)
    if lexicon is None or n == 0:
        return out
    k_max = lexicon.max_n
    grams, slots = lookup if lookup is not None else lexicon_lookup(ids, lexicon)  # (K, n) each
    # masked[k-1, i]: the slot bits of k-atom words starting at atom i, after k_max columns of zeros
    # (so that the words ending at each boundary are one strided view, below)
    buffer = np.zeros((k_max, k_max + n), dtype=np.int64)
    masked = buffer[:, k_max:]
    np.bitwise_and(slots, _length_masks(lists, k_max), out=masked)
    if room is not None:  # (lengths 1..K against each atom's room: the same n-grams a text alone keeps)
        masked[_LENGTHS[:k_max] > room] = 0
    elif n >= k_max - 1:  # an n-gram of k atoms must fit in the text: one mask over the last columns
        masked[:, n - k_max + 1:] &= _fit_masks(k_max)
    else:
        for k in range(2, min(k_max, n) + 1):
            masked[k - 1, n - k + 1:] = 0
        masked[n:] = 0
    # row 0: the words starting at each boundary, row 1: the words ending there
    # (ending[b] = OR over k of masked[k-1, b-k]: buffer row k-1 read from k columns earlier)
    bounds = np.zeros((2, n + 1), dtype=np.int64)
    np.bitwise_or.reduce(masked, axis=0, out=bounds[0, :n])
    ending = np.ndarray((k_max, n + 1), dtype=np.int64, buffer=buffer, offset=(k_max - 1) * 8,
                        strides=((n + k_max - 1) * 8, 8))
    np.bitwise_or.reduce(ending, axis=0, out=bounds[1])
    lengths = _BIT_LENGTH.take((bounds[:, None, :] >> _BYTE_SHIFTS[:lists]) & 255)  # (2, lists, n+1)
    start_len, end_len = lengths
    codes = np.minimum(lengths, 6)
    codes *= _CODE_WEIGHTS
    codes = codes[0] + codes[1]  # min(end, 6) * 16 + min(start, 6) * 2, then + crossing
    if n > 1:
        # words starting strictly before boundary b reach cm[b-1]; cross if that is beyond b
        reach = np.maximum.accumulate(np.arange(n)[None, :] + start_len[:, :n], axis=1)
        codes[:, 1:n] += reach[:, : n - 1] > np.arange(1, n)[None, :]
    out[:lists] = codes
    pair = min(1, lists - 1)
    e = end_len[pair]
    b = e.nonzero()[0]
    out[lists, b] = grams[e[b] - 1, b - e[b]]
    st = start_len[pair]
    b = st.nonzero()[0]
    out[lists + 1, b] = grams[st[b] - 1, b]
    return out


_MASKS: dict[tuple[int, int], np.ndarray] = {}
_LENGTHS = np.arange(1, 9, dtype=np.int64)[:, None]
#: per list, the shift of its byte of per-length bits; the weights of the longest words starting and ending
_BYTE_SHIFTS = (8 * np.arange(4, dtype=np.int64))[:, None]
_CODE_WEIGHTS = np.array([2, 16], dtype=np.int64)[:, None, None]
_FIT_MASKS: dict[int, np.ndarray] = {}


def _fit_masks(k_max: int) -> np.ndarray:
    """(K, K-1) masks over the last K-1 atoms: row k-1 clears the k-atom n-grams that run past the end."""
    masks = _FIT_MASKS.get(k_max)
    if masks is None:
        rows, columns = np.arange(k_max)[:, None], np.arange(k_max - 1)[None, :]
        masks = _FIT_MASKS[k_max] = np.where(rows >= k_max - 1 - columns, 0, -1).astype(np.int64)
    return masks


def _length_masks(lists: int, k_max: int) -> np.ndarray:
    """(K, 1) masks: row k-1 keeps the bits of k-atom words of every list."""
    masks = _MASKS.get((lists, k_max))
    if masks is None:
        every = sum(1 << (8 * i) for i in range(lists))
        masks = _MASKS[(lists, k_max)] = np.array([[every << k] for k in range(k_max)], dtype=np.int64)
    return masks


def _compile_templates(templates=TEMPLATES):
    """Templates as arrays: unique parts, part index per template and depth, longest templates first."""
    parts = sorted({part for template in templates for part in template})
    index = {part: i for i, part in enumerate(parts)}
    order = sorted(range(len(templates)), key=lambda t: -len(templates[t]))
    depth = max(len(t) for t in templates)
    table = np.zeros((len(templates), depth), dtype=np.intp)
    for row, t in enumerate(order):
        for d, part in enumerate(templates[t]):
            table[row, d] = index[part]
    active = [sum(1 for t in order if len(templates[t]) > d) for d in range(depth)]
    with np.errstate(over="ignore"):
        mixes = (np.array(order, dtype=np.uint64) + np.uint64(1)) * _M3
    return parts, table, active, mixes[:, None], _prefix_plan(templates, order, index)


def _prefix_plan(templates, order, index):
    """Templates share prefixes (("c", -1), ("c", 0)) ...: the running hash of each distinct prefix is
    computed once. Returns per depth (rows of the parent prefixes, part indices) and, per template in
    ``order``, the row of its whole prefix (row 0 = the empty prefix, the seed)."""
    rows = {(): 0}
    levels = []
    depth = max(len(t) for t in templates)
    for d in range(1, depth + 1):
        prefixes = sorted({t[:d] for t in templates if len(t) >= d}, key=lambda p: [index[x] for x in p])
        parents = np.array([rows[p[:-1]] for p in prefixes], dtype=np.intp)
        parts = np.array([index[p[-1]] for p in prefixes], dtype=np.intp)
        start = len(rows)
        for i, p in enumerate(prefixes):
            rows[p] = start + i
        levels.append((start, parents, parts))
    whole = np.array([rows[templates[t]] for t in order], dtype=np.intp)
    return len(rows), levels, whole


_COMPILED = {TEMPLATES: _compile_templates(TEMPLATES)}
_PARTS = _COMPILED[TEMPLATES][0]


def compiled_templates(templates=TEMPLATES):
    compiled = _COMPILED.get(templates)
    if compiled is None:
        compiled = _COMPILED[templates] = _compile_templates(templates)
    return compiled


def boundary_features(ids: np.ndarray, shapes: np.ndarray, evidence: np.ndarray,
                      positions: np.ndarray, bits: int = WEIGHT_BITS, templates=TEMPLATES) -> np.ndarray:
    """Row indices (len(templates), len(positions)) into the weight table for boundaries ``positions``.

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
    parts, part_table, active_at, mixes, (n_prefixes, levels, whole) = compiled_templates(templates)
    part_rows, part_offsets = _part_layout(rows, parts)
    # one flat gather of every part at every boundary: (parts, m)
    values = base.ravel().take((part_rows * width + part_offsets)[:, None] + (positions + PAD_WIDTH))
    # (array arithmetic wraps modulo 2**64 without warnings: no errstate needed; take, not fancy
    # indexing: fewer checks per call)
    prefix = np.empty((n_prefixes, len(positions)), dtype=np.uint64)
    prefix[0] = _M1
    for start, parents, part_index in levels:  # one step per depth over the distinct prefixes
        step = prefix[start:start + len(parents)]
        np.bitwise_xor(prefix.take(parents, axis=0), values.take(part_index, axis=0), out=step)
        step *= _M2
    h = prefix.take(whole, axis=0)
    h ^= mixes
    h *= _M1
    h >>= _SHIFT if bits == WEIGHT_BITS else np.uint64(64 - bits)
    return h.view(np.intp)  # (rows are below 2**23: the same numbers, no copy)


_LAYOUTS: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}


def _part_layout(rows: int, parts=None) -> tuple[np.ndarray, np.ndarray]:
    """Row in the stacked (ids, shapes, evidence...) array and atom offset of each template part."""
    parts = _PARTS if parts is None else parts
    layout = _LAYOUTS.get((rows, id(parts)))
    if layout is None:
        part_rows = np.array([0 if kind == "c" else 1 if kind == "s" else 2 + (offset % rows)
                              for kind, offset in parts], dtype=np.intp)
        part_offsets = np.array([0 if kind == "d" else offset for kind, offset in parts], dtype=np.intp)
        layout = _LAYOUTS[(rows, id(parts))] = (part_rows, part_offsets)
    return layout


def features_for(ids: np.ndarray, shapes: np.ndarray, lexicon: LexiconTable | None,
                 positions: np.ndarray, bits: int = WEIGHT_BITS, templates=TEMPLATES) -> np.ndarray:
    """All feature rows for boundaries ``positions``: the one entry point of training and run time."""
    return boundary_features(ids, shapes, lexicon_evidence(ids, lexicon), positions, bits, templates)
