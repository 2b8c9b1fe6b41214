"""Readers: WARC with HTML responses routed to the HTML cleaner, JSON Lines with a chosen text field,
folders in order, stdin, and problems reported in-line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sastra.io import Problem
from sastra.readers import Skipped, is_warc, iter_inputs, iter_warc
from sastra.records import Document

PAGE = "<html><head><meta charset='utf-8'><title>ក</title></head><body><p>ព័ត៌មាន​ថ្មី</p></body></html>"


def write_warc(path: Path, pages: list[tuple[str, str, str | bytes]], *, gz: bool = True) -> Path:
    """A WARC with one response per (url, content type, body), plus a request record."""
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gz)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body if isinstance(body, bytes) else body.encode("utf-8")),
                                                          http_headers=headers))
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    assert warcio
    return path


def test_warc_html_responses_become_html_documents(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://news.example/a", "text/html; charset=utf-8", PAGE),
        ("https://news.example/logo.png", "image/png", "PNG"),
        ("https://news.example/b", "text/html", PAGE.replace("ថ្មី", "ចាស់")),
    ])
    items = list(iter_warc(path))
    docs = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.meta["url"] for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert all(d.meta["format"] == "html" and "\u200b" in d.text for d in docs)
    assert len({d.id for d in docs}) == 2
    assert len(skipped) == 4  # three requests and the image


def test_plain_warc_is_read_too(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [("https://x/a", "text/html", PAGE)], gz=False)
    assert is_warc(path)
    assert sum(isinstance(i, Document) for i in iter_inputs([str(path)])) == 1


def test_whole_plain_warc_is_not_reported_as_truncated(tmp_path):
    """An uncompressed WARC ends each record with two CRLFs that warcio leaves out of the record's
    length: after the last record they are the end of the file, not bytes of a cut download."""
    path = write_warc(tmp_path / "crawl.warc", [("https://x/a", "text/html", PAGE)] * 2, gz=False)
    assert path.read_bytes().endswith(b"\r\n\r\n")
    items = list(iter_warc(path))
    assert sum(isinstance(i, Document) for i in items) == 2
    assert not [i for i in items if isinstance(i, Problem)]
    path.write_bytes(path.read_bytes()[:-60])  # the same archive cut inside its last record
    assert [i.fatal for i in iter_warc(path) if isinstance(i, Problem)] == [True]


def test_plain_warc_cut_inside_a_record_header_is_reported(tmp_path):
    """warcio reads a header cut short (no Content-Length) as a record of whatever type it names."""
    path = write_warc(tmp_path / "crawl.warc", [("https://x/a", "text/html", PAGE)], gz=False)
    path.write_bytes(path.read_bytes() + b"WARC/1.0\r\nWARC-Type: resp")
    items = list(iter_warc(path))
    assert sum(isinstance(i, Document) for i in items) == 1
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(problems) == 1 and problems[0].fatal and "record 3" in problems[0].reason


def test_truncated_warc_keeps_what_came_before_and_reports(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://x/a", "text/html", PAGE)] * 3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3 + 50])  # cut inside the third response
    items = list(iter_warc(path))
    assert sum(isinstance(i, Document) for i in items) == 2
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(problems) == 1 and problems[0].fatal and "corrupt WARC" in problems[0].reason


def test_damaged_warc_is_reported_without_its_bytes(tmp_path):
    """Noise inside the first record: the problem says the archive is damaged, in printable words,
    instead of quoting the binary line warcio could not read."""
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://x/a", "text/html", PAGE)] * 3)
    data = path.read_bytes()
    path.write_bytes(data[:200] + b"\x00noise" * 50 + data[200:])
    problems = [i for i in iter_warc(path) if isinstance(i, Problem)]
    # (the record ids and dates are random, so the noise lands in other compressed bytes each time: in
    # about one run in sixteen warcio still reads a damaged first record, and says so before the end)
    fatal = [p for p in problems if p.fatal]
    assert len(fatal) == 1 and problems[-1] is fatal[0] and "damaged" in fatal[0].reason
    assert all(p.reason.isprintable() and "\\x" not in p.reason for p in problems)


def test_jsonl_text_field_and_folders(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.jsonl").write_text(
        json.dumps({"id": "x", "body": "ក្រសួង"}, ensure_ascii=False) + "\n{bad\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("ខេត្ត", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)], text_field="body"))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.text for d in docs] == ["ខេត្ត", "ក្រសួង"]  # sorted walk: a.txt, then b/one.jsonl
    assert any(isinstance(i, Problem) and i.fatal and i.line == 2 for i in items)


def test_missing_input_is_a_problem_not_a_crash(tmp_path):
    items = list(iter_inputs([str(tmp_path / "nope.txt")]))
    assert len(items) == 1 and isinstance(items[0], Problem) and items[0].fatal


def test_stdin_jsonl_is_detected(monkeypatch):
    data = (json.dumps({"id": "s1", "text": "ភ្នំពេញ"}, ensure_ascii=False) + "\n").encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    docs = list(iter_inputs(["-"]))
    assert [d.id for d in docs] == ["s1"]


def test_utf8_bytes_under_a_single_byte_charset_header_are_read_as_utf8(tmp_path):
    """A server that says ISO-8859-1 (a common default) for a UTF-8 page: decoded as the header said,
    every Khmer character became three Latin-1 letters (mojibake) in the record."""
    page = "<html><body><p>ក្រសួងសុខាភិបាល។</p></body></html>"
    latin = "<p>Caf\u00e9 cr\u00e8me</p>"
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://x/a", "text/html; charset=iso-8859-1", page),
                                                   ("https://x/b", "text/html; charset=iso-8859-1",
                                                    latin.encode("latin-1"))])
    items = list(iter_warc(path))
    first, second = [i for i in items if isinstance(i, Document)]
    assert (first.text, first.meta["encoding"]) == (page, "utf-8")
    assert (second.text, second.meta["encoding"]) == (latin, "iso-8859-1")  # real Latin-1 stays as said
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert not problem.fatal and "charset=iso-8859-1" in problem.reason and problem.source.endswith("#1")


def test_what_warcio_says_becomes_problems_of_the_record_not_lines_on_stderr(tmp_path, capfd):
    """warcio wrote to stderr (a record not followed by a blank line, a Content-Length too short) and
    logged (spaces in a WARC-Target-URI): lines that were not sastra's, unattached to any record."""
    path = write_warc(tmp_path / "odd.warc", [("https://x/a b", "text/html", PAGE), ("https://x/c", "text/html", PAGE)],
                      gz=False)
    data = path.read_bytes()
    length = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    digits = data[length:data.index(b"\r\n", length)]
    path.write_bytes(data[:length] + str(int(digits) - 2).encode() + data[length + len(digits):])
    items = list(iter_warc(path))
    assert capfd.readouterr().err == ""
    problems = [item for item in items if isinstance(item, Problem)]
    assert not any(problem.fatal for problem in problems)
    assert {(problem.source, problem.reason.split(":")[0]) for problem in problems} == {
        (f"{path}#1", "the WARC-Target-URI holds spaces; read with them written %20"),
        (f"{path}#1", "the record is not followed by a blank line"),
        (f"{path}#2", "the WARC-Target-URI holds spaces; read with them written %20"),
    }
    first = items.index(problems[0])
    assert isinstance(items[first + 2], Document) and items[first + 2].meta["source"] == f"{path}#1"
    assert [item.meta["url"] for item in items if isinstance(item, Document)] == ["https://x/a%20b", "https://x/c"]


