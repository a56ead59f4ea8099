"""checkin_log: every check-in and undo at the door (who, when, which device), for offline sync

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from services.common.models import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkin_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("rsvp_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("happened_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("door", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_checkin_log_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["rsvp_id"], ["rsvp.id"], name=op.f("fk_checkin_log_rsvp_id_rsvp"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_log")),
        sa.UniqueConstraint("event_id", "client_id", name=op.f("uq_checkin_log_event_id_client_id")),
    )
    op.create_index("ix_checkin_log_rsvp_happened", "checkin_log", ["rsvp_id", "happened_at"])


def downgrade() -> None:
    op.drop_index("ix_checkin_log_rsvp_happened", table_name="checkin_log")
    op.drop_table("checkin_log")
