"""The segmentation engines and granularities by name, without loading any engine.

Kept apart from :mod:`sastra.segment.core` (which needs numpy) so that the command line can list
the engines in its help and choices at no cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

GRANULARITIES = ("word", "fine")


@dataclass(frozen=True)
class EngineInfo:
    name: str
    description: str
    factory: Callable[[], object]


def _perceptron():
    from sastra.segment.engines import PerceptronEngine

    return PerceptronEngine()


def _dictionary():
    from sastra.segment.engines import DictionaryEngine

    return DictionaryEngine()


#: the one list of engine names: CLI choices, docs and the unknown-name error all come from here
ENGINES: dict[str, EngineInfo] = {
    "perceptron": EngineInfo(
        "perceptron",
        "linear model (averaged perceptron + logistic regression) over cluster n-grams and lexicon "
        "evidence, plus a second pass over its own decisions nearby, trained on khPOS (model licence "
        "CC BY-NC-SA 4.0); both granularities; the default",
        _perceptron,
    ),
    "dict": EngineInfo(
        "dict",
        "greedy longest match over the ICU + Google lexicons only (redistributable, no khPOS data)",
        _dictionary,
    ),
}
DEFAULT_ENGINE = "perceptron"
