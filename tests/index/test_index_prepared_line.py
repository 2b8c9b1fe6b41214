"""prepared_line (what a worker of ``sastra run`` writes) is prepared_to_json(prepare_document(...)),
byte for byte, for texts whose keys need JSON escaping too."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("tantivy")

from sastra.index.store import prepare_document, prepared_line, prepared_to_json  # noqa: E402
from sastra.records import Document, Mention, Token  # noqa: E402

TEXT = st.text(alphabet=st.sampled_from(list("កខគងចឆជញដតថទនបពមយរលវសហអាិីឹុូួើេែៃោៅំះ់្\u200b ១២abc.,។\"\\\t\n")),
               max_size=60)


def _same(doc: Document) -> None:
    from sastra.segment import segment_words

    doc = doc.replace(tokens=tuple(segment_words(doc.text)))
    mentions = [(m.kind, m.start, m.end, m.text, m.value, m.attrs) for m in doc.mentions]
    assert prepared_line(doc, doc.meta, mentions) == prepared_to_json(prepare_document(doc))


@settings(max_examples=80, deadline=None)
@given(TEXT, st.none() | TEXT)
def test_prepared_line_equals_prepared_to_json(text, title):
    from sastra.normalize import normalize

    text = normalize(text)
    meta = {"url": "https://www.example.com/a", "category": 'news "today"'}
    if title is not None:
        meta["title"] = title
    mentions = (Mention("person", 0, min(1, len(text)), text[:1], {"name": 'a"b'}),
                Mention("date", 0, 0, "", {"start": "2019-07-01", "end": "2019-07-31"}),
                Mention("money", 0, 0, "", 12, attrs={"currency": "usd"}))
    _same(Document("d\\1", text, meta=meta, mentions=mentions))


def test_prepared_line_with_quotes_and_backslashes_in_words():
    _same(Document("d", 'say a"b and c\\d, then "quoted" words\tand tabs', meta={}))
    # tokens made by hand, so that keys hold characters JSON escapes
    text = 'a"b c\\d ក"ខ'
    tokens = (Token('a"b', 0, 3, "latin"), Token("c\\d", 4, 7, "url"), Token('ក"ខ', 8, 11, "word"))
    doc = Document("d", text, tokens=tokens)
    line = prepared_line(doc, {}, [])
    assert '\\"' in line and line == prepared_to_json(prepare_document(doc))
