"""The user's query language, parsed into plain records (no search engine involved).

Syntax (documented in docs/search.md)::

    អភិបាលក្រុង ភ្នំពេញ          words: ranked by BM25, any may match (more matches rank higher)
    "ក្រសួង សុខាភិបាល"           a phrase: these clusters in this order (spacing ignored)
    +ភ្នំពេញ  -សៀមរាប             must contain / must not contain
    (a word before ``:`` that is not a field name below is plain text)
    title:ភ្នំពេញ                words that must occur in the headline
    date:2019-07  date:2019-07-01..2019-07-15   published:2019   (any date in the article / its date)
    person:"ហ៊ុន សែន"  org:...  place:...  (loc: is place:)  site:...  category:...  id:...
    amount:>=1000000  amount:100..500  currency:USD

A query that cannot be understood raises :class:`QuerySyntaxError`, which says where and what to do;
:func:`sastra.index.search` turns it into a result with ``error`` set, never a crash.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable, Mapping

from sastra.errors import InputError, require_str
from sastra.khmer import to_latin_digits

__all__ = ["QuerySyntaxError", "TextClause", "Filter", "ParsedQuery", "parse_query", "parse_filters",
           "FILTER_FIELDS", "DateRange", "AmountRange"]

#: field name -> the canonical filter it means
FILTER_FIELDS = {
    "date": "date", "published": "published",
    "person": "person", "org": "org", "place": "place", "loc": "place",
    "site": "site", "category": "category", "id": "id",
    "amount": "amount", "currency": "currency",
}
TEXT_FIELDS = {"title": "title", "text": "text", "body": "text"}
ENTITY_FILTERS = ("person", "org", "place")

MAX_QUERY_CHARS = 2000


class QuerySyntaxError(InputError):
    """A query the parser cannot understand; ``position`` is the character offset of the problem."""

    def __init__(self, message: str, *, position: int | None = None) -> None:
        where = f" (at character {position})" if position is not None else ""
        super().__init__(message + where)
        self.position = position


@dataclass(frozen=True, slots=True)
class TextClause:
    """Free text to match: ``occur`` is should, must or must_not; ``field`` text or title."""

    text: str
    occur: str = "should"
    phrase: bool = False
    field: str = "text"


@dataclass(frozen=True, slots=True)
class DateRange:
    """Dates ``start <= d < end``; ``label`` is what the user wrote."""

    start: _dt.date
    end: _dt.date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and self.start <= day < self.end


@dataclass(frozen=True, slots=True)
class AmountRange:
    low: Decimal | None
    high: Decimal | None
    include_low: bool = True
    include_high: bool = True

    def __contains__(self, value: object) -> bool:
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return False
        if self.low is not None and (amount < self.low or (amount == self.low and not self.include_low)):
            return False
        if self.high is not None and (amount > self.high or (amount == self.high and not self.include_high)):
            return False
        return True


@dataclass(frozen=True, slots=True)
class Filter:
    """A typed restriction: ``value`` is a DateRange, AmountRange, or a folded key string."""

    field: str
    value: object
    raw: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: tuple[TextClause, ...]
    filters: tuple[Filter, ...]

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.filters


# --- values ----------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def _month_after(year: int, month: int) -> _dt.date:
    return _dt.date(year + (month == 12), month % 12 + 1, 1)


def _date_bounds(text: str, position: int | None) -> tuple[_dt.date, _dt.date]:
    match = _DATE_RE.match(text)
    if not match:
        raise QuerySyntaxError(f"bad date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD", position=position)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
        if day is None:
            return _dt.date(year, month, 1), _month_after(year, month)
        start = _dt.date(year, month, day)
        return start, start + _dt.timedelta(days=1)
    except ValueError as exc:
        raise QuerySyntaxError(f"bad date {text!r}: {exc}", position=position) from None


def parse_date_range(value: str, position: int | None = None) -> DateRange:
    """``2019``, ``2019-07``, ``2019-07-15`` or ``FROM..TO`` (both ends inclusive, either may be empty)."""
    text = to_latin_digits(value.strip())
    if ".." in text:
        low, _, high = text.partition("..")
        if not low and not high:
            raise QuerySyntaxError(f"empty date range {value!r}", position=position)
        start = _date_bounds(low, position)[0] if low else _dt.date(1, 1, 1)
        end = _date_bounds(high, position)[1] if high else _dt.date(9999, 12, 31)
        if end <= start:
            raise QuerySyntaxError(f"date range {value!r} ends before it starts", position=position)
        return DateRange(start, end, value)
    start, end = _date_bounds(text, position)
    return DateRange(start, end, value)


def _number(text: str, value: str, position: int | None) -> Decimal:
    cleaned = to_latin_digits(text).replace(",", "").replace("_", "").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise QuerySyntaxError(f"bad amount {value!r}: write a number like 1000000, >=5000 or 100..500",
                               position=position) from None
    if not number.is_finite():
        raise QuerySyntaxError(f"bad amount {value!r}", position=position)
    return number


def parse_amount_range(value: str, position: int | None = None) -> AmountRange:
    """``1000``, ``>1000``, ``>=1000``, ``<5000``, ``<=5000`` or ``100..500``."""
    text = value.strip()
    for op in (">=", "<=", ">", "<"):
        if text.startswith(op):
            number = _number(text[len(op):], value, position)
            if op[0] == ">":
                return AmountRange(number, None, include_low=op == ">=")
            return AmountRange(None, number, include_high=op == "<=")
    if ".." in text:
        low, _, high = text.partition("..")
        lo = _number(low, value, position) if low.strip() else None
        hi = _number(high, value, position) if high.strip() else None
        if lo is None and hi is None:
            raise QuerySyntaxError(f"empty amount range {value!r}", position=position)
        if lo is not None and hi is not None and hi < lo:
            raise QuerySyntaxError(f"amount range {value!r} ends below where it starts", position=position)
        return AmountRange(lo, hi)
    number = _number(text, value, position)
    return AmountRange(number, number)


def make_filter(field: str, value: str, *, negated: bool = False, position: int | None = None) -> Filter:
    """One filter from a field name and the value the user wrote."""
    from sastra.index.analysis import entity_key, fold

    name = FILTER_FIELDS.get(field.lower())
    if name is None:
        known = ", ".join(sorted(set(FILTER_FIELDS) | set(TEXT_FIELDS)))
        raise QuerySyntaxError(f"unknown field {field!r}; known fields: {known}", position=position)
    if not value.strip():
        raise QuerySyntaxError(f"{field}: needs a value, e.g. {field}:{_EXAMPLES[name]}", position=position)
    parsed: object
    if name in ("date", "published"):
        parsed = parse_date_range(value, position)
    elif name == "amount":
        parsed = parse_amount_range(value, position)
    elif name == "currency":
        parsed = value.strip().upper()
    elif name in ENTITY_FILTERS:
        parsed = entity_key(value)
        if not parsed:
            raise QuerySyntaxError(f"{field}: the value {value!r} has nothing to search for", position=position)
    else:  # site, category, id: keywords
        parsed = value.strip() if name == "id" else fold(value.strip())
    return Filter(name, parsed, value, negated)


_EXAMPLES = {"date": "2019-07", "published": "2019-07-15", "person": '"ហ៊ុន សែន"', "org": "ក្រសួងសុខាភិបាល",
             "place": "ភ្នំពេញ", "site": "freshnewsasia.com", "category": "sports", "id": "313577",
             "amount": ">=1000000", "currency": "USD"}


# --- the query string ------------------------------------------------------------------------------

_FIELD_RE = re.compile(r"([A-Za-z_]+):(?!//)")
_SPACE = " \t\r\n\u00a0\u3000"


def parse_query(query: str) -> ParsedQuery:
    """Parse the user's query string; raises :class:`QuerySyntaxError` with a position on error."""
    require_str(query, "query")
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"query too long ({len(query)} characters; the limit is {MAX_QUERY_CHARS})")
    text: list[TextClause] = []
    filters: list[Filter] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch in _SPACE:
            i += 1
            continue
        start = i
        occur = "should"
        if ch in "+-" and i + 1 < n and query[i + 1] not in _SPACE:
            occur = "must" if ch == "+" else "must_not"
            i += 1
        field = None
        match = _FIELD_RE.match(query, i)
        if match and (match.group(1).lower() in FILTER_FIELDS or match.group(1).lower() in TEXT_FIELDS):
            # an unknown NAME: is text ("Video:", "link:" start many pasted headlines)
            field = match.group(1).lower()
            i = match.end()
        if i < n and query[i] == '"':
            close = query.find('"', i + 1)
            if close < 0:
                raise QuerySyntaxError('unclosed quote: add the closing " or remove the opening one',
                                       position=i)
            value, quoted = query[i + 1:close], True
            i = close + 1
        else:
            end = i
            while end < n and query[end] not in _SPACE and query[end] != '"':
                end += 1
            value, quoted = query[i:end], False
            i = end
        if field is not None and field in FILTER_FIELDS:
            filters.append(make_filter(field, value, negated=occur == "must_not", position=start))
            continue
        if not value.strip():
            if field is not None:
                raise QuerySyntaxError(f"{field}: needs some words after it", position=start)
            if quoted:
                continue  # "" means nothing
            continue
        target = TEXT_FIELDS.get(field or "text", "text")
        if target == "title" and occur == "should":
            occur = "must"
        text.append(TextClause(value, occur, quoted, target))
    return ParsedQuery(tuple(text), tuple(filters))


def parse_filters(filters: Mapping[str, object] | Iterable[str] | None) -> tuple[Filter, ...]:
    """Filters given apart from the query: a mapping ``{"person": "...", "date": "2019-07"}`` (a list
    value means several filters) or strings ``"person:..."``."""
    if not filters:
        return ()
    out: list[Filter] = []
    if isinstance(filters, Mapping):
        for field, value in filters.items():
            values = value if isinstance(value, (list, tuple, set)) else [value]
            for item in values:
                out.append(make_filter(str(field), str(item)))
        return tuple(out)
    if isinstance(filters, str):
        filters = [filters]
    for item in filters:
        field, sep, value = str(item).partition(":")
        if not sep:
            raise QuerySyntaxError(f"bad filter {item!r}: write FIELD:VALUE, e.g. date:2019-07")
        negated = field.startswith("-")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        out.append(make_filter(field.lstrip("-").strip(), value, negated=negated))
    return tuple(out)
