"""Exporter ids are checked through the registry's API when EVENTS_REGISTRY_URL is set."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.events.config import EventsSettings
from services.events.main import create_app
from tests.conftest import asgi_client
from tests.events.conftest import create_published_event, guest, rsvp_and_confirm
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
