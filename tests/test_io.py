"""sastra.io.decode_bytes: binary files are refused with their kind, text in any encoding is kept."""

import random

import pytest

from sastra.io import decode_bytes


@pytest.mark.parametrize("head, kind", [
    (b"%PDF-1.7\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff\xe0", "JPEG image"),
    (b"GIF89a", "GIF image"), (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b\x08", "gzip data"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "RIFF WEBP"),
])
def test_common_binary_formats_are_named_and_skipped(head, kind):
    decoded = decode_bytes(head + bytes(random.Random(1).randrange(1, 256) for _ in range(2000)), "x.txt")
    assert decoded.text is None and decoded.encoding == "binary"
    (problem,) = decoded.problems
    assert problem.fatal and kind in problem.reason and problem.source == "x.txt"


def test_random_bytes_without_magic_or_nul_are_binary():
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(5000))  # no NUL byte, no known header
    decoded = decode_bytes(data, "noise.txt")
    assert decoded.text is None
    assert "not UTF-8" in decoded.problems[0].reason and decoded.problems[0].fatal


def test_text_with_a_few_bad_bytes_is_kept_and_each_byte_reported():
    data = "ក្រសួងសុខាភិបាល".encode() + b"\xff" + " បានប្រកាស។".encode()
    decoded = decode_bytes(data, "a.txt")
    assert decoded.text == "ក្រសួងសុខាភិបាល\ufffd បានប្រកាស។"
    assert [p.offset for p in decoded.problems] == [len("ក្រសួងសុខាភិបាល".encode())]
    assert not decoded.problems[0].fatal


def test_utf16_and_plain_utf8_are_text():
    assert decode_bytes("ក្រសួង និង PDF".encode("utf-16-le"), "u.txt").text == "ក្រសួង និង PDF"
    assert decode_bytes("%PDF is a format".encode("utf-16-le"), "u.txt").text == "%PDF is a format"
    assert decode_bytes("BZ: ក្រសួង".encode(), "b.txt").text == "BZ: ក្រសួង"


def test_lone_surrogate_escapes_in_json_lines_are_replaced_and_reported():
    """``\\ud800`` in a JSON string decodes to a lone surrogate, which no UTF-8 file can hold: it
    becomes U+FFFD, in the text and in any other field, and the line is reported; an escaped pair
    (an emoji) is a real character and stays."""
    import io as _io

    from sastra.io import Problem, iter_jsonl

    lines = ('{"id": "a", "text": "ក្រសួង \\ud800 សុខាភិបាល", "title": "t\\udc80"}\n'
             '{"id": "b", "text": "ភ្នំពេញ \\ud83d\\ude00"}\n')
    items = list(iter_jsonl(_io.StringIO(lines), "in.jsonl"))
    problem, first, second = items
    assert isinstance(problem, Problem) and not problem.fatal and problem.line == 1
    assert "text" in problem.reason and "title" in problem.reason
    assert first.text == "ក្រសួង \ufffd សុខាភិបាល" and first.meta["title"] == "t\ufffd"
    assert second.text == "ភ្នំពេញ \U0001F600"
    first.text.encode("utf-8")


