"""Money in Khmer text: an amount (digits or number words, with scale words) and a currency.

Span convention (annotation guidelines, MONEY): number + scale word + currency as one span
(``៦៧០លានដុល្លារ`` -> 670000000 USD); a preceding ``ចំនួន`` or qualifier (``ប្រមាណ``, ``ជាង``,
``ជិត``) is outside the span and kept as ``attrs["qualifier"]``. ``value`` is the amount as a
``Decimal``; ``attrs["currency"]`` the ISO 4217 code.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sastra.errors import require_str
from sastra.records import Mention

from ._common import (
    DIGIT_CHARS,
    JOIN_NUMERAL_GAPS_RE,
    DigitRuns,
    DIGIT,
    DIGIT_NUMBER,
    GAP,
    GAP_CHARS,
    LATIN_SCALE_WORDS,
    SCALE_RE_PART,
    SPACED_THOUSANDS,
    UNIT_AFTER_RE,
    WORD_NUMBER,
    NumberError,
    alternation,
    normalize_decimal,
    parse_number_text,
    qualifier_before,
)

__all__ = ["find_money", "CURRENCY_NAMES"]

#: currency names written after the amount, by ISO 4217 code; Khmer spellings first, then Latin
CURRENCY_NAMES: dict[str, tuple[str, ...]] = {
    "USD": (*(dollar + country for dollar in ("ដុល្លារ", "ដុល្លា")  # (every spelling pair seen, dmn8-dmn12)
              for country in ("អាមេរិក", "សហរដ្ឋអាមេរិក", "អាមេរិច", "សហរដ្ឋអាមេរិច", "អាម៉េរិក",
                              "សហរដ្ឋអាម៉េរិក", "សហដ្ឋអាមេរិក")),
            "ដុល្លារ", "ដុល្លា", "ដុលា្លរ", "ដុលារ", "ដុល្លារ៍",
            "$", "US$", "USD", "usd", "dollars", "dollar", "Dollars", "Dollar"),
    "KHR": ("រៀលខ្មែរ", "រៀលកម្ពុជា", "រៀល", "៛", "KHR", "riels", "riel", "Riels", "Riel"),
    "THB": ("បាតថៃ", "បាត", "baht", "Baht", "THB", "฿"),
    "CNY": ("យ័នចិន", "យ៉ន់ចិន", "យ័ន", "យ៉ន់", "យន់", "យាន់", "yuan", "Yuan", "CNY", "RMB"),
    "EUR": ("អឺរ៉ូ", "អឺរ៉ូ", "អឺរ៉ូ", "យូរ៉ូ", "euros", "euro", "Euros", "Euro", "EUR", "€"),
    "GBP": ("ផោនស្ទែរលីង", "ផោន", "pounds", "pound", "GBP", "£"),
    "JPY": ("យ៉េនជប៉ុន", "យេនជប៉ុន", "យ៉េន", "យេន", "yen", "Yen", "JPY", "¥"),
    "VND": ("ដុងវៀតណាម", "ដុង", "dong", "VND", "₫"),
    "KRW": ("វ៉ុនកូរ៉េ", "វ៉ុន", "won", "KRW", "₩"),
    "LAK": ("គីបឡាវ", "គីប", "kip", "LAK"),
    "MMK": ("ក្យាត", "kyat", "MMK"),
    "MYR": ("រីងហ្គីតម៉ាឡេស៊ី", "រីងហ្គីត", "ringgit", "MYR"),
    "INR": ("រូពីឥណ្ឌា", "រូពី", "រ៉ូពី", "rupees", "rupee", "INR", "₹"),
    "IDR": ("រូពីឥណ្ឌូនេស៊ី", "រូពីយ៉ា", "rupiah", "IDR"),
    "PHP": ("ប៉េសូហ្វីលីពីន", "ពេសូហ្វីលីពីន", "ប៉េសូ", "ពេសូ", "pesos", "peso", "PHP", "₱"),
    "CHF": ("ហ្វ្រង់ស្វីស", "CHF"),
    "AUD": ("ដុល្លារអូស្ត្រាលី", "ដុល្លារអូស្រ្តាលី", "AUD", "A$"),
    "CAD": ("ដុល្លារកាណាដា", "CAD", "C$"),
    "SGD": ("ដុល្លារសិង្ហបុរី", "SGD", "S$"),
    "HKD": ("ដុល្លារហុងកុង", "HKD", "HK$"),
    "TWD": ("ដុល្លារតៃវ៉ាន់", "TWD"),
    "NZD": ("ដុល្លារនូវែលសេឡង់", "NZD"),
    "RUB": ("រូប្លិ៍", "roubles", "rubles", "RUB", "₽"),
}
#: currency signs and codes also written before the amount ($1.2, USD 100)
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "$": "USD", "USD": "USD", "៛": "KHR", "KHR": "KHR", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "JPY", "฿": "THB", "THB": "THB", "A$": "AUD", "S$": "SGD",
    "HK$": "HKD", "C$": "CAD", "₩": "KRW", "₫": "VND", "₹": "INR", "₱": "PHP", "RMB": "CNY",
    "CNY": "CNY",
}

_NAME_TO_CODE: dict[str, str] = {}
for _code, _names in CURRENCY_NAMES.items():
    for _name in _names:
        _NAME_TO_CODE.setdefault(_name, _code)


# longest spellings first, so ដុល្លារអាមេរិក wins over ដុល្លារ (the prefix tree tries longer first); a
# blank or zero-width space may sit between the clusters (ដុល្លារ\u200bអា\u200bមេ\u200bរិ\u200bក,
# ដុល្លារ អាមេរិក); a Khmer currency name must not continue into a longer word (បាត់, បាតដៃ)
_SORTED_NAMES = sorted(_NAME_TO_CODE, key=len, reverse=True)
_CURRENCY_AFTER = (
    f"(?:{alternation(_NAME_TO_CODE, loose=True, sep=f'[{GAP_CHARS}]?')})(?![\u17b6-\u17d3A-Za-z])"
)
_PREFIX = f"(?:{alternation(CURRENCY_PREFIXES)})"

_LATIN_SCALE = f"(?:{alternation(LATIN_SCALE_WORDS)})(?![A-Za-z])"
_SCALES = f"(?:{SCALE_RE_PART}|{_LATIN_SCALE})"
# Scanning: the number scanner (sastra.extract.numbers) finds the numerals; an amount is a numeral
# followed by [ជាង] and a currency name, matched at the numeral's end. Signs written before the amount
# ($100, US$ 5 million) are scanned for separately (rare characters).
#: what may follow an amount: [ជាង] currency
_CURRENCY_AFTER_AMOUNT_RE = re.compile(f"(?P<more>{GAP}ជាង)?{GAP}(?P<cur>{_CURRENCY_AFTER})")
#: (session 20) thousands written apart after the sign, as Khmer sites do (``$65 000``)
_SPACED_AFTER_SIGN = f"{SPACED_THOUSANDS}(?![0-9\u17e0-\u17e9.,])"
_SIGN_RE = re.compile(
    f"(?P<pre>{_PREFIX}){GAP}(?P<amount2>(?:{_SPACED_AFTER_SIGN}|{DIGIT_NUMBER})(?:{GAP}{_SCALES})*)(?![0-9\u17e0-\u17e9])"
)
#: a Khmer currency name written right before the digits (លុយដុល្លារ១៥០), not after an amount of its own
#: (dollar and riel only: a shorter name such as បាត ends other words, ឬសដូងបាត២៦,៨៦៨ករណី)
_KHMER_NAMES = [name for name in _NAME_TO_CODE
                if "\u1780" <= name[0] <= "\u17ff" and _NAME_TO_CODE[name] in ("USD", "KHR")]
_KHMER_NAME_BEFORE_RE = re.compile(
    f"(?<![0-9\u17e0-\u17e9{GAP_CHARS}])(?<![0-9\u17e0-\u17e9][{GAP_CHARS}])"
    "(?P<cur>" + alternation(_KHMER_NAMES, loose=True, sep="[\u200b]?") + ")\u200b?$")
#: the last letters of those names: whenever the pattern matches before an amount, one of them stands
#: in the three characters before it (a zero-width space and a line break may follow the name), so
#: without one the search is skipped
_KHMER_NAME_LAST = frozenset(name[-1] for name in _KHMER_NAMES)
#: an amount restated in parentheses between it and its currency: digits and scale words, or number
#: words (``៥០០០០ (ហាសិបពាន់) រៀល``)
_RESTATED_RE = re.compile(f"{GAP}\\((?:(?={GAP}{DIGIT})[0-9\u17e0-\u17e9.,{GAP_CHARS}]+{GAP}(?:{_SCALES}{GAP})*"
                          f"|{GAP}{WORD_NUMBER}{GAP})\\)")
_SCALE_IN_RE = re.compile(_SCALES)
#: a scale letter glued to the digits after a currency sign (``$5m``, ``$20K``, ``$1.2b``)
_SHORT_SCALES = {"k": "thousand", "m": "million", "b": "billion"}
_SHORT_SCALE_RE = re.compile("[kmbKMB](?![A-Za-z0-9])")
_CLUSTER_GAP_RE = re.compile(f"[{GAP_CHARS}]")


#: (dmn8) weight before pounds; what makes "one riel" mean "not a single riel"; two parts of an amount
_WEIGHT_BEFORE_RE = re.compile("ទម្ងន់|ធ្ងន់")
_ONE = "មួយ"
_NOT_EVEN_RE = re.compile(f"{GAP}(?:ក៏)?(?:គ្មាន|អត់|មិន)")
_AND_RE = re.compile(f"{GAP}និង{GAP}")


def _joined_parts(text: str, before: tuple[int, int], start: int, end: int) -> Decimal | None:
    """The sum of an amount in two parts joined by និង (``២លាន និង៤សែន``) when the currency follows the
    second only: the first carries a scale word and is larger than the second; None otherwise."""
    b_start, b_end = before
    if _AND_RE.fullmatch(text, b_end, start) is None or _CURRENCY_AFTER_AMOUNT_RE.match(text, b_end) is not None:
        return None
    first, second = text[b_start:b_end], text[start:end]
    scales = _SCALE_IN_RE.findall(first)
    if not scales:
        return None
    try:
        a = parse_number_text(JOIN_NUMERAL_GAPS_RE.sub("", first))
        b = parse_number_text(JOIN_NUMERAL_GAPS_RE.sub("", second))
        unit = parse_number_text("1" + scales[-1])
    except NumberError:
        return None
    # the second part must be under the first's last scale (២លាន និង៤សែន); ``៥លាន និង៣លាន`` are two amounts
    return Decimal(a) + Decimal(b) if b < unit else None


def _currency_code(name: str) -> str:
    key = _CLUSTER_GAP_RE.sub("", name)
    if key in _NAME_TO_CODE:
        return _NAME_TO_CODE[key]
    # a blank between a currency and its country (ដុល្លារ អាមេរិក): fall back on the first word
    for candidate in _SORTED_NAMES:
        if key.startswith(candidate):
            return _NAME_TO_CODE[candidate]
    raise KeyError(name)  # pragma: no cover - the regex only matches known names


def find_money(text: str) -> list[Mention]:
    """Every amount of money in ``text`` as a ``money`` Mention (value: Decimal amount,
    attrs: currency, and qualifier when one is written)."""
    require_str(text)
    from .numbers import _candidates

    return _money_from(text, *_candidates(text))


def _money_from(text: str, candidates, runs: DigitRuns | None = None) -> list[Mention]:
    """Money from the numerals found by the number scanner: each numeral followed by a currency
    (``runs``, when given, tells whether a currency sign can stand before an amount)."""
    found: list[tuple[int, int, str, str, str, bool]] = []  # start, end, amount text, code, rule, ជាង
    sums: dict[int, Decimal] = {}  # start -> amount, for two parts joined by និង
    previous: tuple[int, int] | None = None
    for start, end, is_digits, negative in candidates:
        before, previous = previous, (start, end)
        c = _CURRENCY_AFTER_AMOUNT_RE.match(text, end)
        if c is None and text.startswith("(", end + (text[end:end + 1] in GAP_CHARS)):
            # ``១ ៤០០ ពាន់លាន (១,៤ ទ្រីលាន) ដុល្លារ``: the amount restated in other words, then the
            # currency: one amount (the first writing is its value)
            restated = _RESTATED_RE.match(text, end)
            if restated is not None:
                c = _CURRENCY_AFTER_AMOUNT_RE.match(text, restated.end())
        if c is None:
            if is_digits and not negative and start:
                name_before = _KHMER_NAME_BEFORE_RE.search(text, max(0, start - 24), start) \
                    if not _KHMER_NAME_LAST.isdisjoint(text[max(0, start - 3):start]) else None
                if name_before is not None and UNIT_AFTER_RE.match(text, end) is None:
                    found.append((name_before.start(), end, text[start:end],
                                  _currency_code(name_before.group("cur")), "money.currency_amount", False))
            continue
        if negative:
            start += 1
        code = _currency_code(c.group("cur"))
        if code == "GBP" and _WEIGHT_BEFORE_RE.search(text, max(0, start - 16), start) is not None:
            continue  # ``ទម្ងន់៥ពាន់ផោន``: pounds of weight (dmn8)
        if text.startswith(_ONE, start) and end - start == len(_ONE) and _NOT_EVEN_RE.match(text, c.end()):
            continue  # ``មួយរៀលគ្មាន``: "not a single riel", no amount (dmn8)
        total = _joined_parts(text, before, start, end) if before is not None else None
        if total is not None:
            # ``២លាន និង៤សែនដុល្លារ``: two parts of one amount joined by និង, the currency after both
            sums[before[0]] = total
            start = before[0]
        found.append((start, c.end(), text[start:end], code, "money.amount_currency", c.group("more") is not None))
    if (runs is None or not runs.before.isdisjoint(_SIGN_LAST_CHARS)) and any(ch in text for ch in _SIGN_CHARS):
        for m in _SIGN_RE.finditer(text):
            start = m.start()
            if start and text[start - 1].isascii() and text[start - 1].isalpha():
                continue
            end, amount_text = m.end(), m.group("amount2")
            short = _SHORT_SCALE_RE.match(text, end)
            if short is not None and not _SCALE_IN_RE.search(amount_text):
                # ``$5m``, ``US$20k``: the short scale letters of English business news, glued to
                # digits after a currency sign (``5m`` alone is five metres)
                end, amount_text = short.end(), f"{amount_text} {_SHORT_SCALES[short.group().lower()]}"
            elif text[end:end + 1].isascii() and text[end:end + 1].isalpha():
                continue  # $2,5XX: a masked price, not an amount
            found.append((start, end, amount_text, CURRENCY_PREFIXES[m.group("pre")], "money.sign_amount", False))
    # flat: the longer of two overlapping amounts wins
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for start, end, amount_text, code, rule, more in found:
        if any(start < e and s < end for s, e in taken):
            continue
        attrs: dict[str, object] = {"currency": code}
        try:
            amount = sums[start] if start in sums else parse_number_text(JOIN_NUMERAL_GAPS_RE.sub("", amount_text))
        except NumberError as err:
            if amount_text[0] not in DIGIT_CHARS:
                continue  # vague words (រាប់លាន, ពីរបី) are not an amount
            taken.append((start, end))
            attrs.update(invalid=True, reason=str(err))
            out.append(Mention("money", start, end, text[start:end], None, rule + ".invalid", attrs=attrs))
            continue
        taken.append((start, end))
        q = "more_than" if more else qualifier_before(text, start)
        if q:
            attrs["qualifier"] = q
        out.append(Mention("money", start, end, text[start:end], normalize_decimal(amount), rule, attrs=attrs))
    out.sort(key=lambda m: m.start)
    return out


#: characters that can start a currency sign or code written before the amount
_SIGN_CHARS = tuple(sorted({p[0] for p in CURRENCY_PREFIXES}))
#: the characters that end them: one stands before the digits of every such amount (blanks skipped)
_SIGN_LAST_CHARS = frozenset(p[-1] for p in CURRENCY_PREFIXES)
