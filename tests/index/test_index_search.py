"""build_index + search: ranking, sub-words, look-alikes, phrases, filters, highlights, duplicates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sastra.errors import InputError
from sastra.index import build_index, search
from sastra.index.store import as_date
from sastra.records import Document


def ids(results):
    assert results.error is None, results.error
    return [h.id for h in results.hits]


def test_stats(tmp_path, small_docs):
    stats = build_index(small_docs, tmp_path / "ix")
    assert (stats.documents, stats.duplicates, stats.skipped) == (4, 1, 1)
    assert stats.tokens > 0


def test_word_query_ranks_the_article(small_index):
    assert ids(search(small_index, "គ្រុនឈាម"))[0] == "b"


def test_part_of_a_compound_is_found(small_index):
    # ក្រុង inside អភិបាលក្រុង / ទីក្រុង
    found = ids(search(small_index, "ក្រុង"))
    assert "a" in found and "c" in found


def test_look_alike_spellings_match(small_index):
    # the document has coeng DA (ឯកឧត្ដម); the query coeng TA, a zero-width space, a split vowel
    assert ids(search(small_index, "ឯកឧត្តម"))[:1] == ["a"]
    assert "b" in ids(search(small_index, "ក្រសួង\u200bសុខាភិបាល"))
    assert "a" in ids(search(small_index, "ឯក\u200bឧត្ដម"))


def test_phrase_needs_the_order(small_index):
    assert ids(search(small_index, '"ក្រសួង សុខាភិបាល"')) == ["b"]
    assert ids(search(small_index, '"សុខាភិបាល ក្រសួង"')) == []


def test_must_and_must_not(small_index):
    assert "a" not in ids(search(small_index, "ភ្នំពេញ -ផ្សារ"))
    assert ids(search(small_index, "+ផ្សារ ភ្នំពេញ")) == ["a"]


def test_filters_in_query_and_apart(small_index):
    assert ids(search(small_index, "date:2019-07")) == ["a"]
    assert ids(search(small_index, "published:2019-06")) == ["b"]
    assert ids(search(small_index, "ក្រសួង", filters={"date": "2019-07-15"})) == ["a"]
    assert ids(search(small_index, 'person:"ឃួង ស្រេង"')) == ["a"]
    assert ids(search(small_index, "person:ស្រេង")) == ["a"]  # a part of the name
    assert ids(search(small_index, "place:សៀមរាប")) == ["b"]
    assert ids(search(small_index, "loc:បាត់ដំបង")) == ["d"]
    assert ids(search(small_index, "org:ក្រសួងពាណិជ្ជកម្ម")) == ["a"]
    assert ids(search(small_index, "amount:>=2000")) == ["a"]
    assert ids(search(small_index, "amount:500..1500 currency:KHR")) == ["d"]
    assert ids(search(small_index, "category:sports")) == ["c"]
    assert ids(search(small_index, "site:news.example.org")) == ["b"]
    assert ids(search(small_index, "ក្រុង", filters=["-category:sports"])) == ["a"]


@pytest.mark.parametrize("query, expected", [
    ("date:..2019-07", ["a", "b"]), ("date:2019-07..", ["a"]), ("date:..2018", []), ("date:..1500", []),
    ("date:2300..", []), ("date:1000..3000", ["a", "b"]), ("published:..2019", ["a", "b"]),
])
def test_open_and_far_date_ranges_are_cut_to_the_indexed_dates(small_index, query, expected):
    # (tantivy holds dates from 1677 to 2262 only: a range reaching past them used to raise)
    assert sorted(ids(search(small_index, query))) == expected


def test_latin_words_and_digits(small_index):
    assert ids(search(small_index, "FOOTBALL")) == ["c"]
    assert ids(search(small_index, "5000")) == ["a"]  # Khmer digits in the text


def test_highlights_are_offsets_into_the_original_text(small_index):
    results = search(small_index, "ឯកឧត្តម ក្រុង", with_text=True)
    hit = results.hits[0]
    assert hit.id == "a"
    marked = []
    for snippet in hit.snippets:
        assert hit.text[snippet.start:snippet.end] == snippet.text
        for start, end in snippet.highlights:
            assert snippet.start <= start < end <= snippet.end
            marked.append(hit.text[start:end])
    assert "ឯកឧត្ដម" in marked  # shown as written (coeng DA), found by the folded key
    assert "ក្រុង" in marked  # the part, inside អភិបាលក្រុង
    assert "<mark>" in hit.snippets[0].html()


def _highlighted(hit) -> list[str]:
    return [hit.text[start:end] for snippet in hit.snippets for start, end in snippet.highlights]


def test_mentions_matched_by_a_filter_are_highlighted(small_index):
    """A hit found by a filter shows where the filter matched, not only the article's start."""
    (hit,) = search(small_index, "person:ស្រេង", with_text=True).hits
    assert _highlighted(hit) == ["ឃួង ស្រេង"]
    (hit,) = search(small_index, "ផ្សារ date:2019-07", with_text=True).hits
    assert "ថ្ងៃទី១៥ ខែកក្កដា ឆ្នាំ២០១៩" in _highlighted(hit) and "ផ្សារ" in _highlighted(hit)
    (hit,) = search(small_index, "amount:500..1500", with_text=True).hits
    assert _highlighted(hit) == ["១០០០ រៀល"]
    # a negated filter or a publication date highlights nothing of its own
    (hit,) = search(small_index, "published:2019-07", with_text=True).hits
    assert _highlighted(hit) == []
    assert all("ឃួង" not in text for h in search(small_index, "ក្រុង -person:ស្រេង", with_text=True).hits
               for text in _highlighted(h))


