"""Unit tests of the perceptron engine's second pass (sastra.segment.stacking) and its model loading."""

from __future__ import annotations

import numpy as np

from sastra.segment import get_engine
from sastra.segment.engines import build_lexicon_table
from sastra.segment.encoding import Vocabulary
from sastra.segment.features import lexicon_lookup
from sastra.segment.stacking import STACK_BITS, STACK_TEMPLATES, _membership, _neighbours, decisions, stack_features


def test_neighbours_skip_the_boundary_itself():
    flags = np.array([True, False, True, False, False, True])  # boundaries 0..5, n = 5
    before, after = _neighbours(flags, np.array([1, 2, 3, 4]))
    assert before.tolist() == [0, 0, 2, 2]
    assert after.tolist() == [2, 5, 5, 5]


def test_decisions_rule():
    fine = np.array([-1.0, 2.0, 1.0, -3.0])
    word = np.array([-2.0, 1.0, 3.0, 0.5])
    assert decisions(fine, word).tolist() == [0, 1, 2, 2]


def test_membership_of_spans():
    vocab = Vocabulary(["ក", "ខ", "គ"])
    table = build_lexicon_table(vocab, [["កខ"], ["ខគ"], ["កខគ"]])
    ids = np.array([8, 9, 10], dtype=np.int64)  # ក ខ គ
    grams, slots = lexicon_lookup(ids, table)
    code, _ = _membership(grams, slots, 3, np.array([0, 1, 0, 0]), np.array([2, 3, 3, 1]))
    assert code.tolist() == [1, 2, 4, 0]


def test_stack_features_shape_and_range():
    vocab = Vocabulary(["ក", "ខ", "គ", "ឃ"])
    table = build_lexicon_table(vocab, [["កខ"], ["ខគ"], ["កខគ"]])
    ids = np.array([8, 9, 10, 11, 8], dtype=np.int64)
    grams, slots = lexicon_lookup(ids, table)
    positions = np.array([1, 2, 4])
    rows = stack_features(ids, grams, slots, 3, positions, np.array([1.0, -1.0, 0.2]),
                          np.array([-1.0, 2.0, 3.0]), 2.0)
    assert rows.shape == (len(STACK_TEMPLATES), 3)
    assert rows.min() >= 0 and rows.max() < (1 << STACK_BITS)


def test_shipped_engine_scores_both_passes():
    engine = get_engine("perceptron")
    atoms = ["ប្រ", "ជា", "ជន", "កម្ពុ", "ជា"]
    ids, codes = engine.encode(atoms)
    candidates = np.arange(1, len(atoms))
    labels = engine.label(ids, codes, candidates)
    assert set(labels.tolist()) <= {0, 1, 2}
    assert engine.first_pass(ids, candidates).shape == (len(candidates),)
    assert engine.scores(ids, candidates).shape == (len(candidates),)
