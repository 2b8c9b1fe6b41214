"""Property: whatever the input files hold and however it is sharded, every input document is
accounted for exactly once, in input order (the pipeline's machinery, with the stages left out)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline_helpers import read_jsonl
from sastra.pipeline import run

CONTENT = st.one_of(
    st.text(alphabet=st.sampled_from(list("កខគឃងាិីុេែោ្រ​ ។\n០១ab")), max_size=80),
    st.binary(max_size=40),
    st.just(b""),
    st.just(b"\x00\x00\x00\x00PK"),
)


@given(files=st.lists(CONTENT, min_size=1, max_size=12), shard_size=st.integers(1, 5),
       jsonl_lines=st.lists(st.one_of(st.text(max_size=20), st.just("{bad")), max_size=4))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_document_once_in_order(files, shard_size, jsonl_lines):
    root = Path(tempfile.mkdtemp(prefix="sastra-prop-"))
    try:
        inputs = root / "in"
        inputs.mkdir()
        for number, content in enumerate(files):
            path = inputs / f"f{number:02d}.txt"
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        lines = [line if line == "{bad" else json.dumps({"id": f"j{i}", "text": line}, ensure_ascii=False)
                 for i, line in enumerate(jsonl_lines)]
        if lines:
            (inputs / "z.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        summary = run([str(inputs)], root / "out", workers=1, shard_size=shard_size, progress=False,
                      index=False, parquet=False, skip=("clean", "normalize", "segment", "extract"))
        records = read_jsonl(root / "out" / "records.jsonl")
        rejects = read_jsonl(root / "out" / "rejects.jsonl")
        expected = len(files) + len([line for line in jsonl_lines])
        assert summary.read == expected == len(records) + len(rejects)
        ids = [r["id"] for r in records] + [r["id"] for r in rejects]
        assert len(set(ids)) == len(ids)
        sources = [r["meta"]["source"] for r in records]
        assert sources == sorted(sources)
    finally:
        shutil.rmtree(root, ignore_errors=True)
