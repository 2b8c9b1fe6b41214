"""Resumability: a run killed at any point and started again finishes with no document lost or doubled,
and its records are byte-for-byte those of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline_helpers import SAMPLES, read_jsonl
import sastra.pipeline as pipeline
from sastra.pipeline import run


class Killed(BaseException):
    """Stands for the process dying: not an Exception, so nothing on the way catches it."""


def _corpus(folder: Path, copies: int) -> Path:
    """The sample corpus repeated under several folder names (documents with distinct ids)."""
    for n in range(copies):
        target = folder / f"site{n}"
        target.mkdir(parents=True)
        for path in sorted(SAMPLES.iterdir()):
            (target / f"{n}-{path.name}").write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus"), 2)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("ref") / "out"
    run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    return (out / "records.jsonl").read_bytes()


def _first_difference(got: bytes, want: bytes) -> str:
    for number, (a, b) in enumerate(zip(got.splitlines(), want.splitlines())):
        if a != b:
            a_id, b_id = json.loads(a)["id"], json.loads(b)["id"]
            at = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
            return f"line {number} ({a_id} vs {b_id}) at byte {at}: {a[at - 80:at + 40]!r} vs {b[at - 80:at + 40]!r}"
    return f"{len(got.splitlines())} lines vs {len(want.splitlines())}"


def _check_complete(out: Path, reference: bytes) -> None:
    got = (out / "records.jsonl").read_bytes()
    want_ids = [json.loads(line)["id"] for line in reference.splitlines()]
    assert [json.loads(line)["id"] for line in got.splitlines()] == want_ids  # nothing lost or doubled
    assert got == reference, _first_difference(got, reference)
    records = read_jsonl(out / "records.jsonl")
    rejects = read_jsonl(out / "rejects.jsonl")
    ids = [r["id"] for r in records] + [r["id"] for r in rejects]
    assert len(ids) == len(set(ids)) == 2 * len(list(SAMPLES.iterdir()))


@pytest.mark.parametrize("after", [0, 1, 5])
def test_killed_after_some_shards_resumes(corpus, reference, tmp_path, monkeypatch, after):
    out = tmp_path / "out"
    real_commit = pipeline.WorkDir.commit
    calls = {"n": 0}

    def commit_then_die(self, result):
        if calls["n"] == after:
            raise Killed()
        calls["n"] += 1
        return real_commit(self, result)

    monkeypatch.setattr(pipeline.WorkDir, "commit", commit_then_die)
    with pytest.raises(Killed):
        run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    assert not (out / "records.jsonl").exists()
    monkeypatch.setattr(pipeline.WorkDir, "commit", real_commit)
    summary = run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    assert summary.shards_resumed == after
    _check_complete(out, reference)


def test_killed_while_writing_a_shard_redoes_it(corpus, reference, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real_write = pipeline._write_file

    def write_half_then_die(path, data):
        if Path(path).name == "shard-000001.records.jsonl":  # the second shard: leave a partial file behind
            Path(str(path) + ".tmp").write_bytes(data[: len(data) // 2])
            raise Killed()
        return real_write(path, data)

    monkeypatch.setattr(pipeline, "_write_file", write_half_then_die)
    with pytest.raises(Killed):
        run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    monkeypatch.setattr(pipeline, "_write_file", real_write)
    summary = run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    assert summary.shards_resumed == 1
    _check_complete(out, reference)


def test_a_committed_shard_whose_file_was_lost_is_redone(corpus, reference, tmp_path):
    # shard files are not fsynced one by one: a crash of the machine may leave a committed shard's
    # file short or empty; the manifest's sizes and CRC-32s catch it and the shard is redone
    out = tmp_path / "out"
    run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    work = out / "work"
    (work / "shard-000001.records.jsonl").write_bytes(b"")
    data = (work / "shard-000002.sig.npz").read_bytes()
    (work / "shard-000002.sig.npz").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    summary = run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    assert summary.shards_resumed == summary.shards - 2
    _check_complete(out, reference)


def test_killed_during_the_final_steps_finishes(corpus, reference, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = pipeline._find_duplicates

    def die(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(pipeline, "_find_duplicates", die)
    with pytest.raises(Killed):
        run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    monkeypatch.setattr(pipeline, "_find_duplicates", real)
    summary = run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    assert summary.shards_resumed == summary.shards
    _check_complete(out, reference)


def test_a_cut_manifest_line_is_ignored(corpus, reference, tmp_path):
    out = tmp_path / "out"
    run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    manifest = out / "work" / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(lines[:3]) + lines[3][:10], encoding="utf-8")  # killed mid-append
    summary = run([str(corpus)], out, workers=1, shard_size=5, progress=False, index=False)
    assert summary.shards_resumed == 3
    _check_complete(out, reference)
    entries = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    assert sorted(e["shard"] for e in entries) == list(range(summary.shards))  # the cut line is gone


def test_sigkill_of_a_real_run_then_resume(corpus, reference, tmp_path):
    """Kill a `sastra run` subprocess (SIGKILL, no cleanup) once it has committed a shard or two."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sastra.cli", "run", str(corpus), "--out", str(out), "--workers", "2",
               "--shard-size", "5", "--no-index", "--quiet"]
    manifest = out / "work" / "manifest.jsonl"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if manifest.exists() and len(manifest.read_text(encoding="utf-8").splitlines()) >= 2:
                break
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the run and its worker processes
        process.wait()
    killed_early = not (out / "records.jsonl").exists()
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    _check_complete(out, reference)
    if killed_early:
        assert "already done" in result.stderr or "resumed" in (out / "summary.json").read_text()
