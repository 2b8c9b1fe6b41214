"""The query language: parsed into records, errors with positions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sastra.index.query import QuerySyntaxError, parse_filters, parse_query


def test_words_phrases_and_signs():
    parsed = parse_query('ភ្នំពេញ "ក្រសួង សុខាភិបាល" +ផ្សារ -សៀមរាប title:ក្រុង')
    assert [(c.text, c.occur, c.phrase, c.field) for c in parsed.text] == [
        ("ភ្នំពេញ", "should", False, "text"),
        ("ក្រសួង សុខាភិបាល", "should", True, "text"),
        ("ផ្សារ", "must", False, "text"),
        ("សៀមរាប", "must_not", False, "text"),
        ("ក្រុង", "must", False, "title"),
    ]


def test_typed_filters():
    parsed = parse_query('date:2019-07 published:២០១៩ person:"ហ៊ុន សែន" loc:ភ្នំពេញ amount:>=1,000 currency:usd '
                         "-category:sports")
    by_field = {f.field: f for f in parsed.filters}
    assert by_field["date"].value.start == dt.date(2019, 7, 1) and by_field["date"].value.end == dt.date(2019, 8, 1)
    assert by_field["published"].value.end == dt.date(2020, 1, 1)
    assert by_field["person"].value == "ហ៊ុនសែន"
    assert by_field["place"].value == "ភ្នំពេញ"
    assert by_field["amount"].value.low == Decimal(1000) and by_field["amount"].value.high is None
    assert by_field["currency"].value == "USD"
    assert by_field["category"].negated
    assert dt.date(2019, 7, 31) in by_field["date"].value


def test_date_ranges():
    (flt,) = parse_query("date:2019-07-01..2019-07-15").filters
    assert flt.value.start == dt.date(2019, 7, 1) and flt.value.end == dt.date(2019, 7, 16)
    (flt,) = parse_query("date:..2019").filters
    assert flt.value.end == dt.date(2020, 1, 1)


@pytest.mark.parametrize("query, needle", [
    ('"ក្រសួង', "unclosed quote"),
    ("date:2019-13", "bad date"),
    ("date:July", "bad date"),
    ("amount:lots", "bad amount"),
    ("person:", "needs a value"),
    ("date:2019-08..2019-07", "ends before"),
    ("amount:500..100", "ends below"),
    ("person:។", "nothing to search"),
])
def test_errors_say_what_and_where(query, needle):
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    assert needle in str(info.value)
    assert info.value.position is not None


def test_urls_and_unknown_names_are_text():
    parsed = parse_query("https://example.com/a")
    assert parsed.text and not parsed.filters
    parsed = parse_query("Video: ព័ត៌មាន link:x")
    assert [c.text for c in parsed.text] == ["Video:", "ព័ត៌មាន", "link:x"] and not parsed.filters


def test_unknown_field_in_separate_filters_is_an_error():
    with pytest.raises(QuerySyntaxError, match="unknown field"):
        parse_filters(["foo:bar"])


def test_filters_given_apart():
    assert [f.field for f in parse_filters({"date": "2019-07", "person": ["ក", "ខ"]})] == ["date", "person", "person"]
    assert parse_filters(['person:"ហ៊ុន សែន"'])[0].value == "ហ៊ុនសែន"
    with pytest.raises(QuerySyntaxError):
        parse_filters(["nocolon"])


def test_too_long():
    with pytest.raises(QuerySyntaxError):
        parse_query("ក" * 5000)
