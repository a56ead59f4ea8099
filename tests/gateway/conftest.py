"""Gateway fixtures: the real gateway in front of the real services, on free ports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.databases import DatabaseFactory
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


def _processes() -> tuple[str, ...]:
    try:
        import services.events.main  # noqa: F401
    except ModuleNotFoundError:
        return ("registry", "gateway")
    return ("registry", "events", "gateway")


PROCESSES = _processes()


@pytest.fixture(scope="module")
def platform(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """One platform shared by a module's read-mostly tests."""
    with running_stack(
        databases, tmp_path_factory.mktemp("logs"), processes=PROCESSES, extra_env=FAST_FAILURE_ENV
    ) as stack:
        yield stack


@pytest.fixture
def own_platform(databases: DatabaseFactory, log_dir: Path) -> Iterator[Stack]:
    """A platform of the test's own, for tests that stop or freeze a service."""
    with running_stack(databases, log_dir, processes=PROCESSES, extra_env=FAST_FAILURE_ENV) as stack:
        yield stack


@pytest.fixture
def gw(platform: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=platform.gateway, timeout=10) as client:
        yield client
