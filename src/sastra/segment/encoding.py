"""Atoms to integer ids, cluster shapes, and lexicon look-ups by rolling hash, all vectorized with numpy.

A lexicon word is a sequence of atoms; its key is a polynomial hash of the atoms' ids. "Which lexicon
words start or end here" is then a few numpy passes (one per word length) and a gather from a bit
table, instead of a Python loop over positions and lengths. This module is shared by the engines and
by the training script, so that training and run time compute exactly the same numbers.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np

from sastra.khmer import COENG, CONSONANTS, INDEPENDENT_VOWELS

# --- fixed ids -----------------------------------------------------------------------------------
PAD = 0  # outside the sequence (before the first and after the last atom)
UNK = 1  # a Khmer cluster that is not in the vocabulary
NUMBER = 2
LATIN = 3
ACRONYM = 4
URL = 5  # urls and emails
SYMBOL = 6
PUNCT = 7  # punctuation that is not in the vocabulary
FIRST_VOCAB_ID = 8
KIND_IDS = {"number": NUMBER, "latin": LATIN, "acronym": ACRONYM, "url": URL, "email": URL,
            "symbol": SYMBOL, "punct": PUNCT, "word": UNK}

#: longest lexicon word, in atoms, that the lexicon features look for
MAX_WORD_ATOMS = 8
_HASH_MULT = np.uint64(0x9E3779B97F4A7C15)
_HASH_STEP = np.uint64(1000003)
TABLE_BITS = 21

_VOWEL_RE = re.compile("[\u17b6-\u17c5]")
_SIGN_RE = re.compile("[\u17c6-\u17d1\u17d3\u17dd]")


def cluster_shape(cluster: str) -> int:
    """A small code (< 64) for what a Khmer cluster is made of: base type, subscripts, vowel, final sign.

    It lets the model generalize to clusters it never saw (names, rare loan words).
    """
    if not cluster:
        return 0
    first = cluster[0]
    if "\u1780" <= first <= "\u17a2":
        base = 1
    elif "\u17a3" <= first <= "\u17b3":
        base = 2
    else:
        return 3
    subs = min(cluster.count(COENG), 2)
    vowel = 1 if _VOWEL_RE.search(cluster) else 0
    sign_match = _SIGN_RE.search(cluster)
    if sign_match is None:
        sign = 0
    elif "\u17cb" in cluster:  # bantoc: shortens the vowel, ends a syllable
        sign = 1
    elif "\u17c6" in cluster or "\u17c7" in cluster:  # nikahit, reahmuk
        sign = 2
    else:
        sign = 3
    return 4 + ((base - 1) * 3 + subs) * 8 + vowel * 4 + sign  # 4 .. 51


def ngram_hashes(ids: np.ndarray, max_n: int) -> list[np.ndarray]:
    """``out[k-1][i]`` = hash of ``ids[i:i+k]`` for k = 1..max_n (positions past the end hash PAD)."""
    n = len(ids)
    padded = np.zeros(n + max_n, dtype=np.uint64)
    padded[:n] = ids.astype(np.uint64, copy=False)
    out = []
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(max_n):
            h = h * _HASH_STEP + padded[k:k + n] + np.uint64(1)
            out.append(h * _HASH_MULT)
    return out


def _powers(max_n: int) -> np.ndarray:
    """(K, K) lower-triangular STEP**(k-j) mod 2**64: row k-1 turns a window of ids into its k-gram hash."""
    powers = np.zeros((max_n, max_n), dtype=np.uint64)
    for k in range(max_n):
        for j in range(k + 1):
            powers[k, j] = pow(int(_HASH_STEP), k - j, 1 << 64)
    return powers


_POWERS = {MAX_WORD_ATOMS: _powers(MAX_WORD_ATOMS)}
#: up to this many atoms the n-gram hashes are one matrix product (fewer numpy calls); above, a loop
#: (measured: the loop is cheaper from about 200 atoms on)
MATRIX_NGRAMS_UP_TO = 200
_WINDOWS = np.arange(MAX_WORD_ATOMS)[:, None] + np.arange(MATRIX_NGRAMS_UP_TO)[None, :]


def ngram_matrix(ids: np.ndarray, max_n: int) -> np.ndarray:
    """``out[k-1, i]`` = hash of ``ids[i:i+k]`` as one (K, n) array: the same numbers as ``ngram_hashes``
    (the recurrence h = h * STEP + id + 1 unrolled into a product with a matrix of powers of STEP,
    wrapping modulo 2**64 exactly like the loop)."""
    n = len(ids)
    padded = np.zeros(n + max_n, dtype=np.uint64)
    padded[:n] = ids
    if n <= min(MATRIX_NGRAMS_UP_TO, _WINDOWS.shape[1]) and max_n in _POWERS:
        windows = padded[_WINDOWS[:max_n, :n]]
        windows += np.uint64(1)
        out = _POWERS[max_n] @ windows
        out *= _HASH_MULT
        return out
    # the recurrence row by row, in place (wrapping arithmetic: the same numbers in any order)
    padded += np.uint64(1)
    out = np.empty((max_n, n), dtype=np.uint64)
    out[:1] = padded[:n]  # (no row when max_n is 0)
    for k in range(1, max_n):
        np.multiply(out[k - 1], _HASH_STEP, out=out[k])
        out[k] += padded[k:k + n]
    out *= _HASH_MULT
    return out


def table_index(hashes: np.ndarray) -> np.ndarray:
    return (hashes >> np.uint64(64 - TABLE_BITS)).astype(np.intp)


def word_hashes(words_as_ids: Sequence[Sequence[int]], max_n: int = MAX_WORD_ATOMS) -> tuple[np.ndarray, np.ndarray]:
    """Hash keys of words (sequences of atom ids) as ``ngram_hashes`` computes them, and their lengths.

    Words longer than ``max_n`` atoms get length 0 (never matched).
    """
    lengths = np.fromiter((len(w) for w in words_as_ids), dtype=np.int64, count=len(words_as_ids))
    flat = np.fromiter((i for w in words_as_ids for i in w), dtype=np.int64, count=int(lengths.sum()))
    return flat_word_hashes(flat, lengths, max_n)


def flat_word_hashes(flat: np.ndarray, lengths: np.ndarray,
                     max_n: int = MAX_WORD_ATOMS) -> tuple[np.ndarray, np.ndarray]:
    """``word_hashes`` of words given as one array of atom ids and each word's length in atoms."""
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64) if len(lengths) else lengths
    hashes = np.zeros(len(lengths), dtype=np.uint64)
    grams = ngram_hashes(flat, max_n)
    for k in range(1, max_n + 1):
        sel = lengths == k
        hashes[sel] = grams[k - 1][starts[sel]]
    lengths = np.where(lengths > max_n, 0, lengths)
    return hashes, lengths


