"""Cardinal numbers in Khmer text: digits (Khmer and Latin, separators, decimals, percents) and
number words composed properly (``ពីរពាន់លាន`` = 2,000,000,000, ``មួយលានកន្លះ`` = 1,500,000).

Span convention (annotation guidelines, NUMBER): the numeral only, without ``ចំនួន``, ``ជាង``,
``ប្រហែល`` or the classifier/unit after it (``៦៦រូប`` -> ``៦៦``); those go to ``attrs``
(``qualifier``, ``unit``). Not numbers: ordinals and list markers (``ទី២``, ``(១)``, ``១៖``, ``១-``),
clock times, identifiers (``ផ្លូវលេខ៦``, phone numbers), digits inside names (``កូវីដ-១៩``, ``TV5``),
vague quantities (``ពីរបី``, ``មួយចំនួន``) and ``មួយ`` meaning "a".
"""

from __future__ import annotations

import re

from sastra.errors import require_str
from sastra.extract.dates import MONTH_NAMES as _MONTH_NAMES
from sastra.records import Mention

from ._common import (
    DIGIT_CHARS,
    JOIN_NUMERAL_GAPS_RE,
    DigitRuns,
    digit_runs,
    flat_spans,
    DIGIT,
    DIGIT_NUMBER,
    DIGIT_NUMBER_TAIL,
    GAP,
    GAP_CHARS,
    HALF_WORD,
    LATIN_SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    SCALE_RE_PART,
    SPACED_THOUSANDS,
    THOUSANDS_GAP,
    UNIT_AFTER_RE,
    UNIT_WORDS_AFTER,
    WORD_ATOM,
    WORD_NUMBER,
    WORD_NUMBER_SCAN,
    NumberError,
    digits_start_ok,
    word_start_ok,
    alternation,
    as_int_or_decimal,
    parse_number_text,
    qualifier_before,
)

__all__ = ["find_numbers", "find_dates_numbers_money", "resolve_overlaps", "UNIT_WORDS_AFTER"]

_LATIN_SCALE = f"(?:{alternation(LATIN_SCALE_WORDS)})(?![A-Za-z])"
_SCALES = f"(?:{SCALE_RE_PART}|{_LATIN_SCALE})"
#: thousands written apart, and (session 20) a decimal part after them, as the French-style figures
#: of government reports write it (``១ ៧៥០,៥ ហិកតា``)
_SPACED_DECIMALS = f"(?:[.,]{DIGIT}{{1,2}})?"
_SPACED = f"{SPACED_THOUSANDS}{_SPACED_DECIMALS}(?![0-9\u17e0-\u17e9.,])"
_WORD_ATOM_RE = re.compile(WORD_ATOM)
#: a zero, a decimal point and its fraction, then a blank and a scale word (``០.៥ លាន``)
_ZERO_POINT_SCALED_RE = re.compile(f"[0\u17e0][.,]{DIGIT}+{GAP}{_SCALES}")
_THOUSANDS_GAP_RE = re.compile(THOUSANDS_GAP)

