"""full catalogue: products, markets, memberships, certifications, label lifecycle, search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 14:24:26.394413

Besides the tables, this creates the full-text search objects of each dialect (all named
``fts_*``, outside the models; see services/registry/search.py):

- SQLite: FTS5 external-content tables ``fts_exporter`` / ``fts_product`` over the
  ``search_name`` / ``search_text`` columns, triggers that keep them in sync, and
  fts5vocab tables listing their words (typo fallback).
- PostgreSQL: extensions unaccent and pg_trgm; text search configurations ``fts_simple``
  and ``fts_fr`` (french stemming), both unaccented; a generated ``fts_document`` tsvector
  column with a GIN index on exporter and product; the vocabulary ``fts_term`` with a
  trigram index, filled by triggers.

Caution for later SQLite migrations: a batch "move and copy" of exporter or product
drops their triggers; recreate them (and run the FTS 'rebuild') after such a migration.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.models

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXPORTER_COLUMNS = [
    ("size_band", sa.String(length=10), "'small'", False),
    ("founding_year", sa.Integer(), None, True),
    ("employee_band", sa.String(length=10), None, True),
    ("website", sa.String(length=300), None, True),
    ("email", sa.String(length=254), None, True),
    ("phone", sa.String(length=20), None, True),
    ("verified", sa.Boolean(), "false", False),
    ("label_status", sa.String(length=10), "'none'", False),
    ("label_valid_until", sa.Date(), None, True),
    ("sort_key", sa.String(length=200), "''", False),
    ("search_name", sa.Text(), "''", False),
    ("search_text", sa.Text(), "''", False),
]
EXPORTER_INDEXES = ["label_status", "size_band", "sort_key"]

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE fts_{t} USING fts5(
        search_name, search_text, content='{t}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    )""",
    "CREATE VIRTUAL TABLE fts_{t}_vocab USING fts5vocab(fts_{t}, row)",
    """CREATE TRIGGER fts_{t}_ai AFTER INSERT ON {t} BEGIN
        INSERT INTO fts_{t}(rowid, search_name, search_text) VALUES (new.id, new.search_name, new.search_text);
    END""",
    """CREATE TRIGGER fts_{t}_ad AFTER DELETE ON {t} BEGIN
        INSERT INTO fts_{t}(fts_{t}, rowid, search_name, search_text)
        VALUES ('delete', old.id, old.search_name, old.search_text);
    END""",
    """CREATE TRIGGER fts_{t}_au AFTER UPDATE OF search_name, search_text ON {t} BEGIN
        INSERT INTO fts_{t}(fts_{t}, rowid, search_name, search_text)
        VALUES ('delete', old.id, old.search_name, old.search_text);
        INSERT INTO fts_{t}(rowid, search_name, search_text) VALUES (new.id, new.search_name, new.search_text);
    END""",
    "INSERT INTO fts_{t}(fts_{t}) VALUES ('rebuild')",
]

PG_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION fts_simple (COPY = pg_catalog.simple)",
    "ALTER TEXT SEARCH CONFIGURATION fts_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "CREATE TEXT SEARCH CONFIGURATION fts_fr (COPY = pg_catalog.french)",
    "ALTER TEXT SEARCH CONFIGURATION fts_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem",
    "CREATE TABLE fts_term (term text PRIMARY KEY)",
    "CREATE INDEX fts_term_trgm ON fts_term USING gin (term gin_trgm_ops)",
    """CREATE FUNCTION fts_collect_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO fts_term(term)
    SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_name || ' ' || NEW.search_text, '\\s+') AS w
    WHERE length(w) >= 4
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$""",
]

PG_TABLE = [
    """ALTER TABLE {t} ADD COLUMN fts_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('fts_simple'::regconfig, search_name), 'A')
        || setweight(to_tsvector('fts_simple'::regconfig, search_text), 'B')
        || setweight(to_tsvector('fts_fr'::regconfig, search_text), 'D')
    ) STORED""",
    "CREATE INDEX fts_{t}_document ON {t} USING gin (fts_document)",
    "CREATE TRIGGER fts_{t}_terms AFTER INSERT OR UPDATE OF search_name, search_text ON {t} "
    "FOR EACH ROW EXECUTE FUNCTION fts_collect_terms()",
]


def _dialect() -> str:
    return op.get_bind().dialect.name


