"""Rebuild the shipped segmentation data: src/sastra/data/segment/{lexicon.txt, perceptron.npz}.

    python scripts/train_segmenter.py [--data ../shared/data] [--epochs 10] [--holdout 0] [--cv 5]

The shipped model is trained on all of khPOS train.tagged (``--holdout 0``, the default). To measure the
recipe, build it on the first 90% only and score the rest: ``--holdout 0.1 --out /tmp/m90.npz`` (never
over the shipped file), and ``--stack-cv`` for 5-fold CV inside the training part.

1. lexicon.txt: ICU khmerdict (Unicode licence) + the Khmer spellings of Google's km lexicon (CC BY 4.0),
   normalized with sastra.segment.normal.fold, Khmer-only, deduplicated, sorted.
2. perceptron.npz: a linear model over hashed boundary features (3 labels per cluster boundary: none /
   fine / word): an averaged perceptron (10 epochs) and a multinomial logistic regression (AdaGrad, 5
   epochs), each scaled by its mean margin on the training data and summed (one linear model, so no cost
   at run time). Then a second pass (sastra.segment.stacking: features of the first pass's decisions
   around each boundary and of the words they make), a logistic regression trained on out-of-fold
   first-pass scores (``--oof`` contiguous folds; ``--stack-cv`` reports the CV of both passes on them;
   ``--no-stack`` builds the first pass only). Over the logistic second pass, a small network (one
   hidden ReLU layer, numpy, Adam; ``--net-seeds`` networks of ``--net-hidden`` units averaged, 0: none)
   is trained on the out-of-fold boundaries whose first-pass margin is under ``--net-gate`` and added
   to its scores where the second pass applies (stacking.network_inputs says what it sees).
   Trained on the first (1 - holdout) of khPOS
   train.tagged (CC BY-NC-SA 4.0); with ``--holdout 0.1`` the last tenth of the file is never trained on
   and is scored at the end (the split that bench/segment_bench.py reports). ``--cv K`` also reports K-fold
   cross-validation of the first pass inside the training part. One core, numpy only; about seven
   minutes, peak memory about 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sastra.segment import core  # noqa: E402
from sastra.segment.encoding import Vocabulary  # noqa: E402
from sastra.segment.engines import (  # noqa: E402
    NET_ARRAYS, PerceptronEngine, _Encoder, build_lexicon_table, lexicon_words, write_table_file)
from sastra.segment.features import (  # noqa: E402
    COMPOUND_TEMPLATES,
    TEMPLATES,
    WEIGHT_BITS,
    boundary_features,
    features_for,
    lexicon_evidence,
    lexicon_lookup,
)
from sastra.segment.stacking import (  # noqa: E402
    NET_CONTINUOUS,
    NET_PART_ROWS,
    NET_PARTS,
    PAIR_TEMPLATES,
    STACK_BITS,
    WPAIR_TEMPLATES,
    STACK_TEMPLATES,
    NetworkWeights,
    PairTable,
    decisions,
    gold_pair_keys,
    margins,
    network_inputs,
    network_scores,
    stack_features,
)
from sastra.segment.normal import fold  # noqa: E402
from sastra.segment.pretokenize import ATOM_RE  # noqa: E402
from sastra.segment.scoring import F1, GoldSentence, read_khpos  # noqa: E402

OUT = REPO / "src" / "sastra" / "data" / "segment"
FIRST_TEMPLATES = TEMPLATES  # --compound-templates appends COMPOUND_TEMPLATES


def build_lexicon(data: Path) -> list[str]:
    words: set[str] = set()
    sources = {"icu": 0, "google": 0}
    for line in (data / "lexicon" / "icu-khmerdict.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.add(fold(line.strip()))
            sources["icu"] += 1
    for line in (data / "lexicon" / "google-km-lexicon.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        spelling = line.split("\t", 1)[0].strip()
        if spelling:
            words.add(fold(spelling))
            sources["google"] += 1
    kept = sorted(w for w in words if w and all(core.atom_code(a) == 1 for a in ATOM_RE.findall(w)))
    print(f"lexicon: {sources} -> {len(kept)} Khmer words", file=sys.stderr)
    return kept


def write_lexicon(words: list[str], data: Path) -> None:
    header = [
        "# sastra segmentation lexicon: ICU khmerdict (ICU 72, Unicode licence) + Khmer spellings of",
        "# Google language-resources km lexicon (CC BY 4.0). Normalized (sastra.segment.normal.fold),",
        f"# Khmer-only, deduplicated, sorted; {len(words)} words. Rebuild: python scripts/train_segmenter.py",
    ]
    (OUT / "lexicon.txt").write_text("\n".join(header + words) + "\n", encoding="utf-8")
    lexicon_words.cache_clear()


def sentence_atoms(gold: GoldSentence):
    """Non-gap atoms, their codes, and gold labels of the candidate boundaries of one sentence."""
    atoms = ATOM_RE.findall(gold.text)
    codes = [core.atom_code(a) for a in atoms]
    word_cuts = {s for s, _ in gold.words} | {e for _, e in gold.words}
    fine_cuts = {s for s, _ in gold.fine} | {e for _, e in gold.fine}
    kept, kept_codes, offsets = [], [], []
    pos = 0
    touching = []
    prev_gap = False
    for atom, code in zip(atoms, codes):
        if code == 0:
            prev_gap = True
        else:
            kept.append(atom)
            kept_codes.append(code)
            offsets.append(pos)
            touching.append(not prev_gap)
            prev_gap = False
        pos += len(atom)
    codes_np = np.array(kept_codes, dtype=np.int64)
    n = len(kept)
    positions = [b for b in range(1, n) if touching[b] and kept_codes[b] == 1 and kept_codes[b - 1] == 1]
    labels = [2 if offsets[b] in word_cuts else 1 if offsets[b] in fine_cuts else 0 for b in positions]
    return kept, codes_np, np.array(positions, dtype=np.int64), np.array(labels, dtype=np.int64)


def build_vocab(sentences: list[GoldSentence], lexicon: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    for gold in sentences:
        for atom in ATOM_RE.findall(gold.text):
            if core.atom_code(atom) in (1, 7, 8):
                seen[atom] = seen.get(atom, 0) + 1
    for word in lexicon:
        for atom in ATOM_RE.findall(word):
            seen.setdefault(atom, 0)
    return sorted(seen)


def gold_words(sentences: list[GoldSentence]) -> list[str]:
    """Khmer-only gold words (compounds whole): the model's own lexicon."""
    words = set()
    for gold in sentences:
        for s, e in gold.words + gold.fine:
            word = gold.text[s:e]
            if all(core.atom_code(a) == 1 for a in ATOM_RE.findall(word)):
                words.add(word)
    return sorted(words)


