"""The second pass's network (sastra.segment.stacking.network_scores / network_inputs) and how the
perceptron engine loads and applies it: known weights give known scores, its inputs are what their
definition says, the engine's faster way of computing them (group tables, one lookup of both pair
tables, a Python path for a few boundaries) gives the same, and a model file without the network
arrays works as before."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sastra.errors import ConfigError
from sastra.segment import get_engine
from sastra.segment.core import ATOM_RE
from sastra.segment.encoding import Vocabulary
from sastra.segment.engines import NET_ARRAYS, PerceptronEngine, build_lexicon_table, data_path
from sastra.segment.features import lexicon_lookup
from sastra.segment.stacking import (
    NET_CONTINUOUS,
    NET_PART_ROWS,
    NET_PARTS,
    WINDOW,
    NetworkWeights,
    PairTable,
    _membership,
    decisions,
    margins,
    network_inputs,
    network_scores,
    pair_keys,
    quantize,
)


def tiny_network() -> NetworkWeights:
    """Two hidden units: unit 0 = row 0 of the parts + 1 x the first continuous input - 1,
    unit 1 = 2 x row 4 of the parts + 0.5; outputs fine = unit 0, word = -unit 0 + 3 x unit 1 + 1."""
    parts = np.zeros((NET_PART_ROWS, 2))
    parts[0, 0] = 2.0
    parts[4, 1] = 2.0
    continuous = np.zeros((NET_CONTINUOUS, 2))
    continuous[0, 0] = 1.0
    return NetworkWeights(parts, continuous, np.array([-1.0, 0.5]), np.array([[1.0, -1.0], [0.0, 3.0]]),
                          np.array([0.0, 1.0]))


def test_tiny_network_gives_known_scores():
    net = tiny_network()
    part_rows = np.full((len(NET_PARTS), 3), 10, dtype=np.int64)  # row 10: all zeros
    part_rows[0] = [0, 4, 0]  # boundary 0: row 0 (unit 0 + 2), boundary 1: row 4 (unit 1 + 2)
    continuous = np.zeros((3, NET_CONTINUOUS))
    continuous[:, 0] = [0.5, 0.0, -5.0]
    # boundary 0: unit 0 = 2 + 0.5 - 1 = 1.5, unit 1 = 0.5 -> (1.5, -1.5 + 1.5 + 1)
    # boundary 1: unit 0 = relu(-1) = 0, unit 1 = 2.5 -> (0, 7.5 + 1)
    # boundary 2: unit 0 = relu(2 - 5 - 1) = 0, unit 1 = 0.5 -> (0, 1.5 + 1)
    assert np.allclose(network_scores(part_rows, continuous, net), [[1.5, 1.0], [0.0, 8.5], [0.0, 2.5]])


def test_network_weights_check_their_shapes():
    net = tiny_network()
    with pytest.raises(ValueError):
        NetworkWeights(net.parts[:-1], net.continuous, net.bias, net.out, net.out_bias)
    with pytest.raises(ValueError):
        NetworkWeights(net.parts, net.continuous, net.bias, net.out[:, :1], net.out_bias)


def reference_inputs(ids, grams, slots, lists, positions, fine, word, scale, pairs, word_pairs):
    """The network's inputs boundary by boundary, from their definition (NET_PARTS, network_inputs)."""
    n = len(ids)
    dec = {b: 3 for b in range(n + 1)}  # no candidate: a word boundary by construction
    q_word, q_fine, s_fine, s_word = {}, {}, {}, {}
    for b, f, w in zip(positions.tolist(), fine, word):
        dec[b] = int(decisions(np.array([f]), np.array([w]))[0])
        q_word[b], q_fine[b] = (int(v) for v in quantize(np.array([w, f]), scale))
        s_fine[b], s_word[b] = f / scale, w / scale

    def decision(b):
        return 4 if b < 0 or b > n else dec[b]

    def nearest(b, step, level):
        b += step
        while not (b in (0, n) or dec[b] >= level):
            b += step
        return b

    parts, continuous, keys = [], [], []
    for b in positions.tolist():
        before, after = nearest(b, -1, 2), nearest(b, 1, 2)
        fine_before, fine_after = nearest(b, -1, 1), nearest(b, 1, 1)
        codes, hashes = _membership(grams, slots, lists, np.array([before, before, b, fine_before, fine_before, b]),
                                    np.array([after, b, after, fine_after, b, fine_after]))
        values = {"d": dec[b], "qw": q_word[b], "qf": q_fine[b], "dl": decision(b - 1), "dr": decision(b + 1),
                  "dec-3": decision(b - 3), "dec-2": decision(b - 2), "dec+2": decision(b + 2),
                  "dec+3": decision(b + 3), "qw-1": q_word.get(b - 1, 30), "qw+1": q_word.get(b + 1, 30),
                  "qf-1": q_fine.get(b - 1, 30), "qf+1": q_fine.get(b + 1, 30),
                  "ll": min(b - before, 8), "lr": min(after - b, 8)}
        for i, name in enumerate(("mw", "ml", "mr", "pw", "pl", "pr")):
            values[name] = min(int(codes[i]), 31)
        offset, column = 0, []
        for name, size in NET_PARTS:
            assert 0 <= values[name] < size
            column.append(offset + values[name])
            offset += size
        parts.append(column)
        window = [s_fine.get(b + k, 0.0) for k in range(-WINDOW, WINDOW + 1)]
        window += [s_word.get(b + k, 0.0) for k in range(-WINDOW, WINDOW + 1)]
        row = [min(max(v, -4.0), 4.0) for v in window]
        fine_pair, word_pair = pair_keys(hashes[4:5], hashes[5:6]), pair_keys(hashes[1:2], hashes[2:3])
        keys += [fine_pair[0], word_pair[0]]
        for table, key in ((pairs, fine_pair), (word_pairs, word_pair)):
            joined, split = (float(v[0]) for v in table.counts(key))
            row += [np.log1p(joined), np.log1p(split), (joined + 0.5) / (joined + split + 1.0)]
        continuous.append(row)
    return np.array(parts).T, np.array(continuous), np.array(keys, dtype=np.uint64)


