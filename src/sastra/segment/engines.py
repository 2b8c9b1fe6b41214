"""Word engines: each decides, for the boundaries between adjacent Khmer clusters, none / fine / word.

An engine has two methods. ``encode(atoms)`` maps the atoms of a chunk of text to ids in its own
vocabulary and to codes (0 = gap, 1 = Khmer cluster, other codes = other kinds, see
``core.KIND_NAMES``). ``label(ids, codes, candidates)`` gets the ids and codes of the non-gap atoms
and the candidate boundaries (positions ``b`` in 1..n-1 where atoms ``b-1`` and ``b`` are both Khmer
clusters with nothing between them) and returns one label per candidate: 0 = no boundary, 1 =
boundary inside a compound (fine only), 2 = word boundary. Adding an engine = a class with these two
methods and one entry in ``core.ENGINES``.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from itertools import repeat
from importlib import resources
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from sastra.errors import ConfigError
from sastra.segment.encoding import (
    _HASH_MULT,
    _HASH_STEP,
    KIND_IDS,
    MAX_WORD_ATOMS,
    TABLE_BITS,
    UNK,
    LexiconTable,
    Vocabulary,
    flat_word_hashes,
    word_hashes,
)
from sastra.segment.features import (
    COMPOUND_TEMPLATES,
    TEMPLATES,
    WEIGHT_BITS,
    boundary_features,
    lexicon_evidence,
    lexicon_lookup,
)
from sastra.segment.stacking import (
    _padded,
    FEW_PARTS,
    NET_PARTS,
    PART_NAMES,
    STACK_BITS,
    NetworkWeights,
    decisions,
    PairTable,
    margins,
    second_pass_inputs,
    stack_features,
    stack_features_few,
)
from sastra.segment.normal import fold_atom
from sastra.segment.pretokenize import ATOM_RE

NONE, FINE, WORD = 0, 1, 2
#: the second-pass network's arrays in a model file (``net_<name>``; see stacking.NetworkWeights)
NET_ARRAYS = ("parts", "continuous", "bias", "out", "out_bias")

#: up to this many boundaries to rescore, the second pass computes its features with Python numbers
FEW_TARGETS = 12
#: ... when the text has at most this many candidates (that path loops over all of them in Python:
#: measured, it costs more than the array path from about 60 candidates on, whatever the targets)
FEW_CANDIDATES = 48
#: zero atoms put between texts scored as one sequence (:meth:`PerceptronEngine.scores_many`): the first
#: pass reads atoms up to 3 before and 2 after a boundary, the second pass decisions 3 boundaries away;
#: the atoms between texts read as the zero padding past a lone text's edges
SEPARATOR_ATOMS = 4
#: how many out-of-vocabulary atoms an engine remembers before starting over (bounds memory)
MAX_CACHED_MISSES = 200_000


class Engine(Protocol):
    name: str

    def encode(self, atoms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]: ...

    def label(self, ids: np.ndarray, codes: np.ndarray, candidates: np.ndarray) -> np.ndarray: ...


def data_path(name: str):
    return resources.files("sastra").joinpath("data").joinpath("segment").joinpath(name)


@cache
def lexicon_words() -> tuple[str, ...]:
    """The shipped redistributable lexicon (ICU khmerdict + Google Khmer lexicon), normalized."""
    text = data_path("lexicon.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


class _Encoder:
    """Atom -> (id, code) with one dict look-up per atom; unknown atoms are folded, then classed.

    The dict holds ``id * 16 + code`` (code: see ``core.KIND_NAMES``; 0 = gap, 1 = Khmer cluster).
    """

    def __init__(self, vocab: Vocabulary) -> None:
        from sastra.segment.core import atom_code

        self.vocab = vocab
        self._atom_code = atom_code
        self.base = {atom: index * 16 + atom_code(atom) for atom, index in vocab.ids.items()}
        for gap in (" ", "\n", "\u200b", "  ", "\t", "\r\n"):
            self.base[gap] = atom_code(gap)
        self.lookup = dict(self.base)

    def encode(self, atoms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        try:  # the common case: every atom seen before (one C-level map, no per-atom default)
            packed = np.fromiter(map(self.lookup.__getitem__, atoms), dtype=np.int64, count=len(atoms))
            return packed >> 4, packed & 15
        except KeyError:
            pass
        get = self.lookup.get
        packed = np.array([get(a, -1) for a in atoms], dtype=np.int64)
        missing = np.flatnonzero(packed < 0)
        if len(missing):
            if len(self.lookup) > len(self.base) + MAX_CACHED_MISSES:
                self.lookup = dict(self.base)
            for i in missing.tolist():
                atom = atoms[i]
                code = self._atom_code(atom)
                if code == 0:
                    value = 0
                elif code == 1:
                    value = self.vocab.ids.get(fold_atom(atom), UNK) * 16 + 1
                else:
                    from sastra.segment.core import KIND_NAMES

                    value = KIND_IDS.get(KIND_NAMES[code], UNK) * 16 + code
                self.lookup[atom] = value
                packed[i] = value
        return packed >> 4, packed & 15


def _words_to_ids(words: Sequence[str], vocab: Vocabulary) -> list[list[int]]:
    ids = vocab.ids
    return [[ids.get(a, UNK) for a in ATOM_RE.findall(w)] for w in words]


def _word_list_hashes(words: Sequence[str], vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    """``word_hashes`` of a word list, from one regex pass over the words joined by line breaks
    (when the table must be built: 0.25 s instead of 0.35 s with one pass per word). Falls back to a pass
    per word if any word would not cut the same way on its own (a word holding a line break or other
    spacing that merges with the joining break, an empty word)."""
    joined = "\n".join(words)
    if words and joined.count("\n") == len(words) - 1:
        atoms = ATOM_RE.findall(joined)
        lookup = dict(vocab.ids)
        lookup["\n"] = -1
        flat = np.fromiter(map(lookup.get, atoms, repeat(UNK)), dtype=np.int64, count=len(atoms))
        breaks = np.flatnonzero(flat == -1)
        lengths = np.diff(np.concatenate([[-1], breaks, [len(flat)]])) - 1
        if len(breaks) == len(words) - 1 and (lengths > 0).all():
            return flat_word_hashes(flat[flat != -1], lengths.astype(np.int64))
    return word_hashes(_words_to_ids(words, vocab))


class PerceptronEngine:
    """A linear model over hashed cluster n-grams, cluster shapes and lexicon evidence.

    An averaged perceptron and a logistic regression, summed (scripts/train_segmenter.py), trained on
    khPOS (CC BY-NC-SA 4.0); three labels per boundary,
    so one model serves both granularities. Weights are stored relative to label 0 as complex64
    (real: fine, imaginary: word), so scoring is one 8-byte gather per template. When the model file
    has a second pass (``stack_*`` arrays), the first-pass scores are rescored by it
    (``sastra.segment.stacking``); a file without one is used as a first pass alone. A file with a
    second-pass network (``net_*`` arrays, ``stacking.NetworkWeights``) adds its scores to the logistic
    second pass's, at the same boundaries.
    """

    name = "perceptron"

    def __init__(self, model_file: str = "perceptron.npz", *, use_table_file: bool = True) -> None:
        path = Path(model_file) if Path(model_file).is_absolute() else data_path(model_file)
        with path.open("rb") as stream:
            data = np.load(stream, allow_pickle=False)
            vocab_atoms = [str(a) for a in data["vocab"]]
            keys = data["keys"].astype(np.intp)
            values = data["values"].astype(np.float32)
            self.meta = json.loads(str(data["meta"]))
            own_lists = [[str(w) for w in data[name]] for name in ("words", "compounds") if name in data.files]
            stack_arrays = ({name: data[name] for name in ("stack_keys", "stack_values", "stack_dense")}
                            if "stack_keys" in data.files else None)
            pair_arrays = {prefix: tuple(data[f"{prefix}_{name}"] for name in ("keys", "joined", "split"))
                           for prefix in ("pair", "wpair") if f"{prefix}_keys" in data.files}
            net_arrays = ({name: data[f"net_{name}"] for name in NET_ARRAYS}
                          if "net_parts" in data.files else None)
        self.templates = tuple(tuple((str(kind), int(offset)) for kind, offset in t)
                               for t in self.meta.get("templates", ()))
        self.bits = int(self.meta.get("weight_bits", WEIGHT_BITS))
        if (not 20 <= self.bits <= 23 or values.shape[1:] != (2,)
                or self.templates not in (TEMPLATES, TEMPLATES + COMPOUND_TEMPLATES)):
            raise ConfigError(f"segment model {model_file} was built with other features; rebuild it with "
                              "scripts/train_segmenter.py")
        self.vocab = Vocabulary(vocab_atoms)
        self.weights = np.zeros(1 << self.bits, dtype=np.complex64)
        self.weights[keys] = values[:, 0] + 1j * values[:, 1]
        self.encoder = _Encoder(self.vocab)
        self.encode = self.encoder.encode
        self.lexicon, self.table_key = _lexicon_table(path, self.vocab, vocab_atoms, own_lists,
                                                      bool(self.meta.get("lexicon")), use_table_file)
        self.stack = None
        self.network = None
        if stack_arrays is not None:
            stack = self.meta.get("stack", {})
            templates = tuple(tuple(t) for t in stack.get("templates", ()))
            parts = {part for template in templates for part in template}
            if (stack.get("bits") != STACK_BITS or not parts <= PART_NAMES
                    or ("ps" in parts and "pair" not in pair_arrays)
                    or ("ws" in parts and "wpair" not in pair_arrays)):
                raise ConfigError(f"segment model {model_file} was built with other second-pass features; "
                                  "rebuild it with scripts/train_segmenter.py")
            stack_weights = np.zeros(1 << STACK_BITS, dtype=np.complex64)
            stack_values = stack_arrays["stack_values"].astype(np.float32)
            stack_weights[stack_arrays["stack_keys"].astype(np.intp)] = stack_values[:, 0] + 1j * stack_values[:, 1]
            dense = stack_arrays["stack_dense"].astype(np.float64)  # rows: fine, word input; cols: fine, word out
            self.stack = (stack_weights, dense, float(stack["scale"]))
            self.stack_templates = templates
            self._few_ok = {part for template in templates for part in template} <= FEW_PARTS
            #: the second pass rescores only boundaries whose first-pass margin is under this (None: all)
            self.stack_gate = float(stack["gate"]) if stack.get("gate") is not None else None
            tables = {prefix: PairTable(keys.astype(np.uint64), joined, split)
                      for prefix, (keys, joined, split) in pair_arrays.items()}
            self.pairs = tables.get("pair")
            self.word_pairs = tables.get("wpair")
            #: the second pass's network (None in files built before it): added to the logistic scores
            if net_arrays is not None:
                net = stack.get("net", {})
                if (net.get("parts") != [list(part) for part in NET_PARTS] or self.pairs is None
                        or self.word_pairs is None):
                    raise ConfigError(f"segment model {model_file} was built with another second-pass network; "
                                      "rebuild it with scripts/train_segmenter.py")
                try:
                    self.network = NetworkWeights(**net_arrays)
                except ValueError as error:
                    raise ConfigError(f"segment model {model_file}: {error}") from None
                self.network.prepare(self.pairs, self.word_pairs)

    def first_pass(self, ids: np.ndarray, candidates: np.ndarray, lookup=None) -> np.ndarray:
        """(fine - none, word - none) first-pass scores per candidate, as one complex64 per candidate."""
        evidence = lexicon_evidence(ids, self.lexicon, lookup)
        rows = boundary_features(ids, self.vocab.shapes[ids], evidence, candidates, self.bits, self.templates)
        return self.weights.take(rows).sum(axis=0)  # (take: a third cheaper than fancy indexing here)

    def scores(self, ids: np.ndarray, candidates: np.ndarray) -> np.ndarray:
        """Final (fine - none, word - none) scores per candidate (second pass included when shipped)."""
        lookup = lexicon_lookup(ids, self.lexicon) if self.lexicon is not None and len(ids) else None
        total = self.first_pass(ids, candidates, lookup)
        if self.stack is None or lookup is None:
            return total
        weights, dense, scale = self.stack
        fine, word = total.real.astype(np.float64), total.imag.astype(np.float64)
        targets = None
        if self.stack_gate is not None:  # only where the first pass is unsure (measured: the rest never flips)
            targets = (margins(fine, word) < self.stack_gate).nonzero()[0]
            if len(targets) == 0:
                return total
        network = self.network
        if (targets is not None and len(targets) <= FEW_TARGETS and len(candidates) <= FEW_CANDIDATES
                and self._few_ok):
            rows = stack_features_few(ids, lookup[1], self.lexicon.lists, candidates.tolist(), fine.tolist(),
                                      word.tolist(), scale, self.stack_templates, targets.tolist(), network, lookup[0])
        elif network is not None:
            rows = second_pass_inputs(ids, lookup[0], lookup[1], self.lexicon.lists, candidates, fine, word, scale,
                                      self.stack_templates, network, targets)
        else:
            rows = stack_features(ids, lookup[0], lookup[1], self.lexicon.lists, candidates, fine, word, scale,
                                  self.stack_templates, self.pairs, self.word_pairs, targets)
        if network is not None:  # the network's (fine, word) scores, added to the logistic part's
            rows, inputs = rows
            second = weights.take(rows).sum(axis=0)
            second += network.evaluate(*inputs).view(np.complex64).ravel()
        else:
            second = weights.take(rows).sum(axis=0)
        if targets is not None:
            fine, word = fine[targets], word[targets]
        rescored = (second.real + (fine * dense[0, 0] + word * dense[1, 0]) / scale
                    + 1j * (second.imag + (fine * dense[0, 1] + word * dense[1, 1]) / scale))
        if targets is None:
            return rescored
        out = total.astype(np.complex128)
        out[targets] = rescored
        return out

    def label(self, ids: np.ndarray, codes: np.ndarray, candidates: np.ndarray) -> np.ndarray:
        total = self.scores(ids, candidates)
        return decisions(total.real, total.imag)  # NONE, FINE or WORD

    def label_many(self, items: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """:meth:`label` of several (ids, codes, candidates) at once: the same labels, fewer numpy calls."""
        return [decisions(total.real, total.imag) for total in self.scores_many([(i, c) for i, _, c in items])]

    def scores_many(self, items: Sequence[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """:meth:`scores` of several (ids, candidates), the same numbers, from one pass over all of them.

        Most of a text's cost is numpy's fixed cost per call (about 0.25 ms a text), so texts are
        scored as one sequence with SEPARATOR_ATOMS zero atoms between them, arranged so that every input
        of every boundary is what it is alone: the separators read as the zero padding (id and shape 0),
        lexicon n-grams count only when they fit in their own text, the boundaries between texts read as
        outside any text in the second pass's window. Float sums whose order could depend on how many
        boundaries are summed together (the template rows of each pass, the network) are computed per
        text, with the arrays a text alone has. Texts with few candidates take :meth:`scores` (its
        Python path for few boundaries), as does a model without a second-pass network.
        """
        out: list[np.ndarray | None] = [None] * len(items)
        batch = []
        for index, (ids, candidates) in enumerate(items):
            if len(candidates) > FEW_CANDIDATES and self.network is not None and self.lexicon is not None:
                batch.append(index)
            else:
                out[index] = self.scores(ids, candidates)
        if len(batch) == 1:
            out[batch[0]] = self.scores(*items[batch[0]])
        elif batch:
            for index, total in zip(batch, self._scores_joined([items[i] for i in batch])):
                out[index] = total
        return out

    def _scores_joined(self, items: Sequence[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """:meth:`scores_many` of texts that all take the array paths (see there)."""
        gap = SEPARATOR_ATOMS
        sizes = np.array([len(ids) for ids, _ in items], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(sizes + gap)[:-1]])
        ends = starts + sizes
        length = int(ends[-1])
        zeros = np.zeros(gap, dtype=np.int64)
        pieces: list[np.ndarray] = []
        for ids, _ in items:
            pieces += (ids, zeros)
        ids = np.concatenate(pieces[:-1])
        # per atom, the atoms left in its own text from it on (0 between texts)
        room = np.repeat(ends, sizes + gap)[:length] - np.arange(length)
        np.maximum(room, 0, out=room)
        counts = [len(c) for _, c in items]
        bounds = np.concatenate([[0], np.cumsum(counts)])
        candidates = np.concatenate([c + start for (_, c), start in zip(items, starts.tolist())])
        lookup = lexicon_lookup(ids, self.lexicon)
        evidence = lexicon_evidence(ids, self.lexicon, lookup, room)
        shapes = self.vocab.shapes[ids]
        shapes[room == 0] = 0
        rows = boundary_features(ids, shapes, evidence, candidates, self.bits, self.templates)
        weights = self.weights
        # the template rows of each text summed on their own (a sum over axis 0 of rows for one boundary
        # is a pairwise sum, of several a running one: per text, as alone)
        total = np.concatenate([weights.take(rows[:, lo:hi]).sum(axis=0)
                                for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist())])
        fine, word = total.real.astype(np.float64), total.imag.astype(np.float64)
        targets = (margins(fine, word) < self.stack_gate).nonzero()[0] if self.stack_gate is not None else None
        if targets is not None and len(targets) == 0:
            return np.split(total, bounds[1:-1])
        # boundaries strictly between two texts: outside both
        between = (ends[:-1, None] + np.arange(1, gap)[None, :]).ravel()
        stack_weights, dense, scale = self.stack
        network = self.network
        second_rows, (keys, continuous) = second_pass_inputs(
            ids, lookup[0], lookup[1], self.lexicon.lists, candidates, fine, word, scale, self.stack_templates,
            network, targets, between)
        if targets is None:
            cuts = bounds
        else:
            cuts = targets.searchsorted(bounds)
        seconds = []
        for lo, hi in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
            if lo == hi:
                continue
            second = stack_weights.take(second_rows[:, lo:hi]).sum(axis=0)
            inputs = np.zeros((_padded(hi - lo), continuous.shape[1]), dtype=np.float32)
            inputs[:hi - lo] = continuous[lo:hi]
            second += network.evaluate(keys[:, lo:hi], inputs).view(np.complex64).ravel()
            seconds.append(second)
        second = np.concatenate(seconds)
        if targets is not None:
            fine, word = fine[targets], word[targets]
        rescored = (second.real + (fine * dense[0, 0] + word * dense[1, 0]) / scale
                    + 1j * (second.imag + (fine * dense[0, 1] + word * dense[1, 1]) / scale))
        if targets is None:
            return np.split(rescored, bounds[1:-1])
        out = total.astype(np.complex128)
        out[targets] = rescored
        # a text without targets has its first-pass scores, as alone (complex64)
        return [out[lo:hi] if cuts[i] < cuts[i + 1] else total[lo:hi]
                for i, (lo, hi) in enumerate(zip(bounds[:-1].tolist(), bounds[1:].tolist()))]


def build_lexicon_table(vocab: Vocabulary, word_lists: Sequence[Sequence[str]]) -> LexiconTable:
    """The bit table of one or two word lists, in ``vocab``'s ids."""
    return LexiconTable([_word_list_hashes(words, vocab) for words in word_lists])


