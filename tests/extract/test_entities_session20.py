"""Session 20: persons after the roles of film, music and sport with words glued between, nicknames made
of ordinary words, lists of people each with an age, and the handwritten entity set's persons."""

from __future__ import annotations

import json
from pathlib import Path

from entity_views import persons
from sastra.extract import extract


def test_roles_of_film_music_and_sport_with_words_glued_between():
    assert persons("កីឡាករកង់ ផល ចាន់វិចិត្រ បានឈ្នះ") == [("ផល ចាន់វិចិត្រ", None)]
    assert persons("កីឡាការិនីវ៉ូវីណាម សុខ ចន្ទមុនី បានឈ្នះមេដាយមាស ខណៈមិត្តរួមក្រុម អ៊ុក សុធារី ទទួលបានមេដាយប្រាក់") == [
        ("សុខ ចន្ទមុនី", None), ("អ៊ុក សុធារី", None)]
    assert persons("តារាកុនហុងកុង ជែគី ចាន់ បានបង្ហាញ") == [("ជែគី ចាន់", None)]
    assert persons("គ្រូបង្វឹកជនជាតិកូរ៉េ ស៊ីន តេយ៉ុង ដែលធ្លាប់ដឹកនាំ") == [("ស៊ីន តេយ៉ុង", None)]
    assert persons("តារា\u200bសម្តែង\u200bស្រី\u200bខ្មែរ\u200b ហេង ដាវីន\u200b បាន\u200bបង្ហោះ\u200bរូបភាព") == [("ហេង ដាវីន", None)]
    assert persons("នាយកផលិតកម្ម ហុក សុវណ្ណ នៃផលិតកម្មសាន់ដេ បានឱ្យដឹង") == [("ហុក សុវណ្ណ", None)]
    # a role after និង starts no name (``តួឯកស្រី`` is the lead actress, not a family name)
    assert persons("តួឯក ឡេង វិសាល និងតួឯកស្រី អ៊ុក ម៉ានិកា បានបង្ហាញខ្លួន") == [
        ("ឡេង វិសាល", None), ("អ៊ុក ម៉ានិកា", None)]
    # a music genre between a singer's role and the name is no part of the name
    assert [m.text for m in extract("តារាចម្រៀង K-pop Jennie បានធ្វើឱ្យអ្នកគាំទ្រភ្ញាក់ផ្អើល") if m.kind == "person"] == [
        "Jennie"]


def test_nicknames_made_of_ordinary_words_after_hau():
    assert persons("អ្នកប្រដាល់ សេង ពិសិដ្ឋ ហៅ ខ្លាធំ បានយកឈ្នះ") == [("សេង ពិសិដ្ឋ", None), ("ខ្លាធំ", None)]
    assert persons("តារាកំប្លែង ព្រំ ម៉ានិត ហៅ ណាយ ចឺក ត្រូវបានអ្នកទស្សនាស្រឡាញ់") == [
        ("ព្រំ ម៉ានិត", None), ("ណាយ ចឺក", None)]
    assert persons("ជនសង្ស័យ ប៊ុន ឆាយ ហៅ ឆាយ ក្បាលឡាន ត្រូវបានចាប់ខ្លួន") == [
        ("ប៊ុន ឆាយ", None), ("ឆាយ ក្បាលឡាន", None)]


def test_a_listed_family_name_and_a_given_name_before_a_nickname():
    # glued to the word before: the family name is the end of that run
    assert persons("ក្នុងការប្រកួត កីឡាករអ៊ីស្ប៉តឡុង វណ្ណះ ហៅ Shadow បានក្លាយជា MVP") == [
        ("ឡុង វណ្ណះ", None), ("Shadow", None)]
    # ``ហៅ`` as the verb "to call", after no name
    assert persons("គាត់បានហៅ ប៉ូលិស មកជួយ") == []


def test_a_name_glued_to_a_role_and_the_words_after_it():
    # a position, an age, a sport glued between the role and a listed family name
    assert persons("កីឡាករខ្សែបម្រើវ័យ២២ឆ្នាំលឹម ពិសុទ្ធ ត្រូវបានបោះឆ្នោត") == [("លឹម ពិសុទ្ធ", None)]
    assert persons("កីឡាការិនីហែលទឹកវ័យ១៥ឆ្នាំស៊ីម ម៉ូលីកា បានបំបែកកំណត់ត្រា") == [("ស៊ីម ម៉ូលីកា", None)]
    assert persons("អ្នកចាំទីវ័យ២០ឆ្នាំហុក សុធា") == [("ហុក សុធា", None)]
    # after a place, not a role: no name
    assert persons("ខេត្តតាកែវលឹម ពិសុទ្ធ បាន") == []


