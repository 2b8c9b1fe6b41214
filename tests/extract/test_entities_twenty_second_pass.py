"""Twenty-second pass of the entity rules: a person noun before ``ឈ្មោះថា`` ("named") says that the
name after it is a person's, also when it is a Latin-script or one-word name (which ``ឈ្មោះថា`` alone
does not say: it names things too); and a thing that bears names (a ship, a device) written just
before a Latin name followed by a verb says it is not a person's name. The texts follow the shape of corpus excerpts
(../shared/data/corpus/kh-news-2019-07.jsonl), with the person noun made explicit."""

from __future__ import annotations

import pytest

from entity_views import spans
from sastra import extract


@pytest.mark.parametrize("text, name", [
    ("ការប្រកួតជាមួយអ្នកប្រដាល់ថៃឈ្មោះថា Nun Tanun Viaraya ដោយជាម្ចាស់ខ្សែក្រវាត់", "Nun Tanun Viaraya"),
    ("តារាចម្រៀងឈ្មោះថា Yangzhe បានបង្ហោះរូបភាព", "Yangzhe"),
])
def test_a_name_after_a_person_noun_and_named_is_a_person(text, name):
    assert name in spans(text, "person")


@pytest.mark.parametrize("text, name", [
    # a thing named, with no person noun before it
    ("ក្រុមហ៊ុនបានដាក់លក់ឧបករណ៍ឈ្មោះថា Pocket បន្ទាប់ពី", "Pocket"),
    ("ទូកមួយឈ្មោះថា Stena Impero ត្រូវបានឃាត់ទុក", "Stena Impero"),
    # 312767 (final16): a ship, named before a verb
    ("ក្រោយពីនាវា\u200bដោត\u200bទង់\u200bអង់គ្លេស Stena Impero\u200bត្រូវបាន\u200bអ៊ីរ៉ង់ចាប់", "Stena Impero"),
])
def test_a_name_after_named_alone_is_not_a_person(text, name):
    assert name not in spans(text, "person")


def test_a_latin_name_repeated_inside_a_longer_run_of_capitalized_words_is_not_repeated():
    # 311969 (final39): the child is a person, the channels named after her are not
    text = ("តារា\u200bYouTube\u200bវ័យក្មេង\u200bជនជាតិ\u200bកូរ៉េខាងត្បូង\u200bម្នាក់ឈ្មោះ\u200bBoram \u200bរួមជាមួយ"
            "\u200bក្រុមគ្រួសារ\u200bរបស់\u200bនាង។ ក្នុងនោះ\u200bBoram Tube Vlog\u200bឆានែល មានអ្នក\u200bsubscriber"
            "១៧.៦\u200bលាន\u200bនាក់ និង\u200bBoram Tube Toys Review\u200bឆានែល")
    assert spans(text, "person") == ["Boram"]


def test_a_latin_surname_repeated_after_its_given_name_takes_the_whole_name():
    # 311930 (final39): ``Pacquiao`` found alone, then written with his given name
    text = ("គេឃើញឈ្មោះ Pacquiao បាននិយាយថា ខ្ញុំនឹងប្រកួត។\n"
            "ពួកគេចង់ឲ្យខ្ញុំវ៉ៃជាមួយ Manny Pacquiao ម្ដងទៀត។")
    assert "Manny Pacquiao" in spans(text, "person")
    assert "Pacquiao" in spans(text, "person")  # the first one, alone


def test_a_credit_word_is_not_taken_as_a_given_name():
    text = "កូសល់ Kosal បាននិយាយថា ល្អ។\nBy Kosal"
    assert "By Kosal" not in spans(text, "person")


@pytest.mark.parametrize("text, person", [
    # 312850 (final13): a by-line glued to the dateline
    ("ថ្ងៃទី២៤ July 2019 09:34 AM ដោយ ៖ មេត្តាភ្នំពេញ\u200b៖ \u200bអ្នកនាំពាក្យក្រសួងបានឲ្យដឹងថា", "មេត្តា"),
    # 311886 (final21)
    ("អត្ថបទ៖ លោក កែវ សុខា, កញ្ញា ច័ន្ទ លក្ខ័ណាភ្នំពេញ៖ នាយករដ្ឋមន្ត្រីបានថ្លែងថា", "ច័ន្ទ លក្ខ័ណា"),
])
def test_a_name_glued_to_the_dateline_after_it_ends_where_the_place_begins(text, person):
    assert person in spans(text, "person")
    assert "ភ្នំពេញ" in spans(text, "loc")


