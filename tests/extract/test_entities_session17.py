"""Session 17: a title must end where a cluster ends and still be a title (``ព្រះមហាក្សត្រ`` is not
read inside ``ព្រះមហាក្សត្រី``), and a Latin-script name whose last word names a kind of thing is no
person (texts from the shapes of kh-news-2019-07 articles 311945, 312148, 311867 and 312897)."""

from __future__ import annotations

from entity_views import persons, spans
from sastra.extract.entities import find_entities


def test_a_title_inside_a_longer_word_is_no_title():
    # ``ព្រះមហាក្សត្រី`` ("queen") starts like ``ព្រះមហាក្សត្រ`` ("king"); cut after its coeng, it
    # left ``រី`` as a name
    assert persons("បន្ទាប់ពី​ព្រះមហាក្សត្រី Elizabeth ទី​២​របស់​ចក្រភព​អង់គ្លេស") == [("Elizabeth", None)]
    assert persons("អតីតព្រះមហាក្សត្រ ព្រះមហាក្សត្រី យានីខ្មែរគ្រប់ព្រះអង្គ") == []
    # a title that ends where a cluster ends is read as before
    assert persons("ព្រះមហាក្សត្រ ព្រះបាទ នរោត្តម សីហមុនី") == [("នរោត្តម សីហមុនី", "ព្រះមហាក្សត្រ ព្រះបាទ")]
    assert persons("លោកស្រីសុខា បាននិយាយ") == [("សុខា", "លោកស្រី")]


def test_a_latin_name_ending_in_a_kind_of_thing_is_a_place_or_an_organization():
    text = "ស្ពាន​ទី​ ​៤​ ​របស់​អាមេរិក​ ​ឈ្មោះ​ ​Sunshine Skyway Bridge។ ៤. ស្ពាន"
    assert persons(text) == []
    assert "Sunshine Skyway Bridge" in spans(text, "loc")
    [place] = [m for m in find_entities(text, learned=False) if m.text == "Sunshine Skyway Bridge"]
    assert (place.rule, place.title) == ("loc.latin_type_word", None)
    text = "គឺ​ឈ្មោះ Ryan Kaji អាយុ ៧ ឆ្នាំ​ជាតា​រា​អាម៉េរិក​របស់ Channel ឈ្មោះ Ryan ToysReview ។\n កុមារា​នេះ​រកចំណូលបាន​ច្រើន​ជាងគេ"
    assert persons(text) == [("Ryan Kaji", None)] and spans(text, "org") == ["Ryan ToysReview"]
    # a person's name is left alone
    assert persons("លោក John Parker បាននិយាយ") == [("John Parker", "លោក")]


def test_the_forms_of_address_of_a_speech_are_no_name():
    # "grandfathers, grandmothers, uncles, aunts, brothers and sisters" (kh-news-2019-07 article 313010)
    assert persons("ក្នុងពិធីសំណេះសំណាលជាមួយលោកតា លោកយាយ អ៊ុំ ពូមីង បងប្អូនប្រជាពលរដ្ឋជាង ២០០នាក់") == []
    assert persons("សូមគោរព លោកតា លោកយាយ អ៊ុំ ពូ មីង បងប្អូន ជាទីមេត្រី") == []
    # a family name that is also a kinship word is still a name before a given name or a verb
    assert persons("លោក អ៊ុំ សុខា បាននិយាយ") == [("អ៊ុំ សុខា", "លោក")]
    assert persons("លោកស្រី អ៊ុំ បាននិយាយ") == [("អ៊ុំ", "លោកស្រី")]
    assert persons("លោកស្រី មា មានប្រសាសន៍") == [("មា", "លោកស្រី")]  # (មាន begins like មា)


def test_a_learned_place_after_a_nationality_word_is_a_nationality():
    # (kh-news-2019-07 article 312702) the rules read no place after ជនជាតិ; a learned name neither
    text = "នោះ​ជា​ការ​ចាប់​បណ្ដា​ជនជាតិ​រុ​ស្ស៊ី​ជា​ចំណាប់​ខ្មាំង"
    assert [m for m in find_entities(text) if m.kind == "loc"] == []
    assert [m.text for m in find_entities("ការ​ចាប់​នៅ​រុ​ស្ស៊ី​ជា​ចំណាប់​ខ្មាំង") if m.kind == "loc"] == ["រុ\u200bស្ស៊ី"]


def test_the_ministry_of_parliamentary_affairs_written_with_a_hyphen():
    # (kh-news-2019-07 article 312323) ``រដ្ឋសភា-ព្រឹទ្ធសភា``: the listed name has a space there
    text = "ឧបនាយករដ្ឋមន្ត្រី រដ្ឋមន្ត្រីក្រសួង\u200bទំនាក់ទំនង\u200bជាមួយ\u200bរដ្ឋ\u200bសភា\u200b-\u200bព្រឹទ្ធសភា និង\u200bអធិការកិច្ច ក្នុង"
    [org] = [m for m in find_entities(text, learned=False) if m.kind == "org"]
    assert org.rule == "org.known" and org.text.replace("\u200b", "") == "ក្រសួងទំនាក់ទំនងជាមួយរដ្ឋសភា-ព្រឹទ្ធសភា និងអធិការកិច្ច"
    assert org.value["en"] == "Ministry of Parliamentary Affairs and Inspection"