def test_warcio_messages_are_caught_only_while_it_reads(tmp_path, capfd):
    """The catching is undone between records: what the consumer writes meanwhile reaches stderr."""
    import logging
    import sys

    path = write_warc(tmp_path / "odd.warc", [("https://x/a b", "text/html", PAGE)] * 2, gz=False)
    propagate = logging.getLogger("warcio").propagate
    items = 0
    for _ in iter_warc(path):
        items += 1
        print("consumer", file=sys.stderr)
    assert items > 2 and capfd.readouterr().err.splitlines() == ["consumer"] * items
    assert logging.getLogger("warcio").propagate == propagate and not logging.getLogger("warcio").handlers


def test_two_threads_reading_warc_files_leave_stderr_as_it_was(tmp_path, capfd):
    """Each thread gets the messages of its own records, and stderr is restored when both are done."""
    import sys
    import threading

    paths = [write_warc(tmp_path / f"odd{n}.warc", [(f"https://x/{n} b", "text/html", PAGE)] * 200, gz=False)
             for n in range(2)]
    alone = [list(iter_warc(path)) for path in paths]
    stderr = sys.stderr
    got: dict[int, list] = {}

    def read(n: int) -> None:
        got[n] = list(iter_warc(paths[n]))

    threads = [threading.Thread(target=read, args=(n,)) for n in range(2)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # (the threads take turns inside the blocks, as on a busy machine)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert sys.stderr is stderr and capfd.readouterr().err == ""
    for n in range(2):
        assert got[n] == alone[n]  # the same documents and problems as when read alone
        problems = [item for item in got[n] if isinstance(item, Problem)]
        assert len(problems) >= 200 and all(p.source.startswith(f"{paths[n]}#") for p in problems)
        assert [item.meta["url"] for item in got[n] if isinstance(item, Document)] == [f"https://x/{n}%20b"] * 200