def gold_compounds(sentences: list[GoldSentence]) -> list[str]:
    """Khmer-only gold words made of two or more parts (compounds, prefixed and suffixed words)."""
    words = set()
    for gold in sentences:
        fine = set(gold.fine)
        for s, e in gold.words:
            word = gold.text[s:e]
            if (s, e) not in fine and all(core.atom_code(a) == 1 for a in ATOM_RE.findall(word)):
                words.add(word)
    return sorted(words)


def featurize(sentences, encoder, vocab, own_tables):
    """Features of every training boundary; own_tables[i] is the own-lexicon table for sentence i
    (built without sentence i's fold: jackknifing, so the feature is as reliable as at run time)."""
    rows, labels, bounds = [], [], [0]
    for i, gold in enumerate(sentences):
        atoms, codes, positions, gold_labels = sentence_atoms(gold)
        if len(positions) == 0:
            continue
        ids, _ = encoder.encode(atoms)
        rows.append(features_for(ids, vocab.shapes[ids], own_tables(i), positions, WEIGHT_BITS, FIRST_TEMPLATES))
        labels.append(gold_labels)
        bounds.append(bounds[-1] + len(positions))
    return np.concatenate(rows, axis=1), np.concatenate(labels), np.array(bounds)


def train(features, labels, bounds, epochs: int, seed: int = 13, aggressive: float = 0.0) -> np.ndarray:
    """Averaged perceptron with per-sentence updates (all boundaries of a sentence scored at once)."""
    size = 1 << WEIGHT_BITS
    weights = np.zeros((size, 3), dtype=np.float64)
    totals = np.zeros((size, 3), dtype=np.float64)  # sum of (step * update), for averaging
    rng = np.random.default_rng(seed)
    n_sent = len(bounds) - 1
    step = 1
    for epoch in range(epochs):
        order = rng.permutation(n_sent)
        errors = 0
        for s in order.tolist():
            lo, hi = bounds[s], bounds[s + 1]
            rows = features[:, lo:hi]
            scores = weights[rows].sum(axis=0)
            gold = labels[lo:hi]
            if aggressive:  # passive-aggressive (PA-I): update wherever the margin is under 1
                gold_scores = scores[np.arange(len(gold)), gold]
                rival_scores = scores.copy()
                rival_scores[np.arange(len(gold)), gold] = -np.inf
                predicted = rival_scores.argmax(axis=1)
                loss = 1.0 - (gold_scores - rival_scores[np.arange(len(gold)), predicted])
                wrong = np.flatnonzero(loss > 0)
                size = np.minimum(aggressive, loss[wrong] / (2.0 * rows.shape[0]))
            else:
                predicted = scores.argmax(axis=1)
                wrong = np.flatnonzero(predicted != gold)
                size = np.ones(len(wrong))
            if len(wrong):
                errors += len(wrong)
                r = rows[:, wrong].ravel()
                g = np.tile(gold[wrong], rows.shape[0])
                p = np.tile(predicted[wrong], rows.shape[0])
                v = np.tile(size, rows.shape[0])
                np.add.at(weights, (r, g), v)
                np.add.at(weights, (r, p), -v)
                np.add.at(totals, (r, g), step * v)
                np.add.at(totals, (r, p), -step * v)
            step += 1
        print(f"epoch {epoch + 1}: {errors} errors on {len(labels)} boundaries", file=sys.stderr)
    return weights - totals / step


def train_logistic(features, labels, epochs: int, rate: float = 0.2, batch: int = 256,
                   l2: float = 0.0, seed: int = 13) -> np.ndarray:
    """Multinomial logistic regression with AdaGrad over mini-batches (an alternative learner)."""
    size = 1 << WEIGHT_BITS
    weights = np.zeros((size, 3), dtype=np.float64)
    squares = np.full((size, 3), 1e-8, dtype=np.float64)
    grad = np.zeros((size, 3), dtype=np.float64)
    rng = np.random.default_rng(seed)
    n = len(labels)
    onehot = np.eye(3)[labels]
    for epoch in range(epochs):
        order = rng.permutation(n)
        loss = 0.0
        for lo in range(0, n, batch):
            idx = order[lo:lo + batch]
            rows = features[:, idx]
            scores = weights[rows].sum(axis=0)
            scores -= scores.max(axis=1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=1, keepdims=True)
            loss -= np.log(probs[np.arange(len(idx)), labels[idx]] + 1e-12).sum()
            g = probs - onehot[idx]
            flat = rows.ravel()
            np.add.at(grad, flat, np.tile(g, (rows.shape[0], 1)))
            touched = np.unique(flat)
            step = grad[touched] + l2 * weights[touched]
            squares[touched] += step * step
            weights[touched] -= rate * step / np.sqrt(squares[touched])
            grad[touched] = 0.0
        print(f"epoch {epoch + 1}: loss {loss / n:.4f}", file=sys.stderr)
    return weights


def evaluate(sentences: list[GoldSentence], engine: str = "perceptron") -> tuple[float, float]:
    word, fine = F1(), F1()
    for gold in sentences:
        for granularity, score, spans in (("word", word, gold.words), ("fine", fine, gold.fine)):
            tokens = core.segment_words(gold.text, engine=engine, granularity=granularity)
            score.add(((t.start, t.end) for t in tokens), spans)
    return word.f1, fine.f1


