"""A bounded cache of search answers that never outlives a write to the catalogue.

Each answer (the JSON bytes of a search page) is stored with the *catalogue version* seen
just before it was computed, and served only to a request that sees that same version.
The version lives in the database, so a write by any process (another worker, the CLI,
a bulk import) invalidates every process's cache:

- SQLite: ``PRAGMA data_version`` on a dedicated read-only connection. It changes whenever
  another connection (of this process or any other) commits to the file, and reading it is
  a check of the shared WAL index: microseconds, no thread hop.
- PostgreSQL: the one-row table ``fts_generation``, bumped by statement triggers on
  every catalogue table (migration 0003) and read in the request's transaction.

The version is read *before* the search runs: a write that commits in between leaves the
answer tagged with the older version, which no later request sees again, so at worst an
answer is dropped, never served stale. Keys hold the normalised query, every filter, the
sort, the page and today's date (label expiry follows the date).

``SearchCacheMiddleware`` answers a repeated search before routing: keyed by the exact
path and query string (only answers the endpoint produced, hence validated, are stored),
it skips parameter parsing, dependencies and the session, while the access log, metrics
and request id middleware still see the request.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Hashable
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from cachetools import LRUCache
from sqlalchemy import text as sql
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp, Receive, Scope, Send

MOROCCO = ZoneInfo("Africa/Casablanca")

DEFAULT_MAX_ENTRIES = 2048
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class _SqliteVersion:
    """``PRAGMA data_version`` of a private read-only connection to the database file."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        # data_version restarts on a new connection: the epoch keeps versions increasing,
        # so a reopened connection can never reuse the tag of an older answer.
        self._epoch = 0

    def read(self) -> int | None:
        with self._lock:
            try:
                if self._conn is None:
                    self._conn = sqlite3.connect(
                        f"file:{self._path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
                    )
                    self._conn.execute("PRAGMA busy_timeout=1000")
                    self._epoch += 1
                data_version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
                return (self._epoch << 40) + data_version
            except sqlite3.Error:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
                return None  # no version, no caching: always correct

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _sqlite_file(url: str) -> str | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:") or parsed.query:
        return None
    return database


class _Entry(NamedTuple):
    version: int
    value: Any
    size: int


class _Answers(LRUCache[Hashable, _Entry]):
    """An LRU bounded in bytes (each entry's ``size``) and in entries."""

    def __init__(self, *, max_entries: int, max_bytes: int) -> None:
        super().__init__(maxsize=max_bytes, getsizeof=lambda entry: entry.size)
        self.max_entries = max_entries

    def __setitem__(self, key: Hashable, entry: _Entry) -> None:
        super().__setitem__(key, entry)
        while len(self) > self.max_entries:
            self.popitem()  # the least recently used


class SearchCache:
    """LRU of search answers by key, valid for one catalogue version (bounded in entries and bytes).

    Used from the event loop only (no await between a read and a write of the LRU), as before.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        url = engine.url.render_as_string(hide_password=False)
        self._engine = engine
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.enabled = max_entries > 0 and max_bytes > 0
        self._entries = _Answers(max_entries=max(max_entries, 1), max_bytes=max(max_bytes, 1))
        self._version = -1
        self.hits = 0
        self.misses = 0
        # Whole requests (SearchCacheMiddleware): answered from the cache, or passed on to search.
        self.request_hits = 0
        self.request_misses = 0
        backend = make_url(url).get_backend_name()
        path = _sqlite_file(url)
        self._sqlite = _SqliteVersion(path) if path else None
        self._postgres = backend == "postgresql"
        if backend == "sqlite" and path is None:
            self.enabled = False  # in-memory databases: no second connection sees them

    async def version(self) -> int | None:
        """The catalogue version now (``None``: do not cache). Read it before searching."""
        if not self.enabled:
            return None
        if self._sqlite is not None:
            return self._sqlite.read()
        if self._postgres:
            async with self._engine.connect() as connection:
                row = (await connection.execute(sql("SELECT generation FROM fts_generation"))).first()
            return int(row.generation) if row else None
        return None

    def _advance(self, version: int) -> None:
        if version > self._version:
            self._entries.clear()
            self._version = version

    def get(self, key: Hashable, version: int | None) -> Any:
        """The value stored under ``key`` for exactly this version, else ``None``."""
        if version is None:
            return None
        self._advance(version)
        entry = self._entries.get(key)  # a hit becomes the most recently used
        if entry is None or entry.version != version:
            self.misses += 1
            return None
        self.hits += 1
        return entry.value

    def put(self, key: Hashable, version: int | None, value: Any, *, size: int | None = None) -> None:
        """Store ``value`` (``size`` bytes, by default ``len(value)``) for this version."""
        if version is None or not self.enabled:
            return
        size = len(value) if size is None else size
        if size > self.max_bytes // 8:
            return
        self._advance(version)
        if version != self._version:
            return  # computed from an older version than one already seen
        self._entries[key] = _Entry(version, value, size)

    def clear(self) -> None:
        self._entries.clear()

    def close(self) -> None:
        self.clear()
        if self._sqlite is not None:
            self._sqlite.close()

    def __len__(self) -> int:
        return len(self._entries)


def today_in_morocco() -> date:
    return datetime.now(MOROCCO).date()


def request_key(path: str, query_string: bytes, today: date) -> Hashable:
    """The cache key of a search request: exact path and query string, and the day."""
    return ("request", path, query_string, today)


class SearchCacheMiddleware:
    """Answer ``GET`` on the search paths from the cache, before routing (see module doc).

    Installed innermost (after the request context middleware), so cached answers are
    logged, counted under their route and carry the request id like any other.
    """

    def __init__(self, app: ASGIApp, *, cache: SearchCache, paths: tuple[str, ...]) -> None:
        self.app = app
        self.cache = cache
        self.routes = {path: SimpleNamespace(path=path) for path in paths}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = self.routes.get(scope.get("path", "")) if scope["type"] == "http" else None
        if route is None or scope["method"] != "GET" or not self.cache.enabled:
            await self.app(scope, receive, send)
            return
        key = request_key(scope["path"], scope["query_string"], today_in_morocco())
        body = self.cache.get(key, await self.cache.version())
        if body is None:
            self.cache.request_misses += 1
            await self.app(scope, receive, send)
            return
        self.cache.request_hits += 1
        scope["route"] = route  # what the metrics label the request with
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class Memo:
    """The search cache at one catalogue version: what a search keeps for the next requests
    (a query's facets, a word's typo variants). ``NO_MEMO`` keeps nothing."""

    def __init__(self, cache: SearchCache | None, version: int | None) -> None:
        self._cache = cache
        self._version = version

    def get(self, key: Hashable) -> Any:
        return self._cache.get(key, self._version) if self._cache is not None else None

    def put(self, key: Hashable, value: Any, *, size: int) -> None:
        if self._cache is not None:
            self._cache.put(key, self._version, value, size=size)


NO_MEMO = Memo(None, None)
