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


def test_shipped_table_file_is_the_table_the_model_builds():
    """data/segment/perceptron.table.npz is current: loading it gives the table built from scratch."""
    shipped = engines.PerceptronEngine()
    built = engines.PerceptronEngine(use_table_file=False)
    assert engines.table_file(engines.data_path("perceptron.npz")).is_file()
    assert shipped.table_key == built.table_key
    assert shipped.lexicon.lists == built.lexicon.lists == 3
    assert np.array_equal(shipped.lexicon.table, built.lexicon.table)


def test_a_table_file_for_other_inputs_is_ignored(tmp_path):
    model = tmp_path / "model.npz"
    model.write_bytes(engines.data_path("perceptron.npz").read_bytes())
    stale = engines.PerceptronEngine(use_table_file=False).lexicon.table.copy()
    stale[:] = 0  # a table that would find no word at all
    np.savez_compressed(engines.table_file(model), key=np.array("built from other lists"), table=stale,
                        lists=np.array(3))
    engine = engines.PerceptronEngine(str(model))
    assert engine.lexicon.table.any()  # rebuilt, not the stale file
    written = engines.write_table_file(model)
    assert written == tmp_path / "model.table.npz"
    assert np.array_equal(engines.PerceptronEngine(str(model)).lexicon.table, engine.lexicon.table)
