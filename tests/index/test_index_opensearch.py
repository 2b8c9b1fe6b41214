"""The OpenSearch/Elasticsearch export: bulk NDJSON format and index template (no server needed)."""

from __future__ import annotations

import io
import json

from sastra.index.opensearch import export_opensearch, index_template, opensearch_query


def _pairs(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) % 2 == 0
    return [(json.loads(lines[i]), json.loads(lines[i + 1])) for i in range(0, len(lines), 2)]


def test_bulk_file_and_template(tmp_path, small_docs):
    stats = export_opensearch(small_docs, tmp_path / "out" / "bulk.ndjson", index_name="news")
    assert (stats.documents, stats.duplicates) == (4, 1)
    pairs = _pairs(tmp_path / "out" / "bulk.ndjson")
    assert [a["index"]["_id"] for a, _ in pairs] == ["a", "b", "c", "d", "a-copy"]
    assert all(a["index"]["_index"] == "news" for a, _ in pairs)
    template = json.loads((tmp_path / "out" / "bulk.template.json").read_text(encoding="utf-8"))
    assert template == index_template("news")
    properties = template["template"]["mappings"]["properties"]
    analyzer = template["template"]["settings"]["analysis"]["analyzer"]["sastra_tokens"]
    assert analyzer == {"type": "custom", "tokenizer": "whitespace"}  # no Khmer analyzer needed
    for _, source in pairs:
        assert set(source) <= set(properties), set(source) - set(properties)  # "dynamic": "strict" holds
    a = pairs[0][1]
    assert "ឯកឧត្តម" in a["body_tokens"].split(" ")  # folded keys, space-joined
    assert "ក្រុង" in a["sub_tokens"].split(" ")  # cluster pairs: ក្រុ + ង
    offsets = a["token_offsets"]
    assert len(offsets) == 2 * len(a["body_tokens"].split(" "))
    assert a["text"][offsets[0]:offsets[1]] == "អភិបាលក្រុងភ្នំពេញ"[:offsets[1] - offsets[0]]
    assert a["date"] == ["2019-07-15", "2019-07-16"] and a["published"] == "2019-07-16"
    assert a["person"] == ["ឃួងស្រេង"] and a["person_name"] == ["ឃួង ស្រេង"]
    assert a["amount"] == [5000.0] and a["currency"] == ["USD"]
    dup = pairs[-1][1]
    assert dup["dup_of"] == "a" and "body_tokens" not in dup


def test_stream_output(tmp_path, small_docs):
    stream = io.StringIO()
    stats = export_opensearch(small_docs[:1], stream, template_path=tmp_path / "t.json")
    assert stats.documents == 1 and stream.getvalue().count("\n") == 2
    assert (tmp_path / "t.json").exists()


def test_stream_output_without_a_template_path_writes_no_template(tmp_path, small_docs, monkeypatch):
    """It went to sastra-template.json in the current folder."""
    monkeypatch.chdir(tmp_path)
    stats = export_opensearch(small_docs[:1], io.StringIO())
    assert stats.template_path is None and list(tmp_path.iterdir()) == []


def test_query_body_uses_the_same_analysis():
    body = opensearch_query('ឯកឧត្ដម "ក្រសួង សុខាភិបាល" -សៀមរាប date:2019-07 person:"ហ៊ុន សែន" amount:>100')
    boolean = body["query"]["bool"]
    terms = json.dumps(boolean["should"], ensure_ascii=False)
    assert '"value": "ឯកឧត្តម"' in terms  # folded like the documents
    assert {"range": {"date": {"gte": "2019-07-01", "lt": "2019-08-01"}}} in boolean["filter"]
    assert {"range": {"amount": {"gt": 100.0}}} in boolean["filter"]
    assert {"wildcard": {"person": {"value": "*ហ៊ុនសែន*"}}} in boolean["filter"]
    assert boolean["must_not"] and boolean["minimum_should_match"] == 1
    json.dumps(body)  # JSON-ready