def test_a_query_is_analysed_the_same_whatever_came_before(small_index):
    """Query analysis is remembered per query, never per clause: a clause met first in another query
    (segmented beside other words) does not change how a later query is analysed."""
    from sastra.index.query import parse_query
    from sastra.index.searching import _CHUNKS, query_chunks

    _CHUNKS.clear()
    alone = query_chunks(parse_query("អភិបាលក្រុង"))
    query_chunks(parse_query("លោក អភិបាលក្រុង ភ្នំពេញ"))
    assert query_chunks(parse_query("អភិបាលក្រុង")) == alone
    _CHUNKS.clear()
    query_chunks(parse_query("លោក អភិបាលក្រុង ភ្នំពេញ"))
    assert query_chunks(parse_query("អភិបាលក្រុង")) == alone


def test_a_query_word_inside_a_longer_word_is_highlighted_as_that_part():
    from array import array

    from sastra.index.searching import _Highlighter

    highlighter = _Highlighter(frozenset({"ក្រុង", "ភ្នំពេញ"}), frozenset({"ក្រុង", "ភ្នំពេញ"}))
    words = ["អភិបាលក្រុង", "ភ្នំពេញ", "និង", "ក្រុងភ្នំពេញ"]
    text = " ".join(words)
    offsets = array("I")
    for word in words:
        start = text.index(word, offsets[-1] if offsets else 0)
        offsets.extend([start, start + len(word)])
    spans = highlighter.spans(" ".join(words), offsets, text)
    assert [text[s:e] for s, e in spans] == ["ក្រុង", "ភ្នំពេញ", "ក្រុងភ្នំពេញ"]


def test_matching_entities_and_dates(small_index):
    hit = search(small_index, "ស្រេង date:2019-07").hits[0]
    assert any(m.kind == "person" and m.value == "ឃួង ស្រេង" for m in hit.entities)
    assert [m.value.isoformat() for m in hit.dates] == ["2019-07-15"]


def test_duplicates_are_links_not_hits(small_index):
    results = search(small_index, "ផ្សារថ្មី")
    assert ids(results) == ["a"]
    assert results.hits[0].duplicates == ("a-copy",)


def test_facets(small_index):
    results = search(small_index, "ក្រសួង", facets=True)
    assert ("ឃួង ស្រេង", 1) in results.facets["person"]
    assert dict(results.facets["category"])["health"] == 1