def test_network_inputs_equal_their_definition():
    vocab = Vocabulary(["ក", "ខ", "គ", "ឃ"])
    table = build_lexicon_table(vocab, [["កខ", "ខគ", "កខគ"], ["គឃ", "ឃក"], ["កខគឃ"]])
    rng = np.random.default_rng(3)
    hits = 0
    for _ in range(30):
        n = int(rng.integers(2, 25))
        ids = rng.integers(8, 12, n).astype(np.int64)
        positions = np.flatnonzero(rng.random(n - 1) < 0.85) + 1
        if len(positions) == 0:
            continue
        fine, word = rng.normal(0, 3, len(positions)), rng.normal(0, 3, len(positions))
        grams, slots = lexicon_lookup(ids, table)
        none = PairTable(np.zeros(0, dtype=np.uint64), np.zeros(0), np.zeros(0))
        *_, keys = reference_inputs(ids, grams, slots, table.lists, positions, fine, word, 2.5, none, none)
        keys = np.unique(keys[keys != 0])  # the text's own pairs, with made-up counts
        pairs = PairTable(keys, rng.integers(0, 4, len(keys)), rng.integers(0, 4, len(keys)))
        word_pairs = PairTable(keys[::2], rng.integers(0, 4, len(keys[::2])), rng.integers(0, 4, len(keys[::2])))
        got_parts, got_continuous = network_inputs(ids, grams, slots, table.lists, positions, fine, word, 2.5, pairs,
                                                   word_pairs)
        want_parts, want_continuous, _ = reference_inputs(ids, grams, slots, table.lists, positions, fine, word, 2.5,
                                                          pairs, word_pairs)
        hits += int((want_continuous[:, 2 * (2 * WINDOW + 1):] > 0).any())
        assert np.array_equal(got_parts, want_parts)
        assert np.allclose(got_continuous, want_continuous)
        targets = np.flatnonzero(rng.random(len(positions)) < 0.5)
        some_parts, some_continuous = network_inputs(ids, grams, slots, table.lists, positions, fine, word, 2.5,
                                                     pairs, word_pairs, targets)
        assert np.array_equal(some_parts, want_parts[:, targets])
        assert np.allclose(some_continuous, want_continuous[targets])
    assert hits > 10  # pairs were found in the tables


# --- the engine's way of computing the same (group tables, engine column order, few-boundary path) -------


def random_network(hidden: int = 16, seed: int = 5) -> NetworkWeights:
    rng = np.random.default_rng(seed)
    return NetworkWeights(rng.normal(0, 1, (NET_PART_ROWS, hidden)), rng.normal(0, 1, (NET_CONTINUOUS, hidden)),
                          rng.normal(0, 1, hidden), rng.normal(0, 1, (hidden, 2)), rng.normal(0, 1, 2))