def test_a_short_utf8_file_cut_inside_its_last_character_stays_utf8():
    """Two of its five bytes are bad, which once made it "mostly undecodable" and sent it to the
    legacy-encoding guesser (mojibake); its one well-formed Khmer character says UTF-8."""
    decoded = decode_bytes("ក".encode("utf-8") + "ក".encode("utf-8")[:2], "cut.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith("ក") and decoded.text.endswith("\ufffd")
    assert decoded.problems and decoded.problems[0].offset == 3


class _Stdin:
    """A process's stdin: bytes behind a text layer."""

    def __init__(self, data: bytes) -> None:
        import io as _io

        self.buffer = _io.BytesIO(data)

    def read(self) -> str:  # what the text layer of a C.UTF-8 process would give
        return self.buffer.read().decode("utf-8", "surrogateescape")


def test_stdin_bytes_are_decoded_like_a_file(monkeypatch):
    """Bad bytes on stdin are replaced and reported (they once reached normalization as lone
    surrogates and stopped the verb); binary data is refused."""
    from sastra.io import Problem, iter_documents

    monkeypatch.setattr("sys.stdin", _Stdin("ក្រសួង".encode() + b"\xff" + "សុខា\n".encode()))
    problem, doc = list(iter_documents(["-"]))
    assert isinstance(problem, Problem) and problem.offset == 18 and not problem.fatal
    assert doc.text == "ក្រសួង\ufffdសុខា\n" and doc.meta["encoding"] == "utf-8"
    monkeypatch.setattr("sys.stdin", _Stdin(bytes(range(256)) * 20))
    (problem,) = list(iter_documents(["-"]))
    assert problem.fatal and "binary" in problem.reason


def test_stdin_json_lines_with_bad_bytes_are_reported_per_line(monkeypatch):
    from sastra.io import Problem, iter_documents

    data = ('{"id": "a", "text": "ក្រសួង"}\n'.encode() + b'{"id": "b", "text": "x\xffy"}\n')
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    first, problem, second = list(iter_documents(["-"], jsonl=True))
    assert first.text == "ក្រសួង"
    assert isinstance(problem, Problem) and problem.line == 2 and not problem.fatal
    assert second.text == "x\ufffdy"


def test_json_lines_on_stdin_are_recognised_as_for_sastra_run(monkeypatch):
    """Every verb reads JSON Lines piped to it by their text field, as `sastra run -` does (they were
    once taken as one plain-text document, JSON syntax and all)."""
    from sastra.io import iter_documents

    data = '{"id": "a", "body": "ក្រសួង"}\n{"id": "b", "body": "សុខា"}\n'.encode()
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    docs = list(iter_documents(["-"], text_field="body"))
    assert [(d.id, d.text) for d in docs] == [("a", "ក្រសួង"), ("b", "សុខា")]
    monkeypatch.setattr("sys.stdin", _Stdin("ក្រសួង {x}\n".encode()))
    (doc,) = list(iter_documents(["-"]))
    assert doc.id == "stdin" and doc.text == "ក្រសួង {x}\n"


def test_bytes_look_like_json_lines_as_their_decoded_text_does():
    """Decoded as a file's bytes are: a byte order mark is skipped, UTF-16 recognised, and blanks
    longer than the first bytes looked at are passed over."""
    from sastra.io import bytes_look_like_jsonl

    record = '{"id": "a", "text": "ក្រសួង"}\n'
    assert bytes_look_like_jsonl(record.encode())
    assert bytes_look_like_jsonl(b"\xef\xbb\xbf" + record.encode())
    assert bytes_look_like_jsonl(b"\xff\xfe" + record.encode("utf-16-le"))
    assert bytes_look_like_jsonl(b" \n" * 5000 + record.encode(), head=64)
    assert not bytes_look_like_jsonl("\ufeffក្រសួង {x}\n".encode())
    assert not bytes_look_like_jsonl(b" \n" * 5000 + "ក្រសួង".encode(), head=64)
    assert not bytes_look_like_jsonl(b"") and not bytes_look_like_jsonl(bytes(range(256)) * 20)


def test_ids_of_any_json_type_become_their_json_text():
    """A numeric id 0 is an id, not a missing one; objects and booleans are written as JSON, never as a
    Python repr; a missing, null or empty id falls back to the file's stem and line number."""
    import io as _io

    from sastra.io import iter_jsonl

    lines = "".join(f'{{"id": {value}, "text": "ក"}}\n' for value in
                    ('0', '12', '1.5', 'true', '{"b": 2, "a": "ក"}', '[1, 2]', '"x"', 'null', '""'))
    lines += '{"text": "ក"}\n'
    ids = [doc.id for doc in iter_jsonl(_io.StringIO(lines), "dir/in.jsonl")]
    assert ids == ["0", "12", "1.5", "true", '{"a":"ក","b":2}', "[1,2]", "x", "in:8", "in:9", "in:10"]


def test_a_json_line_cut_short_is_reported_at_its_end():
    """The error of a line that stops in the middle of a record is where it stops (it was once reported
    at column 1: of the next line, the line break being read as part of the record)."""
    import io as _io

    from sastra.io import iter_jsonl

    (problem,) = list(iter_jsonl(_io.StringIO('{"id": "b", "text": \r\n'), "in.jsonl"))
    assert problem.fatal and problem.line == 1
    assert problem.reason == "bad JSON: Expecting value (column 21)"


def test_nan_and_infinity_in_json_lines_are_read_as_null_and_reported():
    """Python's json reads NaN, Infinity and 1e999 (as inf), but they are not JSON: kept, they went into
    records.jsonl as bare NaN/Infinity, which jq, JSON.parse and other JSON readers refuse."""
    import io as _io
    import json as _json

    from sastra.io import Problem, iter_jsonl

    lines = ('{"id": "a", "text": "ក", "x": NaN, "y": [-Infinity, 1.5], "z": 1e999}\n'
             '{"id": "b", "text": "NaN and Infinity in the text", "n": 2.5}\n')
    problem, first, second = list(iter_jsonl(_io.StringIO(lines), "in.jsonl"))
    assert isinstance(problem, Problem) and not problem.fatal and problem.line == 1
    assert problem.reason == "numbers read as null: NaN (not JSON), -Infinity (not JSON), 1e999 (too large)"
    assert first.meta["x"] is None and first.meta["y"] == [None, 1.5] and first.meta["z"] is None
    _json.dumps(first.meta, allow_nan=False)
    assert second.text == "NaN and Infinity in the text" and second.meta["n"] == 2.5


def test_an_integer_too_long_for_python_is_read_as_null_and_reported():
    """Python refuses to convert an integer of more than 4,300 digits (ValueError, not a
    JSONDecodeError): it stopped every verb, and `sastra run`, with a traceback."""
    import io as _io

    from sastra.io import Problem, iter_jsonl

    lines = '{"id": "a", "text": "ក", "n": -' + "9" * 5000 + ', "m": 12}\n{"id": "b", "text": "ខ"}\n'
    problem, first, second = list(iter_jsonl(_io.StringIO(lines), "in.jsonl"))
    assert isinstance(problem, Problem) and not problem.fatal and problem.line == 1
    assert problem.reason == "numbers read as null: a 5,000-digit integer (too long)"
    assert first.meta["n"] is None and first.meta["m"] == 12 and second.text == "ខ"


def test_json_nested_too_deeply_is_a_bad_line_not_a_traceback():
    """Python's json reads 900 nested lists but the record could not be written out (RecursionError in
    `sastra run`); 100,000 stopped the reading itself. Both are bad lines now, and the rest goes on."""
    import io as _io

    from sastra.io import MAX_JSON_DEPTH, Problem, iter_jsonl

    def line(depth: int, doc_id: str) -> str:
        return f'{{"id": "{doc_id}", "text": "ក", "n": ' + "[" * depth + "]" * depth + "}\n"

    lines = line(100_000, "a") + line(900, "b") + line(MAX_JSON_DEPTH - 1, "c") + '{"text": "[[[[[[[[", "id": "d"}\nnull\n'
    items = list(iter_jsonl(_io.StringIO(lines), "in.jsonl"))
    assert [(i.line, i.fatal) for i in items if isinstance(i, Problem)] == [(1, True), (2, True), (5, True)]
    assert ["nested" in i.reason for i in items if isinstance(i, Problem)] == [True, True, False]
    assert [i.id for i in items if not isinstance(i, Problem)] == ["c", "d"]


def test_streamed_stdin_refuses_random_bytes_and_reads_another_encoding_as_a_file_would(monkeypatch):
    """Bytes without a known header or NUL bytes, mostly not UTF-8, once went through line by line as
    U+FFFD garbage with exit status 0 (`head -c 2000 /dev/urandom | sastra segment`), where the same
    bytes in a file are refused as binary."""
    import io as _io
    import random

    from sastra.io import Problem, iter_stdin_lines

    class Stdin:
        def __init__(self, data: bytes) -> None:
            self.buffer = _io.BufferedReader(_io.BytesIO(data))

    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(5000))  # (refused as a file: see above)
    monkeypatch.setattr("sys.stdin", Stdin(noise))
    (problem,) = list(iter_stdin_lines())
    assert isinstance(problem, Problem) and problem.fatal and "binary" in problem.reason
    russian = "Правительство Камбоджи объявило сегодня о новых мерах поддержки экспорта риса.\n" * 3
    monkeypatch.setattr("sys.stdin", Stdin(russian.encode("cp1251")))
    problem, *lines = list(iter_stdin_lines())
    assert isinstance(problem, Problem) and not problem.fatal and "not UTF-8" in problem.reason
    assert "".join(lines) == russian
    monkeypatch.setattr("sys.stdin", Stdin("ក្រុង\xff\n".encode("utf-8") + b"\xff\n"))
    assert list(iter_stdin_lines()) == ["ក្រុង\xff\n", "\udcff\n"]  # a few bad bytes: still streamed


