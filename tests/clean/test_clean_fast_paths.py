"""The cleaner's fast versions of shared helpers give exactly what the helpers they replace give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sastra import khmer
from sastra.clean import rules

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"

ODD_TEXTS = ["", " ", "123 !", "ខ្មែរ", "hello", "ខ្មែរ hello", "\u19e0\u19ff abc", "ᧀ", "Ω ж ع 中文 ខ",
             "_x_ ៥៦ 5", "\u200bខ\u200b", "Việt Nam ខ្មែរ", "𝐀𝐁 ខ", "\u17d2\u17b6", "ǅ ʰ ª º"]


def corpus_texts(limit: int = 300) -> list[str]:
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not here")
    with CORPUS.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(limit), f)]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_khmer_ratio_equals_the_shared_one_on_odd_texts(text: str) -> None:
    assert rules.khmer_ratio(text) == khmer.khmer_ratio(text)


def test_khmer_ratio_equals_the_shared_one_on_corpus_lines() -> None:
    for text in corpus_texts():
        assert rules.khmer_ratio(text[:800]) == khmer.khmer_ratio(text[:800])
        for line in text.splitlines():
            assert rules.khmer_ratio(line) == khmer.khmer_ratio(line)
