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


def test_refuses_to_overwrite_its_user_words(sample, tmp_path, capsys):
    """-o was checked against the inputs only: the word list was replaced by the output."""
    words = tmp_path / "words.txt"
    words.write_text("សុខសាន្ត\n", encoding="utf-8")
    assert main(["segment", str(sample), "--user-words", str(words), "-o", str(words)]) == 1
    assert f"refusing to overwrite the input {words}" in capsys.readouterr().err
    assert words.read_text(encoding="utf-8") == "សុខសាន្ត\n"


def test_missing_user_words_file(sample, tmp_path, capsys):
    assert main(["segment", str(sample), "--user-words", str(tmp_path / "nope.txt")]) == 1
    assert "user words" in capsys.readouterr().err


def test_unknown_engine_is_rejected(sample):
    with pytest.raises(SystemExit):
        main(["segment", str(sample), "--engine", "nope"])


class _Stdin:
    """A process's stdin: bytes behind a text layer (peek() as on a real pipe)."""

    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BufferedReader(io.BytesIO(data))

    def __iter__(self):  # (what the verb once read, with no checks at all)
        return iter(self.buffer.read().decode("utf-8", "surrogateescape").splitlines(keepends=True))


def test_stdin_gets_the_checks_a_file_gets(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", _Stdin(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4))
    assert main(["segment"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "<stdin>: binary file (executable); skipped" in captured.err
    monkeypatch.setattr("sys.stdin", _Stdin("ក្រុង".encode() + b"\xff\xfe" + "ភ្នំពេញ\nសួស្តី\n".encode()))
    assert main(["segment"]) == 0
    captured = capsys.readouterr()
    assert "<stdin>:1: undecodable UTF-8 bytes; replaced by U+FFFD" in captured.err
    assert captured.out.splitlines()[1] == "សួស្តី" and "\ufffd" in captured.out


def test_json_lines_on_stdin_are_read_by_their_text_field(monkeypatch, capsys):
    records = [{"id": "a", "body": "ប្រជាជនកម្ពុជា"}, {"id": "b", "body": "ក្រសួងសុខាភិបាល"}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    assert main(["segment", "--text-field", "body"]) == 0
    assert capsys.readouterr().out.splitlines() == ["ប្រជាជន កម្ពុជា", "ក្រសួង សុខាភិបាល"]


def test_user_words_are_decoded_like_any_input(sample, tmp_path, capsys):
    words = tmp_path / "words.txt"
    words.write_text("សុខសាន្ត\n", encoding="utf-16")  # (with its byte order mark)
    assert main(["segment", str(sample), "--user-words", str(words)]) == 0
    assert capsys.readouterr().out.startswith("លោក សុខសាន្ត ")
    words.write_bytes(b"\x7fELF" + bytes(range(256)))
    assert main(["segment", str(sample), "--user-words", str(words)]) == 1
    assert "cannot read user words: binary file" in capsys.readouterr().err
    assert main(["segment", str(sample), "--user-words", str(tmp_path)]) == 1
    assert "a folder, not a file" in capsys.readouterr().err


@pytest.mark.parametrize("sep", ["\\x", "\\u12"])
def test_a_bad_escape_in_the_separator_is_a_usage_error_not_a_traceback(sample, capsys, sep):
    with pytest.raises(SystemExit) as exit_:
        main(["segment", str(sample), "--sep", sep])
    assert exit_.value.code == 2 and "--sep" in capsys.readouterr().err


@pytest.mark.parametrize("sep", ["\ud800", "\\ud800", "|\udcff"])
def test_a_separator_of_lone_surrogates_is_a_usage_error_before_any_work(sample, tmp_path, capsys, sep):
    """A lone surrogate (an escape, or an undecodable byte of the command line read with
    surrogateescape) cannot be written: the verb ended in a traceback at the first line it wrote."""
    out = tmp_path / "out.txt"
    with pytest.raises(SystemExit) as exit_:
        main(["segment", str(sample), "--sep", sep, "-o", str(out)])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "argument --sep" in err and "lone surrogate" in err
    assert "Traceback" not in err and not out.exists()


def test_an_escaped_separator_keeps_the_characters_around_the_escape(sample, capsys):
    assert main(["segment", str(sample), "--sep", "។\\t"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "ប្រជាជន។\tកម្ពុជា"
