"""Unit tests of the plain-text line rules, on lines written for the tests."""

from __future__ import annotations

import pytest

from sastra.clean import clean, find_repeated_lines
from sastra.clean.rules import classify_lines, segment_ui
from sastra.errors import ConfigError, InputError

BODY = ("ភ្នំពេញ៖ នៅព្រឹកថ្ងៃនេះ លោករដ្ឋមន្ត្រីបានអញ្ជើញចូលរួមពិធីសម្ពោធស្ពានថ្មីមួយនៅខេត្តកំពង់ចាម "
        "ដែលមានប្រវែងសរុបជាង៣០០ម៉ែត្រ។")
BODY2 = "លោកបានបញ្ជាក់ថា គម្រោងនេះនឹងជួយដល់ប្រជាពលរដ្ឋជាច្រើនម៉ឺននាក់នៅតំបន់ជនបទ។"


def reasons(text: str) -> dict[str, tuple[str, bool]]:
    return {r.text.strip(): (r.reason, r.kept) for r in clean(text, kind="text").removed}


@pytest.mark.parametrize("line,reason,kept", [
    ("ចែករំលែក", "share", False),
    ("ចែលរំលែក", "share", False),
    ("Share on Facebook", "share", False),
    ("ចែករំលែក  Facebook  Telegram", "share", False),
    ("Kommentar (0)", "comment_counter", False),
    ("Bình luận (2)", "comment_counter", False),
    ("© រក្សាសិទ្ធិគ្រប់យ៉ាងដោយ៖ ក្រសួងមុខងារសាធារណៈ | ឆ្នាំ២០២១", "copyright", False),
    ("Copyright © 2019 Khmer Life. All rights reserved.", "copyright", False),
    ("ប្រភព៖ Fresh News", "source_credit", True),
    ("ប្រភព", "source_credit", True),
    ("(ប្រភព Fresh News)", "source_credit", True),
    ("ដោយ៖ សុខ ខេមរា", "byline", True),
    ("AFP\u200bដោយ ៖ វណ្ណ\u200bវណ្ណ", "byline", True),
    ("photo 2024 07 17 19 43 30 2", "caption", True),
    ("IMG_4521.JPG received_123456789012345", "caption", True),
    ("រូបថត៖ AKP", "caption", True),
    ("/br>", "markup_residue", False),
    ("<p>&nbsp;</p>", "markup_residue", False),
    ("ទំព័រដើម | ព័ត៌មានជាតិ | អន្តរជាតិ | កីឡា", "navigation", False),
    ("ទំព័រដើមព័ត៌មានជាតិអន្តរជាតិកីឡាវីដេអូ", "navigation", False),
    ("អានបន្ថែម៖ ភ្លៀងធ្លាក់ខ្លាំងនៅភ្នំពេញ", "related_links", False),
    ("Tags: កម្ពុជា, ព័ត៌មានជាតិ", "tags", False),
    ("ផ្សាយពាណិជ្ជកម្ម", "advertisement", False),
    ("ចំនួនអ្នកអាន 1,234 ដង", "view_counter", False),
    ("Powered by WordPress", "footer", False),
    # calls to action and an advertiser's contact, as other sites word them
    ("👉 ចុចទីនេះ ដើម្បីអានព័ត៌មានបន្ថែម", "subscribe", False),
    ("ទាញយកកម្មវិធី Fresh News សម្រាប់ iOS និង Android", "subscribe", False),
    ("តាមដានព័ត៌មានថ្មីៗ តាមរយៈ Telegram", "subscribe", False),
    ("ចូលរួមទស្សនាវីដេអូ", "subscribe", False),
    ("Click here to read more", "subscribe", False),
    ("📞 ទំនាក់ទំនងផ្សាយពាណិជ្ជកម្ម៖ 012 345 678", "advertisement", False),
    ("រយៈពេលអាន៖ ២ នាទី", "view_counter", False),  # (reading time)
    ("Reading Time: 2 minutes", "view_counter", False),
    ("Save my name, email, and website in this browser for the next time I comment.", "comment_counter", False),
    ("Rate this:", "share", False),
])
def test_furniture_line_in_the_middle_of_an_article(line: str, reason: str, kept: bool) -> None:
    text = f"{BODY}\n\n{line}\n\n{BODY2}\n"
    result = clean(text, kind="text")
    assert reasons(text)[line] == (reason, kept)
    assert BODY in result.text and BODY2 in result.text
    assert line not in result.text.split("\n")


@pytest.mark.parametrize("line", [
    "ព្រឹត្តិការណ៍និងព័ត៌មានថ្មីៗ", "ព័ត៌មានជាតិ", "ថ្ងៃសុក្រ ទី១២ ខែកក្កដា ឆ្នាំ២០១៩ ម៉ោង ១០:២០",
    "ទូរស័ព្ទ៖ 012 345 678",
])
def test_furniture_at_the_end_of_a_page(line: str) -> None:
    result = clean(f"{BODY}\n{BODY2}\n{line}\n", kind="text")
    assert result.text == f"{BODY}\n{BODY2}"
    assert result.removed[0].text == line


