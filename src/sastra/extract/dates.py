"""Gregorian dates in Khmer text: ``ថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤``, ``៣ សីហា ២០១៩``,
``ខែធ្នូ ឆ្នាំ២០២២``, ``ឆ្នាំ២០១៩-២០២៣``, ``ថ្ងៃទី០២ និងទី០៣ ខែធ្នូ``, ``17/07/2024``, ``2019-10-23``,
Buddhist-era years (``ព.ស.២៥៦៨``).

Span convention (annotation guidelines, DATE): a span starts at ``ថ្ងៃទី`` when present; a weekday
before the date and a trailing ``នេះ`` are outside. The value is a :class:`DateValue` whose ``iso`` is
the scored form: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, or an interval ``start/end`` for ranges and
coordinated dates. A date whose year is not written has no value but a partial (guidelines):
``value=None``, ``attrs["partial"] = "--10-21"``; the year is never guessed, unless the caller passes a
``reference_date``. Impossible dates (``ថ្ងៃទី៣២``,
``៣០ កុម្ភៈ``) are reported with ``value=None`` and ``attrs["invalid"]``/``attrs["reason"]``.
Lunar dates are found by :mod:`sastra.extract.lunar`.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import itertools
import re
from dataclasses import dataclass
from typing import Iterator

from sastra.errors import require_str
from sastra.records import Mention
from sastra.khmer import to_latin_digits

from ._common import (DIGIT, DIGIT_CHARS, GAP, GAP_CHARS, UNIT_AFTER_RE, WEEKDAY_EN, DigitRuns, alternation,
                      weekday_mismatch)

__all__ = ["DateValue", "find_dates", "MONTH_NAMES", "WEEKDAY_NAMES"]


@dataclass(frozen=True, slots=True)
class DateValue:
    """A Gregorian date, month, year or interval.

    ``iso`` is the annotation-guidelines form (``2022-12-03``, ``2016-09``, ``2019/2023``,
    ``2022-12-02/2022-12-03``). ``start``/``end`` are the first and last days covered. ``precision`` is
    day, month or year. (A date without a year gets no DateValue: its mention has ``value=None`` and
    ``attrs["partial"]``; internally a partial is a DateValue with ``start=None``.)
    """

    iso: str
    start: datetime.date | None
    end: datetime.date | None
    precision: str

    def __str__(self) -> str:
        return self.iso

    @property
    def is_range(self) -> bool:
        return "/" in self.iso


# --- vocabulary -------------------------------------------------------------------------------
#: Khmer solar month names and the spellings met in news (typos with the wrong subscript, short forms)
MONTH_NAMES: dict[str, int] = {
    "មករា": 1,
    "កុម្ភៈ": 2, "កុម្ភះ": 2, "កុម្ភ:": 2, "កុម្ភ": 2,  # (a Latin colon typed for the visarga ៈ)
    "មីនា": 3, "មិនា": 3,
    "មេសា": 4,
    "ឧសភា": 5, "ឩសភា": 5,
    "មិថុនា": 6, "មុថុនា": 6, "មិថុណា": 6,  # (session 20: ណ typed for ន)
    "កក្កដា": 7, "កក្តដា": 7, "កក្ដដា": 7, "កក្កដ": 7, "កកក្កដា": 7,  # (a doubled first letter)
    "សីហា": 8,
    "កញ្ញា": 9,
    "តុលា": 10,
    "វិច្ឆិកា": 11, "វិច្ចិកា": 11, "វិច្ឆកា": 11, "វិច្ឆការ": 11,  # (session 20: a final រ, as ធ្នូរ)
    "ធ្នូ": 12, "ធ្នូរ": 12,  # (session 19: a spelling with a final រ, as in ធ្នូរ "bow")
}
ENGLISH_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name[1:], 1):
    ENGLISH_MONTHS[_name] = _i
    ENGLISH_MONTHS[_name[:3]] = _i
    ENGLISH_MONTHS[_name[:3] + "."] = _i
ENGLISH_MONTHS["Sept"] = 9
ENGLISH_MONTHS["Sept."] = 9

#: weekday names (Monday = 0, as datetime.date.weekday()); abbreviations only with their dot
WEEKDAY_NAMES: dict[str, int] = {
    "ចន្ទ": 0, "ច័ន្ទ": 0, "អង្គារ": 1, "អង្គា": 1, "ពុធ": 2, "ព្រហស្បតិ៍": 3, "ព្រហស្បត្តិ៍": 3, "ព្រហស្បតិ": 3,
    "សុក្រ": 4, "សៅរ៍": 5, "សៅ": 5, "អាទិត្យ": 6,
    "ច.": 0, "អ.": 1, "ពុ.": 2, "ព្រ.": 3, "សុ.": 4, "ស.": 5, "អា.": 6,
}

# --- regex building blocks --------------------------------------------------------------------
def _month_number(name: str) -> int:
    return MONTH_NAMES[name.replace("\u200b", "")]


SP = GAP  # blanks and zero-width spaces, never a line break
_ND = "(?![0-9\u17e0-\u17e9])"
#: (a zero-width space between two digits is inside the number, not between two: ``ថ្ងៃទី ១\u200b៥``
#: reads as 15, ``ឆ្នាំ២\u200b០២០`` as 2020)
_D12 = f"{DIGIT}(?:\u200b?{DIGIT})?{_ND}"
_Y4 = f"{DIGIT}(?:\u200b?{DIGIT}){{3}}{_ND}"
#: a year typed with a stray blank after its first digit (ឆ្នាំ១ ៩៩០; a zero-width space too, ឆ្នាំ​២​០០០:
#: dmn8): only after ឆ្នាំ, checked in _years
_Y4_SPACED = f"[12\u17e1\u17e2][ \u00a0\u200b]{DIGIT}{{3}}{_ND}(?![ \u00a0\u200b]{DIGIT})"
_NOT_WORD_CONT = "(?![\u17b6-\u17d3])"
#: month names may carry zero-width spaces between their clusters (ឩ\u200bសភា)
_MONTH = f"(?:{alternation(MONTH_NAMES, loose=True)}){_NOT_WORD_CONT}(?!ការ)"
_DAY_WORD = "(?:ថ្ងៃ|ថៃ្ង)"
_ERA = "(?:ព\\.{GAP}ស\\.?|ពុទ្ធសករាជ|គ\\.{GAP}ស\\.?|គ្រិស្តសករាជ|គ្រឹស្តសករាជ)".replace("{GAP}", GAP)
_YEAR_WORD = "(?:ឆ្នាំ|ឆ្នំា)"  # and its mis-ordered spelling (NIKAHIT before AA)
_YEAR_PART = (
    f"(?:{_YEAR_WORD}{SP})?(?:(?P<era1>{_ERA}){SP})?(?P<year>{_Y4})(?:{SP}(?:នៃ{SP})?(?P<era2>{_ERA}))?"
)
_DAY_CONN = f"(?:,{SP}(?:និង|នឹង)?|-|–|—|ដល់|រហូតដល់|រហូតទៅដល់|និង|នឹង|ទៅ|ឬ|[{GAP_CHARS}](?={DIGIT}))"
_RANGE_CONN = "(?:-|–|—|ដល់|រហូតដល់|ទៅ)"
#: (a time of day may stand before the next day: ``ថ្ងៃទី២២ និង ព្រឹកថ្ងៃទី២៣``; dmn8)
_DAY_LIST = (f"(?P<days>{_D12}(?:{SP}{_DAY_CONN}{SP}(?:(?:ព្រឹក|ល្ងាច|យប់|រសៀល){SP})?(?:{_DAY_WORD}{SP})?"
             f"(?:ទី{SP})?{_D12})*)")
_MONTH_PART = f"(?:ខែ{SP}(?:(?P<mname>{_MONTH})|(?P<mnum>{_D12}))|(?P<bname>{_MONTH}))"

# day [day list] month [year]: ថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤, ទី០២ និងទី០៣ ខែធ្នូ, ៣ សីហា ២០១៩
_DMY_RE = re.compile(
    f"{_DAY_LIST}{SP}{_MONTH_PART}"
    f"(?:{SP}(?P<yp>{_YEAR_PART}))?"
)
# month [month range] [year]: ខែធ្នូ ឆ្នាំ២០២២, ខែ០៧ ឆ្នាំ២០១៩, ខែមករា-មីនា ឆ្នាំ២០១៩, កក្កដា ២០១៩
# (Each family is a few regexes that each start with a literal or a plain digit class, so that the
# engine skips ahead between candidates; overlapping candidates are resolved by _select.)
_MY_TAIL = f"(?:{SP}{_RANGE_CONN}{SP}(?:ខែ{SP})?(?P<mname2>{_MONTH}))?(?:{SP}(?P<yp>{_YEAR_PART}))?"
_MY_RES = (
    re.compile(f"ខែ{SP}(?:(?P<mname>{_MONTH})|(?P<mnum>{_D12})){_MY_TAIL}"),
    re.compile(f"(?P<bname>{_MONTH})(?={SP}(?:{_YEAR_WORD}|{_ERA}|{DIGIT})){_MY_TAIL}"),
)
# years: ឆ្នាំ២០២២, ឆ្នាំ២០១៩-២០២៣, ព.ស.២៥៦៨, គ.ស. 1999, bare ranges ២០២០-២០២២
_YEAR_RES = (
    re.compile(
        f"{_YEAR_WORD}{SP}(?:(?P<era1>{_ERA}){SP})?(?P<year>{_Y4}|{_Y4_SPACED})"
        # a second year: four digits after -, ដល់, ទៅ, និង; two digits only right after a dash
        # (ឆ្នាំ២០១៩-២០), never before more digits (ឆ្នាំ ២០១៧ ទៅ ៥០ ០០០ នាក់); a list of years, the
        # span of its first and last (ឆ្នាំ២០១៥, ២០១៦ និង២០១៧; dmn15), as a list of days is
        f"(?:(?:{SP},{SP}{DIGIT}{DIGIT}{DIGIT}{DIGIT}{_ND})*{SP}(?:{_RANGE_CONN}|និង){SP}"
        f"(?:{_YEAR_WORD}{SP})?(?P<year2>{DIGIT}{DIGIT}{DIGIT}{DIGIT}){_ND}"  # (ឆ្នាំ ១៩៩៣ ដល់ឆ្នាំ ២០១២: dmn16)
        f"|[-–](?P<year2s>{DIGIT}{DIGIT}){_ND}(?![{GAP_CHARS}]?{DIGIT}))?"
        f"(?:{SP}(?:នៃ{SP})?(?P<era2>{_ERA}))?"
    ),
    re.compile(f"(?P<era0>{_ERA}){SP}(?P<year0>{_Y4})"),
    re.compile(f"(?P<ry1>{_Y4}){SP}[-–—]{SP}(?P<ry2>{_Y4})(?![/.:-]?[0-9\u17e0-\u17e9])"),
)
#: for each of _YEAR_RES, strings one of which every match holds (None: no test); a text with none of
#: them is not scanned (an era is written in one article in fifty, a dash between years in one in four)
_YEAR_RES_NEED = (None, ("ព.", "គ.", "សករាជ"), ("-", "–", "—"))
#: for each of _YEAR_RES, the characters one of which stands next to the digits of every match (blanks
#: skipped), and on which side, for a text whose DigitRuns are known: the end of an era before the year
#: (ព.ស. ពុទ្ធសករាជ), a dash after the first year (None: no test)
_YEAR_RES_RUNS = (None, ("before", ".សជ"), ("after", "-–—"))
#: the last word of an event's name that may take its year (``SEA Games 2023``, ``ស៊ីហ្គេម-២០២៣``)
#: (not ``Championship``: dmn4 leaves the year of ``AFF U-18 Championship 2019`` out)
_EVENT_WORDS = ("Games", "GAMES", "Festival", "FESTIVAL", "Cup", "CUP", "Expo", "EXPO", "Awards", "Summit",
                "Olympics", "ហ្គេម", "អូឡាំពិក")
#: words before an identifier (``លេខ ២០១២/១៣``: a number, no season)
_NUMBER_WORDS = ("លេខ", "ទំព័រ", "No.", "no.", "N°")
_YEAR_EDGE_WORDS = ("ដើម", "ចុង", "ពាក់កណ្ដាល", "ពាក់កណ្តាល")
#: year forms after a word, each with the words one of which the text must hold for it to be scanned,
#: and the words one of which stands right before the year (blanks skipped)
_WORDED_YEAR_RES = (
    # (dmn12) a sports season: រដូវកាល ២០១៨/១៩ or ២០១៨-២០១៩ (the span is the years)
    (("រដូវ",), ("រដូវ", "រដូវកាល", "កាល"),
     re.compile(f"រដូវ(?:{SP}កាល)?{SP}(?P<sy1>{_Y4})[/–-](?P<sy2>{DIGIT}{DIGIT}(?:{DIGIT}{DIGIT})?){_ND}")),
    # (dmn16) a season written bare, its second year the next (``រដូវកាលដំបូង ២០១២/១៣``), and one year
    # after the season word (``រដូវកាល ២០១៩នៃលីគកំពូល``: the span is the year)
    (("/",), ("/",), re.compile(f"(?<![0-9\u17e0-\u17e9/.])(?P<sy1>{_Y4})/(?P<sy2>{DIGIT}{DIGIT}){_ND}(?![/.]?{DIGIT})")),
    (("រដូវ",), ("កាល",), re.compile(f"រដូវ{SP}កាល{SP}(?P<yearb>[12\u17e1\u17e2]{DIGIT}{{3}}){_ND}(?![.,:/–-]?{DIGIT})")),
    # (dmn16) a year of birth (``ឆ្នាំកំណើត ១៩៧៥``: the span is the year) and a year alone in brackets
    # (``Gonzalo Higuain (២០១៩)៖``)
    (("កំណើត",), ("កំណើត",), re.compile(f"កំណើត{SP}(?P<yearb>[12\u17e1\u17e2]{DIGIT}{{3}}){_ND}(?![.,:/–-]?{DIGIT})")),
    # a fiscal, budget or school year (``ឆ្នាំសារពើពន្ធ ២០១៩``, ``ឆ្នាំថវិកា ២០២០``: the span is the year)
    (("សារពើពន្ធ", "ថវិកា", "សិក្សា"), ("ពន្ធ", "ថវិកា", "សិក្សា"),
     re.compile(f"{_YEAR_WORD}(?:សារពើពន្ធ|ថវិកា|សិក្សា){SP}(?P<yearb>[12\u17e1\u17e2]{DIGIT}{{3}}){_ND}(?![.,:/–-]?{DIGIT})")),
    (("(",), ("(",), re.compile(f"\\({SP}(?P<yearb>[12\u17e1\u17e2]{DIGIT}{{3}})(?={SP}\\))")),
    # (dmn21) a period of years in brackets, older or longer than a bare range may be
    # (``Football League (១៨៨៨-១៨៩១)``, ``រយៈពេល១០០ឆ្នាំ (១៨៩២-១៩៩២)``)
    (("(",), ("(",), re.compile(f"\\({SP}(?P<by1>[12\u17e1\u17e2]{DIGIT}{{3}}){SP}[-–—]{SP}"
                                f"(?P<by2>[12\u17e1\u17e2]{DIGIT}{{3}})(?={SP}\\))")),
    # (dmn14, dmn16, dmn23: three labellers) the year of an event named with it (``ASEAN School Games
    # 2019``, ``Fims Festival 2019``, ``ស៊ីហ្គេម-២០២៣``): the span is the year
    (_EVENT_WORDS, _EVENT_WORDS + ("-", "–"),
     re.compile(f"(?:{'|'.join(_EVENT_WORDS)}){SP}[-–]?{SP}(?P<yearb>[12\u17e1\u17e2]{DIGIT}{{3}}){_ND}(?![.,:/–-]?{DIGIT})")),
    # (dmn15, dmn18) the year of a copyright line (``© ២០១៩ រក្សាសិទ្ធិ…``): the labels mark the
    # furniture's mentions too (the seeds' copyright line holds a labelled organization)
    (("©",), ("©",), re.compile(f"©{SP}(?P<yearb>[12\u17e1\u17e2]{DIGIT}{{3}}){_ND}")),
    # (dmn10) a bare year after "the beginning / end / middle of": ដើម២០១៩ (the span is the year)
    (_YEAR_EDGE_WORDS, _YEAR_EDGE_WORDS,
     re.compile(f"(?:{'|'.join(_YEAR_EDGE_WORDS)}){SP}(?P<yearb>[12\u17e1\u17e2]{DIGIT}{{3}}){_ND}(?![.,:/-]?{DIGIT})")),
)
# numeric: 17/07/2024, ២២-០៧-២០១៩, 27.7.2019, 2019-10-23
_NUMERIC_END = "(?![0-9\u17e0-\u17e9]|[/.:-][0-9\u17e0-\u17e9])"
_NUMERIC_RES = (
    re.compile(f"(?P<d>{DIGIT}{DIGIT}?)(?P<sep>[/.-])(?P<m>{DIGIT}{DIGIT}?)(?P=sep)(?P<y>{DIGIT}{DIGIT}{{3}}){_NUMERIC_END}"),
    # (year first: 2019-10-23, and 2019/10/23 or 2019.10.23; with slashes, a month or a day of one digit
    # too: 2019/8/15, session 19)
    re.compile(f"(?P<iy>{DIGIT}{DIGIT}{{3}})(?:(?P<isep>[/.-])(?P<im>{DIGIT}{{2}})(?P=isep)(?P<id>{DIGIT}{{2}})"
               f"|/(?P<im2>{DIGIT}{DIGIT}?)/(?P<id2>{DIGIT}{DIGIT}?)){_NUMERIC_END}"),
)
#: for each of _NUMERIC_RES, the separators one of which every match holds (as _YEAR_RES_NEED)
_NUMERIC_RES_NEED = (("/", ".", "-"), ("/", ".", "-"))
#: and the separator that stands alone between two runs of digits in every match (as _YEAR_RES_RUNS)
_NUMERIC_RES_RUNS = (("between", "/.-"), ("between", "/.-"))
assert len(_YEAR_RES_NEED) == len(_YEAR_RES_RUNS) == len(_YEAR_RES)
assert len(_NUMERIC_RES_NEED) == len(_NUMERIC_RES_RUNS) == len(_NUMERIC_RES)
_EN_MONTH = f"(?:{alternation(ENGLISH_MONTHS)})(?![A-Za-z])"
_ENGLISH_RES = (
    # (an ordinal suffix may follow the day: July 23rd, 2019; 23rd July 2019)
    re.compile(f"(?P<mon>{_EN_MONTH}) (?P<d>[0-9][0-9]?)(?:st|nd|rd|th)?,? (?P<y>[0-9]{{4}}){_ND}"),
    re.compile(f"(?P<d2>[0-9][0-9]?)(?:st|nd|rd|th)?,? (?:of )?(?P<mon2>{_EN_MONTH}),? (?P<y2>[0-9]{{4}}){_ND}"),
    re.compile(f"(?P<mon3>{_EN_MONTH}) (?P<y3>(?:19|20)[0-9]{{2}}){_ND}"),
)


_ENGLISH_MONTH_STEMS = tuple({name[:3] for name in ENGLISH_MONTHS})
#: any of the stems (one search over a text costs less than a substring test per stem)
_ENGLISH_MONTH_STEM_RE = re.compile("|".join(sorted(_ENGLISH_MONTH_STEMS)))
#: what stands before the digits of every English date (blanks skipped): a month name or a comma
_ENGLISH_BEFORE_DIGITS = frozenset(name[-1] for name in ENGLISH_MONTHS) | {","}
#: what stands after the last day of every day-month date (blanks skipped): ខែ or a month name
_MONTH_STARTS = frozenset("ខ") | frozenset(name[0] for name in MONTH_NAMES)


def _matches(regexes, text: str):
    for regex in regexes:
        yield from regex.finditer(text)


def _needed(regexes, needs, text: str, runs: DigitRuns | None = None, run_needs: tuple = ()) -> tuple:
    """The regexes whose needed strings (see _YEAR_RES_NEED) the text holds and, when the text's
    DigitRuns are given, whose needed characters stand next to its digits (see _YEAR_RES_RUNS), in
    their order."""
    kept = []
    for i, (regex, need) in enumerate(zip(regexes, needs)):
        if runs is not None and run_needs[i] is not None:
            side, chars = run_needs[i]
            if getattr(runs, side).isdisjoint(chars):
                continue  # (a few set lookups: cheaper than the substring tests below)
        if need is None or any(word in text for word in need):
            kept.append(regex)
    return tuple(kept)


def _g(m: re.Match, name: str) -> str | None:
    """A named group that this regex of a family may not have."""
    return m.group(name) if name in m.re.groupindex else None  # (groupdict() builds a dict per call)


# a day without month: only with a relative word after it (ថ្ងៃទី២៦ នេះ, ថ្ងៃទី២១ កន្លងទៅ,
# ថ្ងៃទី២៧ ខែឆ្នាំដដែល "the 27th of the same month and year": dmn9),
# after a weekday, or when impossible (ថ្ងៃទី៣២ is reported)
_DAY_ONLY_RE = re.compile(
    f"{_DAY_WORD}{SP}ទី{SP}(?P<day>{DIGIT}{{1,3}}){_ND}"
    f"(?P<rel>{SP}(?:នេះ|កន្លងទៅ|កន្លងមក|ខាងមុខ|ខែនេះ|ខែមុន|ខែក្រោយ|ដដែល|ខែ{SP}(?:ឆ្នាំ{SP})?ដដែល))?"
)
#: ថ្ងៃទី / ទី written before a day number (looked for backwards from the digits, so that the scans
#: start with a digit)
_PFX_BEFORE_RE = re.compile(f"(?:(?:{_DAY_WORD}{SP})?ទី|(?<![0-9\u17e0-\u17e9]){_DAY_WORD}){SP}$")
#: a day and month right after ផ្លូវ is a street name (ផ្លូវ២ធ្នូ), not a date
_STREET_BEFORE_RE = re.compile(f"(?:ផ្លូវ|វិថី|មហាវិថី){SP}$")
_WEEKDAY_BEFORE_RE = re.compile(
    f"{_DAY_WORD}?{SP}(?P<wd>{alternation(WEEKDAY_NAMES)}){SP}(?:{_DAY_WORD}{SP})?$"
)
#: a day named by its date (``ទិវាមច្ឆជាតិ ១ កក្កដា``, National Fish Day, 1 July; dmn17): the date is one
#: (a place or a firm named so, ``ស្ពានអាកាស៧មករា``, is not)
_HOLIDAY_BEFORE_RE = re.compile("ទិវា[^\n។]{0,24}$")
#: (session 20) words that open a date, not a place: ``ចាប់ពី ១ មេសា តទៅ`` is "from 1 April on"
_FROM_WORDS = ("ចាប់ពី", "ចាប់តាំងពី", "កាលពី", "គិតត្រឹម")
#: (``មកដល់``, ``រហូតមកដល់``, ``ទល់``: "up to", as ដល់; dmn6)
_JOIN_RE = re.compile(f"{SP}(?:{_RANGE_CONN}|និង|(?:រហូត)?មកដល់|(?:មក)?ទល់|ពី){SP}$")


# The scanners above start with a literal or a digit, never with a look-behind (a look-behind tried at
# every position of a long text is what makes a scan slow); what must not stand before a match is
# checked here, on the few matches.


def _prev(text: str, start: int, back: int = 1) -> str:
    """The character ``back`` places before ``start``, or NUL at the start of the text (never "",
    which would be 'in' every string)."""
    return text[start - back] if start >= back else "\0"


def _free_number_start(text: str, start: int, also: str = "") -> bool:
    """Not glued to a digit, a Latin letter, '/', ':', '-' (nor a decimal mark after a digit)."""
    p = _prev(text, start)
    if p in DIGIT_CHARS or (p.isascii() and p.isalpha()) or p in "/:-" + also:
        return False
    if p in ".," and _prev(text, start, 2) in DIGIT_CHARS:
        return False
    return True


def _ends_before(text: str, at: int, words: str | tuple[str, ...], back: int) -> bool:
    """One of ``words`` stands right before ``at``, blanks skipped, within ``back`` characters (a
    bounded look back, so that a long text stays linear)."""
    return text[max(0, at - back):at].rstrip(GAP_CHARS).endswith(words)


#: periods counted with ``ទី`` before a month: ``សប្តាហ៍ទី៣ខែកក្កដា`` is a week, not the 3rd
_PERIOD_WORDS = ("សប្តាហ៍", "សប្ដាហ៍", "សប្តាហ", "ត្រីមាស", "ឆមាស")


def _prefix_start(text: str, start: int) -> int | None:
    """Where ថ្ងៃទី/ទី starts when it is written just before the day number at ``start``."""
    window = text[max(0, start - 8):start]
    if "ទី" not in window and "ថ្ង" not in window and "ថៃ" not in window:
        return None
    m = _PFX_BEFORE_RE.search(text, max(0, start - 24), start)
    return m.start() if m else None


def _after_khmer_word(text: str, start: int) -> bool:
    """The last visible character before ``start`` (blanks and zero-width spaces skipped) is Khmer."""
    i = start
    while i > 0 and text[i - 1] in GAP_CHARS:
        i -= 1
    return i > 0 and "\u1780" <= text[i - 1] <= "\u17d3"


def _free_year_word(text: str, start: int) -> bool:
    """ឆ្នាំ not glued to a count (៥ឆ្នាំ is a duration), except after an ordinal (ឆមាសទី២ឆ្នាំ២០១៩)."""
    if _prev(text, start) not in DIGIT_CHARS:
        return True
    i = start
    while i > 0 and text[i - 1] in DIGIT_CHARS:
        i -= 1
    return text.endswith("ទី", 0, i)


def _free_month_word(text: str, start: int) -> bool:
    """ខែ not after a count (៣ខែ, ៣ ខែ are durations), except after an ordinal (សប្តាហ៍ទី៣ខែកក្កដា)."""
    i = start
    while i > 0 and text[i - 1] in GAP_CHARS:
        i -= 1
    if start - i >= 2 or i == 0 or text[i - 1] not in DIGIT_CHARS:
        return True  # (two blanks or more: no count before it)
    while i > 0 and text[i - 1] in DIGIT_CHARS:
        i -= 1
    return _ends_before(text, i, "ទី", 8)


# --- values -----------------------------------------------------------------------------------
def _num(s: str) -> int:
    return int(to_latin_digits(s).replace(" ", "").replace("\u00a0", "").replace("\u200b", ""))


def _counted_after(text: str, end: int) -> bool:
    """A classifier or unit follows (ឆ្នាំ ២ ០០០ នាក់): the digits count something, they are no year."""
    return UNIT_AFTER_RE.match(text, end) is not None


def _era_of(*eras: str | None) -> str | None:
    for era in eras:
        if era:
            return "BE" if era.startswith(("ព", "ពុ")) else "CE"
    return None


def _ce_year(year: int, era: str | None, month: int | None = None,
             day: int | None = None) -> tuple[int | None, str | None]:
    """Gregorian year of a written year; Buddhist-era years (marked, or 2300-2800) are converted.

    Cambodia's BE year changes the day after Visak Bochea (April-May): before it, CE = BE - 543;
    after it, CE = BE - 544. With a day and month the exact Visak Bochea comes from
    :func:`sastra.extract.lunar.visak_bochea`; without it (or without the day) January-May -> -543 and
    June-December -> -544.
    """
    if era == "BE" or (era is None and 2300 <= year <= 2800):
        if month is None:
            return None, "BE"
        if day is not None:
            # BE year B runs from the day after Visak Bochea of B-544 to Visak Bochea of B-543
            first, last = _visak(year - 544), _visak(year - 543)
            if first is not None and (month, day) > (first.month, first.day):
                return year - 544, "BE"
            if last is not None and (month, day) <= (last.month, last.day):
                return year - 543, "BE"
        return (year - 543 if month <= 5 else year - 544), "BE"
    if 1000 <= year <= 2200 or (era == "CE" and 1 <= year <= 9999):
        return year, era
    return None, era


def _visak(year: int) -> datetime.date | None:
    """Visak Bochea of a Gregorian year from the lunar calendar module, or None when unavailable."""
    try:
        from sastra.extract.lunar import visak_bochea

        return visak_bochea(year)
    except Exception:  # noqa: BLE001 - module absent or year out of its range: fall back
        return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


class _Invalid(Exception):
    pass


def _check_day(day: int, month: int | None, year: int | None) -> None:
    if not 1 <= day <= 31:
        raise _Invalid(f"day {day} does not exist")
    if month is not None and not 1 <= month <= 12:
        raise _Invalid(f"month {month} does not exist")
    if month is not None:
        last = _last_day(year if year is not None else 2000, month)  # 2000: 29 Feb allowed w/o year
        if day > last:
            raise _Invalid(f"day {day} does not exist in {calendar.month_name[month]}"
                           + (f" {year}" if year is not None else ""))


def _infer_year(month: int, day: int, ref: datetime.date) -> int:
    """The year that puts month/day nearest to the reference date."""
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = datetime.date(y, month, min(day, _last_day(y, month)))
        except ValueError:  # pragma: no cover
            continue
        dist = abs((d - ref).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1]  # type: ignore[index]


@dataclass(frozen=True, slots=True)
class _Parts:
    """What a simple date mention says: days (1 or more), month(s), year(s); None when unwritten."""

    days: tuple[int, ...] = ()
    month: int | None = None
    month2: int | None = None
    year: int | None = None
    year2: int | None = None
    era: str | None = None
    written_year: int | None = None
    coordinated: bool = False  # និង lists rather than ranges


def _value_of(p: _Parts, ref: datetime.date | None) -> tuple[DateValue | None, dict]:
    """The DateValue of parsed parts, and attrs (precision, partial, era, invalid/reason)."""
    attrs: dict[str, object] = {}
    if p.era:
        attrs["era"] = p.era
    if p.written_year is not None and p.written_year != p.year:
        attrs["written_year"] = p.written_year
    year = p.year
    if p.days:
        precision = "day"
    elif p.month is not None:
        precision = "month"
    else:
        precision = "year"
    attrs["precision"] = precision
    if any(y is not None and not datetime.MINYEAR + 1 <= y <= datetime.MAXYEAR - 1 for y in (year, p.year2)):
        # (``ព.ស.០០០០`` is year -543: reported, never a crash)
        attrs.update(invalid=True, reason=f"year {year if year is not None else p.year2} out of range")
        return None, attrs
    try:
        if precision == "day":
            for d in p.days:
                _check_day(d, p.month, year)
        elif p.month is not None and not 1 <= p.month <= 12:
            raise _Invalid(f"month {p.month} does not exist")
        if p.month2 is not None and not 1 <= p.month2 <= 12:
            raise _Invalid(f"month {p.month2} does not exist")
    except _Invalid as err:
        attrs["invalid"] = True
        attrs["reason"] = str(err)
        return None, attrs
    if precision != "year" and year is None:
        # no year written: a partial, never a guessed year (unless a reference date is given)
        if precision == "day":
            partial = f"--{p.month:02d}-{p.days[0]:02d}" if p.month else f"---{p.days[0]:02d}"
            if len(p.days) > 1:
                partial += "/" + (f"--{p.month:02d}-{p.days[-1]:02d}" if p.month else f"---{p.days[-1]:02d}")
        else:
            partial = f"--{p.month:02d}" + (f"/--{p.month2:02d}" if p.month2 else "")
        attrs["partial"] = partial
        if ref is None or p.month is None:
            return DateValue(partial, None, None, precision), attrs
        year = _infer_year(p.month, p.days[0] if p.days else 15, ref)
        attrs["year_inferred"] = True
        try:
            for d in p.days:
                _check_day(d, p.month, year)
        except _Invalid as err:
            attrs.update(invalid=True, reason=str(err))
            return None, attrs
    if precision == "year":
        y2 = p.year2 if p.year2 is not None else year
        if year is None or y2 is None:
            attrs.update(invalid=True, reason="year out of range")
            return None, attrs
        iso = f"{year}" if y2 == year else f"{year}/{y2}"
        return DateValue(iso, datetime.date(year, 1, 1), datetime.date(y2, 12, 31), "year"), attrs
    if precision == "month":
        m2 = p.month2 if p.month2 is not None else p.month
        y_start = year - 1 if (p.month2 is not None and p.month2 < p.month) else year
        start = datetime.date(y_start, p.month, 1)
        end = datetime.date(year, m2, _last_day(year, m2))
        iso = f"{y_start}-{p.month:02d}" if m2 == p.month and y_start == year else (
            f"{y_start}-{p.month:02d}/{year}-{m2:02d}")
        return DateValue(iso, start, end, "month"), attrs
    days = [datetime.date(year, p.month, d) for d in p.days]  # type: ignore[arg-type]
    start, end = days[0], days[-1]
    if len(days) > 1:
        if end < start:
            attrs.update(invalid=True, reason="range ends before it starts")
            return None, attrs
        if p.coordinated:
            attrs["dates"] = tuple(d.isoformat() for d in days)
        return DateValue(f"{start.isoformat()}/{end.isoformat()}", start, end, "day"), attrs
    return DateValue(start.isoformat(), start, start, "day"), attrs


# --- finders ----------------------------------------------------------------------------------
_SPLIT_DAYS_RE = re.compile(_D12)  # (the days of a list, as the day-list pattern read them)
_BLANK_LIST_RE = re.compile(f"{DIGIT}[{GAP_CHARS}]+{DIGIT}")


def _year_from_part(m: re.Match, month: int | None,
                    day: int | None = None) -> tuple[int | None, int | None, str | None, bool]:
    """(CE year, written year, era, ok) from the named groups of a year part."""
    if m.group("year") is None:
        return None, None, None, True
    written = _num(m.group("year"))
    era = _era_of(m.group("era1"), m.group("era2"))
    year, era = _ce_year(written, era, month, day)
    return year, written, era, year is not None


def _dmy(text: str, runs: DigitRuns | None = None) -> list[tuple[int, int, str, _Parts | None, str]]:
    out: list[tuple[int, int, str, _Parts | None, str]] = []
    for m in _day_month_matches(text, runs):
        pfx = _prefix_start(text, m.start())
        if pfx is None and not _free_number_start(text, m.start()):
            continue
        if pfx is not None and text.startswith("ទី", pfx) and _ends_before(text, pfx, _PERIOD_WORDS, 16):
            continue  # ``សប្តាហ៍ទី៣ខែកក្កដា``: the third week of July, no day (the month stays a date; dmn15)
        if pfx is None and _STREET_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
            continue
        mname, mnum, bname = m.group("mname"), m.group("mnum"), m.group("bname")
        if (bname is not None and pfx is None and m.group("yp") is None
                and "\u1780" <= text[m.end():m.end() + 1] <= "\u17b3" and not text.startswith("នេះ", m.end())):
            continue  # the month name runs on into a word: a name (ក្រុមហ៊ុន «៧មករាផារី»)
        if (bname is not None and pfx is None and m.group("yp") is None
                and _after_khmer_word(text, m.start())
                and not _WEEKDAY_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())
                and not _HOLIDAY_BEFORE_RE.search(text, max(0, m.start() - 32), m.start())
                and not _ends_before(text, m.start(), _FROM_WORDS, 16)):
            # "៧មករា" after a word, with neither ថ្ងៃទី, ខែ nor a year, is a name in news (ខណ្ឌ៧មករា,
            # ស្ពានអាកាស៧មករា, ភូមិ១ឧសភា, អាងទឹក៣០កញ្ញា); after a weekday (ថ្ងៃពុធ២៦កក្កដា) or at the
            # start of a line or after punctuation it is a date, and so after "from" (ចាប់ពី ១ មេសា)
            continue
        if mnum is not None and pfx is None and m.group("yp") is None:
            # "២ខែ ៣" is a duration; a numeric month needs ថ្ងៃទី or a year to be a date
            after = text[m.end():m.end() + 3]
            if after.strip(GAP_CHARS)[:1] and "\u1780" <= after.strip(GAP_CHARS)[:1] <= "\u17b3":
                continue
        month = _month_number(mname or bname) if (mname or bname) else _num(mnum)
        days_text = m.group("days")
        days = tuple(_num(x) for x in _SPLIT_DAYS_RE.findall(days_text))
        year, written, era, ok = _year_from_part(m, month, days[0])
        if not ok:
            # a year part that is not a year (e.g. 4 digits out of range): keep the day-month only
            end = m.start("yp")
            span_text = text[m.start():end].rstrip(GAP_CHARS)
            end = m.start() + len(span_text)
            year, written, era = None, None, None
        else:
            end = m.end()
        broken = None
        if m.group("yp") is None:
            broken = _BROKEN_YEAR_RE.match(text, end)
            if broken is not None:
                end = broken.end()  # (dmn9) ``ឆ្នាំ២០៩``: a year typed short stays in the span, no year is guessed
        coordinated = "និង" in days_text or "," in days_text or "នឹង" in days_text
        if len(days) > 1 and not coordinated and _BLANK_LIST_RE.search(days_text):
            coordinated = True  # ថ្ងៃទី១៩ ២០ និង២៤: a list written with blanks
        start = m.start() if pfx is None else pfx
        if pfx is not None and len(days) == 1 and "ឈានចូល" in text[max(0, pfx - 24):pfx]:
            night = _INTO_THE_DAY_RE.search(text, max(0, pfx - 24), pfx)
            if night is not None and _num(night.group("d")) + 1 == days[0]:  # (the night into the next day)
                start, days = night.start(), (_num(night.group("d")),) + days
        parts = _Parts(days=days, month=month, year=year, era=era, written_year=written,
                       coordinated=coordinated)
        rule = "date.day_month_year" if year is not None else "date.day_month"
        if len(days) > 1:
            rule += ".list" if coordinated else ".range"
        out.append((start, end, rule, parts, "" if broken is None else _BROKEN_YEAR))
    return out


def _day_month_matches(text: str, runs: DigitRuns | None) -> Iterator[re.Match]:
    """``_DMY_RE.finditer(text)``; with the text's DigitRuns, the regex is tried only where a match can
    start: at the last one or two digits of a run (a day is ``{DIGIT}{DIGIT}?`` and no digit after)."""
    if runs is None:
        yield from _DMY_RE.finditer(text)
        return
    if runs.after.isdisjoint(_MONTH_STARTS):
        return  # no digits before ខែ or a month name
    resume = 0  # (as finditer: a match starts at or after the end of the previous one)
    for start, end in zip(runs.starts, runs.ends):
        for at in (end - 2, end - 1):
            if at >= start and at >= resume:
                m = _DMY_RE.match(text, at)
                if m is not None:
                    yield m
                    resume = m.end()


#: (session 20) the day before "into" a dated day: ``យប់ថ្ងៃទី១៣ ឈានចូលថ្ងៃទី១៤ ខែធ្នូ``, the night of the
#: 13th into the 14th, one span from the first ថ្ងៃទី (an hour before ឈានចូល is no day: ``ម៉ោង២ឈានចូល…``)
_INTO_THE_DAY_RE = re.compile(f"{_DAY_WORD}{SP}ទី{SP}(?P<d>{_D12}){SP}ឈានចូល(?:ដល់)?{SP}$")
#: a year after a day and month typed with three digits (``ថ្ងៃទី២៧ ខែកក្កដា ឆ្នាំ២០៩``)
_BROKEN_YEAR_RE = re.compile(f"{SP}{_YEAR_WORD}{SP}{DIGIT}{{3}}{_ND}")
_BROKEN_YEAR = "the year is written with three digits"


_MONTH_NAME_LIST = tuple(MONTH_NAMES)
_MONTH_NAME_LAST = frozenset(name[-1] for name in MONTH_NAMES)
_YEAR_WORDS = ("ឆ្នាំ", "ឆ្នំា")
_ERA_MARKS = ("ព.", "គ.")


def _month_year_matches(text: str, runs: DigitRuns | None) -> Iterator[re.Match]:
    """``_MY_RES[1].finditer(text)`` (a month name before a year: ``កក្កដា ២០១៩``). With the text's
    DigitRuns, the regex is tried only where a month name ends right before (blanks skipped) what its
    look-ahead needs: a run of digits or ឆ្នាំ (texts with an era, ព.ស., get the full scan)."""
    regex = _MY_RES[1]
    if runs is None or "សករាជ" in text or ("." in text and any(mark in text for mark in _ERA_MARKS)):
        yield from regex.finditer(text)
        return
    name_ends = set(runs.gap_starts)
    for word in _YEAR_WORDS:
        at = text.find(word)
        while at >= 0:
            end = at
            while end and text[end - 1] in GAP_CHARS:
                end -= 1
            name_ends.add(end)
            at = text.find(word, at + 1)
    starts = sorted({start for end in name_ends if end and text[end - 1] in _MONTH_NAME_LAST
                     for start in _month_name_starts(text, end)})
    resume = 0  # (as finditer: a match starts at or after the end of the previous one)
    for start in starts:
        if start >= resume:
            m = regex.match(text, start)
            if m is not None:
                yield m
                resume = m.end()


def _month_name_starts(text: str, end: int) -> list[int]:
    """Where the month names that end at ``end`` start (a zero-width space may stand between the
    clusters of one, as _MONTH allows)."""
    window = text[max(0, end - 24):end]  # (a name and the zero-width spaces _MONTH lets into it)
    plain = window.replace("\u200b", "")
    if not plain.endswith(_MONTH_NAME_LIST):
        return []
    starts = []
    for name in _MONTH_NAME_LIST:
        if plain.endswith(name):
            start, left = end, len(name)
            while left:
                start -= 1
                if text[start] != "\u200b":
                    left -= 1
            starts.append(start)
    return starts


#: (session 19) ``មិនហួសពីខែ៩ទេ`` ("not later than month 9"): ខែ and a month number with no year are a
#: month when glued, after a word that places it in time, and followed by no unit or amount; not
#: ``ប្រាក់ខែ១០ម៉ឺនរៀល`` (a salary), ``៣ខែ៩ថ្ងៃ`` (a duration), ``រាល់ខែ`` (every month)
_LONE_MONTH_BEFORE = ("ពី", "ដល់", "ក្នុង", "នៅ", "ត្រឹម", "មុន", "ក្រោយ", "ចុង", "ដើម", "កណ្តាល", "កណ្ដាល", "ឬ", "និង")
_LONE_MONTH_AFTER_RE = re.compile(f"{SP}(?:{DIGIT}|[.,/:-]|រយ|ពាន់|ម៉ឺន|សែន|លាន|ដុល្លា|រៀល|៛|បាត|ថ្ងៃ|ដង|នាក់|ភាគរយ|%|គីឡូ|ខែ|ឆ្នាំ)")


def _lone_numeric_month(text: str, start: int, end: int) -> bool:
    """Whether ``ខែ`` + a month number at ``start:end``, with no year, names a month (see above)."""
    return text[start + 2:start + 3] not in GAP_CHARS and \
        _ends_before(text, start, _LONE_MONTH_BEFORE, 12) and \
        _LONE_MONTH_AFTER_RE.match(text, end) is None and 1 <= _num(text[start + 2:end].strip(GAP_CHARS)) <= 12


#: a bare month name after ``ខែ`` + a month and ``ឬ`` ("or") or ``និង`` ("and"): a month of its own,
#: which ``_join`` makes one pair with the first after ``និង`` (``ខែមករា និងកុម្ភៈ ឆ្នាំ២០១៩``). With no
#: year after it, ``និងកញ្ញា`` is "and Miss" before a name as often as "and September": left alone.
_SECOND_MONTH_RE = re.compile(f"ខែ{SP}{_MONTH}{SP}(?P<conn>ឬ|និង){SP}(?P<bare>{_MONTH})(?![\u1780-\u17b3])")
_MISS = 9  # (កញ្ញា)
#: (session 20) a first bare month name and a range mark right before a bare month and its year:
#: ``(មករា-មិថុនា ២០២៤)`` is January to June 2024 (the scan finds the second month only, before the year)
_FIRST_BARE_MONTH_RE = re.compile(f"(?P<first>{_MONTH}){SP}{_RANGE_CONN}{SP}$")


def _my(text: str, runs: DigitRuns | None = None) -> list:
    out = []
    for m in itertools.chain(_MY_RES[0].finditer(text), _month_year_matches(text, runs)):
        g = m.groupdict()  # (one dict per match: cheaper than a lookup per group)
        mname, mnum, bname = g.get("mname"), g.get("mnum"), g.get("bname")
        if bname is None and not _free_month_word(text, m.start()):
            continue
        if bname is not None and "\u1780" <= _prev(text, m.start()) <= "\u17d3":
            continue  # a month name inside a longer word (បវរកញ្ញា)
        if mnum is not None and g.get("yp") is None and not _lone_numeric_month(text, m.start(), m.end()):
            continue  # ខែ៩ alone is a month only where nothing makes it a salary, a count or a duration
        month = _month_number(mname or bname) if (mname or bname) else _num(mnum)
        month2 = _month_number(g.get("mname2")) if g.get("mname2") else None
        year, written, era, ok = _year_from_part(m, month)
        end = m.end()
        if not ok:
            end = m.start("yp")
            end = m.start() + len(text[m.start():end].rstrip(GAP_CHARS))
            year, written, era = None, None, None
            if bname is not None:
                continue
        start = m.start()
        if bname is not None and month2 is None:
            first = _FIRST_BARE_MONTH_RE.search(text, max(0, start - 24), start)
            before = _prev(text, first.start()) if first is not None else "\0"
            if first is not None and not "\u1780" <= before <= "\u17d3" and before not in DIGIT_CHARS:
                month, month2, start = _month_number(first.group("first")), month, first.start()  # (not ៧មករា)
        parts = _Parts(month=month, month2=month2, year=year, era=era, written_year=written)
        rule = "date.month_year" if year is not None else "date.month"
        if month2 is not None:
            rule += ".range"
        out.append((start, end, rule, parts, ""))
    if "ឬ" in text or "និង" in text:  # ``ខែសីហា ឬកញ្ញា``: "August or September", two months
        for m in _SECOND_MONTH_RE.finditer(text):
            month = _month_number(m.group("bare"))
            with_year = _MY_RES[1].match(text, m.start("bare"))
            if with_year is not None:  # ``ឬកញ្ញា ឆ្នាំ២០១៩``
                year, written, era, ok = _year_from_part(with_year, month)
                if ok:
                    out.append((with_year.start(), with_year.end(), "date.month_year",
                                _Parts(month=month, year=year, era=era, written_year=written), ""))
                    continue
            if month == _MISS and m.group("conn") == "និង":
                continue
            out.append((m.start("bare"), m.end("bare"), "date.month", _Parts(month=month), ""))
    return out


def _years(text: str, runs: DigitRuns | None = None) -> list:
    out = []
    regexes = _needed(_YEAR_RES, _YEAR_RES_NEED, text, runs, _YEAR_RES_RUNS) + tuple(
        regex for words, words_before, regex in _WORDED_YEAR_RES
        if (runs.preceded_by(words_before) if runs is not None else any(word in text for word in words)))
    for m in _matches(regexes, text):
        g = m.groupdict()  # (one dict per match: cheaper than a lookup per group)
        if g.get("year") is not None and not _free_year_word(text, m.start()):
            continue
        if g.get("ry1") is not None and not _free_number_start(text, m.start(), "."):
            continue
        if g.get("ry1") is not None:
            y1, y2 = _num(g.get("ry1")), _num(g.get("ry2"))
            if not (1900 <= y1 < y2 <= 2100 and y2 - y1 <= 50):
                continue
            out.append((m.start(), m.end(), "date.year_range", _Parts(year=y1, year2=y2), ""))
            continue
        if g.get("by1") is not None:
            y1, y2 = _num(g.get("by1")), _num(g.get("by2"))
            if 1500 <= y1 < y2 <= 2100 and y2 - y1 <= 150:
                out.append((m.start("by1"), m.end(), "date.year_range", _Parts(year=y1, year2=y2), ""))
            continue
        if g.get("sy1") is not None:
            y1, raw2 = _num(g.get("sy1")), g.get("sy2")
            y2 = y1 // 100 * 100 + _num(raw2) if len(raw2) == 2 else _num(raw2)
            if 1900 <= y1 and y2 == y1 + 1 and not _ends_before(text, m.start("sy1"), _NUMBER_WORDS, 16):
                out.append((m.start("sy1"), m.end(), "date.season", _Parts(year=y1, year2=y2), ""))
            continue
        if g.get("yearb") is not None:
            written = _num(g.get("yearb"))
            bracket = text.startswith(")", m.end())
            if 1900 <= written <= 2100 and not (bracket and _counted_after(text, m.end() + 1)):
                # (``(២០០០) នាក់``: a count in brackets)
                out.append((m.start("yearb"), m.end(), "date.year", _Parts(year=written, written_year=written), ""))
            continue
        if g.get("year0") is not None:
            written = _num(g.get("year0"))
            era = _era_of(g.get("era0"))
        else:
            written = _num(g.get("year"))
            era = _era_of(g.get("era1"), g.get("era2"))
            if len(g.get("year")) == 5 and (not 1900 <= written <= 2100 or _counted_after(text, m.end("year"))):
                continue  # a spaced number after ឆ្នាំ that is no year
        end = m.end()
        if era == "BE" or (era is None and 2300 <= written <= 2800):
            # a Buddhist-era year alone spans two Gregorian years (the BE year starts after Visak)
            if not 2300 <= written <= 2800:
                continue
            parts = _Parts(year=written - 544, year2=written - 543, era="BE", written_year=written)
            out.append((m.start(), end, "date.be_year", parts, ""))
            continue
        if not 1000 <= written <= 2200:
            continue
        y2 = None
        rule = "date.year"
        if g.get("year2") is not None or g.get("year2s") is not None:
            raw2 = g.get("year2") or g.get("year2s")
            y2 = _num(raw2)
            if len(raw2) == 2:
                y2 = written // 100 * 100 + y2
            # (session 20) a second year with its own ឆ្នាំ is a range up to 150 years long (ពីឆ្នាំ១៨៦៣
            # ដល់ឆ្នាំ១៩៥៣, the protectorate), else up to 50
            own_word = g.get("year2") is not None and _own_year_word(text, m.start("year2"))
            if not (written < y2 <= written + (150 if own_word else 50)):
                # not a year range (e.g. ឆ្នាំ២០១៩-២០): keep the first year only, and a second year
                # written with its own ឆ្នាំ as a year of its own
                y2 = None
                end = m.start("year") + len(g.get("year"))
                if own_word and 1000 <= _num(raw2) <= 2200:
                    second = _Parts(year=_num(raw2), written_year=_num(raw2))
                    out.append((own_word, m.end("year2"), "date.year", second, ""))
            else:
                rule = "date.year_range"
        parts = _Parts(year=written, year2=y2, era=era, written_year=written)
        out.append((m.start(), end, rule, parts, ""))
    return out


def _own_year_word(text: str, year_at: int) -> int:
    """Where the ឆ្នាំ written right before the year at ``year_at`` starts (blanks skipped), or 0."""
    before = text[max(0, year_at - 8):year_at].rstrip(GAP_CHARS)
    for word in _YEAR_WORDS:
        if before.endswith(word):
            return max(0, year_at - 8) + len(before) - len(word)
    return 0


def _numeric(text: str, runs: DigitRuns | None = None) -> list:
    out = []
    for m in _matches(_needed(_NUMERIC_RES, _NUMERIC_RES_NEED, text, runs, _NUMERIC_RES_RUNS), text):
        if not _free_number_start(text, m.start(), "."):
            continue
        pfx = _prefix_start(text, m.start())
        if _g(m, "iy") is not None:
            y = _num(_g(m, "iy"))
            mo, d = (_num(_g(m, "im")), _num(_g(m, "id"))) if _g(m, "im") is not None else \
                (_num(_g(m, "im2")), _num(_g(m, "id2")))
            rule = "date.iso"
        else:
            d, mo, y = _num(_g(m, "d")), _num(_g(m, "m")), _num(_g(m, "y"))
            rule = "date.numeric"
            if mo > 12 and d <= 12:
                d, mo = mo, d  # 07/17/2024: month first
                rule = "date.numeric.mdy"
        year, era = _ce_year(y, None, mo, d)
        if year is None:
            continue
        parts = _Parts(days=(d,), month=mo, year=year, era=era, written_year=y)
        out.append((m.start() if pfx is None else pfx, m.end(), rule, parts, ""))
    return out


def _english(text: str) -> list:
    out = []
    for m in _matches(_ENGLISH_RES, text):
        p = _prev(text, m.start())
        if p.isascii() and (p.isalpha() or (_g(m, "d2") is not None and p.isdigit())):
            continue
        if _g(m, "mon") is not None:
            mon, d, y = _g(m, "mon"), int(_g(m, "d")), int(_g(m, "y"))
        elif _g(m, "mon2") is not None:
            mon, d, y = _g(m, "mon2"), int(_g(m, "d2")), int(_g(m, "y2"))
        else:
            mon, y = _g(m, "mon3"), int(_g(m, "y3"))
            if mon in ("May", "Mar"):  # Theresa May 2019 ...: too ambiguous alone
                continue
            out.append((m.start(), m.end(), "date.english", _Parts(month=ENGLISH_MONTHS[mon], year=y), ""))
            continue
        if not 1000 <= y <= 2200:
            continue
        out.append((m.start(), m.end(), "date.english",
                    _Parts(days=(d,), month=ENGLISH_MONTHS[mon], year=y), ""))
    return out


def _day_only(text: str) -> list:
    out = []
    for m in _DAY_ONLY_RE.finditer(text):
        day = _num(m.group("day"))
        weekday_before = _WEEKDAY_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())
        if not (m.group("rel") or weekday_before or day > 31 or day == 0):
            continue
        end = m.end("day")
        out.append((m.start(), end, "date.day", _Parts(days=(day,)), ""))
    return out


def _select(cands: list) -> list:
    """Outer mention wins: longest first, then earliest; no overlaps.

    The spans taken are kept sorted: as they do not overlap, their ends are in order too, so of those
    that start before a candidate ends, the last is the only one that can reach past its start (testing
    every span taken made a long text quadratic: 7 M characters, 2 minutes)."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in cands:
        s, e = c[0], c[1]
        before = bisect.bisect_left(taken, (e, -1))  # the spans that start before e
        if before and taken[before - 1][1] > s:
            continue
        bisect.insort(taken, (s, e))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _complete(p: _Parts) -> int:
    """How much a date says: 3 = year written, 2 = month, 1 = day only."""
    if p.year is not None:
        return 3
    if p.month is not None:
        return 2
    return 1


