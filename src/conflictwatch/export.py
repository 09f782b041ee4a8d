"""Write incidents out: jsonl (the contract), csv, ACLED-style csv, UCDP GED-style csv,
GeoJSON and Parquet.

ACLED's ``fatalities`` follows ACLED's coding conventions (``acled.py``: the conservative figure,
vague wording coded as ACLED codes it);
UCDP's ``low`` / ``best`` / ``high`` are ours as they are. ``where_prec`` maps our geo
precision 1 -> 1 (exact place), 2 -> 2 (near it), 3 -> 4 (a first-order region);
``date_prec`` maps time precision 1 -> 1 (day), 2 -> 3 (week), 3 -> 4 (month).
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pycountry

from conflictwatch.acled import acled_fatalities
from conflictwatch.errors import ConfigError, OutputError
from conflictwatch.models import Incident

FORMATS = ("jsonl", "csv", "acled", "ucdp", "geojson", "parquet")

FLAT_COLUMNS = [
    "incident_id", "report_ids", "event_type", "sub_event_type", "date_start", "date_end",
    "location", "latitude", "longitude", "country_code", "admin1", "admin2", "geo_precision",
    "fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "injured_best",
    "injured_high", "actors", "sources", "n_reports", "n_claims",
]
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]
UCDP_COLUMNS = [
    "id", "year", "type_of_violence", "side_a", "side_b", "source_article", "where_prec",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country",
    "country_id", "date_start", "date_end", "date_prec", "event_clarity", "number_of_sources",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
]
ACLED_TYPES = {
    "battles": "Battles",
    "violence_against_civilians": "Violence against civilians",
    "explosions_remote_violence": "Explosions/Remote violence",
    "riots": "Riots",
    "protests": "Protests",
    "strategic_developments": "Strategic developments",
}
UCDP_WHERE_PREC = {1: 1, 2: 2, 3: 4}
UCDP_DATE_PREC = {1: 1, 2: 3, 3: 4}


def country_name(code: str | None) -> str | None:
    """The English short name of an ISO 3166 alpha-2 code (the code when unknown)."""
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.name if country else code


def _sources(incident: Incident) -> list[str]:
    return sorted({c.source for c in incident.claims if c.source})


def _actor(incident: Incident, role: str) -> str | None:
    return next((a.name for a in incident.actors if a.role == role), None)


def flat_row(incident: Incident) -> dict[str, Any]:
    """One incident as a flat row (csv and parquet)."""
    loc = incident.location
    return {
        "incident_id": incident.incident_id,
        "report_ids": ";".join(incident.report_ids),
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "date_start": incident.date_start.isoformat() if incident.date_start else None,
        "date_end": incident.date_end.isoformat() if incident.date_end else None,
        "location": loc.name if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "country_code": loc.country_code if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "geo_precision": loc.precision if loc else None,
        "fatalities_low": incident.fatalities.low,
        "fatalities_best": incident.fatalities.best,
        "fatalities_high": incident.fatalities.high,
        "injured_low": incident.injured.low,
        "injured_best": incident.injured.best,
        "injured_high": incident.injured.high,
        "actors": ";".join(f"{a.role}:{a.name}" for a in incident.actors),
        "sources": ";".join(_sources(incident)),
        "n_reports": len(incident.report_ids),
        "n_claims": len(incident.claims),
    }


def acled_row(incident: Incident, publications: Mapping[str, str] | None = None
              ) -> dict[str, Any]:
    """One incident with ACLED's column names; ``fatalities`` follows ACLED's coding
    conventions (``acled.py``): the conservative low, vague wording coded as ACLED codes it.

    ``source`` lists the publications of the reports (``publications``: report id -> name),
    else the claims' stated sources.
    """
    loc = incident.location
    outlets = sorted({publications[r] for r in incident.report_ids if r in publications}
                     if publications else set()) or _sources(incident)
    day = incident.date_start
    return {
        "event_id_cnty": incident.incident_id,
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": 1 if day else None,
        "event_type": ACLED_TYPES.get(incident.event_type or ""),
        "sub_event_type": (incident.sub_event_type or "").replace("_", " ").capitalize() or None,
        "actor1": _actor(incident, "actor1"),
        "assoc_actor_1": _actor(incident, "associate"),
        "actor2": _actor(incident, "actor2"),
        "civilian_targeting": "Civilian targeting"
        if incident.event_type == "violence_against_civilians" else None,
        "iso": loc.country_code if loc else None,
        "country": country_name(loc.country_code) if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "location": loc.name if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "source": "; ".join(outlets) or None,
        "notes": f"{len(incident.report_ids)} report(s): " + ", ".join(incident.report_ids),
        "fatalities": acled_fatalities(incident.fatalities, incident.claims),
    }


def ucdp_row(incident: Incident) -> dict[str, Any]:
    """One incident with UCDP GED's column names: best, low, high, where_prec, date_prec."""
    loc = incident.location
    start, end = incident.date_start, incident.date_end or incident.date_start
    return {
        "id": incident.incident_id,
        "year": start.year if start else None,
        "side_a": _actor(incident, "actor1"),
        "side_b": _actor(incident, "actor2"),
        "source_article": ";".join(incident.report_ids),
        "where_prec": UCDP_WHERE_PREC.get(loc.precision) if loc else None,
        "where_description": loc.name if loc else None,
        "adm_1": loc.admin1 if loc else None,
        "adm_2": loc.admin2 if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geom_wkt": f"POINT ({loc.lon} {loc.lat})" if loc else None,
        "country": country_name(loc.country_code) if loc else None,
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "date_prec": 1 if start and start == end else 2 if start else None,
        "number_of_sources": len(incident.report_ids),
        "deaths_unknown": incident.fatalities.best,
        "best": incident.fatalities.best,
        "high": incident.fatalities.high,
        "low": incident.fatalities.low,
    }


