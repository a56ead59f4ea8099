"""The SQLite driver: one trip per statement, and every row still arrives, in order."""

from __future__ import annotations

import inspect
import sqlite3
import threading
from importlib.metadata import version
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from services.common import sqlite_driver
from services.common.db import make_async_engine
from tests.support.databases import backend

pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="the SQLite driver only")

ROWS = sqlite_driver.PREFETCH_ROWS * 3 + 7  # several refills, the last one partial


@pytest.fixture
async def engine(tmp_path):  # type: ignore[no-untyped-def]
    engine = make_async_engine(f"sqlite:///{tmp_path / 'driver.db'}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY, label TEXT UNIQUE)"))
        await conn.execute(
            text("INSERT INTO t (n, label) VALUES (:n, :label)"),
            [{"n": n, "label": f"row {n}"} for n in range(ROWS)],
        )
    yield engine
    await engine.dispose()


async def test_a_result_larger_than_the_first_read_arrives_whole(engine) -> None:  # type: ignore[no-untyped-def]
    async with engine.connect() as conn:
        everything = (await conn.execute(text("SELECT n FROM t ORDER BY n"))).scalars().all()
        assert everything == list(range(ROWS))
        # Streamed (a server-side cursor reads with fetchmany): same rows, same order.
        streamed = await conn.stream(text("SELECT n FROM t ORDER BY n"))
        chunks = [chunk async for chunk in streamed.partitions(100)]
        assert [row.n for chunk in chunks for row in chunk] == list(range(ROWS))
        one = (await conn.execute(text("SELECT label FROM t WHERE n = 41"))).scalar_one()
        assert one == "row 41"
        assert (await conn.execute(text("SELECT n FROM t WHERE n < 0"))).first() is None


async def test_cursor_fetches_read_across_refills(tmp_path) -> None:  # type: ignore[no-untyped-def]
    connection = await sqlite_driver.connect(str(tmp_path / "raw.db"), busy_timeout=1)
    try:
        async with connection.cursor() as cursor:
            await cursor.execute(
                "WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < ?) SELECT n FROM c",
                (ROWS - 1,),
            )
            first = await cursor.fetchone()
            middle = await cursor.fetchmany(sqlite_driver.PREFETCH_ROWS + 5)
            rest = await cursor.fetchall()
            assert [first[0], *(r[0] for r in middle), *(r[0] for r in rest)] == list(range(ROWS))
            assert await cursor.fetchone() is None
            await cursor.execute("SELECT 1 WHERE 0")
            assert await cursor.fetchall() == []
    finally:
        await connection.close()


async def test_errors_and_rollback_behave_as_before(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO t (n, label) VALUES (:n, 'new')"), {"n": ROWS})
            await conn.execute(text("INSERT INTO t (n, label) VALUES (:n, 'row 1')"), {"n": ROWS + 1})
    async with engine.connect() as conn:
        # The whole transaction was rolled back, the first insert with it.
        assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar_one() == ROWS


async def test_a_connection_given_back_mid_transaction_is_rolled_back(engine) -> None:  # type: ignore[no-untyped-def]
    # The pool's blanket rollback-on-return is off (it cost a trip after every commit); a
    # connection handed back with its transaction still open must not reach the next user so.
    def abandon(sync_conn) -> object:  # type: ignore[no-untyped-def]
        pooled = sync_conn.engine.raw_connection()
        driver = pooled.driver_connection
        cursor = pooled.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute("INSERT INTO t (n, label) VALUES (-1, 'never committed')")
        assert driver.in_transaction
        pooled.close()  # back to the pool, neither committed nor rolled back
        return driver

    async with engine.connect() as conn:
        driver = await conn.run_sync(abandon)
    assert driver.in_transaction is False
    async with engine.begin() as conn:  # the write lock is free: a write goes through at once
        await conn.execute(text("INSERT INTO t (n, label) VALUES (-2, 'committed')"))
    async with engine.connect() as conn:
        labels = (await conn.execute(text("SELECT label FROM t WHERE n < 0 ORDER BY n"))).scalars().all()
    assert labels == ["committed"]


async def test_a_committed_connection_goes_back_without_another_trip(engine) -> None:  # type: ignore[no-untyped-def]
    trips: list[str] = []
    async with engine.connect() as conn:
        driver = (await conn.get_raw_connection()).driver_connection
    original = driver._execute

    async def counted(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        trips.append(getattr(fn, "__name__", repr(fn)))
        return await original(fn, *args, **kwargs)

    driver._execute = counted
    try:
        async with engine.begin() as conn:
            await conn.execute(text("SELECT 1"))
    finally:
        del driver._execute
    # BEGIN, the statement, COMMIT: no rollback trip once the transaction is over.
    assert len(trips) == 3, trips
    assert "rollback" not in trips


# The pin: the driver reaches into aiosqlite's private parts, so a new aiosqlite must be checked
# before it is allowed in.


def test_the_installed_aiosqlite_is_one_the_driver_supports() -> None:
    lowest, unsupported = sqlite_driver.SUPPORTED_AIOSQLITE
    assert lowest <= sqlite_driver.release(version("aiosqlite")) < unsupported
    sqlite_driver.check_aiosqlite_version(version("aiosqlite"))


@pytest.mark.parametrize("outside", ["0.20.0", "0.23.0", "1.0"])
def test_an_aiosqlite_outside_the_range_is_refused_with_what_to_do(outside: str) -> None:
    with pytest.raises(RuntimeError, match=f"aiosqlite {outside} is installed.*>=0.21,<0.23"):
        sqlite_driver.check_aiosqlite_version(outside)


async def test_the_private_parts_of_aiosqlite_the_driver_uses_are_there(tmp_path: Path) -> None:
    connection = await sqlite_driver.connect(str(tmp_path / "private.db"), busy_timeout=1)
    try:
        assert isinstance(connection._conn, sqlite3.Connection)
        assert isinstance(connection._thread, threading.Thread) and connection._thread.daemon
        assert inspect.iscoroutinefunction(connection._execute)
        assert await connection._execute(lambda: 41 + 1) == 42
        async with connection.cursor() as cursor:
            assert cursor._conn is connection
            assert isinstance(cursor._cursor, sqlite3.Cursor)
    finally:
        await connection.close()
