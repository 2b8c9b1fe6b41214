"""The cleaner's fast paths give exactly what the plain computations they replace give."""

from __future__ import annotations

import json
import re
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


def khmer_ratio_by_characters(text: str) -> float:
    """khmer_ratio as it was computed before its fast path: every Khmer character and every other
    letter listed."""
    khmer_chars = len(re.findall(f"[{khmer.KHMER_BLOCK}]", text))
    other = len(re.findall(f"[^\\W\\d_{khmer.KHMER_BLOCK}]", text))
    return khmer_chars / (khmer_chars + other) if khmer_chars + other else 0.0


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_khmer_ratio_equals_counting_characters_on_odd_texts(text: str) -> None:
    assert khmer.khmer_ratio(text) == khmer_ratio_by_characters(text)


def test_khmer_ratio_equals_counting_characters_on_corpus_lines() -> None:
    for text in corpus_texts():
        assert khmer.khmer_ratio(text[:800]) == khmer_ratio_by_characters(text[:800])
        for line in text.splitlines():
            assert khmer.khmer_ratio(line) == khmer_ratio_by_characters(line)


def _case_equivalents(char: str) -> set[str]:
    pattern = re.compile(re.escape(char), re.I)
    return {chr(c) for c in range(0x110000) if pattern.fullmatch(chr(c))}


@pytest.mark.parametrize("pattern,needles", [(rules._COPYRIGHT_ANY_RE, rules._COPYRIGHT_ANY_NEEDLES),
                                             (rules._COOKIE_RE, rules._COOKIE_NEEDLES)])
def test_a_line_without_the_needles_cannot_match(pattern: re.Pattern[str], needles: tuple[str, ...]) -> None:
    latin = {n for n in needles if len(n) == 1 and n.lower() == n}
    for char in latin:  # every character that matches the needle when case is ignored is a needle
        assert _case_equivalents(char) <= set(needles)
    for alternative in pattern.pattern.split("|"):  # each phrase holds a needle
        assert any(n in alternative or n in alternative.lower() for n in needles), alternative


def test_byline_colons_are_the_only_ends() -> None:
    assert rules._BYLINE_RE.pattern.endswith(r"\s*[៖:：]")
    assert set().union(*(_case_equivalents(c) for c in rules._BYLINE_COLONS)) == set(rules._BYLINE_COLONS)


def _visible_by_regex(line: str) -> str:
    return rules._INVISIBLE_RE.sub("", line).strip()


def _segment_ui_reference(key: str) -> list[str] | None:
    """segment_ui without its early stop."""
    table = rules.ui_strings()
    n = len(key)
    if n == 0 or n > 400:
        return None
    if key in table:
        return [key]
    prefixes = rules._ui_prefixes()
    if key[:1] not in prefixes:
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        j = i + 1
        while j <= n and key[i:j] in prefixes:
            if best[j] is None and key[i:j] in table:
                best[j] = best[i] + [key[i:j]]  # type: ignore[operator]
            j += 1
    return best[n]


def test_visible_and_segment_ui_on_corpus_lines() -> None:
    odd = ["\u200b \u200c\ufeffx\u2060 \u200d", " \u00a0 ", "ទំព័រដើមព័ត៌មានជាតិកីឡា", "ចែករំលែក  Facebook  Telegram"]
    for text in corpus_texts() + odd:
        for line in text.splitlines():
            assert rules.visible(line) == _visible_by_regex(line)
            key = rules.line_key(line)
            assert rules.segment_ui(key) == _segment_ui_reference(key)


def test_segment_ui_on_runs_of_ui_strings() -> None:
    import random

    keys = sorted(rules.ui_strings())
    rng = random.Random(7)
    for _ in range(2000):
        run = "".join(rng.choice(keys) for _ in range(rng.randint(1, 4)))
        for key in (run, run + "x", run[:-1], "ក" + run, run[: len(run) // 2]):
            assert rules.segment_ui(key) == _segment_ui_reference(key)