def geojson_feature(incident: Incident) -> dict[str, Any]:
    loc = incident.location
    geometry = None if loc is None else {"type": "Point", "coordinates": [loc.lon, loc.lat]}
    properties = incident.model_dump(mode="json", exclude={"claims", "evolution"})
    properties["n_claims"] = len(incident.claims)
    return {"type": "Feature", "id": incident.incident_id, "geometry": geometry,
            "properties": properties}


def _write_csv(incidents: Iterable[Incident], out: IO[bytes], columns: list[str],
               to_row: Callable[[Incident], dict[str, Any]]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=columns, restval="")
    writer.writeheader()
    count = 0
    for incident in incidents:
        writer.writerow(to_row(incident))
        count += 1
    text.flush()
    text.detach()
    return count


def _write_jsonl(incidents: Iterable[Incident], out: IO[bytes]) -> int:
    count = 0
    for incident in incidents:
        out.write(incident.model_dump_json().encode("utf-8") + b"\n")
        count += 1
    return count


def _write_geojson(incidents: Iterable[Incident], out: IO[bytes]) -> int:
    features = [geojson_feature(i) for i in incidents]
    out.write(json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8"))
    return len(features)


def _write_parquet(incidents: Iterable[Incident], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for incident in incidents:
        row = flat_row(incident)
        row["claims"] = json.dumps([c.model_dump(mode="json") for c in incident.claims])
        rows.append(row)
    schema = pa.schema(
        [(c, pa.string()) for c in FLAT_COLUMNS[:7]]
        + [("latitude", pa.float64()), ("longitude", pa.float64())]
        + [(c, pa.string()) for c in ("country_code", "admin1", "admin2")]
        + [(c, pa.int64()) for c in FLAT_COLUMNS[12:19]]
        + [("actors", pa.string()), ("sources", pa.string()), ("n_reports", pa.int64()),
           ("n_claims", pa.int64()), ("claims", pa.string())]
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
    return len(rows)


def export_incidents(incidents: Iterable[Incident], fmt: str, out: IO[bytes],
                     publications: Mapping[str, str] | None = None) -> int:
    """Write ``incidents`` to the binary stream ``out`` in ``fmt``; return how many.

    ``publications`` (report id -> publication name) fills ACLED's ``source`` column.
    """
    if fmt == "jsonl":
        return _write_jsonl(incidents, out)
    if fmt == "csv":
        return _write_csv(incidents, out, FLAT_COLUMNS, flat_row)
    if fmt == "acled":
        return _write_csv(incidents, out, ACLED_COLUMNS,
                          lambda incident: acled_row(incident, publications))
    if fmt == "ucdp":
        return _write_csv(incidents, out, UCDP_COLUMNS, ucdp_row)
    if fmt == "geojson":
        return _write_geojson(incidents, out)
    if fmt == "parquet":
        return _write_parquet(incidents, out)
    raise ConfigError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def export_to_path(incidents: Iterable[Incident], fmt: str, path: Path,
                   publications: Mapping[str, str] | None = None) -> int:
    """Write ``incidents`` to the file ``path`` in ``fmt`` atomically; return how many.

    The export goes to a hidden ``.NAME.*.part`` file beside ``path``, synced and renamed over
    it only when complete: a failed or killed export leaves ``path`` as it was (absent, or the
    previous export). A device or pipe (``/dev/stdout``) is written directly.

    Raises:
        OutputError: the file could not be written (disk full, no permission, ...).
    """
    try:
        if path.exists() and not path.is_file():
            with path.open("wb") as out:
                return export_incidents(incidents, fmt, out, publications)
        part = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        done = False
        try:
            with os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb"
                           ) as out:
                count = export_incidents(incidents, fmt, out, publications)
                out.flush()
                os.fsync(out.fileno())
            os.replace(part, path)
            done = True
        finally:
            if not done:
                part.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"could not write {path}: {exc.strerror or exc}") from exc
    return count
