"""Bad input: binary, UTF-16, legacy Khmer font encodings, mojibake, empty, a 10 MB line, broken HTML.

Each gives a clear message (a flag from the library, one stderr line per file from the CLI), no crash
and no loss of the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sastra.cli import main
from sastra.clean import clean, detect_encoding_problem

KHMER = "ការ\u200bប្រជុំ\u200bនេះ\u200bបាន\u200bបញ្ចប់\u200bដោយ\u200bជោគជ័យ\u200bនៅ\u200bរសៀល\u200bថ្ងៃ\u200bនេះ។"
#: Khmer typed with a Limon-style legacy font: glyphs on Latin-1 code points (written for this test)
LIMON = "RbeTskm<Ca CaRbeTsmYyenAtMbn;GasIuGaeKñy_ eyIgÉ¢ñúMelI RksYgsuxaPi)al PñMeBj ¬ sRmab;karGPivDÆn_"


def test_legacy_font_text_is_detected_and_kept() -> None:
    result = clean(LIMON, kind="text")
    assert "legacy_encoding" in result.flags
    assert result.text == LIMON
    assert detect_encoding_problem(LIMON) == "legacy_encoding"


@pytest.mark.parametrize("text", [
    "The Prime Minister said on Monday that the economy will grow by seven percent this year.",
    "Le Premier ministre a déclaré lundi que l'économie va croître de sept pour cent cette année.",
    "Thủ tướng Campuchia cho biết hôm thứ Hai rằng nền kinh tế sẽ tăng trưởng bảy phần trăm.",
    KHMER,
])
def test_real_text_is_not_called_legacy(text: str) -> None:
    assert detect_encoding_problem(text) is None


def test_mojibake_and_utf16_as_8bit_are_detected() -> None:
    mojibake = KHMER.encode("utf-8").decode("cp1252", errors="replace")
    assert "mojibake" in clean(mojibake, kind="text").flags
    utf16_as_latin1 = KHMER.encode("utf-16-le").decode("latin-1")
    assert "utf16" in clean(utf16_as_latin1, kind="text").flags


def test_empty_and_whitespace() -> None:
    for text in ("", "\n\n", " \u200b \n\u00a0\n"):
        result = clean(text)
        assert result.removed == ()
        assert result.text == ""
    assert "empty" in clean("").flags


@pytest.mark.parametrize("page, kind", [
    ("\u200b" * 50 + "\n" + "\u200b" * 50 + "\n", "text"),
    (" \u200b \n\u00a0\n\ufeff", "text"),
    ("<html><head><script>var x = '<p>hi</p>';</script></head><body><script>alert(1)</script>"
     "<style>p{}</style></body></html>", "html"),
    ("<html><body><div></div><span> </span></body></html>", "html"),
])
def test_a_page_that_shows_nothing_is_empty_not_legacy_encoded(page: str, kind: str) -> None:
    """A page of only scripts or empty tags was flagged legacy_encoding (its markup, tags glued to
    words, was read for the encoding check) and not empty; one of only zero-width spaces was not
    flagged at all, where a page of spaces is empty."""
    result = clean(page, kind=kind)
    assert result.text == "" and "empty" in result.flags and "legacy_encoding" not in result.flags


def test_legacy_font_html_is_still_detected_from_what_it_shows() -> None:
    import html

    result = clean(f"<html><body><p>{html.escape(LIMON)}</p><p>{html.escape(LIMON)}</p></body></html>", kind="html")
    assert "legacy_encoding" in result.flags and "empty" not in result.flags and result.text.startswith(LIMON)


def test_a_ten_megabyte_line_is_cleaned_without_loss() -> None:
    line = KHMER * (10_000_000 // len(KHMER))
    result = clean(f"ចែករំលែក\n{line}\nKommentar (0)\n", kind="text")
    assert result.text == line
    assert [r.reason for r in result.removed] == ["share", "comment_counter"]


def test_a_large_html_page_is_cleaned() -> None:
    page = "<html><body><p>" + KHMER * 5_000 + "</p></body></html>"
    assert clean(page).text == KHMER * 5_000


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"  # (outputs go beside it: inside it, they would be read as inputs)
    folder.mkdir()
    (folder / "good.txt").write_text(f"ចែករំលែក\n{KHMER}\n", encoding="utf-8")
    (folder / "binary.dat").write_bytes(b"\x00\x01\x02\x03binary\x00\x00\xff" * 10)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "utf16.txt").write_bytes(f"{KHMER}\n".encode("utf-16"))
    (folder / "utf16-nobom.txt").write_bytes(f"{KHMER}\n".encode("utf-16-le"))
    (folder / "limon.txt").write_text(LIMON + "\n", encoding="latin-1")
    (folder / "broken.html").write_text(f"<html><body><p>{KHMER}<div><p <<", encoding="utf-8")
    return folder


def test_cli_reports_each_problem_file_and_processes_the_rest(folder: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "clean.jsonl"
    code = main(["clean", str(folder), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("sastra clean:")]
    assert any("binary.dat" in line and "binary" in line for line in lines)
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("limon.txt" in line and "legacy Khmer font" in line for line in lines)
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert records["good"]["text"] == KHMER
    assert records["utf16"]["text"] == KHMER
    assert records["utf16-nobom"]["text"] == KHMER
    assert KHMER in records["broken"]["text"]
    assert "binary" not in records


def test_cli_reports_an_html_page_whose_text_was_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from sastra.clean import html

    monkeypatch.setattr(html, "parse_page", lambda source: ([], {}))  # a reader that loses everything
    page = tmp_path / "a.html"
    page.write_text(f"<html><body><p>{KHMER}</p></body></html>", encoding="utf-8")
    assert main(["clean", str(page), "--html-engine", "builtin"]) == 1
    err = capsys.readouterr().err
    assert "a.html" in err and "no article text kept" in err and "unread_text 1" in err
