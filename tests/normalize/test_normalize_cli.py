"""``sastra normalize`` in-process: files, stdin, bad bytes, JSON Lines, refusing to overwrite input."""

from __future__ import annotations

import io
import json

from sastra.cli import main


def test_normalize_file_reports_bad_bytes_and_goes_on(tmp_path, capsys):
    src = tmp_path / "in.txt"
    src.write_bytes("ខែ្មរ\n".encode() + b"\xff\xfe ok\n" + "ស្រ្តី\n".encode())
    out = tmp_path / "out.txt"
    assert main(["normalize", str(src), "-o", str(out), "--explain"]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == ["ខ្មែរ", "\ufffd\ufffd ok", "ស្ត្រី"]
    err = capsys.readouterr().err
    assert f"{src}:2: byte 16: undecodable UTF-8 byte 0xff" in err
    assert f"{src}:1: offset 0: reorder" in err


def test_normalize_stdin_jsonl(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("កិា ខែ្មរ"))
    assert main(["normalize", "-", "--format", "jsonl", "--validate"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["text"] == "កិា ខ្មែរ"
    assert record["edits"][0]["fixer"] == "reorder"
    assert record["invalid"][0]["start"] == 0


def test_binary_and_empty_files_are_reported(tmp_path, capsys):
    folder = tmp_path / "in"  # (the output beside it: inside it, it would be read as an input)
    folder.mkdir()
    (folder / "a.bin").write_bytes(b"\x00\x01\x02\x00" * 50)
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.txt").write_text("ខែ្មរ", encoding="utf-8")
    status = main(["normalize", str(folder), "-o", str(tmp_path / "out" / "x.txt")])
    err = capsys.readouterr().err
    assert status == 1
    assert "a.bin: binary file" in err and "b.txt: empty file" in err
    assert (tmp_path / "out" / "x.txt").read_text(encoding="utf-8") == "ខ្មែរ\n"


def test_refuses_to_overwrite_input(tmp_path, capsys):
    src = tmp_path / "in.txt"
    src.write_text("ក", encoding="utf-8")
    assert main(["normalize", str(src), "-o", str(src)]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == "ក"


def test_utf16_is_detected(tmp_path, capsys):
    src = tmp_path / "u16.txt"
    src.write_bytes("ខែ្មរ".encode("utf-16-le"))
    assert main(["normalize", str(src)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "ខ្មែរ\n"
    assert "utf-16-le" in captured.err


def test_binary_with_nuls_at_even_offsets_is_not_utf16(tmp_path, capsys):
    from sastra.io import decode_bytes
    decoded = decode_bytes(b"\x00\x01PK\x03\x04" * 200, "zip.bin")
    assert decoded.text is None and decoded.encoding == "binary"
    assert decode_bytes("ខ្មែរ abc".encode("utf-16-be"), "k.txt").text == "ខ្មែរ abc"
