"""aiosqlite, with one trip to the connection's thread per statement instead of four.

aiosqlite runs every call on the connection's own thread, and SQLAlchemy's adapter
makes four such calls per statement: open a cursor, execute, fetch the rows, close the
cursor. Each trip is a thread hand-off and a wake-up of the event loop (~0.15 ms here),
while SQLite itself needs a few microseconds for the small statements a request runs.
Under a write lock those trips are the whole cost of a write: an RSVP ran 5 statements
in ~6 ms, almost all of it hand-offs.

Here the cursor is opened and closed on the caller's thread (both are trivial calls
that SQLite serialises itself), and ``execute`` runs the statement and reads the first
rows in the same trip. A large result is still read in chunks, so streaming a big query
keeps memory bounded.

This leans on aiosqlite's private parts (``Connection._execute``, ``._conn``, ``._thread``,
``Cursor._conn``, ``._cursor``), so it is only trusted with the aiosqlite versions it was
written and tested against: :data:`SUPPORTED_AIOSQLITE` is checked when the module is imported,
and ``tests/common/test_sqlite_driver.py`` checks the private parts still exist.
"""

from __future__ import annotations

import re
import sqlite3
from collections import deque
from collections.abc import Iterable
from importlib.metadata import version
from typing import Any

import aiosqlite
from aiosqlite.context import contextmanager

# [lowest, first unsupported): the aiosqlite releases whose private attributes this module uses.
SUPPORTED_AIOSQLITE = ((0, 21), (0, 23))


def release(text: str) -> tuple[int, int]:
    """``"0.22.1"`` -> ``(0, 22)``: the range is stated in minor releases."""
    found = re.match(r"(\d+)\.(\d+)", text)
    if found is None:
        raise RuntimeError(f"cannot read the aiosqlite version {text!r}")
    return int(found[1]), int(found[2])


def check_aiosqlite_version(installed: str) -> None:
    """Refuse an aiosqlite outside :data:`SUPPORTED_AIOSQLITE`, with what to do about it."""
    lowest, unsupported = SUPPORTED_AIOSQLITE
    if not lowest <= release(installed) < unsupported:
        raise RuntimeError(
            f"aiosqlite {installed} is installed, but services/common/sqlite_driver.py uses private "
            f"parts of aiosqlite and supports >={'.'.join(map(str, lowest))},"
            f"<{'.'.join(map(str, unsupported))} only: install a supported version, or check the "
            "driver against the new one (tests/common/test_sqlite_driver.py) and widen the range."
        )


check_aiosqlite_version(version("aiosqlite"))

# Rows read with the statement itself; anything beyond is read on demand, in trips of this size.
PREFETCH_ROWS = 512


def _execute_and_read(cursor: sqlite3.Cursor, sql: str, parameters: Any) -> list[Any] | None:
    cursor.execute(sql, () if parameters is None else parameters)
    if cursor.description is None:
        return None
    return cursor.fetchmany(PREFETCH_ROWS)


class OneTripCursor(aiosqlite.Cursor):
    """A cursor whose ``execute`` also reads the first rows of the answer."""

    def __init__(self, conn: aiosqlite.Connection, cursor: sqlite3.Cursor) -> None:
        super().__init__(conn, cursor)
        self._buffer: deque[Any] = deque()
        self._exhausted = True

    async def execute(self, sql: str, parameters: Any = None) -> OneTripCursor:
        rows = await self._conn._execute(_execute_and_read, self._cursor, sql, parameters)
        self._buffer = deque(rows or ())
        # Fewer rows than asked for means SQLite has no more to give.
        self._exhausted = rows is None or len(rows) < PREFETCH_ROWS
        return self

    async def fetchone(self) -> Any:
        if not self._buffer and not self._exhausted:
            await self._refill(PREFETCH_ROWS)
        return self._buffer.popleft() if self._buffer else None

    async def fetchmany(self, size: int | None = None) -> Iterable[Any]:
        size = size or self.arraysize
        if len(self._buffer) < size and not self._exhausted:
            await self._refill(max(size - len(self._buffer), PREFETCH_ROWS))
        return [self._buffer.popleft() for _ in range(min(size, len(self._buffer)))]

    async def fetchall(self) -> Iterable[Any]:
        rows = list(self._buffer)
        self._buffer.clear()
        if not self._exhausted:
            rows.extend(await self._conn._execute(self._cursor.fetchall))
            self._exhausted = True
        return rows

    async def close(self) -> None:
        self._buffer.clear()
        self._cursor.close()

    async def _refill(self, size: int) -> None:
        rows = await self._conn._execute(self._cursor.fetchmany, size)
        self._buffer.extend(rows)
        self._exhausted = len(rows) < size


class OneTripConnection(aiosqlite.Connection):
    @contextmanager
    async def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self, self._conn.cursor())

    @property
    def in_transaction(self) -> bool:
        """Whether SQLite has a transaction open on this connection (read without a trip)."""
        return self._conn.in_transaction


async def connect(database: str, *, busy_timeout: float, uri: bool = False) -> OneTripConnection:
    """An aiosqlite-compatible connection, for SQLAlchemy's ``async_creator``.

    ``check_same_thread=False`` lets the cursor be opened and closed on the event loop's
    thread; statements still run one at a time on the connection's own thread.
    """

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(database, timeout=busy_timeout, uri=uri, check_same_thread=False)

    connection = OneTripConnection(connector, iter_chunk_size=64)
    # As SQLAlchemy does for its own aiosqlite connections: never keep the interpreter alive.
    connection._thread.daemon = True
    await connection  # starts the connection's thread and opens the database there
    return connection