# Scanners over the whole text (compiled once). They start with a digit or a number word, never with
# a look-behind: the look-behinds are checked in Python on the few matches (digits_start_ok, ...).
_DIGIT_NUMERAL_RE = re.compile(
    f"{DIGIT}(?:{DIGIT_NUMBER_TAIL}(?:{GAP}{_SCALES})+(?:{GAP}{DIGIT_NUMBER}(?:{GAP}{SCALE_RE_PART})+)*"
    f"(?:{GAP}{HALF_WORD})?"
    f"|{DIGIT}{{0,2}}(?:{THOUSANDS_GAP}{DIGIT}{{3}})+{_SPACED_DECIMALS}(?![0-9\u17e0-\u17e9.,])(?:{GAP}{_SCALES})*"  # (``១ ៤០០ ពាន់លាន``: dmn7)
    f"|{DIGIT_NUMBER_TAIL})(?![0-9\u17e0-\u17e9])"
)
_WORD_NUMERAL_RE = re.compile(WORD_NUMBER_SCAN)
_SPACED_RE = re.compile(_SPACED)
#: three or more digit groups separated by single blanks or dashes: phone numbers, time stamps
#: (``photo 2024 07 17 19 43 30``), account numbers -- never counts
#: (a run starts after no digit, and its groups never give digits back: else a long run of digits
#: is tried from each of its digits, each try costing the rest of the run, quadratic time)
_DIGIT_RUN_RE = re.compile(f"{DIGIT}(?<!{DIGIT}{DIGIT}){DIGIT}*+(?:(?:{THOUSANDS_GAP}|-){DIGIT}++){{2,}}")
#: clock times and ratios written with a colon
_CLOCK_RE = re.compile(f"{DIGIT}{DIGIT}?{GAP}[:៖ៈ]{GAP}{DIGIT}{{2}}(?:[:៖ៈ]{DIGIT}{{2}})?(?![0-9\u17e0-\u17e9])")
#: what every clock time above holds: the colon and the minutes after it
_CLOCK_HINT_RE = re.compile(f"[:៖ៈ]{GAP}{DIGIT}{DIGIT}")
#: what stands between the digit groups of _DIGIT_RUN_RE, and before the minutes of _CLOCK_HINT_RE
_RUN_SEPARATORS = frozenset(" \u00a0\u200b-")
_CLOCK_COLONS = frozenset(":៖ៈ")
_AND_WORDS = ("និង", "នឹង")
#: ម៉ោង ៩ និង ៣០ នាទី, ម៉ោងប្រមាណ ៩, វេលាម៉ោង១៥នឹង០០នាទី (also the mistyped មោ់ង): a clock time,
#: unless ម៉ោង follows a count (៣ម៉ោង ២០នាទី is a duration; checked in Python)
_HOUR_WORD_CLOCK_RE = re.compile(
    f"(?:ម៉ោង|មោ៉ង|មោ់ង){GAP}(?:ប្រមាណ(?:{GAP}ជា)?|ប្រហែល(?:{GAP}ជា)?|ជាង|ជិត|ចន្លោះ)?{GAP}"
    f"{DIGIT}{DIGIT}?(?![0-9\u17e0-\u17e9])(?:{GAP}(?:និង|នឹង|[:៖.]){GAP}{DIGIT}{DIGIT}?(?![0-9\u17e0-\u17e9]))?"
)
#: hours and minutes joined by និង, with នាទី after them (``ដល់ ១០និង០០នាទី``): a clock time (dmn10)
_HOURS_AND_MINUTES_RE = re.compile(
    f"{DIGIT}{DIGIT}?(?![0-9\u17e0-\u17e9]){GAP}(?:និង|នឹង){GAP}{DIGIT}{DIGIT}(?![0-9\u17e0-\u17e9]){GAP}នាទី")
#: digits run together with blanks as thousands separators (២ ៨៨៨ ៤៦១): a number, not a phone number
_SPACED_THOUSANDS_RE = re.compile(SPACED_THOUSANDS)
#: international phone numbers (+855 12 345 678) and GMT+7-like offsets
_PLUS_RE = re.compile(f"\\+{GAP}{DIGIT}+(?:[ \u00a0-]{DIGIT}+)*")

