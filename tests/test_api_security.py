"""Hostile requests: XSS, SQL injection and path traversal in every input the API reads (each
query and path parameter its OpenAPI lists, each field of POST /documents), static-file
traversal, the API token's constant-time check, and CORS (off unless configured)."""

from __future__ import annotations

import hmac
import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from conflictwatch.api.app import create_app
from conflictwatch.config import Settings
from conflictwatch.errors import ConfigError
from conflictwatch.ledger import ingest
from conflictwatch.models import InputDocument
from conflictwatch.store import Store, tables
from conflictwatch.store.repository import count_rows, load_record
from test_api_seed import open_seeded_store
from test_api_write import AUTH, TOKEN, extract_plainly

XSS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
       "<svg/onload=alert(document.cookie)>")
SQLI = ("' OR '1'='1", "1; DROP TABLE documents; --", '" OR 1=1 --',
        "') UNION SELECT name, sql FROM sqlite_master --", "%' OR 1=1 --", "x' AND sleep(5)#",
        "'; SELECT pg_sleep(5); --", "*", "NEAR(a b)", '"unbalanced')
TRAVERSAL = ("../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "....//....//etc/passwd",
             "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
             "/etc/passwd\x00.html", "file:///etc/passwd")
PAYLOADS = XSS + SQLI + TRAVERSAL
LEAKS = ("sqlite3", "OperationalError", "ProgrammingError", "IntegrityError", "psycopg",
         "sqlalchemy", "sqlalche.me", "Traceback", "[SQL:", "syntax error")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[Store, TestClient]]:
    """The app over a seeded ledger, on SQLite and on PostgreSQL."""
    directory = tmp_path_factory.mktemp("security")
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    store = open_seeded_store(directory, url)
    app = create_app(Settings(data_dir=directory, api_token=TOKEN), store=store,
                     extract=extract_plainly)
    with TestClient(app) as client:
        yield store, client
    store.close()


def ledger_shape(store: Store) -> tuple[dict, list[str]]:
    """Row counts and the schema's table names: what an injection would change."""
    with store.connect() as conn:
        names = sorted(sa.inspect(conn).get_table_names())
        return count_rows(conn), names


