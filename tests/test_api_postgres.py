"""The API over PostgreSQL (127.0.0.1:5432): the LIKE text filters, timeline and detail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from conflictwatch.api.app import create_app
from conflictwatch.config import Settings
from test_api_seed import open_seeded_store


@pytest.fixture(scope="module")
def client(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    directory = tmp_path_factory.mktemp("pg")
    store = open_seeded_store(directory, pg_url)
    with TestClient(create_app(Settings(data_dir=directory), store=store)) as test_client:
        yield test_client
    store.close()


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["SY", "NG", "UA"]),
    ({"q": "latakia"}, ["SY"]),
    ({"q": "100%_"}, []),
    ({"actor": "boko"}, ["NG"]),
    ({"country": "ua", "date_to": "2025-01-01"}, ["UA"]),
    ({"bbox": "30,30,40,40", "min_fatalities": 100}, ["SY"]),
    ({"sort": "-fatalities", "limit": 2}, ["SY", "NG"]),
])
def test_api_postgres_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    body = client.get("/incidents", params=params).json()
    assert [i["location"]["country_code"] for i in body["items"]] == expected


def test_api_postgres_timeline_and_detail(client: TestClient) -> None:
    rows = client.get("/incidents/timeline", params={"bucket": "month"}).json()["rows"]
    assert [r["deaths"] for r in rows] == [3, 12, 745]
    incident_id = client.get("/incidents", params={"country": "SY"}).json()["items"][0][
        "incident_id"]
    detail = client.get(f"/incidents/{incident_id}").json()
    assert sorted(r["id"] for r in detail["reports"]) == ["sy1", "sy2"]
    assert client.get("/claims", params={"source": "observatory"}).json()["total"] == 2
