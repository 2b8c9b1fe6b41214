"""Reading gold segmentations and scoring against them (used by tests, bench and the training script).

khPOS lines are ``word/TAG`` items separated by spaces; inside a word ``_`` joins compound parts, ``~``
marks a prefix and ``^`` a suffix. A gold sentence is the words joined without spaces; its word spans
keep compounds whole and its fine spans split at every marker. Gold text is normalized the same way as
the engines' lexicons (``fold``), so that scoring compares like with like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from sastra.segment.normal import fold

_MARKERS_RE = re.compile(r"[_~^]")
_DROP = str.maketrans("", "", "\u200b\ufeff")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    words: tuple[tuple[int, int], ...]  # spans of whole words (compounds kept whole)
    fine: tuple[tuple[int, int], ...]  # spans of compound parts, prefixes and suffixes


def parse_khpos_line(line: str) -> GoldSentence | None:
    pieces_per_word: list[list[str]] = []
    for item in line.split():
        word, slash, _tag = item.rpartition("/")
        if not slash:
            word = item
        if word == "SLASH":
            word = "/"
        word = word.translate(_DROP)
        parts = [fold(p) for p in _MARKERS_RE.split(word) if p]
        if not parts:
            if word in "_~^" and word:
                parts = [word]
            else:
                continue
        pieces_per_word.append(parts)
    if not pieces_per_word:
        return None
    return _gold_from_pieces(pieces_per_word)


def _gold_from_pieces(pieces_per_word: Sequence[Sequence[str]]) -> GoldSentence:
    text_parts: list[str] = []
    words: list[tuple[int, int]] = []
    fine: list[tuple[int, int]] = []
    pos = 0
    for parts in pieces_per_word:
        start = pos
        for part in parts:
            fine.append((pos, pos + len(part)))
            pos += len(part)
            text_parts.append(part)
        words.append((start, pos))
    return GoldSentence("".join(text_parts), tuple(words), tuple(fine))


def read_khpos(path: str | Path) -> list[GoldSentence]:
    """All sentences of a khPOS ``.tagged`` file, in file order."""
    out = []
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            gold = parse_khpos_line(line)
            if gold is not None:
                out.append(gold)
    return out


def gold_from_tokens(tokens: Sequence[str]) -> GoldSentence:
    """A gold sentence from a list of gold word strings (curated-300 style), joined without spaces."""
    return _gold_from_pieces([[fold(t)] for t in tokens if t])


def read_curated(path: str | Path, split: str = "dev") -> list[GoldSentence]:
    """The gold sentences of one split of a curated-300 ``benchmark.jsonl`` file, in file order."""
    import json

    with open(path, encoding="utf-8") as stream:
        return [gold_from_tokens(record["tokens"]) for record in map(json.loads, stream)
                if record["split"] == split]


@dataclass
class F1:
    """Span precision, recall and F1, accumulated over sentences."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> None:
        p = set(predicted)
        g = set(gold)
        self.tp += len(p & g)
        self.predicted += len(p)
        self.gold += len(g)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
