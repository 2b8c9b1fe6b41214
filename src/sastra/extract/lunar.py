"""The Khmer lunar calendar (ចន្ទគតិ) and the Khmer New Year (សុរិយគតិ), 1900-2100.

Written from the published almanac method (Roath Kim Soeun, *Pratitin Soryakkatik-Chankatik*), the
method the MIT-licensed momentkh library also implements; its results agree with momentkh on every
day 1900-2100 (``bench/lunar_bench.py``) and with the published facts in
``../shared/data/extraction/known-answers.md`` (``tests/extract/test_lunar.py``).

How the calendar is built, in brief:

* Each Buddhist-era year gets its kind from three almanac quantities of the year (ហារគុណ aharkun,
  អវមាន avoman, បូតិថី bodithey): a leap-month year (អធិកមាស, 384 days: អាសាឍ is doubled into
  បឋមាសាឍ and ទុតិយាសាឍ), a leap-day year (ចន្ទ្រាធិមាស, 355 days: ជេស្ឋ has 30 days) or a regular
  year (354 days). A leap day that falls in a leap-month year is carried to the next year.
* Lunar years are laid end to end from the epoch 1900-01-01 = ១កើត ខែបុស្ស; each is a tuple of
  months of 29 and 30 days. The table is built once and every lookup is a bisection.
* The New Year moment (មហាសង្ក្រាន្ត) comes from the sun's true longitude on the last days of the
  solar year (សុទិន); ថ្ងៃឡើងស័ក from the year's bodithey. A few years whose published almanac moment
  differs from the computation use the published moment (``PUBLISHED_NEW_YEAR_MOMENTS``).

The three year labels change at three different moments: the Buddhist era at 00:00 of ១រោច ខែពិសាខ
(the day after Visak Bochea), the animal year at the exact New Year moment, and the ស័ក at 00:00 of
ថ្ងៃឡើងស័ក. Given a ``datetime.date``, the labels are those in force at the start (00:00) of that day;
given a ``datetime.datetime``, those in force at that moment (Cambodia local time).
"""

from __future__ import annotations

import bisect
import datetime
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sastra.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from sastra.records import Mention

__all__ = [
    "PHASES",
    "MONTHS",
    "ANIMALS",
    "SAK_NAMES",
    "WEEKDAYS",
    "MIN_DATE",
    "MAX_DATE",
    "CAMBODIA",
    "LunarDate",
    "NewYear",
    "to_lunar",
    "from_lunar",
    "new_year",
    "year_labels",
    "visak_bochea",
    "year_kind",
    "candidates",
    "lunar_months",
    "format_lunar",
    "parse_lunar",
    "find_lunar_dates",
]

# --- names --------------------------------------------------------------------------------------
WAXING = "កើត"
WANING = "រោច"
PHASES = (WAXING, WANING)

#: lunar months by index: 0-11 in calendar order from មិគសិរ, then the two halves of a doubled អាសាឍ.
#: Months with an even index have 29 days, odd ones 30 (ជេស្ឋ has 30 in a leap-day year; 12 and 13
#: have 30 each). Spelling: coeng TA (the project's canonical form), so កត្តិក, not កត្ដិក.
MONTHS = (
    "មិគសិរ", "បុស្ស", "មាឃ", "ផល្គុន", "ចេត្រ", "ពិសាខ", "ជេស្ឋ", "អាសាឍ",
    "ស្រាពណ៍", "ភទ្របទ", "អស្សុជ", "កត្តិក", "បឋមាសាឍ", "ទុតិយាសាឍ",
)
_MIKASAR, _BOS, _MEAK, _PHALGUN, _CHETR, _VISAKH, _JESTH, _ASATH = range(8)
_SRAP, _KADEK, _BOTHMAK, _TUTIYAK = 8, 11, 12, 13

#: the twelve animal years, ជូត (rat) first
ANIMALS = ("ជូត", "ឆ្លូវ", "ខាល", "ថោះ", "រោង", "ម្សាញ់", "មមី", "មមែ", "វក", "រកា", "ច", "កុរ")
#: ស័ក names by number: SAK_NAMES[sak - 1] for sak 1-10 (10 = សំរឹទ្ធិស័ក)
SAK_NAMES = (
    "ឯកស័ក", "ទោស័ក", "ត្រីស័ក", "ចត្វាស័ក", "បញ្ចស័ក",
    "ឆស័ក", "សប្តស័ក", "អដ្ឋស័ក", "នព្វស័ក", "សំរឹទ្ធិស័ក",
)
#: weekday names in Python's order (``date.weekday()``: Monday = 0)
WEEKDAYS = ("ចន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍", "អាទិត្យ")

