"""The API's read model of incidents: one indexed row per live incident, for fast filtering.

An incident's event type, date, place and toll are derived by the ledger (link + reconcile);
listing 100k of them with filters in under 100 ms needs them in plain indexed columns. This
table, ``api_incidents``, holds them next to the ledger's tables, plus the whole ``Incident``
as JSON for the detail view. It is derived data: ``index_incidents`` rewrites rows,
``drop_incidents`` removes merged ones, and nothing else writes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from conflictwatch.models import Incident
from conflictwatch.store import repository, tables

metadata = sa.MetaData()

# Clustered by (day, incident_id) (SQLite: WITHOUT ROWID): listing newest first, date ranges
# and full scans for text filters read the table in order, with no lookups.
api_incidents = sa.Table(
    "api_incidents",
    metadata,
    sa.Column("day", sa.Integer, primary_key=True, autoincrement=False,
              doc="date_start as a proleptic ordinal, 0 when unknown"),
    sa.Column("incident_id", sa.String(64), primary_key=True),
    sa.Column("rid", sa.BigInteger, nullable=False, doc="a number derived from incident_id"),
    sa.Column("event_type", sa.String(40)),
    sa.Column("date_start", sa.Date),
    sa.Column("date_last", sa.Date, doc="date_end, else date_start"),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country_code", sa.String(8)),
    sa.Column("admin1_key", sa.Text, doc="admin1, lower-cased"),
    sa.Column("fatalities", sa.Integer, nullable=False, doc="best fatalities, 0 when none"),
    sa.Column("report_count", sa.Integer, nullable=False),
    sa.Column("actors_key", sa.Text, nullable=False, doc="|actor|names|, lower-cased"),
    sa.Column("search_key", sa.Text, nullable=False, doc="lower-cased words for q"),
    sqlite_with_rowid=False,
)
# The JSON lives apart so that filtering scans narrow rows; it is kept as JSON text and sent
# as it is, without decoding and re-encoding.
api_incident_json = sa.Table(
    "api_incident_json",
    metadata,
    sa.Column("incident_id", sa.String(64), primary_key=True),
    sa.Column("summary", sa.Text, nullable=False, doc="the list item, JSON"),
    sa.Column("body", sa.Text, nullable=False, doc="the whole Incident, JSON"),
)

api_meta = sa.Table(
    "api_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Integer),
)
HISTORY_MARK = "incident_history_pk"
FTS = "api_incident_fts"
VERSION_KEY, VERSION = "read_model_version", 3

sa.Index("ix_api_incidents_id", api_incidents.c.incident_id, unique=True)
sa.Index("ix_api_incidents_rid", api_incidents.c.rid)
sa.Index("ix_api_incidents_country_day", api_incidents.c.country_code, api_incidents.c.day)
sa.Index("ix_api_incidents_fatalities", api_incidents.c.fatalities, api_incidents.c.incident_id)
sa.Index("ix_api_incidents_reports", api_incidents.c.report_count)
sa.Index("ix_api_incidents_type_fatalities", api_incidents.c.event_type,
         api_incidents.c.fatalities)
sa.Index("ix_api_incidents_lat_lon", api_incidents.c.lat, api_incidents.c.lon)


def create_read_model(conn: Connection) -> None:
    """Create the read-model tables when missing; rebuild them from scratch when their layout
    is from another version (the next refresh then indexes every incident again)."""
    if sa.inspect(conn).has_table(api_meta.name):
        version = conn.execute(sa.select(api_meta.c.value)
                               .where(api_meta.c.key == VERSION_KEY)).scalar()
        if version != VERSION:
            metadata.drop_all(conn, checkfirst=True)
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS}")
    if not sa.inspect(conn).has_table(api_meta.name):
        metadata.create_all(conn)
        conn.execute(sa.insert(api_meta).values(key=VERSION_KEY, value=VERSION))
    if has_fts(conn):
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
                             "search_key, actors_key)")


def has_fts(conn: Connection) -> bool:
    """Whether text filters use SQLite FTS5 (else LIKE scans, as on PostgreSQL)."""
    return conn.dialect.name == "sqlite"


def row_id(incident_id: str) -> int:
    """A stable 60-bit number for an incident id (the FTS row id)."""
    return int(hashlib.sha1(incident_id.encode("utf-8")).hexdigest()[:15], 16)


def summarize_incident(incident: Incident) -> dict:
    """The list item of an incident: everything but its claims and evolution."""
    data = incident.model_dump(mode="json", exclude={"claims", "evolution", "report_ids"})
    data["report_count"] = len(incident.report_ids)
    return data


def incident_row(incident: Incident) -> dict:
    """The read-model row of an incident."""
    location = incident.location
    actors = [actor.name.lower() for actor in incident.actors]
    words = [incident.event_type or "", incident.sub_event_type or "", *actors]
    if location is not None:
        words += [location.name, location.admin1 or "", location.admin2 or ""]
    words += [claim.source or "" for claim in incident.claims]
    words += [claim.victims for claim in incident.claims]
    return {
        "day": incident.date_start.toordinal() if incident.date_start else 0,
        "incident_id": incident.incident_id,
        "rid": row_id(incident.incident_id),
        "event_type": incident.event_type,
        "date_start": incident.date_start,
        "date_last": incident.date_end or incident.date_start,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "country_code": location.country_code.upper() if location and location.country_code
        else None,
        "admin1_key": location.admin1.lower() if location and location.admin1 else None,
        "fatalities": incident.fatalities.best or 0,
        "report_count": len(incident.report_ids),
        "actors_key": "|" + "|".join(actors) + "|",
        "search_key": " ".join(w for w in words if w).lower(),
    }


def incident_json(incident: Incident) -> dict:
    """The JSON row of an incident: its list item and its whole body, as JSON text."""
    return {"incident_id": incident.incident_id,
            "summary": json.dumps(summarize_incident(incident), separators=(",", ":")),
            "body": incident.model_dump_json()}


def index_incidents(conn: Connection, incidents: Iterable[Incident], *, batch: int = 1000) -> int:
    """Write (or rewrite) the read-model rows of ``incidents``; return how many."""
    count = 0
    chunk: list[Incident] = []
    for incident in incidents:
        chunk.append(incident)
        if len(chunk) >= batch:
            count += _replace(conn, chunk)
            chunk = []
    if chunk:
        count += _replace(conn, chunk)
    return count


def _replace(conn: Connection, chunk: list[Incident]) -> int:
    drop_incidents(conn, [incident.incident_id for incident in chunk])
    rows = [incident_row(i) for i in chunk]
    conn.execute(sa.insert(api_incidents), rows)
    conn.execute(sa.insert(api_incident_json), [incident_json(i) for i in chunk])
    if has_fts(conn):
        conn.execute(sa.text(f"INSERT INTO {FTS} (rowid, search_key, actors_key) "
                             "VALUES (:rid, :search_key, :actors_key)"),
                     [{k: row[k] for k in ("rid", "search_key", "actors_key")} for row in rows])
    return len(chunk)


def drop_incidents(conn: Connection, incident_ids: Iterable[str]) -> None:
    """Remove the rows of incidents that no longer exist (merged away, emptied)."""
    ids = list(incident_ids)
    for table in (api_incidents, api_incident_json) if ids else ():
        conn.execute(sa.delete(table).where(table.c.incident_id.in_(ids)))
    if ids and has_fts(conn):
        conn.execute(sa.text(f"DELETE FROM {FTS} WHERE rowid IN :rids")
                     .bindparams(sa.bindparam("rids", expanding=True)),
                     {"rids": [row_id(i) for i in ids]})


def history_top(conn: Connection) -> int:
    """The newest ``incident_history`` row: the ledger's change counter (0 when empty)."""
    top = conn.execute(sa.select(sa.func.max(tables.incident_history.c.pk))).scalar()
    return top or 0


