"""Eighth pass of the entity rules (persons and organizations), on real sentences of
../shared/data/corpus/kh-news-2019-07.jsonl (ids in the comments; none from the final5 evaluation
split): a second name word that begins like a function word before a role, repeats that keep their
title, camel-case stage names after a role and an age, a third name word after ``ឈ្មោះ``, unit names
that list their domains in spaced words, units of a body after a spaced ``នៃ``, branches."""

from __future__ import annotations

from sastra.extract import find_entities
from entity_views import spans


def persons(text: str) -> list[tuple[str, str | None]]:
    return [(m.text.replace("\u200b", ""), m.title) for m in find_entities(text, learned=False) if m.kind == "person"]


def test_second_name_word_that_begins_like_a_function_word_before_a_role():
    # 313219: ``មានហេង`` begins like ``មាន``; the role after it shows the name goes on
    assert persons("ក្រោមវត្តមានលោក ងី មានហេង ប្រធានមន្ទីរសុខាភិបាលរាជធានីភ្នំពេញ") == [("ងី មានហេង", "លោក")]
    # 313211: ``បានកុសល`` begins like ``បាន``
    assert persons("ប្រចាំរបស់លោកបណ្ឌិត ម៉ិញ បានកុសល ប្រធានសមាគម") == [("ម៉ិញ បានកុសល", "លោកបណ្ឌិត")]
    # 313199: ``សួរ`` (to ask) is the whole word
    assert persons("កន្លងទៅ លោក\u200bហេង សួរ រដ្ឋលេខាធិការ\u200bក្រសួងការងារ") == [("ហេង សួរ", "លោក")]


def test_no_second_name_word_without_a_role_or_when_it_is_grammar():
    # (313219 with a verb instead of the role) no role after the word: it is not part of the name
    assert persons("ក្រោមវត្តមានលោក ងី មានហេង បានថ្លែងថា") == [("ងី", "លោក")]
    # (nineteenth pass, 311789 in final27) a single short word, ``ជា`` written apart and a role: the
    # label files read ``ជា`` as the given name (Chea), the role as the apposition
    assert ("សុខ ជា", "លោក") in persons("លោក សុខ ជា ប្រធានក្រុមហ៊ុន")
    # after a two-word name ``ជា`` is the verb
    assert persons("លោក ម៉ម ប៊ុនហេង ជា ប្រធានក្រុមហ៊ុន") == [("ម៉ម ប៊ុនហេង", "លោក")]


def test_a_repeat_that_starts_at_a_title_keeps_it():
    # 311901: the second mention has no role after it, the full name is found as a repeat
    text = "នៅខេត្តកោះកុងវិញ លោក ឡាក់ ហាក់ កសិករដែលមានចម្ការទុរេន។ លោក ឡាក់ ហាក់ បានឱ្យដឹងថា តម្លៃធ្លាក់ចុះ"
    assert persons(text) == [("ឡាក់ ហាក់", "លោក"), ("ឡាក់ ហាក់", "លោក")]


def test_camel_case_stage_name_after_a_role_and_an_age():
    # 313208
    text = ("តារាចម្រៀងស្រីវ័យ២៩ឆ្នាំ YoonA សមាជិកក្រុមចម្រៀងកំពូល SNSD ។ ជាការពិតណាស់ កន្លងមក YoonA "
            "តែងតែទទួលបានការកោតសរសើរ")
    assert spans(text, "person") == ["YoonA", "YoonA"]
    # 311832: a one-word name after a role and an age
    assert spans("រកបានគ្រាប់បាល់ដំបូងគេ។ កីឡាករវ័យ១៨ឆ្នាំ Gomes របស់ក្រុមបិសាចក្រហម រកបាន", "person") == ["Gomes"]


def test_third_name_word_after_the_name_cue():
    # 312891: a Vietnamese name in three words
    assert spans("បានទូរស័ព្ទហៅ ឈ្មោះ ទ្រឿង យ៉ាំង គឿង ឲ្យទៅក្នុងបន្ទប់ស្នាក់នៅ", "person") == ["ទ្រឿង យ៉ាំង គឿង"]
    # 313230: a Thai name after ``ល្បីឈ្មោះ`` (famous, named ...)
    assert spans("ក្រោយពីតារាសម្តែងស្រីល្បីឈ្មោះ អៃស៍ ព្រីឆៃយ៉ា ផុងថាណានិកន ដែលជាតួអង្គឯកក្នុងរឿង", "person") \
        == ["អៃស៍ ព្រីឆៃយ៉ា ផុងថាណានិកន"]
    # 312839: ``ល្បីឈ្មោះតាមរយៈរឿង`` (famous through the film) names no one
    assert spans("តារាវ័យ២០ឆ្នាំ Haoran ល្បីឈ្មោះតាមរយៈរឿង \"Detective Chinatown”។", "person") == ["Haoran"]
    # 313283: a title glued after ``ល្បីឈ្មោះ`` is not taken into the name
    assert ("កញ្ញា ម៉ាក សែនសូនីតា", None) not in \
        persons("តារាសម្ដែងស្រីល្បីឈ្មោះកញ្ញា ម៉ាក សែនសូនីតា ដែលបច្ចុប្បន្ននេះ")


