"""The search answer cache: repeated searches are served from it, never after a write."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from sqlalchemy import text

from services.common.db import make_sync_engine
from services.registry.search_cache import SearchCache, request_key
from tests.registry.conftest import STAFF, create_exporter

pytestmark = pytest.mark.usefixtures("registry_demo")

SEARCH = {"q": "argan", "region": "MA-09"}


async def _search(client: httpx.AsyncClient, path: str = "/exporters", **params: object) -> dict:  # type: ignore[type-arg]
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_a_repeated_search_is_served_from_the_cache(
    registry_app, registry_client: httpx.AsyncClient
) -> None:  # type: ignore[no-untyped-def]
    cache: SearchCache = registry_app.state.search_cache
    first = await _search(registry_client, **SEARCH)
    hits = cache.hits
    again = await registry_client.get("/exporters", params=SEARCH)
    assert cache.hits == hits + 1
    assert again.json() == first
    assert again.headers["content-type"] == "application/json"
    assert again.headers["x-request-id"]
    # Another page, sort or filter is another answer.
    assert (await _search(registry_client, **SEARCH, per_page=1))["items"] == first["items"][:1]


async def test_a_write_through_the_api_is_seen_at_once(registry_client: httpx.AsyncClient) -> None:
    before = await _search(registry_client, q="zellige")
    await _search(registry_client, q="zellige")  # now cached
    # Facets and total are also kept per query for its other pages.
    assert (await _search(registry_client, q="zellige", page=2, per_page=1))["total"] == before["total"]
    created = await create_exporter(
        registry_client, 71, trade_name="Zellige Moderne", slug="zellige-moderne", region="MA-03"
    )
    assert (await _search(registry_client, q="zellige", page=3, per_page=1))["total"] == before["total"] + 1
    after = await _search(registry_client, q="zellige")
    assert after["total"] == before["total"] + 1
    assert "zellige-moderne" in [i["slug"] for i in after["items"]]
    assert after["facets"]["region"]["MA-03"] == before["facets"]["region"].get("MA-03", 0) + 1

    response = await registry_client.patch(
        f"/exporters/{created['slug']}", json={"region": "MA-09"}, headers=STAFF
    )
    assert response.status_code == 200, response.text
    moved = await _search(registry_client, q="zellige")
    assert moved["facets"]["region"].get("MA-09") == before["facets"]["region"].get("MA-09", 0) + 1

    response = await registry_client.delete(f"/exporters/{created['slug']}", headers=STAFF)
    assert response.status_code == 204
    assert await _search(registry_client, q="zellige") == before


async def test_a_write_by_another_process_is_seen_at_once(
    registry_url: str, registry_client: httpx.AsyncClient
) -> None:
    """Another worker, the CLI or a bulk import writes with its own connection."""
    assert (await _search(registry_client, q="qwertyuiop"))["total"] == 0
    products = await _search(registry_client, "/products", q="qwertyuiop")
    assert products["total"] == 0
    engine = make_sync_engine(registry_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "UPDATE exporter SET search_name = search_name || ' qwertyuiop' "
                    "WHERE slug = 'atlas-argan-cooperative'"
                )
            )
    finally:
        engine.dispose()
    body = await _search(registry_client, q="qwertyuiop")
    assert [i["slug"] for i in body["items"]] == ["atlas-argan-cooperative"]
    # Every cached answer is dropped, not only those of the changed rows.
    assert (await _search(registry_client, "/products", q="qwertyuiop"))["total"] == 0


async def test_label_status_changes_are_seen_at_once(registry_client: httpx.AsyncClient) -> None:
    before = await _search(registry_client, labelled="true")
    for item in before["items"]:
        exporter = (await registry_client.get(f"/exporters/{item['slug']}")).json()
        active = [lb for lb in exporter["labels"] if lb["status"] == "active"]
        if len(active) == 1:
            break
    else:
        pytest.fail("the demo has an exporter with exactly one active label")
    response = await registry_client.post(
        f"/labels/{active[0]['certificate_number']}/suspend", json={"reason": "audit"}, headers=STAFF
    )
    assert response.status_code == 200, response.text
    after = await _search(registry_client, labelled="true")
    assert after["total"] == before["total"] - 1
    assert exporter["slug"] not in [i["slug"] for i in after["items"]]
    suspended = await _search(registry_client, label_status="suspended")
    assert exporter["slug"] in [i["slug"] for i in suspended["items"]]


def test_an_answer_computed_before_a_newer_version_is_not_stored() -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    cache = SearchCache(create_async_engine("sqlite+aiosqlite:////tmp/unused-by-this-test.db"))
    key = request_key("/exporters", b"q=a", date(2026, 1, 1))
    assert cache.get(key, 5) is None
    cache.put(key, 4, b"old")  # read version 4, then a request saw version 5: drop
    assert cache.get(key, 5) is None
    cache.put(key, 5, b"new")
    assert cache.get(key, 5) == b"new"
    assert cache.get(key, 6) is None and len(cache) == 0
    # Another day is another key: a label's expiry follows the date.
    assert cache.get(request_key("/exporters", b"q=a", date(2026, 1, 2)), 6) is None


def test_the_cache_is_bounded() -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    cache = SearchCache(
        create_async_engine("sqlite+aiosqlite:////tmp/unused-by-this-test.db"), max_entries=3, max_bytes=80
    )
    for n in range(5):
        cache.put(("k", n), 1, b"x" * 10)
    assert len(cache) == 3 and cache.get(("k", 0), 1) is None and cache.get(("k", 4), 1) == b"x" * 10
    cache.put(("big",), 1, b"x" * 11)  # over an eighth of the byte budget: not stored
    assert cache.get(("big",), 1) is None


def test_a_read_keeps_an_answer_and_the_byte_budget_evicts_the_least_recently_used() -> None:
    from sqlalchemy.ext.asyncio import create_async_engine

    cache = SearchCache(
        create_async_engine("sqlite+aiosqlite:////tmp/unused-by-this-test.db"), max_entries=10, max_bytes=80
    )
    for n in range(3):
        cache.put(("k", n), 1, b"x" * 10)
    assert cache.get(("k", 0), 1) == b"x" * 10  # now the most recently used
    for n in range(3, 8):
        cache.put(("k", n), 1, b"x" * 10)  # 80 bytes in all: the budget is full
    assert len(cache) == 8
    cache.put(("k", 8), 1, b"x" * 10)  # 90 bytes: the least recently used, ("k", 1), goes
    assert cache.get(("k", 1), 1) is None
    assert cache.get(("k", 0), 1) == b"x" * 10 and cache.get(("k", 2), 1) == b"x" * 10
    assert len(cache) == 8


async def test_the_catalogue_counts_are_computed_once_for_requests_that_ask_together() -> None:
    """Right after a write, every request of a burst misses the whole catalogue's counts at the
    new version: one counts (hundreds of ms over 300,000 products), the others wait for it."""
    import asyncio

    from sqlalchemy.ext.asyncio import create_async_engine

    from services.registry.search_cache import Memo

    cache = SearchCache(create_async_engine("sqlite+aiosqlite:////tmp/unused-by-this-test.db"))
    release = asyncio.Event()
    calls: list[int] = []

    async def count(version: int) -> dict[str, int]:
        calls.append(version)
        await release.wait()
        return {"MA-01": version}

    def ask(version: int) -> asyncio.Task[dict[str, int]]:
        memo = Memo(cache, 1, catalogue_version=version)
        return asyncio.ensure_future(memo.catalogue_value("facets", lambda: count(version), size=len))

    burst = [ask(7) for _ in range(20)]
    other_version = ask(8)  # another version is another computation
    await asyncio.sleep(0.01)
    assert calls == [7, 8]
    release.set()
    assert [await t for t in burst] == [{"MA-01": 7}] * 20
    assert await other_version == {"MA-01": 8}
    assert await ask(8) == {"MA-01": 8} and calls == [7, 8]  # kept: no third count


async def test_when_the_counting_request_fails_the_waiting_ones_count_themselves() -> None:
    import asyncio

    from sqlalchemy.ext.asyncio import create_async_engine

    from services.registry.search_cache import Memo

    cache = SearchCache(create_async_engine("sqlite+aiosqlite:////tmp/unused-by-this-test.db"))
    memo = Memo(cache, 1, catalogue_version=3)
    started = asyncio.Event()
    calls = 0

    async def failing() -> dict[str, int]:
        nonlocal calls
        calls += 1
        started.set()
        await asyncio.sleep(0.01)
        raise ConnectionError("the database went away")

    async def working() -> dict[str, int]:
        nonlocal calls
        calls += 1
        return {"MA-02": 1}

    first = asyncio.ensure_future(memo.catalogue_value("facets", failing, size=len))
    await started.wait()
    waiter = asyncio.ensure_future(memo.catalogue_value("facets", working, size=len))
    with pytest.raises(ConnectionError):
        await first
    assert await waiter == {"MA-02": 1} and calls == 2
    assert not cache.catalogue_in_flight
    # A waiter cancelled (its client went away) does not cancel the count the others wait for.
    release = asyncio.Event()

    async def slow() -> dict[str, int]:
        await release.wait()
        return {"MA-03": 1}

    owner = asyncio.ensure_future(Memo(cache, 1, catalogue_version=4).catalogue_value("f", slow, size=len))
    await asyncio.sleep(0)
    leaving = asyncio.ensure_future(Memo(cache, 1, catalogue_version=4).catalogue_value("f", slow, size=len))
    await asyncio.sleep(0)
    leaving.cancel()
    release.set()
    assert await owner == {"MA-03": 1}
