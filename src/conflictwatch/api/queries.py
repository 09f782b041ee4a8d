"""Read queries behind the API: incidents from the read model, documents/claims/events from
the ledger's tables. Every function takes a Connection and plain filter records."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.engine import Connection

from conflictwatch.api.read_model import FTS, api_incident_json, api_incidents, has_fts
from conflictwatch.models import EventType
from conflictwatch.store import tables

MAX_LIMIT = 5000
IncidentSort = Literal["date_start", "-date_start", "fatalities", "-fatalities",
                       "reports", "-reports"]
Bucket = Literal["auto", "day", "week", "month"]


class Page(BaseModel):
    """Pagination: ``limit`` rows from ``offset``."""

    model_config = ConfigDict(extra="forbid")
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    offset: int = Field(default=0, ge=0, le=10_000_000)


class IncidentFilters(BaseModel):
    """Filters shared by the incident list, the timeline and the dashboard."""

    date_from: date | None = Field(default=None, description="incidents ending on/after")
    date_to: date | None = Field(default=None, description="incidents starting on/before")
    bbox: str | None = Field(default=None, description="min_lon,min_lat,max_lon,max_lat",
                             pattern=r"^\s*-?[\d.]+(\s*,\s*-?[\d.]+){3}\s*$")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2",
                                pattern=r"^[A-Za-z]{2}$")
    admin1: str | None = Field(default=None, max_length=200)
    event_type: EventType | None = None
    actor: str | None = Field(default=None, max_length=200, description="actor name contains")
    min_fatalities: int | None = Field(default=None, ge=0, le=10_000_000)
    q: str | None = Field(default=None, max_length=200, description="text search")

    @field_validator("bbox")
    @classmethod
    def _valid_bbox(cls, value: str | None) -> str | None:
        if value is None:
            return None
        west, south, east, north = (float(v) for v in value.split(","))
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise ValueError("bbox must be min_lon,min_lat,max_lon,max_lat within the globe")
        return value


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE wildcards escaped."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_match(column: str, text: str) -> sa.Select:
    """Incident ids whose ``column`` has a word starting with each word of ``text`` (FTS5)."""
    words = [w for w in re.findall(r"\w+", text.lower())][:8]
    if not words:
        return sa.select(sa.literal(None))
    expression = f"{column} : (" + " AND ".join(f'"{w}"*' for w in words) + ")"
    return sa.select(sa.column("rowid")).select_from(sa.table(FTS)).where(
        sa.text(f"{FTS} MATCH :expression").bindparams(expression=expression))


def incident_conditions(filters: IncidentFilters, *, fts: bool = False
                        ) -> list[sa.ColumnElement[bool]]:
    """SQL conditions on ``api_incidents`` for ``filters`` (``fts``: SQLite FTS5 for text)."""
    t, conds = api_incidents.c, []
    if filters.date_from:
        conds.append(t.date_last >= filters.date_from)
    if filters.date_to:
        conds.append(t.day.between(1, filters.date_to.toordinal()))
    if filters.bbox:
        west, south, east, north = (float(v) for v in filters.bbox.split(","))
        conds.append(t.lat.between(south, north))
        lon = t.lon.between(west, east) if west <= east else sa.or_(t.lon >= west, t.lon <= east)
        conds.append(lon)
    if filters.country:
        conds.append(t.country_code == filters.country.upper())
    if filters.admin1:
        conds.append(t.admin1_key == filters.admin1.strip().lower())
    if filters.event_type:
        conds.append(t.event_type == filters.event_type)
    if filters.actor and fts:
        conds.append(t.rid.in_(fts_match("actors_key", filters.actor)))
    elif filters.actor:
        conds.append(t.actors_key.like(like_pattern(filters.actor.strip()), escape="\\"))
    if filters.min_fatalities:
        conds.append(t.fatalities >= filters.min_fatalities)
    if filters.q and filters.q.strip() and fts:
        conds.append(t.rid.in_(fts_match("search_key", filters.q)))
    elif filters.q and filters.q.strip():
        for word in filters.q.split()[:8]:
            conds.append(t.search_key.like(like_pattern(word), escape="\\"))
    return conds


@dataclass
class IncidentPage:
    """One page of incident summaries, kept as the JSON text the read model stores."""

    total: int
    limit: int
    offset: int
    items_json: list[str]

    def items(self) -> list[dict]:
        return [json.loads(item) for item in self.items_json]

    def to_json(self) -> str:
        """The page as a JSON object, assembled without re-encoding the items."""
        head = json.dumps({"total": self.total, "limit": self.limit, "offset": self.offset})
        return head[:-1] + ', "items": [' + ",".join(self.items_json) + "]}"


def search_incidents(conn: Connection, filters: IncidentFilters, page: Page,
                     sort: IncidentSort = "-date_start") -> IncidentPage:
    """One page of incident summaries matching ``filters``, with the total count."""
    t = api_incidents.c
    where = sa.and_(sa.true(), *incident_conditions(filters, fts=has_fts(conn)))
    column = {"date_start": t.day, "fatalities": t.fatalities,
              "reports": t.report_count}[sort.lstrip("-")]
    order = [column.desc(), t.incident_id.desc()] if sort.startswith("-") \
        else [column.asc(), t.incident_id.asc()]
    query = sa.select(t.incident_id).where(where).order_by(*order)
    query = query.limit(page.limit).offset(page.offset)
    total = None
    if (filters.q or filters.actor) and not has_fts(conn):  # a full scan: count in it
        rows = conn.execute(query.add_columns(sa.func.count().over().label("n"))).all()
        ids = [row.incident_id for row in rows]
        total = rows[0].n if rows else None
    else:
        ids = list(conn.execute(query).scalars())
    if total is None:
        total = conn.execute(sa.select(sa.func.count()).select_from(api_incidents)
                             .where(where)).scalar_one()
    j = api_incident_json.c
    rows = conn.execute(sa.select(j.incident_id, j.summary).where(j.incident_id.in_(ids))) \
        if ids else []
    found = {row.incident_id: row.summary for row in rows}
    return IncidentPage(total, page.limit, page.offset,
                        [found[i] for i in ids if i in found])


def bucket_start(day: date, bucket: str) -> date:
    """The first day of the bucket containing ``day``."""
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def bucket_end(start: date, bucket: str) -> date:
    """The last day of the bucket starting at ``start``."""
    if bucket == "week":
        return start + timedelta(days=6)
    if bucket == "month":
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return start


def incident_timeline(conn: Connection, filters: IncidentFilters, bucket: Bucket = "auto") -> dict:
    """Incidents and deaths per day, week or month (``auto`` picks by the span)."""
    t = api_incidents.c
    where = sa.and_(t.day > 0, *incident_conditions(filters, fts=has_fts(conn)))
    rows = [(date.fromordinal(day), count, deaths) for day, count, deaths in conn.execute(
        sa.select(t.day, sa.func.count(), sa.func.sum(t.fatalities))
        .where(where).group_by(t.day).order_by(t.day))]
    if bucket == "auto":
        span = (rows[-1][0] - rows[0][0]).days if rows else 0
        bucket = "day" if span <= 120 else "week" if span <= 1100 else "month"
    totals: dict[date, list[int]] = {}
    for day, count, deaths in rows:
        entry = totals.setdefault(bucket_start(day, bucket), [0, 0])
        entry[0] += count
        entry[1] += int(deaths or 0)
    return {"bucket": bucket, "rows": [
        {"period": start.isoformat(), "start": start.isoformat(),
         "end": bucket_end(start, bucket).isoformat(), "incidents": n, "deaths": d}
        for start, (n, d) in sorted(totals.items())]}


def load_incident_body(conn: Connection, incident_id: str) -> dict | None:
    """The whole Incident (JSON form) from the read model, or None."""
    body = conn.execute(sa.select(api_incident_json.c.body)
                        .where(api_incident_json.c.incident_id == incident_id)).scalar()
    return json.loads(body) if body else None


def load_current_records(conn: Connection, doc_ids: list[str]) -> dict[str, dict]:
    """The current stored record (JSON form) of each document id, by id."""
    d = tables.documents.c
    rows = conn.execute(sa.select(d.id, d.record, d.text, tables.sources.c.name)
                        .outerjoin(tables.sources, tables.sources.c.id == d.source_id)
                        .where(d.id.in_(doc_ids), d.is_current.is_(True)))
    records = {}
    for row in rows:
        record = dict(row.record) | {"text": row.text}
        record.setdefault("source", row.name)
        records[row.id] = record
    return records


def report_evidence(record: dict, claims: list[dict]) -> list[dict]:
    """Spans to highlight in a report: its claims in the incident, and their events' evidence."""
    spans = [{"start": c["start"], "end": c["end"], "kind": "claim",
              "label": f"{c['outcome']}: {c.get('best')} ({c.get('source') or 'publication'})"}
             for c in claims]
    events = record.get("events") or []
    wanted = {c["event"] for c in claims if c.get("event") is not None}
    wanted = wanted or ({0} if events else set())
    for index in sorted(wanted):
        if 0 <= index < len(events):
            spans += [{"start": s["start"], "end": s["end"], "kind": "event",
                       "label": events[index]["event_type"]}
                      for s in events[index].get("evidence", [])]
    return spans