def test_short_body_lines_inside_the_article_are_kept() -> None:
    # subheadings, a lone menu word used as a subheading, list items, a closing "ល។"
    inner = ["ទិសដៅអនាគត", "សុខភាព", "ល។", "*ទី១៖ ការធ្វើហិរញ្ញប្បទាន", "(Photo inside)", "HR"]
    text = "\n".join([BODY, *inner, BODY2])
    result = clean(text, kind="text")
    assert result.removed == ()
    assert result.text == text


def test_related_block_takes_the_headlines_under_it() -> None:
    text = "\n".join([BODY, BODY2, "អត្ថបទទាក់ទង", "ភ្លៀងធ្លាក់ខ្លាំងនៅភ្នំពេញ", "តម្លៃប្រេងធ្លាក់ចុះ"])
    result = clean(text, kind="text")
    assert result.text == f"{BODY}\n{BODY2}"
    assert [r.reason for r in result.removed] == ["related_links"] * 3


def test_comments_block_after_the_article() -> None:
    comment = "ខ្ញុំគាំទ្រគម្រោងនេះទាំងស្រុង ព្រោះវាជួយដល់ប្រជាពលរដ្ឋនៅតំបន់ជនបទបានច្រើនណាស់។"
    text = "\n".join([BODY, BODY2, "មតិយោបល់ (2)", "សុខា says:", "July 1, 2019 at 2:53 am", comment,
                      "ឆ្លើយតប", "© 2019 Example"])
    result = clean(text, kind="text")
    assert result.text == f"{BODY}\n{BODY2}"
    assert {r.reason for r in result.removed} == {"comment_counter", "comments", "copyright", "date"} or \
        {r.reason for r in result.removed} >= {"comment_counter", "comments", "copyright"}
    assert comment not in result.text


def test_counter_without_comment_entries_does_not_start_a_block() -> None:
    text = "\n".join([BODY, BODY2, "Bình luận (2)", BODY2, "HR"])
    assert clean(text, kind="text").text == "\n".join([BODY, BODY2, BODY2, "HR"])


def test_zero_comment_counter_does_not_start_a_block() -> None:
    text = "\n".join([BODY, "Kommentar (0)", BODY2])
    assert clean(text, kind="text").text == f"{BODY}\n{BODY2}"


def test_caption_with_photo_credit_is_tagged_in_two_parts() -> None:
    caption = "លោក សុខ ជា ថ្លែងសុន្ទរកថា ក្នុងពិធីនោះ។ (ប្រភព៖ VNA) |"
    result = clean(f"{caption}\n{BODY}\n{BODY2}", kind="text")
    tagged = [(r.reason, r.kept, r.text) for r in result.removed]
    assert tagged == [("caption", True, "លោក សុខ ជា ថ្លែងសុន្ទរកថា ក្នុងពិធីនោះ។"),
                      ("source_credit", True, "(ប្រភព៖ VNA) |")]
    assert [r.text for r in result.kept] == [t[2] for t in tagged]


def test_markup_residue_is_cut_out_of_a_body_line() -> None:
    result = clean(f"{BODY} /br>\n{BODY2}", kind="text")
    assert result.text == f"{BODY}\n{BODY2}"
    assert [(r.text, r.reason) for r in result.removed] == [(" /br>", "markup_residue")]


def test_zero_width_spaces_and_paragraph_breaks_survive() -> None:
    body = "ការ\u200bប្រជុំ\u200bនេះ\u200bបាន\u200bបញ្ចប់\u200bដោយ\u200bជោគជ័យ\u200bនៅ\u200bរសៀល\u200bថ្ងៃ\u200bនេះ។"
    text = f"ចែករំលែក\n{body}\n\n{BODY}\n\n\n{BODY2}\nKommentar (0)\n"
    result = clean(text, kind="text")
    assert result.text == f"{body}\n\n{BODY}\n\n\n{BODY2}"


def test_paragraph_break_survives_a_removed_line_between_paragraphs() -> None:
    assert clean(f"{BODY}\n\nចែករំលែក\n\n{BODY2}", kind="text").text == f"{BODY}\n\n{BODY2}"
    assert clean(f"{BODY}\nចែករំលែក\n\n{BODY2}", kind="text").text == f"{BODY}\n\n{BODY2}"
    assert clean(f"{BODY}\nចែករំលែក\n{BODY2}", kind="text").text == f"{BODY}\n{BODY2}"


def test_crlf_lines() -> None:
    result = clean(f"ចែករំលែក\r\n{BODY}\r\n{BODY2}\r\n", kind="text")
    assert result.text == f"{BODY}\r\n{BODY2}"


