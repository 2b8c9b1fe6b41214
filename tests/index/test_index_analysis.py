"""analyze(): the one analysis shared by the index writer and the query parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sastra.errors import ConfigError, InputError
from sastra.index import analyze, entity_key
from sastra.index.analysis import (analyze_text, analyze_tokens, index_fields, index_terms, query_terms,
                                   query_terms_of_parts)

KHMER = st.text(alphabet=st.sampled_from(list("កខគងចឆជញដតថទនបពមយរលវសហអាិីឹុូួើេែៃោៅំះ់្\u200b ១២abc.,។")),
                max_size=60)


def test_offsets_point_into_the_given_text():
    text = "អភិបាលក្រុង\u200bភ្នំពេញ ឯកឧត្ដម ១២៣ USA"
    tokens = analyze(text)
    assert tokens, "something to index"
    for token in tokens:
        assert text[token.start:token.end] == token.text
        assert token.key
        assert " " not in token.key and "\u200b" not in token.key


def test_keys_fold_look_alike_spellings_digits_and_case():
    # coeng DA and coeng TA, split vowels, zero-width space, Khmer digits, Latin case
    assert [t.key for t in analyze("ឯកឧត្ដម")] == [t.key for t in analyze("ឯកឧត្តម")]
    assert [t.key for t in analyze("១២៣")] == ["123"]
    assert [t.key for t in analyze("USA")] == ["usa"]
    assert "".join(t.key for t in analyze("ក្រសួង\u200bសុខាភិបាល")) == "".join(
        t.key for t in analyze("ក្រសួងសុខាភិបាល"))
    assert "".join(t.key for t in analyze("ស\u17c1\u17b8ម")) == "".join(t.key for t in analyze("ស\u17beម"))


def test_punctuation_and_spacing_make_no_token():
    assert analyze("។ ៕ , . ! \u200b  \n") == []


def test_fine_pieces_are_clusters_inside_words():
    pieces = [t.key for t in analyze("អភិបាលក្រុង", "fine")]
    assert pieces[-2:] == ["ក្រុ", "ង"]
    assert "".join(pieces) == "អភិបាលក្រុង"


def test_unknown_granularity_and_bad_input():
    with pytest.raises(ConfigError):
        analyze("ក", "syllable")
    with pytest.raises(InputError):
        analyze(b"bytes")  # type: ignore[arg-type]


def test_analyze_tokens_reuses_segmenter_tokens():
    from sastra.records import Token

    text = "ក្រុង ភ្នំពេញ"
    tokens = (Token("ក្រុង", 0, 5), Token(" ", 5, 6, "punct"), Token("ភ្នំពេញ", 6, 13))
    analysis = analyze_tokens(text, tokens)
    assert [t.key for t in analysis.words] == ["ក្រុង", "ភ្នំពេញ"]
    assert [t.text for t in analysis.pieces][:2] == ["ក្រុ", "ង"]


def test_entity_key_ignores_spacing():
    assert entity_key("ហ៊ុន សែន") == entity_key("ហ៊ុន\u200bសែន") == entity_key("ហ៊ុនសែន")


@settings(max_examples=60, deadline=None)
@given(KHMER)
def test_tokens_are_in_order_and_exact(text):
    analysis = analyze_text(text)
    for tokens in (analysis.words, analysis.pieces):
        last = 0
        for token in tokens:
            assert text[token.start:token.end] == token.text
            assert token.start >= last
            last = token.end


@settings(max_examples=60, deadline=None)
@given(KHMER)
def test_same_keys_for_normalized_text(text):
    from sastra.normalize import normalize

    assert "".join(t.key for t in analyze(text, "fine")) == "".join(t.key for t in analyze(normalize(text), "fine"))


def _index_terms_of_analysis(analysis):
    words = analysis.words
    return ([t.key for t in words], [t.start for t in words], [t.end for t in words],
            [t.key for t in analysis.pieces])


def _normalized_and_segmented(text):
    """The text and tokens as the pipeline hands them to the index writer."""
    from sastra.normalize import normalize
    from sastra.segment import segment_words

    text = normalize(text)
    return text, segment_words(text)


def test_index_terms_equal_analyze_tokens_on_real_articles(real_articles):
    """The index writer's fast path gives exactly the keys, offsets and pieces of analyze_tokens
    (articles of ../shared/data/corpus/kh-news-2019-07.jsonl, normalized and segmented as the pipeline does)."""
    for article in real_articles:
        text, tokens = _normalized_and_segmented(article["text"])
        assert tuple(index_terms(text, tokens)) == _index_terms_of_analysis(analyze_tokens(text, tokens))


@settings(max_examples=60, deadline=None)
@given(KHMER)
def test_index_terms_equal_analyze_tokens(text):
    text, tokens = _normalized_and_segmented(text)
    assert tuple(index_terms(text, tokens)) == _index_terms_of_analysis(analyze_tokens(text, tokens))


def _index_fields_of_terms(terms):
    from sastra.index.store import cluster_bigrams

    return terms.keys, terms.starts, terms.ends, " ".join(cluster_bigrams(terms.piece_keys))


def test_index_fields_equal_index_terms_on_real_articles(real_articles):
    """index_fields makes the sub-word field from per-token pairs: the same text as joining the
    cluster pairs of index_terms' pieces."""
    for article in real_articles:
        text, tokens = _normalized_and_segmented(article["text"])
        assert tuple(index_fields(text, tokens)) == _index_fields_of_terms(index_terms(text, tokens))