def _create_tables() -> None:
    op.create_table('certification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exporter_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('issuer', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['exporter_id'], ['exporter.id'], name=op.f('fk_certification_exporter_id_exporter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certification'))
    )
    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certification_exporter_id'), ['exporter_id'], unique=False)

    op.create_table('exporter_market',
    sa.Column('exporter_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.ForeignKeyConstraint(['exporter_id'], ['exporter.id'], name=op.f('fk_exporter_market_exporter_id_exporter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('exporter_id', 'country_code', name=op.f('pk_exporter_market'))
    )
    with op.batch_alter_table('exporter_market', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exporter_market_country_code'), ['country_code'], unique=False)

    op.create_table('exporter_membership',
    sa.Column('exporter_id', sa.Integer(), nullable=False),
    sa.Column('organisation', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.ForeignKeyConstraint(['exporter_id'], ['exporter.id'], name=op.f('fk_exporter_membership_exporter_id_exporter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('exporter_id', 'organisation', name=op.f('pk_exporter_membership'))
    )
    op.create_table('product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exporter_id', sa.Integer(), nullable=False),
    sa.Column('name_fr', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_ar', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('description_fr', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description_ar', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hs_code', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('hs_chapter', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('value_added_pct', sa.Float(), nullable=False),
    sa.Column('capacity', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('image_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('label_status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('label_valid_until', sa.Date(), nullable=True),
    sa.Column('sort_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('search_name', sa.Text(), server_default='', nullable=False),
    sa.Column('search_text', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', services.common.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', services.common.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('value_added_pct >= 0 AND value_added_pct <= 100', name=op.f('ck_product_value_added_pct')),
    sa.ForeignKeyConstraint(['exporter_id'], ['exporter.id'], name=op.f('fk_product_exporter_id_exporter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product'))
    )
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.create_index('ix_product_exporter_id_id', ['exporter_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_hs_chapter'), ['hs_chapter'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_label_status'), ['label_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_sort_key'), ['sort_key'], unique=False)

    op.create_table('label_application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exporter_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('submitted_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('created_at', services.common.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', services.common.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('submitted', 'under_review', 'granted', 'rejected')", name=op.f('ck_label_application_status')),
    sa.ForeignKeyConstraint(['exporter_id'], ['exporter.id'], name=op.f('fk_label_application_exporter_id_exporter'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_label_application_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_label_application'))
    )
    with op.batch_alter_table('label_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_label_application_exporter_id'), ['exporter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_label_application_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_label_application_status'), ['status'], unique=False)

    op.create_table('label',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certificate_number', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('exporter_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('created_at', services.common.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', services.common.models.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('active', 'suspended', 'withdrawn')", name=op.f('ck_label_status')),
    sa.ForeignKeyConstraint(['application_id'], ['label_application.id'], name=op.f('fk_label_application_id_label_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['exporter_id'], ['exporter.id'], name=op.f('fk_label_exporter_id_exporter'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_label_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_label')),
    sa.UniqueConstraint('application_id', name=op.f('uq_label_application_id')),
    sa.UniqueConstraint('certificate_number', name=op.f('uq_label_certificate_number'))
    )
    with op.batch_alter_table('label', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_label_exporter_id'), ['exporter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_label_product_id'), ['product_id'], unique=False)

    op.create_table('label_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('label_id', sa.Integer(), nullable=True),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('from_status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column('to_status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('actor_sub', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('actor_role', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('at', services.common.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['label_application.id'], name=op.f('fk_label_event_application_id_label_application'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['label_id'], ['label.id'], name=op.f('fk_label_event_label_id_label'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_label_event'))
    )
    with op.batch_alter_table('label_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_label_event_application_id'), ['application_id'], unique=False)



def _drop_tables() -> None:
    with op.batch_alter_table('label_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_label_event_application_id'))

    op.drop_table('label_event')
    with op.batch_alter_table('label', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_label_product_id'))
        batch_op.drop_index(batch_op.f('ix_label_exporter_id'))

    op.drop_table('label')
    with op.batch_alter_table('label_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_label_application_status'))
        batch_op.drop_index(batch_op.f('ix_label_application_product_id'))
        batch_op.drop_index(batch_op.f('ix_label_application_exporter_id'))

    op.drop_table('label_application')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_sort_key'))
        batch_op.drop_index(batch_op.f('ix_product_label_status'))
        batch_op.drop_index(batch_op.f('ix_product_hs_chapter'))
        batch_op.drop_index('ix_product_exporter_id_id')

    op.drop_table('product')
    op.drop_table('exporter_membership')
    with op.batch_alter_table('exporter_market', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exporter_market_country_code'))

    op.drop_table('exporter_market')
    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certification_exporter_id'))

    op.drop_table('certification')


def _backfill() -> None:
    """Reference data (regions, sectors) and search columns of rows that predate this revision."""
    from services.registry.reference import REGIONS, SECTORS
    from services.registry.text import document

    bind = op.get_bind()
    have_regions = {r[0] for r in bind.execute(sa.text("SELECT code FROM region"))}
    for code, fr, en, ar, capital in REGIONS:
        if code not in have_regions:
            bind.execute(
                sa.text("INSERT INTO region (code, name_fr, name_en, name_ar, capital) VALUES (:c, :fr, :en, :ar, :cap)"),
                {"c": code, "fr": fr, "en": en, "ar": ar, "cap": capital},
            )
    have_sectors = {r[0] for r in bind.execute(sa.text("SELECT slug FROM sector"))}
    for slug, section, fr, en, ar in SECTORS:
        if slug not in have_sectors:
            bind.execute(
                sa.text(
                    "INSERT INTO sector (slug, isic_section, name_fr, name_en, name_ar) "
                    "VALUES (:s, :i, :fr, :en, :ar)"
                ),
                {"s": slug, "i": section, "fr": fr, "en": en, "ar": ar},
            )
    rows = bind.execute(
        sa.text(
            "SELECT e.id, e.trade_name, e.legal_name, e.city, e.description_fr, e.description_en, "
            "e.description_ar, r.name_fr, r.name_en, r.name_ar FROM exporter e JOIN region r ON r.code = e.region_code"
        )
    ).all()
    for row in rows:
        sectors = bind.execute(
            sa.text(
                "SELECT s.name_fr, s.name_en, s.name_ar FROM sector s JOIN exporter_sector es "
                "ON es.sector_id = s.id WHERE es.exporter_id = :id"
            ),
            {"id": row[0]},
        ).all()
        bind.execute(
            sa.text("UPDATE exporter SET search_name = :n, search_text = :t, sort_key = :k WHERE id = :id"),
            {
                "id": row[0],
                "n": document(row[1], row[2]),
                "k": document(row[1])[:200],
                "t": document(row[3], row[7], row[8], row[9], *[n for s in sectors for n in s], row[4], row[5], row[6]),
            },
        )


def upgrade() -> None:
    _create_tables()
    for name, type_, default, nullable in EXPORTER_COLUMNS:
        server_default = sa.text(default) if default is not None else None
        op.add_column("exporter", sa.Column(name, type_, nullable=nullable, server_default=server_default))
    for column in EXPORTER_INDEXES:
        op.create_index(f"ix_exporter_{column}", "exporter", [column])
    op.create_index("ix_exporter_sector_sector_id", "exporter_sector", ["sector_id"])
    _backfill()
    if _dialect() == "sqlite":
        for table in ("exporter", "product"):
            for statement in SQLITE_FTS:
                op.execute(statement.format(t=table))
    elif _dialect() == "postgresql":
        for statement in PG_SETUP:
            op.execute(statement)
        for table in ("exporter", "product"):
            for statement in PG_TABLE:
                op.execute(statement.format(t=table))
        op.execute(
            "INSERT INTO fts_term(term) SELECT DISTINCT w FROM (SELECT regexp_split_to_table("
            "search_name || ' ' || search_text, '\\s+') AS w FROM exporter) t WHERE length(w) >= 4 "
            "ON CONFLICT DO NOTHING"
        )


def downgrade() -> None:
    if _dialect() == "sqlite":
        for table in ("product", "exporter"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS fts_{table}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS fts_{table}_vocab")
            op.execute(f"DROP TABLE IF EXISTS fts_{table}")
    elif _dialect() == "postgresql":
        for table in ("product", "exporter"):
            op.execute(f"DROP TRIGGER IF EXISTS fts_{table}_terms ON {table}")
            op.execute(f"DROP INDEX IF EXISTS fts_{table}_document")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS fts_document")
        op.execute("DROP FUNCTION IF EXISTS fts_collect_terms()")
        op.execute("DROP TABLE IF EXISTS fts_term")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS fts_fr")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS fts_simple")
        # The unaccent and pg_trgm extensions stay: harmless, and maybe used by others.
    op.drop_index("ix_exporter_sector_sector_id", table_name="exporter_sector")
    for column in EXPORTER_INDEXES:
        op.drop_index(f"ix_exporter_{column}", table_name="exporter")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35): a batch copy of exporter would
    # cascade-delete its sector links.
    for name, *_ in reversed(EXPORTER_COLUMNS):
        op.drop_column("exporter", name)
    _drop_tables()