def test_mostly_removed_is_flagged_not_emptied() -> None:
    menu = "\n".join(["ទំព័រដើម | ព័ត៌មានជាតិ | អន្តរជាតិ | កីឡា"] * 5 + ["ចែករំលែក"] * 5)
    result = clean(menu + "\nខ្លី។", kind="text")
    assert "mostly_removed" in result.flags
    all_furniture = clean("ចែករំលែក\nKommentar (0)\n", kind="text")
    assert all_furniture.text.strip() and "nothing_kept" in all_furniture.flags


def test_language_check_flags_a_vietnamese_page() -> None:
    vi = ("Thủ tướng Campuchia cho biết hôm thứ Hai rằng nền kinh tế sẽ tăng trưởng bảy phần trăm trong năm nay, "
          "theo các phương tiện truyền thông địa phương.")
    assert "not_khmer" in clean(vi, kind="text").flags
    assert "not_khmer" not in clean(BODY, kind="text").flags
    assert clean(BODY, kind="text").khmer_share > 0.9


def test_cross_document_pass_finds_a_site_footer() -> None:
    footer = "ស៊ីស៊ីអាយអឹម មិនទទួលខុសត្រូវចំពោះការលួចចម្លងនិងចុះផ្សាយបន្ត។"
    horoscope = "លេខសំណាង គឺលេខ៨។"
    docs = [f"{BODY} {i}\n" + "\n".join(f"{BODY2} {i}.{k}" if k != 10 else horoscope for k in range(20))
            + f"\n{footer}" for i in range(5)]
    docs.append(docs[0])  # a copy of one article: its lines must not count as repeated
    repeated = find_repeated_lines({"site": docs})["site"]
    result = clean(docs[0], kind="text", repeated=repeated)
    assert footer not in result.text and horoscope in result.text
    assert ("repeated", False) in {(r.reason, r.kept) for r in result.removed}


def test_segment_ui_splits_menus_written_as_one_run() -> None:
    assert segment_ui("ទំព័រដើមព័ត៌មានជាតិកីឡា") is not None
    assert segment_ui("កិច្ចប្រជុំ") is None


def test_classify_lines_keeps_a_body_only_page() -> None:
    assert all(d.reason is None for d in classify_lines([BODY, BODY2]))


def test_bad_arguments() -> None:
    with pytest.raises(InputError):
        clean(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        clean("x", kind="pdf")


def test_per_line_language_check_flags_a_mixed_page() -> None:
    english = "The minister said the new bridge will open next month and will carry heavy trucks too."
    mixed = "\n".join([BODY, BODY2, BODY, english, english, BODY2])
    assert "mixed_language" in clean(mixed, kind="text").flags
    assert "mixed_language" not in clean(f"{BODY}\n{BODY2}", kind="text").flags


def test_old_mac_line_endings() -> None:
    assert clean(f"ចែករំលែក\r{BODY}\r{BODY2}\r", kind="text").text == f"{BODY}\r{BODY2}"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_short_article_with_no_full_sentence_is_not_a_list_of_headlines(kind: str) -> None:
    """With no strong line there is no article span, and every line was taken as both before and after
    it: the article's short lines, under a heading removed as navigation, went as a list of headlines
    (related_links). HTML returned an empty article flagged only mostly_removed; text the whole page,
    heading included, flagged nothing_kept."""
    lines = ["ក្រសួងសុខាភិបាលបានប្រកាសថា ប្រជាពលរដ្ឋចំនួន ៦៧០នាក់ បានចូលរួមក្នុងយុទ្ធនាការចាក់វ៉ាក់សាំង",
             "យុទ្ធនាការនេះនឹងបន្តរហូតដល់ចុងខែនេះ នៅគ្រប់ស្រុកទាំងអស់នៃខេត្តកំពង់ចាម"]
    page = ("<h1>ក្រសួងសុខាភិបាល</h1>" + "".join(f"<p>{line}</p>" for line in lines) if kind == "html"
            else "ក្រសួងសុខាភិបាល\n" + "\n".join(lines) + "\n")
    result = clean(page, kind=kind)
    assert [line.strip() for line in result.text.splitlines() if line.strip()] == lines
    assert [r.reason for r in result.removed] == ["navigation"] and "mostly_removed" not in result.flags


def test_a_long_body_line_that_begins_like_a_call_to_action_is_kept() -> None:
    line = ("តាមដានព័ត៌មានពីការបោះឆ្នោតតាមរយៈវិទ្យុ និងទូរទស្សន៍ ប្រជាពលរដ្ឋនៅតាមជនបទបានដឹងពីលទ្ធផល "
            "មុនគេ ហើយលោកប្រធានគណៈកម្មាធិការបានថ្លែងអំណរគុណដល់អ្នកសារព័ត៌មានទាំងអស់។")
    text = f"{BODY}\n\n{line}\n\n{BODY2}\n"
    assert line in clean(text, kind="text").text