@settings(max_examples=80, deadline=None)
@given(KHMER)
def test_index_fields_equal_index_terms(text):
    text, tokens = _normalized_and_segmented(text)
    assert tuple(index_fields(text, tokens)) == _index_fields_of_terms(index_terms(text, tokens))
    for cut in range(min(len(tokens), 4)):  # one piece, two pieces, ...: the edge cases of pairing
        assert tuple(index_fields(text, tokens[:cut])) == _index_fields_of_terms(index_terms(text, tokens[:cut]))


def _words_of_analysis(text):
    """(key, cluster keys) of each word, from analyze_text: what query_terms must give."""
    analysis = analyze_text(text)
    out = []
    for word in analysis.words:
        pieces = tuple(p.key for p in analysis.pieces if word.start <= p.start and p.end <= word.end)
        out.append((word.key, pieces or (word.key,)))
    return out


@pytest.mark.parametrize("text", ["អភិបាលក្រុង\u200bភ្នំពេញ", "ឯកឧត្ដម ១២៣ USA", "", "។ ,",
                                  "ក្រសួងសុខាភិបាល 1,500.75$", "ស\u17c1\u17b8ម ក្រុង"])
def test_query_terms_are_the_keys_of_analyze_text(text):
    assert query_terms(text) == _words_of_analysis(text)


@settings(max_examples=60, deadline=None)
@given(KHMER)
def test_query_terms_equal_analyze_text(text):
    assert query_terms(text) == _words_of_analysis(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(KHMER.map(lambda text: "".join(text.split())), max_size=5))
def test_parts_of_a_query_are_segmented_as_one_text(parts):
    """Each part gets the words of its own stretch of the parts joined by spaces (one segmenter call
    per query), and no word is lost or moved to another part."""
    words = query_terms_of_parts(parts)
    assert len(words) == len(parts)
    assert [w for part in words for w in part] == query_terms(" ".join(parts))
    for part, found in zip(parts, words):
        if not part.strip():
            assert found == []


def test_query_terms_of_one_part_is_query_terms():
    for text in ("អភិបាលក្រុង\u200bភ្នំពេញ", "ឯកឧត្ដម ១២៣ USA", ""):
        assert query_terms_of_parts([text]) == [query_terms(text)]
