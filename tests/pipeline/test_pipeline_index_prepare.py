"""The index is prepared in the workers (``OUT/work/shard-*.prepared.jsonl``) and only written by the
driver: the index must be the one ``build_index`` makes from ``records.jsonl``, near-duplicates
included, and work folders without (or with damaged) prepared files must still give it.
Real text: ../shared/data/corpus/kh-news-2019-07.jsonl."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from pipeline_helpers import news_subset

pytest.importorskip("tantivy")

from sastra.index.store import (build_index, iter_stored, prepare_document, prepared_from_json,  # noqa: E402
                                prepared_to_json)
from sastra.pipeline import run  # noqa: E402
from sastra.schema import document_from_record, read_records  # noqa: E402


@pytest.fixture(scope="module")
def corpus(news_jsonl, tmp_path_factory) -> Path:
    """60 news articles plus exact copies of three of them under other ids (near-duplicates)."""
    folder = tmp_path_factory.mktemp("prep")
    path = news_subset(news_jsonl, folder, 60)
    lines = path.read_text(encoding="utf-8").splitlines()
    copies = []
    for number in (3, 17, 41):
        record = json.loads(lines[number])
        record["id"] = f"copy-of-{record['id']}"
        copies.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines + copies) + "\n", encoding="utf-8")
    return path


def _stored(index_dir: Path) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in iter_stored(index_dir))


def _manifest(index_dir: Path) -> dict:
    return json.loads((index_dir / "sastra-index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def finished(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    run([str(corpus)], out, workers=1, shard_size=20, parquet=False, progress=False)
    return out


def test_prepared_files_are_written_and_round_trip(finished):
    files = sorted((finished / "work").glob("shard-*.prepared.jsonl"))
    assert len(files) == 4
    records = list(read_records(finished / "records.jsonl"))
    first = [line for line in files[0].read_text(encoding="utf-8").splitlines()]
    for line in first:
        assert prepared_to_json(prepared_from_json(line)) == line
    # a record with no near-duplicate link: the worker's preparation is the driver's
    plain = next(r for r in records if "dup_cluster" not in r["meta"])
    mine = prepare_document(document_from_record(plain))
    assert prepared_from_json(prepared_to_json(mine)) == mine


def test_each_prepared_line_is_the_preparation_of_its_record_line(finished):
    """A worker prepares a record from its own objects (sastra.index.store.prepared_line): the line
    must be, byte for byte, what preparing the record read back from its JSON line gives."""
    checked = 0
    for prepared_file in sorted((finished / "work").glob("shard-*.prepared.jsonl")):
        records_file = prepared_file.with_name(prepared_file.name.replace(".prepared.", ".records."))
        lines = prepared_file.read_text(encoding="utf-8").splitlines()
        records = records_file.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(records)
        for line, record in zip(lines, records):
            assert line == prepared_to_json(prepare_document(document_from_record(json.loads(record))))
            checked += 1
    assert checked == 63


def test_index_equals_build_index_of_the_records(finished, tmp_path):
    assert _manifest(finished / "index")["duplicates"], "the copies are linked as near-duplicates"
    reference = tmp_path / "reference"
    build_index((document_from_record(r) for r in read_records(finished / "records.jsonl")), reference)
    assert _stored(finished / "index") == _stored(reference)
    assert _manifest(finished / "index") == _manifest(reference)


@pytest.mark.parametrize("damage", ["delete", "corrupt", "older"])
def test_work_folder_without_good_prepared_files_resumes_to_the_same_index(corpus, finished, tmp_path, damage):
    out = tmp_path / "out"
    run([str(corpus)], out, workers=1, shard_size=20, parquet=False, progress=False)
    if damage == "older":  # prepared by a sastra whose index format was another: lines of another shape
        manifest = out / "work" / "manifest.jsonl"
        entries = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
        for entry in entries:
            entry["prepared_format"] = 1
            name = f"shard-{entry['shard']:06d}.prepared.jsonl"
            older = "".join(json.dumps(json.loads(line)[:5] + json.loads(line)[6:]) + "\n" for line in
                            (out / "work" / name).read_text(encoding="utf-8").splitlines()).encode("utf-8")
            (out / "work" / name).write_bytes(older)
            entry["files"][name] = [len(older), zlib.crc32(older)]
        manifest.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    for path in (out / "work").glob("shard-*.prepared.jsonl"):
        if damage == "delete":
            path.unlink()
        elif damage == "corrupt":
            path.write_text("not json\n", encoding="utf-8")
    for name in ("records.jsonl", "rejects.jsonl", "summary.json"):
        (out / name).unlink()
    summary = run([str(corpus)], out, workers=1, shard_size=20, parquet=False, progress=False)
    assert summary.shards_resumed == summary.shards
    assert summary.index_error is None and summary.index, "the index was built again, not left from before"
    assert (out / "records.jsonl").read_bytes() == (finished / "records.jsonl").read_bytes()
    assert _stored(out / "index") == _stored(finished / "index")
    assert _manifest(out / "index") == _manifest(finished / "index")
