"""Dates composed from the parts Khmer news writes them with, in every mix (hypothesis).

Each example builds one date the way a writer may: ``ថ្ងៃទី``, ``ទី`` or a bare day, Khmer or Latin
digits with or without a leading zero, ``ខែ`` or not, a month name or number, ``ឆ្នាំ`` or not, a
space, nothing or a zero-width space between the parts, a weekday that matches the date, and the
words news puts before and after a date (``នា``, ``កាលពី``, ``គិតត្រឹម``, ``នេះ``, ``តទៅ``). Ranges and
lists of days, month pairs and year ranges too. The date must come out with exactly its span and the
value of annotation-guidelines.md. (Session 20: the generator found the glued ``និងកុម្ភៈ`` of a month
pair, and an independent set written by hand a pair of bare month names before a year; every other
form built here was already read.)

Left out on purpose: a month number glued to its year (``ខែ១២០១៩`` has no reading), and two complete
dates joined by ``ដល់``, which the project's seeds annotate as two dates.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

from sastra.extract.dates import find_dates

MONTHS = ("មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ")
WEEKDAYS = ("ចន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍", "អាទិត្យ")
KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
GAPS = st.sampled_from([" ", "", "\u200b"])
BEFORE = st.sampled_from(["", "នៅ", "នា", "កាលពី", "គិតត្រឹម", "ចាប់ពី", "នៅ ", "កាលពី "])
AFTER = st.sampled_from(["", "នេះ", " នេះ", "។", " ។", " បាន", "តទៅ", " ខាងមុខ"])
SENTENCE = "ព័ត៌មាន {before}{date}{after} ក្រុមការងារបានចុះពិនិត្យ។"


def _number(n: int, khmer: bool, zero: bool = False, width: int = 2) -> str:
    written = f"{n:0{width}d}" if zero else str(n)
    return written.translate(KHMER_DIGITS) if khmer else written


def _read(date: str, before: str, after: str) -> list[tuple[str, str | None]]:
    text = SENTENCE.format(before=before, date=date, after=after)
    found = find_dates(text)
    return [(m.text, m.value.iso if m.value is not None else m.attrs.get("partial")) for m in found]


@st.composite
def single_dates(draw):
    day = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
    khmer, zero = draw(st.booleans()), draw(st.booleans())
    gap = draw(GAPS)
    day_word = draw(st.sampled_from(["ថ្ងៃទី{d}", "ថ្ងៃទី {d}", "ទី{d}", "{d}"]))
    month = draw(st.sampled_from(["ខែ{m}", "ខែ {m}", "{m}", "ខែ{n}"]))
    year = draw(st.sampled_from(["ឆ្នាំ{y}", "ឆ្នាំ {y}", "{y}"]))
    if month == "ខែ{n}" and year == "{y}" and gap == "":
        year = "ឆ្នាំ{y}"  # (ខែ១២០១៩: no reading)
    if day_word == "{d}" and month == "ខែ{n}":
        month = "ខែ{m}"  # (a bare day and a month number are two numbers)
    weekday = draw(st.booleans())
    if weekday and day_word.startswith("ថ្ងៃ"):
        day_word = day_word[len("ថ្ងៃ"):]
    date = (day_word.format(d=_number(day.day, khmer, zero)) + gap +
            month.format(m=MONTHS[day.month - 1], n=_number(day.month, khmer, zero)) + gap +
            year.format(y=_number(day.year, khmer, width=4)))
    prefix = f"ថ្ងៃ{WEEKDAYS[day.weekday()]} " if weekday else ""
    return prefix, date, day.isoformat()


@settings(max_examples=300, deadline=None)
@given(single_dates(), BEFORE, AFTER)
def test_a_date_in_any_mix_of_its_parts(parts, before, after):
    prefix, date, value = parts
    assert _read(prefix + date, before, after) == [(date, value)]


@st.composite
def ranges_and_lists(draw):
    year = draw(st.integers(1990, 2030))
    month = draw(st.integers(1, 11))
    first = draw(st.integers(1, 20))
    last = first + draw(st.integers(1, 7))
    khmer, zero = draw(st.booleans()), draw(st.booleans())
    d = lambda n: _number(n, khmer, zero)  # noqa: E731
    gap = draw(GAPS)
    month_text = draw(st.sampled_from(["ខែ{m}", "ខែ {m}"])).format(m=MONTHS[month - 1])
    year_text = draw(st.sampled_from(["ឆ្នាំ{y}", "ឆ្នាំ {y}", "{y}"])).format(y=_number(year, khmer, width=4))
    with_year = draw(st.booleans())
    tail = gap + month_text + (gap + year_text if with_year else "")
    start, end = datetime.date(year, month, first), datetime.date(year, month, last)
    kind = draw(st.sampled_from(["dash", "to", "to_ti", "and", "and_ti", "list", "cross_month"]))
    to = draw(st.sampled_from(["ដល់", " ដល់ ", " ដល់", " រហូតដល់ ", " ដល់\u200b"]))
    if kind == "dash":
        date = f"ថ្ងៃទី{d(first)}{draw(st.sampled_from(['-', ' - ', '–']))}{d(last)}{tail}"
    elif kind == "to":
        date = f"ថ្ងៃទី{d(first)}{to}ថ្ងៃទី{d(last)}{tail}"
    elif kind == "to_ti":
        date = f"ថ្ងៃទី{d(first)}{to}ទី{d(last)}{tail}"
    elif kind == "and":
        date = f"ថ្ងៃទី{d(first)}{draw(st.sampled_from([' និង', ' និង ', 'និង']))}{d(last)}{tail}"
    elif kind == "and_ti":
        date = f"ថ្ងៃទី{d(first)}{draw(st.sampled_from([' និងទី', ' និង ទី', ' និងថ្ងៃទី']))}{d(last)}{tail}"
    elif kind == "list":
        middle = (first + last) // 2 if last - first > 1 else None
        if middle is None or middle == first:
            middle, last = first + 1, first + 2
            end = datetime.date(year, month, last)
        date = f"ថ្ងៃទី{d(first)}{draw(st.sampled_from([', ', ',']))}{d(middle)}" \
               f"{draw(st.sampled_from([' និង', ' និង ', ' និងទី']))}{d(last)}{tail}"
    else:
        end = datetime.date(year, month + 1, draw(st.integers(1, 28)))
        next_month = "ខែ" + MONTHS[month]
        date = (f"ថ្ងៃទី{d(first)}{gap}{month_text}{to}ថ្ងៃទី{d(end.day)}{gap}{next_month}"
                + (gap + year_text if with_year else ""))
    if with_year:
        value = f"{start.isoformat()}/{end.isoformat()}"
    else:
        value = f"--{start.month:02d}-{start.day:02d}/--{end.month:02d}-{end.day:02d}"
    return date, value


@settings(max_examples=300, deadline=None)
@given(ranges_and_lists(), BEFORE, AFTER)
def test_a_range_or_a_list_of_days_is_one_date(parts, before, after):
    date, value = parts
    assert _read(date, before, after) == [(date, value)]


@st.composite
def months_and_years(draw):
    year = draw(st.integers(1990, 2030))
    month = draw(st.integers(1, 11))
    khmer = draw(st.booleans())
    y = lambda n: _number(n, khmer, width=4)  # noqa: E731
    gap = draw(st.sampled_from([" ", "\u200b"]))
    kind = draw(st.sampled_from(["month_year", "month_pair", "bare_month_pair", "year_range", "year_to"]))
    if kind == "month_year":
        date = f"ខែ{MONTHS[month - 1]}{gap}{draw(st.sampled_from(['ឆ្នាំ', 'ឆ្នាំ ', '']))}{y(year)}"
        value = f"{year}-{month:02d}"
    elif kind == "month_pair":
        joint = draw(st.sampled_from(["-", " ដល់ខែ", " ដល់ ខែ", " និងខែ", " និង", " និង "]))
        date = f"ខែ{MONTHS[month - 1]}{joint}{MONTHS[month]}{gap}ឆ្នាំ{y(year)}"
        value = f"{year}-{month:02d}/{year}-{month + 1:02d}"
    elif kind == "bare_month_pair":  # (session 20: a trade report's ``(មករា-មិថុនា ២០២៤)``)
        joint = draw(st.sampled_from(["-", " - ", " ដល់ "]))
        date = f"{MONTHS[month - 1]}{joint}{MONTHS[month]}{gap}{draw(st.sampled_from(['ឆ្នាំ', '']))}{y(year)}"
        value = f"{year}-{month:02d}/{year}-{month + 1:02d}"
        return date, value, True
    elif kind == "year_range":
        later = year + draw(st.integers(1, 9))
        date = f"ឆ្នាំ{y(year)}{draw(st.sampled_from(['-', ' - ', '–']))}{y(later)}"
        value = f"{year}/{later}"
    else:
        later = year + draw(st.integers(1, 9))
        date = f"ឆ្នាំ{y(year)}{draw(st.sampled_from(['ដល់', ' ដល់ ', ' រហូតដល់ ']))}" \
               f"{draw(st.sampled_from(['ឆ្នាំ', '']))}{y(later)}"
        value = f"{year}/{later}"
    return date, value, False


@settings(max_examples=200, deadline=None)
@given(months_and_years(), BEFORE, AFTER)
def test_a_month_a_month_pair_or_a_year_range(parts, before, after):
    date, value, bare = parts
    if bare and before and not before.endswith(" "):
        before += " "  # (a bare month name glued after a word is a piece of that word: បវរកញ្ញា)
    assert _read(date, before, after) == [(date, value)]


@st.composite
def numeric_dates(draw):
    day = draw(st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)))
    khmer = draw(st.booleans())
    n = lambda v, w=2: _number(v, khmer, True, w)  # noqa: E731
    if draw(st.booleans()):
        sep = draw(st.sampled_from(["/", "-", "."]))
        date = f"{n(day.day)}{sep}{n(day.month)}{sep}{n(day.year, 4)}"
    else:
        date = f"{n(day.year, 4)}-{n(day.month)}-{n(day.day)}"
    return date, day.isoformat()


@settings(max_examples=200, deadline=None)
@given(numeric_dates(), st.sampled_from(["", "នៅ ", "ចុះ ", "កាលពី "]), st.sampled_from(["", " ។", " នេះ"]))
def test_a_numeric_date(parts, before, after):
    date, value = parts
    assert _read(date, before, after) == [(date, value)]


# --- a date set written by hand, without sastra ----------------------------------------------------
#: bench/extract_labels/dates-handwritten.jsonl: 220 sentences in the style of Cambodian news sites
#: (180 with 193 dates in every form a careful writer uses, 40 with none: clock times, relative dates,
#: ordinals, counts, phone, law and version numbers, photo file names), written and labelled by a
#: helper of session 20 who never ran sastra, from annotation-guidelines.md; four labels of two complete
#: dates joined by ដល់ were split in two, as seeds-annotated.jsonl annotates them. First shot 0.980
#: (four misses: a bare month pair, two misspelled months, ``ចាប់ពី ១ មេសា``), each fixed since.
HANDWRITTEN = Path(__file__).resolve().parents[2] / "bench" / "extract_labels" / "dates-handwritten.jsonl"


def test_the_handwritten_date_set_is_read_as_labelled():
    wrong = []
    for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = [(d["text"], d["iso"] or d["partial"]) for d in row["dates"]]
        found = [(m.text, m.value.iso if m.value is not None else m.attrs.get("partial")) for m in find_dates(row["text"])]
        if found != gold:
            wrong.append((row["id"], gold, found))
    assert wrong == []


#: bench/extract_labels/dates-handwritten-articles.jsonl: 40 whole articles as crawled from Cambodian
#: news sites (headlines, datelines, site time stamps, by-lines, captions; government, economy, courts,
#: sports, history, festivals), 280 dates, written and labelled by a second helper of session 20 who
#: never ran sastra. Relabelled to the project's convention: the lunar dates (the helper was asked to
#: leave them out; the guidelines label them), two coordinated years as one interval (dmn15) and a year
#: range with ដល់ as one span (dmn16). First shot 0.982.
ARTICLES = HANDWRITTEN.with_name("dates-handwritten-articles.jsonl")
#: ``បើគ្មាន ៧មករា`` ("without 7 January", the holiday): a day and month glued after a word name a
#: bridge, a district or a company far more often (``ស្ពានអាកាស៧មករា``)
ARTICLE_MISSES = {("a31", "៧មករា")}


def test_the_handwritten_articles_are_read_as_labelled():
    from sastra import extract

    wrong = []
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold = {(d["text"], d["iso"] or d["partial"]) for d in row["dates"]}
        found = set()
        for m in extract(row["text"]):
            if m.kind == "date":
                value = m.value.isoformat() if isinstance(m.value, datetime.date) else \
                    m.value.iso if m.value is not None else m.attrs.get("partial")
                found.add((m.text, value))
        missed = {(row["id"], text) for text, _ in gold - found}
        if found - gold or missed - ARTICLE_MISSES:
            wrong.append((row["id"], sorted(gold - found), sorted(found - gold)))
    assert wrong == []


def test_a_list_of_lunar_days_is_one_date_from_the_first_day_to_the_last():
    from sastra import extract

    # (session 20) the Water Festival and Pchum Ben, as their dates are announced
    text = ("ព្រះរាជពិធីបុណ្យអុំទូក នៅថ្ងៃ១៤កើត ១៥កើត និង១រោច ខែកត្តិក ឆ្នាំកុរ ឯកស័ក ព.ស.២៥៦៣ "
            "ត្រូវនឹងថ្ងៃទី១០ ដល់ថ្ងៃទី១២ ខែវិច្ឆិកា ឆ្នាំ២០១៩។")
    lunar = [m for m in extract(text) if m.rule.startswith("lunar")]
    assert [(m.text, str(m.value), m.attrs["dates"]) for m in lunar] == [
        ("១៤កើត ១៥កើត និង១រោច ខែកត្តិក ឆ្នាំកុរ ឯកស័ក ព.ស.២៥៦៣", "2019-11-10/2019-11-12",
         ("2019-11-10", "2019-11-11", "2019-11-12"))]
    assert lunar[0].attrs["agrees_with_gregorian"] is True
    text = "ពិធីបុណ្យភ្ជុំបិណ្ឌ ថ្ងៃ១៤រោច ១៥រោច ខែភទ្របទ និងថ្ងៃ១កើត ខែអស្សុជ ឆ្នាំ២០១៩ នេះ"
    lunar = [m for m in extract(text) if m.rule.startswith("lunar")]
    assert [(m.text, str(m.value)) for m in lunar] == [
        ("១៤រោច ១៥រោច ខែភទ្របទ និងថ្ងៃ១កើត ខែអស្សុជ", "2019-09-27/2019-09-29")]


def test_the_night_into_the_next_day_and_a_long_year_range():
    assert _read("ថ្ងៃទី១៣ ឈានចូលថ្ងៃទី១៤ ខែធ្នូ ឆ្នាំ២០១៨", "នៅយប់", "") == [
        ("ថ្ងៃទី១៣ ឈានចូលថ្ងៃទី១៤ ខែធ្នូ ឆ្នាំ២០១៨", "2018-12-13/2018-12-14")]
    # an hour before ឈានចូល is no day
    assert _read("ថ្ងៃទី២៧ ខែកក្កដា ឆ្នាំ២០១៩", "វេលាម៉ោង២ឈានចូល", "") == [("ថ្ងៃទី២៧ ខែកក្កដា ឆ្នាំ២០១៩", "2019-07-27")]
    assert _read("ឆ្នាំ១៨៦៣ ដល់ឆ្នាំ១៩៥៣", "ពី", "") == [("ឆ្នាំ១៨៦៣ ដល់ឆ្នាំ១៩៥៣", "1863/1953")]
    # two years that make no range: each a year of its own
    assert _read("ឆ្នាំ២០១៩ ដល់ឆ្នាំ១៩៥៣", "ពី", "") == [("ឆ្នាំ២០១៩", "2019"), ("ឆ្នាំ១៩៥៣", "1953")]
