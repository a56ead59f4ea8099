"""Rate limits shared through a real Redis by several real gateway processes.

Two `mim serve gateway` processes (one database, one Redis) must spend one
budget between them; without Redis each process counts alone. When Redis is
down or frozen the gateway lets requests through (fail open, a logged warning)
and counts again once Redis is back: never a 500, never a hang.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack, ExitStack
from pathlib import Path

import httpx
import pytest
import redis

from services.gateway.config import GatewaySettings
from services.gateway.limits import Rate, RedisLimiter
from services.gateway.main import create_app
from tests.conftest import asgi_client
from tests.gateway.conftest import ADMIN_EMAIL
from tests.support.databases import DatabaseFactory
from tests.support.http import http
from tests.support.redis_server import RedisServer, redis_server
from tests.support.servers import RunningServer, free_port, start_process, wait_until_healthy

pytestmark = pytest.mark.slow

SIGN_IN = "/api/auth/token"
WRONG = {"email": ADMIN_EMAIL, "password": "not the password"}
PERIOD = 3600  # "3/hour": a window boundary inside a test is avoided by _clear_of_window_edge


def _gateway_env(database_url: str, redis_url: str) -> dict[str, str]:
    nowhere = f"http://127.0.0.1:{free_port()}"  # the services are not needed for sign-in
    return {
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_REGISTRY_URL": nowhere,
        "GATEWAY_EVENTS_URL": nowhere,
        "GATEWAY_LOG_LEVEL": "WARNING",
        "GATEWAY_HEALTH_INTERVAL_SECONDS": "60",
        "GATEWAY_RATE_LIMIT_DEFAULT": "100000/minute",
        "GATEWAY_RATE_LIMIT_SIGNIN": "3/hour",
        "GATEWAY_REDIS_URL": redis_url,
        # These tests count per client address; every one signs in wrongly as the same account,
        # whose own back-off (tests/gateway/test_signin_backoff.py) would answer first.
        "GATEWAY_SIGNIN_BACKOFF_AFTER": "1000000",
    }


def _gateways(count: int, *, env: dict[str, str], log_dir: Path, stack: ExitStack) -> list[RunningServer]:
    """Start ``count`` gateway processes side by side; each is stopped when ``stack`` closes."""
    servers = []
    for _ in range(count):
        server = start_process("gateway", env=env, log_dir=log_dir, wait=False)
        stack.callback(server.stop)
        servers.append(server)
    for server in servers:
        try:
            wait_until_healthy(server.url, process=server.process)
        except Exception:
            raise RuntimeError(f"gateway did not start:\n{server.log()[-4000:]}") from None
    return servers


def _clear_of_window_edge() -> None:
    """Wait out the last 30 s of an hour window so a test's requests share one window."""
    left = PERIOD - time.time() % PERIOD
    if left < 30:
        time.sleep(left + 0.5)


def _sign_in(gateway: RunningServer, client_ip: str, timeout: float = 30) -> httpx.Response:
    # The tests talk from 127.0.0.1, a trusted proxy: X-Forwarded-For names the client.
    return http.post(
        f"{gateway.url}{SIGN_IN}", json=WRONG, headers={"X-Forwarded-For": client_ip}, timeout=timeout
    )


def _assert_too_many(response: httpx.Response) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert 1 <= int(response.headers["retry-after"]) <= PERIOD
    body = response.json()
    assert body["status"] == 429 and "sign-in" in body["detail"]


@pytest.fixture(scope="module")
def shared(
    databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RedisServer, list[RunningServer]]]:
    """Two gateway processes on one database, both pointed at one Redis.

    The gateways start before Redis does: a gateway must start (and serve) while
    Redis is unreachable, then use it once it answers.
    """
    with redis_server(started=False) as server, ExitStack() as stack:
        env = _gateway_env(databases.fresh_url("gateway"), server.url)
        gateways = _gateways(2, env=env, log_dir=tmp_path_factory.mktemp("logs"), stack=stack)
        server.start()
        yield server, gateways