def derive_evolution(incident: dict) -> list[dict]:
    """The toll's evolution: the incident's own, else one point per dated claim."""
    if incident.get("evolution"):
        return incident["evolution"]
    points = [{"as_of": c.get("as_of") or c.get("published"), "outcome": c["outcome"],
               "low": c.get("low"), "best": c.get("best"), "high": c.get("high"),
               "source": c.get("source"), "report_id": c["report_id"]}
              for c in incident.get("claims", [])]
    return sorted(points, key=lambda p: (p["as_of"] or "", p["report_id"]))


def load_incident_detail(conn: Connection, incident_id: str) -> dict | None:
    """An incident with its reports (text and evidence spans) and its toll's evolution."""
    incident = load_incident_body(conn, incident_id)
    if incident is None:
        return None
    records = load_current_records(conn, incident["report_ids"])
    reports = []
    for report_id in incident["report_ids"]:
        record = records.get(report_id)
        if record is None:
            continue
        claims = [c for c in incident["claims"] if c["report_id"] == report_id]
        reports.append({key: record.get(key) for key in
                        ("id", "title", "published", "url", "source", "language", "text")}
                       | {"evidence": report_evidence(record, claims)})
    return {"incident": incident, "reports": reports, "evolution": derive_evolution(incident)}


class DocumentFilters(BaseModel):
    """Filters of the document list."""

    date_from: date | None = Field(default=None, description="published on/after")
    date_to: date | None = Field(default=None, description="published on/before")
    source: str | None = Field(default=None, max_length=200, description="publication contains")
    q: str | None = Field(default=None, max_length=200, description="title or text contains")


