"""Fixtures for the events service: the app on its own clean database, in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from services.events.config import EventsSettings
from services.events.main import create_app
from tests.conftest import asgi_client, run_in_session
from tests.support.databases import DatabaseFactory
from tests.support.tokens import bearer


@pytest.fixture
def events_url(databases: DatabaseFactory) -> str:
    return databases.fresh_url("events")


@pytest.fixture
def events_settings(events_url: str, tmp_path) -> EventsSettings:  # type: ignore[no-untyped-def]
    return EventsSettings(database_url=events_url, log_level="WARNING", mail_dir=str(tmp_path / "mail"))


@pytest.fixture
async def events_app(events_settings: EventsSettings) -> AsyncIterator:  # type: ignore[type-arg]
    app = create_app(events_settings)
    yield app
    await app.state.engine.dispose()


@pytest.fixture
async def events_client(events_app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    async with asgi_client(events_app) as client:
        yield client


@pytest.fixture
async def events_demo(events_app) -> None:  # type: ignore[no-untyped-def]
    from services.events.demo import load_demo

    assert await run_in_session(events_app, lambda s: load_demo(session=s))


STAFF = bearer("organiser")


def event_payload(**overrides: object) -> dict[str, object]:
    """A valid new event starting in ten days (times as UTC ISO strings)."""
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    body: dict[str, object] = {
        "title": {"fr": "Morning de test", "en": "Test Morning", "ar": "لقاء تجريبي"},
        "theme": {"fr": "Une question"},
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "venue": "Salle Atlas",
        "city": "Casablanca",
        "region_code": "MA-06",
        "capacity": 50,
    }
    body.update(overrides)
    return body


async def create_published_event(client: httpx.AsyncClient, **overrides: object) -> dict:  # type: ignore[type-arg]
    created = await client.post("/events", json=event_payload(**overrides), headers=STAFF)
    assert created.status_code == 201, created.text
    published = await client.post(f"/events/{created.json()['id']}/publish", headers=STAFF)
    assert published.status_code == 200, published.text
    return published.json()  # type: ignore[no-any-return]


def guest(n: int, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "name": f"Invité {n}",
        "email": f"guest{n}@example.ma",
        "organisation": "Coopérative test",
        "language": "fr",
        "consent": True,
    }
    body.update(overrides)
    return body


async def manage_token_of(app, event_id: int, email: str) -> str:  # type: ignore[no-untyped-def]
    """The guest's private link, as only their mailbox gets it (read from the database here)."""
    from sqlmodel import select

    from services.events.models import Rsvp

    async def read(session):  # type: ignore[no-untyped-def]
        found = await session.exec(
            select(Rsvp.manage_token).where(Rsvp.event_id == event_id, Rsvp.email_normalised == email.lower())
        )
        return found.one()

    return await run_in_session(app, read)  # type: ignore[no-any-return]


async def rsvp_and_confirm(client: httpx.AsyncClient, event_id: int, body: dict, **kw: object) -> dict:  # type: ignore[type-arg]
    """RSVP as a guest does: ask (202), then confirm from the link e-mailed; the RSVP as then shown."""
    asked = await client.post(f"/events/{event_id}/rsvps", json=body, **kw)  # type: ignore[arg-type]
    assert asked.status_code == 202, asked.text
    app = client._transport.app  # type: ignore[attr-defined]
    token = await manage_token_of(app, event_id, str(body["email"]))
    confirmed = await client.post(f"/rsvps/{token}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    return confirmed.json()  # type: ignore[no-any-return]


def manage_tokens_in(database_url: str, event_id: int) -> dict[str, str]:
    """e-mail -> manage token of every RSVP of the event, read straight from a server's database."""
    import sqlalchemy

    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sqlalchemy.text("SELECT email_normalised, manage_token FROM rsvp WHERE event_id = :event"),
                {"event": event_id},
            )
            return {email: token for email, token in rows}
    finally:
        engine.dispose()
