"""Fixtures for search tests: a small hand-made corpus with mentions, and a few real articles."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from sastra.records import Document, Mention

pytest.importorskip("tantivy")

CORPUS_FILE = "corpus/kh-news-2019-07.jsonl"


def _mention(text: str, needle: str, kind: str, value, **attrs) -> Mention:
    start = text.index(needle)
    return Mention(kind, start, start + len(needle), needle, value, rule="test", attrs=attrs)


def small_docs() -> list[Document]:
    """Five short articles (with a near-duplicate) covering compounds, look-alikes and mentions."""
    a = ("អភិបាលក្រុងភ្នំពេញ ចុះពិនិត្យផ្សារ\n"
         "ឯកឧត្ដម ឃួង ស្រេង អភិបាលក្រុងភ្នំពេញ បានចុះពិនិត្យផ្សារថ្មី កាលពីថ្ងៃទី១៥ ខែកក្កដា ឆ្នាំ២០១៩។ "
         "ក្រសួងពាណិជ្ជកម្ម បានផ្តល់ថវិកា ៥០០០ ដុល្លារ។")
    b = ("ក្រសួងសុខាភិបាល ព្រមានអំពីជំងឺគ្រុនឈាម\n"
         "ក្រសួង​សុខាភិបាល​បាន​ព្រមាន​ប្រជាពលរដ្ឋ​ឲ្យ​ប្រុងប្រយ័ត្ន​ជំងឺ​គ្រុនឈាម នៅ​ខេត្ត​សៀមរាប។")
    c = ("ក្រុមបាល់ទាត់ជម្រើសជាតិ ឈ្នះ ៣-០\n"
         "ក្រុមបាល់ទាត់ជម្រើសជាតិកម្ពុជា បានឈ្នះការប្រកួតនៅទីក្រុងភ្នំពេញ។ Football fans cheered.")
    d = ("តម្លៃស្រូវឡើងថ្លៃ\n"
         "កសិករនៅខេត្តបាត់ដំបង និយាយថា តម្លៃស្រូវបានឡើងដល់ ១០០០ រៀល ក្នុងមួយគីឡូក្រាម។")
    docs = [
        Document("a", a, meta={"url": "https://example.com/a", "site": "example.com", "category": "cambodia",
                               "date": "2019-07-16"},
                 mentions=(_mention(a, "ឃួង ស្រេង", "person", "ឃួង ស្រេង"),
                           _mention(a, "ក្រសួងពាណិជ្ជកម្ម", "org", "ក្រសួងពាណិជ្ជកម្ម"),
                           _mention(a, "ភ្នំពេញ", "loc", "ភ្នំពេញ"),
                           _mention(a, "ថ្ងៃទី១៥ ខែកក្កដា ឆ្នាំ២០១៩", "date", dt.date(2019, 7, 15)),
                           _mention(a, "៥០០០ ដុល្លារ", "money", Decimal(5000), currency="USD"))),
        Document("b", b, meta={"url": "https://news.example.org/b", "category": "health", "date": "2019-06-30"},
                 mentions=(_mention(b, "សៀមរាប", "loc", "សៀមរាប"),)),
        Document("c", c, meta={"category": "sports"}),
        Document("d", d, meta={"category": "economy"},
                 mentions=(_mention(d, "បាត់ដំបង", "loc", "បាត់ដំបង"),
                           _mention(d, "១០០០ រៀល", "money", {"amount": 1000, "currency": "KHR"}))),
        Document("a-copy", a + " ", meta={"dup_of": "a", "url": "https://mirror.example.net/a"}),
        Document("empty", "   ", meta={}),
    ]
    return docs


@pytest.fixture(name="small_docs")
def small_docs_fixture() -> list[Document]:
    return small_docs()


@pytest.fixture(scope="session")
def small_index(tmp_path_factory) -> Path:
    from sastra.index import build_index

    path = tmp_path_factory.mktemp("small") / "index"
    build_index(small_docs(), path)
    return path


@pytest.fixture(scope="session")
def real_articles(shared_data) -> list[dict]:
    """The first 60 articles of ../shared/data/corpus/kh-news-2019-07.jsonl."""
    path = shared_data / CORPUS_FILE
    if not path.exists():
        pytest.skip(f"{CORPUS_FILE} is absent")
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for _, line in zip(range(60), stream)]


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, real_articles) -> Path:
    from sastra.index import build_index

    path = tmp_path_factory.mktemp("real") / "index"
    docs = [Document(a["id"], a["text"], meta={"url": a["url"], "category": a["category"]}) for a in real_articles]
    build_index(docs, path)
    return path
