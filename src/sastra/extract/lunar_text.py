"""Lunar dates in text: spelling variants, the almanac-string parser and the finder for running text.

A lunar date in Khmer news reads ``ថ្ងៃសៅរ៍ ១១រោច ខែអាសាឍ ឆ្នាំកុរ ឯកស័ក ព.ស ២៥៦៣``, usually
followed by ``ត្រូវនឹងថ្ងៃទី២៧ ខែកក្កដា ឆ្នាំ២០១៩``. Writers vary: spaces or zero-width spaces or
nothing between the parts, ``ព.ស.``/``ព.ស``/``ពុទ្ធសករាជ``, subscript DA or TA (``កត្ដិក``/``កត្តិក``),
misspelt months (``អសាឍ``). The span follows the annotation guidelines: from the day number to the
last year label; a weekday before it is read (and checked) but left outside.

The year of a lunar date comes from its ព.ស. year, else from its animal year and ស័ក, else from a
Gregorian date or year written beside it; it is never guessed. When a Gregorian date stands beside
the lunar date, the two are compared (``attrs["agrees_with_gregorian"]``).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

from sastra.errors import InputError, require_str
from sastra.extract import lunar as cal
from sastra.records import Mention
from sastra.khmer import to_latin_digits

from ._common import DIGIT, DIGIT_CHARS, GAP, GAP_CHARS, weekday_mismatch

__all__ = ["find_lunar_dates", "parse_lunar", "month_index", "animal_name", "sak_number", "weekday_index"]

COENG = "\u17d2"
_COENG_DA = COENG + "\u178a"
_COENG_TA = COENG + "\u178f"

NO_DIGIT_BEFORE = "(?<![0-9\u17e0-\u17e9])"
NO_DIGIT_AFTER = "(?![0-9\u17e0-\u17e9])"

# --- spelling variants (canonical first) -----------------------------------------------------------
_MONTH_SPELLINGS: dict[int, tuple[str, ...]] = {
    0: ("មិគសិរ", "មិគសិរ៍", "មិគ្គសិរ", "មិក្គសិរ"),
    1: ("បុស្ស", "បុស្យ", "បុស"),
    2: ("មាឃ",),
    3: ("ផល្គុន", "ផល្គុណ"),
    4: ("ចេត្រ", "ចែត្រ"),
    5: ("ពិសាខ", "វិសាខ"),
    6: ("ជេស្ឋ", "ជេស្ត", "ជេស្ឌ", "ជេស្ធ"),
    7: ("អាសាឍ", "អាសាធ", "អសាឍ", "អាសាត"),
    8: ("ស្រាពណ៍", "ស្រាពណ", "ស្រាពន៍", "ស្រាពន"),
    9: ("ភទ្របទ", "ភទ្របទ៍"),
    10: ("អស្សុជ", "អស្សុច"),
    11: ("កត្តិក", "កក្តិក", "កត្តិក៍"),
    12: ("បឋមាសាឍ", "បឋមាសាធ", "បឋមអាសាឍ", "បឋមអាសាធ", "បឋម\u200bអាសាឍ", "បឋម អាសាឍ"),
    13: ("ទុតិយាសាឍ", "ទុតិយាសាធ", "ទុតិយអាសាឍ", "ទុតិយអាសាធ", "ទុតិយ\u200bអាសាឍ", "ទុតិយ អាសាឍ"),
}
_ANIMAL_SPELLINGS: dict[int, tuple[str, ...]] = {
    0: ("ជូត",), 1: ("ឆ្លូវ",), 2: ("ខាល",), 3: ("ថោះ", "ថោស"), 4: ("រោង",), 5: ("ម្សាញ់", "ម្សាញ"),
    6: ("មមី", "មមីរ", "មមិ"), 7: ("មមែ",), 8: ("វក",), 9: ("រកា",), 10: ("ច",), 11: ("កុរ",),
}
_SAK_SPELLINGS: dict[int, tuple[str, ...]] = {
    1: ("ឯកស័ក", "ឯកសក"), 2: ("ទោស័ក", "ទោសក"), 3: ("ត្រីស័ក", "ត្រីសក"), 4: ("ចត្វាស័ក", "ចត្វាសក"),
    5: ("បញ្ចស័ក", "បញ្ចសក"), 6: ("ឆស័ក", "ឆសក"), 7: ("សប្តស័ក", "សប្តសក"),
    8: ("អដ្ឋស័ក", "អដ្ឋសក"), 9: ("នព្វស័ក", "នព្វសក"),
    10: ("សំរឹទ្ធិស័ក", "សម្រឹទ្ធិស័ក", "សំរិទ្ធិស័ក", "សម្រិទ្ធិស័ក", "សំរឹទ្ធិសក"),
}
_WEEKDAY_SPELLINGS: dict[int, tuple[str, ...]] = {
    0: ("ចន្ទ", "ច័ន្ទ"), 1: ("អង្គារ",), 2: ("ពុធ", "ពុត"),
    3: ("ព្រហស្បតិ៍", "ព្រហស្បត្តិ៍", "ព្រហស្បតិ", "ព្រហស្បត្តិ"),
    4: ("សុក្រ",), 5: ("សៅរ៍", "សៅរិ៍", "សៅរ"), 6: ("អាទិត្យ",),
}
_GREGORIAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("មករា",), 2: ("កុម្ភៈ", "កុម្ភះ", "កុម្ភ"), 3: ("មីនា",), 4: ("មេសា",), 5: ("ឧសភា",),
    6: ("មិថុនា",), 7: ("កក្កដា",), 8: ("សីហា",), 9: ("កញ្ញា",), 10: ("តុលា",),
    11: ("វិច្ឆិកា",), 12: ("ធ្នូ",),
}


def _fold(text: str) -> str:
    """The lookup key of a name: coeng DA read as coeng TA, blanks and a leading ខែ/ឆ្នាំ/ថ្ងៃ dropped."""
    key = text.replace(_COENG_DA, _COENG_TA)
    key = "".join(ch for ch in key if ch not in GAP_CHARS)
    for prefix in ("ខែ", "ឆ្នាំ", "ថ្ងៃ"):
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
    return key


def _lookup(spellings: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {_fold(s): key for key, variants in spellings.items() for s in variants}


_MONTH_KEYS = _lookup(_MONTH_SPELLINGS)
_ANIMAL_KEYS = _lookup(_ANIMAL_SPELLINGS)
_SAK_KEYS = _lookup(_SAK_SPELLINGS)
_WEEKDAY_KEYS = _lookup(_WEEKDAY_SPELLINGS)
_GREGORIAN_KEYS = _lookup(_GREGORIAN_MONTHS)


def month_index(name: str) -> int | None:
    """Index into ``lunar.MONTHS`` of a lunar month name in any accepted spelling (or None)."""
    return _MONTH_KEYS.get(_fold(name))


def animal_name(name: str) -> str | None:
    """The canonical animal-year name of a spelling (``មមីរ`` -> ``មមី``), or None."""
    index = _ANIMAL_KEYS.get(_fold(name))
    return None if index is None else cal.ANIMALS[index]


def sak_number(name: str) -> int | None:
    """1-10 for a ស័ក name in any accepted spelling (``សប្ដស័ក`` -> 7), or None."""
    return _SAK_KEYS.get(_fold(name))


def weekday_index(name: str) -> int | None:
    """Python weekday (Monday = 0) of a Khmer weekday name, or None."""
    return _WEEKDAY_KEYS.get(_fold(name))


def _alternation(spellings: dict[int, tuple[str, ...]]) -> str:
    """A regex alternation of every spelling, longest first, subscript DA and TA both accepted."""
    variants = sorted({s for group in spellings.values() for s in group}, key=len, reverse=True)
    parts = []
    for spelling in variants:
        escaped = re.escape(spelling.replace(_COENG_DA, _COENG_TA))
        escaped = escaped.replace(_COENG_TA, f"{COENG}[\u178a\u178f]")
        escaped = escaped.replace("\u200b", f"[{GAP_CHARS}]").replace("\\ ", f"[{GAP_CHARS}]")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


_MONTH_RE = _alternation(_MONTH_SPELLINGS)
_ANIMAL_RE = _alternation(_ANIMAL_SPELLINGS)
_SAK_RE = _alternation(_SAK_SPELLINGS)
_WEEKDAY_RE = _alternation(_WEEKDAY_SPELLINGS)
_BE_WORD = f"(?:ពុទ្ធសករាជ|ព{GAP}\\.{GAP}ស{GAP}\\.?|ពស\\.?)"

_CORE = (
    # (one digit class first, not {1,3}: the engine then skips ahead to the next digit)
    f"(?P<day>{DIGIT}{DIGIT}{{0,2}}){GAP}(?P<phase>កើត|រោច)"
    f"{GAP}(?:ខែ{GAP})?(?P<month>{_MONTH_RE})"
    f"(?:{GAP}(?:ឆ្នាំ{GAP})?(?P<animal>{_ANIMAL_RE})"
    f"(?={GAP}(?:{_SAK_RE}|{_BE_WORD})|[^\u1780-\u17dd]|$))?"
    f"(?:{GAP}(?P<sak>{_SAK_RE}))?"
    f"(?:{GAP}{_BE_WORD}{GAP}(?P<be>{DIGIT}{{4}}){NO_DIGIT_AFTER})?"
)
_WEEKDAY_PREFIX = f"(?:(?:ថ្ងៃ{GAP})?(?P<weekday>{_WEEKDAY_RE}){GAP})?"
#: a whole almanac string (parse_lunar); groups: weekday, day, phase, month, animal, sak, be (a
#: 3-digit day is caught so that it can be reported, not silently skipped)
LUNAR_RE = re.compile(_WEEKDAY_PREFIX + NO_DIGIT_BEFORE + _CORE)
#: the same without the weekday, for scanning long texts (it starts with a digit, which lets the
#: regex engine skip ahead fast); the weekday is then read backwards with WEEKDAY_BEFORE_RE
FIND_RE = re.compile(_CORE)
WEEKDAY_BEFORE_RE = re.compile(f"(?:ថ្ងៃ{GAP})?(?P<weekday>{_WEEKDAY_RE}){GAP}$")

_GREGORIAN_MONTH_RE = _alternation(_GREGORIAN_MONTHS)
#: a Gregorian date beside a lunar date: ``ថ្ងៃទី២៧ ខែកក្កដា ឆ្នាំ២០១៩``, ``២៧ កក្កដា ២០១៩``, ``27/07/2019``
GREGORIAN_RE = re.compile(
    f"(?:(?:ថ្ងៃ{GAP})?(?:ទី{GAP})?{NO_DIGIT_BEFORE}(?P<d>{DIGIT}{{1,2}}){GAP}(?:ខែ{GAP})?"
    f"(?P<m>{_GREGORIAN_MONTH_RE}){GAP}(?:ឆ្នាំ{GAP})?(?P<y>{DIGIT}{{4}}){NO_DIGIT_AFTER})"
    f"|(?:{NO_DIGIT_BEFORE}(?P<d2>{DIGIT}{{1,2}})[/.-](?P<m2>{DIGIT}{{1,2}})[/.-](?P<y2>{DIGIT}{{4}})"
    f"{NO_DIGIT_AFTER})"
)
#: a Gregorian year beside a lunar date: ``ឆ្នាំ២០១៩`` or ``គ.ស. ២០១៩``
GREGORIAN_YEAR_RE = re.compile(
    f"(?:ឆ្នាំ|គ{GAP}\\.{GAP}ស{GAP}\\.?){GAP}(?P<y>{DIGIT}{{4}}){NO_DIGIT_AFTER}"
)
#: how far (characters) from a lunar date a Gregorian date may stand and still be "beside" it
WINDOW = 80
_STOPS = "។\n៕"


def _int(digits: str) -> int:
    return int(to_latin_digits(digits))


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    """A Gregorian date or year found beside a lunar date."""

    date: datetime.date | None
    year: int | None
    start: int
    end: int


def _gregorian_from(match: re.Match[str]) -> datetime.date | None:
    if match.group("d") is not None:
        day, month, year = _int(match.group("d")), _GREGORIAN_KEYS[_fold(match.group("m"))], _int(match.group("y"))
    else:
        day, month, year = _int(match.group("d2")), _int(match.group("m2")), _int(match.group("y2"))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _context(text: str, start: int, end: int) -> _Context | None:
    """The Gregorian date (or, failing that, year) nearest to the span, in the same sentence."""
    after = text[end:end + WINDOW]
    for stop in _STOPS:
        cut = after.find(stop)
        if cut >= 0:
            after = after[:cut]
    before_start = max(0, start - WINDOW)
    before = text[before_start:start]
    for stop in _STOPS:
        cut = before.rfind(stop)
        if cut >= 0:
            before_start += cut + 1
            before = text[before_start:start]
    found: list[tuple[int, _Context]] = []
    for match in GREGORIAN_RE.finditer(after):
        day = _gregorian_from(match)
        if day is not None:
            found.append((match.start(), _Context(day, day.year, end + match.start(), end + match.end())))
            break
    for match in GREGORIAN_RE.finditer(before):
        day = _gregorian_from(match)
        if day is not None:
            found.append((len(before) - match.end(), _Context(day, day.year, before_start + match.start(),
                                                             before_start + match.end())))
    if found:
        return min(found, key=lambda item: item[0])[1]
    years: list[tuple[int, _Context]] = []
    for match in GREGORIAN_YEAR_RE.finditer(after):
        years.append((match.start(), _Context(None, _int(match.group("y")), end + match.start(), end + match.end())))
        break
    for match in GREGORIAN_YEAR_RE.finditer(before):
        years.append((len(before) - match.end(), _Context(None, _int(match.group("y")),
                                                          before_start + match.start(), before_start + match.end())))
    if years:
        return min(years, key=lambda item: item[0])[1]
    return None


@dataclasses.dataclass(frozen=True, slots=True)
class _Written:
    """The components of a lunar date as written."""

    day: int
    phase: str
    month: int
    animal: str | None
    sak: int | None
    be: int | None
    weekday: int | None


def _written(match: re.Match[str], weekday: str | None) -> _Written:
    return _Written(
        day=_int(match.group("day")),
        phase=match.group("phase"),
        month=_MONTH_KEYS[_fold(match.group("month"))],
        animal=animal_name(match.group("animal")) if match.group("animal") else None,
        sak=sak_number(match.group("sak")) if match.group("sak") else None,
        be=_int(match.group("be")) if match.group("be") else None,
        weekday=weekday_index(weekday) if weekday else None,
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Resolution:
    value: datetime.date | None
    source: str | None = None
    invalid: str | None = None
    unresolved: str | None = None
    candidates: tuple[datetime.date, ...] = ()


def _resolve(written: _Written, near_date: datetime.date | None, near_year: int | None) -> _Resolution:
    """The Gregorian date of written lunar components, or why there is none (never a guess)."""
    if near_year is not None and not cal.MIN_DATE.year <= near_year <= cal.MAX_DATE.year:
        near_date = near_year = None  # a year outside the calendar's range (or a BE after ឆ្នាំ) says nothing
    if not 1 <= written.day <= 15:
        return _Resolution(None, invalid=f"lunar day {written.day} is impossible: each half-month "
                                         "(កើត/រោច) has days 1-15")
    try:
        if written.be is not None:
            found = cal.candidates(written.day, written.phase, written.month, be_year=written.be,
                                   animal_year=written.animal, sak=written.sak)
            if found:
                return _Resolution(found[0], source="be")
            # the BE alone fits: the animal year or ស័ក contradicts it
            only_be = cal.candidates(written.day, written.phase, written.month, be_year=written.be)
            reason = cal._labels_fit(only_be[0].toordinal(), written.animal, written.sak) if only_be else None
            return _Resolution(None, invalid=reason or "the year labels contradict each other")
        if written.animal is not None or written.sak is not None:
            found = cal.candidates(written.day, written.phase, written.month,
                                   animal_year=written.animal, sak=written.sak)
            source = "+".join(k for k, v in (("animal", written.animal), ("sak", written.sak)) if v is not None)
        else:
            found = []
            if near_date is not None or near_year is not None:
                base = (near_date or datetime.date(near_year, 7, 1)).year  # type: ignore[arg-type]
                for be in range(base + 542, base + 546):
                    try:
                        found.extend(cal.candidates(written.day, written.phase, written.month, be_year=be))
                    except InputError:
                        continue
            source = ""
    except InputError as error:
        return _Resolution(None, invalid=error.reason)
    if not found:
        if source:
            return _Resolution(None, invalid=f"no date 1900-2100 fits this lunar date with its {source.replace('+', ' and ')} year")
        if near_date is None and near_year is None:
            return _Resolution(None, unresolved="no year: no ព.ស., animal year or ស័ក, and no Gregorian date beside it")
        return _Resolution(None, invalid="this lunar date does not occur near the Gregorian date beside it")
    if near_date is not None:
        best = min(found, key=lambda d: abs(d.toordinal() - near_date.toordinal()))
        if abs(best.toordinal() - near_date.toordinal()) <= 200:
            return _Resolution(best, source="+".join(filter(None, (source, "gregorian date"))))
    if near_year is not None:
        in_year = [d for d in found if d.year == near_year]
        if len(in_year) == 1:
            return _Resolution(in_year[0], source="+".join(filter(None, (source, "gregorian year"))))
    if len(found) == 1 and source:
        return _Resolution(found[0], source=source)
    return _Resolution(None, unresolved="the year is ambiguous without ព.ស. or a Gregorian date beside it",
                       candidates=tuple(found))


def _attrs(written: _Written, resolution: _Resolution, context: _Context | None) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "calendar": "lunar",
        "precision": "day",
        "lunar_day": written.day,
        "phase": written.phase,
        "lunar_month": cal.MONTHS[written.month],
    }
    for key, value in (("be_year", written.be), ("animal_year", written.animal), ("sak", written.sak)):
        if value is not None:
            attrs[key] = value
    if written.weekday is not None:
        attrs["weekday"] = cal.WEEKDAYS[written.weekday]
    if resolution.value is not None:
        attrs["year_source"] = resolution.source
        attrs["lunar"] = cal.to_lunar(resolution.value)
        if written.weekday is not None:
            attrs["weekday_matches"] = resolution.value.weekday() == written.weekday
            if not attrs["weekday_matches"]:
                # (as for Gregorian dates: the value stands, the mismatch is said)
                attrs["warning"] = weekday_mismatch(written.weekday, resolution.value)
    if resolution.invalid:  # (as for the other kinds: a flag, and the reason in words)
        attrs["invalid"] = True
        attrs["reason"] = resolution.invalid
    if resolution.unresolved:
        attrs["unresolved"] = resolution.unresolved
    if resolution.candidates:
        attrs["candidates"] = resolution.candidates
    if context is not None and context.date is not None:
        attrs["gregorian"] = context.date
        if resolution.value is not None:
            attrs["agrees_with_gregorian"] = resolution.value == context.date
            if not attrs["agrees_with_gregorian"]:
                attrs["warning"] = (f"the Gregorian date beside it is {context.date.isoformat()}, "
                                    f"this lunar date is {resolution.value.isoformat()}")
    return attrs


def _phase_after_digit(text: str) -> bool:
    """Some កើត or រោច of the text stands right after a digit (blanks between skipped), as in every
    lunar date; most texts hold the phase words only in other words (កើតឡើង, happen)."""
    for phase in cal.PHASES:
        i = text.find(phase)
        while i >= 0:
            j = i
            while j and text[j - 1] in GAP_CHARS:
                j -= 1
            if j and text[j - 1] in DIGIT_CHARS:
                return True
            i = text.find(phase, i + 1)
    return False


def find_lunar_dates(text: str) -> list[Mention]:
    """Lunar dates in ``text`` as date mentions (kind ``date``, rule ``lunar``).

    ``value`` is the resolved ``datetime.date`` or None; ``attrs`` holds the written components
    (``lunar_day``, ``phase``, ``lunar_month``, ``be_year``, ``animal_year``, ``sak``, ``weekday``),
    the full ``lunar`` date of the value, ``year_source``, and when they apply ``weekday_matches``,
    ``gregorian`` + ``agrees_with_gregorian`` (a Gregorian date beside it), ``warning`` (the written
    weekday or the Gregorian date beside it disagrees; the value stands), ``invalid`` (``True``:
    impossible components, the reason in ``reason``; value None) or ``unresolved`` (no year to be had; value None).
    """
    require_str(text)
    mentions: list[Mention] = []
    if not _phase_after_digit(text):
        return mentions  # (every lunar date has a phase after its day: a few substring tests, no scan)
    for match in FIND_RE.finditer(text):
        start = match.start("day")
        if start and text[start - 1] in DIGIT_CHARS:
            continue  # glued to a longer number
        before = WEEKDAY_BEFORE_RE.search(text, max(0, start - 24), start)
        written = _written(match, before.group("weekday") if before else None)
        end = max(match.end(g) for g in ("day", "phase", "month", "animal", "sak", "be") if match.group(g))
        if written.be is not None:
            end = match.end("be")
        context = _context(text, start, end)
        resolution = _resolve(written, context.date if context else None, context.year if context else None)
        mention = Mention(
            kind="date",
            start=start,
            end=end,
            text=text[start:end],
            value=resolution.value,
            rule="lunar",
            attrs=_attrs(written, resolution, context),
        )
        if resolution.value is not None:
            mention = _with_days_before(text, mention, written, context)
            if mentions and mentions[-1].value is not None and _JOIN_RE.fullmatch(text, mentions[-1].end, mention.start):
                mention = _joined(text, mentions.pop(), mention)
        mentions.append(mention)
    return mentions


# (session 20) lists and ranges of lunar days, as festivals are announced: ``១៤កើត ១៥កើត និង១រោច ខែកត្តិក``
# (the Water Festival), ``១៤រោច ១៥រោច ខែភទ្របទ និងថ្ងៃ១កើត ខែអស្សុជ`` (Pchum Ben): one date whose value
# runs from the first day to the last, as a list of Gregorian days is
#: lunar days written before the day of a lunar date, which share its month
_DAYS_BEFORE_RE = re.compile(
    f"(?:{NO_DIGIT_BEFORE}{DIGIT}{DIGIT}?{GAP}(?:កើត|រោច){GAP}(?:,{GAP})?(?:(?:និង|ដល់|-|–){GAP})?(?:ថ្ងៃ{GAP})?)+$")
_DAY_PHASE_RE = re.compile(f"({DIGIT}{DIGIT}?){GAP}(កើត|រោច)")
#: what joins two lunar dates of a range or a list across a month's end
_JOIN_RE = re.compile(f"{GAP}(?:,{GAP})?(?:និង|ដល់|រហូតដល់|-|–){GAP}(?:ថ្ងៃ{GAP})?")
#: the longest stretch a list or a range of lunar days covers (a festival takes three days, a season more)
_LONGEST_DAYS = 31


def _listed(text: str, start: int, end: int, days: tuple[datetime.date, ...], attrs: dict[str, Any]) -> Mention:
    from sastra.extract.dates import DateValue  # (the Gregorian finder's value type, for one record shape)

    first, last = days[0], days[-1]
    value = DateValue(f"{first.isoformat()}/{last.isoformat()}", first, last, "day")
    attrs = dict(attrs, dates=tuple(d.isoformat() for d in days))  # (the other attrs: the last day's)
    if "gregorian" in attrs:  # a Gregorian date beside the list agrees when it is one of its days
        attrs["agrees_with_gregorian"] = first <= attrs["gregorian"] <= last
        if attrs["agrees_with_gregorian"] and str(attrs.get("warning", "")).startswith("the Gregorian date"):
            del attrs["warning"]
    return Mention(kind="date", start=start, end=end, text=text[start:end], value=value, rule="lunar.list",
                   attrs=attrs)


def _days_of(mention: Mention) -> tuple[datetime.date, ...]:
    """The days a resolved lunar mention covers: its one day, or each day of a list."""
    if "dates" in mention.attrs:
        return tuple(datetime.date.fromisoformat(d) for d in mention.attrs["dates"])
    return (mention.value,)


def _with_days_before(text: str, mention: Mention, written: _Written, context: _Context | None) -> Mention:
    """The lunar date with the days of its month listed before it (``១៤កើត ១៥កើត និង១រោច ខែកត្តិក``)."""
    listed = _DAYS_BEFORE_RE.search(text, max(0, mention.start - 48), mention.start)
    if listed is None:
        return mention
    days = []
    for day, phase in _DAY_PHASE_RE.findall(listed.group()):
        other = dataclasses.replace(written, day=_int(day), phase=phase, weekday=None)
        resolution = _resolve(other, context.date if context else None, context.year if context else None)
        if resolution.value is None:
            return mention
        days.append(resolution.value)
    days.append(mention.value)
    if days != sorted(days) or (days[-1] - days[0]).days > _LONGEST_DAYS:
        return mention
    return _listed(text, listed.start(), mention.end, tuple(days), mention.attrs)


def _joined(text: str, first: Mention, last: Mention) -> Mention:
    """Two lunar dates joined by និង or ដល់ across a month's end, as one list or range."""
    days = _days_of(first) + _days_of(last)
    if not days[0] < days[-1] or (days[-1] - days[0]).days > _LONGEST_DAYS:
        return last
    return _listed(text, first.start, last.end, days, last.attrs)


