"""Session 19: persons of sports and entertainment news with no title: a star's or a player's name after
the role with words between or glued, the world figures named by one Latin or Khmer word, Latin given
names, and Khmer names glossed in Latin. Texts in the shapes of kh-news-2019-07 articles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from entity_views import persons
from sastra.extract._lexicon import _entities
from sastra.extract.entities import find_entities

#: the one-word names of world figures (read from the shipped list)
WORLD_FIGURES = sorted({w for line in _entities("latin_known_persons.txt") for w in line.split()})


def test_a_family_name_glued_to_a_role_starts_the_name():
    assert persons("តារាស្រី ព្រាប សុវត្ថិ និងតារាចម្រៀងឱក សុគន្ធកញ្ញា បានចូលរួម") == [
        ("ព្រាប សុវត្ថិ", None), ("ឱក សុគន្ធកញ្ញា", None)]
    assert persons("អ្នកប្រដាល់ធឿន ធារ៉ា បានយកឈ្នះ") == [("ធឿន ធារ៉ា", None)]
    # a glued word that is no listed family name is no name's start
    assert persons("តារាចម្រៀងខ្មែរ ជាច្រើនបានចូលរួម") == []


def test_a_word_of_praise_between_a_role_and_a_name():
    assert persons("ដោយមានការចូលរួមពីតារាចម្រៀងល្បី ខេមរៈ សិរីមន្ត") == [("ខេមរៈ សិរីមន្ត", None)]
    assert persons("តារាចម្រៀងប្រុសវ័យក្មេង The Toys បានបង្ហោះរូបភាព") == [("The Toys", None)]


def test_the_national_team_or_the_sport_between_a_player_and_the_name():
    assert persons("ក្នុងនោះ កីឡាករជម្រើសជាតិកម្ពុជា ជាន់ វឌ្ឍនាកា បានស៊ុតបញ្ចូលទី") == [("ជាន់ វឌ្ឍនាកា", None)]
    assert persons("កីឡាការិនីវាយកូនគោល Naomi Osaka បានឈ្នះ") == [("Naomi Osaka", None)]


def test_a_country_between_a_role_and_a_one_word_latin_name():
    assert persons("៣- តារាថៃ Napat និងគូស្នេហ៍មិនខុសអ្វីពីគូមុនៗ") == [("Napat", None)]
    # a country alone before a Latin word names no person (``ថៃ Airways``)
    assert persons("ក្រុមហ៊ុនអាកាសចរណ៍ថៃ Airways បានប្រកាស") == []


def test_a_transliterated_name_with_its_latin_spelling_in_parentheses():
    # a hyphenated Latin word may be written as two Khmer words, and the Khmer words may hold the
    # zero-width spaces of a publisher's word breaker (kh-news-2019-07, a football transfer report)
    text = "ការផ្ទេរ\u200bសម្រាប់\u200bខ្សែបម្រើ\u200bស្លាប អា\u200bឡែ\u200bន ស៊ាំ\u200bង ម៉ា\u200bហ្ស៊ី\u200bមីន (Allan Saint-Maximin) ត្រូវបាន\u200bបដិសេធ"
    assert persons(text) == [("អាឡែន ស៊ាំង ម៉ាហ្ស៊ីមីន", None), ("Allan Saint-Maximin", None)]  # (shown without them)
    # or as one Khmer word, as many as the Latin words
    assert persons("ខ្សែបម្រើស្លាប អាឡែន ស៊ាំងម៉ាហ្ស៊ីមីន (Allan Saint-Maximin) ត្រូវបានបដិសេធ") == [
        ("អាឡែន ស៊ាំងម៉ាហ្ស៊ីមីន", None), ("Allan Saint-Maximin", None)]
    # accented letters
    assert persons("ក្លឹបបានទិញ ហ្សង់ ហ្វ្រង់ស័រ (Jean François) មកវិញ") == [
        ("ហ្សង់ ហ្វ្រង់ស័រ", None), ("Jean François", None)]


def test_a_world_figure_named_by_one_latin_word():
    assert persons("Neymar បាននិយាយថា គាត់ចង់ត្រឡប់ទៅវិញ") == [("Neymar", None)]
    assert persons("ក្រុម BLACKPINK មានសមាជិក Jennie និង Jisoo") == [("Jennie", None), ("Jisoo", None)]
    # not beside other capitalized words, not a place named after the figure
    assert persons("ការដ្ឋានសំណង់ Trump Tower") == []
    assert persons("កម្លាំងបានចុះបង្ក្រាបនៅក្នុងក្លិបកំសាន្ត Obama ឃាត់ខ្លួនជនជាតិចិន") == []


def test_known_stars_and_a_wifes_name_with_her_husbands():
    assert persons("បទនេះច្រៀងដោយ ព្រាប សុវត្ថិ និង ហ៊ឹម ស៊ីវន ។") == [("ព្រាប សុវត្ថិ", None), ("ហ៊ឹម ស៊ីវន", None)]
    # after a title for women, a name and a known name are one name: hers, then her husband's
    assert persons("សម្តេចកិត្តិព្រឹទ្ធបណ្ឌិត ប៊ុន រ៉ានី ហ៊ុន សែន ប្រធានកាកបាទក្រហមកម្ពុជា") == [
        ("ប៊ុន រ៉ានី ហ៊ុន សែន", "សម្តេចកិត្តិព្រឹទ្ធបណ្ឌិត")]
    # after ``លោក`` they are two singers
    assert persons("ច្រៀងដោយលោក អ៊ឹង ណារី ប៉ែន រ៉ន និង ណារ៉ា") == [("អ៊ឹង ណារី", "លោក"), ("ប៉ែន រ៉ន", None)]


def test_a_world_figure_starts_a_longer_latin_name():
    assert persons("Jennie Kim បាននិយាយថា") == [("Jennie Kim", None)]


def test_a_world_figure_named_by_one_khmer_word():
    assert persons("ក្នុងនោះ រ៉ូណាល់ដូ បានរកគ្រាប់បាល់បាន២គ្រាប់") == [("រ៉ូណាល់ដូ", None)]
    assert persons("ដោយ\u200bប៉ាគីអៅ\u200b វ៉ៃ\u200bឈ្នះ") == [("ប៉ាគីអៅ", None)]
    # inside a longer word it is no name
    assert persons("ក្រុមរ៉ូណាល់ដូហ្វេន") == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(WORLD_FIGURES), st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=4),
       st.sampled_from(["បាននិយាយថា", " បាននិយាយថា", "។", " និង"]))
def test_a_world_figures_name_inside_a_longer_word_is_no_person(name, tail, after):
    text = f"ហើយ {name}{tail}{after}"
    assert all(text[m.start:m.end] != name for m in find_entities(text, kinds=["person"]))

