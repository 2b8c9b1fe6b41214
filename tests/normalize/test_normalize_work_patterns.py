"""The work patterns, written for speed, find exactly what their plain forms find."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from sastra.normalize import core

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "corpus" / "kh-news-2019-07.jsonl"

_B, _M, _INV, _C = core._BASE, core._MARK, core._INV, core._COENG
_ITEM = f"(?:{_C}[{_B}]?|[{_M}]|[{core._INVISIBLE_IN_CLUSTER}]+(?=[{_M}]))"
_ITEM_VISIBLE = f"(?:{_C}[{_B}]?|[{_M}])"
#: the patterns as first written (one alternative per case, no speed tricks)
PLAIN_WORK_RE = re.compile(
    f"[{_B}]{_ITEM}{{2,}}[{_INV}]*"
    f"|[{_B}](?:{_C}\u178a|{_C}(?![{_B}])|[\u17b4\u17b5])[{_INV}]*"
    f"|[\u17a3\u17a4]{_ITEM}*"
    "|\u17d8"
    f"|(?<=[\u1780-\u17d1\u17d3-\u17ff])[{_INV}]*[\u200c\u200d][{_INV}]*"
    f"|(?<!{_C})[{_INV}]*[\u200c\u200d][{_INV}]*(?=[\u1780-\u17ff])"
    f"|(?<!{_C})[{core._ZWSP_OR_INV}]*(?:[{core._REMOVABLE}]|\u200b\u200b)[{core._ZWSP_OR_INV}]*"
)
PLAIN_VISIBLE_WORK_RE = re.compile(
    f"[{_B}](?:{_ITEM_VISIBLE}{{2,}}|{_C}\u178a|{_C}(?![{_B}])|[\u17b4\u17b5])[{_INV}]*"
    f"|[\u17a3\u17a4]{_ITEM_VISIBLE}*"
    "|\u17d8"
)
ALPHABET = ["\u1780", "\u178a", "\u178f", "\u179a", "\u1794", "\u1784", "\u17a2", "\u17a3", "\u17a4", "\u17b3",
            "\u17d2", "\u17b4", "\u17b5", "\u17b6", "\u17b7", "\u17b8", "\u17bb", "\u17be", "\u17c1", "\u17c4",
            "\u17c6", "\u17c7", "\u17c9", "\u17ca", "\u17cc", "\u17d0", "\u17d1", "\u17d2", "\u17d3", "\u17d4",
            "\u17d8", "\u17dd", "\u17e0", "\u17ff", "\u19e0", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad",
            "\u2060", " ", "a", "\n"]


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_work_patterns_match_their_plain_forms_on_random_strings() -> None:
    rng = random.Random(20240613)
    for _ in range(60_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24)))
        assert spans(core.WORK_RE, text) == spans(PLAIN_WORK_RE, text), text
        if not core._INVISIBLE_WORK_RE.search(text):
            assert spans(core.VISIBLE_WORK_RE, text) == spans(PLAIN_WORK_RE, text), text
        assert spans(core.VISIBLE_WORK_RE, text) == spans(PLAIN_VISIBLE_WORK_RE, text), text


def test_work_patterns_match_their_plain_forms_on_the_corpus() -> None:
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not here")
    with CORPUS.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(300), f)]
    for text in texts:
        assert spans(core.WORK_RE, text) == spans(PLAIN_WORK_RE, text)
        assert spans(core.work_pattern(text), text) == spans(PLAIN_WORK_RE, text)
