"""Worst cases of the entity finders: long lines without spaces or punctuation are read in pieces.

Most rules look at the letters glued to a candidate up to the next space or punctuation; on a long
unspaced line that is the rest of the line, so reading it whole takes time and memory that grow with
the square of its length (a 160,000-character line took 71 s and 1 GB). ``find_entities`` cuts such a
text into pieces (``_pieces``) and shifts each piece's mentions back into the whole text. No timing
threshold here: the tests check that the long inputs complete with valid mentions, where the cuts
fall, and that the corpus's articles are still read whole (so their output is unchanged).
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

import sastra
from sastra.extract import entities
from sastra.extract.entities import find_entities

ZERO_WIDTH = "\u200b\u2060\ufeff"
COENG = "\u17d2"
#: real news text with its spaces and punctuation taken out (corpus id 312118, first 200 characters):
#: courts and a radio station, twice each
UNSPACED = ("តុលាការក្រុងភ្នំពេញបើកសវនាការជំនុំជម្រះលើសំណុំរឿងអតីតអ្នកកាសែតវិទ្យុអាស៊ីសេរីនៅព្រឹកថ្ងៃសុក្រនេះ"
            "តុលាការសាលាដំបូងរាជធានីភ្នំពេញបានបើកសវនាការជំនុំជម្រះលើសំណុំរឿងអតីតអ្នកកាសែតវិទ្យុអាស៊ីសេរីពីរនាក់គឺលោកអ")
#: unspaced text in which the finders find nothing (corpus id 313577, first 151 characters)
FILLER = ("អ្វីដែលអ្នកគួរតែធ្វើបើសិនជាមិនចង់កើតគ្រួសក្នុងថង់ទឹកប្រមាត់ទេកាលពីលើកមុនខ្ញុំបានបង្ហាញរួចមកហើយ"
          "អំពីមនុស្សប្រភេទណាដែលងាយនឹងកើតជំងឺគ្រួសក្នុងថង់ទឹកប្រមាត់")
#: one Khmer cluster in the original text (a zero-width character may stand between a coeng and its
#: letter: the matching view drops it, so the two still make one cluster)
CLUSTER_RE = re.compile(f"[\u1780-\u17b3](?:{COENG}[{ZERO_WIDTH}]*[\u1780-\u17b3]"
                        f"|[\u17b4-\u17d1\u17d3\u17dd\u200c\u200d])*")


def repeat(phrase: str, size: int) -> str:
    return (phrase * (size // len(phrase) + 1))[:size]


def check_mentions(text, mentions):
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end  # flat and in text order
        last_end = m.end
        if m.title is not None:  # written before the name
            assert text.rfind(m.title, 0, m.start) >= 0


def check_tiling(text, pieces):
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in zip(pieces, pieces[1:]):
        assert end == start
    assert all(0 < end - start <= entities._PIECE_CHARS for start, end in pieces)


def cuts(pieces):
    return [start for start, _ in pieces[1:]]


# --- long lines complete with valid mentions --------------------------------------------------------

def test_unspaced_line_of_200k_characters():
    text = repeat(UNSPACED, 200_000)
    mentions = find_entities(text, learned=False)
    check_mentions(text, mentions)
    pieces = entities._pieces(text)
    assert len(pieces) > 1
    # nothing lost but at the cuts: every occurrence of the radio station is found, except one a cut
    # falls into
    radio = "វិទ្យុអាស៊ីសេរី"
    found = sum(m.text == radio and m.kind == "org" for m in mentions)
    assert text.count(radio) - (len(pieces) - 1) <= found <= text.count(radio)


def test_unspaced_line_through_the_public_function():
    text = repeat(UNSPACED, 200_000)
    mentions = sastra.extract(text)
    check_mentions(text, mentions)
    assert [m for m in mentions if m.kind == "org"]


@pytest.mark.parametrize("text", [
    "ក" + "\u17b6" * 200_000,                  # combining marks after one consonant
    COENG * 200_000,
    "\u2060" * 200_000,
    "Abcdef" * 40_000,                         # Latin letters without a space
    repeat("ក្រសួងការពារជាតិ", 200_000),
    repeat("លោក", 200_000),
])
def test_degenerate_long_lines_complete(text):
    mentions = find_entities(text, learned=False)
    check_mentions(text, mentions)
    check_tiling(text, entities._pieces(text))


# --- where the cuts fall --------------------------------------------------------------------------

def test_cuts_never_fall_inside_a_cluster():
    # stacked consonants, vowels and signs, joiners and zero-width characters inside clusters
    phrase = ("ព្រះរាជាណាចក្រកម្ពុជាស្ត្រីក្សត្រិយ៍ស្ក្រុ\u200dស្\u2060ត\u200c៊ីអ៊ុំនាំមកជូនព្រឹទ្ធសភា"
              "សម្តេច\ufeffតេជោក៏\u2060ញ៉ាំ")
    text = repeat(phrase, 200_000)
    pieces = entities._pieces(text)
    check_tiling(text, pieces)
    assert len(pieces) > 40
    cut_at = set(cuts(pieces))
    for match in CLUSTER_RE.finditer(text):
        assert not any(c in cut_at for c in range(match.start() + 1, match.end())), match.group()
    for c in cut_at:
        assert not unicodedata.category(text[c]).startswith("M")
        assert text[c] not in ZERO_WIDTH + "\u200c\u200d"
        assert text[c - 1] != COENG
    mentions = find_entities(text, learned=False)
    check_mentions(text, mentions)


def test_cuts_prefer_line_breaks_then_sentence_marks_then_spaces():
    line = repeat(UNSPACED[:90] + " ", 1_200) + "\n"
    text = repeat(line, 120_000)
    assert all(text[c - 1] == "\n" for c in cuts(entities._pieces(text)))
    sentence = repeat(UNSPACED[:90] + " ", 700) + "។"
    text = repeat(sentence, 120_000)
    assert all(text[c - 1] == "។" for c in cuts(entities._pieces(text)))
    text = repeat(UNSPACED[:90] + " ", 120_000)
    assert all(text[c - 1] == " " for c in cuts(entities._pieces(text)))
    text = repeat(UNSPACED[:90] + "\u200b", 120_000)
    assert all(text[c - 1] == "\u200b" for c in cuts(entities._pieces(text)))
    for text in (repeat(line, 120_000), repeat(sentence, 120_000)):
        check_tiling(text, entities._pieces(text))


def test_which_texts_are_read_whole():
    assert entities._pieces("") == [(0, 0)]
    unspaced = repeat(UNSPACED, entities._PIECE_CHARS)
    assert entities._pieces(unspaced) == [(0, len(unspaced))]  # not longer than a piece
    spaced = repeat(UNSPACED[:90] + " ", entities._WHOLE_TEXT_CHARS)
    assert entities._pieces(spaced) == [(0, len(spaced))]  # words spaced, not over the threshold
    assert len(entities._pieces(spaced + " ")) > 1  # over the threshold
    glued = repeat(UNSPACED, entities._GLUED_CHARS + 1) + " " + repeat(UNSPACED[:90] + " ", 20_000)
    assert len(entities._pieces(glued)) > 1  # a long unspaced stretch in a text longer than a piece


def test_corpus_articles_are_read_whole(shared_data):
    corpus = shared_data / "corpus" / "kh-news-2019-07.jsonl"
    if not corpus.is_file():
        pytest.skip(f"corpus absent: {corpus}")
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    assert texts
    assert [len(entities._pieces(text)) for text in texts] == [1] * len(texts)


# --- mentions of later pieces point into the whole text -----------------------------------------

def test_place_far_after_the_threshold_is_found_at_its_offset():
    assert find_entities(FILLER * 3) == []
    head = repeat(FILLER, 150_000)
    place = "ខេត្តសៀមរាប"
    text = head + " " + place + " " + repeat(FILLER, 60_000)
    assert len(entities._pieces(text)) > 1
    at = len(head) + 1
    expected = [("loc", at, at + len(place), place)]
    for mentions in (find_entities(text, learned=False), [m for m in sastra.extract(text) if m.kind in ("person", "org", "loc")]):
        assert [(m.kind, m.start, m.end, m.text) for m in mentions] == expected


def test_mentions_of_every_piece_are_shifted_into_the_whole_text():
    line = "លោក ហ៊ុន ម៉ាណែត បានអញ្ជើញទៅខេត្តសៀមរាប ជាមួយក្រសួងការពារជាតិ " + FILLER + "\n"
    text = repeat(line, 150_000)
    mentions = find_entities(text, learned=False)
    check_mentions(text, mentions)
    whole_lines = text.count("\n")
    per_line = find_entities(line)
    assert per_line
    # each piece holds whole lines here, so every whole line gives the mentions of the line read alone
    starts = {m.start for m in mentions}
    for k in range(whole_lines):
        for m in per_line:
            assert k * len(line) + m.start in starts
    assert len(mentions) >= whole_lines * len(per_line)
