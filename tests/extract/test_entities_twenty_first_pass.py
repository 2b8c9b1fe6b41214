"""Twenty-first pass of the entity rules (place spellings), on real excerpts of
../shared/data/corpus/kh-news-2019-07.jsonl (ids in the comments; none from the blind splits
final34-final37, final40): world place names written without their ៊/៉, ``អាមេរិច`` for ``អាមេរិក``,
Phnom Penh's named roads written the same way, and a city's name after a space when a Latin gloss
follows it."""

from __future__ import annotations

import pytest

from entity_views import spans


@pytest.mark.parametrize("text, place", [
    # 312197 (final43)
    ("ស្លេស្មវានាំចេញទៅកូរេខាងត្បូង និងអាមេរិចធ្វើជាវត្ថុធាតុដើម", "កូរេខាងត្បូង"),
    ("ស្លេស្មវានាំចេញទៅកូរេខាងត្បូង និងអាមេរិចធ្វើជាវត្ថុធាតុដើម", "អាមេរិច"),
    # 311897 (final44)
    ("ភាគខាងលិចប្រទេស។\n រីឯនៅបែលហ្សិកវិញ កំណត់ត្រា", "បែលហ្សិក"),
    # 313339 (final28): zero-width spaces inside the name
    ("ការ\u200bប្រកួត\u200bនៅ\u200bប្រទេស\u200bអេ\u200bស្បាញ\u200b", "ប្រទេស\u200bអេ\u200bស្បាញ"),
])
def test_a_world_place_written_without_its_triisap_is_a_place(text, place):
    assert place.replace("\u200b", "") in spans(text, "loc")


def test_the_bare_spelling_never_hides_a_listed_name():
    from sastra.extract._lexicon import lexicon

    places = lexicon().places
    assert places["កូរេខាងត្បូង"][0].english == "South Korea"
    # a Cambodian place keeps its own entry whatever world name loses its ៊
    assert all(place.codes == () for place in places["អាមេរិច"])


@pytest.mark.parametrize("text", [
    # 311879 (final21), 312721 (final31)
    "ផ្ទះលេខ៣ ផ្លូវសហព័ន្ធរុស្សី សង្កាត់កាកាប ខណ្ឌពោធិ៍សែនជ័យ",
])
def test_a_named_road_written_without_its_triisap_is_the_road(text):
    assert "ផ្លូវសហព័ន្ធរុស្សី" in spans(text, "loc")
    assert spans(text, "org") == []


def test_a_city_after_a_space_with_a_latin_gloss_is_a_place():
    # 311897 (final44)
    found = spans("កើនដល់ ៤១.៥អង្សាសេនៅក្រុង លីងជិន (Lingen) ភាគខាងលិចប្រទេស", "loc")
    assert "ក្រុង លីងជិន" in found and "Lingen" in found


def test_a_city_word_and_a_space_without_a_gloss_starts_no_place():
    assert spans("នៅក្នុងទីក្រុង ប្រមាណជាង ៣០០នាក់", "loc") == []


@pytest.mark.parametrize("text, place", [
    # 311854 (final21): ចម្ការមន for the gazetteer's ចំការមន
    ("នៅភូមិ៤ សង្កាត់ទន្លេបាសាក់ ខណ្ឌចម្ការមន រាជធានីភ្នំពេញ", "ខណ្ឌចម្ការមន"),
    # the gazetteer's សំរោងទង written with a subscript
    ("ស្រុកសម្រោងទង ខេត្តកំពង់ស្ពឺ", "ស្រុកសម្រោងទង"),
])
def test_a_nasal_written_either_way_finds_the_gazetteer_name(text, place):
    assert place in spans(text, "loc")


def test_a_police_station_of_a_district_spelled_with_a_subscript_mo():
    # 311927 (final39)
    text = "ត្រូវបានបញ្ជូនខ្លួនទៅកាន់អធិការដ្ឋាននគរបាលខណ្ឌចម្ការមន ដើម្បីចាត់ការ"
    assert spans(text, "org") == ["អធិការដ្ឋាននគរបាលខណ្ឌចម្ការមន"]


def test_a_commune_name_with_an_inner_space_is_taken_whole():
    # 311951 (final39)
    text = "ផ្លូវ\u200b២១១ ភូមិ\u200b១២\u200bសង្កាត់\u200bវាល វង់ ខណ្ឌ\u200b៧មករា"
    assert "សង្កាត់វាល វង់" in spans(text, "loc")