@pytest.mark.parametrize("query", ['"ក្រសួង', "date:2019-13", "", "   ", "amount:x", "។", "ក្រសួង \ud800"])
def test_bad_queries_come_back_as_messages(small_index, query):
    results = search(small_index, query)
    assert results.error and results.hits == ()


def test_limit_and_offset(small_index):
    everything = ids(search(small_index, "ក្រុង ក្រសួង", limit=10))
    assert ids(search(small_index, "ក្រុង ក្រសួង", limit=1, offset=1)) == everything[1:2]


def test_an_offset_past_the_last_document_gives_no_hits_and_no_crash(small_index):
    # (an offset of 2**32 once made tantivy allocate room for that many hits and abort the process,
    # taking `sastra serve` with it)
    for offset in (2**31, 2**32, 10**11):
        results = search(small_index, "ក្រុង ក្រសួង", offset=offset, count=True)
        assert results.error is None and results.hits == () and results.total


@pytest.mark.parametrize("limit, offset, needle", [(-1, 0, "limit must be 0 or more"),
                                                   (10, -5, "offset must be 0 or more"),
                                                   (1.5, 0, "whole number"), (10, "2", "whole number")])
def test_bad_limit_or_offset_comes_back_as_a_message(small_index, limit, offset, needle):
    results = search(small_index, "ក្រុង", limit=limit, offset=offset)
    assert results.error is not None and needle in results.error and results.hits == ()


def test_missing_index_says_what_to_do(tmp_path):
    with pytest.raises(InputError, match="sastra index"):
        search(tmp_path, "ក")


@pytest.mark.parametrize("damage", ["empty manifest", "manifest not an object", "segment file gone"])
def test_a_damaged_index_is_an_input_error_that_says_rebuild(tmp_path, small_docs, damage):
    target = tmp_path / "ix"
    build_index(small_docs, target)
    if damage == "segment file gone":
        for path in target.glob("*.idx"):
            path.unlink()
    else:
        (target / "sastra-index.json").write_text("" if damage == "empty manifest" else "[1]")
    with pytest.raises(InputError, match="damaged.*rebuild"):
        search(target, "ក្រុង")


def test_refuses_a_foreign_folder_and_rebuilds_its_own(tmp_path, small_docs):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InputError):
        build_index([], tmp_path)
    target = tmp_path / "ix"
    build_index(small_docs, target)
    build_index([Document("z", "ទន្លេមេគង្គ")], target)
    assert ids(search(target, "ទន្លេមេគង្គ")) == ["z"]
    assert ids(search(target, "ក្រុង")) == []


def test_orphan_duplicate_is_indexed(tmp_path):
    stats = build_index([Document("x", "ទន្លេមេគង្គ", meta={"dup_of": "missing"})], tmp_path / "ix")
    assert stats.documents == 1 and stats.duplicate_orphans == 1


def test_real_headlines_find_their_article(real_index, real_articles):
    found = 0
    for article in real_articles[:30]:
        headline = article["text"].strip().split("\n")[0]
        hits = ids(search(real_index, headline, limit=3, snippets=False))
        found += bool(hits) and hits[0] == article["id"]
    assert found >= 28


def test_pipeline_tokens_are_used_when_present(tmp_path):
    from sastra.records import Token

    text = "ខ្ញុំស្រឡាញ់ភ្នំពេញ"
    doc = Document("t", text, tokens=(Token("ខ្ញុំ", 0, 5), Token("ស្រឡាញ់", 5, 12), Token("ភ្នំពេញ", 12, 19)))
    build_index([doc], tmp_path / "ix")
    assert ids(search(tmp_path / "ix", "ភ្នំពេញ")) == ["t"]
    manifest = json.loads((tmp_path / "ix" / "sastra-index.json").read_text())
    assert manifest["documents"] == 1


