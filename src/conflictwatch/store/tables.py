"""The ledger's tables (SQLAlchemy Core), declared once; Alembic migrations mirror them.

    sources            one row per publication name
    documents          one row per (document id, version); ``is_current`` marks the live one
    claims/places/events   rows derived from the current version's record (replaced on change)
    link_features      what the linker needs of each current report (date, place, names, sketch)
    incidents          one row per incident ever created; merged ones point at the survivor
    incident_members   report -> incident, for current reports
    incident_history   every create / join / merge / split, in order
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = String(512)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(512), nullable=False, unique=True),
)

documents = Table(
    "documents",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", ID, nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("published", Date),
    Column("url", Text),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("text", Text, nullable=False),
    Column("record", JSON, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("id", "version", name="uq_documents_id_version"),
)
Index("ix_documents_id_current", documents.c.id, documents.c.is_current)

claims = Table(
    "claims",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", ID, nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("low", Integer),
    Column("best", Integer),
    Column("high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("victims", Text, nullable=False),
    Column("victim_type", String(32), nullable=False),
    Column("source", Text),
    Column("verified", String(16)),
    Column("as_of", Date),
    Column("event", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("in_caption", Boolean, nullable=False),
    Column("individual", Text),  # migration 0002
)

places = Table(
    "places",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", ID, nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(8)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("feature", String(16)),
    Column("precision", Integer),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", ID, nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("event_type", String(40), nullable=False),
    Column("sub_event_type", String(80)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("time_precision", Integer, nullable=False),
    Column("location", JSON),
    Column("actors", JSON, nullable=False),
    Column("fatalities", JSON),  # migration 0003: the event's Figures
    Column("injured", JSON),  # migration 0003
)

link_features = Table(
    "link_features",
    metadata,
    Column("doc_id", ID, primary_key=True),
    Column("features", JSON, nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("merged_into", String(64)),
    Column("created", DateTime(timezone=True), nullable=False),
)

incident_members = Table(
    "incident_members",
    metadata,
    Column("doc_id", ID, primary_key=True),
    Column("incident_id", String(64), ForeignKey("incidents.id"), nullable=False, index=True),
    Column("score", Float),
    Column("seq", Integer, nullable=False),
)

incident_history = Table(
    "incident_history",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(16), nullable=False),
    Column("incident_id", String(64), nullable=False, index=True),
    Column("other_id", String(64)),
    Column("doc_id", ID),
    Column("score", Float),
)
