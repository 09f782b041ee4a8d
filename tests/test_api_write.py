"""POST /documents, the API token, read protection, body limits and the read model's refresh."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictwatch.api.app import create_app
from conflictwatch.config import Settings
from conflictwatch.ledger import ingest
from conflictwatch.models import DocumentRecord, InputDocument
from conflictwatch.store import Store
from test_api_seed import MAIDUGURI, make_record, open_seeded_store

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def extract_plainly(document: InputDocument) -> DocumentRecord:
    """A stand-in extractor (the injected I/O): one claim when the text says '<n> killed'."""
    text = document.text if document.text is not None else document.html.replace("<p>", "")
    text = text.replace("</p>", "")
    if "FAIL" in text:
        return DocumentRecord(id=document.id, error="[CW110] could not read the text")
    words = text.split()
    if "killed" not in words or not words[words.index("killed") - 1].isdigit():
        return DocumentRecord(id=document.id, text=text, title=document.title)
    number = words[words.index("killed") - 1]
    return make_record(document.id, text, published=document.published or date(2025, 2, 3),
                       source=document.source or "Posted", location=MAIDUGURI,
                       event_type="explosions_remote_violence", day=date(2025, 5, 5),
                       claims=[{"phrase": f"{number} killed", "outcome": "killed",
                                "best": int(number)}])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    seeded = open_seeded_store(tmp_path)
    yield seeded
    seeded.close()


def make_client(store: Store, tmp_path: Path, **settings: object) -> TestClient:
    app = create_app(Settings(data_dir=tmp_path, **settings), store=store,
                     extract=extract_plainly)
    return TestClient(app)


DOC = {"id": "p1", "text": "A blast in Maiduguri left 9 killed on Monday.",
       "published": "2025-05-06", "source": "Wire"}


def test_api_post_json_document_ingests_and_links(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN)
    response = client.post("/documents", json=DOC, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["summary"]["stored"] == 1
    assert body["document"]["claims"][0]["best"] == 9
    listed = client.get("/incidents", params={"date_from": "2025-05-05"}).json()
    assert [i["incident_id"] for i in listed["items"]] == [body["incident_id"]]
    again = client.post("/documents", json=DOC, headers=AUTH).json()
    assert again["summary"]["unchanged"] == 1


def test_api_post_html_body_uses_query_fields(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN)
    response = client.post("/documents", params={"id": "h1", "title": "Blast"},
                           content=b"<p>In Maiduguri 4 killed today.</p>",
                           headers=AUTH | {"Content-Type": "text/html; charset=utf-8"})
    assert response.status_code == 201, response.text
    assert client.get("/documents/h1").json()["record"]["claims"][0]["best"] == 4


@pytest.mark.parametrize(("headers", "status", "code"), [
    ({}, 401, "HTTP401"),
    ({"Authorization": "Bearer wrong"}, 401, "HTTP401"),
    ({"Authorization": f"Basic {TOKEN}"}, 401, "HTTP401"),
])
def test_api_post_needs_the_token(store: Store, tmp_path: Path, headers: dict, status: int,
                                  code: str) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN)
    response = client.post("/documents", json=DOC, headers=headers)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert client.get("/documents/p1").status_code == 404


def test_api_post_is_off_without_a_configured_token(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path)
    response = client.post("/documents", json=DOC, headers=AUTH)
    assert response.status_code == 403
    assert "CONFLICTWATCH_API_TOKEN" in response.json()["error"]


@pytest.mark.parametrize(("content", "content_type", "params", "status", "code"), [
    (b"{not json", "application/json", {}, 400, "HTTP400"),
    (b"[1, 2]", "application/json", {}, 400, "HTTP400"),
    (b'{"id": "x"}', "application/json", {}, 422, "CW110"),
    (b'{"id": "x", "text": "t", "colour": "red"}', "application/json", {}, 422, "CW110"),
    (b'{"id": "", "text": "t"}', "application/json", {}, 422, "CW110"),
    (b"<p>hi</p>", "text/html", {}, 400, "HTTP400"),
    (b"hello", "application/xml", {"id": "x"}, 415, "HTTP415"),
    (b"hello", "text/plain", {"id": "x", "published": "soon"}, 422, "HTTP422"),
])
def test_api_post_rejects_bad_bodies(store: Store, tmp_path: Path, content: bytes,
                                     content_type: str, params: dict, status: int,
                                     code: str) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN)
    response = client.post("/documents", content=content, params=params,
                           headers=AUTH | {"Content-Type": content_type})
    assert (response.status_code, response.json()["code"]) == (status, code), response.text


def test_api_post_reports_an_extraction_failure(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN)
    response = client.post("/documents", json={"id": "bad", "text": "FAIL"}, headers=AUTH)
    assert (response.status_code, response.json()["code"]) == (422, "CW110")
    assert "could not read the text" in response.json()["error"]
    assert client.get("/documents/bad").status_code == 404


def test_api_body_limit_refuses_large_declared_bodies(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN, api_max_body=200)
    response = client.post("/documents", json=DOC | {"text": "x" * 500}, headers=AUTH)
    assert (response.status_code, response.json()["code"]) == (413, "HTTP413")


def test_api_body_limit_refuses_large_streamed_bodies(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN, api_max_body=200)

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 50

    response = client.post("/documents", content=chunks(), params={"id": "s1"},
                           headers=AUTH | {"Content-Type": "text/plain"})
    assert (response.status_code, response.json()["code"]) == (413, "HTTP413")
    assert client.get("/documents/s1").status_code == 404


def test_api_protected_reads_need_the_token(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN, api_protect_reads=True)
    for path in ("/incidents", "/incidents/timeline", "/documents", "/claims", "/events",
                 "/config", "/documents/sy1"):
        assert client.get(path).status_code == 401, path
        assert client.get(path, headers=AUTH).status_code == 200, path
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 200


def test_api_open_reads_need_no_token(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path, api_token=TOKEN)
    assert client.get("/incidents").status_code == 200


def test_api_read_model_follows_ingest_by_another_writer(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path)
    assert client.get("/incidents").json()["total"] == 3
    record = extract_plainly(InputDocument(**DOC))
    ingest([record], store=store)
    body = client.get("/incidents", params={"date_from": "2025-05-01"}).json()
    assert body["total"] == 1
    assert body["items"][0]["fatalities"]["best"] == 9


def test_api_no_cors_headers_by_default(store: Store, tmp_path: Path) -> None:
    client = make_client(store, tmp_path)
    response = client.get("/incidents", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