def random_case(rng, table, n_max=60):
    """A random text of atom ids, candidates, first-pass scores and khPOS-like pair tables over its pairs."""
    n = int(rng.integers(2, n_max))
    ids = rng.integers(8, 12, n).astype(np.int64)
    positions = np.flatnonzero(rng.random(n - 1) < 0.85) + 1
    if len(positions) == 0:
        positions = np.array([1])
    fine, word = rng.normal(0, 5, len(positions)), rng.normal(0, 5, len(positions))
    grams, slots = lexicon_lookup(ids, table)
    none = PairTable(np.zeros(0, dtype=np.uint64), np.zeros(0), np.zeros(0))
    *_, keys = reference_inputs(ids, grams, slots, table.lists, positions, fine, word, 2.5, none, none)
    keys = np.unique(keys[keys != 0])
    pairs = PairTable(keys, rng.integers(0, 40, len(keys)), rng.integers(0, 40, len(keys)))
    word_pairs = PairTable(keys[1::2], rng.integers(0, 9, len(keys[1::2])), rng.integers(0, 9, len(keys[1::2])))
    return ids, grams, slots, positions, fine, word, pairs, word_pairs


def small_table():
    vocab = Vocabulary(["ក", "ខ", "គ", "ឃ"])
    return build_lexicon_table(vocab, [["កខ", "ខគ", "កខគ"], ["គឃ", "ឃក"], ["កខគឃ"]])


def test_engine_inputs_equal_the_reference_inputs():
    """second_pass_inputs (group keys, float32 continuous inputs in the engine's column order, padded)
    gives network_inputs' parts and continuous inputs, and the logistic rows of stack_features."""
    from sastra.segment.stacking import _ENGINE_COLUMNS, STACK_TEMPLATES, group_keys, second_pass_inputs, \
        stack_features

    table = small_table()
    rng = np.random.default_rng(11)
    for _ in range(60):
        ids, grams, slots, positions, fine, word, pairs, word_pairs = random_case(rng, table)
        net = random_network()
        net.prepare(pairs, word_pairs)
        for targets in (None, np.flatnonzero(rng.random(len(positions)) < 0.4)):
            if targets is not None and len(targets) == 0:
                continue
            part_rows, continuous = network_inputs(ids, grams, slots, table.lists, positions, fine, word, 2.5, pairs,
                                                   word_pairs, targets)
            rows, (keys, engine_continuous) = second_pass_inputs(ids, grams, slots, table.lists, positions, fine,
                                                                 word, 2.5, STACK_TEMPLATES, net, targets)
            m = part_rows.shape[1]
            assert np.array_equal(rows, stack_features(ids, grams, slots, table.lists, positions, fine, word, 2.5,
                                                       targets=targets))
            source = np.zeros((29, m), dtype=np.int64)
            from sastra.segment.stacking import _NET_PART_SOURCE, _NET_OFFSETS

            source[_NET_PART_SOURCE] = part_rows - _NET_OFFSETS
            assert np.array_equal(keys, group_keys(source))
            assert engine_continuous.dtype == np.float32 and engine_continuous.shape[0] >= m
            assert np.array_equal(engine_continuous[:m], continuous[:, _ENGINE_COLUMNS].astype(np.float32))
            assert not engine_continuous[m:].any()


def test_few_boundaries_path_gives_the_array_paths_network_inputs():
    from sastra.segment.stacking import STACK_TEMPLATES, second_pass_inputs, stack_features_few

    table = small_table()
    rng = np.random.default_rng(12)
    checked = 0
    for _ in range(80):
        ids, grams, slots, positions, fine, word, pairs, word_pairs = random_case(rng, table, 30)
        net = random_network()
        net.prepare(pairs, word_pairs)
        targets = np.sort(rng.choice(len(positions), size=min(len(positions), int(rng.integers(1, 9))),
                                     replace=False))
        rows, (keys, continuous) = second_pass_inputs(ids, grams, slots, table.lists, positions, fine, word, 2.5,
                                                      STACK_TEMPLATES, net, targets)
        few_rows, (few_keys, few_continuous) = stack_features_few(
            ids, slots, table.lists, positions.tolist(), fine.tolist(), word.tolist(), 2.5, STACK_TEMPLATES,
            targets.tolist(), net, grams)
        assert np.array_equal(few_rows, rows)
        assert np.array_equal(few_keys, keys)
        assert np.array_equal(few_continuous, continuous)
        checked += 1
    assert checked == 80


