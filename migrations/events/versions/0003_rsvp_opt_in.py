"""rsvp double opt-in: pending RSVPs confirm by a deadline; rsvp_request rows for the rate limits

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rsvp", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confirm_by", services.common.models.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("last_requested_at", services.common.models.UTCDateTime(timezone=True), nullable=True)
        )
    op.create_table(
        "rsvp_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("client", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("email_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_rsvp_request_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rsvp_request")),
    )
    with op.batch_alter_table("rsvp_request", schema=None) as batch_op:
        batch_op.create_index("ix_rsvp_request_event_client", ["event_id", "client", "created_at"], unique=False)
        batch_op.create_index("ix_rsvp_request_event_email", ["event_id", "email_key", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rsvp_request", schema=None) as batch_op:
        batch_op.drop_index("ix_rsvp_request_event_email")
        batch_op.drop_index("ix_rsvp_request_event_client")
    op.drop_table("rsvp_request")
    # Pending RSVPs have no meaning before this revision: they never held a seat.
    op.execute("DELETE FROM rsvp WHERE status = 'pending'")
    with op.batch_alter_table("rsvp", schema=None) as batch_op:
        batch_op.drop_column("last_requested_at")
        batch_op.drop_column("confirm_by")