def search_documents(conn: Connection, filters: DocumentFilters, page: Page) -> dict:
    """One page of current documents (newest first), without their text."""
    d, s = tables.documents.c, tables.sources.c
    conds = [d.is_current.is_(True)]
    if filters.date_from:
        conds.append(d.published >= filters.date_from)
    if filters.date_to:
        conds.append(d.published <= filters.date_to)
    if filters.source:
        conds.append(sa.func.lower(s.name).like(like_pattern(filters.source), escape="\\"))
    if filters.q:
        pattern = like_pattern(filters.q)
        conds.append(sa.or_(sa.func.lower(d.title).like(pattern, escape="\\"),
                            sa.func.lower(d.text).like(pattern, escape="\\")))
    joined = tables.documents.outerjoin(tables.sources, s.id == d.source_id)
    where = sa.and_(*conds)
    total = conn.execute(sa.select(sa.func.count()).select_from(joined).where(where)).scalar_one()
    rows = conn.execute(sa.select(d.id, d.title, d.published, d.url, d.version, s.name)
                        .select_from(joined).where(where)
                        .order_by(d.published.desc(), d.id).limit(page.limit).offset(page.offset))
    items = [{"id": r.id, "title": r.title, "published": r.published, "url": r.url,
              "source": r.name, "version": r.version} for r in rows]
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}