@pytest.mark.parametrize("m", [0, 1, 5, 8, 9, 32, 33, 70])
def test_evaluate_equals_network_scores(m):
    """The engine's network (group tables, blocks of NET_BLOCK rows, ReLU as x + |x|) gives the
    definition's scores, to float32 rounding."""
    from sastra.segment.stacking import _ENGINE_COLUMNS, _NET_OFFSETS, _NET_PART_SOURCE, _padded, group_keys

    rng = np.random.default_rng(m)
    net = random_network(24, seed=m)
    empty = PairTable(np.zeros(0, dtype=np.uint64), np.zeros(0), np.zeros(0))
    net.prepare(empty, empty)
    values = np.stack([rng.integers(0, size, m) for _, size in NET_PARTS])
    continuous = rng.normal(0, 2, (m, NET_CONTINUOUS))
    source = np.zeros((29, m), dtype=np.int64)
    source[_NET_PART_SOURCE] = values
    engine_continuous = np.zeros((_padded(m), NET_CONTINUOUS), dtype=np.float32)
    engine_continuous[:m] = continuous[:, _ENGINE_COLUMNS]
    got = net.evaluate(group_keys(source), engine_continuous)
    want = network_scores(values + _NET_OFFSETS, continuous, net)
    assert got.shape == (m, 2)
    assert np.allclose(got, want, rtol=1e-5, atol=1e-4)


def test_pair_inputs_find_what_the_tables_hold():
    """PairInputs (both tables' keys in one bucketed array; row_of for the few-boundary path) gives
    PairTable.count_inputs, for keys of either table, of both, of neither, 0 and the largest key."""
    from sastra.segment.stacking import PairInputs

    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(1, 2**64 - 1, 5000, dtype=np.uint64))
    pairs = PairTable(keys[:3000], rng.integers(0, 50, 3000), rng.integers(0, 50, 3000))
    word_pairs = PairTable(keys[2000:], rng.integers(0, 50, len(keys) - 2000), rng.integers(0, 50, len(keys) - 2000))
    lookup = PairInputs(pairs, word_pairs)
    queries = np.concatenate([keys[::7], rng.integers(1, 2**64 - 1, 300, dtype=np.uint64),
                              np.array([0, 2**64 - 1], dtype=np.uint64)])
    for word_keys, fine_keys in ((queries, queries[::-1].copy()), (queries[::-1].copy(), queries)):
        got = lookup.inputs_of(np.stack([word_keys, fine_keys]))
        want = np.concatenate([word_pairs.count_inputs(word_keys), pairs.count_inputs(fine_keys)], axis=1)
        assert np.array_equal(got, want.astype(np.float32))
        rows = [[lookup.row_of(int(w), 0), lookup.row_of(int(f), 1)] for w, f in zip(word_keys, fine_keys)]
        assert np.array_equal(lookup.values.take(np.array(rows), axis=0).reshape(-1, 6), got)
    assert np.array_equal(pairs.count_inputs(np.array([0], dtype=np.uint64)), [[0.0, 0.0, 0.5]])


# --- the shipped model's network ------------------------------------------------------------------------


def model_copy(tmp_path, drop=(), meta_change=None):
    """The shipped model file, copied with some arrays left out or its meta changed."""
    with data_path("perceptron.npz").open("rb") as stream:
        data = np.load(stream, allow_pickle=False)
        arrays = {name: data[name] for name in data.files if name not in drop}
    if meta_change is not None:
        meta = json.loads(str(arrays["meta"]))
        meta_change(meta)
        arrays["meta"] = np.array(json.dumps(meta, ensure_ascii=False))
    path = tmp_path / "model.npz"
    np.savez_compressed(path, **arrays)
    return path


TEXT = "ព្រះរាជាណាចក្រកម្ពុជាមានប្រជាជនជាង១៦លាននាក់ហើយក្រសួងសុខាភិបាលបានប្រកាសថាការបោះឆ្នោតនឹងធ្វើឡើងនៅខែក្រោយ"


def text_ids(engine):
    ids, codes = engine.encode(ATOM_RE.findall(TEXT))
    ids = ids[codes == 1]
    return ids, np.arange(1, len(ids))


def test_shipped_model_has_the_network():
    engine = get_engine("perceptron")
    assert engine.network is not None
    assert engine.meta["stack"]["net"]["parts"] == [list(part) for part in NET_PARTS]