def build_model(train_part, lexicon, args, path: Path, trained_on: str) -> None:
    """Vocabulary, jackknifed features, training and the .npz file of one model."""
    vocab = Vocabulary(build_vocab(train_part, lexicon + gold_words(train_part)))
    encoder = _Encoder(vocab)
    shipped = [] if args.no_lexicon else [lexicon]
    folds = args.folds
    fold_of = [i * folds // len(train_part) for i in range(len(train_part))]
    tables = {}

    def own_table(i):
        f = fold_of[i]
        if f not in tables:
            tables.clear()
            others = [g for g, h in zip(train_part, fold_of) if h != f]
            tables[f] = build_lexicon_table(vocab, shipped + [gold_words(others)])
        return tables[f]

    t0 = time.time()
    fixed = build_lexicon_table(vocab, shipped) if shipped else None
    features, labels, bounds = featurize(train_part, encoder, vocab,
                                         own_table if folds > 1 else (lambda i: fixed))
    tables.clear()
    print(f"features: {features.shape} in {time.time() - t0:.1f}s; labels {np.bincount(labels)}", file=sys.stderr)
    t0 = time.time()
    if args.learner == "logistic":
        weights = train_logistic(features, labels, args.epochs, rate=args.rate, l2=args.l2)
    elif args.learner == "both":  # a perceptron and a logistic model, averaged: still one linear model
        perceptron = train(features, labels, bounds, args.epochs)
        logistic = train_logistic(features, labels, args.lr_epochs, rate=args.rate, l2=args.l2)
        perceptron_margins = perceptron[features].sum(axis=0)
        logistic_margins = logistic[features].sum(axis=0)
        weights = (perceptron / np.abs(perceptron_margins).mean()
                   + args.mix * logistic / np.abs(logistic_margins).mean())
        if args.pa > 0:  # a third view: passive-aggressive updates
            passive = train(features, labels, bounds, args.epochs, seed=29, aggressive=1.0)
            passive_margins = passive[features].sum(axis=0)
            weights += args.pa * passive / np.abs(passive_margins).mean()
        if args.binary > 0:  # a third view: word boundary or not (fine and none merged)
            binary = train_logistic(features, np.where(labels == 2, 2, 0), args.lr_epochs, rate=args.rate)
            binary[:, 1] = binary[:, 0]
            binary_margins = binary[features].sum(axis=0)
            weights += args.binary * binary / np.abs(binary_margins).mean()
    else:
        weights = train(features, labels, bounds, args.epochs)
        for bag in range(1, args.bags):  # more orders of the same data, weights averaged: free at run time
            weights += train(features, labels, bounds, args.epochs, seed=13 + bag)
        weights /= args.bags
    print(f"trained in {time.time() - t0:.1f}s", file=sys.stderr)

    relative = weights[:, 1:] - weights[:, :1]  # scores relative to label 0: (fine, word)
    largest = np.abs(relative).max(axis=1)
    # rows far below the typical weight change no decision (measured: same held-out F1, half the size)
    keys = np.flatnonzero(largest > 0.2 * np.median(largest[largest > 0]))
    dtype = np.float16 if largest.max() < 60000 else np.float32
    meta = {
        "engine": "perceptron",
        "learner": args.learner,
        "weight_bits": WEIGHT_BITS,
        "templates": [list(map(list, t)) for t in FIRST_TEMPLATES],
        "lexicon": not args.no_lexicon,
        "trained_on": trained_on,
        "epochs": args.epochs,
        "built": time.strftime("%Y-%m-%d"),
    }
    np.savez_compressed(
        path,
        vocab=np.array(vocab.atoms),
        keys=keys.astype(np.int32),
        values=relative[keys].astype(dtype),
        meta=np.array(json.dumps(meta, ensure_ascii=False)),
        **({"words": np.array(gold_words(train_part))} if args.folds > 1 else {}),
    )
    print(f"saved {len(keys)} weight rows, vocab {len(vocab.atoms)}; lexicon table {write_table_file(path)}",
          file=sys.stderr)



# --- the stacked model: first pass + a second pass trained on out-of-fold first-pass scores ---------
def fit_first_pass(features, labels, bounds, args) -> np.ndarray:
    """The first pass ('both' learner): perceptron + logistic, each scaled by its mean margin, summed.
    Returns (fine - none, word - none) weights."""
    perceptron = train(features, labels, bounds, args.epochs)
    for bag in range(1, args.bags):  # more shuffle orders, averaged (still one linear model)
        perceptron += train(features, labels, bounds, args.epochs, seed=13 + bag)
    logistic = train_logistic(features, labels, args.lr_epochs, rate=args.rate, l2=args.l2)
    weights = (perceptron / np.abs(perceptron[features].sum(axis=0)).mean()
               + args.mix * logistic / np.abs(logistic[features].sum(axis=0)).mean())
    return weights[:, 1:] - weights[:, :1]


def featurize_stacked(sentences, encoder, vocab, own_table, stack_table):
    """First-pass features of every boundary plus, per sentence, what the second pass needs.

    ``stack_table(i)`` is the lexicon table the second pass sees for sentence i: built from the
    training data of the out-of-fold first-pass model that scores sentence i, exactly as at run time
    (where the word lists are the first pass's own training data, and new text is in none of them)."""
    rows, labels, bounds, per_sentence = [], [], [0], []
    for i, gold in enumerate(sentences):
        atoms, codes, positions, gold_labels = sentence_atoms(gold)
        if len(positions) == 0:
            per_sentence.append(None)
            continue
        ids, _ = encoder.encode(atoms)
        table = own_table(i)
        lookup = lexicon_lookup(ids, table)
        evidence = lexicon_evidence(ids, table, lookup)
        rows.append(boundary_features(ids, vocab.shapes[ids], evidence, positions, WEIGHT_BITS, FIRST_TEMPLATES))
        labels.append(gold_labels)
        second = stack_table(i)
        lookup = lexicon_lookup(ids, second)
        per_sentence.append((len(bounds) - 1, ids, lookup[0], lookup[1].astype(np.uint32), positions, second.lists))
        bounds.append(bounds[-1] + len(positions))
    return np.concatenate(rows, axis=1), np.concatenate(labels), np.array(bounds), per_sentence


def sentence_spans(gold: GoldSentence, positions, predicted, threshold):
    """Token spans of one khPOS sentence given labels at its candidate boundaries (as core does)."""
    atoms = ATOM_RE.findall(gold.text)
    starts, ends, pos = [], [], 0
    for atom in atoms:
        if core.atom_code(atom) != 0:
            starts.append(pos)
            ends.append(pos + len(atom))
        pos += len(atom)
    n = len(starts)
    cuts = np.full(n + 1, 2, dtype=np.int64)
    if positions is not None and len(positions):
        cuts[positions] = predicted
    c = np.flatnonzero(cuts >= threshold)
    return list(zip(np.array(starts)[c[:-1]].tolist(), np.array(ends)[c[1:] - 1].tolist()))


def score_labels(sentences, per_sentence, bounds, predicted, which) -> tuple[float, float]:
    """Word and fine F1 of sentences ``which`` from per-boundary labels ``predicted`` (global order)."""
    word, fine = F1(), F1()
    for i in which:
        info = per_sentence[i]
        if info is None:
            positions, labels = None, None
        else:
            s = info[0]
            positions, labels = info[4], predicted[bounds[s]:bounds[s + 1]]
        word.add(sentence_spans(sentences[i], positions, labels, 2), sentences[i].words)
        fine.add(sentence_spans(sentences[i], positions, labels, 1), sentences[i].fine)
    return word.f1, fine.f1


def columns_of(sentence_indices, per_sentence, bounds):
    cols, sub_bounds = [], [0]
    for i in sentence_indices:
        info = per_sentence[i]
        if info is None:
            continue
        s = info[0]
        cols.append(np.arange(bounds[s], bounds[s + 1]))
        sub_bounds.append(sub_bounds[-1] + bounds[s + 1] - bounds[s])
    return np.concatenate(cols), np.array(sub_bounds)


def _sentence_boundaries(per_sentence, bounds, scores, which):
    """Per sentence of ``which`` that has boundaries: (its number, its first and last boundary columns,
    its ids, grams, slots as int64, positions, lists, and the first-pass fine and word scores)."""
    for i in which:
        info = per_sentence[i]
        if info is None:
            continue
        s, ids, grams, slots, positions, lists = info
        lo, hi = bounds[s], bounds[s + 1]
        yield i, lo, hi, ids, grams, slots.astype(np.int64), positions, lists, scores[lo:hi, 0], scores[lo:hi, 1]


def stack_rows(per_sentence, bounds, scores, scale, which, templates=STACK_TEMPLATES, pairs_for=None,
               word_pairs_for=None):
    rows, cols = [], []
    for i, lo, hi, ids, grams, slots, positions, lists, fine, word in _sentence_boundaries(
            per_sentence, bounds, scores, which):
        pairs = pairs_for(i) if pairs_for is not None else None
        word_pairs = word_pairs_for(i) if word_pairs_for is not None else None
        rows.append(stack_features(ids, grams, slots, lists, positions, fine, word, scale, templates, pairs,
                                   word_pairs))
        cols.append(np.arange(lo, hi))
    return np.concatenate(rows, axis=1), np.concatenate(cols)


def softmax_gradient(scores, labels, onehot):
    """The negative log-likelihood of ``labels`` under the 3-way ``scores`` of a batch, and its gradient
    with respect to the scores."""
    scores = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(scores)
    probs /= probs.sum(axis=1, keepdims=True)
    return -np.log(probs[np.arange(len(labels)), labels] + 1e-12).sum(), probs - onehot


def adagrad_step(weights, squares, grad, rows, dense, dense_squares, x, g, rate: float) -> None:
    """One AdaGrad step of the logistic second pass: the hashed weight rows the batch touches (``rows``,
    templates x batch; ``grad`` is all zeros between steps) and the dense weights over ``x``."""
    flat = rows.ravel()
    np.add.at(grad, flat, np.tile(g, (rows.shape[0], 1)))
    touched = np.unique(flat)
    step = grad[touched]
    squares[touched] += step * step
    weights[touched] -= rate * step / np.sqrt(squares[touched])
    grad[touched] = 0.0
    dg = x.T @ g
    dense_squares += dg * dg
    dense -= rate * dg / np.sqrt(dense_squares)


def train_stack(rows, dense_in, labels, epochs: int, rate: float = 0.1, batch: int = 256, seed: int = 17):
    """Multinomial logistic regression (AdaGrad) over hashed second-pass rows and the first-pass scores."""
    size = 1 << STACK_BITS
    weights = np.zeros((size, 3))
    squares = np.full((size, 3), 1e-8)
    grad = np.zeros((size, 3))
    dense = np.zeros((dense_in.shape[1], 3))
    dense[:, 1:] = np.eye(2)  # start from the first pass's own decision
    dense_squares = np.full(dense.shape, 1e-8)
    rng = np.random.default_rng(seed)
    onehot = np.eye(3)[labels]
    n = len(labels)
    for epoch in range(epochs):
        order = rng.permutation(n)
        loss = 0.0
        for lo in range(0, n, batch):
            idx = order[lo:lo + batch]
            r = rows[:, idx]
            x = dense_in[idx]
            nll, g = softmax_gradient(weights[r].sum(axis=0) + x @ dense, labels[idx], onehot[idx])
            loss += nll
            adagrad_step(weights, squares, grad, r, dense, dense_squares, x, g, rate)
        print(f"stack epoch {epoch + 1}: loss {loss / n:.4f}", file=sys.stderr)
    return weights[:, 1:] - weights[:, :1], dense[:, 1:] - dense[:, :1]


def network_rows(per_sentence, bounds, scores, scale, which, pairs_for, word_pairs_for):
    """Inputs of the second pass's network (stacking.network_inputs) at every boundary of sentences
    ``which``, in column order: part rows (len(NET_PARTS), N) and continuous inputs (N, NET_CONTINUOUS)."""
    parts, continuous = [], []
    for i, _, _, ids, grams, slots, positions, lists, fine, word in _sentence_boundaries(
            per_sentence, bounds, scores, which):
        p, c = network_inputs(ids, grams, slots, lists, positions, fine, word, scale, pairs_for(i),
                              word_pairs_for(i))
        parts.append(p)
        continuous.append(c)
    return np.concatenate(parts, axis=1), np.concatenate(continuous)


def train_network(part_rows, continuous, labels, offset, hidden: int, epochs: int, rate: float, seed: int,
                  batch: int = 256) -> NetworkWeights:
    """One hidden ReLU layer (Adam, mini-batches) trained over the fixed (fine, word) scores ``offset`` of
    the logistic second pass: it learns what the linear pass leaves, from the same views one-hot plus
    the first-pass scores around the boundary and the khPOS pair counts (stacking.network_inputs)."""
    rng = np.random.default_rng(seed)
    params = {"parts": rng.normal(0, 0.05, (NET_PART_ROWS, hidden)),
              "continuous": rng.normal(0, 0.1, (NET_CONTINUOUS, hidden)),
              "bias": np.zeros(hidden),
              "out": rng.normal(0, 0.05, (hidden, 3)),
              "out_bias": np.zeros(3)}
    first_moment = {name: np.zeros_like(value) for name, value in params.items()}
    second_moment = {name: np.zeros_like(value) for name, value in params.items()}
    order_rng = np.random.default_rng(seed)
    onehot = np.eye(3)[labels]
    base = np.concatenate([np.zeros((len(labels), 1)), offset], axis=1)
    n = len(labels)
    step = 0
    for epoch in range(epochs):
        order = order_rng.permutation(n)
        loss = 0.0
        for lo in range(0, n, batch):
            idx = order[lo:lo + batch]
            pr, ci = part_rows[:, idx], continuous[idx]
            z = params["parts"][pr].sum(axis=0) + ci @ params["continuous"] + params["bias"]
            h = np.maximum(z, 0)
            nll, g = softmax_gradient(base[idx] + h @ params["out"] + params["out_bias"], labels[idx], onehot[idx])
            loss += nll
            dz = (g @ params["out"].T) * (z > 0)
            grad_parts = np.zeros_like(params["parts"])
            np.add.at(grad_parts, pr.ravel(), np.tile(dz, (pr.shape[0], 1)))
            grads = {"out": h.T @ g, "out_bias": g.sum(axis=0), "bias": dz.sum(axis=0), "continuous": ci.T @ dz,
                     "parts": grad_parts}
            step += 1
            c1, c2 = 1 - 0.9 ** step, 1 - 0.999 ** step
            for name in ("parts", "continuous", "bias", "out", "out_bias"):
                first_moment[name] = 0.9 * first_moment[name] + 0.1 * grads[name]
                second_moment[name] = 0.999 * second_moment[name] + 0.001 * grads[name] ** 2
                params[name] -= rate * (first_moment[name] / c1) / (np.sqrt(second_moment[name] / c2) + 1e-8)
        print(f"network epoch {epoch + 1}: loss {loss / n:.4f} on {n} boundaries", file=sys.stderr)
    return NetworkWeights(params["parts"], params["continuous"], params["bias"],
                          params["out"][:, 1:] - params["out"][:, :1], params["out_bias"][1:] - params["out_bias"][0])


def train_networks(part_rows, continuous, labels, offset, args) -> NetworkWeights:
    """``args.net_seeds`` networks (seeds 17, 18, ...), their outputs averaged: one network with their
    hidden units side by side and output weights divided by their number."""
    nets = [train_network(part_rows, continuous, labels, offset, args.net_hidden, args.net_epochs, args.net_rate,
                          seed=17 + k) for k in range(args.net_seeds)]
    count = len(nets)
    return NetworkWeights(np.concatenate([n.parts for n in nets], axis=1),
                          np.concatenate([n.continuous for n in nets], axis=1),
                          np.concatenate([n.bias for n in nets]),
                          np.concatenate([n.out for n in nets]) / count,
                          sum(n.out_bias for n in nets) / count)


def stack_predict(weights, dense, rows, dense_in, word_bias: float = 0.0, fine_bias: float = 0.0):
    total = weights[rows].sum(axis=0) + dense_in @ dense
    return decisions(total[:, 0] + fine_bias, total[:, 1] + word_bias)


def build_stacked(train_part, lexicon, args, path: Path | None, trained_on: str):
    """First pass on all of ``train_part``; second pass on out-of-fold first-pass scores (``args.oof``
    contiguous folds). Reports the CV of both passes under the same protocol. Saves to ``path``."""
    words_all, compounds_all = gold_words(train_part), gold_compounds(train_part)
    vocab = Vocabulary(build_vocab(train_part, lexicon + words_all))
    encoder = _Encoder(vocab)
    folds = args.folds
    fold_of = [i * folds // len(train_part) for i in range(len(train_part))]
    tables = {}

    def own_table(i):  # jackknifed own lexicon: words and compounds of the other folds only
        f = fold_of[i]
        if f not in tables:
            tables.clear()
            others = [g for g, h in zip(train_part, fold_of) if h != f]
            tables[f] = build_lexicon_table(vocab, [lexicon, gold_words(others), gold_compounds(others)])
        return tables[f]

    k_folds = args.oof
    block = [i * k_folds // len(train_part) for i in range(len(train_part))]
    stack_tables = {}

    def stack_table(i):  # the word lists of the out-of-fold model that scores sentence i
        k = block[i]
        if k not in stack_tables:
            stack_tables.clear()
            others = [g for g, h in zip(train_part, block) if h != k]
            stack_tables[k] = build_lexicon_table(vocab, [lexicon, gold_words(others), gold_compounds(others)])
        return stack_tables[k]

    t0 = time.time()
    features, labels, bounds, per_sentence = featurize_stacked(train_part, encoder, vocab, own_table, stack_table)
    tables.clear()
    stack_tables.clear()
    print(f"features: {features.shape} in {time.time() - t0:.1f}s", file=sys.stderr)

    # out-of-fold first-pass scores
    oof = np.zeros((len(labels), 2))
    cached = args.oof_cache and Path(args.oof_cache).exists()
    if cached:
        oof = np.load(args.oof_cache)
    for k in range(0 if cached else k_folds):
        t0 = time.time()
        train_idx = [i for i in range(len(train_part)) if block[i] != k]
        test_idx = [i for i in range(len(train_part)) if block[i] == k]
        cols, sub_bounds = columns_of(train_idx, per_sentence, bounds)
        weights = fit_first_pass(features[:, cols], labels[cols], sub_bounds, args)
        test_cols, _ = columns_of(test_idx, per_sentence, bounds)
        oof[test_cols] = weights[features[:, test_cols]].sum(axis=0)
        print(f"oof fold {k + 1}/{k_folds} in {time.time() - t0:.1f}s", file=sys.stderr)
    if args.oof_cache and not cached:
        np.save(args.oof_cache, oof)
    scale = float(np.abs(oof).mean())
    all_idx = list(range(len(train_part)))
    templates = (STACK_TEMPLATES + (PAIR_TEMPLATES if args.pairs else ())
                 + (WPAIR_TEMPLATES if args.word_pairs else ()))
    pair_tables = {}  # level (1 fine, 2 word) -> (per-block tables, full table)
    with_net = args.net_seeds > 0
    for level in ([1] if args.pairs or with_net else []) + ([2] if args.word_pairs or with_net else []):
        # pair statistics of gold units, for each block from the other blocks only (as at run time)
        gold_keys = np.zeros(len(labels), dtype=np.uint64)
        for info in per_sentence:
            if info is not None:
                s, ids, grams, slots, positions, lists = info
                lo, hi = bounds[s], bounds[s + 1]
                gold_keys[lo:hi] = gold_pair_keys(grams, slots.astype(np.int64), lists, len(ids), positions,
                                                  labels[lo:hi], level)
        block_cols = [columns_of([i for i in all_idx if block[i] != k], per_sentence, bounds)[0]
                      for k in range(k_folds)]
        pair_tables[level] = ([PairTable.from_labels(gold_keys[c], labels[c]) for c in block_cols],
                              PairTable.from_labels(gold_keys, labels))
        print(f"pair table (level {level}): {len(pair_tables[level][1].keys)} pairs", file=sys.stderr)
    pairs_for = (lambda i: pair_tables[1][0][block[i]]) if 1 in pair_tables else None
    word_pairs_for = (lambda i: pair_tables[2][0][block[i]]) if 2 in pair_tables else None
    rows, cols = stack_rows(per_sentence, bounds, oof, scale, all_idx, templates,
                            pairs_for if args.pairs else None, word_pairs_for if args.word_pairs else None)
    assert np.array_equal(cols, np.arange(len(labels)))
    dense_in = oof / scale
    if with_net:  # the network's inputs, with each block's pair counts taken from the other blocks
        net_parts, net_continuous = network_rows(per_sentence, bounds, oof, scale, all_idx, pairs_for,
                                                 word_pairs_for)
        net_train = margins(oof[:, 0], oof[:, 1]) < args.net_gate  # the boundaries it is trained on

    # CV of both passes on the same folds
    first_scores, stack_scores, sweep, gated, gated_share, net_scores = [], [], {}, {}, {}, []
    three = np.concatenate([np.zeros((len(oof), 1)), oof], axis=1)
    three.sort(axis=1)
    first_margin = three[:, 2] - three[:, 1]  # top score minus the runner-up, in first-pass units
    first_labels = decisions(oof[:, 0], oof[:, 1])
    if args.stack_cv:
        for k in range(k_folds):
            test_idx = [i for i in all_idx if block[i] == k]
            train_cols, _ = columns_of([i for i in all_idx if block[i] != k], per_sentence, bounds)
            test_cols, _ = columns_of(test_idx, per_sentence, bounds)
            w2, d2 = train_stack(rows[:, train_cols], dense_in[train_cols], labels[train_cols], args.stack_epochs,
                                 rate=args.stack_rate)
            predicted = np.zeros(len(labels), dtype=np.int64)
            predicted[test_cols] = stack_predict(w2, d2, rows[:, test_cols], dense_in[test_cols])
            for gate in args.gate_sweep:  # (experiments) the second pass only where the first is unsure
                p2 = first_labels.copy()
                unsure = test_cols[first_margin[test_cols] < gate]
                p2[test_cols] = first_labels[test_cols]
                p2[unsure] = predicted[unsure]
                gated.setdefault(gate, []).append(score_labels(train_part, per_sentence, bounds, p2, test_idx))
                gated_share.setdefault(gate, []).append(len(unsure) / max(1, len(test_cols)))
            for bias in args.bias_sweep:  # (experiments) a constant added to the word score
                for fb in (0.0, bias) if bias else (0.0,):
                    p2 = np.zeros(len(labels), dtype=np.int64)
                    p2[test_cols] = stack_predict(w2, d2, rows[:, test_cols], dense_in[test_cols], bias, fb)
                    sweep.setdefault((bias, fb), []).append(score_labels(train_part, per_sentence, bounds, p2,
                                                                         test_idx))
            if with_net and args.stack_gate is not None:  # + the network, applied where the second pass is
                fit = train_cols[net_train[train_cols]]
                logistic = w2[rows[:, fit]].sum(axis=0) + dense_in[fit] @ d2
                net = train_networks(net_parts[:, fit], net_continuous[fit], labels[fit], logistic, args)
                unsure = test_cols[first_margin[test_cols] < args.stack_gate]
                total = (w2[rows[:, unsure]].sum(axis=0) + dense_in[unsure] @ d2
                         + network_scores(net_parts[:, unsure], net_continuous[unsure], net))
                p2 = first_labels.copy()
                p2[unsure] = decisions(total[:, 0], total[:, 1])
                p_lr = first_labels.copy()
                p_lr[unsure] = predicted[unsure]
                net_scores.append((score_labels(train_part, per_sentence, bounds, p_lr, test_idx),
                                   score_labels(train_part, per_sentence, bounds, p2, test_idx)))
                print(f"cv fold {k + 1}/{k_folds}: second pass (gate {args.stack_gate:g}) word "
                      f"{100 * net_scores[-1][0][0]:.3f} fine {100 * net_scores[-1][0][1]:.3f} | + network word "
                      f"{100 * net_scores[-1][1][0]:.3f} fine {100 * net_scores[-1][1][1]:.3f}")
            first_scores.append(score_labels(train_part, per_sentence, bounds, first_labels, test_idx))
            stack_scores.append(score_labels(train_part, per_sentence, bounds, predicted, test_idx))
            print(f"cv fold {k + 1}/{k_folds}: first pass word {100 * first_scores[-1][0]:.2f} fine "
                  f"{100 * first_scores[-1][1]:.2f} | stacked word {100 * stack_scores[-1][0]:.2f} fine "
                  f"{100 * stack_scores[-1][1]:.2f}")
        for gate, sc in sorted(gated.items()):
            print(f"  second pass where first-pass margin < {gate:g} ({100 * np.mean(gated_share[gate]):.1f}% of "
                  f"boundaries): word F1 {100 * np.mean([a for a, _ in sc]):.3f}  "
                  f"fine F1 {100 * np.mean([b for _, b in sc]):.3f}")
        for (bias, fb), sc in sorted(sweep.items()):
            print(f"  bias word {bias:+.2f} fine {fb:+.2f}: word F1 {100 * np.mean([a for a, _ in sc]):.3f}  "
                  f"fine F1 {100 * np.mean([b for _, b in sc]):.3f}")
        for name, sc in (("first pass", first_scores), ("stacked", stack_scores)):
            w = [a for a, _ in sc]
            f = [b for _, b in sc]
            print(f"{k_folds}-fold CV ({name}): word F1 {100 * np.mean(w):.2f} (sd {100 * np.std(w):.2f})  "
                  f"fine F1 {100 * np.mean(f):.2f} (sd {100 * np.std(f):.2f})")
        if net_scores:
            for name, at in (("second pass, gated", 0), ("second pass + network, gated", 1)):
                w = [100 * pair[at][0] for pair in net_scores]
                f = [100 * pair[at][1] for pair in net_scores]
                print(f"{k_folds}-fold CV ({name}): word F1 {np.mean(w):.3f} (sd {np.std(w):.2f})  "
                      f"fine F1 {np.mean(f):.3f} (sd {np.std(f):.2f})")
            dw = [100 * (b[0] - a[0]) for a, b in net_scores]
            df = [100 * (b[1] - a[1]) for a, b in net_scores]
            print("  network minus logistic per fold: word " + " ".join(f"{x:+.3f}" for x in dw)
                  + "; fine " + " ".join(f"{x:+.3f}" for x in df))
    if path is None or args.first_cv_only:
        return

    t0 = time.time()
    first = fit_first_pass(features, labels, bounds, args)
    stack_w, stack_d = train_stack(rows, dense_in, labels, args.stack_epochs, rate=args.stack_rate)
    net = None
    if with_net:
        fit = np.flatnonzero(net_train)
        net = train_networks(net_parts[:, fit], net_continuous[fit], labels[fit],
                             stack_w[rows[:, fit]].sum(axis=0) + dense_in[fit] @ stack_d, args)
    print(f"final model trained in {time.time() - t0:.1f}s", file=sys.stderr)
    largest = np.abs(first).max(axis=1)
    keys = np.flatnonzero(largest > 0.2 * np.median(largest[largest > 0]))
    stack_largest = np.abs(stack_w).max(axis=1)
    stack_keys = np.flatnonzero(stack_largest > 0.05 * np.median(stack_largest[stack_largest > 0]))
    meta = {
        "engine": "perceptron",
        "learner": "both+stack",
        "weight_bits": WEIGHT_BITS,
        "templates": [list(map(list, t)) for t in FIRST_TEMPLATES],
        "lexicon": True,
        "trained_on": trained_on,
        "epochs": args.epochs,
        "stack": {"bits": STACK_BITS, "templates": [list(t) for t in templates], "scale": scale,
                  "gate": args.stack_gate,
                  "oof_folds": k_folds, "epochs": args.stack_epochs,
                  **({"net": {"parts": [list(part) for part in NET_PARTS], "hidden": int(net.parts.shape[1]),
                              "shapes": {f"net_{name}": list(getattr(net, name).shape) for name in NET_ARRAYS},
                              "seeds": args.net_seeds, "units_per_seed": args.net_hidden,
                              "epochs": args.net_epochs, "rate": args.net_rate, "trained_under_margin": args.net_gate}}
                     if net is not None else {})},
        "built": time.strftime("%Y-%m-%d"),
    }
    np.savez_compressed(
        path,
        vocab=np.array(vocab.atoms),
        keys=keys.astype(np.int32),
        values=first[keys].astype(np.float16),
        stack_keys=stack_keys.astype(np.int32),
        stack_values=stack_w[stack_keys].astype(np.float16),
        stack_dense=stack_d.astype(np.float64),
        meta=np.array(json.dumps(meta, ensure_ascii=False)),
        words=np.array(words_all),
        compounds=np.array(compounds_all),
        **{f"{prefix}_{name}": (table.keys if name == "keys" else
                                np.minimum(getattr(table, name), 65535).astype(np.uint16))
           for level, prefix in ((1, "pair"), (2, "wpair")) if level in pair_tables
           for table in [pair_tables[level][1]] for name in ("keys", "joined", "split")},
        **({f"net_{name}": getattr(net, name).astype(np.float32) for name in NET_ARRAYS} if net is not None else {}),
    )
    print(f"saved {path}: {len(keys)} + {len(stack_keys)} weight rows, vocab {len(vocab.atoms)}; lexicon table "
          f"{write_table_file(path)}", file=sys.stderr)


def set_stack_gate(path: Path, gate: float | None) -> None:
    """Rewrite a model file's second-pass gate (a run-time rule over the same weights: the second pass
    rescores only boundaries whose first-pass margin is under ``gate``; None = every boundary)."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    meta = json.loads(str(arrays["meta"]))
    meta["stack"]["gate"] = gate
    arrays["meta"] = np.array(json.dumps(meta, ensure_ascii=False))
    np.savez_compressed(path, **arrays)
    print(f"{path}: second-pass gate {gate}", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--holdout", type=float, default=0.0,
                        help="share of train.tagged held out at the end and scored (0.1: the measuring split; "
                             "the shipped model uses 0: all lines)")
    parser.add_argument("--folds", type=int, default=10, help="jackknife folds for the own lexicon (1 = none)")
    parser.add_argument("--learner", choices=("perceptron", "logistic", "both"), default="both")
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--lr-epochs", type=int, default=5, help="epochs of the logistic model in 'both'")
    parser.add_argument("--pa", type=float, default=0.0, help="weight of a passive-aggressive model in 'both'")
    parser.add_argument("--binary", type=float, default=0.0, help="weight of a word-or-not logistic model")
    parser.add_argument("--mix", type=float, default=1.0, help="weight of the logistic model in 'both'")
    parser.add_argument("--bags", type=int, default=1, help="perceptrons (shuffle orders) averaged")
    parser.add_argument("--l2", type=float, default=0.0)
    parser.add_argument("--cv", type=int, default=0, help="also report K-fold CV inside the training part")
    parser.add_argument("--cv-only", action="store_true", help="with --cv: do not rebuild the shipped model")
    parser.add_argument("--no-lexicon", action="store_true", help="train without lexicon features")
    parser.add_argument("--keep-lexicon", action="store_true", help="reuse the shipped lexicon.txt")
    parser.add_argument("--no-stack", action="store_true", help="first pass only (the model before the stack)")
    parser.add_argument("--oof", type=int, default=5, help="folds of out-of-fold first-pass scores for the stack")
    parser.add_argument("--stack-epochs", type=int, default=1)
    parser.add_argument("--stack-rate", type=float, default=0.1)
    parser.add_argument("--pairs", action="store_true", help="second pass: khPOS pair statistics of fine units")
    parser.add_argument("--word-pairs", action="store_true", help="second pass: khPOS pair statistics of words")
    parser.add_argument("--stack-gate", type=float, default=2.0,
                        help="second pass only where the first-pass margin is under this (CV: same F1 as "
                             "everywhere, 5%% of the boundaries); a negative value: everywhere")
    parser.add_argument("--net-seeds", type=int, default=3,
                        help="second pass: networks (seeds 17, 18, ...) averaged over the logistic part; 0: none")
    parser.add_argument("--net-hidden", type=int, default=128, help="hidden units per network")
    parser.add_argument("--net-epochs", type=int, default=5)
    parser.add_argument("--net-rate", type=float, default=1e-3, help="Adam step of the network")
    parser.add_argument("--net-gate", type=float, default=3.0,
                        help="the network is trained on boundaries whose first-pass margin is under this")
    parser.add_argument("--set-gate", metavar="FILE", help="only rewrite FILE's --stack-gate (same weights)")
    parser.add_argument("--gate-sweep", type=float, nargs="*", default=[],
                        help="(experiments) CV of the second pass applied only under these first-pass margins")
    parser.add_argument("--bias-sweep", type=float, nargs="*", default=[], help="(experiments) word-score biases")
    parser.add_argument("--compound-templates", action="store_true",
                        help="first pass: also templates over the khPOS compound list")
    parser.add_argument("--stack-cv", action="store_true", help="report CV of both passes on the --oof folds")
    parser.add_argument("--oof-cache", help="(experiments) .npy file to save/reuse out-of-fold first-pass scores")
    parser.add_argument("--first-cv-only", action="store_true", help="(experiments) stop after the CV")
    parser.add_argument("--bits", type=int, default=22, help="weight table of 2**bits rows (20-23)")
    parser.add_argument("--out", help="model file to write (default: the shipped perceptron.npz)")
    args = parser.parse_args(argv)
    if args.stack_gate is not None and args.stack_gate < 0:
        args.stack_gate = None
    if args.set_gate:
        set_stack_gate(Path(args.set_gate), args.stack_gate)
        return 0
    global WEIGHT_BITS, FIRST_TEMPLATES
    WEIGHT_BITS = args.bits
    if args.compound_templates:
        FIRST_TEMPLATES = TEMPLATES + COMPOUND_TEMPLATES
    data = Path(args.data)
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.keep_lexicon:
        write_lexicon(build_lexicon(data), data)
    lexicon = list(lexicon_words())

    sentences = read_khpos(data / "segmentation" / "khpos" / "train.tagged")
    cut = int(round(len(sentences) * (1 - args.holdout)))
    train_part, held_out = sentences[:cut], sentences[cut:]
    print(f"khPOS: {len(sentences)} sentences; training on {len(train_part)}, holding out {len(held_out)}",
          file=sys.stderr)

    if args.cv > 1:  # cross-validation inside the training part (the held-out split stays untouched)
        scores = []
        for k in range(args.cv):
            test = train_part[k::args.cv]
            rest = [g for i, g in enumerate(train_part) if i % args.cv != k]
            path = Path(tempfile.gettempdir()) / f"sastra-segment-cv{k}.npz"
            build_model(rest, lexicon, args, path, "cv")
            core._loaded["perceptron"] = PerceptronEngine(str(path))
            scores.append(evaluate(test))
            path.unlink()
            print(f"cv fold {k + 1}/{args.cv}: word F1 {100 * scores[-1][0]:.2f}  fine F1 {100 * scores[-1][1]:.2f}")
        core._loaded.clear()
        word = [w for w, _ in scores]
        fine = [f for _, f in scores]
        print(f"{args.cv}-fold CV on the training part: word F1 {100 * np.mean(word):.2f} "
              f"(sd {100 * np.std(word):.2f})  fine F1 {100 * np.mean(fine):.2f} (sd {100 * np.std(fine):.2f})")
        if args.cv_only:
            return 0

    out = Path(args.out) if args.out else OUT / "perceptron.npz"
    trained_on = (f"khPOS train.tagged lines 1-{cut} of {len(sentences)} (CC BY-NC-SA 4.0); "
                  + (f"held out: lines {cut + 1}-{len(sentences)}" if held_out else "nothing held out"))
    if args.no_stack:
        build_model(train_part, lexicon, args, out, trained_on)
    else:
        build_stacked(train_part, lexicon, args, out, trained_on)
    core._loaded.clear()
    if held_out and not args.first_cv_only:
        engine = PerceptronEngine(str(out.resolve()))
        core._loaded["perceptron"] = engine
        word_f1, fine_f1 = evaluate(held_out)
        print(f"held-out ({len(held_out)} sentences): word F1 {100 * word_f1:.2f}  fine F1 {100 * fine_f1:.2f}")
        if engine.stack is not None:
            engine.stack = None
            word_f1, fine_f1 = evaluate(held_out)
            print(f"held-out, first pass only: word F1 {100 * word_f1:.2f}  fine F1 {100 * fine_f1:.2f}")
        core._loaded.clear()
    return 0


if __name__ == "__main__":
    sys.exit(main())
