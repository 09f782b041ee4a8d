"""Reads and writes of the ledger, on a Connection the caller holds (one transaction a chunk)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from conflictwatch.link import (
    LinkChange,
    Linker,
    LinkSettings,
    ReportFeatures,
    linking_event_index,
)
from conflictwatch.models import Claim, DocumentRecord, Event, Incident
from conflictwatch.reconcile import ReportView, assemble_incident
from conflictwatch.store import tables as t


@dataclass(frozen=True)
class StoredVersion:
    """The current version of a stored document."""

    version: int
    content_hash: str


def content_hash(text: str) -> str:
    """The hash that decides whether a document changed."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def current_versions(connection: Connection, ids: Sequence[str]) -> dict[str, StoredVersion]:
    """Current version and hash of each of ``ids`` that is stored."""
    found: dict[str, StoredVersion] = {}
    for start in range(0, len(ids), 500):
        rows = connection.execute(
            sa.select(t.documents.c.id, t.documents.c.version, t.documents.c.content_hash).where(
                t.documents.c.id.in_(ids[start:start + 500]), t.documents.c.is_current)
        )
        found.update({row.id: StoredVersion(row.version, row.content_hash) for row in rows})
    return found


def _source_ids(connection: Connection, names: set[str]) -> dict[str, int]:
    if not names:
        return {}
    query = sa.select(t.sources.c.name, t.sources.c.id).where(t.sources.c.name.in_(sorted(names)))
    known = {name: id_ for name, id_ in connection.execute(query)}
    missing = sorted(names - known.keys())
    if missing:
        connection.execute(sa.insert(t.sources), [{"name": n} for n in missing])
        known = {name: id_ for name, id_ in connection.execute(query)}
    return known


def save_documents(
    connection: Connection,
    entries: Sequence[tuple[DocumentRecord, str]],
    previous: dict[str, StoredVersion],
) -> list[int]:
    """Store records with their content hash as new current versions; return the versions.

    ``previous`` holds the current version of ids already stored; their old version stays as
    history and their derived rows (claims, places, events) are replaced.
    """
    now = datetime.now(UTC)
    replaced = [record.id for record, _ in entries if record.id in previous]
    if replaced:
        connection.execute(
            sa.update(t.documents).where(t.documents.c.id.in_(replaced)).values(is_current=False))
        for table in (t.claims, t.places, t.events):
            connection.execute(sa.delete(table).where(table.c.doc_id.in_(replaced)))
    sources = _source_ids(connection, {r.source for r, _ in entries if r.source})
    versions = [previous[r.id].version + 1 if r.id in previous else 1 for r, _ in entries]
    connection.execute(sa.insert(t.documents), [
        {"id": record.id, "version": version, "is_current": True, "content_hash": digest,
         "title": record.title, "published": record.published, "url": record.url,
         "source_id": sources.get(record.source or ""), "text": record.text,
         "record": record.model_dump(mode="json", exclude={"text"}), "created": now}
        for (record, digest), version in zip(entries, versions, strict=True)
    ])
    _insert_derived(connection, [record for record, _ in entries])
    return versions


def _insert_derived(connection: Connection, records: Sequence[DocumentRecord]) -> None:
    claims, places, events = [], [], []
    for record in records:
        for i, claim in enumerate(record.claims):
            claims.append({"doc_id": record.id, "idx": i, **claim.model_dump()})
        for i, place in enumerate(record.places):
            resolved = place.resolved.model_dump() if place.resolved else {}
            places.append({"doc_id": record.id, "idx": i, "name": place.name,
                           "start": place.start, "end": place.end, "geonameid": None,
                           "lat": None, "lon": None, "country_code": None, "admin1": None,
                           "admin2": None, "feature": None, "precision": None, **resolved})
        for i, event in enumerate(record.events):
            data = event.model_dump(mode="json")
            events.append({"doc_id": record.id, "idx": i, "event_type": event.event_type,
                           "sub_event_type": event.sub_event_type,
                           "date_start": event.date_start, "date_end": event.date_end,
                           "time_precision": event.time_precision,
                           "location": data["location"], "actors": data["actors"],
                           "fatalities": data["fatalities"], "injured": data["injured"]})
    for table, rows in ((t.claims, claims), (t.places, places), (t.events, events)):
        if rows:
            connection.execute(sa.insert(table), rows)


