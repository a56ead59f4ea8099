"""filter tags: region, sectors and markets as words of the SQLite text index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 18:10:00

``exporter.search_tags`` holds an exporter's region, sectors and markets as words
(``zzregionma06 zzsector3 zzmarketfr``, see ``services/registry/search.filter_tags``). On
SQLite ``fts_exporter`` gets it as a third column, so a text search with filters is a single
lookup in the FTS5 index, which intersects the words' lists of exporters instead of probing
every exporter the text matches. PostgreSQL keeps the column (the models are the same on
both) but plans its filters with its own indexes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fts(columns: Sequence[str]) -> list[str]:
    """fts_exporter over ``columns`` of exporter: the table, its vocabulary, its triggers, its rebuild."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"""CREATE VIRTUAL TABLE fts_exporter USING fts5(
            {names}, content='exporter', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='2 3'
        )""",
        "CREATE VIRTUAL TABLE fts_exporter_vocab USING fts5vocab(fts_exporter, row)",
        f"""CREATE TRIGGER fts_exporter_ai AFTER INSERT ON exporter BEGIN
            INSERT INTO fts_exporter(rowid, {names}) VALUES (new.id, {new});
        END""",
        f"""CREATE TRIGGER fts_exporter_ad AFTER DELETE ON exporter BEGIN
            INSERT INTO fts_exporter(fts_exporter, rowid, {names}) VALUES ('delete', old.id, {old});
        END""",
        f"""CREATE TRIGGER fts_exporter_au AFTER UPDATE OF {names} ON exporter BEGIN
            INSERT INTO fts_exporter(fts_exporter, rowid, {names}) VALUES ('delete', old.id, {old});
            INSERT INTO fts_exporter(rowid, {names}) VALUES (new.id, {new});
        END""",
        "INSERT INTO fts_exporter(fts_exporter) VALUES ('rebuild')",
    ]


def _drop_fts() -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS fts_exporter_{suffix}")
    op.execute("DROP TABLE IF EXISTS fts_exporter_vocab")
    op.execute("DROP TABLE IF EXISTS fts_exporter")


def _backfill(dialect: str) -> None:
    # The same words as search.filter_tags writes (region codes and country codes are
    # letters, digits and one hyphen).
    concat = "group_concat({expr}, ' ')" if dialect == "sqlite" else "string_agg({expr}, ' ')"
    sectors = concat.format(expr="'zzsector' || CAST(sector_id AS TEXT)")
    markets = concat.format(expr="'zzmarket' || lower(country_code)")
    op.execute(
        "UPDATE exporter SET search_tags = trim("
        "coalesce('zzregion' || lower(replace(region_code, '-', '')), '') || ' ' || "
        f"coalesce((SELECT {sectors} FROM exporter_sector WHERE exporter_id = exporter.id), '') || ' ' || "
        f"coalesce((SELECT {markets} FROM exporter_market WHERE exporter_id = exporter.id), ''))"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column(
        "exporter", sa.Column("search_tags", sa.Text(), nullable=False, server_default=sa.text("''"))
    )
    _backfill(dialect)
    if dialect == "sqlite":
        _drop_fts()
        for statement in _fts(("search_name", "search_text", "search_tags")):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_fts()
        # SQLite drops a column in place once nothing (trigger, index) names it.
        op.execute("ALTER TABLE exporter DROP COLUMN search_tags")
        for statement in _fts(("search_name", "search_text")):
            op.execute(statement)
    else:
        op.drop_column("exporter", "search_tags")