def test_two_gateways_spend_one_shared_budget(shared: tuple[RedisServer, list[RunningServer]]) -> None:
    server, (a, b) = shared
    _clear_of_window_edge()
    client = "203.0.113.10"
    # Three attempts spread over both processes use up the budget of 3 per hour...
    assert [_sign_in(g, client).status_code for g in (a, b, a)] == [401, 401, 401]
    # ...so the next one is refused by either process, though each has seen fewer than 3.
    _assert_too_many(_sign_in(b, client))
    _assert_too_many(_sign_in(a, client))
    # Another client still has its own budget; the count lives in Redis.
    assert _sign_in(b, "203.0.113.11").status_code == 401
    counters = redis.Redis(port=server.port)
    try:
        keys = counters.keys(f"mim:rl:sign-in/ip:{client}/*")
        assert len(keys) == 1 and int(counters.get(keys[0])) == 5  # type: ignore[arg-type]
        assert 0 < counters.ttl(keys[0]) <= PERIOD + 1  # type: ignore[operator]
    finally:
        counters.close()


async def test_without_redis_each_gateway_counts_alone(
    databases: DatabaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: two gateways on one database, the same requests, no Redis, let more attempts
    through. The two run in-process (lifespan and all), each with its own memory as two processes
    have: starting two more processes would prove nothing more."""
    for name, value in _gateway_env(databases.fresh_url("gateway"), "").items():
        monkeypatch.setenv(name, value)
    settings = GatewaySettings()  # read from the environment, as the process reads it
    assert settings.redis_url == "" and settings.rate_limit_signin == "3/hour"
    async with AsyncExitStack() as stack:
        apps = [create_app(settings) for _ in range(2)]
        for app in apps:
            await stack.enter_async_context(app.router.lifespan_context(app))
        a, b = [await stack.enter_async_context(asgi_client(app)) for app in apps]
        _clear_of_window_edge()
        client = "203.0.113.20"

        async def sign_in(gateway: httpx.AsyncClient) -> httpx.Response:
            return await gateway.post(SIGN_IN, json=WRONG, headers={"X-Forwarded-For": client})

        # Five attempts where the shared budget allowed three: each gateway has seen at most 3.
        assert [(await sign_in(g)).status_code for g in (a, b, a, b, a)] == [401] * 5
        # Each gateway alone still enforces its 3.
        _assert_too_many(await sign_in(a))


def test_a_frozen_redis_lets_requests_through_quickly(
    shared: tuple[RedisServer, list[RunningServer]],
) -> None:
    server, (a, _b) = shared
    _clear_of_window_edge()
    client = "203.0.113.30"
    server.pause()
    try:
        for _ in range(4):  # over the budget of 3, yet all pass: nothing can count them
            started = time.monotonic()
            assert _sign_in(a, client).status_code == 401
            assert time.monotonic() - started < 10  # the limiter gives up after its 0.5 s time-out
    finally:
        server.resume()
    assert "rate limiter unavailable" in a.log()


def test_redis_down_fails_open_and_counting_resumes_when_it_is_back(
    shared: tuple[RedisServer, list[RunningServer]],
) -> None:
    server, (a, b) = shared
    _clear_of_window_edge()
    client = "203.0.113.40"
    server.stop()
    try:
        # Nothing listens on the Redis port: requests pass (no 429, no 500), a warning is logged.
        assert [_sign_in(g, client).status_code for g in (a, b, a, b)] == [401] * 4
        assert "rate limiter unavailable" in b.log()
        assert http.get(f"{a.url}/healthz", timeout=30).status_code == 200
    finally:
        server.start()  # empty again: no persistence
    # The same processes count in Redis again as soon as it answers.
    assert [_sign_in(g, client).status_code for g in (a, b, a)] == [401, 401, 401]
    _assert_too_many(_sign_in(b, client))


async def test_limiter_warns_once_per_outage_and_says_when_it_is_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The limiter alone: no log line per request while Redis is away, one when it is back."""
    with redis_server(started=False) as server:
        limiter = RedisLimiter(server.url)
        rate = Rate.parse("2/hour")
        try:
            with caplog.at_level(logging.INFO, logger="mim.gateway.limits"):
                assert [await limiter.hit("r", rate, "c") for _ in range(5)] == [None] * 5
                warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
                assert len(warnings) == 1 and "fail open" in warnings[0].getMessage()
                server.start()
                _clear_of_window_edge()
                assert [await limiter.hit("r", rate, "c") for _ in range(3)][2] is not None
                back = [r for r in caplog.records if r.getMessage() == "rate limiter is back"]
                assert len(back) == 1 and back[0].uncounted == 5  # type: ignore[attr-defined]
                caplog.clear()
                server.stop()
                assert await limiter.hit("r", rate, "c") is None  # a new outage warns at once
                assert [r.levelno for r in caplog.records] == [logging.WARNING]
        finally:
            await limiter.close()