def table_file(model_path: Path) -> Path:
    """Where the lexicon table of a model file is kept: ``perceptron.npz`` -> ``perceptron.table.npz``."""
    return model_path.with_name(model_path.name.removesuffix(".npz") + ".table.npz")


def table_key(vocab_atoms: Sequence[str], own_lists: Sequence[Sequence[str]], with_lexicon: bool) -> str:
    """What a lexicon table is built from (the shipped lexicon's bytes, the model's vocabulary and word
    lists, the hashing constants): a kept table is used only when its key is this one."""
    digest = hashlib.sha256()
    digest.update(f"{TABLE_BITS} {MAX_WORD_ATOMS} {int(_HASH_STEP)} {int(_HASH_MULT)} {with_lexicon}".encode())
    if with_lexicon:
        digest.update(data_path("lexicon.txt").read_bytes())
    for words in (vocab_atoms, *own_lists):
        digest.update(b"\x00")
        digest.update("\n".join(words).encode("utf-8"))
    return digest.hexdigest()


def write_table_file(model_path: Path) -> Path:
    """Build the lexicon table of the model in ``model_path`` and keep it beside it (what
    scripts/train_segmenter.py does after saving a model): loading the engine then reads the table
    instead of hashing 125,000 words (0.3 s of every process that segments)."""
    engine = PerceptronEngine(str(Path(model_path).resolve()), use_table_file=False)
    target = table_file(Path(model_path))
    if engine.lexicon is None:
        return target
    np.savez_compressed(target, key=np.array(engine.table_key), table=engine.lexicon.table,
                        lists=np.array(engine.lexicon.lists))
    return target


