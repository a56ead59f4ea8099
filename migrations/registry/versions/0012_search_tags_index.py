"""search_tags_index: PostgreSQL applies a text search's region, sector and market filters in an index

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:30:00

``exporter.search_tags`` holds an exporter's region, sectors and markets as words (migration
0004, ``search.filter_tags``); SQLite's text index has them as a column of its own. On
PostgreSQL a GIN index on those words as an array lets a text search with filters combine
the text index's rows with the filters' (a BitmapAnd) instead of probing every exporter of a
sector, or every exporter matching the words, for its links. Named ``fts_*``: dialect-specific,
outside the models. SQLite needs nothing.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX fts_exporter_tags ON exporter USING gin (string_to_array(search_tags, ' '))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS fts_exporter_tags")
