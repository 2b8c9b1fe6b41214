"""Cleaning crawled Khmer news: keep every article line, tag or remove the rest, say why.

``clean(text_or_html)`` returns a :class:`CleanResult`; ``clean_document(doc)`` is the pipeline stage;
``find_repeated_lines`` is the corpus pass that finds a site's repeated furniture.
"""

from typing import TYPE_CHECKING

from sastra._callable import make_callable
from sastra._lazy import lazy_exports

if TYPE_CHECKING:
    from sastra.clean.core import CleanResult, clean, clean_document, clean_text, looks_like_html
    from sastra.clean.corpus import find_repeated_lines
    from sastra.clean.encoding import detect_encoding_problem
    from sastra.clean.rules import KEPT_REASONS

__all__ = ["CleanResult", "KEPT_REASONS", "clean", "clean_document", "clean_text",
           "detect_encoding_problem", "find_repeated_lines", "looks_like_html"]

#: (imported on first use: see sastra._lazy)
__getattr__, __dir__ = lazy_exports(__name__, {
    **dict.fromkeys(["CleanResult", "clean", "clean_document", "clean_text", "looks_like_html"], "sastra.clean.core"),
    "find_repeated_lines": "sastra.clean.corpus",
    "detect_encoding_problem": "sastra.clean.encoding",
    "KEPT_REASONS": "sastra.clean.rules",
})

make_callable(__name__)  # sastra.clean(text) works whatever was imported first