def test_an_output_is_refused_where_it_would_overwrite_an_input_or_be_read_as_one(tmp_path):
    """An output inside an input folder was read back as an input (an empty file, or its own partial
    output), a hard link to an input was overwritten, and ``clean -o FOLDER/`` wrote its
    per-document files over the inputs it was reading."""
    from sastra.errors import InputError
    from sastra.io import check_output_path

    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "a.txt"
    page.write_text("ខ្មែរ\n", encoding="utf-8")
    (tmp_path / "link.txt").hardlink_to(page)
    refused = {
        str(page): [str(page)],  # the input itself
        str(tmp_path / "link.txt"): [str(page)],  # the same file under another name
        str(folder / "all.txt"): [str(folder)],  # inside an input folder
        str(folder): [str(page)],  # a folder holding an input
        str(tmp_path / "words.txt"): [str(page), str(tmp_path / "words.txt")],  # any file read
    }
    for output, inputs in refused.items():
        with pytest.raises(InputError, match="refusing"):
            check_output_path(output, inputs)
    check_output_path(str(tmp_path / "out" / "a.txt"), [str(page), str(folder), "-"])
    check_output_path("-", [str(page)])


def test_verbs_refuse_an_output_inside_their_input_folder(tmp_path, capsys):
    from sastra.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "a.txt"
    page.write_text("ខ្មែរ\n", encoding="utf-8")
    for argv in (["normalize", str(folder), "-o", str(folder / "all.txt")],
                 ["clean", str(page), "-o", f"{folder}/"]):
        assert main(argv) == 1
        assert "refusing to write" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert page.read_text(encoding="utf-8") == "ខ្មែរ\n"


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_json_lines_end_at_a_lone_cr_as_at_lf(tmp_path, monkeypatch, end):
    """Old Mac line ends (CR alone) made a JSON Lines file one bad line; CR LF and LF are unchanged.
    Line numbers in problems count CR-ended lines."""
    from sastra.io import Problem, iter_documents
    from sastra.index.records_io import iter_records

    data = end.encode().join(['{"id": "a", "text": "ក្រសួង"}'.encode(), '{"id": "b", "text": "សុខា"}'.encode(),
                              b"not json", b'{"id": "c", "text": "x\xffy"}', b""])
    path = tmp_path / "old-mac.jsonl"
    path.write_bytes(data)

    def outline(items):
        return [(item.line, item.fatal) if isinstance(item, Problem) else (item.id, item.text) for item in items]

    expected = [("a", "ក្រសួង"), ("b", "សុខា"), (3, True), (4, False), ("c", "x\ufffdy")]
    assert outline(iter_documents([str(path)])) == expected
    assert outline(iter_records([str(path)])) == expected
    monkeypatch.setattr("sys.stdin", _Stdin(data))  # (streamed: each line decoded as it is read)
    assert outline(iter_documents(["-"], jsonl=True)) == expected
    monkeypatch.setattr("sys.stdin", _Stdin(data))  # (read whole)
    assert outline(iter_documents(["-"])) == expected


