"""label integrity: labels and their history are never deleted; the grant's snapshot; in_review

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:20:00

- Every foreign key of ``label_application``, ``label`` and ``label_event`` becomes
  ``ON DELETE RESTRICT`` (it was CASCADE): deleting a product or an exporter that holds a
  label, or the label itself, is refused by the database too.
- ``label.granted_*``: the facts the grant rested on (product names, HS code, value added,
  exporter ICE, names, region), filled for existing labels from today's rows.
- ``label.status`` also takes ``in_review``: a fact the grant rested on changed.
- Triggers ``keep_label`` and ``keep_label_event`` refuse any DELETE of a label or of a
  history entry (nothing else points at a history entry, so no foreign key can).

On SQLite the three tables are rebuilt (batch mode) with foreign keys off, so that dropping the
old copy of a table does not cascade into its children; ``PRAGMA foreign_key_check`` runs
before foreign keys are switched back on.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, local column, referenced table)
FOREIGN_KEYS = {
    "label_event": [("application_id", "label_application"), ("label_id", "label")],
    "label": [("application_id", "label_application"), ("exporter_id", "exporter"), ("product_id", "product")],
    "label_application": [("exporter_id", "exporter"), ("product_id", "product")],
}
SNAPSHOT = [
    ("granted_product_name_fr", sa.String(200), "SELECT name_fr FROM product WHERE product.id = label.product_id"),
    ("granted_product_name_en", sa.String(200), "SELECT name_en FROM product WHERE product.id = label.product_id"),
    ("granted_product_name_ar", sa.String(200), "SELECT name_ar FROM product WHERE product.id = label.product_id"),
    ("granted_hs_code", sa.String(10), "SELECT hs_code FROM product WHERE product.id = label.product_id"),
    ("granted_value_added_pct", sa.Float(), "SELECT value_added_pct FROM product WHERE product.id = label.product_id"),
    ("granted_exporter_ice", sa.String(15), "SELECT ice FROM exporter WHERE exporter.id = label.exporter_id"),
    ("granted_exporter_legal_name", sa.String(200), "SELECT legal_name FROM exporter WHERE exporter.id = label.exporter_id"),
    ("granted_exporter_trade_name", sa.String(200), "SELECT trade_name FROM exporter WHERE exporter.id = label.exporter_id"),
    ("granted_exporter_region", sa.String(5), "SELECT region_code FROM exporter WHERE exporter.id = label.exporter_id"),
]  # fmt: skip
STATUSES_BEFORE = "status IN ('active', 'suspended', 'withdrawn')"
STATUSES_AFTER = "status IN ('active', 'suspended', 'in_review', 'withdrawn')"


def _fk_name(table: str, column: str, referred: str) -> str:
    if table == "label" and column == "application_id":
        return "fk_label_application_id_label_application"  # the naming convention's name in 0002
    return f"fk_{table}_{column}_{referred}"


def _sqlite_foreign_keys(on: bool) -> None:
    """Switch SQLite's foreign keys between two transactions (the pragma is a no-op inside one).

    The connection's driver runs in autocommit mode with an explicit BEGIN (services/common/db.py),
    so the current transaction is committed, the pragma set, and a new transaction begun in its
    place: SQLAlchemy's view of the connection (in a transaction) stays true.
    """
    raw = op.get_bind().connection.dbapi_connection
    assert raw is not None
    raw.execute("COMMIT")
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    raw.execute("BEGIN")


@contextmanager
def _foreign_keys_off() -> Iterator[None]:
    """SQLite: a rebuilt table's DROP must not cascade into its children (no-op on PostgreSQL)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _sqlite_foreign_keys(False)
    try:
        yield
        if sqlite:
            problems = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed: {problems[:5]}")
    finally:
        if sqlite:
            _sqlite_foreign_keys(True)


def _set_foreign_keys(ondelete: str) -> None:
    for table, keys in FOREIGN_KEYS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, referred in keys:
                name = _fk_name(table, column, referred)
                batch_op.drop_constraint(name, type_="foreignkey")
                batch_op.create_foreign_key(name, referred, [column], ["id"], ondelete=ondelete)


KEPT_TABLES = ("label", "label_event")


def _create_keep_triggers() -> None:
    """A label or a history entry is never deleted, whoever asks (no foreign key points at events)."""
    if op.get_bind().dialect.name == "sqlite":
        for table in KEPT_TABLES:
            op.execute(
                f"CREATE TRIGGER keep_{table} BEFORE DELETE ON {table} BEGIN "
                f"SELECT RAISE(ABORT, 'a {table} row is never deleted'); END"
            )
        return
    op.execute(
        """CREATE FUNCTION keep_label_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a % row is never deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$"""
    )
    for table in KEPT_TABLES:
        op.execute(
            f"CREATE TRIGGER keep_{table} BEFORE DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION keep_label_rows()"
        )


def _drop_keep_triggers() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in KEPT_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS keep_{table}" + ("" if sqlite else f" ON {table}"))
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS keep_label_rows()")


def upgrade() -> None:
    with _foreign_keys_off():
        _set_foreign_keys("RESTRICT")
        with op.batch_alter_table("label", schema=None) as batch_op:
            for name, type_, _ in SNAPSHOT:
                batch_op.add_column(sa.Column(name, type_, nullable=True))
            batch_op.drop_constraint(op.f("ck_label_status"), type_="check")
            batch_op.create_check_constraint("status", STATUSES_AFTER)
        for name, _, query in SNAPSHOT:
            op.execute(f"UPDATE label SET {name} = ({query})")  # noqa: S608 -- fixed text
    _create_keep_triggers()


def downgrade() -> None:
    _drop_keep_triggers()
    op.execute("UPDATE label SET status = 'suspended' WHERE status = 'in_review'")
    with _foreign_keys_off():
        with op.batch_alter_table("label", schema=None) as batch_op:
            batch_op.drop_constraint(op.f("ck_label_status"), type_="check")
            batch_op.create_check_constraint("status", STATUSES_BEFORE)
            for name, _, _ in reversed(SNAPSHOT):
                batch_op.drop_column(name)
        _set_foreign_keys("CASCADE")