def save_features(connection: Connection, features: Sequence[ReportFeatures]) -> None:
    """Store (or replace) the link features of reports."""
    ids = [f.doc_id for f in features]
    connection.execute(sa.delete(t.link_features).where(t.link_features.c.doc_id.in_(ids)))
    if features:
        connection.execute(sa.insert(t.link_features),
                           [{"doc_id": f.doc_id, "features": f.to_json()} for f in features])


def apply_changes(connection: Connection, changes: Iterable[LinkChange], next_member: int) -> int:
    """Persist the linker's changes in order; return the next member sequence number.

    Inserts are buffered and written in bulk before any update that could depend on them.
    """
    now = datetime.now(UTC)
    new_incidents: list[dict] = []
    new_members: list[dict] = []
    history: list[dict] = []
    members, incidents = t.incident_members, t.incidents

    def flush() -> None:
        for table, rows in ((incidents, new_incidents), (members, new_members)):
            if rows:
                connection.execute(sa.insert(table), rows)
                rows.clear()

    for change in changes:
        if change.action == "create":
            new_incidents.append({"id": change.incident_id, "seq": change.seq,
                                  "status": "active", "merged_into": None, "created": now})
        elif change.action in ("reopen", "merge", "split"):
            flush()
            _apply_update(connection, change)
        if change.action in ("create", "reopen", "join"):
            new_members.append({"doc_id": change.doc_id, "incident_id": change.incident_id,
                                "score": change.score, "seq": next_member})
            next_member += 1
        history.append({"at": now, "action": change.action, "incident_id": change.incident_id,
                        "other_id": change.other_id, "doc_id": change.doc_id,
                        "score": change.score})
    flush()
    if history:
        connection.execute(sa.insert(t.incident_history), history)
    return next_member


def _apply_update(connection: Connection, change: LinkChange) -> None:
    members, incidents = t.incident_members, t.incidents
    if change.action == "reopen":
        connection.execute(sa.update(incidents).where(incidents.c.id == change.incident_id)
                           .values(status="active", merged_into=None))
    elif change.action == "merge":
        connection.execute(sa.update(members).where(members.c.incident_id == change.other_id)
                           .values(incident_id=change.incident_id))
        connection.execute(sa.update(incidents).where(incidents.c.id == change.other_id)
                           .values(status="merged", merged_into=change.incident_id))
    elif change.action == "split":
        connection.execute(sa.delete(members).where(members.c.doc_id == change.doc_id))
        left = connection.execute(sa.select(sa.func.count()).select_from(members).where(
            members.c.incident_id == change.incident_id)).scalar_one()
        if not left:
            connection.execute(sa.update(incidents).where(
                incidents.c.id == change.incident_id).values(status="empty"))


def next_member_seq(connection: Connection) -> int:
    top = connection.execute(sa.select(sa.func.max(t.incident_members.c.seq))).scalar_one()
    return 0 if top is None else top + 1


def load_linker(connection: Connection, settings: LinkSettings | None = None) -> Linker:
    """A Linker holding every stored report's features, memberships and incident ids."""
    linker = Linker(settings)
    features = (ReportFeatures.from_json(row.features) for row in connection.execute(
        sa.select(t.link_features.c.features).order_by(t.link_features.c.doc_id)))
    members = connection.execute(sa.select(
        t.incident_members.c.doc_id, t.incident_members.c.incident_id
    ).order_by(t.incident_members.c.seq))
    incidents = connection.execute(sa.select(t.incidents.c.id, t.incidents.c.seq))
    linker.restore(features, members, incidents)
    return linker


def _rows_by_doc(connection: Connection, query: sa.Select, doc_ids: list[str],
                 column: sa.Column) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for start in range(0, len(doc_ids), 500):
        for row in connection.execute(query.where(column.in_(doc_ids[start:start + 500]))):
            grouped.setdefault(row.doc_id, []).append(row)
    return grouped


def iter_incidents(
    connection: Connection, incident_ids: Sequence[str] | None = None, chunk: int = 2000
) -> Iterator[Incident]:
    """Reconciled incidents in creation order (all active ones, or those of ``incident_ids``),
    read ``chunk`` incidents at a time so memory stays flat on big ledgers."""
    if incident_ids is None:
        i = t.incidents
        incident_ids = connection.execute(sa.select(i.c.id).where(i.c.status == "active")
                                          .order_by(i.c.seq)).scalars().all()
    for start in range(0, len(incident_ids), chunk):
        yield from _load_incidents(connection, incident_ids[start:start + chunk])


