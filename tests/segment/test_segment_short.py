"""The short-text path of segment_words (results remembered per text) gives exactly the tokens the
engine computes afresh, on real headlines and body pieces of
``../shared/data/corpus/kh-news-2019-07.jsonl``, and forgets them when user words change."""

from __future__ import annotations

import json

import pytest

from sastra.segment import UserDictionary, add_words, remove_words, segment_words
from sastra.segment import core


@pytest.fixture(scope="module")
def short_texts(shared_data):
    path = shared_data / "corpus" / "kh-news-2019-07.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    texts: list[str] = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            title = record.get("title") or ""
            body = record.get("text") or record.get("body") or ""
            if title:
                texts.append(title[: core.SHORT_TEXT_CHARS])
            for piece in body.split("\n")[:3]:
                texts.append(piece[:40])
                texts.append(piece[5:120])
            if len(texts) >= 1500:
                break
    texts = [t for t in dict.fromkeys(texts) if t.strip()]
    assert len(texts) > 300
    return texts


def fresh(text: str, granularity: str):
    """The engine's own answer: an empty per-call dictionary bypasses the short-text path."""
    return segment_words(text, granularity=granularity, user_words=UserDictionary())


@pytest.mark.parametrize("granularity", ["word", "fine"])
def test_short_path_equals_engine(short_texts, granularity):
    core.clear_cache()
    for text in short_texts:
        first = segment_words(text, granularity=granularity)  # computed, then remembered
        again = segment_words(text, granularity=granularity)  # from the short-text path
        assert first == again == fresh(text, granularity), text


def test_short_text_inside_long_text_is_unchanged(short_texts):
    """A long text (past the short limit) still goes through the engine and agrees with itself."""
    long_text = " ".join(short_texts[:40])
    assert len(long_text) > core.SHORT_TEXT_CHARS
    assert segment_words(long_text) == fresh(long_text, "word")


def test_returned_list_is_a_copy():
    text = "ក្រសួងសុខាភិបាល"
    tokens = segment_words(text)
    tokens.clear()
    assert segment_words(text)


def test_user_words_change_is_seen():
    text = "ក្រសួងសុខាភិបាលខេត្ត"
    before = segment_words(text)
    add_words("ក្រសួងសុខាភិបាលខេត្ត")
    try:
        assert [t.text for t in segment_words(text)] == [text]
    finally:
        remove_words("ក្រសួងសុខាភិបាលខេត្ត")
    assert segment_words(text) == before


@pytest.mark.parametrize("threshold", [1, 2])
def test_small_chunk_path_equals_array_path(short_texts, threshold):
    """The list path for chunks of few atoms and the array path give the same tokens, with and
    without user words."""
    engine = core.get_engine(core.DEFAULT_ENGINE)
    users = core.UserDictionary(["ក្រសួងសុខាភិបាល", "ភ្នំពេញ", "សម្តេច តេជោ"])
    checked = 0
    for text in short_texts:
        atoms = core.ATOM_RE.findall(text)
        if not atoms or len(atoms) > core.SMALL_CHUNK_ATOMS:
            continue
        for dictionaries in ([], [users]):
            small: list = []
            arrays: list = []
            core._segment_atoms_small(text, 0, atoms, engine, threshold, dictionaries, small)
            core._segment_atoms(text, 0, atoms, engine, threshold, dictionaries, arrays)
            assert small == arrays, text
        checked += 1
    assert checked > 200