def test_mention_values_in_the_shapes_extract_and_json_give(tmp_path):
    import datetime as dt

    from sastra.extract.dates import DateValue
    from sastra.records import Mention

    text = "ខែកក្កដា ឆ្នាំ២០១៩ ភ្នំពេញ ១០០ ដុល្លារ"
    month = DateValue("2019-07", dt.date(2019, 7, 1), dt.date(2019, 7, 31), "month")
    docs = [
        Document("obj", text, mentions=(Mention("date", 0, 17, text[:17], month),
                                         Mention("loc", 19, 26, "ភ្នំពេញ", {"type": "province", "name": "ភ្នំពេញ"}),
                                         Mention("money", 27, 38, text[27:38], 100, attrs={"currency": "USD"}))),
        Document("json", text, mentions=(Mention("date", 0, 17, text[:17], {"iso": "2018", "start": "2018-01-01",
                                                                              "end": "2018-12-31", "precision": "year"}),)),
    ]
    build_index(docs, tmp_path / "ix")
    assert ids(search(tmp_path / "ix", "date:2019-07-31")) == ["obj"]
    assert ids(search(tmp_path / "ix", "date:2018-12")) == ["json"]
    assert ids(search(tmp_path / "ix", "place:ភ្នំពេញ amount:100 currency:usd")) == ["obj"]


def test_total_only_when_counted(small_index):
    assert search(small_index, "ក្រុង").total is None
    assert search(small_index, "ក្រុង", count=True).total == 2


def test_verbatim_run_ranks_first(small_index):
    # typed without the document's spacing and zero-width spaces: the article holding it comes first
    assert ids(search(small_index, "ព្រមានប្រជាពលរដ្ឋឲ្យប្រុងប្រយ័ត្នជំងឺគ្រុនឈាម"))[0] == "b"


def test_historical_dates_do_not_break_the_index(tmp_path):
    import datetime

    from sastra.extract.dates import DateValue
    from sastra.index import build_index, search
    from sastra.records import Document, Mention

    text = "ប្រាសាទនេះសាងសង់នៅឆ្នាំ១០៦២"
    value = DateValue("1062", datetime.date(1062, 1, 1), datetime.date(1062, 12, 31), "year")
    doc = Document(id="old", text=text, mentions=(Mention("date", 19, 28, text[19:28], value, "r"),))
    stats = build_index([doc], tmp_path / "ix")
    assert stats.documents == 1
    assert [h.id for h in search(tmp_path / "ix", "ប្រាសាទ").hits] == ["old"]


def test_a_rebuilt_or_removed_index_is_seen_by_the_next_search(tmp_path, small_docs, monkeypatch):
    """open_index remembers where a folder given as a relative path led, and still notices changes."""
    import shutil

    monkeypatch.chdir(tmp_path)
    build_index(small_docs, tmp_path / "idx")
    assert search("idx", "ភ្នំពេញ").hits
    build_index(small_docs[1:2], tmp_path / "idx")  # rebuilt with one other document only
    assert [hit.id for hit in search("idx", "ភ្នំពេញ").hits] == [
        hit.id for hit in search(str(tmp_path / "idx"), "ភ្នំពេញ").hits]
    assert len(search("idx", "ក្រសួង", count=True).hits) <= 1
    shutil.rmtree(tmp_path / "idx")
    with pytest.raises(InputError):
        search("idx", "ភ្នំពេញ")


@pytest.mark.parametrize("value, expected", [
    ("2019-07-15", dt.date(2019, 7, 15)), ("2019-07", dt.date(2019, 7, 1)), ("2019", dt.date(2019, 1, 1)),
    ("2019-07-15T10:00:00Z", dt.date(2019, 7, 15)), ("2019-11-09/2019-11-12", dt.date(2019, 11, 9)),
    ("2019-13-45", None), ("2019-07-99", None), ("--10-21", None), ("soon", None)])
def test_a_metadata_date_is_read_whole_or_not_at_all(value, expected):
    # (``2019-13-45`` was once read as the year 2019, so that published:2019 matched it)
    assert as_date(value) == expected
