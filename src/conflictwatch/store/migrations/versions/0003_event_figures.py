"""Events keep their figures (``fatalities``, ``injured``: the event's low / best / high as
JSON), so reconciliation can use a report's event-level figure, which counts a perpetrator's
own death once. Rows stored earlier are filled from their document's stored record.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    op.add_column("events", sa.Column("fatalities", sa.JSON, nullable=True))
    op.add_column("events", sa.Column("injured", sa.JSON, nullable=True))
    _fill_from_records(op.get_bind())


def _fill_from_records(connection: sa.Connection) -> None:
    """Copy each current record's event figures into its event rows, a batch at a time."""
    documents = sa.table("documents", sa.column("pk", sa.Integer), sa.column("id"),
                         sa.column("is_current"), sa.column("record", sa.JSON))
    events = sa.table("events", sa.column("doc_id"), sa.column("idx", sa.Integer),
                      sa.column("fatalities", sa.JSON), sa.column("injured", sa.JSON))
    update = (events.update()
              .where(events.c.doc_id == sa.bindparam("d"), events.c.idx == sa.bindparam("i"))
              .values(fatalities=sa.bindparam("f"), injured=sa.bindparam("j")))
    last = -1
    while True:
        rows = connection.execute(
            sa.select(documents.c.pk, documents.c.id, documents.c.record)
            .where(documents.c.is_current, documents.c.pk > last)
            .order_by(documents.c.pk).limit(BATCH)).all()
        if not rows:
            return
        last = rows[-1].pk
        values = [{"d": row.id, "i": index, "f": event.get("fatalities") or {},
                   "j": event.get("injured") or {}}
                  for row in rows for index, event in enumerate(row.record.get("events") or [])]
        if values:
            connection.execute(update, values)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("injured")
        batch.drop_column("fatalities")