# Context rules (applied to a few characters around a candidate, never to the whole text)
# (the look-behinds stand after the first letter of their word, ``ម(?<!…ម)``: the same test, but every
# alternative then starts with a literal that the engine rejects at once on most characters)
_SKIP_BEFORE_RE = re.compile(
    "(?:ទី|លេខ|ម(?<![0-9\u17e0-\u17e9]ម)(?<!ពេញម)៉ោង|កូវីដ|កូវិដ|ផ្លូវ|វិថី|St\\.|ក្រុម|ភូមិ|កែង|ភាគ|៖|ផ្លូវជាតិ|មាត្រា|ជំពូក|កថាខណ្ឌ|ចំណុច|ខ(?<![0-9\u17e0-\u17e9]ខ)ែ|ព\\.?\\s?ស\\.?|គ\\.?\\s?ស\\.?"
    "|ពុទ្ធសករាជ|គ្រិស្តសករាជ|No\\.?|no\\.?|#|№|[A-Za-z\u1780-\u17d3]-|[0-9\u17e0-\u17e9][:៖/]|[/@])" + GAP + "$"
)
#: the second number of an identifier range (គីឡូម៉ែត្រលេខ៤៨-៤៩, ទី១-២)
_ID_RANGE_BEFORE_RE = re.compile(f"(?:ទី|លេខ|ផ្លូវ){GAP}{DIGIT}+{GAP}[-–]{GAP}$")
#: a day number before a month name is part of a date or of a name (ខណ្ឌ៧មករា), never a count
_MONTH_AFTER_RE = re.compile(f"{GAP}(?:{alternation(_MONTH_NAMES, loose=True)})(?![\u17b6-\u17d3])")
_LUNAR_AFTER_RE = re.compile(f"{GAP}(?:កើត|រោច)")
#: (session 18) what follows a list item's number: a point and a Khmer word, or ``ឈ្មោះ`` ("named")
_KHMER_LIST_ITEM_RE = re.compile(f"(?:\\.{GAP}[\u1780-\u17b3]|{GAP}ឈ្មោះ)")
_LIST_MARKER_AFTER_RE = re.compile(f"(?:៖|-{GAP}(?![0-9\u17e0-\u17e9-])|[:/](?=[0-9\u17e0-\u17e9]))")
#: a lone number word after these is part of a name or a sum (ចតុកោណ...បូកបី)
_WORD_SKIP_BEFORE_RE = re.compile(f"(?:បូក|ដក|គុណ|ចែក){GAP}$")
_OR_BEFORE_RE = re.compile(f"(?:{WORD_NUMBER}){GAP}(?:ឬ|ឫ){GAP}$")
#: digits glued to other digits by a zero-width space (៣\u200b២, plates 775\u200b6): garbled, not a count
#: (a zero-width space before a group of three digits separates thousands: ១០\u200b០០០)
_ZW_DIGIT_BEFORE_RE = re.compile(f"{DIGIT}\u200b$")
_ZW_DIGIT_AFTER_RE = re.compile(f"\u200b{DIGIT}")
_ZW_GARBLED_RE = re.compile(f"{DIGIT}\u200b(?={DIGIT})(?!{DIGIT}{{3}}(?![0-9\u17e0-\u17e9]))")
_COUNT_BEFORE_RE = re.compile(f"(?:ចំនួន|ទាំង|ត្រឹម|អស់|សរុប){GAP}$")
#: digits glued to the Khmer name of a Latin letter are a code: house ``លេខសេ១០`` (C10), plot
#: ``អិន៨`` (N8), motorbike ``ហុងដាសេ១២៥`` (C125)
_LETTER_NAME_BEFORE_RE = re.compile("(?:សេ|អិន|អឺ|អេ|អេហ្វ|អេច|អិល|អឹម|អេស|អ៊ិច|ប៊ី|ឌី)$")
_LATIN_AFTER_RE = re.compile("[A-Za-z]")  # glued letters: 5G, 4K, 720p
_DIMENSION_AFTER_RE = re.compile(f"[x×]{DIGIT}")  # ២០x២៥: the width of a plot, then its length
#: (session 18) a licence plate: a province code, a digit and capitals, then four digits (``2K 5585``,
#: ``2AM 1334``): an identifier
_PLATE_CODE_BEFORE_RE = re.compile(f"(?<![A-Za-z0-9])[0-9][A-Z]{{1,3}}[ \u00a0-]?[{GAP_CHARS}]?$")
#: a Latin token right before the digits (a brand, a model, a plate or passport series), and the
#: currency codes that are no such token
_LATIN_TOKEN_BEFORE_RE = re.compile(f"(?<![A-Za-z0-9\u17e0-\u17e9])[A-Za-z][A-Za-z0-9]*[ \u00a0]?[{GAP_CHARS}]?$")
_CURRENCY_CODE_BEFORE_RE = re.compile("(?:USD|KHR|EUR|THB|CNY|JPY|GBP|US|Rs|No|no|km|kg)\\.?[ \u00a0]?[\u200b]?$")
_LATIN_UNIT_AFTER_RE = re.compile(
    "(?:km2|km|kg|cm|mm|ha|MW|kW|GW|GB|MB|TB|GHz|mAh|MP|m|g|t|l|%|USD|KHR|dollars?)(?![A-Za-z])"
)
#: (``ពេញម៉ោង``: "full time", a duration)
_FULL = "ពេញ"