def test_names_listed_after_a_person_noun_and_including_are_persons():
    # 312661 (final18): swimmers, "and" glued to the names around it
    text = "ក្នុងវិញ្ញាសានេះដែលមានកីឡាការិនីរួមមាន ឆោម ស្រីវល័្លក្ខណ៍ កាំង មុយនីន វ័ច ហ្សង់ឆាយនិងឃឹន ប៊ុនពេជ្រមរកត បាន"
    assert spans(text, "person") == ["ឆោម ស្រីវល័្លក្ខណ៍", "កាំង មុយនីន", "វ័ច ហ្សង់ឆាយ", "ឃឹន ប៊ុនពេជ្រមរកត"]
    text = "តារាចម្រៀងល្បីៗ ដូចជា ព្រាប សុវត្ថិ, ខេមរៈ សិរីមន្ត និង ឱក សុគន្ធកញ្ញា បានចូលរួម"
    assert spans(text, "person") == ["ព្រាប សុវត្ថិ", "ខេមរៈ សិរីមន្ត", "ឱក សុគន្ធកញ្ញា"]


@pytest.mark.parametrize("text", [
    "កីឡាកររួមមាន ការហ្វឹកហាត់ និងការប្រកួត",  # "players including training and matches": no names
    "កីឡាករដូចជា លោក ចង់ឈ្នះ",  # one pair only is no list
])
def test_no_list_of_names_no_listed_persons(text):
    assert all(m.rule != "person.listed" for m in extract(text))


def test_a_transliterated_name_may_have_a_later_word_that_begins_like_a_function_word():
    # 312952 (final11): ``ពីឈីត`` begins like ``ពី`` ("from"); the gloss gives two words, so two
    text = "ការប្រកួតជាមួយ អ្នក\u200bប្រដាល់\u200bថៃ\u200bឈ្មោះ យ៉\u200bត ពី\u200bឈី\u200bត (Yorth Pichhit) នៅសង្វៀន"
    assert spans(text, "person") == ["យ៉ត ពីឈីត", "Yorth Pichhit"]


def test_a_translated_place_before_a_gloss_is_no_transliterated_name():
    # 311874 (unlabelled): ``ក្រោមទឹក`` is "underwater", ``ដោយថន`` begins with ``ដោយ`` ("by")
    text = "ឬ ផ៉ាលេះ ដោយថន (Palace Downtown) អាចចូលទៅ សួតឧទ្យាន ក្រោមទឹក(Underwater Zoo) និង"
    assert spans(text, "person") == []


@pytest.mark.parametrize("text, person", [
    # 312674 (final18), 312675 (final12): role, country and family name written as one word
    ("ភ្នំពេញ:អ្នកប្រដាល់កម្ពុជាប៉ោ ភារិទ្ធនៃសមាគមប្រដាល់កុនខ្មែរ", "ប៉ោ ភារិទ្ធ"),
    ("ថ្ងៃនេះ អ្នកប្រដាល់កម្ពុជាទេស ជីវ៉ាដែលកន្លង មកលង់ក្នុងបញ្ហា", "ទេស ជីវ៉ា"),
])
def test_a_family_name_glued_to_the_country_after_a_role_starts_the_name(text, person):
    assert person in spans(text, "person")


def test_a_function_word_glued_to_the_country_after_a_role_starts_no_name():
    assert spans("កីឡាករកម្ពុជាបាន ឈ្នះការប្រកួត", "person") == []


def test_a_korean_name_with_a_listed_family_name_first_is_a_person_but_hong_kong_is_not():
    # 311923 (final39)
    assert "Hong Ji Sang" in spans("ក្នុងនោះរួមមាន Hong Ji Sang (អ្នកនិពន្ធបទ Why Shouldn't Have…)", "person")
    assert spans("ក្រុមហ៊ុនអាកាសចរណ៍ Hong Kong Airlines បានប្រកាស", "person") == []
