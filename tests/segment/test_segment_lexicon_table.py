"""The lexicon bit table built from one regex pass over a whole word list equals the one built word
by word (the slow path it replaces at load time), for the shipped lists and for any list."""

from functools import cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sastra.segment import engines

KHMER_AND_SPACING = st.text(alphabet=st.sampled_from(list("កខគងចរសហអាិីុូេែៃោៅំះ្់៉៊៍ ab1\n\u200b")), max_size=8)


@cache
def _vocabulary():
    return engines.PerceptronEngine().vocab


def _word_by_word(words, vocab):
    return engines.word_hashes(engines._words_to_ids(words, vocab))


def _same(a, b) -> bool:
    return np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_shipped_lexicon_same_table_both_ways():
    vocab = _vocabulary()
    words = engines.lexicon_words()
    assert len(words) > 100_000
    assert _same(engines._word_list_hashes(words, vocab), _word_by_word(words, vocab))


@settings(max_examples=200, deadline=None)
@given(st.lists(KHMER_AND_SPACING, max_size=12))
def test_any_word_list_same_table_both_ways(words):
    vocab = _vocabulary()
    assert _same(engines._word_list_hashes(words, vocab), _word_by_word(words, vocab))