def _excluded_spans(text: str, runs: DigitRuns | None = None) -> list[tuple[int, int]]:
    """Spans whose numerals are no counts (phone numbers, clock times); the scans that cannot match
    by what stands around the text's digits (``runs``, when given) are skipped."""
    spans = []
    if runs is None or not runs.between.isdisjoint(_RUN_SEPARATORS):
        spans = [m.span() for m in _DIGIT_RUN_RE.finditer(text) if not _SPACED_THOUSANDS_RE.fullmatch(m.group())]
    if (runs is None or not runs.before.isdisjoint(_CLOCK_COLONS)) and _CLOCK_HINT_RE.search(text) is not None:
        # (one article in thirteen: the scan tries every digit)
        spans.extend(m.span() for m in _CLOCK_RE.finditer(text))
    for m in (_HOUR_WORD_CLOCK_RE.finditer(text) if "ោ" in text else ()):  # (ម៉ោង and its misspellings)
        p = m.start()
        prev = text[p - 1] if p else ""
        prev2 = text[p - 2] if p > 1 else ""
        if prev and (prev in DIGIT_CHARS or (prev in GAP_CHARS and prev2 and prev2 in DIGIT_CHARS)):
            continue
        if text.endswith(_FULL, 0, p):
            continue  # ``ពេញម៉ោង ៩០នាទី``: "full time, 90 minutes" (a duration, dmn10)
        spans.append(m.span())
    if "នាទី" in text and (runs is None or runs.followed_by(_AND_WORDS)):
        spans.extend(m.span() for m in _HOURS_AND_MINUTES_RE.finditer(text))
    if "+" in text:
        spans.extend(m.span() for m in _PLUS_RE.finditer(text))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _candidates(text: str) -> tuple[list[tuple[int, int, bool, bool]], DigitRuns]:
    """(start, end, is_digits, negative) of every numeral, digit numerals first in case of overlap;
    and the DigitRuns of the text (the scanner's matches hold every digit of it)."""
    found = []
    spans = []
    for m in _DIGIT_NUMERAL_RE.finditer(text):
        start, end = m.span()
        spans.append((start, end))
        if not digits_start_ok(text, start):
            continue
        if text[start] in "0\u17e0" and _THOUSANDS_GAP_RE.search(m.group()) \
                and not _ZERO_POINT_SCALED_RE.match(m.group()):
            # blanks between thousands never follow a leading zero (012 345 678): the first group only;
            # a fraction before its scale word keeps it (``០.៥ លានដុល្លារ``, half a million)
            end = start + len(_THOUSANDS_GAP_RE.split(m.group(), maxsplit=1)[0])
        negative = start > 0 and text[start - 1] == "-" and (start == 1 or text[start - 2] in " \t(\u00a0")
        found.append((start - 1 if negative else start, end, True, negative))
    # word numerals that do not overlap a digit numeral (both lists are in text order)
    words = []
    i = 0
    n = len(found)
    for m in _WORD_NUMERAL_RE.finditer(text):
        start, end = m.span()
        while i < n and found[i][1] <= start:
            i += 1
        if i < n and found[i][0] < end:
            continue
        if word_start_ok(text, start):
            words.append((start, end, False, False))
    if words:
        found.extend(words)
        found.sort()
    return found, digit_runs(text, spans)


