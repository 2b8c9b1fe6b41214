"""Golden files: the segmentation of a short news-like text (written for these tests) at both
granularities, one token per line as ``start<TAB>end<TAB>kind<TAB>text``.

A change of model or rules that changes the output shows up here as a diff to review. To accept the
new output: ``SASTRA_UPDATE_GOLDEN=1 python -m pytest tests/segment/test_segment_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sastra.segment import segment_words, split_sentences

GOLDEN = Path(__file__).parent / "golden"


def render(text: str, granularity: str) -> str:
    return "".join(f"{t.start}\t{t.end}\t{t.kind}\t{t.text}\n"
                   for t in segment_words(text, granularity=granularity))


@pytest.mark.parametrize("granularity", ["word", "fine"])
def test_golden_tokens(granularity):
    text = (GOLDEN / "news.txt").read_text(encoding="utf-8")
    expected_path = GOLDEN / f"news.{granularity}.tsv"
    got = render(text, granularity)
    if os.environ.get("SASTRA_UPDATE_GOLDEN") or not expected_path.exists():
        expected_path.write_text(got, encoding="utf-8")
    assert got == expected_path.read_text(encoding="utf-8")


def test_golden_sentences():
    text = (GOLDEN / "news.txt").read_text(encoding="utf-8")
    assert [s.text[-1] for s in split_sentences(text)] == ["។", "។", "។", "។", "។"]
    assert len(split_sentences(text)) == 5
