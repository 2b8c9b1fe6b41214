"""The scans made faster for speed give what the plain scans give: each helper is checked against the
``finditer`` (or the search) it replaces, on the repository's sample articles, on crafted edge cases and
on random strings of the characters that matter."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sastra.extract import dates, entities, money
from sastra.extract.entities import _make_view

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples" / "corpus").glob("*.txt"))


def sample_views() -> list[str]:
    return [_make_view(path.read_text(encoding="utf-8", errors="replace")).text for path in SAMPLES]


def random_strings(pieces: list[str], count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(longest))) for _ in range(count)]


def spans_and_groups(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_role_scans_share_one_scan():
    crafted = ["នាយករដ្ឋមន្ត្រី ហ៊ុន សែន", "នាយករដ្ឋមន្ត្រីថៃ ប្រាយុទ្ធ ចាន់អូចា", "កីឡាករកម្ពុជា អេលីត សាន់",
               "រដ្ឋមន្ត្រីរដ្ឋមន្ត្រី ក", "អ្នកនាំពាក្យ រដ្ឋមន្ត្រី "]
    pieces = ["នាយក", "រដ្ឋមន្ត្រី", "កីឡាករ", "ថៃ", " ", "ក", "ា", "\n"]
    for text in sample_views() + crafted + random_strings(pieces, 3000, 12, seed=1):
        roles, with_country = entities._role_matches(text)
        assert spans_and_groups(roles) == spans_and_groups(entities._ROLE_RE.finditer(text))
        assert spans_and_groups(with_country) == spans_and_groups(entities._ROLE_COUNTRY_RE.finditer(text))


def test_club_lines_are_found_as_by_the_full_scan():
    crafted = ["\nថន ភឿត ក្លិបឃ្លាំងមឿងកីឡា ជួប", "ក ខ ក្លិបគ ក្លិបឃ ។", "ស៊ិន សុខា សមាគមប្រដាល់ ក្រសួង",
               "ក ខ គ ក្លឹបឃ១ ង ច ក្លឹបឆ"]
    pieces = ["ក", "ខ", "ា", "្", " ", "\n", "។", "ក្លិប", "ក្លឹប", "សមាគមប្រដាល់", "៩", "\u200c", "\u200b"]
    for text in sample_views() + crafted + random_strings(pieces, 5000, 16, seed=2):
        found = entities._club_line_matches(text)
        assert spans_and_groups(found) == spans_and_groups(entities._CLUB_LINE_RE.finditer(text))


@pytest.mark.parametrize("regexes, needs", [(dates._YEAR_RES, dates._YEAR_RES_NEED),
                                            (dates._NUMERIC_RES, dates._NUMERIC_RES_NEED)])
def test_date_scans_skipped_only_without_a_match(regexes, needs):
    crafted = ["ពុទ្ធសករាជ ២៥៦៣", "គ.ស.1999", "ព. ស. ២៥៦៣", "២០១៩-២០២០", "២០១៩ – ២០២០", "17/07/2024",
               "2019-10-23", "27.7.2019", "ឆ្នាំ២០១៩"]
    pieces = ["ព", "គ", ".", "ស", " ", "២", "០", "1", "9", "-", "–", "—", "/", "ឆ្នាំ", "សករាជ"]
    for text in crafted + random_strings(pieces, 5000, 14, seed=3):
        kept = dates._needed(regexes, needs, text)
        for regex in regexes:
            if regex not in kept:
                assert regex.search(text) is None


def test_currency_name_before_an_amount_needs_a_last_letter_nearby():
    pieces = ["ដុល្លារ", "រៀល", "៛", "ដុល្លា", "ក", "១", "០", " ", "\u200b", "\n", "ា"]
    for text in random_strings(pieces, 5000, 8, seed=4):
        for start in range(1, len(text) + 1):
            if money._KHMER_NAME_LAST.isdisjoint(text[max(0, start - 3):start]):
                assert money._KHMER_NAME_BEFORE_RE.search(text, max(0, start - 24), start) is None


def test_clock_times_need_a_colon_before_the_minutes():
    from sastra.extract import numbers

    pieces = ["១", "2", "០", ":", "៖", "ៈ", " ", "\u200b", "ក", "ម៉ោង"]
    for text in ["១២:៣០", "ម៉ោង ៩ ៖ ៣០", "10ៈ\u200b45", "១២ : ៣"] + random_strings(pieces, 5000, 10, seed=5):
        if numbers._CLOCK_HINT_RE.search(text) is None:
            assert numbers._CLOCK_RE.search(text) is None


def test_khmer_initials_are_found_as_by_the_full_scan():
    crafted = ["គ.ជ.ប", "គ .ជ . ក .អ .ក", "អ-ស-ប", "ហ.ល.ណ អាយុ ១៤ឆ្នាំ", "កក.ខ.គ", "ក៏.ខ.គ", "ក.ខ-គ.ឃ"]
    pieces = ["ក", "ខ", "អ", "ឥ", ".", "-", " ", "៉", "ា", "្", "\u17dd", "\n"]
    for text in sample_views() + crafted + random_strings(pieces, 20000, 12, seed=6):
        found = entities._khmer_acronym_matches(text)
        assert spans_and_groups(found) == spans_and_groups(entities._KHMER_ACRONYM_RE.finditer(text))


NEEDLE_SCANS = [
    (entities._PROVINCIAL_BODY_STARTS, entities._PROVINCIAL_BODY_RE),
    (entities._DOMAIN_BODY_STARTS, entities._DOMAIN_BODY_RE),
    (entities._QUOTED_HEADS, entities._QUOTED_RE),
    (entities._GLUED_ADDRESS_CUES, entities._GLUED_ADDRESS_RE),
    (entities._CREDIT_COLONS, entities._CREDIT_COLON_RE),
    (entities._GLUED_ADMIN, entities._GLUED_ADMIN_RE),
    (entities._SPLIT_HEAD_FIRSTS, entities._SPLIT_HEAD_RE),
    (entities._BYLINE_WORDS, entities._BYLINE_RE),
    (("ប្រភព",), entities._SOURCE_RE),
    (("មហាវិថី",), entities._BOULEVARD_RE),
    (entities._OTHER_LEVEL_CUES, entities._OTHER_LEVELS_RE),
    (entities._SITE_TYPE_WORDS, entities._SITE_TYPE_RE),
    (entities._LIST_AFTER_ROLE_STARTS, entities._LIST_AFTER_ROLE_RE),
    (entities._HOSPITALITY_HEADS, entities._HOSPITALITY_RE),
    (entities._POLICE_POST_STARTS, entities._POLICE_POST_RE),
    (entities._PEOPLE_SCHOOL_HEADS, entities._SCHOOLS_FOR_PEOPLE_RE),
    (entities._REPEATED_NAME_HEADS, entities._REPEATED_NAME_RE),
    (entities._LANDMARK_CUE_WORDS, entities._LANDMARK_RE),
    (entities._GLOSS_STARTS, entities._GLOSS_RE),
    (entities._GLOSS_STARTS, entities._TRANSLITERATION_GLOSS_RE),
]


@pytest.mark.parametrize("needles, regex", NEEDLE_SCANS)
def test_scans_from_needles_find_what_the_full_scan_finds(needles, regex):
    pieces = list(needles) + ["ក", "ា", "្", " ", "៖", ":", "«", "»", "\"", "ខេត្ត", "ស្រុក", "ដែល", "នគរបាល", "ប៉ុស្តិ៍",
                              "ឃុំ", "អនុ", "\n", ")", "Ab", "de", "Cd"]
    for text in sample_views() + random_strings(pieces, 3000, 10, seed=7):
        found = entities._matches_of(text, needles, regex)
        assert spans_and_groups(found) == spans_and_groups(regex.finditer(text))


def test_star_roles_from_their_first_characters_find_what_the_full_scan_finds():
    # (twenty-fourth pass: the one-word rule for stars and players is tried where a role's first three
    # characters stand; roles glued to each other and cut short are in the pieces)
    pieces = [role + " " for role in entities._STAR_ROLES] + list(entities._STAR_ROLES) + \
        list(entities._STAR_ROLE_STARTS) + ["កីឡា", "តារា", " ", "ក", "មេឃា", "\n"]
    texts = random_strings(pieces, 3000, 8, seed=11)
    assert sum(len(list(entities._STAR_ROLE_RE.finditer(text))) for text in texts) > 1000
    for text in sample_views() + texts:
        found = entities._matches_of(text, entities._STAR_ROLE_STARTS, entities._STAR_ROLE_RE)
        assert spans_and_groups(found) == spans_and_groups(entities._STAR_ROLE_RE.finditer(text))


def test_bare_dateline_run_is_possessive_without_loss():
    import re

    plain = re.compile(entities._BARE_DATELINE_RE.pattern.replace("]*+)", "]*)"))
    assert plain.pattern != entities._BARE_DATELINE_RE.pattern
    pieces = ["ក", "ា", "្", "ៈ", " ", "\t", "៖", ":", "\n", "A"]
    for text in sample_views() + random_strings(pieces, 5000, 10, seed=8):
        for start in range(len(text)):
            found, expected = entities._BARE_DATELINE_RE.match(text, start), plain.match(text, start)
            assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))


def test_a_longer_tail_never_holds_fewer_clusters():
    # (``_surname_after_country`` stops at the first cut whose tail holds more than three clusters)
    pieces = ["ក", "ខ", "ា", "ំ", "្", "\u17dd", "\u200c", "\u200d", " ", "A", "១"]
    for text in random_strings(pieces, 3000, 14, seed=10):
        counts = [entities._clusters_in(text[cut:]) for cut in range(len(text), -1, -1)]
        assert counts == sorted(counts)


def gated_lists():
    """Each word list the trigram gate serves: its pattern, its gate bit and its words."""
    pats = entities._patterns()
    lex = entities.lexicon()
    known = entities._known_people_words()
    blocked = [entities.fold(w) for w in entities._BLOCKED_WORDS]
    return [(pats.free_names, entities._FREE_NAMES, sorted(lex.org_heads) + [entities.fold(c) for c in entities._PLACE_CUES]),
            (pats.blocked, entities._BLOCKED, blocked), (pats.known_people, entities._KNOWN_PEOPLE, known),
            (pats.titles, entities._TITLES, list(lex.titles)),
            (entities._ROLE_RE, entities._ROLES, list(entities._NAME_ROLES))]


def word_soup(words: list[str], count: int, seed: int) -> list[str]:
    """Long random texts of listed words, their halves, their spaces taken out, and single letters."""
    rng = random.Random(seed)
    sample = rng.sample(words, min(60, len(words)))
    pieces = sample + [w[:len(w) // 2] for w in sample] + [w.replace(" ", "") for w in sample if " " in w] + \
        ["ក", "ា", "្", " ", "\n", "A", "១", "ៗ", "\u17dd"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(20, 200))) for _ in range(count)]


@pytest.mark.parametrize("index", range(5))
def test_trigram_gate_holds_every_start_of_the_big_lists(index):
    pattern, bit, words = gated_lists()[index]
    gate = entities._patterns().gate
    for text in sample_views() + word_soup(words, 400, seed=11 + index) + ["", "ក", "ក ខ"]:
        starts = gate.starts(text, bit)
        assert starts == sorted(set(starts))
        expected = spans_and_groups(pattern.finditer(text))
        assert spans_and_groups(entities._matches_from(pattern, text, starts)) == expected
        if index < 4:
            assert spans_and_groups(entities._trie_matches(pattern, text, bit)) == expected


def test_role_scans_through_the_gate():
    for text in sample_views() + word_soup(list(entities._NAME_ROLES), 400, seed=16):
        roles, with_country = entities._role_matches(text)
        assert spans_and_groups(roles) == spans_and_groups(entities._ROLE_RE.finditer(text))
        assert spans_and_groups(with_country) == spans_and_groups(entities._ROLE_COUNTRY_RE.finditer(text))


@pytest.mark.parametrize("space", [" ?", " ", ""])
def test_trigram_gate_of_spaced_and_short_words(space):
    import re

    words = ["ក", "កខ", "ក ខគ", "ខ គ ឃ ង", " គក", "ឃ  ង", "AB C", "ងៗ", "\u17ddក"]
    gate = entities._TrigramGate([(words, space), (["ខ"], " ?")])
    pattern = re.compile(entities.trie_pattern(words, space=space))
    pieces = ["ក", "ខ", "គ", "ឃ", "ង", " ", "A", "B", "C", "ៗ", "\u17dd", "x", "\U0001f600", "\ud800"]
    for text in random_strings(pieces, 5000, 12, seed=17):
        found = entities._matches_from(pattern, text, gate.starts(text, 1))
        assert spans_and_groups(found) == spans_and_groups(pattern.finditer(text))
        assert gate.starts(text, 2) == [i for i, ch in enumerate(text) if ch == "ខ"]
