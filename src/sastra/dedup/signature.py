"""Shingle signatures of a document: a MinHash sketch for LSH and a hash sample for containment.

Text is first folded (``dedup_key``) so that spelling variants, spacing and zero-width spaces do not
hide a copy; then every run of ``SHINGLE_CHARS`` characters is hashed with a rolling polynomial
hash (vectorised with numpy, so long documents cost microseconds, not a Python loop per shingle).

* ``minhash``: ``NUM_PERM`` values by one-permutation hashing (Li, Owen & Zhang 2012) with
  densification: the shingle hashes are sorted once and the smallest hash of each of ``NUM_PERM``
  hash ranges is taken. It is a MinHash sketch like any other (two sets agree on a slot with
  probability equal to their Jaccard similarity), fed to datasketch's LSH.
* ``sample``: the sorted unique shingle hashes whose low ``bits`` bits are zero (all of them for short
  documents). Samples at different rates nest, so two documents can always be compared at the
  coarser of their two rates; the containment |A ∩ B| / min(|A|, |B|) is estimated from them, which is
  what finds a copy truncated to 60% (its Jaccard similarity is only 0.6 at best).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: characters per shingle (after folding); long enough that unrelated news rarely share one
SHINGLE_CHARS = 8
#: MinHash slots
NUM_PERM = 128
#: documents with more shingles than this are sampled at 1/2**SAMPLE_BITS for containment
FULL_SAMPLE_LIMIT = 1024
SAMPLE_BITS = 3

_MULT = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_BUCKET_SHIFT = np.uint64(64 - 7)  # 2**7 == NUM_PERM ranges
_BUCKET_STARTS = np.arange(NUM_PERM, dtype=np.uint64) << _BUCKET_SHIFT
_POWERS = [np.uint64(pow(0x100000001B3, SHINGLE_CHARS - 1 - j, 2**64)) for j in range(SHINGLE_CHARS)]
_DENSIFY_STEP = np.uint64(0x9E3779B97F4A7C15)

COENG = "\u17d2"
# Spelling variants folded before shingling: visually identical or commonly mistyped sequences.
_FOLDS = (
    (COENG + "\u178a", COENG + "\u178f"),  # coeng DA -> coeng TA (ស្ដ / ស្ត)
    (COENG + "\u179a" + COENG + "\u178f", COENG + "\u178f" + COENG + "\u179a"),  # ស្រ្ត -> ស្ត្រ
    ("\u17c1\u17b8", "\u17be"),  # split vowel E + II -> OE
    ("\u17c1\u17b6", "\u17c4"),  # split vowel E + AA -> OO
    ("\u17a3", "\u17a2"),  # deprecated QAQ
)
_DROPPED = (" \t\r\n\f\v\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad\u17b4\u17b5"
            "។៕៖!?,.;:'\"()[]{}«»“”‘’-–—_/|\\*#…")


def _fold_table() -> np.ndarray:
    """Code point -> folded code point (0 = dropped) for the Basic Multilingual Plane."""
    table = np.arange(0x10000, dtype=np.uint16)
    for ch in _DROPPED:
        table[ord(ch)] = 0
    for i, digit in enumerate("០១២៣៤៥៦៧៨៩"):
        table[ord(digit)] = ord("0") + i
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = c + 32
    table[0] = 0
    return table


_FOLD_TABLE = _fold_table()
_DROP = {c: None for c in map(ord, _DROPPED)}
_DROP.update({ord(k): ord(str(i)) for i, k in enumerate("០១២៣៤៥៦៧៨៩")})
_DROP.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})


def _fold_variants(text: str) -> str:
    for before, after in _FOLDS:
        if before in text:
            text = text.replace(before, after)
    return text


def dedup_key(text: str) -> str:
    """The folded text that shingles are taken from: no spaces, punctuation or invisible characters,
    Latin digits, lowercase ASCII, and the common spelling variants made equal."""
    return _fold_variants(text).translate(_DROP)


def _folded_codes(text: str) -> np.ndarray:
    """``dedup_key(text)`` as UTF-16 code units, computed with numpy (the fast path of ``signature``).

    Khmer is in the Basic Multilingual Plane; a character outside it hashes as its two surrogates."""
    units = np.frombuffer(_fold_variants(text).encode("utf-16-le"), dtype=np.uint16)
    folded = np.take(_FOLD_TABLE, units)
    return folded[folded != 0].astype(np.uint64)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    values = np.sort(values)
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


@dataclass(frozen=True)
class Signature:
    """What near-duplicate search keeps of a document: ``minhash`` (NUM_PERM uint64), ``sample``
    (sorted unique uint64 shingle hashes), ``bits`` (sample rate 1/2**bits) and ``shingles`` (count)."""

    minhash: np.ndarray
    sample: np.ndarray
    bits: int
    shingles: int

    @property
    def empty(self) -> bool:
        return self.shingles == 0


EMPTY = Signature(np.zeros(NUM_PERM, dtype=np.uint64), np.zeros(0, dtype=np.uint64), 0, 0)


def shingle_hashes(codes: np.ndarray) -> np.ndarray:
    """64-bit hashes (unsorted, with repeats) of every SHINGLE_CHARS-code-point run of ``codes``."""
    n = len(codes) - SHINGLE_CHARS + 1
    if n <= 0:
        if len(codes) == 0:
            return np.zeros(0, dtype=np.uint64)
        n, width = 1, len(codes)  # a very short text is one shingle
    else:
        width = SHINGLE_CHARS
    with np.errstate(over="ignore"):
        h = codes[0:n] * _POWERS[SHINGLE_CHARS - width]
        for j in range(1, width):
            h += codes[j:j + n] * _POWERS[SHINGLE_CHARS - width + j]
        # splitmix64 finaliser: spread the polynomial hash over all 64 bits
        h ^= h >> np.uint64(30)
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
    return h


def minhash_of(hashes: np.ndarray) -> np.ndarray:
    """One-permutation MinHash with densification: the smallest hash in each of NUM_PERM ranges;
    an empty range borrows from the next non-empty one (shifted, so borrowed slots stay distinct)."""
    if len(hashes) == 0:
        return np.zeros(NUM_PERM, dtype=np.uint64)
    idx = np.searchsorted(hashes, _BUCKET_STARTS)
    found = idx < len(hashes)
    values = np.zeros(NUM_PERM, dtype=np.uint64)
    values[found] = hashes[idx[found]]
    filled = found & ((values >> _BUCKET_SHIFT) == np.arange(NUM_PERM, dtype=np.uint64))
    if filled.all():
        return values
    full = np.nonzero(filled)[0]
    slots = np.arange(NUM_PERM)
    # the next filled bucket, circularly
    pos = np.searchsorted(full, slots) % len(full)
    source = full[pos]
    distance = ((source - slots) % NUM_PERM).astype(np.uint64)
    with np.errstate(over="ignore"):
        borrowed = values[source] + distance * _DENSIFY_STEP
    return np.where(filled, values, borrowed)


def signature(text: str) -> Signature:
    """The signature of a document's text (its article text, after cleaning and normalization).

    The MinHash is taken over every shingle (so that any two documents' sketches compare); the
    containment sample keeps every shingle of a short document and 1/2**SAMPLE_BITS of a long one.
    """
    hashes = shingle_hashes(_folded_codes(text))
    if len(hashes) == 0:
        return EMPTY
    hashes = _sorted_unique(hashes)
    if len(hashes) > FULL_SAMPLE_LIMIT:
        bits = SAMPLE_BITS
        sample = hashes[(hashes & np.uint64((1 << bits) - 1)) == 0]
    else:
        bits, sample = 0, hashes
    return Signature(minhash_of(hashes), sample, bits, len(hashes))


def containment(a: Signature, b: Signature) -> float:
    """Estimated |A ∩ B| / min(|A|, |B|) of two shingle sets, from their nested samples."""
    if a.empty or b.empty:
        return 0.0
    bits = max(a.bits, b.bits)
    mask = np.uint64((1 << bits) - 1)
    sa = a.sample if a.bits == bits else a.sample[(a.sample & mask) == 0]
    sb = b.sample if b.bits == bits else b.sample[(b.sample & mask) == 0]
    smaller = min(len(sa), len(sb))
    if smaller == 0:
        return 0.0
    shared = len(np.intersect1d(sa, sb, assume_unique=True))
    return shared / smaller


def jaccard(a: Signature, b: Signature) -> float:
    """Jaccard similarity estimated from the MinHash slots."""
    if a.empty or b.empty:
        return 0.0
    return float(np.count_nonzero(a.minhash == b.minhash)) / NUM_PERM
