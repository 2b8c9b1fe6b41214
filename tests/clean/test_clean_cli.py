"""``sastra clean`` in-process: files, folders, JSON Lines, stdin-free; outputs and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sastra.cli import main
from sastra.records import Document
from sastra.clean import clean_document

BODY = "ភ្នំពេញ៖ នៅព្រឹកថ្ងៃនេះ លោករដ្ឋមន្ត្រីបានអញ្ជើញចូលរួមពិធីសម្ពោធស្ពានថ្មីមួយនៅខេត្តកំពង់ចាម។"
PAGE = f"ចែករំលែក\n{BODY}\nប្រភព៖ AKP\n"


def test_text_file_to_stdout_with_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "a.txt"
    page.write_text(PAGE, encoding="utf-8")
    report = tmp_path / "report.tsv"
    assert main(["clean", str(page), "--report", str(report)]) == 0
    captured = capsys.readouterr()
    assert captured.out == BODY + "\n"
    assert "1 documents cleaned" in captured.err
    rows = report.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["id", "start", "end", "reason", "kept", "text"]
    assert rows[1].split("\t")[3:] == ["share", "removed", "ចែករំលែក"]
    assert rows[2].split("\t")[3:] == ["source_credit", "kept", "ប្រភព៖ AKP"]


def test_jsonl_in_jsonl_out(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": f"d{i}", "url": "https://x.example/a", "text": PAGE},
                                           ensure_ascii=False) for i in range(3)) + "\n{bad json\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    report = tmp_path / "report.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--report", str(report)]) == 1  # the bad line
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["d0", "d1", "d2"]
    assert records[0]["text"] == BODY
    assert records[0]["removed"][1] == {"start": len("ចែករំលែក\n") + len(BODY) + 1,
                                        "end": len(PAGE) - 1, "text": "ប្រភព៖ AKP",
                                        "reason": "source_credit", "kept": True}
    assert records[0]["meta"]["url"] == "https://x.example/a"
    assert json.loads(report.read_text(encoding="utf-8").splitlines()[0])["id"] == "d0"


def test_folder_to_folder_and_repeated_pass(tmp_path: Path) -> None:
    src = tmp_path / "site"
    src.mkdir()
    footer = "សារព័ត៌មានឯករាជ្យ មិនទទួលខុសត្រូវចំពោះការចម្លង។"
    for i in range(4):
        lines = [f"{BODY} {i}.{k}" for k in range(12)]
        (src / f"p{i}.txt").write_text("\n".join(lines + [footer]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out) + "/", "--repeated"]) == 0
    text = (out / "p0.txt").read_text(encoding="utf-8")
    assert footer not in text and f"{BODY} 0.11" in text


def test_a_repeated_id_in_folder_output_gets_its_own_file(tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    rows = [{"id": "dup", "text": f"{BODY} {i}"} for i in range(2)] + [{"id": "Dup", "text": f"{BODY} 2"}]
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(records), "-o", str(out) + "/"]) == 0
    files = sorted(path.name for path in out.iterdir())
    assert files == ["Dup~3.jsonl", "dup.jsonl", "dup~2.jsonl"]
    texts = {json.loads(path.read_text(encoding="utf-8"))["text"] for path in out.iterdir()}
    assert texts == {f"{BODY} {i}" for i in range(3)}


def test_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["clean", str(page), "-o", str(page)]) == 1
    assert page.read_text(encoding="utf-8") == PAGE


@pytest.mark.parametrize("report_name, output_name", [
    ("out.tsv", "out.tsv"), ("./out.tsv", "out.tsv"), ("a.txt", "out.txt"), ("pages/b.txt", "out.txt"),
    ("pages/new.tsv", "out.txt"), ("folder", "folder"),
])
def test_refuses_a_report_where_it_would_replace_the_output_or_an_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        report_name: str, output_name: str) -> None:
    """``--report R -o R`` wrote the output, then the report over it; a report named like an input or
    inside an input folder was refused in the name of -o."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "b.txt").write_text(PAGE, encoding="utf-8")
    output = output_name + ("/" if output_name == "folder" else "")
    assert main(["clean", "a.txt", "pages", "--report", report_name, "-o", output]) == 1
    assert "choose another --report" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "b.txt", "pages"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == PAGE
    assert (tmp_path / "pages" / "b.txt").read_text(encoding="utf-8") == PAGE


