"""The ledger's first tables: documents, derived rows, link features, incidents.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(512)
NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(512), nullable=False, unique=True),
    )
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", ID, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("url", sa.Text),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("created", NOW, nullable=False),
        sa.UniqueConstraint("id", "version", name="uq_documents_id_version"),
    )
    op.create_index("ix_documents_id_current", "documents", ["id", "is_current"])
    op.create_table(
        "claims",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", ID, nullable=False, index=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("low", sa.Integer),
        sa.Column("best", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("victims", sa.Text, nullable=False),
        sa.Column("victim_type", sa.String(32), nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("verified", sa.String(16)),
        sa.Column("as_of", sa.Date),
        sa.Column("event", sa.Integer),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("in_caption", sa.Boolean, nullable=False),
    )
    op.create_table(
        "places",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", ID, nullable=False, index=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("geonameid", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country_code", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("admin2", sa.Text),
        sa.Column("feature", sa.String(16)),
        sa.Column("precision", sa.Integer),
    )
    op.create_table(
        "events",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", ID, nullable=False, index=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("sub_event_type", sa.String(80)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("time_precision", sa.Integer, nullable=False),
        sa.Column("location", sa.JSON),
        sa.Column("actors", sa.JSON, nullable=False),
    )
    op.create_table(
        "link_features",
        sa.Column("doc_id", ID, primary_key=True),
        sa.Column("features", sa.JSON, nullable=False),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("merged_into", sa.String(64)),
        sa.Column("created", NOW, nullable=False),
    )
    op.create_table(
        "incident_members",
        sa.Column("doc_id", ID, primary_key=True),
        sa.Column(
            "incident_id", sa.String(64), sa.ForeignKey("incidents.id"), nullable=False,
            index=True,
        ),
        sa.Column("score", sa.Float),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    op.create_table(
        "incident_history",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", NOW, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("incident_id", sa.String(64), nullable=False, index=True),
        sa.Column("other_id", sa.String(64)),
        sa.Column("doc_id", ID),
        sa.Column("score", sa.Float),
    )


def downgrade() -> None:
    for name in ("incident_history", "incident_members", "incidents", "link_features",
                 "events", "places", "claims", "documents", "sources"):
        op.drop_table(name)
