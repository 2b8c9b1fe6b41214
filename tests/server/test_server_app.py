"""The HTTP API and page, through FastAPI's TestClient (no socket opened)."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("tantivy")
pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from sastra.index import build_index  # noqa: E402
from sastra.records import Document, Mention  # noqa: E402

TEXT = "អភិបាលក្រុងភ្នំពេញ ចុះពិនិត្យផ្សារ\nឯកឧត្ដម ឃួង ស្រេង បានចុះពិនិត្យផ្សារថ្មី។ <b>html</b>"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from sastra.server.app import create_app

    start = TEXT.index("ឃួង")
    docs = [
        Document("a", TEXT, meta={"url": "https://example.com/a", "category": "cambodia", "date": "2019-07-16"},
                 mentions=(Mention("person", start, start + 9, TEXT[start:start + 9], "ឃួង ស្រេង"),
                           Mention("date", 0, 5, TEXT[:5], dt.date(2019, 7, 15)))),
        Document("b", "ក្រសួងសុខាភិបាល ព្រមានអំពីជំងឺគ្រុនឈាម", meta={"category": "health"}),
        Document("a2", TEXT, meta={"dup_of": "a"}),
    ]
    path = tmp_path_factory.mktemp("server") / "index"
    build_index(docs, path)
    return TestClient(create_app(path))


def test_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "<form" in response.text and "/api/search" in response.text


def test_health(client):
    assert client.get("/api/health").json()["documents"] == 2


def test_search_with_highlights_and_facets(client):
    data = client.get("/api/search", params={"q": "ឯកឧត្តម ក្រុង"}).json()
    assert data["error"] is None and data["hits"][0]["id"] == "a"
    snippet = data["hits"][0]["snippets"][0]
    assert "<mark>ឯកឧត្ដម</mark>" in snippet["html"]
    assert "&lt;b&gt;" in snippet["html"]  # the article's own markup is escaped
    assert ["ឃួង ស្រេង", 1] in data["facets"]["person"]
    assert data["hits"][0]["duplicates"] == ["a2"]


def test_filters(client):
    data = client.get("/api/search", params=[("q", "ផ្សារ"), ("filter", 'person:"ឃួង ស្រេង"'),
                                             ("filter", "date:2019-07")]).json()
    assert [h["id"] for h in data["hits"]] == ["a"]
    assert data["hits"][0]["dates"][0]["value"] == "2019-07-15"


def test_query_error_is_400_with_message(client):
    response = client.get("/api/search", params={"q": '"ក្រុង'})
    assert response.status_code == 400
    assert "unclosed quote" in response.json()["error"]


def test_doc(client):
    assert client.get("/api/doc/a").json()["text"] == TEXT
    missing = client.get("/api/doc/a2")
    assert missing.status_code == 404 and missing.json()["dup_of"] == "a"


def test_no_index(tmp_path):
    from sastra.errors import InputError
    from sastra.server.app import create_app

    with pytest.raises(InputError):
        create_app(tmp_path)


def test_serve_verb_without_index_fails_before_listening(tmp_path, capsys):
    from sastra.cli import main

    assert main(["serve", str(tmp_path), "--port", "8000"]) == 1
    assert "no sastra index" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "-1", "65536", "http"])
def test_serve_port_outside_1_to_65535_is_a_usage_error_before_the_index_opens(tmp_path, capsys, monkeypatch,
                                                                               port):
    """uvicorn refused such a port only after the index was opened, in a traceback; 0 listened on a
    port the printed URL did not name."""
    from sastra.cli import main
    from sastra.server import app

    def must_not_start(index_dir):
        raise AssertionError("the server started")

    monkeypatch.setattr(app, "create_app", must_not_start)
    with pytest.raises(SystemExit) as exit_:
        main(["serve", str(tmp_path), f"--port={port}"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "argument --port: " in err and "from 1 to 65535" in err


def test_the_app_loads_what_queries_need_before_the_first_request(tmp_path, monkeypatch):
    from sastra.segment import core
    from sastra.server.app import create_app

    build_index([Document("x", "ក្រសួងសុខាភិបាល")], tmp_path / "index")
    from sastra.index import searching

    monkeypatch.setattr(core, "_loaded", {})  # no engine loaded yet in this process,
    monkeypatch.setattr(searching, "_CHUNKS", type(searching._CHUNKS)())  # no query analysed,
    core.clear_cache()  # and no short text remembered
    create_app(tmp_path / "index")
    assert core.DEFAULT_ENGINE in core._loaded