class Vocabulary:
    """Atom string -> id. Ids below FIRST_VOCAB_ID are fixed classes; shapes are precomputed per id."""

    def __init__(self, atoms: Iterable[str]) -> None:
        self.atoms = list(atoms)
        self.ids = {atom: FIRST_VOCAB_ID + i for i, atom in enumerate(self.atoms)}
        shapes = np.zeros(FIRST_VOCAB_ID + len(self.atoms), dtype=np.int64)
        shapes[:FIRST_VOCAB_ID] = np.arange(FIRST_VOCAB_ID) + 52
        for i, atom in enumerate(self.atoms):
            shapes[FIRST_VOCAB_ID + i] = cluster_shape(atom) if _is_khmer_cluster(atom) else 60
        self.shapes = shapes

    def __len__(self) -> int:
        return FIRST_VOCAB_ID + len(self.atoms)


def _is_khmer_cluster(atom: str) -> bool:
    return bool(atom) and "\u1780" <= atom[0] <= "\u17b3"


_CONS_RE = re.compile(f"[{CONSONANTS}{INDEPENDENT_VOWELS}]")


class LexiconTable:
    """Membership of atom-id sequences in up to four word lists, by rolling hash and a bit table.

    Bit ``8 * list + (k - 1)`` of a slot says "some word of k atoms of that list hashes here". False
    positives happen at the table's load factor (about 1-2%); for features and for the dictionary
    engine that is an acceptable price for a lookup that is one numpy gather per word length.
    """

    def __init__(self, word_lists: Sequence[tuple[np.ndarray, np.ndarray]], max_n: int = MAX_WORD_ATOMS) -> None:
        if not 1 <= len(word_lists) <= 4 or max_n > 8:
            raise ValueError("a LexiconTable holds one to four word lists of words up to 8 atoms")
        self.max_n = max_n
        self.lists = len(word_lists)
        dtype = np.uint16 if len(word_lists) <= 2 else np.uint32
        self.table = np.zeros(1 << TABLE_BITS, dtype=dtype)
        for list_index, (hashes, lengths) in enumerate(word_lists):
            keep = (lengths >= 1) & (lengths <= max_n)
            idx = table_index(hashes[keep])
            bits = (dtype(1) << (lengths[keep] - 1 + 8 * list_index).astype(dtype)).astype(dtype)
            np.bitwise_or.at(self.table, idx, bits)

    @classmethod
    def from_table(cls, table: np.ndarray, lists: int, max_n: int = MAX_WORD_ATOMS) -> "LexiconTable":
        """A table built before (``table`` as :attr:`table` was), e.g. read from a file."""
        if not 1 <= lists <= 4 or table.shape != (1 << TABLE_BITS,) or table.dtype != (
                np.uint16 if lists <= 2 else np.uint32):
            raise ValueError("not a lexicon table of this code's shape")
        made = cls.__new__(cls)
        made.max_n, made.lists, made.table = max_n, lists, table
        return made

    def starts(self, ids: np.ndarray, grams: list[np.ndarray] | None = None) -> np.ndarray:
        """``out[list, k-1, i]`` is True when ids[i:i+k] is (probably) a word of that list."""
        n = len(ids)
        out = np.zeros((self.lists, self.max_n, n), dtype=bool)
        if grams is None:
            grams = ngram_hashes(ids, self.max_n)
        for k, h in enumerate(grams, 1):
            slots = self.table[table_index(h)]
            for list_index in range(self.lists):
                row = ((slots >> (k - 1 + 8 * list_index)) & 1).astype(bool)
                if k > 1:
                    row[max(n - k + 1, 0):] = False
                out[list_index, k - 1] = row
        return out
