"""Operating the databases on PostgreSQL: migrations both ways with data kept, backup and restore.

Runs only with ``MIM_TEST_DB=postgres`` (CI runs the suite on both backends);
on SQLite these are skipped with the reason. Uses the PostgreSQL 15 client
binaries (pg_dump, pg_restore) the way an operator would.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from services.common import migrate
from services.common.db import make_async_engine, make_sessionmaker, make_sync_engine, transaction
from services.processes import DATABASE_SERVICES, PROCESSES, resolve, service_metadata
from tests.support.databases import DatabaseFactory, _pg_admin_execute, _pg_url_for, backend

PG_BIN = Path("/usr/lib/postgresql/15/bin")

pytestmark = pytest.mark.skipif(
    backend() != "postgres",
    reason="PostgreSQL operations (migrations both ways, pg_dump/pg_restore) run with MIM_TEST_DB=postgres",
)


SERVICES = list(DATABASE_SERVICES)
DEMO_SERVICES = [s for s in SERVICES if PROCESSES[s].demo_loader]


def _libpq_url(url: str) -> str:
    """The URL as libpq (psql, pg_dump) takes it: no SQLAlchemy driver suffix."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _load_demo(service: str, url: str) -> None:
    loader = resolve(PROCESSES[service].demo_loader)
    engine = make_async_engine(url)
    try:
        async with transaction(make_sessionmaker(engine), write=True) as session:
            assert await loader(session=session), f"{service}: demo data not loaded into an empty database"
    finally:
        await engine.dispose()


def _user_tables(engine: sa.Engine, service: str) -> dict[str, list[str]]:
    """Table -> column names, without Alembic's version table."""
    inspector = sa.inspect(engine)
    return {
        name: [c["name"] for c in inspector.get_columns(name)]
        for name in inspector.get_table_names()
        if name != migrate.version_table(service)
    }


# Counters whose whole job is to move on every write (the registry's catalogue generation,
# read by the search answer cache): a migration that rewrites rows rightly bumps them.
VERSION_COUNTERS = {"fts_generation"}


