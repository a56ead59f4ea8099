"""media: processed images (content-addressed), exporters' logos and products' photos

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:10:00


"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.models

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _alt_columns() -> list[sa.Column]:
    return [
        sa.Column(f"alt_{lang}", sqlmodel.sql.sqltypes.AutoString(length=250), nullable=False)
        for lang in ("fr", "en", "ar")
    ]


def upgrade() -> None:
    op.create_table(
        "image_asset",
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("widths", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("formats", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("stored_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_image_asset")),
    )
    op.create_table(
        "exporter_logo",
        sa.Column("exporter_id", sa.Integer(), nullable=False),
        sa.Column("asset_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        *_alt_columns(),
        sa.Column("updated_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["exporter_id"], ["exporter.id"], name=op.f("fk_exporter_logo_exporter_id_exporter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["asset_hash"], ["image_asset.hash"], name=op.f("fk_exporter_logo_asset_hash_image_asset"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("exporter_id", name=op.f("pk_exporter_logo")),
    )  # fmt: skip
    op.create_index(op.f("ix_exporter_logo_asset_hash"), "exporter_logo", ["asset_hash"])
    op.create_table(
        "product_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("asset_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_alt_columns(),
        sa.Column("created_at", services.common.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_product_photo_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["asset_hash"], ["image_asset.hash"], name=op.f("fk_product_photo_asset_hash_image_asset"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_photo")),
        sa.UniqueConstraint("product_id", "asset_hash", name=op.f("uq_product_photo_product_id_asset_hash")),
    )  # fmt: skip
    op.create_index(op.f("ix_product_photo_product_id"), "product_photo", ["product_id"])
    op.create_index(op.f("ix_product_photo_asset_hash"), "product_photo", ["asset_hash"])


def downgrade() -> None:
    op.drop_index(op.f("ix_product_photo_asset_hash"), table_name="product_photo")
    op.drop_index(op.f("ix_product_photo_product_id"), table_name="product_photo")
    op.drop_table("product_photo")
    op.drop_index(op.f("ix_exporter_logo_asset_hash"), table_name="exporter_logo")
    op.drop_table("exporter_logo")
    op.drop_table("image_asset")
