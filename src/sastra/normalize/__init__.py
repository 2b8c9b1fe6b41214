"""Normalization: ``normalize`` (canonical, meaning-preserving) and ``search_key`` (aggressive, for
search only), with ``normalize_and_explain`` for the edit log and offsets, and ``validate`` for the
clusters no rule can fix."""

from __future__ import annotations

from sastra.normalize.core import Normalized, normalize, normalize_and_explain
from sastra.normalize.search import search_key
from sastra.normalize.validate import InvalidCluster, validate
from sastra._callable import make_callable
from sastra.records import Document

__all__ = ["normalize", "normalize_and_explain", "Normalized", "search_key", "validate",
           "InvalidCluster", "normalize_document"]


def normalize_document(doc: Document) -> Document:
    """The pipeline stage: canonical ``doc.text`` with its edits recorded (offsets into the input text)."""
    result = normalize_and_explain(doc.text)
    if not result.edits:
        return doc
    return doc.replace(text=result.text, edits=doc.edits + result.edits)


make_callable(__name__)