def _snapshot(engine: sa.Engine, tables: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``tables`` (only the given columns), in a stable order; version counters aside."""
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table, columns in tables.items():
            if table in VERSION_COUNTERS:
                continue
            cols = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(sa.text(f'SELECT {cols} FROM "{table}"')).all()
            snapshot[table] = sorted((tuple(r) for r in rows), key=repr)
    return snapshot


def _revision(engine: sa.Engine, service: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT version_num FROM {migrate.version_table(service)}")).scalar()


def _value_for(column: sa.Column[Any]) -> Any:
    kind = column.type
    if isinstance(kind, sa.Enum) and kind.enums:
        return kind.enums[0]
    python_type: type | None
    try:
        python_type = kind.python_type
    except NotImplementedError:
        python_type = None
    values: dict[type, Any] = {
        bool: False,
        int: 1,
        float: 1.0,
        str: f"ops-{uuid.uuid4().hex[:8]}",
        dt.datetime: dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        dt.date: dt.date(2025, 1, 1),
        dict: {},
        list: [],
        uuid.UUID: uuid.uuid4(),
        bytes: b"ops",
    }
    if python_type in values:
        value = values[python_type]
        length = getattr(kind, "length", None)
        return value[:length] if isinstance(value, str) and length else value
    raise LookupError(f"no sample value for {column.table.name}.{column.name} ({kind})")


def _insert_some_row(engine: sa.Engine, table_names: set[str]) -> str:
    """Insert one row, built from the reflected schema, into a table without foreign keys."""
    metadata = sa.MetaData()
    metadata.reflect(engine, only=sorted(table_names))
    errors: list[str] = []
    for table in metadata.sorted_tables:
        if table.foreign_keys:
            continue
        try:
            row = {
                c.name: _value_for(c)
                for c in table.columns
                if not c.nullable
                and c.server_default is None
                and not (
                    c.primary_key and c.autoincrement in (True, "auto") and isinstance(c.type, sa.Integer)
                )
            }
            with engine.begin() as conn:
                conn.execute(table.insert().values(**row))
        except (LookupError, sa.exc.DBAPIError) as exc:
            errors.append(f"{table.name}: {exc}")
            continue
        return table.name
    raise AssertionError("could not insert a row into any table: " + "; ".join(errors))


@pytest.mark.parametrize("service", SERVICES)
def test_upgrade_head_downgrade_base_leaves_nothing_and_upgrades_again(
    service: str, databases: DatabaseFactory
) -> None:
    url = databases.fresh_url(service, migrated=False)
    migrate.upgrade(service, url)
    engine = make_sync_engine(url)
    assert set(service_metadata(service).tables) <= set(_user_tables(engine, service))
    migrate.downgrade(service, url, "base")
    assert _user_tables(engine, service) == {}
    with engine.connect() as conn:
        # What downgrades often forget on PostgreSQL: enum types, sequences, views.
        leftovers = conn.execute(
            sa.text(
                "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE n.nspname = 'public' AND t.typtype = 'e' "
                "UNION ALL SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('S', 'v', 'm')"
            )
        ).scalars()
        assert list(leftovers) == []
    migrate.upgrade(service, url)  # a second upgrade after base finds no stale objects
    assert set(service_metadata(service).tables) <= set(_user_tables(engine, service))
    engine.dispose()


@pytest.mark.parametrize("service", SERVICES)
async def test_latest_revision_down_and_up_keeps_the_data(service: str, databases: DatabaseFactory) -> None:
    url = databases.fresh_url(service, migrated=False)
    migrate.upgrade(service, url)
    engine = make_sync_engine(url)
    head = _revision(engine, service)
    migrate.downgrade(service, url, "-1")
    previous = _user_tables(engine, service)
    # Every service has several revisions: one step down still has tables to keep data in.
    assert previous, f"{service}: downgrading the latest revision dropped every table"
    migrate.upgrade(service, url)

    if service in DEMO_SERVICES:
        await _load_demo(service, url)
    if not any(_snapshot(engine, previous).values()):
        _insert_some_row(engine, set(previous))
    before = _snapshot(engine, previous)
    assert any(before.values()), "no data to keep"

    migrate.downgrade(service, url, "-1")
    assert _revision(engine, service) != head
    migrate.upgrade(service, url)
    assert _revision(engine, service) == head
    assert _snapshot(engine, previous) == before, f"{service}: data lost across the latest revision"
    engine.dispose()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(args[:2])} failed:\n{result.stderr}"
    return result


@pytest.mark.parametrize("service", DEMO_SERVICES)
async def test_pg_dump_and_pg_restore_give_back_the_same_database(
    service: str, databases: DatabaseFactory, tmp_path: Path
) -> None:
    source = databases.fresh_url(service)
    await _load_demo(service, source)
    dump = tmp_path / f"{service}.dump"
    _run(str(PG_BIN / "pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", _libpq_url(source))
    assert dump.stat().st_size > 0

    restored_name = f"mimrestore_{service}_{uuid.uuid4().hex[:8]}"
    _pg_admin_execute(f'CREATE DATABASE "{restored_name}"')
    restored = _pg_url_for(restored_name)
    try:
        _run(
            str(PG_BIN / "pg_restore"),
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={_libpq_url(restored)}",
            str(dump),
        )
        source_engine, restored_engine = make_sync_engine(source), make_sync_engine(restored)
        tables = _user_tables(source_engine, service)
        assert _user_tables(restored_engine, service) == tables
        counts = {}
        for label, engine in (("source", source_engine), ("restored", restored_engine)):
            with engine.connect() as conn:
                counts[label] = {
                    t: conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables
                }
        assert counts["restored"] == counts["source"]
        assert sum(counts["source"].values()) > 0
        assert _snapshot(restored_engine, tables) == _snapshot(source_engine, tables)
        assert _revision(restored_engine, service) == _revision(source_engine, service)
        source_engine.dispose()
        restored_engine.dispose()
        # The restored database is usable as is: migrations see it at head.
        migrate.upgrade(service, restored)
    finally:
        _pg_admin_execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
