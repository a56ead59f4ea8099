"""Fixtures shared by the whole suite.

- ``databases``: fresh migrated databases per test (SQLite or PostgreSQL, see
  tests/support/databases.py and ``MIM_TEST_DB``).
- ``registry_app`` / ``registry_client``: the registry app on its own clean
  database, called in-process through httpx's ASGI transport.
- ``shared_stack``: the real API processes (registry, events, gateway, demo data
  loaded) started ONCE per pytest worker and shared by every module that needs
  no special settings (tests/gateway, tests/hardening). Tests sharing it isolate
  their data by making their own rows (unique slugs, e-mails, accounts, events)
  and never stop, freeze or reconfigure its processes; a test that does gets a
  stack of its own (``running_stack``).
- ``shared_frontend``: the website process in front of ``shared_stack``, started
  once per worker by the first test that needs a real website server.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

os.environ.setdefault("MIM_ENV", "test")
os.environ.setdefault("MIM_LOG_LEVEL", "WARNING")

from services.common.db import make_async_engine, make_sessionmaker, transaction
from tests.support.databases import DatabaseFactory
from tests.support.servers import RunningServer, start_process
from tests.support.stack import API_PROCESSES, SHARED_ENV, Stack, running_stack

# How the work is split over xdist workers (longest unit first, webhooks as one unit).
pytest_plugins = ["tests.support.scheduling"]


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path_factory.mktemp("databases"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def shared_stack(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """registry, events and gateway with demo data, once per worker (see the module docstring)."""
    logs = tmp_path_factory.mktemp("shared-stack-logs")
    with running_stack(databases, logs, processes=API_PROCESSES, extra_env=SHARED_ENV) as stack:
        yield stack


@pytest.fixture(scope="session")
def shared_frontend(shared_stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The website as a real process in front of the shared stack, on the port the stack's
    ``MIM_PUBLIC_URL`` names, started by the first test that needs it (browser tests, caching)."""
    if "frontend" in shared_stack.servers:
        yield shared_stack.servers["frontend"]
        return
    logs = tmp_path_factory.mktemp("shared-frontend-logs")
    port = int(shared_stack.env["FRONTEND_PORT"])
    server = start_process("frontend", env=shared_stack.env, log_dir=logs, port=port)
    shared_stack.servers["frontend"] = server
    try:
        yield server
    finally:
        server.stop()
        del shared_stack.servers["frontend"]


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    path = tmp_path / "logs"
    path.mkdir()
    return path


def asgi_client(app) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def run_in_session(app, fn):  # type: ignore[no-untyped-def]
    """Run ``fn(session)`` in one committed transaction against the app's database."""
    async with transaction(app.state.sessionmaker, write=True) as session:
        return await fn(session)


@pytest.fixture
def registry_url(databases: DatabaseFactory) -> str:
    return databases.fresh_url("registry")


@pytest.fixture
async def registry_app(registry_url: str) -> AsyncIterator:  # type: ignore[type-arg]
    from services.registry.config import RegistrySettings
    from services.registry.main import create_app

    app = create_app(RegistrySettings(database_url=registry_url, log_level="WARNING"))
    yield app
    await app.state.engine.dispose()


@pytest.fixture
async def registry_client(registry_app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    async with asgi_client(registry_app) as client:
        yield client


@pytest.fixture
async def registry_demo(registry_app) -> None:  # type: ignore[no-untyped-def]
    from services.registry.demo import load_demo

    await run_in_session(registry_app, lambda s: load_demo(session=s))


__all__ = ["asgi_client", "make_async_engine", "make_sessionmaker", "run_in_session"]
