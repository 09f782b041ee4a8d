"""Every export format parses back with the incident's figures intact."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from conflictwatch.errors import ConfigError
from conflictwatch.export import ACLED_COLUMNS, UCDP_COLUMNS, export_incidents
from conflictwatch.models import Figures, Incident, IncidentClaim, Location

INCIDENTS = [
    Incident(
        incident_id="inc-1", report_ids=["a", "b"], event_type="violence_against_civilians",
        sub_event_type="attack", date_start=date(2024, 5, 3), date_end=date(2024, 5, 3),
        location=Location(name="Kidal", lat=18.44, lon=1.41, country_code="ML", admin1="Kidal",
                          precision=1),
        fatalities=Figures(low=3, best=4, high=5), injured=Figures(low=1, best=1, high=2),
        claims=[IncidentClaim(report_id="a", outcome="killed", low=3, best=3, high=3,
                              qualifier="exact", victims="civilians, \"mostly\" women",
                              start=0, end=1, source="UN")],
    ),
    Incident(incident_id="inc-2", report_ids=["c"]),
]


def exported(fmt: str) -> bytes:
    out = io.BytesIO()
    assert export_incidents(INCIDENTS, fmt, out) == 2
    return out.getvalue()


def test_export_jsonl_round_trips_to_incidents():
    lines = exported("jsonl").decode().splitlines()
    assert [Incident.model_validate_json(line) for line in lines] == INCIDENTS


def test_export_csv_parses_back():
    rows = list(csv.DictReader(io.StringIO(exported("csv").decode())))
    assert rows[0]["fatalities_best"] == "4" and rows[0]["report_ids"] == "a;b"
    assert rows[1]["latitude"] == ""


def test_export_acled_uses_acled_columns_and_the_conservative_figure():
    rows = list(csv.DictReader(io.StringIO(exported("acled").decode())))
    assert list(rows[0]) == ACLED_COLUMNS
    assert rows[0]["event_type"] == "Violence against civilians"
    assert rows[0]["country"] == "Mali" and rows[0]["fatalities"] == "3"
    assert rows[0]["event_date"] == "2024-05-03" and rows[0]["geo_precision"] == "1"


def test_export_ucdp_has_low_best_high_and_precisions():
    rows = list(csv.DictReader(io.StringIO(exported("ucdp").decode())))
    assert list(rows[0]) == UCDP_COLUMNS
    assert (rows[0]["low"], rows[0]["best"], rows[0]["high"]) == ("3", "4", "5")
    assert rows[0]["where_prec"] == "1" and rows[0]["date_prec"] == "1"


def test_export_geojson_parses_back():
    data = json.loads(exported("geojson"))
    assert data["type"] == "FeatureCollection"
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [1.41, 18.44]}
    assert data["features"][1]["geometry"] is None


def test_export_parquet_parses_back():
    table = pq.read_table(io.BytesIO(exported("parquet")))
    rows = table.to_pylist()
    assert rows[0]["fatalities_high"] == 5 and rows[1]["fatalities_high"] is None
    assert json.loads(rows[0]["claims"])[0]["source"] == "UN"


def test_export_unknown_format_is_a_config_error():
    with pytest.raises(ConfigError):
        export_incidents(INCIDENTS, "xlsx", io.BytesIO())
