"""The top-level extract(): all finders together, kinds, overlaps across kinds, documents, bad input."""

from __future__ import annotations

import datetime
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sastra
import sastra.extract as ex
from sastra.errors import ConfigError, InputError
from sastra.records import Document, Mention

TEXT = ("ភ្នំពេញ៖ នៅថ្ងៃទី២២ ខែកក្កដា ឆ្នាំ២០២០ លោក ឈៀង យ៉ាណារ៉ា បានប្រកាសថា រដ្ឋាភិបាលអាល្លឺម៉ង់ "
        "ផ្តល់ជំនួយ៦៧០លានដុល្លារ ដល់កម្ពុជា ក្នុងរយៈពេល២២ឆ្នាំ។")


def kinds_of(mentions):
    return {(m.kind, m.text) for m in mentions}


def test_all_kinds_together():
    found = kinds_of(sastra.extract(TEXT))
    assert ("person", "ឈៀង យ៉ាណារ៉ា") in found
    assert ("org", "រដ្ឋាភិបាលអាល្លឺម៉ង់") in found
    assert ("loc", "ភ្នំពេញ") in found and ("loc", "កម្ពុជា") in found
    assert ("money", "៦៧០លានដុល្លារ") in found
    assert any(kind == "date" for kind, _ in found)


def test_money_value_and_date_value():
    mentions = {m.kind: m for m in ex.extract(TEXT, kinds=["money", "date"])}
    assert mentions["money"].attrs.get("currency") == "USD"
    assert int(mentions["money"].value) == 670_000_000


def test_kinds_filter_and_string_form():
    only = ex.extract(TEXT, kinds="person,loc")
    assert {m.kind for m in only} == {"person", "loc"}
    assert ex.extract(TEXT, kinds=[]) == []


def test_unknown_kind_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown mention kind"):
        ex.extract(TEXT, kinds=["people"])


def test_bad_input():
    with pytest.raises(InputError):
        ex.extract(None)  # type: ignore[arg-type]
    assert ex.extract("") == []
    assert ex.extract("   \n\u200b") == []
    ex.extract("ថ្ងៃទី៣២ ខែកក្កដា ឆ្នាំ២០១៩ ១៦រោច ខែអាសាឍ")  # invalid dates: reported, never a crash


def test_outer_mention_wins_across_kinds():
    # a country inside an amount of money (ដុល្លារអាមេរិក) belongs to the money mention
    mentions = ex.extract("ចំណាយ ៥០០លានដុល្លារអាមេរិក លើគម្រោង")
    assert [m.kind for m in mentions] == ["money"]


def test_resolve_overlaps_priorities():
    a = Mention("loc", 0, 7, "ភ្នំពេញ")
    b = Mention("org", 0, 7, "ភ្នំពេញ")
    c = Mention("number", 3, 5, "ពេញ")
    assert ex.resolve_overlaps([a, b, c]) == [b]


def test_extract_document():
    doc = Document(id="d1", text=TEXT)
    out = ex.extract_document(doc)
    assert out is not doc and out.id == "d1" and out.text == TEXT
    assert out.mentions and all(TEXT[m.start:m.end] == m.text for m in out.mentions)
    with pytest.raises(ConfigError):
        ex.extract_document(TEXT)  # type: ignore[arg-type]


def test_reference_date_is_passed_on():
    ex.extract("ថ្ងៃទី២៧ ខែកក្កដា", reference_date=datetime.date(2019, 7, 28))


def test_missing_finder_degrades_gracefully(monkeypatch):
    real = ex._optional

    def without_numbers(module, name):
        if module in ("numbers", "dates", "money", "lunar"):
            return None
        return real(module, name)

    monkeypatch.setattr(ex, "_optional", without_numbers)
    mentions = ex.extract(TEXT)
    assert {m.kind for m in mentions} <= {"person", "org", "loc"} and mentions


def test_failing_finder_costs_only_its_mentions(monkeypatch):
    def broken(text, *args):
        raise RuntimeError("boom")

    real = ex._optional
    monkeypatch.setattr(ex, "_optional", lambda module, name: broken if module == "numbers" else real(module, name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mentions = ex.extract(TEXT)
    assert any(m.kind == "person" for m in mentions)


def test_mark_inline():
    text = "ធ្វើឡើងដោយលោក នួន ផារ័ត្ន អភិបាលរងរាជធានីភ្នំពេញ"
    marked = ex.mark_inline(text, ex.extract(text))
    assert marked == "ធ្វើឡើងដោយ[person:លោក នួន ផារ័ត្ន] អភិបាលរង[loc:រាជធានីភ្នំពេញ]"


pieces = st.sampled_from(["ថ្ងៃទី", "២៧", " ខែកក្កដា", " ឆ្នាំ២០១៩", "លោក ", "ហ៊ុន សែន", "ដុល្លារ", "៥០០",
                          "លាន", "រៀល", "ខេត្តតាកែវ", "ក្រសួងមហាផ្ទៃ", " ", "\u200b", "។", "(", "AMF", ")",
                          "រោច", "កើត", " ខែអាសាឍ", "ព.ស.", "២៥៦៣", "1", "/", "-"])


@settings(max_examples=150, deadline=None)
@given(st.lists(pieces, max_size=25).map("".join))
def test_mentions_are_flat_exact_and_sorted(text):
    mentions = ex.extract(text)
    end = 0
    for m in mentions:
        assert m.kind in ex.KINDS
        assert text[m.start:m.end] == m.text
        assert m.start >= end
        end = m.end


def test_kept_captions_and_credits_are_extracted_with_raw_offsets():
    # a caption holds the only person of the article; cleaning keeps it beside the body
    from sastra.clean import clean_document
    from sastra.extract import extract_document
    from sastra.records import Document

    raw = ("photo 2024 07 17 19 43 30 2\n"
           "ឯកឧត្តម សុខ ចន្ទា អភិបាលខេត្តកំពត ថ្លែងក្នុងពិធីនេះ (ប្រភព៖ AKP) |\n"
           "ក្រសួងសុខាភិបាលបានប្រកាសថា ការចាក់វ៉ាក់សាំងនឹងចាប់ផ្តើមនៅថ្ងៃទី១២ ខែមីនា ឆ្នាំ២០២៤ នៅទូទាំងប្រទេស។\n")
    doc = extract_document(clean_document(Document(id="x", text=raw, raw=raw)))
    assert [(r.reason, r.kept) for r in doc.removed] == [("caption", True), ("caption", True),
                                                          ("source_credit", True)]
    kept = doc.meta["kept_mentions"]
    for mention in kept:
        assert raw[mention.start:mention.end] == mention.text
    assert [(m.kind, m.text) for m in kept] == [("person", "សុខ ចន្ទា"), ("loc", "ខេត្តកំពត"), ("org", "AKP")]
    assert all(m.kind != "person" for m in doc.mentions)  # the body itself names nobody
