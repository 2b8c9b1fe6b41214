"""Evaluation tier: the labelled page set of bench/clean_pages.py (bodies read in place from
../shared/data/corpus/kh-news-2019-07.jsonl) must keep every body line and catch the furniture.

Floors pinned a little below the measured figures (see docs/clean.md); no timing here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def pages(shared_data: Path):
    corpus = shared_data / "corpus" / "kh-news-2019-07.jsonl"
    if not corpus.exists():
        pytest.skip("corpus/kh-news-2019-07.jsonl not present")
    sys.path.insert(0, str(BENCH))
    try:
        from clean_pages import build_pages
        from clean_bench import metrics, score_page
    finally:
        sys.path.remove(str(BENCH))
    return build_pages(corpus), score_page, metrics


@pytest.mark.slow
@pytest.mark.parametrize("kind,floor", [("html", 0.98), ("text", 0.95)])
def test_labelled_pages(pages, kind: str, floor: float) -> None:
    from sastra.clean import clean

    built, score_page, metrics = pages
    results = []
    for page in built:
        if page.kind == kind:
            results.extend(score_page(page, clean(page.content, kind=kind).text))
    m = metrics(results)
    assert m["body recall"] == 1.0
    assert m["boilerplate precision"] >= 0.99
    assert m["boilerplate recall"] >= floor
