"""Claims keep ``individual`` (the key of one individually described victim, or
``perpetrator``), so reconciliation can leave a perpetrator's own death out of an incident's
toll. Rows stored before this revision have NULL: their claims count as before until their
documents are ingested again.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("individual", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("individual")
