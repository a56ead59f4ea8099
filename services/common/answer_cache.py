"""A bounded cache of whole anonymous ``GET`` answers that never outlives a write or a clock boundary.

What is stored: the status line's headers and the body of a complete ``200`` answer to a
request that carried **no credentials** (no ``Authorization``, ``Cookie`` or ``X-Api-Key``
header: answers to the exporter's own token or an organiser show more, and are never stored
nor served from here). The ``ETag`` is computed once when the answer is stored and kept with
it, so :class:`~services.common.http_cache.ConditionalGetMiddleware` (outside) neither
re-hashes a hit nor answers differently: a hit is byte-identical to the answer it replays,
and ``If-None-Match`` still gets its ``304``.

Writes (the *data version*, read before the answer is computed):

- SQLite: ``PRAGMA data_version`` on a private read-only connection to the file. It changes
  when any other connection, of this process or another (a second worker, the CLI, a bulk
  import, a direct SQL write), commits to the file.
- PostgreSQL: a one-row generation table bumped, in the writing transaction, by statement
  triggers on every table the cached answers read (registry ``fts_answer_generation``, registry
  migration 0011; events ``fts_answer_generation``, events migration 0010; search keeps
  ``fts_generation``).

Reading the version *before* computing means a write committed in between leaves the answer
tagged with the older version, which no later request sees: at worst an answer is dropped,
never served stale. When the version moves on, every older entry is dropped at once.

Time (the rule): an answer that depends on the clock is either keyed by what it depends on
(the registry keys by the Morocco date: a label or certification expires at the end of its
``valid_until`` day), or the endpoint states the next moment its answer would change, by
setting ``request.state.answer_valid_until`` (an aware datetime); the entry is then served
only while ``now < valid_until`` (the events clock). A boundary ``t`` compared as ``now >= t``
changes the answer *at* ``t``; one compared as ``t < now`` changes it just *after* ``t``: list
both ``t`` and ``t + 1 µs`` (see :func:`next_boundary`).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple

from cachetools import LRUCache
from prometheus_client.core import CounterMetricFamily
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.http_cache import CREDENTIAL_HEADERS, entity_tag

if TYPE_CHECKING:
    import psycopg

DEFAULT_MAX_ENTRIES = 4096
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
VALID_UNTIL = "answer_valid_until"  # request.state attribute an endpoint may set
# The generation tables there are (PostgreSQL): search's and the answer cache's.
GENERATION_QUERIES = {
    "fts_generation": "SELECT generation FROM fts_generation",
    "fts_answer_generation": "SELECT generation FROM fts_answer_generation",
}


class SqliteDataVersion:
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


def sqlite_file(url: str) -> str | None:
    """The file of a SQLite URL another connection can open (``None``: in memory, or not SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:") or parsed.query:
        return None
    return database


class PostgresGeneration:
    """The generation row, read on a private autocommit connection (no pool checkout, no ORM:
    a hit costs one small query). Each read is a new statement, so it sees every transaction
    committed before it started: read before the answer's own transaction, it is never newer
    than what that transaction sees. Any error drops the connection and answers ``None``."""

    def __init__(self, url: str, query: str) -> None:
        import psycopg  # here: a SQLite deployment never loads the driver (~7 MB of RSS)

        self._psycopg = psycopg
        self._conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self._query = query.encode()
        self._conn: psycopg.AsyncConnection[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def read(self) -> int | None:
        loop = asyncio.get_running_loop()
        try:
            if self._conn is None or self._conn.closed or self._loop is not loop:
                self.close()  # a connection of another event loop cannot be used from this one
                self._conn = await self._psycopg.AsyncConnection.connect(
                    self._conninfo, autocommit=True, prepare_threshold=None
                )
                self._loop = loop
            cursor = await self._conn.execute(self._query)
            row = await cursor.fetchone()
            return int(row[0]) if row else None
        except (self._psycopg.Error, OSError, RuntimeError):
            self.close()
            return None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.pgconn.finish()  # synchronous: callable from any loop, or none
            self._conn = None


class DataVersion:
    """The database's data version now: SQLite's ``data_version``, or PostgreSQL's generation row.

    ``None`` means "do not cache" (an in-memory database, another backend, a read error).
    """

    def __init__(self, engine: AsyncEngine, *, generation_table: str) -> None:
        url = engine.url.render_as_string(hide_password=False)
        backend = make_url(url).get_backend_name()
        path = sqlite_file(url)
        self._sqlite = SqliteDataVersion(path) if path else None
        self._postgres = (
            PostgresGeneration(url, GENERATION_QUERIES[generation_table]) if backend == "postgresql" else None
        )
        self.available = self._sqlite is not None or self._postgres is not None
        # The private connection goes with the engine's (tests and tools dispose the engine
        # without running the app's lifespan); the next read opens a new one if needed.
        event.listen(engine.sync_engine, "engine_disposed", lambda _engine: self.close())

    async def read(self) -> int | None:
        if self._sqlite is not None:
            return self._sqlite.read()
        if self._postgres is not None:
            return await self._postgres.read()
        return None

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
        if self._postgres is not None:
            self._postgres.close()


class BoundedLRU(LRUCache[Hashable, Any]):
    """An LRU bounded in bytes (``size(entry)``) and in entries."""

    def __init__(self, *, max_entries: int, max_bytes: int, size: Callable[[Any], int]) -> None:
        super().__init__(maxsize=max(max_bytes, 1), getsizeof=size)
        self.max_entries = max(max_entries, 1)

    def __setitem__(self, key: Hashable, entry: Any) -> None:
        super().__setitem__(key, entry)
        while len(self) > self.max_entries:
            self.popitem()  # the least recently used


class Answer(NamedTuple):
    headers: list[tuple[bytes, bytes]]
    body: bytes


class _Entry(NamedTuple):
    version: int
    valid_until: datetime | None
    answer: Answer
    size: int


@dataclass
class Counts:
    hits: int = 0
    misses: int = 0
    stored: int = 0


@dataclass(frozen=True)
class CachedRoute:
    """A path template (``/exporters/{slug}``) and the regular expression of its paths."""

    template: str
    pattern: re.Pattern[str] = field(compare=False)

    @classmethod
    def of(cls, template: str) -> CachedRoute:
        regex = re.sub(r"\\\{(\w+)\\\}", r"[^/]+", re.escape(template))
        return cls(template, re.compile(f"^{regex}$"))


class VersionedStore:
    """An LRU of values each valid for one data version, bounded in entries and bytes (each
    entry's ``size``). When a newer version is seen every entry goes; a value computed from an
    older version than one already seen is not stored. Used from the event loop only (no await
    between a read and a write of the LRU)."""

    def __init__(
        self, engine: AsyncEngine, *, generation_table: str, max_entries: int, max_bytes: int
    ) -> None:
        self._versions = DataVersion(engine, generation_table=generation_table)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.enabled = max_entries > 0 and max_bytes > 0 and self._versions.available
        self._entries = BoundedLRU(max_entries=max_entries, max_bytes=max_bytes, size=lambda e: e.size)
        self._version = -1

    async def version(self) -> int | None:
        """The data version now (``None``: do not cache). Read it before computing."""
        return await self._versions.read() if self.enabled else None

    def _advance(self, version: int) -> bool:
        """Note ``version``; is it the newest seen (may a value computed from it be stored)?"""
        if version > self._version:
            self._entries.clear()
            self._version = version
        return version == self._version

    def clear(self) -> None:
        self._entries.clear()

    def close(self) -> None:
        self.clear()
        self._versions.close()

    def __len__(self) -> int:
        return len(self._entries)


class AnswerCache(VersionedStore):
    """Whole answers by key, each valid for one data version and, optionally, until a moment."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        generation_table: str,
        now: Callable[[], datetime],
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(
            engine, generation_table=generation_table, max_entries=max_entries, max_bytes=max_bytes
        )
        self._now = now
        self.counts: dict[str, Counts] = {}

    def counts_for(self, route: str) -> Counts:
        counts = self.counts.get(route)
        if counts is None:
            counts = self.counts[route] = Counts()
        return counts

    def get(self, key: Hashable, version: int | None) -> Answer | None:
        if version is None:
            return None
        self._advance(version)
        entry: _Entry | None = self._entries.get(key)
        if entry is None or entry.version != version:
            return None
        if entry.valid_until is not None and self._now() >= entry.valid_until:
            del self._entries[key]
            return None
        return entry.answer

    def put(self, key: Hashable, version: int | None, answer: Answer, valid_until: datetime | None) -> bool:
        if version is None or not self.enabled:
            return False
        size = len(answer.body) + sum(len(k) + len(v) for k, v in answer.headers) + 200
        if size > self.max_bytes // 8:
            return False
        if not self._advance(version):
            return False  # computed from an older version than one already seen
        if valid_until is not None and self._now() >= valid_until:
            return False
        self._entries[key] = _Entry(version, valid_until, answer, size)
        return True


def next_boundary(now: datetime, moments: Iterable[datetime | None]) -> datetime | None:
    """The first of ``moments`` strictly after ``now`` (``None``: the answer never changes by time)."""
    later = [m for m in moments if m is not None and m > now]
    return min(later) if later else None


JUST_AFTER = timedelta(microseconds=1)


class AnswerCacheMiddleware:
    """Answer anonymous ``GET`` requests on ``routes`` from the cache, before routing.

    Installed innermost (inside the request context and conditional GET middleware), so a
    cached answer is logged, counted under its route template, carries the request id, and
    gets its ``Cache-Control`` and ``304`` like any other. ``key_extra`` adds to the key what
    the answers depend on beyond the path and query (the registry: today's date).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        cache: AnswerCache,
        routes: Iterable[str],
        key_extra: Callable[[], Hashable] = lambda: None,
    ) -> None:
        self.app = app
        self.cache = cache
        self.routes = [CachedRoute.of(template) for template in routes]
        self.key_extra = key_extra

    def _route(self, scope: Scope) -> CachedRoute | None:
        if scope["type"] != "http" or scope["method"] != "GET" or not self.cache.enabled:
            return None
        if any(name in CREDENTIAL_HEADERS for name, _ in scope["headers"]):
            return None  # answers to a caller may show more: never stored nor served
        path = scope.get("path", "")
        for route in self.routes:
            if route.pattern.match(path):
                return route
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = self._route(scope)
        if route is None:
            await self.app(scope, receive, send)
            return
        counts = self.cache.counts_for(route.template)
        key = (scope["path"], scope["query_string"], self.key_extra())
        version = await self.cache.version()
        answer = self.cache.get(key, version)
        if answer is not None:
            counts.hits += 1
            scope["route"] = SimpleNamespace(path=route.template)  # what the metrics label it with
            await send({"type": "http.response.start", "status": 200, "headers": list(answer.headers)})
            await send({"type": "http.response.body", "body": answer.body})
            return
        counts.misses += 1
        start: Message | None = None

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] == 200:
                start = message  # held until the body says whether it is complete
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            held, start = start, None
            body = message.get("body", b"")
            headers = list(held["headers"])
            names = {name.lower() for name, _ in headers}
            # Not kept: a streamed body, a cookie, or an answer computed after the key's day ended.
            complete = not message.get("more_body", False) and b"set-cookie" not in names
            if complete and self.key_extra() == key[2]:
                if b"etag" not in names:
                    headers.append((b"etag", entity_tag(body).encode("latin-1")))
                    held = {**held, "headers": headers}
                valid_until = scope.get("state", {}).get(VALID_UNTIL)
                if self.cache.put(key, version, Answer(headers, body), valid_until):
                    counts.stored += 1
            await send(held)
            await send(message)

        await self.app(scope, receive, keep)


class AnswerCacheCollector:
    """/metrics: ``<service>_answer_cache_requests_total{route,outcome}``, outcome hit or miss."""

    def __init__(self, cache: AnswerCache, service: str) -> None:
        self._cache = cache
        self._name = f"{service}_answer_cache_requests"

    def collect(self) -> Iterator[CounterMetricFamily]:
        family = CounterMetricFamily(
            self._name,
            "Anonymous GETs of cached routes: answered from the answer cache (hit) or computed (miss)",
            labels=["route", "outcome"],
        )
        for route, counts in sorted(self._cache.counts.items()):
            family.add_metric([route, "hit"], counts.hits)
            family.add_metric([route, "miss"], counts.misses)
        yield family