def find_numbers(text: str) -> list[Mention]:
    """Every cardinal number of ``text`` as a ``number`` Mention (value: int or Decimal).

    A numeral that cannot be given a value (words that do not compose, absurd magnitude) is reported
    with ``value=None`` and ``attrs["invalid"]`` naming the reason; nothing is invented.
    """
    require_str(text)
    return _numbers_from(text, *_candidates(text))


_SINGLE_WORDS = frozenset(UNIT_WORDS) | frozenset(TENS_WORDS)


def _numbers_from(text: str, candidates, runs: DigitRuns | None = None) -> list[Mention]:
    excluded = _excluded_spans(text, runs)
    out: list[Mention] = []
    for start, end, is_digits, negative in candidates:
        raw = text[start:end]
        raw_abs = raw[1:] if negative else raw
        if excluded and _inside(excluded, start, end):
            continue
        if not is_digits and raw in _SINGLE_WORDS:
            # fast path for the many lone number words (មួយ as "a", ពីរ...): a count context or not
            counted = _COUNT_BEFORE_RE.search(text, max(0, start - 14), start)
            if not counted and (raw == "មួយ" or not UNIT_AFTER_RE.match(text, end)):
                continue
        before = text[max(0, start - 14):start]
        after = text[end:end + 24]
        if _SKIP_BEFORE_RE.search(before) or _ID_RANGE_BEFORE_RE.search(before):
            continue
        if is_digits and _MONTH_AFTER_RE.match(text, end):
            continue
        if _LUNAR_AFTER_RE.match(after):
            continue  # lunar day (១២កើត): part of a lunar date, found by sastra.extract.lunar
        attrs: dict[str, object] = {}
        if is_digits:
            if _ZW_DIGIT_BEFORE_RE.search(before) or _ZW_DIGIT_AFTER_RE.match(after) or \
                    "\u200b" in raw_abs and _ZW_GARBLED_RE.search(raw_abs):
                continue
            if _LETTER_NAME_BEFORE_RE.search(before) and not UNIT_AFTER_RE.match(text, end):
                continue
            if _LIST_MARKER_AFTER_RE.match(after):
                continue
            if after[:1] == ")" and (before.rstrip(GAP_CHARS)[-1:] == "(" or
                                     len(raw_abs) <= 2 and before[-30:].rfind("(") <= before[-30:].rfind(")")):
                continue  # (១) list marker, and ``១)ទឹក ២)ផ្លូវ`` (no parenthesis open before it)
            at_line_start = not before.strip(GAP_CHARS) or before.rstrip(GAP_CHARS)[-1:] == "\n"
            if after[:1] == "." and at_line_start:
                continue  # 1. list marker at line start
            if len(raw_abs) <= 2 and _KHMER_LIST_ITEM_RE.match(after) and (after[:1] == "." or at_line_start):
                # (session 18) ``(ឃាត់ខ្លួន) ២.ឈ្មោះ ហេង សុផាត``, ``…១. ក្រូចឆ្មារ``: a point then a Khmer
                # word is no decimal point (Khmer ends a sentence with ។); ``\n៧ឈ្មោះ លឹម រតនៈ``: an item
                # of a list of suspects at a line's start
                continue
            if _LATIN_AFTER_RE.match(after) and not _LATIN_UNIT_AFTER_RE.match(after) and \
                    not _DIMENSION_AFTER_RE.match(after):
                continue  # 5G, 4K, 720p: part of a name (not ``២០x២៥ម៉ែត្រ``: dimensions, dmn10)
            if raw_abs[:1].isascii() and _LATIN_TOKEN_BEFORE_RE.search(before) and \
                    not _CURRENCY_CODE_BEFORE_RE.search(before) and not _LATIN_UNIT_AFTER_RE.match(after.lstrip(" ")):
                # ``Mazda 2``, ``Mate 20 X``, ``ED 1029380``: Latin digits after a Latin token are a model
                # or an identifier (dmn10); Khmer digits after one count (``Atletico Madrid ៧-៣``)
                continue
            if len(raw_abs) == 4 and raw_abs.isascii() and _PLATE_CODE_BEFORE_RE.search(before) and \
                    "លេខ" in text[max(0, start - 40):start]:
                continue  # a licence plate (``ស្លាកលេខ ភ្នំពេញ 2K 5585``)
            digits_only = raw_abs
            if (
                len(digits_only) >= 3
                and digits_only[0] in "0\u17e0"
                and digits_only[1:2] not in (".", ",")
            ):
                continue  # leading zero: an identifier or a phone number, not a quantity
        try:
            value = parse_number_text(
                _THOUSANDS_GAP_RE.sub("", raw_abs) if _SPACED_RE.fullmatch(raw_abs) else
                JOIN_NUMERAL_GAPS_RE.sub("", raw_abs) if _SPACED_RE.match(raw_abs) else raw_abs)
        except NumberError as err:
            if not is_digits or "absurd" not in str(err):
                # vague or non-composing words (ពីរបី, រាប់លាន) are not numbers; neither are dotted
                # identifiers (versions 2.15.14, 10.23.01)
                continue
            out.append(Mention("number", start, end, raw, None, "numeral.invalid",
                               attrs={"invalid": True, "reason": str(err)}))
            continue
        unit_m = UNIT_AFTER_RE.match(after)
        unit = UNIT_WORDS_AFTER[unit_m.group(1)] if unit_m else None
        if not is_digits:
            if _WORD_SKIP_BEFORE_RE.search(before) or _OR_BEFORE_RE.search(before):
                continue  # part of a sum or a name; ពីរ ឬ បី (two or three) is vague
            single = len(_WORD_ATOM_RE.findall(raw)) == 1
            counted = bool(_COUNT_BEFORE_RE.search(before))
            if single and not (counted or unit):
                continue  # a lone number word needs a count context (ចំនួនបី, ពីរនាក់)
            if value == 1 and not counted:
                continue  # មួយ as "a"
        if (
            is_digits
            and len(raw_abs) == 4 and not negative
            and 1900 <= value <= 2100
            and not unit
            and not _COUNT_BEFORE_RE.search(before)
            and not qualifier_before(text, start)
        ):
            continue  # a bare year (2019): a date part or part of a name, not a quantity
        q = qualifier_before(text, start)
        if q:
            attrs["qualifier"] = q
        if unit:
            attrs["unit"] = unit
        rule = "numeral.digits" if is_digits else "numeral.words"
        if negative:
            value = -value
        out.append(Mention("number", start, end, raw, as_int_or_decimal(value), rule, attrs=attrs))
    return out


#: which kind wins when two mentions overlap and have the same length
_PRIORITY = {"date": 0, "money": 1, "number": 2}


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Flat, non-overlapping mentions: the outer (longest) mention wins, then date > money > number,
    then the earliest. Returned in text order."""
    return flat_spans(mentions, lambda m: _PRIORITY.get(m.kind, 9))


def find_dates_numbers_money(text: str, reference_date=None) -> list[Mention]:
    """Dates, money and numbers of ``text`` together, without overlaps: a number that is part of a
    date or an amount of money is not reported again on its own (annotation guidelines: flat spans,
    the outer mention wins)."""
    from .dates import _find_dates

    from .money import _money_from

    require_str(text)
    candidates, runs = _candidates(text)  # shared by dates, money and numbers
    return resolve_overlaps(
        _find_dates(text, reference_date, runs) + _money_from(text, candidates, runs)
        + _numbers_from(text, candidates, runs)
    )
