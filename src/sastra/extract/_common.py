"""Shared pieces of the date, number and money finders: digit classes, number words, composition.

Khmer digits are matched with explicit classes (``[0-9០-៩]``), never ``\\d`` (which also accepts
Thai, Arabic-Indic, ... digits), and parsed through :func:`sastra.khmer.to_latin_digits`.
Everything here works on short matched strings; the long texts are only scanned by compiled regexes.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from typing import Callable, Iterable, TypeVar

from sastra.khmer import to_latin_digits

_Span = TypeVar("_Span")


def flat_spans(spans: Iterable[_Span], rank: Callable[[_Span], int]) -> list[_Span]:
    """Flat, non-overlapping spans in text order (annotation guidelines: the outer mention wins).

    The longer span wins, then the lower ``rank``, then the earlier one; empty spans are dropped.
    Works on anything with ``start`` and ``end``: mentions and the entity finders' candidates.
    """
    spans = list(spans)
    order = sorted(spans, key=lambda x: (-(x.end - x.start), rank(x), x.start))
    covered = bytearray(max((x.end for x in spans), default=0))
    chosen = []
    for span in order:
        if span.end <= span.start or span.start < 0:
            continue
        if covered.find(1, span.start, span.end) >= 0:
            continue
        covered[span.start:span.end] = b"\x01" * (span.end - span.start)
        chosen.append(span)
    chosen.sort(key=lambda x: x.start)
    return chosen

#: English weekday names by Python weekday (Monday = 0), for the warnings of dates
WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_mismatch(said: int, day: datetime.date) -> str:
    """The warning of a date whose written weekday (``said``, Monday = 0) is not ``day``'s, in the
    same words for Gregorian and lunar dates."""
    return f"weekday mismatch: the text says {WEEKDAY_EN[said]}, {day.isoformat()} is a {WEEKDAY_EN[day.weekday()]}"


#: one digit, Latin or Khmer
DIGIT = "[0-9\u17e0-\u17e9]"
#: the same digits as a set, for tests on one character
DIGIT_CHARS = frozenset("0123456789\u17e0\u17e1\u17e2\u17e3\u17e4\u17e5\u17e6\u17e7\u17e8\u17e9")
#: what may stand between the thousands of a numeral (``១ ៤០០``, ``១០\u200b០០០``)
THOUSANDS_GAP = "[ \u00a0\u200b]"
#: a number with its thousands written apart (``២ ៨៨៨ ៤៦១``, ``$65 000``): a first group of one to three
#: digits, no leading zero, then groups of three (numbers and money both read it)
SPACED_THOUSANDS = f"[1-9\u17e1-\u17e9]{DIGIT}{{0,2}}(?:{THOUSANDS_GAP}{DIGIT}{{3}})+"
#: a zero-width space inside a numeral (``១​២រៀល``, ``១,​០០០``): typed or inserted by a word breaker
#: between two digits, or after a digit's separator, it belongs to the numeral
ZW_DIGIT = "\u200b?"
#: what is removed from a numeral before parsing it: the blanks between its thousands, and every
#: zero-width space inside it
JOIN_NUMERAL_GAPS_RE = re.compile(
    f"(?<={DIGIT})[ \u00a0](?={DIGIT}{{3}}(?![0-9\u17e0-\u17e9]))"
    f"|(?:(?<={DIGIT})|(?<={DIGIT}[.,]))\u200b(?={DIGIT})")
#: invisible or blank characters that may sit between the parts of a date or an amount
#: (publishers put zero-width spaces between words)
GAP_CHARS = " \u00a0\u200b\u200c\u200d\u2060\ufeff"
GAP = f"[{GAP_CHARS}]*"


#: a written number: digits with thousands separators and/or a decimal part, e.g. ១,២៣៤.៥ or 3,5
DIGIT_NUMBER = f"{DIGIT}(?:{ZW_DIGIT}{DIGIT})*(?:[.,]{ZW_DIGIT}{DIGIT}(?:{ZW_DIGIT}{DIGIT})*)*"
#: what follows the first digit of DIGIT_NUMBER (scanners start with one plain digit class so that
#: Python's regex engine can skip ahead to the next digit: a repeat or a group first defeats that)
DIGIT_NUMBER_TAIL = f"(?:{ZW_DIGIT}{DIGIT})*(?:[.,]{ZW_DIGIT}{DIGIT}(?:{ZW_DIGIT}{DIGIT})*)*"

# --- number words -----------------------------------------------------------------------------
#: value of each number word; longer spellings must be tried first (see WORD_ALTERNATION)
UNIT_WORDS: dict[str, int] = {
    "សូន្យ": 0,
    "មួយ": 1,
    "ពីរ": 2,
    "បី": 3,
    "បួន": 4,
    "ប្រាំ": 5,
    "ប្រាំមួយ": 6,
    "ប្រាំពីរ": 7,
    "ប្រាំបី": 8,
    "ប្រាំបួន": 9,
}
TENS_WORDS: dict[str, int] = {
    "ដប់": 10,
    "ម្ភៃ": 20,
    "ម្ភែ": 20,
    "សាមសិប": 30,
    "សាម\u200bសិប": 30,
    "សែសិប": 40,
    "ហាសិប": 50,
    "ហុកសិប": 60,
    "ចិតសិប": 70,
    "ប៉ែតសិប": 80,
    "កៅសិប": 90,
}
#: multipliers; ម៉ឺន is also met mistyped as មុឺន
SCALE_WORDS: dict[str, int] = {
    "រយ": 100,
    "ពាន់": 1_000,
    "ម៉ឺន": 10_000,
    "មុឺន": 10_000,
    "ម៉ុឺន": 10_000,
    "ម៉ីន": 10_000,  # mistyped ម៉ឺន (២ម៉ីនរៀល)
    "សែន": 100_000,
    "លាន": 1_000_000,
    "កោដិ": 10_000_000,
    "កោដ": 10_000_000,
    "ប៊ីលាន": 1_000_000_000,
    "ទ្រីលាន": 1_000_000_000_000,
    "ប៊ី\u200bលាន": 1_000_000_000,  # with the zero-width space some sites put between its two words
    "ទ្រី\u200bលាន": 1_000_000_000_000,
}
HALF_WORD = "កន្លះ"

#: classifiers and units written after a count or a measure (kept in attrs["unit"], outside the span);
#: digits with one of them after are a count, never a year or an amount
UNIT_WORDS_AFTER: dict[str, str] = {
    w: w
    for w in (
        "នាក់ រូប អង្គ ឆ្នាំ ខែ ថ្ងៃ សប្ដាហ៍ សប្តាហ៍ អាទិត្យ ម៉ោង នាទី វិនាទី ដង លើក គ្រឿង គ្រាប់ ក្បាល ដើម "
        "ផ្ទះ ខ្នង កន្លែង គ្រួសារ ខេត្ត ប្រទេស ស្រុក ឃុំ ភូមិ គីឡូក្រាម គីឡូម៉ែត្រ គីឡូ តោន ម៉ែត្រការ៉េ ម៉ែត្រ "
        "ហិកតា ហិចតា លីត្រ សង់ទីម៉ែត្រ មីលីម៉ែត្រ ក្រាម ករណី ចំណុច កម្រិត ដុំ ប្លុក ឯកសារ ជាន់ គ្រុប ក្រុម "
        "ប្រភេទ ផ្នែក ស្ថាប័ន សាលា បន្ទប់ មុខ ក្បួន កញ្ចប់ ដប កំប៉ុង ប្រអប់ គ្រែ អង្សា វ៉ាត់ មេហ្គាវ៉ាត់ "
        "ពិន្ទុ គ្រាប់បាល់ ឈុត ស្បោង បាវ ឡាន ទូក ខ្សែ ជួរ ម៉ឺនាក់ សៀវភៅ វគ្គ ខ្ទង់ ខ្ទះ ភាគ"
    ).split()
}
UNIT_WORDS_AFTER.update({"%": "percent", "ភាគរយ": "percent", "km": "km", "kg": "kg", "m": "m",
                         "cm": "cm", "mm": "mm", "ha": "ha", "MW": "MW", "kW": "kW", "km2": "km2"})


#: English scale words written after Latin digits in Khmer text ("5 million")
LATIN_SCALE_WORDS: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    # (the abbreviations of English business news: US$1.5bn, $20mn; never a unit of measure)
    "bn": 1_000_000_000,
    "mn": 1_000_000,
}


def alternation(words, loose: bool = False, sep: str = "\u200b?") -> str:
    """A regex matching any of the literal ``words``, longest first (ប្រាំមួយ wins over ប្រាំ).

    Built as a prefix tree (``ម(?:ួយ|្ភៃ)`` rather than ``មួយ|ម្ភៃ``) so that Python's regex engine
    rejects most positions after one or two characters: this is what keeps the finders fast on long
    Khmer texts. With ``loose``, ``sep`` (by default an optional zero-width space) may sit between the
    clusters of a Khmer word.
    """
    from sastra.khmer import CLUSTER_RE

    trie: dict = {}
    for word in set(words):
        units = CLUSTER_RE.findall(word) if loose else list(word)
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict, first: bool) -> str:
        branches = []
        # longer continuations first; the end of a word ("") last, so the longest word wins
        for unit in sorted((u for u in node if u), key=lambda u: -_depth(node[u])):
            gap = sep if (loose and not first and _is_khmer(unit)) else ""
            branches.append(gap + re.escape(unit) + emit(node[unit], False))
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie, True)


def _depth(node: dict) -> int:
    return 1 + max((_depth(n) for u, n in node.items() if u), default=0)


def _is_khmer(unit: str) -> bool:
    return "\u1780" <= unit[0] <= "\u17ff"


# Scale words that must not be read inside longer words: រយៈ (duration), សែន+letter (very ...),
# លាន+ដ្ឋាន, ...: a scale word counts only when not followed by a dependent mark that would make it
# a different word.
_SCALE_ALT = alternation(SCALE_WORDS)
SCALE_RE_PART = f"(?:{_SCALE_ALT})(?![\u17b6-\u17d3])"
_UNIT_ALT = alternation(UNIT_WORDS)
_TENS_ALT = alternation(TENS_WORDS)
#: one number word (unit, tens, scale, half); the guard rejects ពីរោះ, រយៈ, បីបាច់-like continuations
#: of the same cluster (a following dependent vowel or sign)
#: words that end in a number word without being one: ក្របី (buffalo), ទោះបី (although), កុំបី, គួរបី,
#: រូបី (rupee) ... (from the ICU Khmer dictionary's words ending in a number word; the ones spelt with
#: a subscript, ដើម្បី, សូម្បី, ល្បី, ស្ពាន់, ឃ្លាន, are already excluded by the no-COENG-before rule)
_NOT_AFTER_WORDS = ("ក្រ", "ទោះ", "កុំ", "គួរ", "រូ", "បើ", "ឥត", "ប្រា", "កឡោ", "ត្រកង")
_NOT_AFTER = "".join(f"(?<!{w})" for w in _NOT_AFTER_WORDS)
#: (a colon typed for ៈ counts as the sign: ``សម្រាកមួយរយ:នៃ…`` is រយៈ, a while; dmn7)
_NOT_AFTER_ATOM = "(?![\u17b6-\u17d3]|:[\u1780-\u17b3])"
WORD_ATOM = f"{_NOT_AFTER}(?:{_TENS_ALT}|{_UNIT_ALT}|{_SCALE_ALT}|{HALF_WORD}){_NOT_AFTER_ATOM}"
#: a run of number words, possibly separated by zero-width spaces
WORD_NUMBER = f"(?:{WORD_ATOM})(?:[\u200b]?(?:{WORD_ATOM}))*"
#: the same without the look-behind guards, for scanning long texts fast: callers check the start
#: with :func:`word_start_ok` (a look-behind tried at every position of a text is what makes a scan slow)
# one prefix tree over every number word, so that the scan starts with a set of literal characters
_BARE_ATOM = f"{alternation([*TENS_WORDS, *UNIT_WORDS, *SCALE_WORDS, HALF_WORD])}{_NOT_AFTER_ATOM}"
WORD_NUMBER_SCAN = f"{_BARE_ATOM}(?:\u200b?{_BARE_ATOM})*"
#: a classifier or unit right after a numeral (after blanks), the word in group 1
UNIT_AFTER_RE = re.compile(f"{GAP}({alternation(UNIT_WORDS_AFTER)})")


def word_start_ok(text: str, start: int) -> bool:
    """A number word may start here: not inside a cluster (after a COENG) nor the end of a longer
    word such as ក្របី or ទោះបី."""
    if start and text[start - 1] == "\u17d2":
        return False
    return not text.endswith(_NOT_AFTER_WORDS, max(0, start - 5), start)


def digits_start_ok(text: str, start: int) -> bool:
    """A digit numeral may start here: not glued to a Latin letter, another digit, or a decimal mark."""
    if not start:
        return True
    prev = text[start - 1]
    if prev in "x×" and start > 1 and text[start - 2] in DIGIT_CHARS:
        return True  # ``២០x២៥ម៉ែត្រ``: the second side of a dimension
    return not (prev.isascii() and (prev.isalnum() or prev in "_.,")) and not ("\u17e0" <= prev <= "\u17e9")


_DIGITS_RE = re.compile(f"{DIGIT}+")


@dataclass(slots=True)  # (not frozen: built once per text, and a frozen dataclass is slower to build)
class DigitRuns:
    """The runs of digits of a text and what stands around them.

    Many scanners start with a digit, and a scan for a digit reads the whole text; but most of them
    only match with a certain character next to a number (a dash after a year in ``២០១៩-២០២៣``, a
    colon before the minutes of ``១០:៣០``). When no run of the text has it, the finder skips the scan:
    a few set lookups instead of a pass over the text. Built from the matches of the number scanner,
    which hold every digit of the text, so it costs no scan of its own.
    """

    text: str
    starts: list[int]
    ends: list[int]
    #: where the blanks before each run start, and where those after it end
    gap_starts: list[int]
    gap_ends: list[int]
    #: the first character before a run, blanks skipped ("" at the start of the text)
    before: set[str]
    #: the first character after a run, blanks skipped ("" at the end of the text)
    after: set[str]
    #: a character standing alone between two runs (the "/" of ``17/07/2019``, the "." of ``1.5``)
    between: set[str]

    def preceded_by(self, words: tuple[str, ...]) -> bool:
        """Some run has one of ``words`` before it (blanks between skipped)."""
        if self.before.isdisjoint(word[-1] for word in words):
            return False  # (no run has the last letter of one before it: a set lookup per word)
        return any(self.text.endswith(words, 0, gap_start) for gap_start in self.gap_starts)

    def followed_by(self, words: tuple[str, ...]) -> bool:
        """Some run has one of ``words`` after it (blanks between skipped)."""
        return any(self.text.startswith(words, gap_end) for gap_end in self.gap_ends)


def digit_runs(text: str, spans: Iterable[tuple[int, int]]) -> DigitRuns:
    """The DigitRuns of ``text``, from ``spans`` that hold every digit of the text between them and
    each start and end at the edge of a run (the number scanner's matches)."""
    starts = []
    ends = []
    for span_start, span_end in spans:
        if text[span_start:span_end].isdigit():  # (the common case: the span is one run)
            starts.append(span_start)
            ends.append(span_end)
        else:
            for m in _DIGITS_RE.finditer(text, span_start, span_end):
                starts.append(m.start())
                ends.append(m.end())
    n = len(text)
    gap_starts = []
    for i in starts:
        while i and text[i - 1] in GAP_CHARS:
            i -= 1
        gap_starts.append(i)
    gap_ends = []
    for i in ends:
        while i < n and text[i] in GAP_CHARS:
            i += 1
        gap_ends.append(i)
    return DigitRuns(
        text, starts, ends, gap_starts, gap_ends,
        before={text[i - 1] if i else "" for i in gap_starts},
        after={text[i:i + 1] for i in gap_ends},
        between={text[i] for i in ends if text[i + 1:i + 2] in DIGIT_CHARS},
    )


_ATOM_RE = re.compile(
    f"(?P<scale>{_SCALE_ALT})|(?P<tens>{_TENS_ALT})|(?P<unit>{_UNIT_ALT})|(?P<half>{HALF_WORD})"
    f"|(?P<digits>{DIGIT_NUMBER})|(?P<latin>{alternation(LATIN_SCALE_WORDS)})"
)

MAX_SANE = Decimal(10) ** 15


class NumberError(ValueError):
    """A numeral that cannot be given a value (the reason is the message)."""


def parse_digit_number(raw: str) -> Decimal:
    """Value of a digit numeral with separators, following the annotation guidelines.

    ``,`` followed by exactly three digits (repeatedly) separates thousands (``៣,៩៧៩`` = 3979);
    a single ``,`` or ``.`` followed by one or two digits, or ``.`` before the last group when commas
    separate thousands, is the decimal mark (``១,៩`` = 1.9, ``1,234.5``); dots before groups of three
    (``123.456.789``, ``1.234``) separate thousands, as in the Google Khmer text-normalization data;
    with both marks the last one is the decimal mark (``1.234,5``).
    """
    s = to_latin_digits(raw.replace("\u200b", "") if "\u200b" in raw else raw)
    if not re.fullmatch(r"[0-9]+(?:[.,][0-9]+)*", s):
        raise NumberError(f"not a numeral: {raw!r}")
    groups = re.split(r"([.,])", s)
    digits = groups[0::2]
    seps = groups[1::2]
    if not seps:
        return Decimal(s)
    last_sep = seps[-1]
    head_ok = len(digits[0]) <= 3
    if len(set(seps)) == 2:
        # both marks: the last one is decimal, the other separates thousands
        if seps.count(last_sep) != 1 or not head_ok or any(len(g) != 3 for g in digits[1:-1]):
            raise NumberError(f"mixed separators in {raw!r}")
        return Decimal("".join(digits[:-1]) + "." + digits[-1])
    # one kind of separator
    if all(len(g) == 3 for g in digits[1:]) and head_ok:
        if len(seps) >= 2 or last_sep == "," or last_sep == ".":
            # ,ddd -> thousands (guidelines); .ddd -> thousands (textnorm: 1.234 = 1234)
            return Decimal("".join(digits))
    if len(seps) == 1:
        return Decimal(digits[0] + "." + digits[1])
    raise NumberError(f"unreadable grouping in {raw!r}")


def _compose(atoms: list[tuple[str, object]]) -> Decimal:
    """Value of a sequence of (kind, value) atoms: split at the largest multiplier, recursively.

    ``ពីរពាន់លាន`` = (ពីរពាន់) × លាន; ``មួយលានប្រាំសែន`` = មួយ × លាន + ប្រាំសែន;
    ``មួយលានកន្លះ`` = មួយ × លាន + ½ លាន.
    """
    if not atoms:
        raise NumberError("empty")
    scales = [(v, i) for i, (k, v) in enumerate(atoms) if k == "scale"]
    if not scales:
        # additive part below the smallest scale: tens + unit, or a digit numeral
        if any(k == "half" for k, _ in atoms):
            raise NumberError("កន្លះ without a scale word")
        if len(atoms) == 1:
            return Decimal(atoms[0][1])  # type: ignore[arg-type]
        kinds = [k for k, _ in atoms]
        if "digits" in kinds:
            raise NumberError("digits mixed with number words")
        if kinds == ["tens", "unit"]:
            return Decimal(atoms[0][1]) + Decimal(atoms[1][1])  # type: ignore[arg-type]
        raise NumberError("number words that do not compose (a vague range such as ពីរបី?)")
    big = max(v for v, _ in scales)
    # the last occurrence of the largest scale splits the numeral
    split = max(i for v, i in scales if v == big)
    left, right = atoms[:split], atoms[split + 1:]
    left_value = _compose(left) if left else Decimal(1)
    if right == [("half", None)]:
        right_value = Decimal(big) / 2
    elif right:
        right_value = _compose(right)
        if right_value >= big:
            raise NumberError("a smaller part is not smaller than its scale")
    else:
        right_value = Decimal(0)
    return left_value * big + right_value


@functools.lru_cache(maxsize=4096)  # (a pure function of a short numeral; the same ones recur: years, small counts)
def parse_number_text(raw: str) -> Decimal:
    """Value of a numeral made of digits and/or Khmer number words (``៦៧០លាន``, ``មួយលានកន្លះ``).

    Raises :class:`NumberError` (with the reason) when the parts do not compose.
    """
    if raw.isdigit() and len(raw) <= 15:
        # the common case, plain digits (the scanners only let 0-9 and ០-៩ through)
        return Decimal(int(to_latin_digits(raw)))
    atoms: list[tuple[str, object]] = []
    pos = 0
    compact = raw
    for m in _ATOM_RE.finditer(compact):  # a short matched numeral, not a whole text
        gap = compact[pos:m.start()]
        if gap.strip(GAP_CHARS):
            raise NumberError(f"unexpected {gap!r} in {raw!r}")
        pos = m.end()
        kind = m.lastgroup
        text = m.group()
        if kind == "scale":
            atoms.append(("scale", SCALE_WORDS[text]))
        elif kind == "latin":
            atoms.append(("scale", LATIN_SCALE_WORDS[text]))
        elif kind == "tens":
            atoms.append(("tens", TENS_WORDS[text]))
        elif kind == "unit":
            # ប្រាំ + មួយ/ពីរ/បី/បួន are written as one word (6..9)
            if atoms and atoms[-1][0] == "unit" and atoms[-1][1] == 5 and UNIT_WORDS[text] in (1, 2, 3, 4):
                atoms[-1] = ("unit", 5 + UNIT_WORDS[text])
            else:
                atoms.append(("unit", UNIT_WORDS[text]))
        elif kind == "half":
            atoms.append(("half", None))
        else:
            atoms.append(("digits", parse_digit_number(text)))
    if compact[pos:].strip(GAP_CHARS):
        raise NumberError(f"unexpected {compact[pos:]!r} in {raw!r}")
    expanded = atoms
    if expanded and expanded[0][0] == "scale":
        raise NumberError("a scale word without a count before it")
    if expanded and expanded[0][0] == "half":
        raise NumberError("កន្លះ alone")
    value = _compose(expanded)
    if value >= MAX_SANE:
        raise NumberError(f"absurd magnitude ({value:.3E})")
    return value


def as_int_or_decimal(value: Decimal, written_decimal: bool = False):
    """An int when the value is whole (and was not written with a decimal part), else the Decimal."""
    if value == value.to_integral_value():
        return int(value) if not written_decimal else normalize_decimal(value)
    return normalize_decimal(value)


def normalize_decimal(value: Decimal) -> Decimal:
    """``Decimal('1500000000.0')`` -> ``Decimal('1500000000')``; ``Decimal('2.50')`` -> ``2.5``."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    try:
        return value.normalize()
    except InvalidOperation:  # pragma: no cover - only for NaN-like values we never build
        return value


# --- qualifiers ---------------------------------------------------------------------------------
#: words before an amount or a count that qualify it; the key is what attrs["qualifier"] holds
QUALIFIER_WORDS: dict[str, str] = {
    "ប្រមាណជា": "approx",
    "ប្រមាណ": "approx",
    "ប្រហែលជា": "approx",
    "ប្រហែល": "approx",
    "ប្រហាក់ប្រហែល": "approx",
    "ច្រើនជាង": "more_than",
    "លើសពី": "more_than",
    "មិនលើសពី": "at_most",
    "មិនលើស": "at_most",
    "យ៉ាងច្រើន": "at_most",
    "ជាង": "more_than",
    "ជិត": "nearly",
    "ស្ទើរតែ": "nearly",
    "យ៉ាងតិច": "at_least",
    "យ៉ាងហោចណាស់": "at_least",
    "តិចជាង": "less_than",
    "មិនដល់": "less_than",
    "រហូតដល់": "up_to",
    "ដល់ទៅ": "up_to",
    "រហូតទៅដល់": "up_to",
    "ត្រឹមតែ": "only",
}
_QUALIFIER_BEFORE_RE = re.compile(f"(?:{alternation(QUALIFIER_WORDS)}){GAP}$")


def qualifier_before(text: str, start: int) -> str | None:
    """The qualifier word (ប្រមាណ, ជាង, ជិត, ...) written just before ``start``, if any."""
    m = _QUALIFIER_BEFORE_RE.search(text, max(0, start - 16), start)
    if not m:
        return None
    word = m.group().rstrip(GAP_CHARS)
    return QUALIFIER_WORDS[word]
