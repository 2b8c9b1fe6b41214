"""sastra index / search / export-opensearch, in-process."""

from __future__ import annotations

import json

from sastra.cli import main
from sastra.records import to_jsonable


def _records(tmp_path, docs):
    path = tmp_path / "records.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for doc in docs:
            stream.write(json.dumps(to_jsonable(doc), ensure_ascii=False) + "\n")
        stream.write("{not json\n")
    return path


def test_index_then_search(tmp_path, capsys, small_docs):
    records = _records(tmp_path, small_docs)
    assert main(["index", str(records), "--out", str(tmp_path / "ix"), "-q"]) == 1  # one bad line reported
    err = capsys.readouterr().err
    assert "bad JSON" in err and "4 indexed" in err and "1 duplicates" in err
    assert main(["search", str(tmp_path / "ix"), "ឯកឧត្តម", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "[a]" in out and "\u00abឯកឧត្ដម\u00bb" in out
    assert main(["search", str(tmp_path / "ix"), "ក្រុង", "--format", "jsonl", "--filter", "date:2019-07"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a"]
    assert lines[0]["snippets"][0]["highlights"]
    assert main(["search", str(tmp_path / "ix"), "ក្រុង", "--facets"]) == 0
    assert "category:" in capsys.readouterr().out


def test_plain_corpus_lines(tmp_path, capsys, small_docs):
    path = tmp_path / "plain.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": "ទន្លេមេគង្គ", "url": "https://x.org/1"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert main(["index", str(path), "-o", str(tmp_path / "ix"), "-q"]) == 0
    assert main(["search", str(tmp_path / "ix"), "មេគង្គ", "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["url"] == "https://x.org/1"


def test_query_error_is_one_line_and_nonzero(tmp_path, capsys, small_docs):
    records = _records(tmp_path, small_docs)
    main(["index", str(records), "--out", str(tmp_path / "ix"), "-q"])
    capsys.readouterr()
    assert main(["search", str(tmp_path / "ix"), '"ក្រុង']) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unclosed quote" in err


def test_missing_index(tmp_path, capsys, small_docs):
    assert main(["search", str(tmp_path), "ក"]) == 1
    assert "no sastra index" in capsys.readouterr().err


def test_refuses_to_overwrite_input(tmp_path, capsys, small_docs):
    records = _records(tmp_path, small_docs)
    assert main(["export-opensearch", str(records), "--out", str(records)]) == 1


def test_search_finds_the_index_inside_a_run_output_folder(tmp_path, capsys, small_docs):
    records = _records(tmp_path, small_docs)
    main(["index", str(records), "--out", str(tmp_path / "out" / "index"), "-q"])
    capsys.readouterr()
    assert main(["search", str(tmp_path / "out"), "ឯកឧត្តម", "--limit", "1"]) == 0
    assert "[a]" in capsys.readouterr().out


def test_a_bad_line_is_reported_and_the_rest_indexed(tmp_path, capsys, monkeypatch):
    """A lone surrogate escape, a bad byte or NaN in one line once stopped the whole index (an
    InputError without file or line, nothing indexed); stdin got none of a file's checks (binary data
    and UTF-16 read as bad records line by line)."""
    import io

    lines = ('{"id": "a", "text": "ក្រសួង \\ud800 សុខាភិបាល"}\n'.encode() + b'{"id": "b", "text": "x\xffy"}\n'
             + '{"id": "c", "text": "ខេត្តកំពង់ចាម", "n": NaN}\n'.encode())
    path = tmp_path / "in.jsonl"
    path.write_bytes(lines)
    for given, stdin in ((str(path), b""), ("-", lines)):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(stdin))))
        assert main(["index", given, "--out", str(tmp_path / "ix"), "-q"]) == 1
        err = capsys.readouterr().err
        assert ":1: lone surrogate" in err and ":2: " in err and ":3: numbers read as null" in err
        assert "3 read, 3 indexed" in err and "error" not in err
    for data, said in ((b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG image)"),
                       ('{"id": "u", "text": "ក"}\n'.encode("utf-16"), "1 read, 1 indexed")):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        main(["index", "-", "--out", str(tmp_path / "ix"), "-q"])
        err = capsys.readouterr().err
        assert said in err and "bad record" not in err


def test_documents_not_indexed_for_a_repeated_id_are_counted(tmp_path, capsys):
    """The first document of an id is indexed and a later one skipped; the summary once said nothing of
    it (the same file given twice: "66 read, 32 indexed", the other 34 unaccounted for)."""
    path = tmp_path / "plain.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in
                            (("a", "ទន្លេមេគង្គ"), ("b", "ខេត្តកំពង់ចាម"), ("a", "ក្រសួងសុខាភិបាល"))), encoding="utf-8")
    assert main(["index", str(path), str(path), "-o", str(tmp_path / "ix"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "6 read, 2 indexed, 0 duplicates linked, 0 empty, 4 with an id read before (not indexed)" in err
    assert main(["search", str(tmp_path / "ix"), "មេគង្គ", "--format", "jsonl"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["a"]


def test_ids_of_any_json_type_are_their_json_text_as_for_every_verb(tmp_path, capsys):
    """A numeric id 0 was taken for a missing one, and an object id became a Python repr."""
    path = tmp_path / "plain.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": "ទន្លេមេគង្គ"}, ensure_ascii=False) + "\n"
                            for i in (0, {"b": 1, "a": "ក"}, None)), encoding="utf-8")
    assert main(["index", str(path), "-o", str(tmp_path / "ix"), "-q"]) == 0
    assert main(["search", str(tmp_path / "ix"), "មេគង្គ", "--format", "jsonl"]) == 0
    ids = {json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()}
    assert ids == {"0", '{"a":"ក","b":1}', "plain:3"}


def test_export_refuses_to_write_its_template_over_an_input(tmp_path, capsys, small_docs):
    """--out was checked against the inputs, --template was not: the records file was replaced by the
    index template."""
    records = _records(tmp_path, small_docs)
    before = records.read_bytes()
    assert main(["export-opensearch", str(records), "--out", str(tmp_path / "bulk.ndjson"),
                 "--template", str(records)]) == 1
    assert "refusing to overwrite the input" in capsys.readouterr().err
    assert records.read_bytes() == before


def test_export_to_stdout_writes_the_template_only_where_asked(tmp_path, capsys, monkeypatch, small_docs):
    """With --out - the template went to sastra-template.json in the current folder, unasked and
    unsaid."""
    records = _records(tmp_path, small_docs)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["export-opensearch", str(records), "--out", "-"]) == 1  # (_records ends with a bad line)
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 2 * 5 and list(work.iterdir()) == []
    assert "no index template written: give --template FILE.json for one" in captured.err
    assert main(["export-opensearch", str(records), "--out", "-", "--template", str(tmp_path / "t.json")]) == 1
    assert f"(template {tmp_path / 't.json'})" in capsys.readouterr().err
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["index_patterns"]
    assert list(work.iterdir()) == []


def test_export_refuses_a_template_over_its_bulk_file_or_beside_it_over_an_input(tmp_path, capsys, small_docs):
    records = _records(tmp_path, small_docs)
    bulk = tmp_path / "bulk.ndjson"
    assert main(["export-opensearch", str(records), "--out", str(bulk), "--template", str(bulk)]) == 1
    assert "--template and --out name the same file" in capsys.readouterr().err and not bulk.exists()
    beside = tmp_path / "records.template.json"  # (the default template of --out records.ndjson)
    beside.write_text("{}", encoding="utf-8")
    assert main(["export-opensearch", str(records), str(beside), "--out", str(tmp_path / "records.ndjson")]) == 1
    assert "refusing to overwrite the input" in capsys.readouterr().err and beside.read_text() == "{}"
