"""Word and sentence segmentation for Khmer.

``segment_words(text, engine=..., granularity="word"|"fine", user_words=None)`` returns tokens with
exact offsets into ``text`` (``segment_many(texts, ...)``: the same for many texts, cheaper);
``split_sentences(text)`` returns sentences. Engines live behind one
registry (``ENGINES``); user words can be added for every call (``add_words``) or per call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sastra._lazy import lazy_exports

if TYPE_CHECKING:
    from sastra.segment.core import (DEFAULT_ENGINE, ENGINES, GRANULARITIES, UserDictionary, add_words,
                                     clear_words, engine_names, get_engine, remove_words, segment_document,
                                     segment_many, segment_words, user_words)
    from sastra.segment.sentences import split_sentences

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "GRANULARITIES",
    "UserDictionary",
    "add_words",
    "clear_words",
    "engine_names",
    "get_engine",
    "remove_words",
    "segment_document",
    "segment_many",
    "segment_words",
    "split_sentences",
    "user_words",
]

#: (imported on first use: see sastra._lazy)
__getattr__, __dir__ = lazy_exports(__name__, {
    name: "sastra.segment.sentences" if name == "split_sentences" else "sastra.segment.core" for name in __all__})