def test_network_adds_to_the_logistic_scores_where_the_second_pass_applies(tmp_path):
    """Without the network arrays a file loads and scores as the logistic second pass alone; with
    them, the scores differ by the network's output exactly at the gated boundaries."""
    with_net = get_engine("perceptron")
    without = PerceptronEngine(str(model_copy(tmp_path, drop=tuple(f"net_{name}" for name in NET_ARRAYS))))
    assert without.network is None and without.stack is not None
    ids, candidates = text_ids(with_net)
    lookup = lexicon_lookup(ids, with_net.lexicon)
    first = with_net.first_pass(ids, candidates, lookup)
    fine, word = first.real.astype(np.float64), first.imag.astype(np.float64)
    targets = np.flatnonzero(margins(fine, word) < with_net.stack_gate)
    assert len(targets)
    part_rows, continuous = network_inputs(ids, lookup[0], lookup[1], with_net.lexicon.lists, candidates, fine, word,
                                           with_net.stack[2], with_net.pairs, with_net.word_pairs, targets)
    net = network_scores(part_rows, continuous, with_net.network)
    difference = with_net.scores(ids, candidates) - without.scores(ids, candidates)
    assert np.allclose(difference[targets].real, net[:, 0]) and np.allclose(difference[targets].imag, net[:, 1])
    sure = np.setdiff1d(np.arange(len(candidates)), targets)
    assert np.all(difference[sure] == 0)
    # and without the arrays the engine still labels text (an older file)
    assert set(without.label(ids, np.ones(len(ids), dtype=np.int64), candidates).tolist()) <= {0, 1, 2}


def test_network_of_other_parts_is_refused(tmp_path):
    def other_parts(meta):
        meta["stack"]["net"]["parts"] = meta["stack"]["net"]["parts"][:-1]

    with pytest.raises(ConfigError):
        PerceptronEngine(str(model_copy(tmp_path, meta_change=other_parts)))


def test_network_without_pair_tables_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        PerceptronEngine(str(model_copy(tmp_path, drop=("pair_keys", "pair_joined", "pair_split"))))


def reference_scores(engine, ids, candidates):
    """The engine's scores as the definitions give them: the first pass, then at the gated boundaries
    the logistic second pass (stack_features) plus network_scores over network_inputs, in float64."""
    from sastra.segment.stacking import stack_features

    lookup = lexicon_lookup(ids, engine.lexicon)
    first = engine.first_pass(ids, candidates, lookup)
    fine, word = first.real.astype(np.float64), first.imag.astype(np.float64)
    weights, dense, scale = engine.stack
    out = first.astype(np.complex128)
    targets = np.flatnonzero(margins(fine, word) < engine.stack_gate)
    if len(targets) == 0:
        return out
    rows = stack_features(ids, lookup[0], lookup[1], engine.lexicon.lists, candidates, fine, word, scale,
                          engine.stack_templates, engine.pairs, engine.word_pairs, targets)
    part_rows, continuous = network_inputs(ids, lookup[0], lookup[1], engine.lexicon.lists, candidates, fine, word,
                                           scale, engine.pairs, engine.word_pairs, targets)
    net = network_scores(part_rows, continuous, engine.network).astype(np.float64)
    second = weights[rows].sum(axis=0)
    f, w = fine[targets], word[targets]
    out[targets] = ((second.real + (f * dense[0, 0] + w * dense[1, 0]) / scale + net[:, 0])
                    + 1j * (second.imag + (f * dense[0, 1] + w * dense[1, 1]) / scale + net[:, 1]))
    return out


def test_engine_labels_equal_the_definitions_on_news(shared_data):
    """On ../shared/data/corpus/kh-news-2019-07.jsonl (150 articles, and short pieces of them, which take
    the few-boundary path), the engine's labels are those of the definitions (reference_scores) and its
    scores agree with them to float32 rounding."""
    import json

    path = shared_data / "corpus" / "kh-news-2019-07.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    engine = get_engine("perceptron")
    boundaries = 0
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream):
            if number >= 150:
                break
            text = json.loads(line)["text"]
            for piece in (text, text[:40], text[100:160]):
                ids, codes = engine.encode(ATOM_RE.findall(piece))
                ids = ids[codes == 1]
                if len(ids) < 2:
                    continue
                candidates = np.arange(1, len(ids))
                want = reference_scores(engine, ids, candidates)
                got = engine.scores(ids, candidates)
                assert np.allclose(got, want, rtol=1e-5, atol=1e-4)
                assert np.array_equal(decisions(got.real, got.imag), decisions(want.real, want.imag))
                boundaries += len(candidates)
    assert boundaries > 50_000
