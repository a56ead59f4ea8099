"""The counts a search shows are never stale, and a text search's filters pick the same rows on
every path (#18).

The whole catalogue's facet counts (a search with no text and no filter, or one filter) are
kept per data version whatever the answer cache's size: a write through the API, or by
another process straight in the database, changes them at once. A text search's region,
sector and market filters read the exporters' tags (SQLite: the text index; PostgreSQL: their
GIN index): its hits are exactly the text's hits that pass the filters.

Runs on SQLite and, with MIM_TEST_DB=postgres, on PostgreSQL.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.conftest import asgi_client
from tests.registry.conftest import STAFF, create_exporter, create_product

pytestmark = pytest.mark.usefixtures("registry_demo")


@pytest.fixture(params=[0, 2048], ids=["answer-cache-off", "answer-cache-on"])
async def client(request: pytest.FixtureRequest, registry_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """The registry with its search answer cache off, as the speed targets are measured, or on."""
    from services.registry.config import RegistrySettings
    from services.registry.main import create_app

    settings = RegistrySettings(
        database_url=registry_url, log_level="WARNING", search_cache_entries=request.param
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        yield client
    await app.state.engine.dispose()


async def _get(client: httpx.AsyncClient, path: str = "/exporters", **params: Any) -> dict[str, Any]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _moved(before: dict[str, int], after: dict[str, int], expected: dict[str, int]) -> None:
    """``after`` is ``before`` plus ``expected`` (a value at 0 is left out of the counts)."""
    want = dict(before)
    for key, delta in expected.items():
        want[key] = want.get(key, 0) + delta
        if not want[key]:
            del want[key]
    assert after == want


async def test_a_new_exporter_and_product_count_at_once(client: httpx.AsyncClient) -> None:
    exporters = await _get(client)
    in_souss = await _get(client, region="MA-09")  # the region group: the whole catalogue's counts
    products = await _get(client, "/products")

    created = await create_exporter(
        client, 1801, region="MA-01", sectors=["crafts"], export_markets=["JP"], size_band="large"
    )
    after = await _get(client)
    assert after["total"] == exporters["total"] + 1
    _moved(exporters["facets"]["region"], after["facets"]["region"], {"MA-01": 1})
    _moved(exporters["facets"]["sector"], after["facets"]["sector"], {"crafts": 1})
    _moved(exporters["facets"]["market"], after["facets"]["market"], {"JP": 1})
    _moved(exporters["facets"]["size"], after["facets"]["size"], {"large": 1})
    _moved(exporters["facets"]["label_status"], after["facets"]["label_status"], {"none": 1})
    _moved(
        in_souss["facets"]["region"], (await _get(client, region="MA-09"))["facets"]["region"], {"MA-01": 1}
    )

    await create_product(client, created["slug"], hs_code="940360")
    now = await _get(client, "/products")
    assert now["total"] == products["total"] + 1
    _moved(products["facets"]["hs_chapter"], now["facets"]["hs_chapter"], {"94": 1})
    _moved(products["facets"]["region"], now["facets"]["region"], {"MA-01": 1})
    _moved(products["facets"]["sector"], now["facets"]["sector"], {"crafts": 1})
    _moved(products["facets"]["market"], now["facets"]["market"], {"JP": 1})

    # The exporter moves: its products' region and sector counts move with it.
    response = await client.patch(
        f"/exporters/{created['slug']}", json={"region": "MA-02", "sectors": ["textile"]}, headers=STAFF
    )
    assert response.status_code == 200, response.text
    moved = await _get(client, "/products")
    _moved(now["facets"]["region"], moved["facets"]["region"], {"MA-01": -1, "MA-02": 1})
    _moved(now["facets"]["sector"], moved["facets"]["sector"], {"crafts": -1, "textile": 1})
    _moved(after["facets"]["region"], (await _get(client))["facets"]["region"], {"MA-01": -1, "MA-02": 1})


_WRITE = """
import sys
url, exporter_id = sys.argv[1], int(sys.argv[2])
if url.startswith("sqlite"):
    import sqlite3
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30)
    conn.execute("UPDATE exporter SET size_band = 'micro' WHERE id = ?", (exporter_id,))
    conn.commit()
else:
    import psycopg
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE exporter SET size_band = 'micro' WHERE id = %s", (exporter_id,))
"""


async def test_a_write_by_another_process_counts_at_once(
    client: httpx.AsyncClient, registry_url: str
) -> None:
    before = await _get(client)
    assert await _get(client) == before  # counted once, then read again
    large = (await _get(client, size="large", per_page=1))["items"][0]
    subprocess.run([sys.executable, "-c", _WRITE, registry_url, str(large["id"])], check=True, timeout=60)
    after = await _get(client)
    _moved(before["facets"]["size"], after["facets"]["size"], {"large": -1, "micro": 1})
    # A search with one filter reads the other groups from the whole catalogue's counts too.
    _moved(
        (await _get(client, size="micro"))["facets"]["size"],
        after["facets"]["size"],
        {},
    )


async def _ids(client: httpx.AsyncClient, path: str, **params: Any) -> set[int]:
    found: set[int] = set()
    page = 1
    while True:
        body = await _get(client, path, per_page=100, page=page, exact="true", **params)
        found |= {item["id"] for item in body["items"]}
        if page * 100 >= body["total"]:
            assert len(found) == body["total"]
            return found
        page += 1


FILTERS: list[dict[str, Any]] = [
    {"region": "MA-06"},
    {"sector": "agrifood"},
    {"market": "FR"},
    {"region": ["MA-06", "MA-09"], "sector": "cosmetics"},
    {"sector": ["crafts", "textile"], "market": ["FR", "es"]},
    {"region": "MA-06", "sector": "agrifood", "market": "FR", "size": "small"},
]


@pytest.mark.parametrize("q", ["de", "huile", "maroc", "zzsector1"])
@pytest.mark.parametrize("filters", FILTERS, ids=[str(i) for i in range(len(FILTERS))])
async def test_a_text_search_with_filters_finds_the_texts_hits_that_pass_them(
    registry_client: httpx.AsyncClient, q: str, filters: dict[str, Any]
) -> None:
    text = await _ids(registry_client, "/exporters", q=q)
    passing = await _ids(registry_client, "/exporters", **filters)
    assert await _ids(registry_client, "/exporters", q=q, **filters) == text & passing
    if q == "zzsector1":  # a filter's tag typed as text is text: it matches no name nor description
        assert not text
