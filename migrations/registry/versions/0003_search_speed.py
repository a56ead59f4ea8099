"""search speed: covering indexes (SQLite), the catalogue generation (PostgreSQL)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 15:10:00

The registry caches search answers per catalogue version (services/registry/search_cache.py).
On PostgreSQL the version is the one-row table ``fts_generation``, bumped in the writing
transaction by a statement trigger on every table a search answer is built from; it is
transactional, so a reader sees the new generation exactly when it sees the new rows.
SQLite needs no generation (the cache reads ``PRAGMA data_version`` there), but gets two
covering indexes led by the row id: a search probes the exporter or product of every
row the text index matches for its filter and facet columns, and the table rows are long
(descriptions, search text) with those columns at their end, in overflow pages. The index
answers the probe from a few small pages. Named ``fts_*``: dialect-specific, outside the models.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("exporter", "product", "exporter_sector", "exporter_market", "region", "sector")


SQLITE_INDEXES = {
    "fts_exporter_facets": (
        "exporter",
        "id, region_code, size_band, verified, label_status, label_valid_until, sort_key, created_at",
    ),
    "fts_product_facets": (
        "product",
        "id, exporter_id, hs_chapter, label_status, label_valid_until, value_added_pct, sort_key, created_at",
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, (table, columns) in SQLITE_INDEXES.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
        return
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE fts_generation (generation bigint NOT NULL)")
    op.execute("INSERT INTO fts_generation (generation) VALUES (1)")
    op.execute(
        """CREATE FUNCTION fts_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE fts_generation SET generation = generation + 1;
    RETURN NULL;
END $$"""
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER fts_{table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION fts_bump_generation()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS fts_{table}_generation ON {table}")
    op.execute("DROP FUNCTION IF EXISTS fts_bump_generation()")
    op.execute("DROP TABLE IF EXISTS fts_generation")