def test_the_undecodable_bytes_of_a_json_line_come_just_before_what_the_line_gives(tmp_path):
    """The file's bytes are decoded before its lines are read: each byte problem used to come first,
    before the first record, so that a reader took it for that record's."""
    from sastra.io import iter_documents

    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x"}\n\n{"id": "b", "text": "\xff"}\n' + b"{\xfe\n" + b"\xfd" * 4)
    items = [(type(item).__name__, getattr(item, "line", None), getattr(item, "fatal", None))
             for item in iter_documents([str(path)])]
    assert items == [("Problem", None, False),  # (more bad bytes than are listed: the count, first)
                     ("Document", None, None), ("Problem", 3, False), ("Document", None, None),
                     ("Problem", 4, False), ("Problem", 4, True), *[("Problem", 5, False)] * 3, ("Problem", 5, True)]


def test_one_path_given_alone_is_one_path(tmp_path):
    # a string is one path, not a sequence of one-character paths (``/`` would walk the whole disk)
    from sastra.io import iter_documents, iter_paths

    article = tmp_path / "a.txt"
    article.write_text("អត្ថបទ", encoding="utf-8")
    assert list(iter_paths(str(article))) == [article]
    assert list(iter_paths(article)) == [article]
    assert [doc.text for doc in iter_documents(str(article))] == ["អត្ថបទ"]
