"""The record schema: JSON Lines and Parquet hold the same records; documents survive the round trip."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sastra.records import Document, Edit, Mention, Removal, Sentence, Token
from sastra.schema import (RECORD_FIELDS, arrow_schema, document_from_record, dumps_record, read_records,
                           record_from_document, to_arrow_row, write_parquet)
from sastra.records import to_jsonable


def _doc() -> Document:
    text = "លោក សុខ បានទិញ ៥០០ ដុល្លារ។"
    return Document(
        id="d1", text=text, raw="  " + text, meta={"source": "x.txt", "nested": {"a": [1, 2]}},
        removed=(Removal(0, 2, "  ", "markup_residue", False),),
        edits=(Edit(3, 4, "\u17c1\u17b8", "\u17be", "compose_vowels"),),
        sentences=(Sentence(text, 0, len(text)),),
        tokens=(Token("លោក", 0, 3), Token("សុខ", 4, 7)),
        mentions=(Mention("money", 15, 26, text[15:26], {"amount": Decimal("500"), "currency": "USD"}, "money.r1",
                          None, {"qualifier": None}),
                  Mention("date", 0, 3, "លោក", datetime.date(2024, 7, 17), "dates.r", "លោក", {})),
        flags=("input_problem",),
    )


def test_record_fields_follow_the_document_and_match_to_jsonable():
    record = record_from_document(_doc())
    assert tuple(record) == RECORD_FIELDS
    assert record == to_jsonable(_doc())


def test_document_round_trip_keeps_offsets():
    doc = _doc()
    back = document_from_record(record_from_document(doc))
    assert back.tokens == doc.tokens and back.sentences == doc.sentences and back.removed == doc.removed
    assert back.mentions[0].value == {"amount": 500, "currency": "USD"}  # values come back as JSON


def test_parquet_and_jsonl_give_the_same_records(tmp_path):
    records = [record_from_document(_doc()), record_from_document(Document(id="d2", text="ក"))]
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(dumps_record(r) + "\n" for r in records), encoding="utf-8")
    assert write_parquet(records, tmp_path / "records.parquet") == 2
    assert list(read_records(tmp_path / "records.parquet")) == list(read_records(jsonl)) == records


def test_arrow_schema_has_every_record_field():
    assert tuple(arrow_schema().names) == RECORD_FIELDS
    row = to_arrow_row(record_from_document(_doc()))
    assert isinstance(row["meta"], str) and isinstance(row["mentions"][0]["value"], str)
