"""Tenth pass of the person rules (recall), on real excerpts of
../shared/data/corpus/kh-news-2019-07.jsonl (ids in the comments; none from the final5 or final6
evaluation splits): names joined by ``និង`` to a person found by any rule, nicknames after ``ហៅ`` in
parentheses, two-word names after more words for people (court and crime reports, coaches), a Latin
name after a former minister, Latin glosses in parentheses after a Khmer name that runs on."""

from __future__ import annotations

from sastra.extract import find_entities


def people(text: str) -> list[str]:
    return [m.text.replace("\u200b", "") for m in find_entities(text, learned=False) if m.kind == "person"]


def test_name_joined_to_a_repeated_name():
    # 313209 (final4): the first name is found as a repeat of an earlier titled mention
    text = ("លោក ភិនី ដាលិ បាននិយាយ។ ក្រុមគ្រួសារនៃសព ភិនី ដាលិ និង សុខ វណ្ណឌី ទទួលអំណោយពី "
            "សម្តេចកិត្តិព្រឹទ្ធបណ្ឌិត")
    assert "សុខ វណ្ណឌី" in people(text)


def test_latin_name_joined_to_a_cued_name():
    # 313218 (final4): the first name is found as a repeat of the titled mention further down
    text = ("ដែលមានឈ្មោះថា Sonoun Saing និង Lee Kim Tan ។\n ហើយក្រោមការចោទប្រកាន់ច្បាប់សុខភាពសាធារណៈ"
            "។\n ដោយលោក Sonoun Saing ជាស្វាមីបានធ្វើការ")
    assert people(text) == ["Sonoun Saing", "Lee Kim Tan", "Sonoun Saing"]


def test_nickname_in_parentheses():
    # 313379, 313265
    text = "២.ឈ្មោះ ហេង សុផាត (ហៅក្តិប) ភេទប្រុស អាយុ ២១ឆ្នាំ មុខរបរមិនពិតប្រាកដ"
    assert people(text) == ["ហេង សុផាត", "ក្តិប"]
    text = "បានរាយការណ៍ទៅលោកមេភូមិឈ្មោះ\u200b នុតផនហៅ(ញរ) ថាមានឈ្មោះញ៉ែម នួន ជាឪពុកចុង"
    assert "ញរ" in people(text)


def test_two_word_name_after_a_word_for_people():
    # 313180, 312925, 311912
    assert "ស៊ីន លក្ខណា" in people("នៅចំពោះមុខសមត្ថកិច្ចយុវតី ស៊ីន លក្ខណា បានបង្ហើបអោយដឹងថា៖ រូបនាង")
    assert people("ទទួលដីកាបង្គាប់ឲ្យចាប់ខ្លួន ទណ្ឌិត សម រង្សី និងបក្សពួក ដែលត្រូវតុលាការ") == ["សម រង្សី"]
    assert people("យេនឌ័រ\u200b។\n គ្រូបង្វឹក ប៊ុយ ធីឡាន ត្រូវ\u200bបាន\u200bសាច់ថ្លៃ\u200bរបស់\u200bអ្នកស្រី") == ["ប៊ុយ ធីឡាន"]


def test_youth_in_a_list_of_domains_is_no_person():
    # 313092: ``យុវជន`` (youth) was tried as a word for people and left out for this
    text = "លេខាធិការ\u200bគណៈកម្មការ\u200bទី\u200b៧ ព្រឹទ្ធសភា អប់រំ យុវជន កីឡា ធម្មការ សាសនា វប្បធម៌"
    assert people(text) == []


def test_latin_name_after_a_former_minister():
    # 313407
    text = "អតីតរដ្ឋមន្ត្រី\u200bការបរទេស\u200bអាមេរិក Hillary Clinton (\u200bលេខ\u200b៨) លោកស្រី Tu Youyou"
    assert "Hillary Clinton" in people(text)


def test_latin_gloss_after_a_longer_khmer_name():
    # 313001: the Khmer name has three words, the gloss three names after an honorific
    text = "អគ្គនាយកក្រុមហ៊ុន EZECOM លោកឧកញ៉ា ផូល ប្លែន ហ័រហ្គែន (Oknha Paul Blanche-Horgan) បានទទួលមរណភាព"
    assert "Paul Blanche-Horgan" in people(text)
    # 312405: initials inside the gloss
    text = "IFAD) លោក ហ្គី\u200bល\u200bបឺត ហុង\u200bបូ (Gilbert F. Houngbo) នេះ បាន\u200bធ្វើឡើង\u200bនៅក្នុង"
    assert people(text) == ["ហ្គីលបឺត ហុងបូ", "Gilbert F. Houngbo"]


