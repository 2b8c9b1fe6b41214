"""Property tests: tokens tile the input for any string; sentences stay inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sastra.khmer import CLUSTER_RE
from sastra.segment import ENGINES, segment_words, split_sentences

GAPS = set(" \t\n\r\u200b\ufeff\u00a0\u3000\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
# Khmer-heavy text with the characters that matter: marks, coeng, digits, punctuation, spaces, URLs
ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x1780, 0x17FA)]
    + list(" \u200b\u200c\u200d\n.,:/@-?!«»\"'0123456789aZ$%\u00ad\u2060")
    + ["https://", "www.", "ព.ស.", "។ល។", "\u17d2\u178a"]
)
TEXT = st.lists(ALPHABET, max_size=80).map("".join) | st.text(max_size=60)


def assert_tiles(text, tokens):
    position = 0
    for token in tokens:
        assert token.end > token.start >= position
        assert text[token.start:token.end] == token.text
        gap = text[position:token.start]
        assert all(ch.isspace() or ch in GAPS for ch in gap), (text, position, token)
        assert not any(ch.isspace() or ch == "\u200b" for ch in token.text), token
        position = token.end
    assert all(ch.isspace() or ch in GAPS for ch in text[position:])


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_tokens_tile_the_input(text):
    for engine in ENGINES:
        for granularity in ("word", "fine"):
            assert_tiles(text, segment_words(text, engine=engine, granularity=granularity))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([chr(c) for c in range(0x1780, 0x17DE)] + [" ", "\u200b"]), max_size=80)
       .map("".join))
def test_no_boundary_inside_a_cluster(text):
    cuts = {m.start() for m in CLUSTER_RE.finditer(text)} | {len(text)}
    for token in segment_words(text, granularity="fine"):
        assert token.start in cuts and token.end in cuts


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_sentences_are_ordered_spans(text):
    position = 0
    for sentence in split_sentences(text):
        assert sentence.end > sentence.start >= position
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        position = sentence.end