def parse_lunar(text: str, *, near: datetime.date | int | None = None) -> cal.LunarDate:
    """Parse an almanac string back to a LunarDate; see :func:`sastra.extract.lunar.parse_lunar`."""
    require_str(text)
    stripped = text.strip(GAP_CHARS + "\t\n\r")
    match = LUNAR_RE.match(stripped)
    if match is None or match.end() != len(stripped):
        raise InputError(f"not a Khmer lunar date: {text!r} (expected e.g. "
                         "'ថ្ងៃពុធ ១២កើត ខែអាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨')")
    if match.group("weekday") is None and stripped.startswith("ថ្ងៃ"):
        raise InputError(f"unknown weekday in {text!r}")
    written = _written(match, match.group("weekday"))
    near_date = near if isinstance(near, datetime.date) else None
    near_year = near if isinstance(near, int) and not isinstance(near, bool) else None
    if near_date is not None:
        near_year = near_date.year
    resolution = _resolve(written, near_date, near_year)
    if resolution.value is None:
        reason = resolution.invalid or resolution.unresolved or "cannot resolve"
        if resolution.unresolved and near is None:
            reason += "; pass near=<date or Gregorian year>"
        raise InputError(reason)
    day = resolution.value
    if written.weekday is not None and written.weekday != day.weekday():
        raise InputError(f"{day.isoformat()} is a ថ្ងៃ{cal.WEEKDAYS[day.weekday()]}, "
                         f"not ថ្ងៃ{cal.WEEKDAYS[written.weekday]}")
    lunar = cal.to_lunar(day)
    if written.animal is not None and written.animal != lunar.animal_year:
        lunar = dataclasses.replace(lunar, animal_year=written.animal)  # written after the New Year moment
    return lunar
