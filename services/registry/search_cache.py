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

Besides answers, ``SearchCache.catalogue`` keeps the whole catalogue's facet counts per data
version (PostgreSQL: ``fts_answer_generation``, which also follows certifications) and day,
even when the answer cache is off: counting them reads every product (hundreds of ms at
300,000), and they change only with the data.

``SearchCacheMiddleware`` answers a repeated search before routing: keyed by the exact
path and query string (only answers the endpoint produced, hence validated, are stored),
it skips parameter parsing, dependencies and the session, while the access log, metrics
and request id middleware still see the request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp, Receive, Scope, Send

from services.common.answer_cache import VersionedStore

T = TypeVar("T")

MOROCCO = ZoneInfo("Africa/Casablanca")

DEFAULT_MAX_ENTRIES = 2048
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class _Entry(NamedTuple):
    version: int
    value: Any
    size: int


class VersionedValues(VersionedStore):
    """Values by key, each valid for one data version (bounded in entries and bytes)."""

    def get(self, key: Hashable, version: int | None) -> Any:
        """The value stored under ``key`` for exactly this version, else ``None``."""
        if version is None:
            return None
        self._advance(version)
        entry = self._entries.get(key)  # a hit becomes the most recently used
        if entry is None or entry.version != version:
            return None
        return entry.value

    def put(self, key: Hashable, version: int | None, value: Any, *, size: int | None = None) -> None:
        """Store ``value`` (``size`` bytes, by default ``len(value)``) for this version."""
        if version is None or not self.enabled:
            return
        size = len(value) if size is None else size
        if size > self.max_bytes // 8:
            return
        if not self._advance(version):
            return  # computed from an older version than one already seen
        self._entries[key] = _Entry(version, value, size)


class SearchCache(VersionedValues):
    """LRU of search answers by key, valid for one catalogue version (bounded in entries and bytes).

    ``catalogue``: the whole catalogue's facet counts (per kind and day), kept whatever the
    size of the answer cache, even none: they are what a search with no text and no filter, or
    with one filter, counts (hundreds of milliseconds over 300,000 products), they change only
    with the data, and there are a handful of them. Valid for one *data* version (PostgreSQL:
    ``fts_answer_generation``, which also follows certifications: the "certified" count).
    """

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(
            engine, generation_table="fts_generation", max_entries=max_entries, max_bytes=max_bytes
        )
        self.catalogue = VersionedValues(
            engine, generation_table="fts_answer_generation", max_entries=16, max_bytes=1024 * 1024
        )
        # The catalogue's values being computed, by (key, data version): the requests that ask
        # for one meanwhile wait for it instead of counting the whole catalogue again each.
        self.catalogue_in_flight: dict[tuple[Hashable, int], asyncio.Future[Any]] = {}
        self.hits = 0
        self.misses = 0
        # Whole requests (SearchCacheMiddleware): answered from the cache, or passed on to search.
        self.request_hits = 0
        self.request_misses = 0

    def get(self, key: Hashable, version: int | None) -> Any:
        value = super().get(key, version)
        if version is not None:
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
        return value

    async def memo(self, version: int | None) -> Memo:
        """What a search at this catalogue version keeps (read before searching, as ``version``)."""
        return Memo(self, version, catalogue_version=await self.catalogue.version())

    def close(self) -> None:
        super().close()
        self.catalogue.close()


def today_in_morocco() -> date:
    return datetime.now(MOROCCO).date()


def request_key(path: str, query_string: bytes, today: date) -> Hashable:
    """The cache key of a search request: exact path and query string, and the day."""
    return ("request", path, query_string, today)


class SearchCacheMiddleware:
    """Answer ``GET`` on the search paths from the cache, before routing (see module doc).

    Installed innermost (after the request context middleware), so cached answers are
    logged, counted under their route and carry the request id like any other.

    At most ``concurrency`` searches that miss run at once (0: no bound); the others wait their
    turn, and look in the cache again when it comes (a search of the same query may have filled
    it meanwhile). On 2 cores more searches at once only share the same CPU, while each holds
    its rows, a pooled SQLite connection (page cache, statements) and its answer in memory: 32
    at once took the registry's peak RSS from ~160 to ~200 MB (issue #18).
    """

    def __init__(
        self, app: ASGIApp, *, cache: SearchCache, paths: tuple[str, ...], concurrency: int = 0
    ) -> None:
        self.app = app
        self.cache = cache
        self.routes = {path: SimpleNamespace(path=path) for path in paths}
        self.searching = asyncio.Semaphore(concurrency) if concurrency > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = self.routes.get(scope.get("path", "")) if scope["type"] == "http" else None
        if route is None or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        if await self._from_cache(scope, route, send, waited=False):
            return
        if self.searching is None:
            await self.app(scope, receive, send)
            return
        async with self.searching:
            if not await self._from_cache(scope, route, send, waited=True):
                await self.app(scope, receive, send)

    async def _from_cache(self, scope: Scope, route: SimpleNamespace, send: Send, *, waited: bool) -> bool:
        """Send the cached answer if there is one. A request counts once, as a hit or a miss:
        one found after its wait was counted as a miss on arrival, and becomes a hit."""
        if not self.cache.enabled:
            return False
        key = request_key(scope["path"], scope["query_string"], today_in_morocco())
        body = self.cache.get(key, await self.cache.version())
        if body is None:
            if not waited:
                self.cache.request_misses += 1
            return False
        if waited:
            self.cache.request_misses -= 1
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
        return True


class Memo:
    """The search cache at one catalogue version: what a search keeps for the next requests
    (a query's facets, a word's typo variants; the whole catalogue's facets, at
    ``catalogue_version``). ``NO_MEMO`` keeps nothing."""

    def __init__(
        self, cache: SearchCache | None, version: int | None, *, catalogue_version: int | None = None
    ) -> None:
        self._cache = cache
        self._version = version
        self._catalogue_version = catalogue_version

    def get(self, key: Hashable) -> Any:
        return self._cache.get(key, self._version) if self._cache is not None else None

    def put(self, key: Hashable, value: Any, *, size: int) -> None:
        if self._cache is not None:
            self._cache.put(key, self._version, value, size=size)

    async def catalogue_value(
        self, key: Hashable, compute: Callable[[], Awaitable[T]], *, size: Callable[[T], int]
    ) -> T:
        """The whole catalogue's value under ``key`` at this data version: kept, else computed by
        ``compute``, once however many requests ask at the same time. The others wait for that
        answer (computed at the same version, so the same data); if its request fails or is
        cancelled, each computes its own."""
        cache, version = self._cache, self._catalogue_version
        if cache is None or version is None:
            return await compute()
        known: T | None = cache.catalogue.get(key, version)
        if known is not None:
            return known
        flight = (key, version)
        pending = cache.catalogue_in_flight.get(flight)
        if pending is not None:
            shared: T | None = await asyncio.shield(pending)  # a waiter's cancel is its own
            return shared if shared is not None else await compute()
        future: asyncio.Future[T | None] = asyncio.get_running_loop().create_future()
        cache.catalogue_in_flight[flight] = future
        try:
            value = await compute()
        except BaseException:
            future.set_result(None)
            raise
        finally:
            del cache.catalogue_in_flight[flight]
        cache.catalogue.put(key, version, value, size=size(value))
        future.set_result(value)
        return value


NO_MEMO = Memo(None, None)