def history_mark(conn: Connection) -> int | None:
    """The change counter the read model was last brought up to (None: never built)."""
    return conn.execute(sa.select(api_meta.c.value)
                        .where(api_meta.c.key == HISTORY_MARK)).scalar()


def is_stale(conn: Connection) -> bool:
    """Whether the ledger changed since the read model was last refreshed (two cheap reads)."""
    return history_mark(conn) != history_top(conn)


def refresh_read_model(conn: Connection) -> int:
    """Bring the read model up to the ledger's incident history; return the rows rewritten.

    Never built: index every active incident. Otherwise rewrite the incidents named in the
    history rows since the mark (created, joined, merged, split) and drop those no longer
    active. Run it inside a write transaction.
    """
    create_read_model(conn)
    top, mark = history_top(conn), history_mark(conn)
    if mark == top:
        return 0
    i = tables.incidents.c
    if mark is None or mark > top:
        conn.execute(sa.delete(api_incidents))
        conn.execute(sa.delete(api_incident_json))
        if has_fts(conn):
            conn.exec_driver_sql(f"DELETE FROM {FTS}")
        touched = None
    else:
        h = tables.incident_history.c
        rows = conn.execute(sa.select(h.incident_id, h.other_id).where(h.pk > mark)).all()
        touched = sorted({x for row in rows for x in row if x})
        for start in range(0, len(touched), 500):
            gone = conn.execute(sa.select(i.id).where(i.id.in_(touched[start:start + 500]),
                                                      i.status != "active"))
            drop_incidents(conn, list(gone.scalars()))
    if touched is None:
        count = index_incidents(conn, repository.iter_incidents(conn, None))
        conn.execute(sa.text("ANALYZE"))
    else:
        count = 0
        for start in range(0, len(touched), 500):
            ids = list(conn.execute(sa.select(i.id).where(
                i.id.in_(touched[start:start + 500]), i.status == "active")).scalars())
            count += index_incidents(conn, repository.iter_incidents(conn, ids)) if ids else 0
    set_mark(conn, top)
    return count


def set_mark(conn: Connection, top: int | None = None) -> None:
    """Record that the read model reflects the ledger up to ``top`` (default: now)."""
    create_read_model(conn)
    value = history_top(conn) if top is None else top
    conn.execute(sa.delete(api_meta).where(api_meta.c.key == HISTORY_MARK))
    conn.execute(sa.insert(api_meta).values(key=HISTORY_MARK, value=value))