def test_unit_names_that_list_their_domains_in_spaced_words():
    # 313199: a verb begins the last domain (``បញ្ជូន``), ``ទៅបរទេស`` ends it
    assert spans("ភ្នំពេញ ៖ គណៈកម្មាធិការ\u200bបណ្តុះបណ្តាល និង\u200bបញ្ជូន\u200bពលករ\u200bទៅ\u200bបរទេស\u200bនឹង\u200bប្រកាស"
                 "\u200bលទ្ធផល", "org") == ["គណៈកម្មាធិការបណ្តុះបណ្តាល និងបញ្ជូនពលករទៅបរទេស"]
    # 312757: a country glued to the last domain stays whole
    assert spans("យោងតាមរបាយការណ៍របស់អគ្គនាយកដ្ឋានគយ និងរដ្ឋករកម្ពុជា បានឱ្យដឹងថា", "org") == \
        ["អគ្គនាយកដ្ឋានគយ និងរដ្ឋករកម្ពុជា"]
    # 311797: ``និងម្នាក់ទៀត`` (and one more) is no domain
    assert spans("២នាក់ជាមន្ដ្រីនៅអគ្គនាយកដ្ឋានអត្តសញ្ញាណកម្ម និងម្នាក់ទៀត ជាមន្ដ្រី", "org") == \
        ["អគ្គនាយកដ្ឋានអត្តសញ្ញាណកម្ម"]
    # 312007: a name that ends with its country is complete (``និងអញ្ជើញ`` is the next verb)
    assert spans("រដ្ឋមន្ត្រីក្រសួងមហាផ្ទៃ នៃសាធារណរដ្ឋតួកគី និងអញ្ជើញចុះហត្ថលេខាលើកិច្ចព្រមព្រៀង", "org") == \
        ["ក្រសួងមហាផ្ទៃ នៃសាធារណរដ្ឋតួកគី"]
    # 311834: a list of kinds of building is not a name
    assert spans("ដីបម្រុងទុកធ្វើសាលារៀន មន្ទីរពេទ្យ និងវត្តអារាម ក៏ក្រុមហ៊ុននេះ", "org") == []


def test_unit_of_a_body_after_a_spaced_of():
    # 313247: the ministry written with a space after its head
    assert spans("ភ្នំពេញ៖ អគ្គនាយកដ្ឋានកសិកម្ម នៃ ក្រសួង កសិកម្មបាន ប្រកាសប្រាប់", "org") == \
        ["អគ្គនាយកដ្ឋានកសិកម្ម នៃ ក្រសួង កសិកម្ម"]
    # 313247: a name that begins with a verb (``ការពារ``), its domains, then its body
    assert spans("ដាក់ពាក្យស្នើសុំចុះបញ្ជីនៅនាយកដ្ឋានការពារដំណាំ អនាម័យ និងភូតគាមអនាម័យ នៃអគ្គនាយកដ្ឋានកសិកម្ម "
                 "ចាប់ពីថ្ងៃជូនដំណឹងនេះ", "org") == \
        ["នាយកដ្ឋានការពារដំណាំ អនាម័យ និងភូតគាមអនាម័យ នៃអគ្គនាយកដ្ឋានកសិកម្ម"]
    # 313515
    assert spans("រក្សាទុកនៅ\u200bការិយាល័យ\u200bចរាចរណ៍\u200bផ្លូវគោក\u200b នៃស្នងការដ្ឋាន\u200bនគរបាល\u200bខេត្ត"
                 "\u200bកំពង់\u200bស្ពឺ\u200b រង់ចាំ", "org") == ["ការិយាល័យចរាចរណ៍ផ្លូវគោក នៃស្នងការដ្ឋាននគរបាលខេត្តកំពង់ស្ពឺ"]
    # 313485: a military region of the armed forces
    assert spans("បញ្ជាការស្រាលយោធភូមិភាគទី១ នៃកងយោធពលខេមរភូមិន្ទ ប្រចាំនៅភូមិសាស្រ្ត", "org") == \
        ["យោធភូមិភាគទី១ នៃកងយោធពលខេមរភូមិន្ទ"]
    # 312193
    assert spans("ប្រធាននាយកដ្ឋាននគរបាលទេសចរណ៍ នៃអគ្គស្នងការដ្ឋាននគរបាលជាតិ នៅថ្ងៃទី២៦", "org") == \
        ["នាយកដ្ឋាននគរបាលទេសចរណ៍ នៃអគ្គស្នងការដ្ឋាននគរបាលជាតិ"]