def load_document(conn: Connection, doc_id: str) -> dict | None:
    """The current record of a document plus the incident it belongs to, or None."""
    record = load_current_records(conn, [doc_id]).get(doc_id)
    if record is None:
        return None
    m = tables.incident_members.c
    incident_id = conn.execute(sa.select(m.incident_id).where(m.doc_id == doc_id)).scalar()
    return {"record": record, "incident_id": incident_id}


class ClaimFilters(BaseModel):
    """Filters of the claim list."""

    report_id: str | None = Field(default=None, max_length=512)
    outcome: Literal["killed", "injured", "detained", "missing", "kidnapped",
                     "displaced"] | None = None
    source: str | None = Field(default=None, max_length=200, description="source contains")
    verified: Literal["unverified", "confirmed", "disputed"] | None = None
    min_best: int | None = Field(default=None, ge=0, le=10_000_000)
    date_from: date | None = Field(default=None, description="as_of on/after")
    date_to: date | None = Field(default=None, description="as_of on/before")


def search_claims(conn: Connection, filters: ClaimFilters, page: Page) -> dict:
    """One page of claims of current documents."""
    c = tables.claims.c
    conds: list[sa.ColumnElement[bool]] = []
    if filters.report_id:
        conds.append(c.doc_id == filters.report_id)
    if filters.outcome:
        conds.append(c.outcome == filters.outcome)
    if filters.source:
        conds.append(sa.func.lower(c.source).like(like_pattern(filters.source), escape="\\"))
    if filters.verified:
        conds.append(c.verified == filters.verified)
    if filters.min_best is not None:
        conds.append(c.best >= filters.min_best)
    if filters.date_from:
        conds.append(c.as_of >= filters.date_from)
    if filters.date_to:
        conds.append(c.as_of <= filters.date_to)
    columns = [col for col in tables.claims.c if col.name not in ("pk", "doc_id", "idx")]
    query = sa.select(c.doc_id, c.idx, *columns).order_by(c.doc_id, c.idx)
    return _page_of(conn, tables.claims, query, conds, page,
                    lambda r: {"report_id": r.doc_id, "index": r.idx}
                    | {col.name: r._mapping[col.name] for col in columns})


class EventFilters(BaseModel):
    """Filters of the per-report event list."""

    report_id: str | None = Field(default=None, max_length=512)
    event_type: EventType | None = None
    date_from: date | None = Field(default=None, description="events ending on/after")
    date_to: date | None = Field(default=None, description="events starting on/before")


def search_events(conn: Connection, filters: EventFilters, page: Page) -> dict:
    """One page of the events each current report describes (before linking)."""
    e = tables.events.c
    conds: list[sa.ColumnElement[bool]] = []
    if filters.report_id:
        conds.append(e.doc_id == filters.report_id)
    if filters.event_type:
        conds.append(e.event_type == filters.event_type)
    if filters.date_from:
        conds.append(sa.func.coalesce(e.date_end, e.date_start) >= filters.date_from)
    if filters.date_to:
        conds.append(e.date_start <= filters.date_to)
    query = sa.select(tables.events).order_by(e.date_start.desc(), e.doc_id, e.idx)
    return _page_of(conn, tables.events, query, conds, page, lambda r: {
        "report_id": r.doc_id, "index": r.idx, "event_type": r.event_type,
        "sub_event_type": r.sub_event_type, "date_start": r.date_start, "date_end": r.date_end,
        "time_precision": r.time_precision, "location": r.location, "actors": r.actors})


def _page_of(conn: Connection, table: sa.Table, query: sa.Select,
             conds: list[sa.ColumnElement[bool]], page: Page, render) -> dict:
    """Total and one page of ``query`` over ``table`` filtered by ``conds``, rows rendered."""
    where = sa.and_(sa.true(), *conds)
    total = conn.execute(sa.select(sa.func.count()).select_from(table).where(where))
    rows = conn.execute(query.where(where).limit(page.limit).offset(page.offset))
    return {"total": total.scalar_one(), "limit": page.limit, "offset": page.offset,
            "items": [render(r) for r in rows]}