def test_gloss_does_not_take_a_cue_word_into_the_name():
    # 312914: ``ឈ្មោះ`` between the Khmer name and its gloss stays outside
    text = "ត្រូវបានគេស្គាល់ឈ្មោះ ង្វៀន វ៉ាន់ហាយ ឈ្មោះ(Nguyen Van Hai) ភេទប្រុសអាយុ៥៩ឆ្នាំ"
    assert people(text) == ["ង្វៀន វ៉ាន់ហាយ", "Nguyen Van Hai"]


def test_surname_that_is_a_function_word_before_a_role():
    # 312830, 312406: a role noun right after the second word confirms the name
    text = "(មណ្ឌលគិរី)៖ លោក ទៀត សុថា ចៅក្រមស៊ើបសួរសាលាដំបូងខេត្តមណ្ឌលគិរី បានចេញដីកា"
    assert people(text) == ["ទៀត សុថា"]
    text = "ខេត្ត\u200bប៉ៃលិន ក្នុងនាម\u200bលោកជំទាវ បាន ស្រីមុំ ប្រធាន\u200bសហភាព\u200bសហព័ន្ធ\u200bយុវជន"
    assert people(text) == ["បាន ស្រីមុំ"]
    assert people("លោក បាន ថ្លែង ថា ការងារនេះល្អ") == []  # constructed: the pronoun and verbs


def test_surname_that_is_a_function_word_before_sex_or_age():
    # 312879, 312797, 311872
    text = "១-\u200bជនសង្ស័យ\u200bឈ្មោះ\u200b នៅ\u200b វណ្ណៈ\u200b ភេទ\u200bប្រុស\u200b អាយុ\u200b១៨\u200bឆ្នាំ"
    assert people(text) == ["នៅ វណ្ណៈ"]
    assert people("សណ្ដោងរឺម៉ក 4A 0827 បើកបរដោយឈ្មោះ ជួប មករា ភេទប្រុស អាយុ ២៦ ឆ្នាំ") == ["ជួប មករា"]
    assert people("រួមមាន៖-ទី១៖ ឈ្មោះ ថា ស្រីលក្ខណ៍ ភេទស្រី (គេចខ្លួន)") == ["ថា ស្រីលក្ខណ៍"]


def test_name_in_capitals_after_a_cue_is_no_acronym():
    # 311934
    text = "សពជនរងគ្រោះនេះ មានឈ្មោះ CHAMBERLAIN JOSEPH BLAKE ភេទប្រុស អាយុ ៦៨ឆ្នាំ សញ្ជាតិ កាណាដា។"
    found = [(m.kind, m.text) for m in find_entities(text, learned=False) if m.kind in ("person", "org")]
    assert found == [("person", "CHAMBERLAIN JOSEPH BLAKE")]


def test_weak_title_glued_to_the_word_before_a_latin_name():
    # 313442; the month ``ខែកញ្ញា`` before a Latin word stays no title (constructed)
    text = "ឧបត្តម្ភចំនួន ២០ម៉ឺនរៀលកញ្ញា Eii Ling អ្នកលក់អំមិលខាតស្បែក ចំនួន ឧបត្តម្ភ ២០ដុល្លារ"
    assert people(text) == ["Eii Ling"]
    assert people("នៅខែកញ្ញា Apple Watch នឹងចេញលក់") == []


def test_writers_credited_by_a_colon():
    # 312943, 313093
    text = "ក្នុងពេលឆាប់ៗនេះ !!! អត្ថបទ៖ សារ៉ាត ប្រភព៖ Thaiupdates Share this article"
    assert people(text) == ["សារ៉ាត"]
    text = "ទទួល\u200bបន្ទុក\u200bច្រក \u200b។\n \u200b(សម្រួលដោយ៖ ស្រីណា\u200b)ព័ត៌មានបន្ថែម\u200bនឹងមានផ្សាយ"
    assert people(text) == ["ស្រីណា"]
    assert people("ព័ត៌មាន។\nដោយ៖ សហការី\n") == []  # a desk, not a person
