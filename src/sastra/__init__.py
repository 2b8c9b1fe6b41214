"""sastra: clean, canonical, segmented, annotated and searchable Khmer news text.

The short public API; each name is imported lazily from its stage so that ``import sastra`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    # records and errors
    "Document": "sastra.records",
    "Token": "sastra.records",
    "Sentence": "sastra.records",
    "Mention": "sastra.records",
    "Edit": "sastra.records",
    "Removal": "sastra.records",
    "SastraError": "sastra.errors",
    "InputError": "sastra.errors",
    "ConfigError": "sastra.errors",
    "MissingExtraError": "sastra.errors",
    # normalize
    "normalize": "sastra.normalize",
    "normalize_and_explain": "sastra.normalize",
    "search_key": "sastra.normalize",
    "validate": "sastra.normalize",
    # segment
    "segment_words": "sastra.segment",
    "split_sentences": "sastra.segment",
    # clean
    "clean": "sastra.clean",
    # extract
    "extract": "sastra.extract",
    # pipeline and search
    "analyze": "sastra.index.analysis",
    "run": "sastra.pipeline",
}

__all__ = sorted(_PUBLIC) + ["lunar", "__version__"]


#: stage packages that are callable as their main function (see sastra._callable)
_CALLABLE_PACKAGES = {"normalize", "clean", "extract"}


def __getattr__(name: str) -> Any:
    if name == "lunar":
        return importlib.import_module("sastra.extract.lunar")
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'sastra' has no attribute {name!r}")
    imported = importlib.import_module(module)
    value = imported if name in _CALLABLE_PACKAGES and callable(imported) else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
