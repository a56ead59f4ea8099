"""per-e-mail sign-in back-off

Revision ID: 0002_signin_backoff
Revises: 0001_gateway
Create Date: 2026-12-01 23:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.models

revision: str = "0002_signin_backoff"
down_revision: str | None = "0001_gateway"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signin_backoff",
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", services.common.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_signin_backoff")),
    )


def downgrade() -> None:
    op.drop_table("signin_backoff")
