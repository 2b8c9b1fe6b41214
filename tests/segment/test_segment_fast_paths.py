"""The fast formulations used at run time compute exactly what their plain definitions say: n-gram
hashes as one matrix product, lexicon evidence from OR-ed table slots, sentence breaks found from
trigger characters, tokens filled through their slots. (Speed work must never change a token.)"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sastra.records import Token
from sastra.segment import core, sentences
from sastra.segment.encoding import Vocabulary, ngram_hashes, ngram_matrix
from sastra.segment.engines import build_lexicon_table
from sastra.segment.features import lexicon_evidence, lexicon_lookup
from sastra.segment.stacking import PairTable, pair_code


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5000), max_size=400), st.integers(min_value=1, max_value=8))
def test_ngram_matrix_equals_the_loop(ids, max_n):
    ids = np.array(ids, dtype=np.int64)
    expected = np.stack(ngram_hashes(ids, max_n)) if len(ids) else np.zeros((max_n, 0), dtype=np.uint64)
    assert np.array_equal(ngram_matrix(ids, max_n), expected)


def reference_evidence(ids, table):
    """Lexicon evidence by brute force over positions and lengths (the definition)."""
    n = len(ids)
    grams = np.stack(ngram_hashes(ids, table.max_n))
    slots = table.table[(grams >> np.uint64(64 - 21)).astype(np.intp)].astype(np.int64)

    def listed(which, i, k):
        return i + k <= n and bool((slots[k - 1, i] >> (8 * which + k - 1)) & 1)

    out = np.zeros((table.lists + 2, n + 1), dtype=np.uint64)
    for which in range(table.lists):
        for b in range(n + 1):
            end = max([k for k in range(1, table.max_n + 1) if b - k >= 0 and listed(which, b - k, k)], default=0)
            start = max([k for k in range(1, table.max_n + 1) if b < n and listed(which, b, k)], default=0)
            cross = 0 < b < n and any(listed(which, i, k) and i + k > b
                                      for i in range(max(0, b - table.max_n), b) for k in range(1, table.max_n + 1))
            out[which, b] = min(end, 6) * 16 + min(start, 6) * 2 + int(cross)
            if which == min(1, table.lists - 1):
                if end:
                    out[table.lists, b] = grams[end - 1, b - end]
                if start:
                    out[table.lists + 1, b] = grams[start - 1, b]
    return out


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=8, max_value=11), min_size=1, max_size=30))
def test_lexicon_evidence_equals_its_definition(ids):
    vocab = Vocabulary(["ក", "ខ", "គ", "ឃ"])
    table = build_lexicon_table(vocab, [["កខ", "ខគ", "កខគ", "ឃ"], ["គឃ", "ក", "ខគឃក"], ["កខគឃកខ"]])
    ids = np.array(ids, dtype=np.int64)
    got = lexicon_evidence(ids, table, lexicon_lookup(ids, table))
    assert np.array_equal(got, reference_evidence(ids, table))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ក។៕?!？！\r\n\u2028 a1=.»”)\u200b\u179bល", max_size=40))
def test_sentence_breaks_equal_finditer(text):
    expected = [(m.start(), m.end(), m.lastgroup) for m in sentences._BREAK_RE.finditer(text)]
    assert [(m.start(), m.end(), m.lastgroup) for m in sentences._breaks(text)] == expected


def test_token_maker_equals_the_constructor():
    texts, starts, ends, kinds = ["ក", "ខគ", "1.5"], [0, 1, 4], [1, 3, 7], ["word", "word", "number"]
    made = core._make_tokens(texts, starts, ends, kinds)
    assert made == [Token(*fields) for fields in zip(texts, starts, ends, kinds)]
    assert all(type(token) is Token for token in made)
    assert hash(made[1]) == hash(Token("ខគ", 1, 3, "word"))


def test_pair_statistics():
    assert pair_code(np.array([0, 3, 1, 0]), np.array([0, 0, 1, 5])).tolist() == [0, 22, 19, 24]
    keys = np.array([5, 9, 5, 5, 0], dtype=np.uint64)
    labels = np.array([1, 2, 2, 1, 1])
    table = PairTable.from_labels(keys, labels)
    assert table.keys.tolist() == [5, 9]
    assert table.joined.tolist() == [2, 0] and table.split.tolist() == [1, 1]
    codes = table.lookup(np.array([9, 5, 7, 0], dtype=np.uint64))
    assert codes.tolist() == [pair_code(0, 1).item(), pair_code(2, 1).item(), 0, 0]
