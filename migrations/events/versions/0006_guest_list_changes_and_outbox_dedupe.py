"""rsvp_change (organisers' changes to the guest list) and outbox_message.dedupe_key

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.common.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rsvp_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("rsvp_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["rsvp_id"], ["rsvp.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rsvp_change") as batch:
        batch.create_index("ix_rsvp_change_event_id_id", ["event_id", "id"], unique=False)
        batch.create_index(batch.f("ix_rsvp_change_rsvp_id"), ["rsvp_id"], unique=False)
    with op.batch_alter_table("outbox_message") as batch:
        batch.add_column(sa.Column("dedupe_key", sa.String(length=120), nullable=True))
        batch.create_unique_constraint("uq_outbox_message_dedupe_key", ["dedupe_key"])


def downgrade() -> None:
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_constraint("uq_outbox_message_dedupe_key", type_="unique")
        batch.drop_column("dedupe_key")
    with op.batch_alter_table("rsvp_change") as batch:
        batch.drop_index(batch.f("ix_rsvp_change_rsvp_id"))
        batch.drop_index("ix_rsvp_change_event_id_id")
    op.drop_table("rsvp_change")
