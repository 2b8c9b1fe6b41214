"""``segment_many`` gives exactly the tokens of ``segment_words`` on each text alone, whatever the texts
are batched with, and the engine's ``scores_many`` exactly (bit for bit) the scores of ``scores``.

Real text: the 1,000 articles of ../shared/data/corpus/kh-news-2019-07.jsonl (JSON lines, "text"; raw and
normalized) and the 5,000 lines of ../shared/data/corpus/km-wiki-5k.txt, read in place (the tests that
need them are skipped when that folder is absent). Random text: hypothesis, mixing Khmer words and
clusters, Latin, digits, spaces, zero-width spaces and empty strings.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sastra.segment import core
from sastra.segment.core import get_engine, segment_many, segment_words
from sastra.segment.pretokenize import ATOM_RE

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "corpus"
NEWS = SHARED / "kh-news-2019-07.jsonl"
WIKI = SHARED / "km-wiki-5k.txt"
SIZES = (1, 2, 7, 20, 64)

WORDS = ["ព្រះរាជាណាចក្រ", "កម្ពុជា", "មាន", "ប្រជាជន", "ជាង", "លាន", "នាក់", "។", "ក្រសួង", "សុខាភិបាល", "បាន",
     "ប្រកាស", "ថា", "នៅ", "ខេត្ត", "បាត់ដំបង", "រដ្ឋាភិបាល", "សេដ្ឋកិច្ច", "ការ", "អភិវឌ្ឍ", "ស្រុក", "ក", "ខ្ញុំ",
     "ស្រី", "ពេទ្យ", "មន្ទីរពេទ្យ", "១៦", "២០១៩", "1,500.75", "ASEAN", "Phnom", "Penh", "https://x.kh/a", "$",
     "ព.ស.", "៖", "ៗ", " ", "  ", "\n", "\u200b", "", "\u17d2", "\u17b6", "\u17c6"]
PIECES = st.sampled_from(WORDS)
#: short texts (the cache, the list path), long ones (the engine's batches), any characters
TEXT = (st.lists(PIECES, max_size=40).map("".join) | st.lists(PIECES, min_size=60, max_size=400).map("".join)
        | st.text(max_size=60))


def _engine_items(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(ids, candidates) of every chunk of ``texts`` that takes the engine's array path."""
    engine = get_engine("perceptron")
    items = []
    for text in texts:
        for start, end in core._chunks(text):
            atoms = ATOM_RE.findall(text[start:end])
            if len(atoms) <= core.SMALL_CHUNK_ATOMS:
                continue
            chunk = core._prepare_atoms(text, start, atoms, engine)
            if chunk is not None and chunk.positions is not None:
                items.append((chunk.ids, chunk.positions))
    return items


def _assert_batched(texts: list[str], size: int, granularity: str, seed: int = 0) -> None:
    want = [segment_words(text, granularity=granularity) for text in texts]
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    got: list[list] = []
    for lo in range(0, len(order), size):
        got += segment_many([texts[i] for i in order[lo:lo + size]], granularity=granularity)
    for k, i in enumerate(order):
        assert got[k] == want[i], (granularity, size, i)


@pytest.fixture
def joined_calls(monkeypatch) -> list[int]:
    """How many texts each one-sequence call of the engine scored (so the tests know batching ran)."""
    engine = get_engine("perceptron")
    calls: list[int] = []
    original = engine._scores_joined

    def counting(items):
        calls.append(len(items))
        return original(items)

    monkeypatch.setattr(engine, "_scores_joined", counting)
    return calls


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, max_size=9), st.sampled_from(["word", "fine"]))
def test_random_texts(texts, granularity):
    core.clear_cache()
    assert segment_many(texts, granularity=granularity) == [segment_words(t, granularity=granularity) for t in texts]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(PIECES, min_size=50, max_size=400).map("".join), min_size=2, max_size=6))
def test_random_texts_in_small_chunks(texts):
    """Texts cut into many chunks (a chunk's edges inside a text, next to another text's chunks)."""
    saved = core.CHUNK_CHARS
    core.CHUNK_CHARS = 400
    try:
        assert segment_many(texts) == [segment_words(t) for t in texts]
    finally:
        core.CHUNK_CHARS = saved


def test_random_texts_are_batched(joined_calls):
    rng = random.Random(7)
    texts = ["".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 600))) for _ in range(40)]
    for granularity in ("word", "fine"):
        _assert_batched(texts, 7, granularity)
    assert joined_calls and max(joined_calls) > 1


def test_user_words_are_kept(joined_calls):
    texts = ["ក្រសួងសុខាភិបាលបានប្រកាសថា " * 30, "រដ្ឋាភិបាលកម្ពុជាមានប្រជាជន " * 40, ""]
    core.add_words(["សុខាភិបាលបាន"])
    try:
        assert segment_many(texts) == [segment_words(t) for t in texts]
        assert segment_many(texts, user_words=["ប្រជាជន"]) == [segment_words(t, user_words=["ប្រជាជន"])
                                                               for t in texts]
    finally:
        core.remove_words(["សុខាភិបាលបាន"])
    assert segment_many([]) == []


@pytest.fixture(scope="module")
def news() -> tuple[list[str], list[str]]:
    if not NEWS.exists():
        pytest.skip(f"shared corpus absent: {NEWS}")
    from sastra import normalize

    with NEWS.open(encoding="utf-8") as handle:
        raw = [json.loads(line)["text"] for line in handle]
    return raw, [normalize(text) for text in raw]


@pytest.fixture(scope="module")
def wiki() -> list[str]:
    if not WIKI.exists():
        pytest.skip(f"shared corpus absent: {WIKI}")
    return WIKI.read_text(encoding="utf-8").split("\n")


def test_scores_are_bitwise_equal(news, wiki):
    engine = get_engine("perceptron")
    items = _engine_items(news[1][:300] + wiki[:1500])
    alone = [engine.scores(ids, candidates) for ids, candidates in items]
    for size in SIZES[1:]:
        order = list(range(len(items)))
        random.Random(size).shuffle(order)
        for lo in range(0, len(order), size):
            group = order[lo:lo + size]
            for i, got in zip(group, engine.scores_many([items[i] for i in group])):
                assert got.dtype == alone[i].dtype and got.tobytes() == alone[i].tobytes(), (size, i)


# every batch size and each kind of text, at both granularities (the whole grid of sizes, kinds and
# granularities takes a few minutes; it was run once, with the same result)
@pytest.mark.parametrize("granularity, kind, size", [
    ("word", "normalized", 20), ("word", "raw", 7), ("word", "wiki", 64),
    ("fine", "normalized", 2), ("fine", "raw", 64), ("fine", "wiki", 1)])
def test_corpus(news, wiki, joined_calls, granularity, kind, size):
    texts = {"normalized": news[1], "raw": news[0], "wiki": wiki}[kind]
    _assert_batched(texts, size, granularity, seed=size)
    assert size == 1 or max(joined_calls) > 1
