"""Exporter ids are checked through the registry's API when EVENTS_REGISTRY_URL is set."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import httpx
import pytest

from services.events.config import EventsSettings
from services.events.main import create_app
from tests.conftest import asgi_client
from tests.events.conftest import create_published_event, guest, rsvp_and_confirm
from tests.support.http import scripted_server
from tests.support.servers import free_port
from tests.support.tokens import bearer


@pytest.fixture
async def client_with_registry_down(events_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = EventsSettings(
        database_url=events_url,
        log_level="WARNING",
        registry_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
        registry_timeout_seconds=1,
    )
    app = create_app(settings)
    async with asgi_client(app) as client:
        yield client
    await app.state.engine.dispose()


async def test_unreachable_registry_is_a_503_and_nothing_is_written(
    client_with_registry_down: httpx.AsyncClient,
) -> None:
    client = client_with_registry_down
    event = await create_published_event(client)
    response = await client.post(
        f"/events/{event['id']}/rsvps",
        json=guest(1, exporter_id=12),
        headers=bearer("exporter", exporter_id=12),
    )
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get(f"/events/{event['id']}")).json()["seats"]["confirmed"] == 0
    # Without an exporter id the registry is not needed.
    assert (await client.post(f"/events/{event['id']}/rsvps", json=guest(2))).status_code == 202


async def test_without_registry_url_ids_are_not_checked(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    own = bearer("exporter", exporter_id=12)
    rsvp = await rsvp_and_confirm(events_client, event["id"], guest(1, exporter_id=12), headers=own)
    assert rsvp["exporter_id"] == 12
    bad = await events_client.post(f"/events/{event['id']}/rsvps", json=guest(2, exporter_id=0))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "exporter_id"


class _CountingRegistry(BaseHTTPRequestHandler):
    """Exporter 12 exists; every connection the events service opens is counted."""

    protocol_version = "HTTP/1.1"  # keep-alive, as the real registry's uvicorn
    connections: ClassVar[list[tuple[str, int]]] = []
    requests: ClassVar[list[str]] = []

    def setup(self) -> None:
        super().setup()
        type(self).connections.append(self.client_address)

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        found = self.path == "/exporters/by-id/12"
        body = json.dumps({"id": 12} if found else {"detail": "No exporter with id."}).encode()
        self.send_response(200 if found else 404)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def counting_registry() -> Iterator[str]:
    _CountingRegistry.connections = []
    _CountingRegistry.requests = []
    with scripted_server(_CountingRegistry) as url:
        yield url


async def test_checks_share_one_connection_to_the_registry_and_it_closes_with_the_app(
    events_url: str, counting_registry: str
) -> None:
    """Every check of one app goes through one pooled client: the second RSVP naming its company
    (and an organiser's speaker check) reuse the first one's connection; a client per check opened
    one connection each (and loaded the CA bundle each time)."""
    app = create_app(
        EventsSettings(database_url=events_url, log_level="WARNING", registry_url=counting_registry)
    )
    own = bearer("exporter", exporter_id=12)
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        event = await create_published_event(client)
        for n in (1, 2):
            answer = await client.post(
                f"/events/{event['id']}/rsvps", json=guest(n, exporter_id=12), headers=own
            )
            assert answer.status_code == 202, answer.text
        unknown = await client.post(
            f"/events/{event['id']}/rsvps",
            json=guest(3, exporter_id=13),
            headers=bearer("exporter", exporter_id=13),
        )
        assert unknown.status_code == 422 and unknown.json()["errors"][0]["code"] == "unknown-exporter"
        assert _CountingRegistry.requests == ["/exporters/by-id/12"] * 2 + ["/exporters/by-id/13"]
        assert len(_CountingRegistry.connections) == 1, _CountingRegistry.connections
        client_pool = app.state.registry._client
        assert client_pool is not None and not client_pool.is_closed
    assert client_pool.is_closed, "the app's shutdown closes the registry client"
    await app.state.engine.dispose()