_MONTH_INDEX = {name: index for index, name in enumerate(MONTHS)}
_WEEKDAY_INDEX = {name: index for index, name in enumerate(WEEKDAYS)}
_KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")

#: the range the calendar is built and checked for
MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)
_EPOCH = MIN_DATE  # ១កើត ខែបុស្ស, the first day of the method's table

#: New Year moments published in almanacs where they differ from the computation (year -> month,
#: day, hour, minute). The same list is kept by momentkh; 2011 (13:12) and 2024 (22:17) are also
#: cited in known-answers.md.
PUBLISHED_NEW_YEAR_MOMENTS: dict[int, tuple[int, int, int, int]] = {
    2011: (4, 14, 13, 12),
    2012: (4, 14, 19, 11),
    2013: (4, 14, 2, 12),
    2014: (4, 14, 8, 7),
    2015: (4, 14, 14, 2),
    2024: (4, 13, 22, 17),
}


# --- the almanac quantities of a year -------------------------------------------------------------
# All are functions of the Jolak Sakaraj year (ចុល្លសករាជ, js = BE - 1182 = AD - 638).

def _harkun(js: int) -> int:
    """ហារគុណ: days elapsed since the epoch of the era, at the start of year ``js``."""
    return (292207 * js + 373) // 800 + 1


def _kromathopol(js: int) -> int:
    """ក្រមធ្ពល: the fraction of a day (in 800ths) left in the solar year."""
    return 800 - (292207 * js + 373) % 800


def _avoman(js: int) -> int:
    """អវមាន: the lunar surplus (in 692ths of a lunar day); decides the leap day."""
    return (11 * _harkun(js) + 650) % 692


