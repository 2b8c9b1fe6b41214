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


def test_margins():
    from sastra.segment.stacking import margins

    fine = np.array([1.0, -2.0, 3.0, 0.5])
    word = np.array([4.0, -1.0, 2.5, 0.5])
    # scores (0, fine, word): best minus runner-up
    assert margins(fine, word).tolist() == [3.0, 1.0, 0.5, 0.0]


def test_gated_second_pass_keeps_sure_first_pass_decisions():
    """With the shipped gate, the second pass rescores only boundaries the first pass is unsure of;
    without a gate it rescores all; sure boundaries keep the first pass's decision."""
    from sastra.segment.core import ATOM_RE
    from sastra.segment.features import lexicon_lookup
    from sastra.segment.stacking import margins

    engine = get_engine("perceptron")
    assert engine.stack_gate is not None
    text = "ព្រះរាជាណាចក្រកម្ពុជាមានប្រជាជនជាង១៦លាននាក់ហើយក្រសួងសុខាភិបាលបានប្រកាសថាការបោះឆ្នោតនឹងធ្វើឡើង"
    atoms = [a for a in ATOM_RE.findall(text)]
    ids, codes = engine.encode(atoms)
    keep = codes == 1
    ids = ids[keep]
    candidates = np.arange(1, len(ids))
    first = engine.first_pass(ids, candidates, lexicon_lookup(ids, engine.lexicon))
    sure = margins(first.real.astype(float), first.imag.astype(float)) >= engine.stack_gate
    gated = engine.scores(ids, candidates)
    assert np.array_equal(decisions(gated.real[sure], gated.imag[sure]), decisions(first.real[sure], first.imag[sure]))
    gate, engine.stack_gate = engine.stack_gate, None
    try:
        everywhere = engine.scores(ids, candidates)
    finally:
        engine.stack_gate = gate
    unsure = ~sure
    assert np.allclose(gated[unsure], everywhere[unsure])


def test_few_targets_path_equals_array_path(shared_data):
    """stack_features_few (Python numbers, for a few boundaries) gives the rows of stack_features, on
    pieces of ../shared/data/corpus/kh-news-2019-07.jsonl."""
    import json

    from sastra.segment.core import ATOM_RE
    from sastra.segment.stacking import stack_features_few

    path = shared_data / "corpus" / "kh-news-2019-07.jsonl"
    if not path.is_file():
        import pytest

        pytest.skip(f"{path} is absent")
    engine = get_engine("perceptron")
    _, _, scale = engine.stack
    checked = 0
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream):
            if number >= 60:
                break
            text = json.loads(line)["text"]
            for piece in (text[:30], text[40:400]):
                ids, codes = engine.encode(ATOM_RE.findall(piece))
                ids = ids[codes == 1]
                if len(ids) < 3:
                    continue
                candidates = np.arange(1, len(ids))
                grams, slots = lexicon_lookup(ids, engine.lexicon)
                first = engine.first_pass(ids, candidates, (grams, slots))
                fine, word = first.real.astype(np.float64), first.imag.astype(np.float64)
                targets = np.arange(0, len(candidates), 3)[:8]
                expected = stack_features(ids, grams, slots, engine.lexicon.lists, candidates, fine, word, scale,
                                          engine.stack_templates, targets=targets)
                got = stack_features_few(ids, slots, engine.lexicon.lists, candidates.tolist(), fine.tolist(),
                                         word.tolist(), scale, engine.stack_templates, targets.tolist())
                assert np.array_equal(got, expected), piece
                checked += 1
    assert checked > 50
