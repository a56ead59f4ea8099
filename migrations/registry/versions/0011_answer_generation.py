"""fts_answer_generation: the data version of the registry's cached answers (PostgreSQL)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 20:00:00

The registry keeps whole anonymous answers (a profile, a product, an exporter's products) per
data version (services/common/answer_cache.py). On PostgreSQL the version is the one-row table
``fts_answer_generation``, bumped in the writing transaction by a statement trigger on every table
those answers read; being transactional, a reader sees the new generation exactly when it sees
the new rows. ``fts_generation`` (search, migration 0003) covers only the tables a search reads:
not labels, certifications, memberships nor media. SQLite needs nothing (``PRAGMA data_version``).
Named ``fts_*``: dialect-specific, outside the models (``migrate.include_name``).
"""

from collections.abc import Sequence

from alembic import op

from services.common import answer_generation

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table a cached answer reads (catalogue.exporter_public, product_detail, product_page).
TABLES = (
    "region",
    "sector",
    "exporter",
    "exporter_sector",
    "exporter_market",
    "exporter_membership",
    "certification",
    "product",
    "label",
    "label_application",
    "image_asset",
    "exporter_logo",
    "product_photo",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        answer_generation.create(op.execute, TABLES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        answer_generation.drop(op.execute, TABLES)
