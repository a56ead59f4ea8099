"""Registry test helpers: a valid exporter payload and quick creators."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from services.registry.demo import make_ice
from tests.support.databases import DatabaseFactory
from tests.support.tokens import bearer

STAFF = bearer("organiser")


def exporter_payload(serial: int, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "ice": make_ice(9_000_000 + serial),
        "legal_name": f"Société Test {serial} SARL",
        "trade_name": f"Société Test {serial}",
        "region": "MA-06",
        "city": "Casablanca",
        "sectors": ["textile"],
        "size_band": "small",
        "export_markets": ["FR"],
        "phone": "+212522123456",
        "email": f"contact{serial}@example.ma",
        "description_fr": "Entreprise fictive pour les tests.",
    }
    body.update(overrides)
    return body


async def create_exporter(client: httpx.AsyncClient, serial: int, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/exporters", json=exporter_payload(serial, **overrides), headers=STAFF)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def create_product(
    client: httpx.AsyncClient, slug: str, *, value_added: float = 60, **overrides: Any
) -> dict[str, Any]:
    body = {"name_fr": "Produit test", "hs_code": "620520", "value_added_pct": value_added, **overrides}
    response = await client.post(f"/exporters/{slug}/products", json=body, headers=STAFF)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------- demo template
# Loading the demo catalogue takes seconds; it is loaded once per session into a template
# database that each test requesting ``registry_demo`` gets a fresh copy of.


def _load_demo_into(url: str) -> None:
    import asyncio

    from services.common.db import make_async_engine, make_sessionmaker, transaction
    from services.registry.demo import load_demo

    async def run() -> None:
        engine = make_async_engine(url)
        try:
            async with transaction(make_sessionmaker(engine), write=True) as session:
                await load_demo(session=session)
        finally:
            await engine.dispose()

    asyncio.run(run())


@pytest.fixture(scope="session")
def registry_demo_template(databases: DatabaseFactory) -> str:
    url = databases.fresh_url("registry")
    _load_demo_into(url)
    return url


@pytest.fixture
def registry_url(request: pytest.FixtureRequest, databases: DatabaseFactory) -> str:
    if "registry_demo" not in request.fixturenames:
        return databases.fresh_url("registry")
    template = request.getfixturevalue("registry_demo_template")
    return databases.clone_url("registry", template)


@pytest.fixture
async def registry_demo(registry_app) -> None:  # type: ignore[no-untyped-def]
    """The demo catalogue (already in the database this test's app uses)."""
