"""Gateway fixtures: the real gateway in front of the real services, on free ports."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.databases import DatabaseFactory
from tests.support.http import local_client
from tests.support.stack import Stack, running_stack

# Short time-outs so "down" and "slow" are proven in seconds; limits high except where tested.
FAST_FAILURE_ENV = {
    "GATEWAY_REGISTRY_TIMEOUT": "1.5",
    "GATEWAY_EVENTS_TIMEOUT": "1.5",
    "GATEWAY_CONNECT_TIMEOUT": "0.5",
    "GATEWAY_BREAKER_THRESHOLD": "3",
    "GATEWAY_BREAKER_RESET_SECONDS": "1",
    "GATEWAY_HEALTH_INTERVAL_SECONDS": "0.5",
    "GATEWAY_RATE_LIMIT_DEFAULT": "100000/minute",
    "GATEWAY_RATE_LIMIT_SIGNIN": "1000/minute",
    "GATEWAY_RATE_LIMIT_RSVP": "1000/minute",
}


PROCESSES = ("registry", "events", "gateway")


@pytest.fixture(scope="session")
def platform(shared_stack: Stack) -> Stack:
    """The session's shared platform (tests/conftest.py): tests here only read, or write rows
    of their own."""
    return shared_stack


@pytest.fixture(scope="module")
def own_platform(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A platform of the module's own, with short time-outs, for tests that stop or freeze a
    service; each such test brings the service back (and waits for it) before it ends. No demo
    data: these tests read the regions, which the registry's migrations write."""
    with running_stack(
        databases,
        tmp_path_factory.mktemp("logs"),
        processes=PROCESSES,
        demo=False,
        extra_env=FAST_FAILURE_ENV,
    ) as stack:
        yield stack


@pytest.fixture
def gw(platform: Stack) -> Iterator[httpx.Client]:
    with local_client(platform.gateway, timeout=60) as client:
        yield client


@pytest.fixture
def gateway_settings(databases: DatabaseFactory):  # type: ignore[no-untyped-def]
    from services.gateway.config import GatewaySettings
    from tests.support.servers import free_port

    nowhere = f"http://127.0.0.1:{free_port()}"
    return GatewaySettings(
        database_url=databases.fresh_url("gateway"),
        registry_url=nowhere,
        events_url=nowhere,
        log_level="WARNING",
        health_interval_seconds=60,
        rate_limit_default="100000/minute",
        rate_limit_signin="1000/minute",
    )


@pytest.fixture
async def gateway_app(gateway_settings):  # type: ignore[no-untyped-def]
    """The gateway in-process (lifespan run), its services pointing at a closed port."""
    from services.gateway.main import create_app

    app = create_app(gateway_settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(gateway_app):  # type: ignore[no-untyped-def]
    from tests.conftest import asgi_client

    async with asgi_client(gateway_app) as c:
        yield c


ADMIN_EMAIL = "admin@example.ma"
ADMIN_PASSWORD = "correct horse battery"


@pytest.fixture
async def admin_headers(gateway_app, client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from services.gateway import accounts
    from tests.conftest import run_in_session

    await run_in_session(
        gateway_app,
        lambda s: accounts.create_account(
            session=s, email=ADMIN_EMAIL, password=ADMIN_PASSWORD, role="admin"
        ),
    )
    response = await client.post("/api/auth/token", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
