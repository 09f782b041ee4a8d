"""The read API over a seeded ledger: every route, filter, sort, page and error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from conflictwatch.api.app import create_app
from conflictwatch.config import Settings
from test_api_seed import XSS, open_seeded_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One seeded ledger for the module: these tests only read."""
    directory = tmp_path_factory.mktemp("read")
    store = open_seeded_store(directory)
    settings = Settings(data_dir=directory,
                        tile_url="https://{s}.tiles.example/{z}/{x}/{y}.png")
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client
    store.close()


def ids_of(client: TestClient, **params: object) -> list[str]:
    response = client.get("/incidents", params=params)
    assert response.status_code == 200, response.text
    return [item["location"]["country_code"] for item in response.json()["items"]]


def test_api_healthz_answers_ok(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"


def test_api_incidents_lists_newest_first_with_total(client: TestClient) -> None:
    body = client.get("/incidents").json()
    assert body["total"] == 3
    assert [i["location"]["country_code"] for i in body["items"]] == ["SY", "NG", "UA"]
    assert body["items"][0]["report_count"] == 2
    assert "claims" not in body["items"][0]


@pytest.mark.parametrize(("sort", "expected"), [
    ("date_start", ["UA", "NG", "SY"]),
    ("-fatalities", ["SY", "NG", "UA"]),
    ("fatalities", ["UA", "NG", "SY"]),
    ("-reports", ["SY"]),
])
def test_api_incidents_sorts(client: TestClient, sort: str, expected: list[str]) -> None:
    assert ids_of(client, sort=sort)[:len(expected)] == expected


@pytest.mark.parametrize(("params", "expected"), [
    ({"date_from": "2025-01-01"}, ["SY", "NG"]),
    ({"date_to": "2025-02-01"}, ["NG", "UA"]),
    ({"date_from": "2025-02-01", "date_to": "2025-02-01"}, ["NG"]),
    ({"bbox": "30,30,40,40"}, ["SY"]),
    ({"bbox": "10,0,40,60"}, ["SY", "NG", "UA"]),
    ({"bbox": "170,-10,20,60"}, ["NG"]),
    ({"country": "sy"}, ["SY"]),
    ({"admin1": "borno"}, ["NG"]),
    ({"event_type": "battles"}, ["UA"]),
    ({"actor": "boko"}, ["NG"]),
    ({"min_fatalities": 12}, ["SY", "NG"]),
    ({"q": "latakia"}, ["SY"]),
    ({"q": "observatory latakia"}, ["SY"]),
    ({"q": "nowhere"}, []),
    ({"q": "100%_"}, []),
    ({"country": "SY", "min_fatalities": 1000}, []),
])
def test_api_incidents_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    assert ids_of(client, **params) == expected


def test_api_incidents_pages(client: TestClient) -> None:
    first = client.get("/incidents", params={"limit": 2}).json()
    second = client.get("/incidents", params={"limit": 2, "offset": 2}).json()
    assert (first["total"], len(first["items"]), len(second["items"])) == (3, 2, 1)
    assert second["items"][0]["location"]["country_code"] == "UA"


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/incidents", {"bbox": "1,2,3"}, "bbox"),
    ("/incidents", {"bbox": "0,50,10,40"}, "bbox"),
    ("/incidents", {"event_type": "picnic"}, "event_type"),
    ("/incidents", {"limit": 0}, "limit"),
    ("/incidents", {"limit": 100000}, "limit"),
    ("/incidents", {"sort": "name"}, "sort"),
    ("/incidents", {"date_from": "yesterday"}, "date_from"),
    ("/incidents", {"country": "SYR"}, "country"),
    ("/incidents", {"min_fatalities": -1}, "min_fatalities"),
    ("/incidents/timeline", {"bucket": "year"}, "bucket"),
    ("/claims", {"outcome": "eaten"}, "outcome"),
    ("/events", {"offset": -5}, "offset"),
])
def test_api_rejects_bad_parameters(client: TestClient, path: str, params: dict,
                                    field: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.json()["code"] == "HTTP422"
    assert field in response.json()["error"]


def test_api_timeline_counts_incidents_and_deaths(client: TestClient) -> None:
    body = client.get("/incidents/timeline", params={"bucket": "month"}).json()
    assert body["bucket"] == "month"
    assert [(r["period"], r["incidents"], r["deaths"]) for r in body["rows"]] == [
        ("2024-12-01", 1, 3), ("2025-02-01", 1, 12), ("2025-03-01", 1, 745)]
    assert body["rows"][1]["end"] == "2025-02-28"


def test_api_timeline_follows_filters_and_picks_buckets(client: TestClient) -> None:
    body = client.get("/incidents/timeline", params={"country": "SY"}).json()
    assert body["bucket"] == "day"
    assert body["rows"] == [{"period": "2025-03-07", "start": "2025-03-07",
                             "end": "2025-03-07", "incidents": 1, "deaths": 745}]
    weekly = client.get("/incidents/timeline", params={"bucket": "week"}).json()
    assert weekly["rows"][0]["start"] == "2024-12-09"


def test_api_incident_shows_reports_claims_and_evolution(client: TestClient) -> None:
    incident_id = client.get("/incidents", params={"country": "SY"}).json()["items"][0][
        "incident_id"]
    body = client.get(f"/incidents/{incident_id}").json()
    incident = body["incident"]
    assert sorted(incident["report_ids"]) == ["sy1", "sy2"]
    assert incident["fatalities"]["best"] == 745
    claims = {c["report_id"]: c for c in incident["claims"]}
    assert claims["sy1"]["verified"] == "unverified"
    assert claims["sy1"]["source"] == "Syrian Observatory for Human Rights"
    assert claims["sy2"]["as_of"] == "2025-03-09"
    assert claims["sy1"]["text"] == "140 people were killed"
    assert [(p["as_of"], p["best"]) for p in body["evolution"] if p["outcome"] == "killed"] == [
        ("2025-03-08", 140), ("2025-03-09", 745)]
    reports = {r["id"]: r for r in body["reports"]}
    first = reports["sy1"]
    marks = [first["text"][s["start"]:s["end"]] for s in first["evidence"] if s["kind"] == "claim"]
    assert marks == ["140 people were killed"]
    assert any(s["kind"] == "event" for s in first["evidence"])
    assert first["source"] == "Daily Example"


def test_api_incident_unknown_is_404(client: TestClient) -> None:
    response = client.get("/incidents/inc-nope")
    assert response.status_code == 404
    assert response.json() == {"error": "no incident 'inc-nope'", "code": "HTTP404"}


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["sy2", "sy1", "ng1", "ua1"]),
    ({"q": "market"}, ["ng1"]),
    ({"source": "example times"}, ["sy2"]),
    ({"date_from": "2025-03-01"}, ["sy2", "sy1"]),
    ({"date_to": "2025-01-01"}, ["ua1"]),
    ({"limit": 1, "offset": 1}, ["sy1"]),
])
def test_api_documents_lists_and_filters(client: TestClient, params: dict,
                                         expected: list[str]) -> None:
    body = client.get("/documents", params=params).json()
    assert [d["id"] for d in body["items"]] == expected
    assert "text" not in (body["items"] or [{}])[0]