def test_a_name_after_whose_person_it_is_or_one_more():
    assert persons("ភរិយារបស់គាត់ ពៅ ស្រីអូន បានរងរបួស") == [("ពៅ ស្រីអូន", None)]
    assert persons("ម្តាយរបស់ក្មេង ឆាយ សុខលាភ បាននិយាយ។ អ្នកភូមិម្នាក់ ប៉ាង សុខា បានឃើញ") == [
        ("ឆាយ សុខលាភ", None), ("ប៉ាង សុខា", None)]
    assert persons("អ្នកវាយប្រហារ ហ៊ាង សុខលី រកបានពិន្ទុច្រើនជាងគេ") == [("ហ៊ាង សុខលី", None)]


def test_the_nickname_reader_alone():
    from sastra.extract.entities import _nickname_after, lexicon

    stops = lexicon().name_stops
    text = "ហៅ ខ្លាធំ។ ហៅ ណាយ ចឺក ត្រូវបាន ហៅ ខ្លា$"
    assert _nickname_after(text, text.index("ខ្លាធំ"), stops, frozenset()) == (3, 9)
    at = text.index("ណាយ")
    assert text[slice(*_nickname_after(text, at, stops, frozenset()))] == "ណាយ ចឺក"
    assert _nickname_after(text, text.rindex("ខ្លា"), stops, frozenset()) is None  # (glued to a sign)


def test_a_list_of_people_each_with_an_age_or_a_nickname():
    assert persons("ក្មេងប្រុសពីរនាក់ឈ្មោះ សុខ ពិសិដ្ឋ អាយុ ១០ឆ្នាំ និង សុខ ពិសាល អាយុ ១២ឆ្នាំ បានលង់ទឹក") == [
        ("សុខ ពិសិដ្ឋ", None), ("សុខ ពិសាល", None)]
    text = ("ជនសង្ស័យទាំងបីនាក់មានឈ្មោះ លឹម ចន្ធូ ហៅ ធូ អាយុ ២៤ឆ្នាំ ពេជ្រ រតនៈ ហៅ ណៃ អាយុ ២២ឆ្នាំ "
            "និង សួង វាសនា អាយុ ១៩ឆ្នាំ ត្រូវបានឃាត់ខ្លួន")
    assert [name for name, _ in persons(text)] == ["លឹម ចន្ធូ", "ធូ", "ពេជ្រ រតនៈ", "ណៃ", "សួង វាសនា"]
    # what follows an age is a name only when its own age, sex or nickname comes after it
    assert persons("ជនរងគ្រោះឈ្មោះ ស៊ុន ធារី ភេទស្រី អាយុ៣០ឆ្នាំ រស់នៅភូមិថ្មី") == [("ស៊ុន ធារី", None)]


#: bench/extract_labels/entities-handwritten.jsonl: 180 passages of sports, entertainment, crime and
#: politics news written and labelled by a helper of session 20 who never ran sastra (250 persons, half
#: of them invented, 183 with no title). Read once: persons 0.892 at first (untitled 0.77), now 0.974.
#: Its organizations and places follow the helper's reading where the development labels differ (a
#: national team is an organization there, ``ក្រុម`` before a club's Khmer name is outside the span
#: there), so only its persons are checked here.
HANDWRITTEN = Path(__file__).resolve().parents[2] / "bench" / "extract_labels" / "entities-handwritten.jsonl"
#: read and left: a one-word given name with no cue (``សុខផេង``), a three-word name, a Thai ring name
#: with its camp's initial (``ស.សម្បត្តិ``), a Latin name with no cue, players named after a verb with
#: no cue, a name that no list holds at the start of a sentence, ``ហុនដា`` (also "motorbike"), a list
#: with no mark between two names, and a nickname after ``អ្នកភូមិហៅថា`` with no name before it
HANDWRITTEN_MISSES = {
    ("e002", "សុខផេង"), ("e010", "ធៀរី ចាន់ថា ប៊ិន"), ("e017", "ពេជ្រណាខុន ស.សម្បត្តិ"), ("e023", "Ramón Castillo"),
    ("e039", "ស៊ិន សុភ័ក្ត្រ"), ("e044", "ឆាយ វណ្ណៈ"), ("e045", "ឈុត សិរីវណ្ណថង"), ("e053", "ហុនដា"),
    ("e110", "ចាង ហាវ"), ("e110", "លីវ ជុន"), ("e139", "ណាក្រហម"),
}
#: found where the labels have none: the camp's initial cut short, and a coach's name inside a club's
HANDWRITTEN_EXTRAS = {("e017", "ពេជ្រណាខុន ស"), ("e021", "អេះ ភូថង")}


def test_the_handwritten_entity_set_persons():
    missed, extra = set(), set()
    for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = {(m["start"], m["end"], m["text"]) for m in row["mentions"] if m["kind"] == "person"}
        found = {(m.start, m.end, m.text) for m in extract(row["text"]) if m.kind == "person"}
        missed |= {(row["id"], text) for _, _, text in gold - found}
        extra |= {(row["id"], text) for _, _, text in found - gold}
    assert missed == HANDWRITTEN_MISSES
    assert extra == HANDWRITTEN_EXTRAS