def test_branches_with_their_province():
    # 312066
    assert spans("ដោយឡែក សាខាកាកបាទក្រហមកម្ពុជា ខេត្តកំពង់ស្ពឺ បានឧបត្ថម្ភ", "org") == \
        ["សាខាកាកបាទក្រហមកម្ពុជា ខេត្តកំពង់ស្ពឺ"]
    # 313219: the Red Cross named without its country, the capital glued
    assert spans("និងជានាយកសាខាកាកបាទក្រហមរាជធានីភ្នំពេញ និងលោកឧកញ៉ា", "org") == ["សាខាកាកបាទក្រហមរាជធានីភ្នំពេញ"]
    # 313211: ``សាខា`` + the province after the association's name
    assert spans("សមាគមសិស្សនិស្សិតបញ្ញវ័ន្តក្មេងវត្ត សាខាបាត់ដំបង ប្រជុំបូកសរុប", "org") == \
        ["សមាគមសិស្សនិស្សិតបញ្ញវ័ន្តក្មេងវត្ត សាខាបាត់ដំបង"]
    # 311784: the branch of the province, glued ``ខេត្ត`` and nothing after it
    assert spans("ដែលសាខាកាកបាទក្រហមកម្ពុជាខេត្ត សហការជាមួយ", "org") == ["សាខាកាកបាទក្រហមកម្ពុជាខេត្ត"]


def test_pronoun_lok_glued_between_two_words_before_the_end_of_a_clause():
    # 313280, 313262, 312783: ``លោក`` glued to the word before and to one word after it, then the
    # clause ends: the pronoun and a verb (or an interjection), no person
    assert spans("បញ្ហាជាច្រើន ហាក់កំពុងរង់ចាំលោកដោះស្រាយ ក្នុងនោះរួមមាន", "person") == []
    assert spans("ប្រាក់ និងគ្រឿងអលង្ការ ព្រមទាំងលោកហៈ ។ តាមការរៀបរាប់", "person") == []
    assert spans("សង្វេគណាស់លោកអើយ! គ្រាន់តែ", "person") == []
    # 312865: a name written on (a space and a name word, not a function word) is still a name
    assert persons("ប្រើគ្រប់មធ្យោបាយចាប់លោកសម រង្ស៊ី ដាក់គុក") == [("សម រង្ស៊ី", "លោក")]


def test_two_names_joined_by_and_after_a_word_for_people():
    # 313272: both names, though ``គង់`` is also a word and ``សួង`` a district
    text = "ចាប់ខ្លួន និងចោទប្រកាន់លើយុវជន គង់ រ៉ៃយ៉ា និង សួង នាគព័ន្ធ កាលពីអំឡុងរំឭកខួប"
    assert spans(text, "person") == ["គង់ រ៉ៃយ៉ា", "សួង នាគព័ន្ធ"]
    # (made up from the pattern) a place or grammar word breaks the pair
    assert spans("ដឹកយុវជន ទៅ ភ្នំពេញ និង សួង នាគព័ន្ធ កាលពី", "person") == []


def test_company_named_in_two_spaced_words():
    # 313219
    assert spans("បើតាមលោក សុខ វណ្ណៈ ប្រធានក្រុមហ៊ុន សុខ អ៊ីនធឺប្រាយ បានឱ្យដឹងថា ឡដុត", "org") == \
        ["ក្រុមហ៊ុន សុខ អ៊ីនធឺប្រាយ"]


def test_address_written_without_spaces():
    # 313255
    assert spans("មានស្រុកកំណើតនៅភូមិប្រពាយឃុំម៉ារាមស្រុករមាសហែកខេត្តស្វាយរៀង", "loc") == \
        ["ភូមិប្រពាយ", "ឃុំម៉ារាម", "ស្រុករមាសហែក", "ខេត្តស្វាយរៀង"]
    # 313223
    assert spans("ទីលំនៅបច្ចុប្បន្នភូមិក្បាលស្នូលឃុំស្នួល ស្រុកស្នួល ខេត្តក្រចេះ", "loc")[:2] == \
        ["ភូមិក្បាលស្នូល", "ឃុំស្នួល"]


def test_latin_name_after_a_role_and_a_nationality():
    # 313234: ``សញ្ជាតិ`` and the country after a space
    assert spans("កុងត្រាជាមួយនឹង\u200bគ្រូបង្វឹក\u200bសញ្ជាតិ អៀរ\u200bឡង់ Conor Nestor រហូតដល់\u200bរយៈពេល ២\u200bឆ្នាំ",
                 "person") == ["Conor Nestor"]
    # 313059: glued
    assert spans("គឺ កីឡាករសញ្ជាតិជប៉ុន Koyomi Matsushima ឬ «Moushigo» នៅសង្វៀន", "person")[:1] == \
        ["Koyomi Matsushima"]


def test_facebook_account_named_by_a_personal_name_in_quotes():
    # 313313, 313279
    assert spans("ជាមួយគ្នានោះ ហ្វេសប៊ុកមួយមានឈ្មោះថា “Sin Sophea” បានសរសេររៀបរាប់", "person") == ["Sin Sophea"]
    assert spans("យោងតាមអាខោនហ្វេសប៊ុកឈ្មោះ «sin sophea»ដែលបានបង្ហោះរូប", "person") == ["sin sophea"]
    # (made up from the pattern) a page named by an outlet is no person
    assert spans("ហ្វេសប៊ុកមួយមានឈ្មោះថា “Khmer News” បានសរសេរ", "person") == []