def test_api_document_returns_record_and_incident(client: TestClient) -> None:
    body = client.get("/documents/ng1").json()
    assert XSS in body["record"]["text"]
    assert body["record"]["claims"][0]["best"] == 12
    assert body["incident_id"].startswith("inc-")
    assert client.get("/documents/missing").status_code == 404


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["ng1", "sy1", "sy2", "ua1"]),
    ({"report_id": "sy1"}, ["sy1"]),
    ({"outcome": "injured"}, []),
    ({"source": "observatory"}, ["sy1", "sy2"]),
    ({"verified": "unverified"}, ["sy1"]),
    ({"min_best": 100}, ["sy1", "sy2"]),
    ({"date_from": "2025-03-09"}, ["sy2"]),
    ({"date_to": "2025-03-08"}, ["sy1"]),
])
def test_api_claims_lists_and_filters(client: TestClient, params: dict,
                                      expected: list[str]) -> None:
    body = client.get("/claims", params=params).json()
    assert [c["report_id"] for c in body["items"]] == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["sy1", "sy2", "ng1", "ua1"]),
    ({"event_type": "battles"}, ["ua1"]),
    ({"report_id": "ng1"}, ["ng1"]),
    ({"date_from": "2025-02-01", "date_to": "2025-02-28"}, ["ng1"]),
])
def test_api_events_lists_and_filters(client: TestClient, params: dict,
                                      expected: list[str]) -> None:
    body = client.get("/events", params=params).json()
    assert [e["report_id"] for e in body["items"]] == expected


def test_api_config_gives_tile_url(client: TestClient) -> None:
    assert client.get("/config").json()["tile_url"].startswith("https://{s}.tiles.example")


def test_api_unknown_path_and_method_are_json_errors(client: TestClient) -> None:
    assert client.get("/nothing").json()["code"] == "HTTP404"
    response = client.delete("/incidents")
    assert (response.status_code, response.json()["code"]) == (405, "HTTP405")


def test_api_openapi_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/incidents", "/incidents/timeline", "/incidents/{incident_id}", "/documents",
                 "/documents/{doc_id}", "/claims", "/events", "/healthz", "/config"):
        assert path in paths
    assert "post" in paths["/documents"]
    assert client.get("/docs").status_code == 200
