"""The `sastra segment` verb, run in-process."""

from __future__ import annotations

import json

import pytest

from sastra.cli import main


@pytest.fixture()
def sample(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("លោកសុខសាន្តបានទៅភ្នំពេញ។ តម្លៃ 1,500.75$\nប្រជាជនកម្ពុជា\n", encoding="utf-8")
    return path


def test_text_output_keeps_lines(sample, tmp_path):
    out = tmp_path / "out.txt"
    assert main(["segment", str(sample), "-o", str(out), "--sep", "|"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert lines[0].split("|")[-2:] == ["1,500.75", "$"]
    assert lines[1] == "ប្រជាជន|កម្ពុជា"


def test_separator_long_form(sample, capsys):
    assert main(["segment", str(sample), "--separator", " | "]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "ប្រជាជន | កម្ពុជា"


def test_fine_and_escaped_separator(sample, capsys):
    assert main(["segment", str(sample), "--granularity", "fine", "--sep", "\\u200b"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "ប្រជា\u200bជន\u200bកម្ពុជា"


def test_jsonl_with_sentences_and_user_words(sample, tmp_path, capsys):
    words = tmp_path / "words.txt"
    words.write_text("# names\nសុខសាន្ត\n", encoding="utf-8")
    assert main(["segment", str(sample), "--format", "jsonl", "--sentences",
                 "--user-words", str(words), "--engine", "dict"]) == 0
    record = json.loads(capsys.readouterr().out)
    text = record["text"]
    for token in record["tokens"]:
        assert text[token["start"]:token["end"]] == token["text"]
    assert "សុខសាន្ត" in [t["text"] for t in record["tokens"]]
    assert [s["text"] for s in record["sentences"]][0] == "លោកសុខសាន្តបានទៅភ្នំពេញ។"


def test_refuses_to_overwrite_input(sample, capsys):
    assert main(["segment", str(sample), "-o", str(sample)]) == 1
    assert "refusing" in capsys.readouterr().err


def test_missing_user_words_file(sample, tmp_path, capsys):
    assert main(["segment", str(sample), "--user-words", str(tmp_path / "nope.txt")]) == 1
    assert "user words" in capsys.readouterr().err


def test_unknown_engine_is_rejected(sample):
    with pytest.raises(SystemExit):
        main(["segment", str(sample), "--engine", "nope"])
