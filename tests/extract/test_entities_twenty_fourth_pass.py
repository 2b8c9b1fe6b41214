"""Twenty-fourth pass of the entity rules: a one-word name right after a player's role
(``កីឡាករ មេឃា``) is a person, in any article (the one-word rule for stars and players ran only in
texts that held ``តារា`` or ``អ្នកចម្រៀង``); and that name is a person wherever else it stands as a
word, with a listed family name written before it as the full name. After a title, a family name
that is also a function word (``កញ្ញា បាន មុន្នីល័ក្ខ``) makes a name with the word after it when the
pair is written again elsewhere in the text. The texts follow corpus excerpts
(../shared/data/corpus/kh-news-2019-07.jsonl: 311911 of final19, 311824 of final25, 312820 of
final13, 312403 of final42)."""

from __future__ import annotations

import pytest

from entity_views import spans


def test_one_word_name_after_a_player_role():
    text = "ជា\u200bគូ\u200bប្រកួត\u200bរបស់\u200bគេ ដ្បិត\u200bអី\u200bកីឡាករ មេឃា មិន\u200bធ្លាប់\u200bបាន\u200bឡើង\u200bសង្វៀន"
    assert spans(text, "person") == ["មេឃា"]


def test_the_name_again_before_and_after_the_role_and_with_its_family_name():
    text = ("មេឃា រំពឹង\u200bឈ្នះ\u200bថៃ\n"
            "ការប្រកួត\u200bដ៏សំខាន់\u200bបំផុត\u200bចំពោះ\u200bម៉ឺន មេឃា ដើម្បី\u200bឆ្ពោះ\u200bទៅ\u200bរក\u200bខ្សែក្រវាត់។ "
            "ដ្បិត\u200bអី\u200bកីឡាករ មេឃា មិន\u200bធ្លាប់\u200bបាន\u200bឡើង\u200bសង្វៀន ហេតុនេះ មេឃា បាន\u200bត្រៀម\u200bខ្លួន។")
    assert spans(text, "person") == ["មេឃា", "ម៉ឺន មេឃា", "មេឃា", "មេឃា"]


def test_a_name_only_inside_a_longer_word_is_not_taken():
    text = "ដ្បិត\u200bអី\u200bកីឡាករ មេឃា មិន\u200bធ្លាប់\u200bចាញ់។ មេឃាខៀវស្រស់ណាស់"
    assert spans(text, "person") == ["មេឃា"]


@pytest.mark.parametrize("text", [
    "កញ្ញាក៏ជាកីឡាការិនី ផ្នែកល្បុក្កតោ ដែលចេះក្បាច់គុនខ្មែរ",  # (a field of sport)
    "កីឡាករ ជម្រើសជាតិ បានហ្វឹកហាត់",  # (the national team)
    "កីឡាករ បាន ឈ្នះ",  # (a verb)
])
def test_descriptions_after_a_player_role_are_not_names(text):
    assert spans(text, "person") == []


def test_function_word_family_name_after_a_weak_title_when_the_pair_is_written_again():
    text = ("តារាចម្រៀងវ័យក្មេង \u200bកញ្ញា បាន មុន្នី\u200bល័\u200bក្ខ ដែល\u200bត្រូវបាន\u200bជ្រើសរើស។\n"
            "បាន មុន្នី\u200bល័\u200bក្ខ ត្រូវ\u200bជ្រើសរើស\u200bជា\u200bតំណាង")
    assert spans(text, "person") == ["បាន មុន្នីល័ក្ខ"] * 2  # (spans() shows names without zero-width spaces)


@pytest.mark.parametrize("text", [
    "តារាចម្រៀងវ័យក្មេង កញ្ញា បាន មុន្នីល័ក្ខ ដែលត្រូវបានជ្រើសរើស។",  # (once only)
    "នៅខែកញ្ញា បាន មក ហើយ។ គេ បាន មក ម្តងទៀត",  # (the month, and a verb pair said twice)
])
def test_function_word_pair_once_or_a_verb_pair_is_no_name(text):
    assert spans(text, "person") == []


@pytest.mark.parametrize("mark", ["។", "៕", "៖"])
def test_the_name_again_right_before_khmer_punctuation(mark):
    # Khmer punctuation ends a word as a space does (it once counted as part of the word)
    text = f"ដ្បិត\u200bអី\u200bកីឡាករ មេឃា មិន\u200bធ្លាប់\u200bចាញ់។ អ្នក\u200bគាំទ្រ\u200bស្រឡាញ់ មេឃា{mark}"
    assert spans(text, "person") == ["មេឃា", "មេឃា"]


def test_two_bodies_joined_by_and_stay_two():
    # a listed body after ``និង`` is a second organization, not the last domain of the first
    # (``ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ`` is one ministry with two domains)
    assert spans("ក្រុមប្រឹក្សាធម្មនុញ្ញ និងរដ្ឋសភា បានប្រជុំ។", "org") == ["ក្រុមប្រឹក្សាធម្មនុញ្ញ", "រដ្ឋសភា"]
    assert spans("ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ បានប្រកាស។", "org") == ["ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ"]


@pytest.mark.parametrize("text,kind,want", [
    # accented Latin letters match as their base letters, and the mention keeps them
    ("អគ្គលេខាធិការ លោក António Guterres បានថ្លែង", "person", ["António Guterres"]),
    ("នាយករដ្ឋមន្ត្រីវៀតណាម លោក Nguyễn Xuân Phúc បានជួប", "person", ["Nguyễn Xuân Phúc"]),
    ("ក្លឹប Atlético Madrid បានឈ្នះ", "org", ["Atlético Madrid"]),
    # a Latin name glued to a Khmer word by a zero-width space ends before it (it took ``ន``)
    ("នៅ\u200bសាកលវិទ្យាល័យ National University of Paris-Sud\u200bនេះ\u200b។", "org",
     ["National University of Paris-Sud"]),
])
def test_latin_names_with_accents_and_before_khmer(text, kind, want):
    assert spans(text, kind) == want
