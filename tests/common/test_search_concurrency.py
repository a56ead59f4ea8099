"""The registry runs at most N uncached searches at once; a waiting request takes an answer the
cache got meanwhile (services/registry/search_cache.py, issue #18)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from services.common.db import make_async_engine
from services.registry.search_cache import SearchCache, SearchCacheMiddleware, request_key, today_in_morocco


class SlowSearch:
    """An inner app that records how many requests it serves at once, and caches its answer."""

    def __init__(self, cache: SearchCache | None = None) -> None:
        self.cache = cache
        self.running = 0
        self.most = 0
        self.calls = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        self.running += 1
        self.most = max(self.most, self.running)
        version = await self.cache.version() if self.cache is not None else None
        await asyncio.sleep(0.05)
        self.running -= 1
        body = b'{"items": []}'
        if self.cache is not None:
            key = request_key(scope["path"], scope["query_string"], today_in_morocco())
            self.cache.put(key, version, body)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body})


async def _get(app: Any, query: bytes) -> int:
    statuses = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": "GET", "path": "/products", "query_string": query}
    await app(scope, receive, send)
    return statuses[0]


def _database(tmp_path: Path) -> str:
    path = tmp_path / "registry.db"
    sqlite3.connect(path).close()
    return f"sqlite:///{path}"


async def test_at_most_n_uncached_searches_run_at_once(tmp_path: Path) -> None:
    engine = make_async_engine(_database(tmp_path))
    cache = SearchCache(engine, max_entries=0)  # no cache: every request searches
    inner = SlowSearch()
    app = SearchCacheMiddleware(inner, cache=cache, paths=("/products",), concurrency=3)
    statuses = await asyncio.gather(*(_get(app, f"q=x{i}".encode()) for i in range(12)))
    assert statuses == [200] * 12
    assert inner.calls == 12
    assert inner.most == 3
    unbounded = SlowSearch()
    app = SearchCacheMiddleware(unbounded, cache=cache, paths=("/products",), concurrency=0)
    await asyncio.gather(*(_get(app, f"q=x{i}".encode()) for i in range(12)))
    assert unbounded.most == 12
    cache.close()
    await engine.dispose()


async def test_a_waiting_search_takes_the_answer_cached_meanwhile(tmp_path: Path) -> None:
    engine = make_async_engine(_database(tmp_path))
    cache = SearchCache(engine)
    assert cache.enabled
    inner = SlowSearch(cache)
    app = SearchCacheMiddleware(inner, cache=cache, paths=("/products",), concurrency=1)
    statuses = await asyncio.gather(*(_get(app, b"q=argan") for _ in range(5)))
    assert statuses == [200] * 5
    assert inner.calls == 1  # the four others found the first one's answer after their wait
    assert (cache.request_hits, cache.request_misses) == (4, 1)
    cache.close()
    await engine.dispose()
