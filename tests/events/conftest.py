"""Fixtures for the events service: the app on its own clean database, in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.events.config import EventsSettings
from services.events.main import create_app
from tests.conftest import asgi_client, run_in_session
from tests.support.databases import DatabaseFactory


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