def _load_incidents(connection: Connection, incident_ids: Sequence[str]) -> Iterator[Incident]:
    m, i, d = t.incident_members, t.incidents, t.documents
    query = (sa.select(m.c.doc_id, m.c.incident_id).join(i, i.c.id == m.c.incident_id)
             .where(m.c.incident_id.in_(list(incident_ids))).order_by(i.c.seq, m.c.seq))
    members = connection.execute(query).all()
    doc_ids = [row.doc_id for row in members]
    docs = _rows_by_doc(connection, sa.select(d.c.id.label("doc_id"), d.c.published)
                        .where(d.c.is_current), doc_ids, d.c.id)
    events = _rows_by_doc(connection, sa.select(t.events).order_by(t.events.c.idx),
                          doc_ids, t.events.c.doc_id)
    claims = _rows_by_doc(connection, sa.select(t.claims).order_by(t.claims.c.idx),
                          doc_ids, t.claims.c.doc_id)
    claim_fields = set(Claim.model_fields)
    views: dict[str, list[ReportView]] = {}
    for row in members:
        report_events = [_event_from_row(e) for e in events.get(row.doc_id, [])]
        index = linking_event_index(report_events)
        event = report_events[index] if index is not None else None
        report_claims = [Claim(**{k: v for k, v in c._mapping.items() if k in claim_fields})
                         for c in claims.get(row.doc_id, [])]
        published = docs[row.doc_id][0].published if row.doc_id in docs else None
        views.setdefault(row.incident_id, []).append(
            ReportView(row.doc_id, published, event, report_claims, index or 0))
    for incident_id, reports in views.items():
        yield assemble_incident(incident_id, reports)


def _event_from_row(row: sa.Row) -> Event:
    return Event(event_type=row.event_type, sub_event_type=row.sub_event_type,
                 date_start=row.date_start, date_end=row.date_end,
                 time_precision=row.time_precision, location=row.location, actors=row.actors,
                 fatalities=row.fatalities or {}, injured=row.injured or {})


def load_record(connection: Connection, doc_id: str, version: int | None = None
                ) -> DocumentRecord | None:
    """A stored record: the current version, or ``version``."""
    d = t.documents
    query = sa.select(d.c.record, d.c.text).where(d.c.id == doc_id)
    query = query.where(d.c.is_current if version is None else d.c.version == version)
    row = connection.execute(query).first()
    return None if row is None else DocumentRecord(**row.record, text=row.text)


def document_versions(connection: Connection, doc_id: str) -> list[StoredVersion]:
    """Every stored version of a document, oldest first."""
    d = t.documents
    rows = connection.execute(sa.select(d.c.version, d.c.content_hash).where(d.c.id == doc_id)
                              .order_by(d.c.version))
    return [StoredVersion(row.version, row.content_hash) for row in rows]


def count_rows(connection: Connection) -> dict[str, int]:
    """Rows per table, plus current documents and active incidents."""
    counts = {table.name: connection.execute(sa.select(sa.func.count()).select_from(table))
              .scalar_one() for table in t.metadata.sorted_tables}
    counts["current_documents"] = connection.execute(sa.select(sa.func.count()).where(
        t.documents.c.is_current)).scalar_one()
    counts["active_incidents"] = connection.execute(sa.select(sa.func.count()).where(
        t.incidents.c.status == "active")).scalar_one()
    return counts


def incident_history(connection: Connection, incident_id: str | None = None) -> list[dict]:
    """The create / join / merge / split log, oldest first."""
    h = t.incident_history
    query = sa.select(h).order_by(h.c.pk)
    if incident_id is not None:
        query = query.where((h.c.incident_id == incident_id) | (h.c.other_id == incident_id))
    return [dict(row._mapping) for row in connection.execute(query)]


def report_publications(connection: Connection) -> dict[str, str]:
    """Report id -> publication name, for current documents that name one."""
    d, s = t.documents, t.sources
    rows = connection.execute(sa.select(d.c.id, s.c.name).join(s, s.c.id == d.c.source_id)
                              .where(d.c.is_current))
    return {row.id: row.name for row in rows}