def _join(text: str, chosen: list) -> list:
    """Join "A ដល់ B" when A leaves out what B says (ថ្ងៃទី២៨ ខែមិថុនា ដល់ថ្ងៃទី៣ ខែកក្កដា ឆ្នាំ២០១៩).

    Two complete dates stay two mentions (``១ មករា ២០០៤ - ១ មករា ឆ្នាំ ២០២៤``); two with a month and no
    year are one range whose partial value says both (``ថ្ងៃទី២៧ខែកក្កដា ដល់ថ្ងៃទី២ខែសីហា``:
    ``--07-27/--08-02``; dmn15).
    """
    out: list = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        if i + 1 < len(chosen):
            b = chosen[i + 1]
            pa, pb = a[3], b[3]
            gap = text[a[1]:b[0]]
            if (
                pa is not None and pb is not None and len(gap) <= 16 and _JOIN_RE.match(gap)
                and "\n" not in gap
                and (_complete(pa) < _complete(pb) or _complete(pa) == _complete(pb) == 2)
                and bool(pa.days) == bool(pb.days)
                and not pa.month2 and not pb.month2 and len(pa.days) <= 1 and len(pb.days) <= 1
            ):
                month = pa.month if pa.month is not None else pb.month
                year = pb.year
                if year is not None and month is not None and pb.month is not None and month > pb.month:
                    year_a = year - 1
                else:
                    year_a = year
                coordinated = "និង" in gap
                joined = _Parts(days=pa.days + pb.days, month=month, month2=pb.month,
                                year=year_a, year2=pb.year, era=pb.era, coordinated=coordinated)
                out.append((a[0], b[1], "date.joined_range", joined, ""))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _value_of_joined(p: _Parts, ref) -> tuple[DateValue | None, dict]:
    """Value of a cross-month/cross-year range made by :func:`_join`."""
    if p.month2 is None or (p.month2 == p.month and p.year == p.year2):
        return _value_of(_Parts(days=p.days, month=p.month, year=p.year, era=p.era,
                                coordinated=p.coordinated), ref)
    if p.days:
        a, aa = _value_of(_Parts(days=p.days[:1], month=p.month, year=p.year, era=p.era), ref)
        b, ba = _value_of(_Parts(days=p.days[1:], month=p.month2, year=p.year2, era=p.era), ref)
    else:
        a, aa = _value_of(_Parts(month=p.month, year=p.year, era=p.era), ref)
        b, ba = _value_of(_Parts(month=p.month2, year=p.year2, era=p.era), ref)
    attrs = dict(ba)
    if a is None or b is None:
        bad = aa if a is None else ba
        attrs.update(invalid=True, reason=bad.get("reason", "invalid part"))
        return None, attrs
    if a.start is None or b.start is None:
        attrs["partial"] = f"{a.iso}/{b.iso}"
        return DateValue(f"{a.iso}/{b.iso}", None, None, b.precision), attrs
    if b.end < a.start:
        attrs.update(invalid=True, reason="range ends before it starts")
        return None, attrs
    return DateValue(f"{a.iso}/{b.iso}", a.start, b.end, b.precision), attrs


