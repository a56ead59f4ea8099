"""event page: the venue's coordinates, speakers' photos and roles in English and Arabic

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch.add_column(sa.Column("longitude", sa.Float(), nullable=True))
    with op.batch_alter_table("speaker") as batch:
        batch.add_column(sa.Column("role_en", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("role_ar", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("photo_url", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("speaker") as batch:
        batch.drop_column("photo_url")
        batch.drop_column("role_ar")
        batch.drop_column("role_en")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("longitude")
        batch.drop_column("latitude")
