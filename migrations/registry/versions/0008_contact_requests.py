"""contact requests, their recipients, the registry outbox, exporters' show_contact

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 15:51:46.226438
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.models

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("sender_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("sender_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("company", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("email_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("client_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", services.common.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending_confirmation', 'confirmed', 'expired')",
            name=op.f("ck_contact_request_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_request")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_contact_request_token_hash")),
    )
    with op.batch_alter_table("contact_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_request_client_key_created_at", ["client_key", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_contact_request_email_key_created_at", ["email_key", "created_at"], unique=False
        )

    op.create_table(
        "contact_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("to_address", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("body_text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("dedupe_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("locked_until", services.common.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", services.common.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["contact_request.id"],
            name=op.f("fk_contact_outbox_request_id_contact_request"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_outbox")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_contact_outbox_dedupe_key")),
        sa.UniqueConstraint("message_id", name=op.f("uq_contact_outbox_message_id")),
    )
    with op.batch_alter_table("contact_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_outbox_request_id"), ["request_id"], unique=False)
        batch_op.create_index(
            "ix_contact_outbox_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )

    op.create_table(
        "contact_recipient",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("exporter_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["exporter_id"],
            ["exporter.id"],
            name=op.f("fk_contact_recipient_exporter_id_exporter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["contact_request.id"],
            name=op.f("fk_contact_recipient_request_id_contact_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("request_id", "exporter_id", name=op.f("pk_contact_recipient")),
    )
    with op.batch_alter_table("contact_recipient", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_recipient_exporter_id"), ["exporter_id"], unique=False)

    # A plain ADD COLUMN (no batch copy): on SQLite a copied exporter table would lose its FTS triggers.
    op.add_column(
        "exporter", sa.Column("show_contact", sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade() -> None:
    op.drop_column("exporter", "show_contact")

    with op.batch_alter_table("contact_recipient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_recipient_exporter_id"))

    op.drop_table("contact_recipient")
    with op.batch_alter_table("contact_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_outbox_status_next_attempt_at")
        batch_op.drop_index(batch_op.f("ix_contact_outbox_request_id"))

    op.drop_table("contact_outbox")
    with op.batch_alter_table("contact_request", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_request_email_key_created_at")
        batch_op.drop_index("ix_contact_request_client_key_created_at")

    op.drop_table("contact_request")
