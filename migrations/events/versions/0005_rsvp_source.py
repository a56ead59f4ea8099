"""rsvp.source: online (the public form), organiser (added by hand) or walk_in (at the door)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rsvp") as batch:
        batch.add_column(sa.Column("source", sa.String(length=20), nullable=False, server_default="online"))


def downgrade() -> None:
    with op.batch_alter_table("rsvp") as batch:
        batch.drop_column("source")
