"""Engine and session factory for SQLite (embedded default) and PostgreSQL.

Runtime code is async (aiosqlite / psycopg async); migrations use the same URL
with a sync driver. SQLite gets WAL, foreign keys, a busy timeout, and write
transactions that start with ``BEGIN IMMEDIATE`` so two writers queue on the
database lock instead of failing on a stale snapshot.

Erased means erased: SQLite runs with ``secure_delete`` (deleted or overwritten
content is zeroed in the file, not left in free space), and after an erasure
:func:`release_erased_data` checkpoints the WAL and truncates it, so no earlier
copy of a page survives there either. On PostgreSQL it runs VACUUM on the tables.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, create_engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import PoolResetState
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common import sqlite_driver

logger = logging.getLogger("mim.db")

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option read by the "begin" hook: DEFERRED for reads, IMMEDIATE for writes.
SQLITE_BEGIN_OPTION = "sqlite_begin"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def async_url(url: str) -> str:
    """The URL with the async driver this project uses for the backend."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise ValueError(f"unsupported database backend: {backend}")


def sync_url(url: str) -> str:
    """The URL with the sync driver used by migrations and CLI tools."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite").render_as_string(hide_password=False)
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise ValueError(f"unsupported database backend: {backend}")


# A database URL option read by this project, not by libpq: `?prepare_threshold=none` turns off
# psycopg's server-side prepared statements, for PgBouncer in transaction mode (before 1.21 it
# cannot follow them from one server connection to the next). Any other value is psycopg's
# number of executions before a query is prepared (its default is 5).
PREPARE_THRESHOLD_OPTION = "prepare_threshold"


def _driver_options(url: str) -> tuple[str, dict[str, Any]]:
    """``url`` without this project's own options, and the driver arguments they stand for."""
    parsed = make_url(url)
    value = parsed.query.get(PREPARE_THRESHOLD_OPTION)
    if value is None:
        return url, {}
    if isinstance(value, tuple):
        value = value[-1]
    stripped = parsed.difference_update_query([PREPARE_THRESHOLD_OPTION]).render_as_string(
        hide_password=False
    )
    if parsed.get_backend_name() != "postgresql":
        return stripped, {}
    threshold = None if value.lower() in ("none", "off", "") else int(value)
    return stripped, {"prepare_threshold": threshold}


