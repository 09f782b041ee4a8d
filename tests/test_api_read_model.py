"""The API's read model follows the ledger: joins, layout upgrades, settings checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from conflictwatch.api.app import create_app
from conflictwatch.api.read_model import (
    VERSION_KEY,
    api_incidents,
    api_meta,
    is_stale,
    refresh_read_model,
)
from conflictwatch.config import Settings
from conflictwatch.errors import ConfigError
from conflictwatch.ledger import ingest
from conflictwatch.models import Actor
from test_api_seed import LATAKIA, make_record, open_seeded_store


def rows(store) -> dict[str, sa.Row]:
    with store.connect() as conn:
        return {r.country_code: r for r in conn.execute(api_incidents.select())}


def test_api_read_model_rewrites_an_incident_a_report_joins(tmp_path: Path) -> None:
    store = open_seeded_store(tmp_path)
    third = make_record("sy3", "More bodies of villagers killed by gunmen were found near "
                        "Latakia on Monday. The Syrian Observatory for Human Rights said 800 "
                        "people were killed in all.",
                        published=date(2025, 3, 10), actors=[Actor(name="gunmen", role="actor1")],
                        source="Third Example", location=LATAKIA,
                        event_type="violence_against_civilians", day=date(2025, 3, 7),
                        claims=[{"phrase": "800 people were killed", "outcome": "killed",
                                 "best": 800, "as_of": date(2025, 3, 10)}])
    ingest([third], store=store)
    with store.connect() as conn:
        assert is_stale(conn)
    with store.begin() as conn:
        assert refresh_read_model(conn) == 1
    assert (rows(store)["SY"].report_count, rows(store)["SY"].fatalities) == (3, 800)
    with store.connect() as conn:
        assert not is_stale(conn)
    store.close()


def test_api_read_model_rebuilds_after_a_layout_change(tmp_path: Path) -> None:
    store = open_seeded_store(tmp_path)
    with store.begin() as conn:
        conn.execute(sa.update(api_meta).where(api_meta.c.key == VERSION_KEY).values(value=1))
        conn.execute(sa.delete(api_incidents))
    create_app(Settings(data_dir=tmp_path), store=store)
    assert sorted(rows(store)) == ["NG", "SY", "UA"]
    store.close()


def test_api_protected_reads_without_a_token_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="api_token"):
        create_app(Settings(data_dir=tmp_path, api_protect_reads=True))
