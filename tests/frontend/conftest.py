"""Fixtures for the website's HTTP tests.

``site``: the real platform (registry, events, gateway as `mim serve` subprocesses
on free ports, demo data loaded) and the website app called in-process, whose
gateway client talks to the real gateway over the network. Until the gateway
exists on this branch, a stand-in mounts the registry under /api/registry.
"""

from __future__ import annotations

import asyncio
import importlib.util
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from frontend.app import create_app
from frontend.config import FrontendSettings
from tests.conftest import asgi_client
from tests.support.databases import DatabaseFactory
from tests.support.servers import free_port
from tests.support.stack import running_stack

HAS_GATEWAY = importlib.util.find_spec("services.gateway") is not None


def _registry_searches() -> bool:
    """Whether the registry on this branch takes `q` on /exporters (search and facets)."""
    from services.registry.config import RegistrySettings
    from services.registry.main import create_app as create_registry

    app = create_registry(
        RegistrySettings(database_url="sqlite:////tmp/mim-unused-probe.db", log_level="WARNING")
    )
    params = app.openapi()["paths"]["/exporters"]["get"].get("parameters", [])
    return any(p["name"] == "q" for p in params)


REGISTRY_SEARCHES = _registry_searches()
needs_search = pytest.mark.skipif(
    not REGISTRY_SEARCHES, reason="the registry on this branch has no search yet"
)


@dataclass
class Platform:
    gateway_url: str


@contextmanager
def _thread_server(app, port: int, *, lifespan: str = "off") -> Iterator[None]:  # type: ignore[no-untyped-def]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan=lifespan)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@contextmanager
def _standin_gateway(databases: DatabaseFactory) -> Iterator[Platform]:
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Mount, Route

    from services.common.db import make_async_engine, make_sessionmaker, transaction
    from services.registry.config import RegistrySettings
    from services.registry.demo import load_demo
    from services.registry.main import create_app as create_registry

    url = databases.fresh_url("registry")

    async def seed() -> None:
        engine = make_async_engine(url)
        async with transaction(make_sessionmaker(engine), write=True) as session:
            await load_demo(session=session)
        await engine.dispose()

    # In its own thread: a browser test may already run an event loop in this one.
    seeding = threading.Thread(target=lambda: asyncio.run(seed()))
    seeding.start()
    seeding.join()
    registry = create_registry(RegistrySettings(database_url=url, log_level="WARNING"))

    async def healthz(_request):  # type: ignore[no-untyped-def]
        return JSONResponse({"status": "ok"})

    app = Starlette(routes=[Route("/healthz", healthz), Mount("/api/registry", app=registry)])
    port = free_port()
    with _thread_server(app, port):
        yield Platform(gateway_url=f"http://127.0.0.1:{port}")


# Every test request reaches the gateway from 127.0.0.1: lift the per-client limits.
GENEROUS_LIMITS = {
    "GATEWAY_RATE_LIMIT_DEFAULT": "100000/minute",
    "GATEWAY_RATE_LIMIT_SIGNIN": "10000/minute",
    "GATEWAY_RATE_LIMIT_RSVP": "10000/minute",
}


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """The platform with demo data, shared by the session (tests that write make their own events)."""
    databases = DatabaseFactory(tmp_path_factory.mktemp("frontend-db"))
    try:
        if HAS_GATEWAY:
            logs = tmp_path_factory.mktemp("frontend-logs")
            with running_stack(
                databases, logs, processes=("registry", "events", "gateway"), extra_env=GENEROUS_LIMITS
            ) as stack:
                yield Platform(gateway_url=stack.gateway)
        else:
            with _standin_gateway(databases) as platform:
                yield platform
    finally:
        databases.drop_all()


def site_app(gateway_url: str, **overrides):  # type: ignore[no-untyped-def]
    return create_app(
        FrontendSettings(gateway_url=gateway_url, log_level="WARNING", log_json=True, **overrides)
    )


@pytest.fixture
async def site(platform: Platform) -> AsyncIterator[httpx.AsyncClient]:
    app = site_app(platform.gateway_url)
    async with asgi_client(app) as client:
        yield client
    await app.state.gateway.close()


def csrf_from(html: str) -> str:
    import re

    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the form carries a CSRF token"
    return match.group(1)


__all__ = ["HAS_GATEWAY", "Path", "Platform", "csrf_from", "site_app"]


def create_event(gateway_url: str, *, capacity: int, title: str = "Morning de test", days: int = 20) -> dict:  # type: ignore[type-arg]
    """A published event in the future, created through the gateway as an organiser."""
    from datetime import UTC, datetime, timedelta

    from tests.support.tokens import bearer

    start = (datetime.now(UTC) + timedelta(days=days)).replace(hour=8, minute=30, second=0, microsecond=0)
    body = {
        "series": "mornings-les-imperiales",
        "title": {"fr": title, "en": title + " (en)", "ar": "لقاء تجريبي"},
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "venue": "Hôtel Test",
        "city": "Casablanca",
        "region_code": "MA-06",
        "capacity": capacity,
    }
    headers = bearer("organiser")
    created = httpx.post(f"{gateway_url}/api/events/events", json=body, headers=headers, timeout=30)
    if created.status_code == 502:
        # The gateway does not retry a POST whose pooled connection the events service had just
        # closed (idle keep-alive race, reported to the gateway's owner); this is setup, so retry.
        created = httpx.post(f"{gateway_url}/api/events/events", json=body, headers=headers, timeout=30)
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    published = httpx.post(f"{gateway_url}/api/events/events/{event_id}/publish", headers=headers, timeout=30)
    assert published.status_code == 200, published.text
    return published.json()  # type: ignore[no-any-return]


def create_account(
    gateway_url: str, *, email: str, password: str, role: str, exporter_id: int | None = None
) -> None:
    from tests.support.tokens import bearer

    body = {"email": email, "password": password, "role": role, "exporter_id": exporter_id}
    response = httpx.post(f"{gateway_url}/api/auth/accounts", json=body, headers=bearer("admin"), timeout=30)
    assert response.status_code == 201, response.text


def demo_label(gateway_url: str, status: str) -> str:
    """The certificate number of a demo label in ``status`` (numbers carry the year granted)."""
    from services.registry.demo import DEMO_LABELS

    slug = next(slug for slug, _, final, _ in DEMO_LABELS if final == status)
    profile = httpx.get(f"{gateway_url}/api/registry/exporters/{slug}", timeout=30).json()
    return next(lb["certificate_number"] for lb in profile["labels"] if lb["status"] == status)
