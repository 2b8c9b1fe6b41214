"""Reliability: a corpus with 5% broken files: every broken one is reported, the rest processed and
indexed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pipeline_helpers import SAMPLES, read_jsonl
from sastra.pipeline import run


def _warc(path: Path, good: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (SAMPLES / "06-roads-siemreap.html").read_bytes()
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for n in range(good + 1):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.com/{n}", "response",
                                                          payload=io.BytesIO(page), http_headers=headers))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # the last record is cut short


@pytest.fixture(scope="module")
def broken_corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    pytest.importorskip("warcio")
    folder = tmp_path_factory.mktemp("broken")
    good = sorted(p for p in SAMPLES.iterdir() if "broken" not in p.name)
    for n in range(3):  # 96 good article files
        for path in good:
            (folder / f"{n}-{path.name}").write_bytes(path.read_bytes())
    broken = {
        "zz-binary.txt": "binary",
        "zz-empty.txt": "empty",
        "zz-bad-bytes.txt": "input_problem",
        "zz-crawl.warc.gz": "corrupt_warc",
    }
    (folder / "zz-binary.txt").write_bytes(b"PK\x03\x04" + b"\x00" * 600 + bytes(range(256)))
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / "zz-bad-bytes.txt").write_bytes((SAMPLES / "07-tourism-angkor.txt").read_bytes()[:900] + b"\xc0\xff\xfe"
                                             + (SAMPLES / "07-tourism-angkor.txt").read_bytes()[900:])
    _warc(folder / "zz-crawl.warc.gz", good=2)
    (folder / "zz-lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": (SAMPLES / "05-flood-battambang.txt").read_text(encoding="utf-8")},
                   ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    broken["zz-lines.jsonl:2"] = "bad_json"
    return folder, broken


def test_every_broken_file_is_reported_and_the_rest_indexed(broken_corpus, tmp_path):
    folder, broken = broken_corpus
    out = tmp_path / "out"
    summary = run([str(folder)], out, workers=2, shard_size=16, progress=False)
    records = read_jsonl(out / "records.jsonl")
    rejects = read_jsonl(out / "rejects.jsonl")
    inputs = 96 + 3 + 2 + 1 + 2  # good files, binary/empty/bad bytes, two WARC pages, one JSON line, a bad line
    assert summary.read == len(records) + len(rejects) == inputs - 1 + 1  # the cut WARC record: one reject
    assert round(len(broken) / (96 + len(broken)), 2) == 0.05  # 5% of the input files are broken
    rejected = {(Path(r["source"]).name + (f":{r['line']}" if r.get("line") else "")): r["reason"] for r in rejects}
    flagged = {Path(r["meta"]["source"]).name: "input_problem" for r in records if "input_problem" in r["flags"]}
    for name, reason in broken.items():
        assert rejected.get(name, flagged.get(name)) == reason, name
    assert set(rejected) == {name for name, reason in broken.items() if reason != "input_problem"}
    # the rest: every good file and page is a record
    assert len(records) == 96 + 1 + 2 + 1
    assert summary.kept == len(records)
    if summary.index is not None:
        canonical = [r for r in records if "dup_of" not in r["meta"]]
        assert summary.index["documents"] == len(canonical)
    else:
        assert summary.index_skipped
