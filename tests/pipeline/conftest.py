"""Fixtures of the pipeline tests: the bundled sample corpus and small corpora built in tmp folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "corpus"
#: source of the real-text tests: ../shared/data/corpus/kh-news-2019-07.jsonl
NEWS_JSONL = REPO.parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"


@pytest.fixture(scope="session")
def samples() -> Path:
    assert SAMPLES.is_dir(), "samples/corpus is part of the repository"
    return SAMPLES


@pytest.fixture(scope="session")
def news_jsonl() -> Path:
    if not NEWS_JSONL.is_file():
        pytest.skip("../shared/data/corpus/kh-news-2019-07.jsonl is not beside the repository")
    return NEWS_JSONL


def pytest_configure(config):
    config.addinivalue_line("markers", "ray: needs ray[data] (pip install 'sastra[distributed]'); runs Ray in "
                                       "local mode; deselect with -m 'not ray'")