def _ensure_sqlite_dir(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_hooks(sync_engine: Engine) -> None:
    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below emit BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Erased personal data must not linger in free space of the file: zero what is deleted.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    @event.listens_for(sync_engine, "reset")
    def _on_reset(dbapi_connection: Any, _record: Any, state: PoolResetState) -> None:
        # The pool's own reset rolls back every connection it gets back, even one whose
        # transaction was just committed: on SQLite, a trip to the connection's thread for
        # nothing (a quarter of a small read's cost). Roll back only what is still open
        # (a transaction left without commit or rollback), so none reaches the next user.
        if state.asyncio_safe and _in_transaction(dbapi_connection):
            dbapi_connection.rollback()


def _in_transaction(dbapi_connection: Any) -> bool:
    """SQLite's own answer (no trip to the connection's thread); unknown counts as open."""
    driver = getattr(dbapi_connection, "driver_connection", dbapi_connection)
    return bool(getattr(driver, "in_transaction", True))


# SQLite runs each connection's statements on its own thread and keeps a page cache per
# connection: a few pooled connections keep both cores busy; bursts borrow more for a moment.
SQLITE_POOL_SIZE = 5
SQLITE_MAX_OVERFLOW = 5


def make_async_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> AsyncEngine:
    if is_sqlite(url):
        _ensure_sqlite_dir(url)
        database = make_url(url).database or ":memory:"
        connect = partial(sqlite_driver.connect, database, busy_timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_async_engine(
            async_url(url),
            echo=echo,
            async_creator=connect,
            pool_size=min(pool_size, SQLITE_POOL_SIZE),
            max_overflow=SQLITE_MAX_OVERFLOW,
            # Reset by the "reset" hook below instead: only a connection still in a transaction.
            pool_reset_on_return=None,
        )
        _install_sqlite_hooks(engine.sync_engine)
        return engine
    url, connect_args = _driver_options(async_url(url))
    return create_async_engine(
        url,
        echo=echo,
        connect_args=connect_args,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def make_sync_engine(url: str, *, echo: bool = False) -> Engine:
    if is_sqlite(url):
        _ensure_sqlite_dir(url)
        engine = create_engine(sync_url(url), echo=echo)
        _install_sqlite_hooks(engine)
        return engine
    url, connect_args = _driver_options(sync_url(url))
    return create_engine(url, echo=echo, connect_args=connect_args, pool_pre_ping=True)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


_sqlite_write_locks: dict[tuple[str, int], asyncio.Lock] = {}


def _sqlite_write_lock(database: str) -> asyncio.Lock:
    """One lock per database file and event loop.

    SQLite admits one writer at a time. Queuing writers here, in arrival order,
    beats letting them poll the file lock (busy_timeout), which under load
    starves some of them; busy_timeout stays as the guard against other processes.
    """
    key = (database, id(asyncio.get_running_loop()))
    lock = _sqlite_write_locks.get(key)
    if lock is None:
        lock = _sqlite_write_locks[key] = asyncio.Lock()
    return lock


def _engine_of(session: AsyncSession) -> AsyncEngine:
    bind = session.bind
    if bind is None:
        raise RuntimeError("the session is bound to no engine: build it with make_sessionmaker()")
    return bind if isinstance(bind, AsyncEngine) else bind.engine


@asynccontextmanager
async def transaction(
    sessionmaker: async_sessionmaker[AsyncSession], *, write: bool
) -> AsyncIterator[AsyncSession]:
    """One transaction: commit when the caller finishes, roll back on any error.

    ``write=True`` takes the SQLite write lock up front (no effect on PostgreSQL),
    so a read-then-write in the same transaction cannot fail on a stale snapshot.
    """
    async with AsyncExitStack() as stack:
        session = await stack.enter_async_context(sessionmaker())
        engine = _engine_of(session)
        if write and engine.dialect.name == "sqlite":
            await stack.enter_async_context(_sqlite_write_lock(engine.url.database or ""))
            await session.connection(execution_options={SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


async def ping(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


# A TRUNCATE checkpoint waits for readers that still see older pages: a few short retries.
CHECKPOINT_ATTEMPTS = 40
CHECKPOINT_PAUSE_SECONDS = 0.05


async def _sqlite_truncate_wal(engine: AsyncEngine) -> bool:
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        for _ in range(CHECKPOINT_ATTEMPTS):
            cursor = await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, *_ = await cursor.fetchone()
            await cursor.close()
            if not busy:
                return True
            await asyncio.sleep(CHECKPOINT_PAUSE_SECONDS)
    return False


async def release_erased_data(engine: AsyncEngine, *, tables: Sequence[str]) -> bool:
    """After personal data was erased (and committed): remove its old copies from disk.

    SQLite: the erasing UPDATE already zeroed the old bytes in the database file
    (``secure_delete``); the WAL still holds earlier versions of the pages, so it is
    checkpointed into the file and truncated to zero bytes. PostgreSQL: VACUUM on
    ``tables`` removes the dead row versions the UPDATE left behind, so their space is
    reused (it does not zero them, and the server's WAL keeps them until it is recycled:
    SECURITY.md). Best effort, outside any transaction: True when it completed.
    """
    try:
        if engine.dialect.name == "sqlite":
            return await _sqlite_truncate_wal(engine)
        async with engine.connect() as conn:
            autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in tables:
                await autocommit.exec_driver_sql(f'VACUUM "{table}"')
        return True
    except Exception:  # the erasure itself is committed; this only tidies the files
        logger.exception("releasing erased data from the database files failed")
        return False
