"""webhooks: integrators' endpoints, their deliveries and the change-feed cursors

Revision ID: 0004_webhooks
Revises: 0003_web_sessions
Create Date: 2026-12-02 12:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.models

revision: str = "0004_webhooks"
down_revision: str | None = "0003_web_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AUTO = sqlmodel.sql.sqltypes.AutoString
_TIME = services.common.models.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "webhook_endpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", _AUTO(length=64), nullable=False),
        sa.Column("url", _AUTO(length=2000), nullable=False),
        sa.Column("description", _AUTO(length=200), nullable=False),
        sa.Column("event_types", sa.JSON(), nullable=False),
        sa.Column("secret", _AUTO(length=80), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("failure_count", sa.Integer(), nullable=False),
        sa.Column("disabled_at", _TIME(timezone=True), nullable=True),
        sa.Column("disabled_reason", _AUTO(length=300), nullable=True),
        sa.Column("created_at", _TIME(timezone=True), nullable=False),
        sa.Column("updated_at", _TIME(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoint")),
    )
    op.create_table(
        "webhook_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("endpoint_id", sa.Integer(), nullable=False),
        sa.Column("message_id", _AUTO(length=80), nullable=False),
        sa.Column("event_type", _AUTO(length=40), nullable=False),
        sa.Column("source", _AUTO(length=16), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", _AUTO(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _TIME(timezone=True), nullable=False),
        sa.Column("lease_until", _TIME(timezone=True), nullable=True),
        sa.Column("lease_token", _AUTO(length=32), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", _AUTO(length=300), nullable=True),
        sa.Column("last_attempt_at", _TIME(timezone=True), nullable=True),
        sa.Column("created_at", _TIME(timezone=True), nullable=False),
        sa.Column("delivered_at", _TIME(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoint.id"],
            name=op.f("fk_webhook_delivery_endpoint_id_webhook_endpoint"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_delivery")),
        sa.UniqueConstraint("message_id", name=op.f("uq_webhook_delivery_message_id")),
    )
    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhook_delivery_endpoint_id"), ["endpoint_id"], unique=False)
        batch_op.create_index(
            "ix_webhook_delivery_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )
    op.create_table(
        "webhook_cursor",
        sa.Column("source", _AUTO(length=16), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", _TIME(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_webhook_cursor")),
    )


def downgrade() -> None:
    op.drop_table("webhook_cursor")
    with op.batch_alter_table("webhook_delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_delivery_status_next_attempt_at")
        batch_op.drop_index(batch_op.f("ix_webhook_delivery_endpoint_id"))
    op.drop_table("webhook_delivery")
    op.drop_table("webhook_endpoint")
