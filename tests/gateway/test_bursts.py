"""Bursts through the gateway, against a real stand-in service (tests/gateway/slow_upstream.py).

The rule (services/gateway/README.md, "Bursts"): at most GATEWAY_<SERVICE>_MAX_IN_FLIGHT
requests at a service at once, the next ones queue at the gateway (bounded in length and in
time) and the upstream time-out runs from the moment a request leaves the queue; a full queue
is a 503 with Retry-After that does not count against the service; the circuit breaker opens
on connection failures and on a service's own 5xx, not on a busy service.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.support.databases import DatabaseFactory
from tests.support.http import http
from tests.support.servers import PROJECT_ROOT, free_port
from tests.support.stack import Stack, running_stack
from tests.support.waiting import wait_until

# Bursts are among the long tests (pyproject's `long` marker): a gateway and a stand-in service
# per test, and seconds of queueing by design; `make test` runs them, `make test-fast` does not.
pytestmark = pytest.mark.long

BASE_ENV = {
    "GATEWAY_REGISTRY_TIMEOUT": "1.5",
    "GATEWAY_CONNECT_TIMEOUT": "0.5",
    "GATEWAY_BREAKER_THRESHOLD": "3",
    "GATEWAY_BREAKER_RESET_SECONDS": "1",
    "GATEWAY_HEALTH_INTERVAL_SECONDS": "0.5",
    "GATEWAY_RATE_LIMIT_DEFAULT": "1000000/minute",
    "GATEWAY_WEBHOOK_DISPATCH_INTERVAL_SECONDS": "0",
}


class SlowUpstream:
    def __init__(self, log_dir: Path, *, delay: float, status: int = 200, port: int | None = None) -> None:
        self.port = port or free_port()
        self.delay, self.status, self.log_dir = delay, status, log_dir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = (self.log_dir / f"slow-upstream-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.gateway.slow_upstream", "--port", str(self.port),
             "--delay", str(self.delay), "--status", str(self.status)],
            cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(self._healthy, 60, interval=0.1, message="the stand-in service did not start")

    def _healthy(self) -> bool:
        assert self.process is not None and self.process.poll() is None, "the stand-in service exited"
        try:
            return http.get(f"{self.url}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def stats(self) -> dict[str, int]:
        return dict(http.get(f"{self.url}/stats", timeout=5).json())


@contextmanager
def gateway_in_front(
    databases: DatabaseFactory, log_dir: Path, upstream: SlowUpstream, env: dict[str, str]
) -> Iterator[Stack]:
    extra = {**BASE_ENV, **env, "GATEWAY_REGISTRY_URL": upstream.url}
    with running_stack(databases, log_dir, processes=("gateway",), demo=False, extra_env=extra) as stack:
        yield stack


async def _burst(url: str, count: int, method: str = "GET") -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        return await asyncio.gather(*(client.request(method, f"{url}?guest={i}") for i in range(count)))


def burst(url: str, count: int, method: str = "GET") -> list[httpx.Response]:
    return asyncio.run(_burst(url, count, method))


def test_a_burst_at_a_slow_service_queues_at_the_gateway_and_every_request_is_answered(
    databases: DatabaseFactory, log_dir: Path
) -> None:
    """48 requests of 0.4 s each with 4 at a time take ~5 s, far over the 1.5 s upstream
    time-out: without the queue most would be 504s and the breaker would open."""
    upstream = SlowUpstream(log_dir, delay=0.4)
    upstream.start()
    try:
        env = {"GATEWAY_REGISTRY_MAX_IN_FLIGHT": "4", "GATEWAY_REGISTRY_WRITE_TIMEOUT": "1.5"}
        with gateway_in_front(databases, log_dir, upstream, env) as stack:
            for method in ("GET", "POST"):  # a read, then a write (its own time-out)
                before = upstream.stats()["served"]
                answers = burst(f"{stack.gateway}/api/registry/things", 48, method)
                assert [a.status_code for a in answers] == [200] * 48, {a.status_code for a in answers}
                stats = upstream.stats()
                assert stats["served"] - before == 48
                assert stats["max_in_flight"] == 4  # the limit held, and was used
                # A busy service is not a dead one: the circuit is closed, the next call goes through.
                started = time.monotonic()
                assert http.get(f"{stack.gateway}/api/registry/after", timeout=10).status_code == 200
                assert time.monotonic() - started >= 0.35  # it reached the service
    finally:
        upstream.stop()


def test_a_full_queue_is_a_503_with_retry_after_and_the_service_stays_in_use(
    databases: DatabaseFactory, log_dir: Path
) -> None:
    upstream = SlowUpstream(log_dir, delay=1.5)
    upstream.start()
    try:
        env = {
            "GATEWAY_REGISTRY_TIMEOUT": "5",
            "GATEWAY_REGISTRY_MAX_IN_FLIGHT": "2",
            "GATEWAY_UPSTREAM_QUEUE_SIZE": "4",
        }
        with gateway_in_front(databases, log_dir, upstream, env) as stack:
            answers = burst(f"{stack.gateway}/api/registry/things", 20)
            statuses = sorted(a.status_code for a in answers)
            # 2 at the service and 4 waiting; the others are refused at once (a request that
            # finished early may have made room for one or two more on a slow machine).
            assert set(statuses) == {200, 503}, statuses
            assert 6 <= statuses.count(200) <= 8, statuses
            for refused in (a for a in answers if a.status_code == 503):
                assert refused.headers["content-type"] == "application/problem+json"
                assert refused.headers["retry-after"] == "2"
                problem = refused.json()
                assert problem["service"] == "registry"
                assert problem["code"] == "service-unavailable"
                assert "overloaded" in problem["detail"]
            assert upstream.stats()["max_in_flight"] == 2
            # Refusals are not failures of the service: the next request is served.
            assert http.get(f"{stack.gateway}/api/registry/after", timeout=10).status_code == 200
    finally:
        upstream.stop()


def test_a_request_that_waits_too_long_in_the_queue_is_a_503(
    databases: DatabaseFactory, log_dir: Path
) -> None:
    upstream = SlowUpstream(log_dir, delay=1.0)
    upstream.start()
    try:
        env = {
            "GATEWAY_REGISTRY_TIMEOUT": "5",
            "GATEWAY_REGISTRY_MAX_IN_FLIGHT": "1",
            "GATEWAY_UPSTREAM_QUEUE_SECONDS": "1.5",
        }
        with gateway_in_front(databases, log_dir, upstream, env) as stack:
            started = time.monotonic()
            answers = burst(f"{stack.gateway}/api/registry/things", 6)
            elapsed = time.monotonic() - started
            statuses = [a.status_code for a in answers]
            assert set(statuses) == {200, 503}, statuses
            # The first is served at once, the second after 1 s of waiting; the third would wait 2 s.
            assert 2 <= statuses.count(200) <= 3, statuses
            assert all("waited 1.5 s" in a.json()["detail"] for a in answers if a.status_code == 503)
            assert elapsed < 6  # nobody waited for the whole queue
    finally:
        upstream.stop()


def _circuit_open_count(gateway: str) -> float:
    text = http.get(f"{gateway}/metrics", timeout=5).text
    total = 0.0
    for line in text.splitlines():
        if line.startswith("gateway_upstream_requests_total{") and 'status="circuit-open"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_a_dead_service_opens_the_breaker_and_it_closes_when_the_service_is_back(
    databases: DatabaseFactory, log_dir: Path
) -> None:
    upstream = SlowUpstream(log_dir, delay=0.0)
    upstream.start()
    try:
        with gateway_in_front(databases, log_dir, upstream, {}) as stack:
            url = f"{stack.gateway}/api/registry/things"
            assert http.get(url, timeout=10).status_code == 200
            upstream.stop()
            for _ in range(6):
                started = time.monotonic()
                response = http.get(url, timeout=10)
                assert response.status_code == 503
                assert "retry-after" in response.headers
                assert time.monotonic() - started < 1.5
            assert _circuit_open_count(stack.gateway) >= 1  # the breaker answered, not the connect
            upstream.start()  # same port
            wait_until(
                lambda: http.get(url, timeout=10).status_code == 200,
                15,
                interval=0.2,
                message="the gateway did not use the service again",
            )
    finally:
        upstream.stop()


def test_a_service_answering_500s_opens_the_breaker(databases: DatabaseFactory, log_dir: Path) -> None:
    upstream = SlowUpstream(log_dir, delay=0.0, status=500)
    upstream.start()
    try:
        # No health probe during the test: it would close the breaker (the stand-in's /healthz is fine).
        env = {"GATEWAY_HEALTH_INTERVAL_SECONDS": "600", "GATEWAY_BREAKER_RESET_SECONDS": "30"}
        with gateway_in_front(databases, log_dir, upstream, env) as stack:
            url = f"{stack.gateway}/api/registry/things"
            served = upstream.stats()["served"]  # the gateway's look at /openapi.json at start-up
            assert [http.get(url, timeout=10).status_code for _ in range(3)] == [500, 500, 500]
            refused = http.get(url, timeout=10)
            assert refused.status_code == 503
            assert refused.json()["service"] == "registry"
            assert _circuit_open_count(stack.gateway) == 1
            assert upstream.stats()["served"] == served + 3  # the fourth never reached it
    finally:
        upstream.stop()
