"""Tests of the Khmer lunar calendar (sastra.extract.lunar) and of lunar dates in text.

The facts checked in the ``known-answers`` section come from
``../shared/data/extraction/known-answers.md`` (sections 7.2 and 7.3), row by row; each test names its
row and source. The round trip covers every day 1900-2100. Timing lives in bench/lunar_bench.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sastra.errors import InputError
from sastra.extract import lunar
from sastra.extract.lunar import (
    LunarDate,
    find_lunar_dates,
    format_lunar,
    from_lunar,
    new_year,
    parse_lunar,
    to_lunar,
    visak_bochea,
    year_kind,
)

D = dt.date
KNOWN_ANSWERS = "extraction/known-answers.md"


@pytest.fixture(scope="module")
def known_answers(shared_data) -> str:
    path = shared_data / KNOWN_ANSWERS
    if not path.is_file():
        pytest.skip(f"{KNOWN_ANSWERS} is absent")
    return path.read_text(encoding="utf-8")


def all_days():
    day = lunar.MIN_DATE
    while day <= lunar.MAX_DATE:
        yield day
        day += dt.timedelta(days=1)


# --- known-answers.md, section 7.2: lunar <-> Gregorian ---------------------------------------------

#: (row of known-answers.md 7.2, day, phase, month, BE, Gregorian date)
LUNAR_FACTS = [
    ("Visak Bochea 2024 (H24, MK)", 15, "កើត", "ពិសាខ", 2567, D(2024, 5, 22)),
    ("first day of BE 2568 (MK + BE rule)", 1, "រោច", "ពិសាខ", 2568, D(2024, 5, 23)),
    ("Royal Ploughing 2024 (H24, MK)", 4, "រោច", "ពិសាខ", 2568, D(2024, 5, 26)),
    ("Pchum Ben 2024 (H24, MK)", 15, "រោច", "ភទ្របទ", 2568, D(2024, 10, 2)),
    ("Water Festival 2024 (H24, MK)", 15, "កើត", "កត្តិក", 2568, D(2024, 11, 15)),
    ("Visak Bochea 2023 (MK)", 15, "កើត", "ពិសាខ", 2566, D(2023, 5, 4)),
    ("Visak Bochea 2025 (H25, MK)", 15, "កើត", "ពិសាខ", 2568, D(2025, 5, 11)),
    ("Pchum Ben 2025 (H25, MK)", 15, "រោច", "ភទ្របទ", 2569, D(2025, 9, 22)),
    ("Water Festival 2025 (H25, MK)", 15, "កើត", "កត្តិក", 2569, D(2025, 11, 5)),
    ("first day of BE 2566 (thmeythmey.com, MK)", 1, "រោច", "ពិសាខ", 2566, D(2022, 5, 16)),
    ("Visak Bochea 2011 (H11, MK)", 15, "កើត", "ពិសាខ", 2554, D(2011, 5, 17)),
    ("Royal Ploughing 2011 (H11, MK)", 4, "រោច", "ពិសាខ", 2555, D(2011, 5, 21)),
    ("Pchum Ben 2011 (H11, MK)", 15, "រោច", "ភទ្របទ", 2555, D(2011, 9, 27)),
    ("Water Festival 2011 (H11, MK)", 15, "កើត", "កត្តិក", 2555, D(2011, 11, 10)),
    ("Meak Bochea 2011 (H11, MK)", 15, "កើត", "មាឃ", 2554, D(2011, 2, 18)),
    ("leap-month year 2023 (MK)", 1, "រោច", "បឋមាសាឍ", 2567, D(2023, 7, 3)),
    ("leap-month year 2023 (MK)", 15, "កើត", "ទុតិយាសាឍ", 2567, D(2023, 8, 1)),
    ("leap-month year 2023: MK puts Pchum Ben 2023 on 14 Oct", 15, "រោច", "ភទ្របទ", 2567, D(2023, 10, 14)),
    ("epoch of the algorithm", 1, "កើត", "បុស្ស", 2443, D(1900, 1, 1)),
]


@pytest.mark.parametrize("row, day, phase, month, be, expected", LUNAR_FACTS,
                         ids=[f"{f[0]}-{f[5]}" for f in LUNAR_FACTS])
def test_known_answers_lunar_gregorian(row, day, phase, month, be, expected):
    assert from_lunar(day, phase, month, be) == expected
    got = to_lunar(expected)
    assert (got.day, got.phase, got.month, got.be_year) == (day, phase, month, be)


#: almanac strings quoted verbatim in known-answers.md 7.2, with their dates
ALMANAC_STRINGS = [
    ("ថ្ងៃពុធ ១២កើត ខែអាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨", D(2024, 7, 17)),  # S4, MK
    ("ថ្ងៃចន្ទ ៤រោច ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស. ២៥៦៧", D(2023, 5, 8)),  # nkdnews.com, MK
    ("ព្រហស្បតិ៍ ៤រោច ខែពិសាខ ឆ្នាំម្សាញ់ សប្តស័ក ពុទ្ធសករាជ ២៥៦៩", D(2025, 5, 15)),  # ppreporter.com, H25
]


@pytest.mark.parametrize("text, expected", ALMANAC_STRINGS)
def test_known_answers_almanac_strings(text, expected, known_answers):
    assert text in known_answers  # the row is quoted from the file
    parsed = parse_lunar(text)
    assert from_lunar(parsed) == expected
    assert parsed == to_lunar(expected)


def test_known_answers_format_seed_004():
    # known-answers.md 7.2, first row (seed 004 "ត្រូវនឹងថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤")
    assert format_lunar(D(2024, 7, 17)) == "ថ្ងៃពុធ ១២កើត ខែអាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨"
    assert to_lunar(D(2024, 7, 17)) == LunarDate(12, "កើត", "អាសាឍ", "រោង", 6, 2568, "ពុធ")


def test_known_answers_weekday_rows_without_year():
    # known-answers.md 7.2: "ថ្ងៃព្រហស្បតិ៍ ១១កើត ខែចេត្រ" (2011 almanac quote) and "ថ្ងៃសុក្រ ៧រោច ខែចេត្រ" (guidesim 2012)
    first = to_lunar(D(2011, 4, 14))
    assert (first.weekday, first.day, first.phase, first.month) == ("ព្រហស្បតិ៍", 11, "កើត", "ចេត្រ")
    second = to_lunar(D(2012, 4, 13))
    assert (second.weekday, second.day, second.phase, second.month) == ("សុក្រ", 7, "រោច", "ចេត្រ")
    assert parse_lunar("ថ្ងៃព្រហស្បតិ៍ ១១កើត ខែចេត្រ", near=2011) == first
    assert parse_lunar("ថ្ងៃសុក្រ ៧រោច ខែចេត្រ", near=2012) == second


def test_known_answers_new_year_2011():
    # known-answers.md 7.2: New Year 2011 at 13:12 on ១១កើត ខែចេត្រ (2011-04-14)
    info = new_year(2011)
    assert (info.date, info.hour, info.minute) == (D(2011, 4, 14), 13, 12)


def test_known_answers_2023_is_leap_month_year():
    assert year_kind(2567) == "leap-month"
    assert [m for m, _, _ in lunar.lunar_months(2567)].count("អាសាឍ") == 0


def test_festival_rules_of_known_answers():
    # known-answers.md festival rules: Visak = ១៥កើត ពិសាខ, the BE changes the next day
    for year in (2011, 2022, 2023, 2024, 2025):
        visak = visak_bochea(year)
        assert to_lunar(visak).be_year == year + 543
        assert to_lunar(visak + dt.timedelta(days=1)).be_year == year + 544


# --- known-answers.md, section 7.3: year labels around New Year ------------------------------------------

def labels(moment):
    got = to_lunar(moment)
    return got.animal_year, lunar.SAK_NAMES[got.sak - 1], got.be_year


def test_known_answers_2024_new_year_moment():
    # 7.3: MK v3, vietnam.vn (New Year 2024 at 22:17); H24 has 4 New Year days, Lerng Sak 16 Apr
    info = new_year(2024)
    assert info.moment == dt.datetime(2024, 4, 13, 22, 17)
    assert info.vanabat_days == 2
    assert info.lerng_sak == D(2024, 4, 16)
    assert info.days == (D(2024, 4, 13), D(2024, 4, 14), D(2024, 4, 15), D(2024, 4, 16))


def test_known_answers_labels_2024():
    # 7.3 row 1: 2024-04-13 before 22:17 -> ថោះ បញ្ចស័ក 2567
    assert labels(D(2024, 4, 13)) == ("ថោះ", "បញ្ចស័ក", 2567)
    assert labels(dt.datetime(2024, 4, 13, 22, 16)) == ("ថោះ", "បញ្ចស័ក", 2567)
    assert labels(dt.datetime(2024, 4, 13, 22, 17)) == ("រោង", "បញ្ចស័ក", 2567)
    # row 2: 2024-04-14 and 04-15 -> រោង បញ្ចស័ក 2567
    assert labels(D(2024, 4, 14)) == labels(D(2024, 4, 15)) == ("រោង", "បញ្ចស័ក", 2567)
    # row 3: 2024-04-16 -> 2024-05-22: រោង ឆស័ក 2567
    day = D(2024, 4, 16)
    while day <= D(2024, 5, 22):
        assert labels(day) == ("រោង", "ឆស័ក", 2567), day
        day += dt.timedelta(days=1)
    # row 4: 2024-05-23 onwards: រោង ឆស័ក 2568 (until the next New Year)
    while day < D(2025, 4, 14):
        assert labels(day) == ("រោង", "ឆស័ក", 2568), day
        day += dt.timedelta(days=1)


def test_known_answers_labels_2025():
    # 7.3 row 5: New Year 2025-04-14 at 04:48; ឆស័ក until Lerng Sak 2025-04-16; BE 2568 until 2025-05-12
    info = new_year(2025)
    assert info.moment == dt.datetime(2025, 4, 14, 4, 48)
    assert info.lerng_sak == D(2025, 4, 16)
    assert labels(dt.datetime(2025, 4, 14, 4, 47)) == ("រោង", "ឆស័ក", 2568)
    assert labels(dt.datetime(2025, 4, 14, 4, 48)) == ("ម្សាញ់", "ឆស័ក", 2568)
    assert labels(D(2025, 4, 15)) == ("ម្សាញ់", "ឆស័ក", 2568)
    assert labels(D(2025, 4, 16)) == ("ម្សាញ់", "សប្តស័ក", 2568)
    assert labels(D(2025, 5, 11)) == ("ម្សាញ់", "សប្តស័ក", 2568)
    assert labels(D(2025, 5, 12)) == ("ម្សាញ់", "សប្តស័ក", 2569)


def test_known_answers_labels_1995():
    # 7.3 last row (km.wikipedia "ស័ក (ហោរាសាស្ត្រ)"): 1995 after New Year and Visak: កុរ សប្តស័ក 2539
    day = visak_bochea(1995) + dt.timedelta(days=1)
    while day <= D(1995, 12, 31):
        assert labels(day) == ("កុរ", "សប្តស័ក", 2539), day
        day += dt.timedelta(days=1)


# --- momentkh's own fixtures (MIT, test/conversion.json of ThyrithSor/momentkh), for the labels -----------

MOMENTKH_FIXTURES = {
    "1904-04-17 19:45:29": "ថ្ងៃអាទិត្យ ៣កើត ខែពិសាខ ឆ្នាំរោង ឆស័ក ព.ស.២៤៤៧",
    "1904-08-04 16:19:13": "ថ្ងៃព្រហស្បតិ៍ ៨រោច ខែទុតិយាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៤៤៨",
    "1908-04-18 09:23:55": "ថ្ងៃសៅរ៍ ២រោច ខែចេត្រ ឆ្នាំវក សំរឹទ្ធិស័ក ព.ស.២៤៥១",
    "1917-04-24 16:17:40": "ថ្ងៃអង្គារ ៤កើត ខែពិសាខ ឆ្នាំម្សាញ់ នព្វស័ក ព.ស.២៤៦០",
    "1924-04-19 10:41:21": "ថ្ងៃសៅរ៍ ១៥កើត ខែចេត្រ ឆ្នាំជូត ឆស័ក ព.ស.២៤៦៧",
    "1926-04-27 15:27:07": "ថ្ងៃអង្គារ ១រោច ខែពិសាខ ឆ្នាំខាល អដ្ឋស័ក ព.ស.២៤៧០",
    "1927-02-01 14:37:07": "ថ្ងៃអង្គារ ១៥រោច ខែបុស្ស ឆ្នាំខាល អដ្ឋស័ក ព.ស.២៤៧០",
}


@pytest.mark.parametrize("moment, expected", sorted(MOMENTKH_FIXTURES.items()))
def test_momentkh_fixtures(moment, expected):
    assert format_lunar(to_lunar(dt.datetime.fromisoformat(moment))) == expected


# --- the whole range ---------------------------------------------------------------------------------------

def test_round_trip_every_day_1900_2100():
    count = 0
    for day in all_days():
        assert from_lunar(to_lunar(day)) == day, day
        count += 1
    assert count == 73414


def test_consecutive_days_step_through_the_months():
    previous = to_lunar(lunar.MIN_DATE)
    for day in all_days():
        if day == lunar.MIN_DATE:
            continue
        current = to_lunar(day)
        if current.month == previous.month:
            assert current.day_number == previous.day_number + 1, day
        else:
            assert current.day_number == 0, day
            assert previous.day_number in (28, 29), day
        previous = current


def test_year_kinds_and_lengths():
    years, _ = lunar._table()
    for year in years:
        assert year.end - year.start == (354, 384, 355)[year.kind]
        names = [lunar.MONTHS[m] for m in year.month_ids]
        if year.kind == 1:
            assert names[6:8] == ["បឋមាសាឍ", "ទុតិយាសាឍ"]
        else:
            assert "បឋមាសាឍ" not in names
        jesth = year.month_lengths[names.index("ជេស្ឋ")]
        assert jesth == (30 if year.kind == 2 else 29)


def test_method_reads_the_same_be_for_a_whole_month():
    """The method reads a year's BE off each month's first day (Gregorian year + 543 up to April,
    + 544 after); the months whose length depends on the year (ជេស្ឋ and the doubled អាសាឍ) must all
    start after April, so that the whole year uses one BE."""
    years, _ = lunar._table()
    for year in years:
        assert dt.date.fromordinal(year.start).month in (12, 1)
        for month, start in zip(year.month_ids, year.month_starts):
            if month in (6, 12, 13):
                assert dt.date.fromordinal(start).month >= 5


def test_new_year_every_year():
    for year in range(1900, 2101):
        info = new_year(year)
        assert info.date.month == 4 and 10 <= info.date.day <= 16, info
        assert info.vanabat_days in (1, 2)
        assert info.lerng_sak == info.date + dt.timedelta(days=info.vanabat_days + 1)
        # the animal year changes before the BE does
        assert info.lerng_sak < visak_bochea(year) + dt.timedelta(days=1)
        assert to_lunar(info.lerng_sak).month in ("ចេត្រ", "ពិសាខ")


def test_pinned_new_year_moments():
    # computed moments agree with momentkh's test/new-year.json (MIT) for these years
    for year, moment in [(1900, "1900-04-12 19:36"), (1916, "1916-04-12 00:00"), (2000, "2000-04-13 16:48"),
                         (2023, "2023-04-14 16:00"), (2032, "2032-04-13 00:00"), (2100, "2100-04-15 14:00")]:
        assert new_year(year).moment == dt.datetime.fromisoformat(moment)
        assert not new_year(year).published
    assert new_year(2024).published


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=lunar.MIN_DATE, max_value=lunar.MAX_DATE))
def test_format_parse_round_trip(day):
    lunar_date = to_lunar(day)
    assert parse_lunar(format_lunar(lunar_date)) == lunar_date
    assert parse_lunar(format_lunar(lunar_date, digits="latin")) == lunar_date
    assert str(lunar_date) == format_lunar(day)
    assert lunar_date.jolak_sakaraj % 10 == lunar_date.sak % 10


# --- impossible input --------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, reason", [
    ((16, "កើត", "អាសាឍ", 2568), "lunar day 16"),
    ((0, "រោច", "អាសាឍ", 2568), "lunar day 0"),
    ((1, "រោច", "បឋមាសាឍ", 2568), "leap-month year"),
    ((1, "កើត", "អាសាឍ", 2567), "leap-month year"),
    ((15, "រោច", "មាឃ", 2568), "29 days"),
    ((15, "រោច", "ជេស្ឋ", 2568), "29 days"),
    ((1, "កើត", "ខែថ្មី", 2568), "unknown lunar month"),
    ((1, "ពេញ", "អាសាឍ", 2568), "unknown moon phase"),
    ((1, "កើត", "អាសាឍ", 3000), "outside the supported range"),
])
def test_impossible_lunar_dates_raise(args, reason):
    with pytest.raises(InputError, match=reason):
        from_lunar(*args)


def test_leap_day_year_has_15_waning_jesth():
    be = next(be for be in range(2444, 2640) if year_kind(be) == "leap-day")
    last = from_lunar(15, "រោច", "ជេស្ឋ", be)
    assert to_lunar(last).month == "ជេស្ឋ"
    assert to_lunar(last + dt.timedelta(days=1)).month == "អាសាឍ"


def test_labels_that_contradict_the_date_raise():
    with pytest.raises(InputError, match="ឆ្នាំថោះ does not fit"):
        from_lunar(12, "កើត", "អាសាឍ", 2568, animal_year="ថោះ")
    with pytest.raises(InputError, match="សប្តស័ក does not fit"):
        from_lunar(12, "កើត", "អាសាឍ", 2568, sak=7)
    with pytest.raises(InputError, match="not ថ្ងៃចន្ទ"):
        from_lunar(12, "កើត", "អាសាឍ", 2568, weekday="ចន្ទ")
    # on the New Year day either animal year is right (it changes at the New Year moment)
    assert from_lunar(5, "កើត", "ចេត្រ", 2567, animal_year="រោង") == D(2024, 4, 13)
    assert from_lunar(5, "កើត", "ចេត្រ", 2567, animal_year="ថោះ") == D(2024, 4, 13)


def test_bad_types_and_ranges():
    with pytest.raises(InputError):
        to_lunar("2024-07-17")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="outside the supported range"):
        to_lunar(D(1899, 12, 31))
    with pytest.raises(InputError, match="outside the supported range"):
        new_year(2101)
    with pytest.raises(InputError, match="not a Khmer lunar date"):
        parse_lunar("ថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤")
    with pytest.raises(InputError, match="near="):
        parse_lunar("១២កើត ខែអាសាឍ")


def test_parse_accepts_spelling_variants():
    expected = to_lunar(D(2024, 11, 15))
    assert parse_lunar("១៥កើត ខែកត្ដិក ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨") == expected  # subscript DA
    assert parse_lunar("15 កើត ខែ\u200bកត្តិក ឆ្នាំ រោង ឆស័ក ពុទ្ធសករាជ 2568") == expected
    assert parse_lunar("ថ្ងៃសៅរ៍ ១១រោច ខែអសាឍ ឆ្នាំកុរ ឯកស័ក ព.ស ២៥៦៣") == to_lunar(D(2019, 7, 27))


# --- lunar dates in text -----------------------------------------------------------------------------------

def test_seed_004_lunar_and_gregorian_agree(shared_data):
    # known-answers.md 7.5, seed 004: "Lunar date and Gregorian date must agree"; span as annotated
    # in extraction/seeds-annotated.jsonl (start 206, end 242)
    path = shared_data / "samples" / "seeds" / "004_dde3f2ca690f9001.txt"
    if not path.is_file():
        pytest.skip("seed 004 is absent")
    text = path.read_text(encoding="utf-8")
    [mention] = find_lunar_dates(text)
    assert (mention.start, mention.end) == (206, 242)
    assert mention.text == "១២កើត ខែអាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨" == text[mention.start:mention.end]
    assert mention.kind == "date" and mention.rule == "lunar"
    assert mention.value == D(2024, 7, 17)
    assert mention.attrs["agrees_with_gregorian"] is True
    assert mention.attrs["weekday_matches"] is True
    assert mention.attrs["lunar"] == to_lunar(D(2024, 7, 17))


def test_finder_real_variants():
    # forms seen in corpus/kh-news-2019-07.jsonl
    text = ("នៅថ្ងៃអាទិត្យ\u200b១១រោច ខែអាសាឍ ឆ្នាំកុរ ឯកស័ក ព.ស ២៥៦៣ ត្រូវនឹងថ្ងៃទី ២៧ ខែកក្កដា ឆ្នាំ២០១៩\u200b នេះ "
            "ហើយនៅថ្ងៃសុក្រ ១០ រោច ខែអាសាឍ ឆ្នាំកុរឯកស័ក ពុទ្ធសករាជ ២៥៦៣ត្រូវនឹងថ្ងៃទី២៦ កក្កដា ឆ្នាំ២០១៩។")
    first, second = find_lunar_dates(text)
    assert first.value == D(2019, 7, 27)
    assert first.attrs["weekday_matches"] is False  # 27 July 2019 was a Saturday: reported, value kept
    assert first.attrs["warning"] == "weekday mismatch: the text says Sunday, 2019-07-27 is a Saturday"
    assert first.attrs["agrees_with_gregorian"] is True
    assert second.text == "១០ រោច ខែអាសាឍ ឆ្នាំកុរឯកស័ក ពុទ្ធសករាជ ២៥៦៣"
    assert second.value == D(2019, 7, 26) and second.attrs["agrees_with_gregorian"] is True


def test_finder_reports_disagreement_with_gregorian():
    [mention] = find_lunar_dates("ថ្ងៃសៅរ៍ ១១រោច ខែអាសាឍ ឆ្នាំកុរ ឯកស័ក ព.ស. ២៥៦៣ ត្រូវនឹងថ្ងៃទី២៦ ខែកក្កដា ឆ្នាំ២០១៩")
    assert mention.value == D(2019, 7, 27)
    assert mention.attrs["gregorian"] == D(2019, 7, 26)
    assert mention.attrs["agrees_with_gregorian"] is False
    assert mention.attrs["warning"] == "the Gregorian date beside it is 2019-07-26, this lunar date is 2019-07-27"


def test_finder_reports_impossible_components_without_a_value():
    [day16] = find_lunar_dates("ថ្ងៃទី ១៦កើត ខែអាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨")
    assert day16.value is None and day16.attrs["invalid"] is True and "lunar day 16" in day16.attrs["reason"]
    [leap] = find_lunar_dates("១រោច ខែបឋមាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨")
    assert leap.value is None and "leap-month year" in leap.attrs["reason"]
    [short] = find_lunar_dates("១៥រោច ខែមាឃ ព.ស.២៥៦៨")
    assert short.value is None and "29 days" in short.attrs["reason"]
    [clash] = find_lunar_dates("១២កើត ខែអាសាឍ ឆ្នាំថោះ ឆស័ក ព.ស.២៥៦៨")
    assert clash.value is None and "ឆ្នាំថោះ does not fit" in clash.attrs["reason"]


def test_finder_takes_the_year_from_beside_never_guesses():
    [alone] = find_lunar_dates("ពិធីនេះនឹងប្រព្រឹត្តទៅនៅថ្ងៃ ១៥កើត ខែពិសាខ ខាងមុខ")
    assert alone.value is None and "no year" in alone.attrs["unresolved"]
    [with_year] = find_lunar_dates("ថ្ងៃ ១៥កើត ខែពិសាខ ឆ្នាំ២០២៤ ជាពិធីបុណ្យវិសាខបូជា")
    assert with_year.value == D(2024, 5, 22) and with_year.attrs["year_source"] == "gregorian year"
    [with_date] = find_lunar_dates("១៥កើត ខែកត្តិក ត្រូវនឹងថ្ងៃទី១៥ ខែវិច្ឆិកា ឆ្នាំ២០២៤")
    assert with_date.value == D(2024, 11, 15) and with_date.attrs["agrees_with_gregorian"] is True
    [animal_sak] = find_lunar_dates("១៥រោច ខែភទ្របទ ឆ្នាំរោង ឆស័ក (ឆ្នាំ២០២៤)")
    assert animal_sak.value == D(2024, 10, 2)
    [ambiguous] = find_lunar_dates("១៥រោច ខែភទ្របទ ឆ្នាំរោង ឆស័ក")
    assert ambiguous.value is None and D(2024, 10, 2) in ambiguous.attrs["candidates"]


def test_finder_ignores_non_dates_and_checks_input():
    assert find_lunar_dates("គ្រោះថ្នាក់លើកទី២ កើតឡើងនៅថ្ងៃទី២១ កក្កដា") == []
    assert find_lunar_dates("") == []
    with pytest.raises(InputError):
        find_lunar_dates(None)  # type: ignore[arg-type]


def test_aware_datetimes_are_read_in_cambodia_time():
    utc = dt.timezone.utc
    # New Year 2024 at 22:17 Cambodia time = 15:17 UTC
    assert to_lunar(dt.datetime(2024, 4, 13, 15, 16, tzinfo=utc)).animal_year == "ថោះ"
    assert to_lunar(dt.datetime(2024, 4, 13, 15, 17, tzinfo=utc)).animal_year == "រោង"
    # 20:00 UTC on 16 July is already 17 July in Phnom Penh
    assert to_lunar(dt.datetime(2024, 7, 16, 20, 0, tzinfo=utc)) == to_lunar(D(2024, 7, 17))


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=lunar.MIN_DATE, max_value=lunar.MAX_DATE),
       st.sampled_from(["នៅ", "កាលពីថ្ងៃ ", "(ភ្នំពេញ)៖ នាព្រឹក"]),
       st.sampled_from([" ត្រូវនឹង", "\u200bនេះ ", "។"]))
def test_finder_recovers_any_formatted_date(day, prefix, suffix):
    almanac = format_lunar(day)
    text = prefix + almanac + suffix
    [mention] = find_lunar_dates(text)
    assert text[mention.start:mention.end] == mention.text
    assert mention.text == almanac.split(" ", 1)[1]  # the weekday stays outside the span
    assert mention.value == day
    assert mention.attrs["weekday_matches"] is True


def test_finder_ignores_years_outside_the_calendar():
    [mention] = find_lunar_dates("១៥កើត ខែពិសាខ ឆ្នាំ ២៥៦៣")
    assert mention.value is None and "unresolved" in mention.attrs


PIECES = ["១", "៥", "៩", "1", "6", "០", "កើត", "រោច", " ", "\u200b", "ខែ", "ពិសាខ", "ជេស្ឋ", "បឋមាសាឍ",
          "អាសាឍ", "មាឃ", "ឆ្នាំ", "រោង", "ច", "ឆស័ក", "សំរឹទ្ធិស័ក", "ព.ស.", "ពុទ្ធសករាជ", "២៥៦៨", "២០២៤",
          "ថ្ងៃ", "ទី", "កក្កដា", "ពុធ", "។", "ក", "ា"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_finder_never_crashes_and_never_invents(text):
    for mention in find_lunar_dates(text):
        assert text[mention.start:mention.end] == mention.text
        if mention.value is None:
            assert "invalid" in mention.attrs or "unresolved" in mention.attrs
        else:
            lunar_date = mention.attrs["lunar"]
            assert (lunar_date.day, lunar_date.phase, lunar_date.month) == (
                mention.attrs["lunar_day"], mention.attrs["phase"], mention.attrs["lunar_month"])
            if "be_year" in mention.attrs:
                assert lunar_date.be_year == mention.attrs["be_year"]
    try:
        parse_lunar(text)
    except InputError:
        pass


def test_corpus_lunar_dates(shared_data):
    """Every lunar date of corpus/kh-news-2019-07.jsonl resolves; it agrees with the Gregorian date beside
    it except where the article itself disagrees (two articles; checked by hand)."""
    import json

    path = shared_data / "corpus" / "kh-news-2019-07.jsonl"
    if not path.is_file():
        pytest.skip("corpus/kh-news-2019-07.jsonl is absent")
    mentions = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            mentions.extend(find_lunar_dates(json.loads(line)["text"]))
    assert len(mentions) == 26
    assert all(m.value is not None for m in mentions)
    agreement = [m.attrs.get("agrees_with_gregorian") for m in mentions]
    assert agreement.count(True) == 24 and agreement.count(False) == 2
    for mention in mentions:
        if mention.attrs["agrees_with_gregorian"] is False:
            # "ថ្ងៃសៅរ៍ ១១រោច ... ត្រូវនឹងថ្ងៃទី២៦ ..." : Saturday 11 waning is the 27th
            assert mention.value == D(2019, 7, 27) and mention.attrs["gregorian"] == D(2019, 7, 26)
