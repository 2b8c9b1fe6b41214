"""Search: one analysis at both ends, an embedded tantivy index, and an OpenSearch exporter.

``build_index(docs, index_dir)`` writes the index; ``search(index_dir, query)`` ranks, highlights and
filters; ``export_opensearch(records, out)`` writes bulk NDJSON for a cluster. tantivy is imported
only when an index is built or searched (``pip install 'sastra[search]'``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sastra._lazy import lazy_exports

if TYPE_CHECKING:
    from sastra.index.analysis import AnalyzedToken, analyze, analyze_text, entity_key
    from sastra.index.opensearch import export_opensearch
    from sastra.index.query import QuerySyntaxError, parse_query
    from sastra.index.searching import Hit, MatchedMention, SearchResults, Snippet, search
    from sastra.index.store import IndexStats, build_index, prepare_document, write_index

__all__ = ["analyze", "analyze_text", "AnalyzedToken", "entity_key", "build_index", "write_index",
           "prepare_document", "IndexStats", "search", "SearchResults", "Hit", "Snippet", "MatchedMention",
           "QuerySyntaxError", "parse_query", "export_opensearch"]

#: (imported on first use: see sastra._lazy; tantivy only when an index is built or searched)
__getattr__, __dir__ = lazy_exports(__name__, {
    **dict.fromkeys(["analyze", "analyze_text", "AnalyzedToken", "entity_key"], "sastra.index.analysis"),
    **dict.fromkeys(["QuerySyntaxError", "parse_query"], "sastra.index.query"),
    **dict.fromkeys(["Hit", "MatchedMention", "SearchResults", "Snippet", "search"], "sastra.index.searching"),
    **dict.fromkeys(["IndexStats", "build_index", "prepare_document", "write_index"], "sastra.index.store"),
    "export_opensearch": "sastra.index.opensearch",
})