def test_clean_document_keeps_raw_and_existing_meta() -> None:
    doc = Document(id="x", text=PAGE, raw=PAGE, meta={"url": "https://x.example/a", "format": "text"},
                   flags=("earlier",))
    cleaned = clean_document(doc)
    assert cleaned.text == BODY and cleaned.raw == PAGE
    assert cleaned.meta["url"] == "https://x.example/a"
    assert cleaned.meta["clean"]["removed"] == {"share": 1, "source_credit": 1}
    assert cleaned.flags[0] == "earlier"
    for r in cleaned.removed:
        assert cleaned.raw[r.start:r.end] == r.text


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE))
    assert main(["clean", "-"]) == 0
    assert capsys.readouterr().out == BODY + "\n"


def test_json_lines_on_stdin_give_json_lines_as_a_json_lines_file_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The output format followed the inputs' suffixes only: JSON Lines piped in came out as text, the
    records' ids and metadata lost. ``--format`` still chooses."""
    import io

    lines = "".join(json.dumps({"id": name, "text": PAGE, "url": f"https://x.example/{name}"}, ensure_ascii=False)
                    + "\n" for name in ("a", "b"))
    (tmp_path / "in.jsonl").write_text(lines, encoding="utf-8")
    assert main(["clean", str(tmp_path / "in.jsonl")]) == 0
    from_file = capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["clean", "-"]) == 0
    from_stdin = capsys.readouterr().out
    assert [json.loads(line)["id"] for line in from_stdin.splitlines()] == ["a", "b"]
    assert from_stdin == from_file.replace(json.dumps(str(tmp_path / "in.jsonl")), json.dumps("<stdin>"))
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["clean", "-", "--format", "text"]) == 0
    assert capsys.readouterr().out == f"{BODY}\n\f\n{BODY}\n"


def test_repeated_lines_are_found_in_stdin_too(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """--repeated reads the inputs twice: stdin was read up by the first pass, and the second found it
    empty (no document cleaned, exit 1)."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PAGE))
    assert main(["clean", "--repeated", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out == BODY + "\n" and "empty" not in captured.err


def test_report_tsv_keeps_one_line_per_removal_whatever_the_id(tmp_path) -> None:
    """An id from JSON Lines may hold a tab or a line break: written as it was, it broke the TSV."""
    import json

    from sastra.cli import main

    src = tmp_path / "in.jsonl"
    body = "រាជធានីភ្នំពេញ ៖ នាព្រឹកថ្ងៃទី១៧ ខែកក្កដា ក្រសួងសុខាភិបាលបានប្រកាសថា ប្រជាពលរដ្ឋចំនួន ៦៧០នាក់ បានចូលរួម។"
    src.write_text(json.dumps({"id": "a\tb\nc\\d", "text": f"ចែករំលែក\n{body}"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    report = tmp_path / "report.tsv"
    main(["clean", str(src), "-o", str(tmp_path / "out.jsonl"), "--report", str(report)])
    header, row = report.read_text(encoding="utf-8").splitlines()
    assert row.split("\t") == ["a\\tb\\nc\\\\d", "0", "8", "share", "removed", "ចែករំលែក"]


def test_report_to_stdout_when_the_output_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """``--report -`` wrote a file named ``-`` in the working folder; it is stdout, as ``-`` is
    everywhere else, when the cleaned text goes to a file."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(PAGE, encoding="utf-8")
    assert main(["clean", "a.txt", "-o", "out.txt", "--report", "-"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split("\t") == ["id", "start", "end", "reason", "kept", "text"]
    assert rows[1].split("\t")[3:] == ["share", "removed", "ចែករំលែក"]
    assert Path("out.txt").read_text(encoding="utf-8") == BODY + "\n"
    assert not Path("-").exists()


def test_report_and_text_both_on_stdout_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(PAGE, encoding="utf-8")
    assert main(["clean", "a.txt", "--report", "-"]) == 1
    assert "would both go to stdout" in capsys.readouterr().err
    assert not Path("-").exists()


def test_a_report_in_the_output_folder_keeps_its_file(tmp_path: Path) -> None:
    """With ``-o OUT/ --report OUT/report.txt``, a document whose id is ``report`` was written over
    the report (or the report over it): the document gets ``report~2.txt``."""
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": name, "text": PAGE}, ensure_ascii=False)
                                for name in ("report", "other")) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(source), "-o", f"{out}/", "--format", "text", "--report",
                 str(out / "report.txt")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["other.txt", "report.txt", "report~2.txt"]
    assert (out / "report~2.txt").read_text(encoding="utf-8") == BODY + "\n"
    assert (out / "report.txt").read_text(encoding="utf-8").startswith("id\tstart\tend\treason")