def find_dates(text: str, reference_date: datetime.date | None = None) -> list[Mention]:
    """Every Gregorian date of ``text`` as a ``date`` Mention whose value is a :class:`DateValue`.

    ``reference_date`` (the document's date) lets a date without a year take the nearest year; the
    mention then carries ``attrs["year_inferred"]`` and keeps ``attrs["partial"]``.
    """
    require_str(text)
    return _find_dates(text, reference_date, None)


def _find_dates(text: str, reference_date: datetime.date | None, runs: DigitRuns | None) -> list[Mention]:
    """find_dates; ``runs``, the text's DigitRuns when known, lets the scans that cannot match be skipped."""
    if not text:
        return []
    cands = []
    cands += _dmy(text, runs)
    cands += _my(text, runs)
    cands += _years(text, runs)
    cands += _numeric(text, runs)
    if "ទី" in text:
        cands += _day_only(text)
    if (runs is None or not runs.before.isdisjoint(_ENGLISH_BEFORE_DIGITS)) and \
            _ENGLISH_MONTH_STEM_RE.search(text) is not None:
        cands += _english(text)
    if not cands:
        return []
    chosen = _join(text, _select(cands))
    out: list[Mention] = []
    for start, end, rule, parts, note in chosen:
        if rule == "date.joined_range":
            value, attrs = _value_of_joined(parts, reference_date)
        else:
            value, attrs = _value_of(parts, reference_date)
        if note:
            attrs["warning"] = note
        wd = _WEEKDAY_BEFORE_RE.search(text, max(0, start - 24), start)
        if wd:
            weekday = WEEKDAY_NAMES[wd.group("wd")]
            attrs["weekday"] = WEEKDAY_EN[weekday]
            if value is not None and value.start is not None and value.start == value.end:
                if value.start.weekday() != weekday:
                    attrs["invalid"] = True
                    attrs["warning"] = attrs["reason"] = weekday_mismatch(weekday, value.start)
        if attrs.get("invalid") and value is not None and "weekday" not in str(attrs.get("reason")):
            value = None
        if value is not None and value.start is None:
            value = None  # no year: "no value but a partial" (guidelines); the partial is in attrs
        out.append(Mention("date", start, end, text[start:end], value, rule, attrs=attrs))
    return out
