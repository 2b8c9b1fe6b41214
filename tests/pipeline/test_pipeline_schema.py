"""The record schema: JSON Lines and Parquet hold the same records; documents survive the round trip."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

import pytest

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


# --- the fast paths the workers use: the same bytes as the generic ones ---------------------------------

import json  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from sastra.schema import arrow_table, arrow_table_from_documents, encode_record  # noqa: E402

_texts = st.text(alphabet=st.sampled_from(list("ក្រុងabc \"\\\n\t\u200b\u17d4é😀{}[],:")), max_size=12)


@dataclasses.dataclass(frozen=True)
class _Parsed:
    """A parsed mention value of the kind the extractors make (a small dataclass)."""

    label: str
    day: Any
    parts: tuple = ()


_json_values = st.recursive(st.none() | st.booleans() | st.integers(-10**20, 10**20) | _texts
                            | st.floats(allow_nan=False) | st.dates().map(lambda d: d)
                            | st.decimals(allow_nan=False, allow_infinity=False, places=2)
                            | st.builds(_Parsed, _texts, st.dates() | st.none(), st.tuples(st.integers())),
                            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_texts, inner, max_size=3)
                            | st.tuples(inner, inner), max_leaves=8)


@st.composite
def _documents(draw) -> Document:
    text = draw(_texts)
    span = st.tuples(st.integers(0, 50), st.integers(0, 50))
    tokens = tuple(Token(draw(_texts), a, b, draw(st.sampled_from(["word", "number", "punct"])))
                   for a, b in draw(st.lists(span, max_size=5)))
    mentions = tuple(Mention(draw(st.sampled_from(["date", "money"])), a, b, draw(_texts), draw(_json_values),
                             draw(_texts), draw(st.none() | _texts),
                             draw(st.dictionaries(_texts, _json_values, max_size=2) | st.just({}) | st.none()))
                     for a, b in draw(st.lists(span, max_size=3)))
    return Document(id=draw(_texts), text=text, raw=draw(st.none() | _texts),
                    meta=draw(st.dictionaries(_texts, _json_values, max_size=3)),
                    removed=tuple(Removal(a, b, draw(_texts), draw(_texts), draw(st.booleans()))
                                  for a, b in draw(st.lists(span, max_size=2))),
                    edits=tuple(Edit(a, b, draw(_texts), draw(_texts), draw(_texts))
                                for a, b in draw(st.lists(span, max_size=2))),
                    sentences=tuple(Sentence(draw(_texts), a, b) for a, b in draw(st.lists(span, max_size=2))),
                    tokens=tokens, mentions=mentions, flags=tuple(draw(st.lists(_texts, max_size=2))))


def _same_as_generic(docs: list[Document]) -> None:
    records = [record_from_document(doc) for doc in docs]
    encoded = [encode_record(doc) for doc in docs]
    assert [e.line for e in encoded] == [dumps_record(r) for r in records]
    assert arrow_table_from_documents(docs, encoded).equals(arrow_table(records))


@settings(max_examples=150, deadline=None)
@given(st.lists(_documents(), min_size=1, max_size=3))
def test_encode_record_and_columnar_arrow_equal_the_generic_path(docs):
    _same_as_generic(docs)


def test_encode_record_equals_the_generic_path_on_the_fixture():
    _same_as_generic([_doc(), Document(id="d2", text="ក")])


def test_encode_record_equals_the_generic_path_on_processed_real_articles(samples):
    from sastra.pipeline import STAGE_NAMES, _stage_functions, resolve_stages
    from sastra.readers import iter_inputs

    chosen, _ = resolve_stages(STAGE_NAMES)
    functions = _stage_functions(tuple(stage.name for stage in chosen))
    docs = []
    for item in iter_inputs([str(samples)]):
        if isinstance(item, Document):
            for _, function in functions:
                item = function(item)
            docs.append(item)
    assert len(docs) >= 30
    _same_as_generic(docs)


class _Offset(int):
    """An int whose str() is not its digits: offsets of such a type must still be written as numbers."""

    def __str__(self) -> str:
        return "offset"


def test_encode_record_writes_offsets_of_an_int_subclass_as_numbers():
    doc = Document(id="d", text="ក ខ", tokens=(Token("ក", _Offset(0), _Offset(1)), Token("ខ", 2, 3)),
                   mentions=(Mention("date", _Offset(0), 1, "ក"),))
    _same_as_generic([doc])


def test_linking_a_near_duplicate_rewrites_only_meta_and_flags():
    from sastra.pipeline import _link_record

    for flags in ((), ("input_problem",)):
        doc = Document(id='a,"meta":{', text='x,"flags":["y"]}', meta={"source": "s", "flags": ["z"]},
                       tokens=(Token("x", 0, 1),), flags=flags)
        line = encode_record(doc).line
        link = {"meta": {"dup_cluster": "b", "dup_of": "b"}, "flag": "near_duplicate"}
        record = json.loads(line)
        record["meta"].update(link["meta"])
        record["flags"].append(link["flag"])
        text, patched = _link_record(line, link)
        assert text == dumps_record(record)
        assert patched["meta"] == record["meta"] and patched["flags"] == record["flags"]


_PROBE_SCRIPT = """
import sys
import pyarrow as pa
from sastra.schema import skip_pandas_probe
skip_pandas_probe()
pa.array(["ក"], pa.string()), pa.array([1], pa.int64()), pa.array([True], pa.bool_())
print("pandas" in sys.modules)
import pandas
print(type(pa.table({"a": [1]}).to_pandas()).__name__, pa.array(pandas.Series([1, 2])).type)
"""


def test_skip_pandas_probe_spares_the_import_and_leaves_pandas_usable():
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("pandas") is None:
        pytest.skip("pandas is not installed: pyarrow has nothing to import")
    done = subprocess.run([sys.executable, "-c", _PROBE_SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "DataFrame", "int64"]
