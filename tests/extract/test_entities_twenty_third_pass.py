"""Twenty-third pass of the entity rules: ``កញ្ញា`` (Miss) glued to a listed family name that a
second word follows is a title, not the month; and ``ម្នាក់`` (one person) or ``ដែលមាន`` (who has)
between a person noun and ``ឈ្មោះថា`` still make the name after it a person's. The texts follow
corpus excerpts (../shared/data/corpus/kh-news-2019-07.jsonl: 311856 of final38, 311963 of final24)."""

from __future__ import annotations

import pytest

from entity_views import spans
from sastra import extract


def test_miss_glued_to_a_family_name_is_a_title():
    text = "ដូច្នេះហើយ តារាសម្តែងស្រី កញ្ញាដួង ម៉ានិច កំពុងតែធ្វើឲ្យបណ្តាញសង្គមភ្ញាក់ផ្អើល"
    persons = [m for m in extract(text) if m.kind == "person"]
    assert [(m.text, m.title) for m in persons] == [("ដួង ម៉ានិច", "កញ្ញា")]


@pytest.mark.parametrize("text", [
    "នៅថ្ងៃទី៥ ខែកញ្ញាដួង ម៉ានិច",  # (the month, written after ខែ)
    "នៅថ្ងៃទី៥ កញ្ញា ២០១៩ ក្រុមការងារបានចុះ",  # (the month after a day number)
    "នាងប្រាកដជាដឹង",  # (the pronoun glued to a verb)
    "កញ្ញាភ្នំពេញ ថ្មី",  # (no family name after it)
])
def test_miss_glued_to_something_else_is_no_title(text):
    assert spans(text, "person") == []


@pytest.mark.parametrize("text, name", [
    ("ខ្សែជីវិតរបស់នារីម្នាក់ឈ្មោះថា Anna។ រឿងនេះនិយាយអំពី Anna ដែលជាឃាតករ", "Anna"),
    ("ក្មេងប្រុសម្នាក់ ដែលមានឈ្មោះថា Yangzhe គាត់បានរកឃើញហ្វូស៊ីល", "Yangzhe"),
])
def test_one_person_and_who_has_between_a_person_noun_and_named(text, name):
    assert name in spans(text, "person")


def test_named_alone_still_names_things():
    assert spans("ក្រុមហ៊ុនបានដាក់លក់ឧបករណ៍មួយដែលមានឈ្មោះថា Pocket បន្ទាប់ពី", "person") == []
