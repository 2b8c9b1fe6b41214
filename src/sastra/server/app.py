"""The FastAPI application: ``/api/search``, ``/api/doc/{id}``, ``/api/health`` and the web page at ``/``.

Every endpoint calls the library (:func:`sastra.index.search`); a query the parser cannot understand is
answered with status 400 and the parser's message, never a server error.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from sastra.errors import MissingExtraError

__all__ = ["create_app"]


def create_app(index_dir: str | os.PathLike[str]) -> Any:
    """An ASGI app serving the index in ``index_dir`` (opened now, so a bad folder fails at start)."""
    try:
        from fastapi import FastAPI, Query
        from fastapi.responses import HTMLResponse, JSONResponse
    except ImportError:
        raise MissingExtraError("fastapi", "server", "the HTTP API") from None
    from sastra import __version__
    from sastra.index.searching import results_to_json, search
    from sastra.index.store import _tantivy, open_index, stored_record

    index_path = Path(index_dir)
    open_index(index_path)  # raises InputError with what to do when there is no index
    # one search now loads what queries need (the segmenter's model, the analysers, the index's
    # readers): the first user's query is then as fast as the others (0.2 s instead of 2 ms otherwise)
    search(index_path, "កម្ពុជា", limit=1, snippets=False)
    page = resources.files("sastra.server").joinpath("static", "index.html").read_text(encoding="utf-8")

    app = FastAPI(title="sastra search", version=__version__,
                  description="Search Khmer news analysed by sastra (query syntax: docs/search.md).")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        return page

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        opened = open_index(index_path)
        return {"status": "ok", "documents": opened.manifest.get("documents", 0),
                "analysis": opened.manifest.get("analysis", {}), "version": __version__}

    @app.get("/api/search")
    def api_search(q: str = Query("", description="the query"),
                   filter: list[str] = Query([], description="FIELD:VALUE filters, repeatable"),  # noqa: A002
                   limit: int = Query(10, ge=0, le=100), offset: int = Query(0, ge=0),
                   facets: bool = Query(True)) -> Any:
        results = search(index_path, q, filters=filter, limit=limit, offset=offset, facets=facets, count=True)
        body = results_to_json(results)
        return JSONResponse(body, status_code=400 if results.error else 200)

    @app.get("/api/doc/{doc_id}")
    def api_doc(doc_id: str) -> Any:
        opened = open_index(index_path)
        tantivy = _tantivy()
        searcher = opened.index.searcher()
        result = searcher.search(tantivy.Query.term_query(opened.schema, "id", doc_id), limit=1)
        if not result.hits:
            canonical = opened.dup_parent.get(doc_id)
            message = f"no document {doc_id!r}" + (f"; it is a near-duplicate of {canonical!r}" if canonical else "")
            return JSONResponse({"error": message, "dup_of": canonical}, status_code=404)
        record = stored_record(searcher.doc(result.hits[0][1]))
        record["duplicates"] = opened.manifest.get("duplicates", {}).get(doc_id, [])
        return record

    return app