def _lexicon_table(path: Path, vocab: Vocabulary, vocab_atoms: Sequence[str], own_lists: Sequence[Sequence[str]],
                   with_lexicon: bool, use_table_file: bool = True) -> tuple[LexiconTable | None, str]:
    if not with_lexicon and not own_lists:
        return None, ""
    key = table_key(vocab_atoms, own_lists, with_lexicon)
    kept = table_file(Path(str(path)))  # (``path`` may be a package resource, not a Path)
    if use_table_file and kept.is_file():
        with kept.open("rb") as stream:
            data = np.load(stream, allow_pickle=False)
            if str(data["key"]) == key:
                return LexiconTable.from_table(data["table"], int(data["lists"])), key
    return build_lexicon_table(vocab, ([lexicon_words()] if with_lexicon else []) + list(own_lists)), key


class DictionaryEngine:
    """Greedy longest match over the redistributable lexicon (ICU + Google); no khPOS data at all.

    Clusters that start no lexicon word become one-cluster words. Same output at both granularities.
    """

    name = "dict"

    def __init__(self) -> None:
        words = lexicon_words()
        atoms = sorted({a for w in words for a in ATOM_RE.findall(w)})
        self.vocab = Vocabulary(atoms)
        self.encoder = _Encoder(self.vocab)
        self.encode = self.encoder.encode
        self.lexicon = build_lexicon_table(self.vocab, [words])

    def label(self, ids: np.ndarray, codes: np.ndarray, candidates: np.ndarray) -> np.ndarray:
        n = len(ids)
        starts = self.lexicon.starts(ids)[0]
        longest = np.ones(n, dtype=np.int64)
        for k in range(2, starts.shape[0] + 1):
            longest[starts[k - 1]] = k
        is_cluster = codes == 1
        boundary = np.zeros(n + 1, dtype=bool)
        longest_list = longest.tolist()
        cluster_list = is_cluster.tolist()
        i = 0
        while i < n:
            step = longest_list[i] if cluster_list[i] else 1
            i += step
            boundary[min(i, n)] = True
        return np.where(boundary[candidates], WORD, NONE)
