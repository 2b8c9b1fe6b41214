"""Report Khmer clusters that no normalization can make valid (typing errors that need a human)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sastra.errors import require_str
from sastra.khmer import CLUSTER_PATTERN

_CLUSTER_RE = re.compile(CLUSTER_PATTERN)
_ORPHAN_RE = re.compile("(?<![\u1780-\u17b3\u17b4-\u17d3\u17dd\u200c\u200d])[\u17b6-\u17d1\u17d3\u17dd]+"
                        "|^[\u17b6-\u17d1\u17d3\u17dd]+", re.M)
_DEPENDENT_VOWELS = set("\u17b6\u17b7\u17b8\u17b9\u17ba\u17bb\u17bc\u17bd\u17be\u17bf\u17c0\u17c1\u17c2"
                        "\u17c3\u17c4\u17c5")


@dataclass(frozen=True, slots=True)
class InvalidCluster:
    """An invalid cluster at ``text[start:end]``, with the reason in words."""

    start: int
    end: int
    text: str
    reason: str


def _cluster_problem(cluster: str) -> str | None:
    vowels = [c for c in cluster if c in _DEPENDENT_VOWELS]
    if len(vowels) > 1:
        names = " + ".join(f"U+{ord(c):04X}" for c in vowels)
        return f"two dependent vowels in one cluster ({names})"
    if "\u17d0" in cluster and vowels:
        return f"samyok sannya (U+17D0) with a dependent vowel (U+{ord(vowels[0]):04X})"
    if cluster.count("\u17d2") > 2:
        return "more than two subscript consonants"
    shifters = [c for c in cluster if c in "\u17c9\u17ca"]
    if len(shifters) > 1:
        return "two register shifters"
    if cluster.endswith("\u17d2"):
        return "COENG with no consonant after it"
    return None


def validate(text: str) -> list[InvalidCluster]:
    """Invalid clusters of ``text`` (checked as written, and after normalization would not fix them).

    Normalization fixes order, split vowels and look-alikes; what remains here (two vowels on one
    consonant as in ``កិា``, a stray vowel before samyok sannya as in ``ពា័ន្ធ``, marks with no base)
    is reported with its exact position so a person can correct it.
    """
    from sastra.normalize.core import normalize

    require_str(text)
    problems: list[InvalidCluster] = []
    for match in _CLUSTER_RE.finditer(text):
        cluster = match.group()
        if len(cluster) < 3:
            continue
        reason = _cluster_problem(normalize(cluster))
        if reason:
            problems.append(InvalidCluster(match.start(), match.end(), cluster, reason))
    for match in _ORPHAN_RE.finditer(text):
        problems.append(InvalidCluster(match.start(), match.end(), match.group(),
                                       "combining mark with no consonant or vowel to attach to"))
    problems.sort(key=lambda p: p.start)
    return problems