def read_fields(client: TestClient) -> list[tuple[str, str, str]]:
    """(path template, parameter name, 'query' or 'path') of every GET parameter in the API."""
    fields = []
    for path, operations in client.app.openapi()["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            fields.append((path, parameter["name"], parameter["in"]))
    return fields


def assert_safe(response, payload: str) -> None:
    """No 5xx, no database error text, and no unescaped payload in an HTML page."""
    where = f"{response.request.method} {response.request.url} -> {response.status_code}"
    assert response.status_code < 500, where
    assert not any(leak in response.text for leak in LEAKS), (where, response.text[:300])
    kind = response.headers.get("content-type", "")
    if kind.startswith("text/html"):
        assert payload not in response.text, where
    elif response.content:
        assert kind.startswith(("application/json", "text/css", "application/javascript",
                                "text/javascript", "image/")), (where, kind)


def test_api_security_every_read_field_is_enumerated(seeded) -> None:
    _, client = seeded
    fields = read_fields(client)
    names = {(path, name) for path, name, _ in fields}
    assert ("/incidents", "bbox") in names and ("/claims", "verified") in names
    assert ("/incidents/{incident_id}", "incident_id") in names
    assert ("/documents/{doc_id}", "doc_id") in names
    assert len(fields) >= 45


@pytest.mark.parametrize("payload", PAYLOADS)
def test_api_security_hostile_values_in_every_read_field(seeded, payload: str) -> None:
    store, client = seeded
    before = ledger_shape(store)
    for path, name, where in read_fields(client):
        if where == "path":
            url = path.replace("{" + name + "}", quote(payload, safe=""))
            response = client.get(url)
            assert response.status_code == (400 if "\x00" in payload else 404), url
        else:
            url = path.replace("{incident_id}", "x").replace("{doc_id}", "x")
            response = client.get(url, params={name: payload})
        assert_safe(response, payload)
        if response.status_code == 200 and "total" in response.json():
            # a literal that no stored text contains: an injected tautology would match all
            assert response.json()["total"] == 0, (path, name, response.json()["total"])
    for page in ("/", "/docs", "/healthz", "/config", "/openapi.json"):
        assert_safe(client.get(page, params={"q": payload, "next": payload}), payload)
    assert_safe(client.get("/" + quote(payload, safe="")), payload)
    assert ledger_shape(store) == before


def post_fields() -> list[str]:
    return sorted(InputDocument.model_json_schema()["properties"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_api_security_hostile_values_in_every_post_field(seeded, payload: str) -> None:
    store, client = seeded
    counts, names = ledger_shape(store)
    stored: set[str] = set()
    key = f"{PAYLOADS.index(payload):02d}"
    base = {"id": f"sec-{key}", "text": "In Maiduguri 4 killed today.", "title": "t",
            "published": "2025-05-06", "url": "https://news.example/a", "source": "Wire"}
    assert {"id", "text", "html", "title", "published", "url", "source"} <= set(post_fields())
    for field in post_fields():
        body = base | {"id": f"sec-{key}-{field}", field: payload}
        if field == "html":
            body.pop("text")
        response = client.post("/documents", json=body, headers=AUTH)
        assert_safe(response, payload)
        if response.status_code == 201:
            stored.add(body["id"])
            with store.connect() as conn:
                record = load_record(conn, body["id"])
            if field in ("id", "source"):  # (the stand-in extractor sets the others itself)
                assert getattr(record, field) == payload  # stored as data, verbatim
        else:
            assert (field, response.status_code) in (("published", 422), ("id", 422)) or \
                response.json()["code"] in ("CW110", "HTTP422"), (field, response.text)
    for field in ("id", "title", "url", "source"):
        params = {"id": f"sec-{key}-q-{field}", "title": "t", "source": "Wire"} | {field: payload}
        response = client.post("/documents", params=params, content=b"In Maiduguri 2 killed.",
                               headers=AUTH | {"Content-Type": "text/plain"})
        assert_safe(response, payload)
        if response.status_code == 201:
            stored.add(params["id"])
    after, after_names = ledger_shape(store)
    assert after_names == names
    assert after["current_documents"] == counts["current_documents"] + len(stored)


@pytest.mark.parametrize("path", ["/incidents?q=a%00b", "/documents?source=%00",
                                  "/claims?report_id=sy1%00", "/incidents/inc%00",
                                  "/documents/sy1%00", "/events?report_id=%00"])
def test_api_security_nul_bytes_in_the_url_are_refused(seeded, path: str) -> None:
    store, client = seeded
    response = client.get(path)
    assert (response.status_code, response.json()["code"]) == (400, "HTTP400"), response.text


@pytest.mark.parametrize("field", ["id", "title", "url", "source"])
def test_api_security_nul_bytes_never_reach_the_ledger(seeded, field: str) -> None:
    """PostgreSQL cannot store NUL in text: a document whose field keeps one is refused (422)
    on both backends, and a batch holding one still stores the others."""
    store, client = seeded
    body = {"id": f"nul-{field}", "text": "In Maiduguri 2 killed today.", field: "a\x00b"}
    response = client.post("/documents", json=body, headers=AUTH)
    if field in ("id", "source"):  # the fields the stand-in extractor keeps
        assert (response.status_code, response.json()["code"]) == (422, "CW110"), response.text
        assert "NUL byte" in response.json()["error"]
    query = {"id": f"nul-q-{field}", field: "a\x00b"}
    response = client.post("/documents", params=query, content=b"In Maiduguri 2 killed.",
                           headers=AUTH | {"Content-Type": "text/plain"})
    assert response.status_code in (400, 422), response.text
    with store.connect() as conn:
        texts = conn.execute(sa.select(tables.documents.c.id, tables.documents.c.title,
                                       tables.documents.c.url, tables.documents.c.record)).all()
    assert not any("\x00" in str(value) for row in texts for value in row)
    good, bad = (extract_plainly(InputDocument(id=f"nul-batch-{field}-{n}",
                                               text="In Maiduguri 5 killed today."))
                 for n in (1, 2))
    report = ingest([bad.model_copy(update={field: "a\x00b"}), good], store=store)
    assert (report.stored, [f.reason for f in report.failed]) == (
        1, [f"its {field} holds a NUL byte (\\x00), which the ledger does not store"])


@pytest.mark.parametrize("doc_id", ["https://news.example/2025/05/a1", "a%2Fb", "../x"])
def test_api_security_a_document_id_with_a_slash_reads_back(tmp_path: Path, serve_app,
                                                          doc_id: str) -> None:
    """Fetched pages have their URL as id: GET /documents/{id} finds them, ``/`` sent as it is
    or as ``%2F``, over a real server (the test client decodes paths twice)."""
    store = open_seeded_store(tmp_path)
    base = serve_app(create_app(Settings(data_dir=tmp_path, api_token=TOKEN), store=store,
                                extract=extract_plainly))
    with httpx.Client(base_url=base) as client:
        posted = client.post("/documents", json={"id": doc_id, "text": "In Goma 3 killed."},
                             headers=AUTH)
        assert posted.status_code == 201
        found = client.get(f"/documents/{quote(doc_id, safe='')}")
        assert found.status_code == 200, found.text
        assert found.json()["record"]["id"] == doc_id
        if "://" in doc_id:
            assert client.get(f"/documents/{doc_id}").json()["record"]["id"] == doc_id
    store.close()


def raw_get(base: str, target: str) -> tuple[int, bytes]:
    """GET ``target`` exactly as written (no client-side normalisation of ``..``)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


TRAVERSAL_TARGETS = (
    "/static/../api/app.py", "/static/..%2fapi%2fapp.py", "/static/%2e%2e/api/app.py",
    "/static/%2e%2e%2fapi%2fapp.py", "/static/..%5capi%5capp.py", "/static/....//api/app.py",
    "/static/%252e%252e/api/app.py", "/static/vendor/../../api/app.py",
    "/static/vendor/%2e%2e/%2e%2e/api/app.py", "/static/..;/api/app.py",
    "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/../../../../../../etc/passwd",
    "/static/..%c0%afapi/app.py", "/static/%00../api/app.py", "/../../etc/passwd",
)


def test_api_security_static_files_refuse_traversal(tmp_path: Path, serve_app) -> None:
    store = open_seeded_store(tmp_path)
    base = serve_app(create_app(Settings(data_dir=tmp_path), store=store))
    assert raw_get(base, "/static/app.js")[0] == 200  # the route serves files at all
    source = (Path(__file__).parents[1] / "src/conflictwatch/api/app.py").read_bytes()
    for target in TRAVERSAL_TARGETS:
        status, body = raw_get(base, target)
        assert status in (400, 404), (target, status)
        assert b"create_app" not in body and b"root:" not in body and body != source, target
    store.close()


def test_api_security_wrong_or_missing_tokens_are_refused(seeded) -> None:
    _, client = seeded
    doc = {"id": "tok-1", "text": "In Maiduguri 1 killed."}
    wrong = ["", "wrong", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), f"{TOKEN} x",
             TOKEN[:-1] + chr(ord(TOKEN[-1]) + 1), "x" * len(TOKEN), "ä" * 3, "\x00" + TOKEN]
    for token in wrong:  # as bytes: a token that is not ASCII must not break the check
        header = {"Authorization": b"Bearer " + token.encode()}
        response = client.post("/documents", json=doc, headers=header)
        assert (response.status_code, response.json()["code"]) == (401, "HTTP401"), token
    for headers in ({}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"},
                    {"X-Api-Token": TOKEN}):
        assert client.post("/documents", json=doc, headers=headers).status_code == 401
    assert client.get("/documents/tok-1").status_code == 404
    assert client.post("/documents", json=doc, headers=AUTH).status_code == 201


def test_api_security_token_verdict_is_compare_digest(seeded, monkeypatch) -> None:
    """The check goes through ``hmac.compare_digest`` (constant time), and only its result
    decides: forcing it flips the outcome both ways."""
    _, client = seeded
    real, calls, forced = hmac.compare_digest, [], {}

    def spy(presented: bytes, expected: bytes) -> bool:
        calls.append((presented, expected))
        return forced.get(presented, real(presented, expected))

    monkeypatch.setattr(hmac, "compare_digest", spy)
    doc = {"id": "cmp-1", "text": "In Maiduguri 1 killed."}
    assert client.post("/documents", json=doc, headers={"Authorization": "Bearer nope"}
                       ).status_code == 401
    assert calls == [(b"nope", TOKEN.encode())]
    forced[b"nope"] = True
    assert client.post("/documents", json=doc, headers={"Authorization": "Bearer nope"}
                       ).status_code == 201
    forced[TOKEN.encode()] = False
    assert client.post("/documents", json=doc, headers=AUTH).status_code == 401
    assert len(calls) == 3


def test_api_security_protected_reads_refuse_wrong_tokens(tmp_path: Path) -> None:
    store = open_seeded_store(tmp_path)
    client = TestClient(create_app(Settings(data_dir=tmp_path, api_token=TOKEN,
                                            api_protect_reads=True), store=store))
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        for path in ("/incidents", "/documents/sy1", "/claims?source=x"):
            assert client.get(path, headers=headers).status_code == 401, (path, headers)
    assert client.get("/incidents", headers=AUTH).status_code == 200
    store.close()


ORIGIN = "https://partner.example"


def cors_client(tmp_path: Path, **settings: object) -> tuple[Store, TestClient]:
    store = open_seeded_store(tmp_path)
    return store, TestClient(create_app(Settings(data_dir=tmp_path, api_token=TOKEN, **settings),
                                        store=store, extract=extract_plainly))


def preflight(client: TestClient, origin: str, method: str = "POST"):
    return client.options("/documents", headers={
        "Origin": origin, "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "authorization,content-type"})


def test_api_security_cors_is_off_by_default(tmp_path: Path) -> None:
    store, client = cors_client(tmp_path)
    for path in ("/incidents", "/documents", "/healthz", "/", "/nowhere"):
        response = client.get(path, headers={"Origin": ORIGIN})
        assert not any(h.startswith("access-control-") for h in response.headers), path
    response = preflight(client, ORIGIN)
    assert response.status_code >= 400
    assert "access-control-allow-origin" not in response.headers
    store.close()


def test_api_security_cors_allows_only_the_configured_origins(tmp_path: Path) -> None:
    store, client = cors_client(tmp_path, api_cors_origins=f"{ORIGIN}, http://localhost:3000")
    response = client.get("/incidents", headers={"Origin": ORIGIN})
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "access-control-allow-credentials" not in response.headers
    allowed = preflight(client, ORIGIN)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in allowed.headers["access-control-allow-methods"]
    for other in ("https://evil.example", "https://partner.example.evil.example", "null"):
        assert "access-control-allow-origin" not in client.get(
            "/incidents", headers={"Origin": other}).headers, other
        assert preflight(client, other).status_code == 400
    store.close()


@pytest.mark.parametrize("value", ["partner.example", "https://partner.example/path",
                                   "ftp://partner.example", "https://"])
def test_api_security_cors_setting_refuses_what_is_not_an_origin(tmp_path: Path,
                                                                value: str) -> None:
    with pytest.raises(ConfigError, match="CW400.*not an origin"):
        create_app(Settings(data_dir=tmp_path, api_cors_origins=value),
                   store=open_seeded_store(tmp_path))
