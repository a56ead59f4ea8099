"""`mim seed-registry --exporters N`: deterministic bulk catalogue whose search index works."""

from __future__ import annotations

import httpx

from services.common.db import make_sync_engine
from services.registry.synthetic import seed_synthetic
from tests.registry.conftest import STAFF, create_exporter
from tests.support.databases import DatabaseFactory


def _names(url: str) -> list[tuple[str, str]]:
    from sqlalchemy import text

    engine = make_sync_engine(url)
    with engine.connect() as conn:
        rows = [(r[0], r[1]) for r in conn.execute(text("SELECT ice, trade_name FROM exporter ORDER BY id"))]
    engine.dispose()
    return rows


async def test_synthetic_catalogue_is_deterministic_and_searchable(
    databases: DatabaseFactory, registry_url: str, registry_client: httpx.AsyncClient
) -> None:
    other = databases.fresh_url("registry")
    assert seed_synthetic(registry_url, 60, echo=False)[0] == 60
    seed_synthetic(other, 60, echo=False)
    assert _names(registry_url) == _names(other)
    body = (await registry_client.get("/exporters", params={"per_page": 1})).json()
    assert body["total"] == 60 and sum(body["facets"]["region"].values()) == 60
    products = (await registry_client.get("/products", params={"per_page": 1})).json()
    assert 120 <= products["total"] <= 240
    name = body["items"][0]["trade_name"]
    found = (await registry_client.get("/exporters", params={"q": name})).json()
    assert found["items"][0]["trade_name"] == name
    # The sync triggers are back: a write after the bulk load is searchable at once.
    await create_exporter(registry_client, 1, trade_name="Après Chargement", slug="apres-chargement")
    assert (await registry_client.get("/exporters", params={"q": "apres chargement"})).json()["total"] == 1
    assert (await registry_client.post("/exporters", json={}, headers=STAFF)).status_code == 422
