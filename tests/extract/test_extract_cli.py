"""``sastra extract`` in-process: JSON Lines and the inline text view, kinds, problems."""

from __future__ import annotations

import json

import pytest

from sastra.cli import main

TEXT = "ធ្វើឡើងដោយលោក នួន ផារ័ត្ន អភិបាលរងរាជធានីភ្នំពេញ នៅថ្ងៃទី០៣ ខែធ្នូ ឆ្នាំ២០២២"


def test_jsonl_output(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(src)]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["id"] == "a"
    kinds = {(m["kind"], m["text"]) for m in record["mentions"]}
    assert ("person", "នួន ផារ័ត្ន") in kinds and ("loc", "រាជធានីភ្នំពេញ") in kinds
    person = next(m for m in record["mentions"] if m["kind"] == "person")
    assert person["title"] == "លោក" and TEXT[person["start"]:person["end"]] == person["text"]


def test_text_view_and_kinds(tmp_path, capsys):
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({"id": "x1", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["extract", str(src), "--format", "text", "--kinds", "person,loc", "-o", str(out)]) == 0
    view = out.read_text(encoding="utf-8")
    assert view.startswith("# x1\n")
    assert "[person:លោក នួន ផារ័ត្ន]" in view and "[loc:រាជធានីភ្នំពេញ]" in view
    assert "[date:" not in view


def test_bad_options_and_inputs(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["extract", str(src), "-o", str(src)]) == 1  # refuses to overwrite its input
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "លោក ហ៊ុន សែន"}\nnot json\n', encoding="utf-8")
    assert main(["extract", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "bad JSON" in captured.err
    assert json.loads(captured.out.splitlines()[0])["id"] == "1"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 0


@pytest.mark.parametrize("option, value, said", [
    ("--kinds", "people", "unknown kind 'people'; choose from date,money,number,person,org,loc"),
    ("--kinds", "", "names no kind; choose from date,money"),
    ("--kinds", " , ", "names no kind"),
    ("--reference-date", "27/07/2019", "'27/07/2019' is not a date; write YYYY-MM-DD"),
])
def test_bad_option_values_are_usage_errors(tmp_path, capsys, option, value, said):
    """They exited 1, the status of a problem with the input, where a bad option is a usage error (2)."""
    page = tmp_path / "a.txt"
    page.write_text("ថ្ងៃទី១៧ ខែកក្កដា ឆ្នាំ២០២៤", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(page), option, value])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and f"argument {option}: " in err and said in err


def test_the_cli_knows_every_kind_of_the_library():
    from sastra.extract import KINDS
    from sastra.extract.cli import KIND_NAMES

    assert tuple(KIND_NAMES) == tuple(KINDS)


def test_rules_only_leaves_out_the_learned_names(tmp_path, capsys):
    # គួច ចំរើន: a name of the learned list, with no cue for the rules (test_entities_learned.py)
    src = tmp_path / "a.txt"
    src.write_text("ក្រោយពេលដែល គួច ចំរើន បានថ្លែងនៅខេត្តតាកែវ\n", encoding="utf-8")
    assert main(["extract", str(src), "--format", "text", "--kinds", "person,loc"]) == 0
    assert "[person:គួច ចំរើន]" in capsys.readouterr().out
    assert main(["extract", str(src), "--format", "text", "--kinds", "person,loc", "--rules-only"]) == 0
    out = capsys.readouterr().out
    assert "[loc:ខេត្តតាកែវ]" in out and "[person:" not in out