def _bodithey(js: int) -> int:
    """បូតិថី: the lunar day (0-29) at the solar New Year; decides the leap month."""
    harkun = _harkun(js)
    return (harkun + (11 * harkun + 650) // 692) % 30


def _has_366_days(js: int) -> bool:
    """A solar leap year (ឆ្នាំមាន៣៦៦ថ្ងៃ)."""
    return _kromathopol(js) <= 207


def _is_leap_month_by_rule(js: int) -> bool:
    """អធិកមាស: bodithey 25-29 or 0-5; of the pairs 24/6 and 25/5 in two following years, the
    first of 24/6 and the second of 25/5 take the month."""
    bodithey, following = _bodithey(js), _bodithey(js + 1)
    if bodithey == 25 and following == 5:
        return False
    if bodithey == 24 and following == 6:
        return True
    return bodithey >= 25 or bodithey <= 5


def _is_leap_day_by_rule(js: int) -> bool:
    """ចន្ទ្រាធិមាស by the avoman rule (before the leap-month conflict is resolved)."""
    avoman = _avoman(js)
    if avoman == 0 and _avoman(js - 1) == 137:
        return True
    if _has_366_days(js):
        return avoman < 127
    if avoman == 137 and _avoman(js + 1) == 0:
        return False
    return avoman < 138


_REGULAR, _LEAP_MONTH, _LEAP_DAY = 0, 1, 2
_KIND_NAMES = ("regular", "leap-month", "leap-day")
_YEAR_DAYS = (354, 384, 355)


@functools.cache
def _kind(be: int) -> int:
    """The kind of Buddhist-era year ``be``: a leap month wins over a leap day, which then moves to
    the next year that is not itself a leap-month year."""
    js = be - 1182
    if _is_leap_month_by_rule(js):
        return _LEAP_MONTH
    if _is_leap_day_by_rule(js):
        return _LEAP_DAY
    previous = js - 1
    while _is_leap_month_by_rule(previous):
        if _is_leap_day_by_rule(previous):
            return _LEAP_DAY
        previous -= 1
    return _REGULAR


def year_kind(be_year: int) -> str:
    """``"regular"`` (354 days), ``"leap-month"`` (384: បឋមាសាឍ and ទុតិយាសាឍ) or ``"leap-day"``
    (355: ជេស្ឋ has 30 days) for the lunar year that holds the rainy season of ``be_year``."""
    return _KIND_NAMES[_kind(be_year)]


def _month_days(month: int, kind: int) -> int:
    if month in (_BOTHMAK, _TUTIYAK):
        return 30 if kind == _LEAP_MONTH else 0
    if month == _JESTH and kind == _LEAP_DAY:
        return 30
    return 29 if month % 2 == 0 else 30


def _next_month(month: int, kind: int) -> int:
    if month == _JESTH and kind == _LEAP_MONTH:
        return _BOTHMAK
    if month == _BOTHMAK:
        return _TUTIYAK
    if month == _TUTIYAK:
        return _SRAP
    if month == _KADEK:
        return _MIKASAR
    return month + 1


def _season_be(ordinal: int) -> int:
    """The BE year the method reads off a day: the Gregorian year + 543 up to April, + 544 after.
    (Months whose length depends on the year never straddle 30 April; a test checks it.)"""
    day = datetime.date.fromordinal(ordinal)
    return day.year + (543 if day.month <= 4 else 544)


# --- the table of lunar years ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _LunarYear:
    """One lunar year of the table, from ១កើត ខែបុស្ស to the last day of មិគសិរ."""

    start: int  # ordinal of ១កើត ខែបុស្ស
    end: int  # ordinal of the first day of the next year
    be: int  # the BE year that begins at ១រោច ខែពិសាខ inside this lunar year
    kind: int
    month_ids: tuple[int, ...]
    month_starts: tuple[int, ...]
    month_lengths: tuple[int, ...]


def _build_year(start: int) -> _LunarYear:
    # The year's BE is the one in force in its rainy season; the method reads it off the day one
    # Gregorian year after the start (a start is always in December or January).
    first = datetime.date.fromordinal(start)
    be = first.year + 1 + (543 if first.month <= 4 else 544)
    kind = _kind(be)
    ids, starts, lengths = [], [], []
    month, day = _BOS, start
    while day < start + _YEAR_DAYS[kind]:
        month_kind = _kind(_season_be(day))
        length = _month_days(month, month_kind)
        ids.append(month)
        starts.append(day)
        lengths.append(length)
        day += length
        month = _next_month(month, month_kind)
    if day != start + _YEAR_DAYS[kind] or month != _BOS:  # pragma: no cover - checked by tests
        raise AssertionError(f"lunar year starting {datetime.date.fromordinal(start)} does not close")
    return _LunarYear(start, day, be, kind, tuple(ids), tuple(starts), tuple(lengths))


@functools.cache
def _table() -> tuple[tuple[_LunarYear, ...], tuple[int, ...]]:
    """Every lunar year from the epoch to past MAX_DATE, and their start ordinals (for bisection)."""
    years = []
    start = _EPOCH.toordinal()
    last = MAX_DATE.toordinal() + 400
    while start <= last:
        year = _build_year(start)
        years.append(year)
        start = year.end
    return tuple(years), tuple(y.start for y in years)


def _year_of(ordinal: int) -> _LunarYear:
    years, starts = _table()
    return years[bisect.bisect_right(starts, ordinal) - 1]


@functools.cache
def _year_by_be(be: int) -> _LunarYear | None:
    """The table year whose rainy season has BE ``be`` (None outside the table)."""
    years, _ = _table()
    index = be - years[0].be
    if 0 <= index < len(years):
        year = years[index]
        if year.be == be:
            return year
    for year in years:  # pragma: no cover - the table has one year per BE
        if year.be == be:
            return year
    return None


def _position(ordinal: int) -> tuple[int, int, _LunarYear, int]:
    """(month id, day number 0-29, table year, month start ordinal) of a day."""
    year = _year_of(ordinal)
    slot = bisect.bisect_right(year.month_starts, ordinal) - 1
    return year.month_ids[slot], ordinal - year.month_starts[slot], year, year.month_starts[slot]


def lunar_months(be_year: int) -> list[tuple[str, datetime.date, int]]:
    """The months of the lunar year holding the rainy season of ``be_year``: (name, first day, days),
    from ខែបុស្ស to ខែមិគសិរ."""
    year = _year_by_be(be_year)
    if year is None:
        raise InputError(f"BE {be_year} is outside the supported range (1900-2100)")
    return [
        (MONTHS[m], datetime.date.fromordinal(s), n)
        for m, s, n in zip(year.month_ids, year.month_starts, year.month_lengths)
    ]


# --- New Year (សុរិយគតិ) -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NewYear:
    """The Khmer New Year of a Gregorian year.

    ``moment`` is the exact time (Cambodia local) the new year (and the new animal year) begins;
    ``vanabat_days`` the number of ថ្ងៃវ័នបត (1 or 2) between ថ្ងៃមហាសង្ក្រាន្ត and ថ្ងៃឡើងស័ក;
    ``lerng_sak`` the day the ស័ក changes; ``published`` whether the moment is an almanac-published
    one that overrides the computation.
    """

    year: int
    moment: datetime.datetime
    vanabat_days: int
    lerng_sak: datetime.date
    published: bool = False

    @property
    def date(self) -> datetime.date:
        return self.moment.date()

    @property
    def hour(self) -> int:
        return self.moment.hour

    @property
    def minute(self) -> int:
        return self.moment.minute

    @property
    def days(self) -> tuple[datetime.date, ...]:
        """The New Year days: មហាសង្ក្រាន្ត, the វ័នបត day(s), ឡើងស័ក."""
        first = self.moment.date().toordinal()
        return tuple(datetime.date.fromordinal(first + i) for i in range(self.vanabat_days + 2))


def _true_sun_angsar_libda(js: int, sotin: int) -> tuple[int, int]:
    """The sun's true longitude on day ``sotin`` of the solar year ``js``, as (angsar, libda) within
    its reasey. Angles are kept in libda (1 reasey = 30 angsar, 1 angsar = 60 libda)."""
    r2 = 800 * sotin + _kromathopol(js - 1)
    reasey, r3 = divmod(r2, 24350)
    angsar, r4 = divmod(r3, 811)
    libda = r4 // 14 - 3
    mean = 1800 * reasey + 60 * angsar + libda  # មធ្យមព្រះអាទិត្យ
    left = mean - (1800 * 2 + 60 * 20)  # minus the apogee, 2 reasey 20 angsar
    if left < 0:
        left += 1800 * 12
    kaen = left // 1800  # កេន: which quarter of the anomaly
    if kaen <= 2:
        rest = left
    elif kaen <= 5:
        rest = 1800 * 6 - left
    elif kaen <= 8:
        rest = left - 1800 * 6
    else:
        rest = 1800 * 12 - left
    rest_reasey, rest_libda = divmod(rest, 1800)
    rest_angsar, rest_libda = divmod(rest_libda, 60)
    if rest_angsar >= 15:
        khan = 2 * rest_reasey + 1  # ខណ្ឌ
        pouichalip = 60 * (rest_angsar - 15) + rest_libda
    else:
        khan = 2 * rest_reasey
        pouichalip = 60 * rest_angsar + rest_libda
    multiplicity, chhaya = _CHHAYA[khan] if khan < len(_CHHAYA) else (0, 134)
    phol = pouichalip * multiplicity // 900 + chhaya  # ផល: the equation of the centre
    true = mean - phol if kaen <= 5 else mean + phol  # សម្ពោធព្រះអាទិត្យ
    return (true % 1800) // 60, true % 60


#: (multiplicity, chhaya) of the sun's equation table (ឆាយាព្រះអាទិត្យ), by khan
_CHHAYA = ((35, 0), (32, 35), (27, 67), (22, 94), (13, 116), (5, 129))


def new_year(year: int) -> NewYear:
    """The Khmer New Year of Gregorian ``year`` (1900-2100): moment, វ័នបត days, ថ្ងៃឡើងស័ក."""
    if not isinstance(year, int) or isinstance(year, bool):
        raise InputError(f"year must be an int, not {type(year).__name__}")
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise InputError(f"year {year} is outside the supported range {MIN_DATE.year}-{MAX_DATE.year}")
    return _new_year(year)


@functools.cache
def _new_year(year: int) -> NewYear:
    js = year - 638
    first_sotin = 363 if _has_366_days(js - 1) else 362
    suns = [_true_sun_angsar_libda(js, sotin) for sotin in range(first_sotin, first_sotin + 4)]
    # the New Year falls on the first of those days where the sun is in the first angsar of Aries
    libda = next(l for a, l in suns if a == 0)
    minutes = 24 * 60 - libda * 24
    hour, minute = (minutes // 60) % 24, minutes % 60
    vanabat = 2 if suns[0][0] == 0 else 1

    # ថ្ងៃឡើងស័ក: the lunar day given by the bodithey (one later after a year that was both a
    # leap-month and a leap-day year), counted from ១កើត ខែចេត្រ of the lunar year holding April.
    bodithey = _bodithey(js)
    if _is_leap_month_by_rule(js - 1) and _is_leap_day_by_rule(js - 1):
        bodithey = (bodithey + 1) % 30
    offset = bodithey - 1 if bodithey >= 6 else 29 + bodithey  # days after ១កើត ខែចេត្រ
    april = datetime.date(year, 4, 17).toordinal()
    lunar_year = _year_of(april)
    chetr_start = lunar_year.month_starts[lunar_year.month_ids.index(_CHETR)]
    lerng_sak = chetr_start + offset
    new_year_day = lerng_sak - (vanabat + 1)

    published = year in PUBLISHED_NEW_YEAR_MOMENTS
    if published:
        month, day, hour, minute = PUBLISHED_NEW_YEAR_MOMENTS[year]
        new_year_day = datetime.date(year, month, day).toordinal()
        lerng_sak = new_year_day + vanabat + 1
    day = datetime.date.fromordinal(new_year_day)
    return NewYear(
        year=year,
        moment=datetime.datetime(day.year, day.month, day.day, hour, minute),
        vanabat_days=vanabat,
        lerng_sak=datetime.date.fromordinal(lerng_sak),
        published=published,
    )


@functools.cache
def _be_change(year: int) -> int:
    """Ordinal of ១រោច ខែពិសាខ in Gregorian ``year``: the first day of BE ``year + 544``."""
    lunar_year = _year_by_be(year + 544)
    assert lunar_year is not None
    return lunar_year.month_starts[lunar_year.month_ids.index(_VISAKH)] + 15


def visak_bochea(year: int) -> datetime.date:
    """Visak Bochea (១៥កើត ខែពិសាខ) of Gregorian ``year``; the BE year changes the next day."""
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise InputError(f"year {year} is outside the supported range {MIN_DATE.year}-{MAX_DATE.year}")
    return datetime.date.fromordinal(_be_change(year) - 1)


@functools.cache
def _year_boundaries(year: int) -> tuple[datetime.datetime, int, int]:
    """(New Year moment, ordinal of ឡើងស័ក, ordinal of ១រោច ពិសាខ) of a Gregorian year."""
    info = _new_year(year)
    return info.moment, info.lerng_sak.toordinal(), _be_change(year)


#: Cambodia's time zone (UTC+7, no daylight saving): almanac moments are local times
CAMBODIA = datetime.timezone(datetime.timedelta(hours=7), "ICT")


def _local(moment: datetime.datetime) -> datetime.datetime:
    """A naive Cambodia-local datetime: aware datetimes are converted, naive ones taken as local."""
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        return moment.astimezone(CAMBODIA).replace(tzinfo=None)
    return moment.replace(tzinfo=None)


def year_labels(moment: datetime.date | datetime.datetime) -> tuple[int, str, int]:
    """(BE year, animal year, ស័ក 1-10) in force at ``moment`` (a date means its 00:00)."""
    if isinstance(moment, datetime.datetime):
        at = _local(moment)
        day = at.date()
    else:
        day, at = moment, datetime.datetime(moment.year, moment.month, moment.day)
    _check_range(day)
    ny_moment, lerng_sak, be_change = _year_boundaries(day.year)
    ordinal = day.toordinal()
    be = day.year + (544 if ordinal >= be_change else 543)
    animal = ANIMALS[(day.year + (548 if at >= ny_moment else 547)) % 12]
    js = day.year - (638 if ordinal >= lerng_sak else 639)
    return be, animal, js % 10 or 10


# --- dates --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LunarDate:
    """A day of the Khmer lunar calendar with the year labels in force on it.

    ``day`` 1-15 within the ``phase`` (កើត waxing / រោច waning); ``month`` a name from MONTHS;
    ``animal_year`` a name from ANIMALS; ``sak`` 1-10 (SAK_NAMES[sak - 1]); ``be_year`` the
    Buddhist era (ពុទ្ធសករាជ); ``weekday`` a name from WEEKDAYS.
    """

    day: int
    phase: str
    month: str
    animal_year: str
    sak: int
    be_year: int
    weekday: str

    @property
    def sak_name(self) -> str:
        return SAK_NAMES[self.sak - 1]

    @property
    def day_number(self) -> int:
        """0-29: the day's position in its month (១កើត = 0, ១រោច = 15)."""
        return self.day - 1 + (15 if self.phase == WANING else 0)

    @property
    def jolak_sakaraj(self) -> int:
        """The ចុល្លសករាជ year number (changes with the ស័ក on ថ្ងៃឡើងស័ក)."""
        base = self.be_year - 1182  # between ឡើងស័ក and the BE change the ស័ក is one ahead
        return base if (base % 10 or 10) == self.sak else base + 1

    def __str__(self) -> str:
        return format_lunar(self)


def _check_range(day: datetime.date) -> None:
    if not MIN_DATE <= day <= MAX_DATE:
        raise InputError(
            f"{day.isoformat()} is outside the supported range "
            f"{MIN_DATE.isoformat()}..{MAX_DATE.isoformat()} of the lunar calendar"
        )


def to_lunar(day: datetime.date | datetime.datetime) -> LunarDate:
    """The lunar date of a Gregorian date (1900-2100) with its BE, animal year and ស័ក."""
    if not isinstance(day, datetime.date):
        raise InputError(f"to_lunar needs a datetime.date, not {type(day).__name__}")
    plain = _local(day).date() if isinstance(day, datetime.datetime) else day
    _check_range(plain)
    month, number, _, _ = _position(plain.toordinal())
    be, animal, sak = year_labels(day)
    return LunarDate(
        day=number % 15 + 1,
        phase=PHASES[number // 15],
        month=MONTHS[month],
        animal_year=animal,
        sak=sak,
        be_year=be,
        weekday=WEEKDAYS[plain.weekday()],
    )


def _month_index(month: str | int) -> int:
    if isinstance(month, int) and not isinstance(month, bool):
        if 0 <= month < len(MONTHS):
            return month
        raise InputError(f"lunar month index {month} is not 0-13")
    if isinstance(month, str):
        if month in _MONTH_INDEX:
            return _MONTH_INDEX[month]
        from sastra.extract.lunar_text import month_index  # spelling variants live with the parser

        index = month_index(month)
        if index is not None:
            return index
    raise InputError(f"unknown lunar month {month!r}; expected one of {', '.join(MONTHS)}")


def _phase_index(phase: str | int) -> int:
    if phase in (0, 1) and not isinstance(phase, bool):
        return int(phase)
    if isinstance(phase, str):
        text = phase.strip()
        if text in ("កើត", "ក", "waxing"):
            return 0
        if text in ("រោច", "រ", "waning"):
            return 1
    raise InputError(f"unknown moon phase {phase!r}; expected កើត (waxing) or រោច (waning)")


def _lunar_ordinal(day: int, phase: int, month: int, be: int) -> int:
    """Ordinal of (day, phase, month) in BE year ``be``; InputError with the reason if impossible."""
    if not isinstance(day, int) or isinstance(day, bool):
        raise InputError(f"lunar day must be an int, not {type(day).__name__}")
    if not 1 <= day <= 15:
        raise InputError(f"lunar day {day} is impossible: each half-month (កើត/រោច) has days 1-15")
    # A BE year runs from ១រោច ខែពិសាខ to ១៥កើត ខែពិសាខ: the months from ជេស្ឋ to មិគសិរ (and the
    # waning half of ពិសាខ) lie in the table year of that BE, the rest in the next one.
    in_first = month in (_JESTH, _ASATH, _BOTHMAK, _TUTIYAK, _SRAP, 9, 10, _KADEK, _MIKASAR) or (
        month == _VISAKH and phase == 1
    )
    year = _year_by_be(be if in_first else be + 1)
    if year is None:
        raise InputError(f"BE {be} is outside the supported range (1900-2100)")
    if month not in year.month_ids:
        if month in (_BOTHMAK, _TUTIYAK):
            raise InputError(
                f"ខែ{MONTHS[month]} exists only in a leap-month year; BE {be} has a single ខែអាសាឍ"
            )
        raise InputError(
            f"BE {be} is a leap-month year: ខែអាសាឍ is split into ខែបឋមាសាឍ and ខែទុតិយាសាឍ"
        )
    slot = year.month_ids.index(month)
    number = day - 1 + 15 * phase
    if number >= year.month_lengths[slot]:
        raise InputError(
            f"ខែ{MONTHS[month]} of BE {be} has {year.month_lengths[slot]} days: "
            f"there is no ១៥{PHASES[phase]} (15 {'waning' if phase else 'waxing'})"
        )
    ordinal = year.month_starts[slot] + number
    if not MIN_DATE.toordinal() <= ordinal <= MAX_DATE.toordinal():
        raise InputError(f"that lunar date of BE {be} falls outside the supported range 1900-2100")
    return ordinal


def _labels_fit(ordinal: int, animal: str | None, sak: int | None) -> str | None:
    """None if the animal year and ស័ក fit the day (either animal on the New Year day itself, whose
    label changes at the New Year moment), else the reason they do not."""
    day = datetime.date.fromordinal(ordinal)
    _, animal_at_start, sak_on_day = year_labels(day)
    if animal is not None and animal != animal_at_start:
        _, animal_at_end, _ = year_labels(datetime.datetime(day.year, day.month, day.day, 23, 59, 59))
        if animal != animal_at_end:
            return f"ឆ្នាំ{animal} does not fit {day.isoformat()}, which is in ឆ្នាំ{animal_at_start}"
    if sak is not None and sak != sak_on_day:
        return f"{SAK_NAMES[sak - 1]} does not fit {day.isoformat()}, which is in {SAK_NAMES[sak_on_day - 1]}"
    return None


def _normalize_labels(animal_year: str | int | None, sak: int | str | None) -> tuple[str | None, int | None]:
    if animal_year is not None and animal_year not in ANIMALS:
        if isinstance(animal_year, int) and not isinstance(animal_year, bool) and 0 <= animal_year < 12:
            animal_year = ANIMALS[animal_year]
        else:
            from sastra.extract.lunar_text import animal_name

            name = animal_name(animal_year) if isinstance(animal_year, str) else None
            if name is None:
                raise InputError(f"unknown animal year {animal_year!r}; expected one of {', '.join(ANIMALS)}")
            animal_year = name
    if sak is not None:
        if isinstance(sak, str):
            from sastra.extract.lunar_text import sak_number

            number = sak_number(sak)
            if number is None:
                raise InputError(f"unknown ស័ក {sak!r}; expected one of {', '.join(SAK_NAMES)}")
            sak = number
        if not isinstance(sak, int) or isinstance(sak, bool) or not 1 <= sak <= 10:
            raise InputError(f"ស័ក must be 1-10, not {sak!r}")
    return animal_year, sak


def from_lunar(
    day: int | LunarDate,
    phase: str | int | None = None,
    month: str | int | None = None,
    be_year: int | None = None,
    *,
    animal_year: str | int | None = None,
    sak: int | str | None = None,
    weekday: str | int | None = None,
) -> datetime.date:
    """The Gregorian date of a lunar date: ``from_lunar(12, "កើត", "អាសាឍ", 2568)`` or
    ``from_lunar(lunar_date)``.

    Animal year, ស័ក and weekday, when given, are checked against the date. Raises InputError with
    the reason for impossible input: a lunar day outside 1-15, ១៥រោច in a 29-day month, បឋមាសាឍ in a
    year without a leap month, labels that contradict each other, a date outside 1900-2100.
    """
    if isinstance(day, LunarDate):
        lunar = day
        day, phase, month, be_year = lunar.day, lunar.phase, lunar.month, lunar.be_year
        animal_year, sak, weekday = lunar.animal_year, lunar.sak, lunar.weekday
    if phase is None or month is None or be_year is None:
        raise InputError("from_lunar needs day, phase, month and be_year (or a LunarDate)")
    if not isinstance(be_year, int) or isinstance(be_year, bool):
        raise InputError(f"be_year must be an int, not {type(be_year).__name__}")
    ordinal = _lunar_ordinal(day, _phase_index(phase), _month_index(month), be_year)
    animal_year, sak = _normalize_labels(animal_year, sak)
    problem = _labels_fit(ordinal, animal_year, sak)
    if problem:
        raise InputError(problem)
    result = datetime.date.fromordinal(ordinal)
    if weekday is not None:
        expected = _weekday_index(weekday)
        if expected != result.weekday():
            raise InputError(
                f"{result.isoformat()} is a ថ្ងៃ{WEEKDAYS[result.weekday()]}, not ថ្ងៃ{WEEKDAYS[expected]}"
            )
    return result


def _weekday_index(weekday: str | int) -> int:
    if isinstance(weekday, int) and not isinstance(weekday, bool) and 0 <= weekday < 7:
        return weekday
    if isinstance(weekday, str):
        if weekday in _WEEKDAY_INDEX:
            return _WEEKDAY_INDEX[weekday]
        from sastra.extract.lunar_text import weekday_index

        index = weekday_index(weekday)
        if index is not None:
            return index
    raise InputError(f"unknown weekday {weekday!r}; expected one of {', '.join(WEEKDAYS)}")


def candidates(
    day: int,
    phase: str | int,
    month: str | int,
    *,
    be_year: int | None = None,
    animal_year: str | int | None = None,
    sak: int | str | None = None,
) -> list[datetime.date]:
    """Every date 1900-2100 that fits a lunar date with partial year labels (any of BE, animal
    year, ស័ក). Raises InputError if the day/month is impossible in every year."""
    phase_i, month_i = _phase_index(phase), _month_index(month)
    animal_year, sak = _normalize_labels(animal_year, sak)
    if be_year is not None:
        bes = [be_year]
    else:
        years, _ = _table()
        bes = [y.be for y in years]
    found, reasons = [], []
    for be in bes:
        try:
            ordinal = _lunar_ordinal(day, phase_i, month_i, be)
        except InputError as error:
            reasons.append(error.reason)
            continue
        if _labels_fit(ordinal, animal_year, sak) is None:
            found.append(datetime.date.fromordinal(ordinal))
    if not found and reasons and len(reasons) == len(bes):
        raise InputError(reasons[0] if len(set(reasons)) == 1 or be_year is not None else
                         f"no year 1900-2100 has that lunar date ({reasons[0]})")
    return found


# --- text -----------------------------------------------------------------------------------------------

def format_lunar(lunar: LunarDate | datetime.date, *, digits: str = "khmer") -> str:
    """The almanac string: ``ថ្ងៃពុធ ១២កើត ខែអាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨``.

    ``digits="latin"`` writes 0-9 instead of Khmer digits.
    """
    if not isinstance(lunar, LunarDate):
        lunar = to_lunar(lunar)
    text = (
        f"ថ្ងៃ{lunar.weekday} {lunar.day}{lunar.phase} ខែ{lunar.month} "
        f"ឆ្នាំ{lunar.animal_year} {SAK_NAMES[lunar.sak - 1]} ព.ស.{lunar.be_year}"
    )
    if digits == "latin":
        return text
    if digits != "khmer":
        raise InputError(f"digits must be 'khmer' or 'latin', not {digits!r}")
    return text.translate(_KHMER_DIGITS)


def parse_lunar(text: str, *, near: datetime.date | int | None = None) -> LunarDate:
    """Parse an almanac string (``ថ្ងៃពុធ ១២កើត ខែអាសាឍ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨``, spacing and
    spelling variants accepted) back to a LunarDate. Without ព.ស., the year comes from the animal
    year and ស័ក, disambiguated by ``near`` (a date or Gregorian year) when needed. Every component
    written is checked; InputError says which one does not fit."""
    from sastra.extract.lunar_text import parse_lunar as _parse

    return _parse(text, near=near)


def find_lunar_dates(text: str) -> list["Mention"]:
    """Lunar dates in running text, as date mentions (rule ``"lunar"``) whose value is the resolved
    Gregorian date; see :mod:`sastra.extract.lunar_text`."""
    from sastra.extract.lunar_text import find_lunar_dates as _find

    return _find(text)
