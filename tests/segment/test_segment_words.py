"""Unit tests of segment_words: offsets, kinds, gaps, engines, granularities, user words."""

from __future__ import annotations

import pytest

from sastra.errors import ConfigError, InputError
from sastra.khmer import CLUSTER_RE
from sastra.segment import (
    ENGINES,
    UserDictionary,
    add_words,
    clear_words,
    engine_names,
    remove_words,
    segment_words,
    user_words,
)

SENTENCE = "ព្រះរាជាណាចក្រកម្ពុជាមានប្រជាជនជាង១៦លាននាក់។"


def texts(tokens):
    return [t.text for t in tokens]


def check_offsets(text, tokens):
    last = 0
    for token in tokens:
        assert text[token.start:token.end] == token.text
        assert token.start >= last
        assert text[last:token.start].strip(" \t\r\n\u200b\ufeff\u00a0") == "" or \
            all(ch.isspace() or ch in "\u200b\ufeff" for ch in text[last:token.start])
        last = token.end
    assert all(ch.isspace() or ch in "\u200b\ufeff" for ch in text[last:])


@pytest.mark.parametrize("engine", list(ENGINES))
def test_offsets_and_cover(engine):
    text = "  " + SENTENCE + "\u200bលោក សុខ\n1,500.75$ "
    tokens = segment_words(text, engine=engine)
    check_offsets(text, tokens)


def test_word_and_fine_granularity():
    word = texts(segment_words(SENTENCE))
    fine = texts(segment_words(SENTENCE, granularity="fine"))
    assert word[-5:] == ["ជាង", "១៦", "លាន", "នាក់", "។"]
    assert "កម្ពុជា" in word
    assert "ប្រជាជន" in word  # a compound kept whole
    assert "ប្រជា" in fine and "ជន" in fine  # and split at the fine level
    assert len(fine) > len(word)


def test_no_boundary_inside_a_cluster():
    text = SENTENCE * 3
    cluster_starts = {m.start() for m in CLUSTER_RE.finditer(text)} | {len(text)}
    for granularity in ("word", "fine"):
        for token in segment_words(text, granularity=granularity):
            assert token.start in cluster_starts and token.end in cluster_starts


@pytest.mark.parametrize("text, expected, kind", [
    ("២០២៤", "២០២៤", "number"),
    ("1,500.75", "1,500.75", "number"),
    ("១,៥០០.៧៥", "១,៥០០.៧៥", "number"),
    ("https://www.example.com/a?b=1", "https://www.example.com/a?b=1", "url"),
    ("info@example.org", "info@example.org", "email"),
    ("U.S.A.", "U.S.A.", "acronym"),
    ("ASEAN", "ASEAN", "acronym"),
    ("Phnom", "Phnom", "latin"),
    ("ព.ស.", "ព.ស.", "acronym"),
    ("។ល។", "។ល។", "punct"),
    ("៛", "៛", "symbol"),
])
def test_non_khmer_tokens_whole(text, expected, kind):
    tokens = segment_words(f"លោក {text} បាន")
    assert tokens[1].text == expected
    assert tokens[1].kind == kind
    assert tokens[0].kind == "word"


def test_numbers_next_to_khmer_words():
    tokens = texts(segment_words("ឆ្នាំ២០២៤មាន 1,500.75ដុល្លារ"))
    assert "២០២៤" in tokens and "1,500.75" in tokens


def test_url_drops_trailing_punctuation():
    tokens = segment_words("មើល https://a.com/x. បាន")
    assert [t.text for t in tokens][1:3] == ["https://a.com/x", "."]


def test_zero_width_space_is_a_hard_boundary_and_never_in_a_token():
    text = "ប្រជា\u200bជន\u200b\u200bកម្ពុជា"
    tokens = segment_words(text)
    assert texts(tokens) == ["ប្រជា", "ជន", "កម្ពុជា"]
    check_offsets(text, tokens)


def test_unnormalized_input_keeps_offsets_into_given_text():
    text = "ឯកឧត្ដមនាយករដ្ឋមន្ត្រី"  # coeng DA (normalization writes coeng TA)
    tokens = segment_words(text)
    check_offsets(text, tokens)
    assert tokens[0].text == "ឯកឧត្ដម"


def test_empty_and_space_only():
    assert segment_words("") == []
    assert segment_words(" \n\u200b\t") == []


def test_bad_input():
    with pytest.raises(InputError):
        segment_words(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="perceptron"):
        segment_words("ក", engine="nope")
    with pytest.raises(ConfigError, match="fine"):
        segment_words("ក", granularity="coarse")


def test_registry_is_the_one_list():
    assert engine_names() == tuple(ENGINES)
    assert "perceptron" in ENGINES and "dict" in ENGINES


def test_user_words_per_call_and_global():
    text = "លោកសុខសាន្តបានទៅភ្នំពេញ"
    assert "សុខសាន្ត" not in texts(segment_words(text))
    assert "សុខសាន្ត" in texts(segment_words(text, user_words=["សុខសាន្ត"]))
    assert "សុខសាន្ត" in texts(segment_words(text, user_words=UserDictionary(["សុខសាន្ត"])))
    try:
        add_words(["សុខសាន្ត"])
        assert "សុខសាន្ត" in user_words()
        for granularity in ("word", "fine"):
            assert "សុខសាន្ត" in texts(segment_words(text, granularity=granularity))
        remove_words("សុខសាន្ត")
        assert "សុខសាន្ត" not in texts(segment_words(text))
    finally:
        clear_words()


def test_user_word_matches_unnormalized_spelling():
    text = "ក្រុមហ៊ុនឯកឧត្ដមសុខា"
    tokens = segment_words(text, user_words=["ឯកឧត្តមសុខា"])  # given in canonical spelling
    assert "ឯកឧត្ដមសុខា" in texts(tokens)


def test_long_line_is_chunked_and_tiles():
    text = (SENTENCE * 4000)  # ~190k chars without a space
    tokens = segment_words(text)
    assert "".join(texts(tokens)) == text
    check_offsets(text, tokens)


def test_combining_mark_run():
    text = "ក" + "\u17b6" * 100_000 + " ខ"
    tokens = segment_words(text)
    assert "".join(texts(tokens)) == text.replace(" ", "")


def test_segment_document_fills_tokens_and_sentences():
    from sastra.records import Document
    from sastra.segment import segment_document

    doc = Document(id="a", text="ខ្ញុំទៅផ្សារ។ គាត់នៅផ្ទះ។")
    out = segment_document(doc)
    assert out is not doc and doc.tokens == ()
    assert [t.text for t in out.tokens][:3] == ["ខ្ញុំ", "ទៅ", "ផ្សារ"]
    assert [s.text for s in out.sentences] == ["ខ្ញុំទៅផ្សារ។", "គាត់នៅផ្ទះ។"]
    with pytest.raises(ConfigError):
        segment_document("not a document")
