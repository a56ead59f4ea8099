"""Fixtures for the website's HTTP tests.

``site``: the website app called in-process, whose gateway client talks over the
network to the worker's shared platform (``shared_stack``: registry, events, gateway
as `mim serve` subprocesses on free ports, demo data loaded).
"""

from __future__ import annotations

import threading
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
from tests.support.http import http
from tests.support.stack import Stack
from tests.support.waiting import wait_until


@dataclass
class Platform:
    gateway_url: str
    events_database_url: str = ""


@contextmanager
def _thread_server(app, port: int, *, lifespan: str = "off") -> Iterator[None]:  # type: ignore[no-untyped-def]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan=lifespan)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started, 10, interval=0.02, message="the test server did not start")
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def platform(shared_stack: Stack) -> Platform:
    """The worker's shared platform (tests/conftest.py), demo data loaded: tests that write make
    their own rows (events, accounts, exporters) and stop no process."""
    return Platform(
        gateway_url=shared_stack.gateway, events_database_url=shared_stack.database_urls["events"]
    )


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


__all__ = ["Path", "Platform", "csrf_from", "site_app"]


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
    created = http.post(f"{gateway_url}/api/events/events", json=body, headers=headers, timeout=30)
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    published = http.post(f"{gateway_url}/api/events/events/{event_id}/publish", headers=headers, timeout=30)
    assert published.status_code == 200, published.text
    return published.json()  # type: ignore[no-any-return]


def create_account(
    gateway_url: str, *, email: str, password: str, role: str, exporter_id: int | None = None
) -> None:
    from tests.support.tokens import bearer

    body = {"email": email, "password": password, "role": role, "exporter_id": exporter_id}
    response = http.post(f"{gateway_url}/api/auth/accounts", json=body, headers=bearer("admin"), timeout=30)
    assert response.status_code == 201, response.text


def demo_label(gateway_url: str, status: str) -> str:
    """The certificate number of a demo label in ``status`` (numbers carry the year granted)."""
    from services.registry.demo import DEMO_LABELS

    slug = next(slug for slug, _, final, _ in DEMO_LABELS if final == status)
    profile = http.get(f"{gateway_url}/api/registry/exporters/{slug}", timeout=30).json()
    return next(lb["certificate_number"] for lb in profile["labels"] if lb["status"] == status)


def confirmed_rsvp(platform: Platform, event_id: int, body: dict) -> dict:  # type: ignore[type-arg]
    """RSVP through the gateway as a guest does: ask (202), then confirm from the e-mailed link."""
    from tests.events.conftest import manage_tokens_in

    base = f"{platform.gateway_url}/api/events"
    asked = http.post(f"{base}/events/{event_id}/rsvps", json=body, timeout=30)
    assert asked.status_code == 202, asked.text
    token = manage_tokens_in(platform.events_database_url, event_id)[str(body["email"]).lower()]
    confirmed = http.post(f"{base}/rsvps/{token}/confirm", timeout=30)
    assert confirmed.status_code == 200, confirmed.text
    return confirmed.json()  # type: ignore[no-any-return]
