"""The services behind the gateway: one pooled aiohttp client, time-outs and a circuit breaker.

aiohttp rather than httpx: measured on this machine, an httpx.AsyncClient proxy
managed about a tenth of aiohttp's throughput (see the gateway report).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import aiohttp

logger = logging.getLogger("mim.gateway.upstream")


class CircuitBreaker:
    """Closed -> (``threshold`` consecutive failures) -> open -> (after ``reset_after``) half-open.

    While open every call is refused at once; in half-open one trial call goes
    through and its outcome closes or re-opens the breaker. A successful health
    probe closes it too, so a service that comes back is used again by itself.
    """

    def __init__(self, *, threshold: int, reset_after: float) -> None:
        self.threshold = max(1, threshold)
        self.reset_after = reset_after
        self.failures = 0
        self.opened_at: float | None = None
        self.trial_in_flight = False

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return "closed"
        if self.trial_in_flight or time.monotonic() - self.opened_at >= self.reset_after:
            return "half-open"
        return "open"

    def allow(self) -> bool:
        if self.opened_at is None:
            return True
        if self.trial_in_flight or time.monotonic() - self.opened_at < self.reset_after:
            return False
        self.trial_in_flight = True
        return True

    def retry_after(self) -> int:
        if self.opened_at is None:
            return 1
        return max(1, round(self.reset_after - (time.monotonic() - self.opened_at)))

    def record_success(self) -> None:
        self.failures = 0
        self.opened_at = None
        self.trial_in_flight = False

    def record_failure(self) -> None:
        self.failures += 1
        if self.trial_in_flight or self.failures >= self.threshold:
            if self.opened_at is None:
                logger.warning("circuit opened", extra={"failures": self.failures})
            self.opened_at = time.monotonic()
        self.trial_in_flight = False


@dataclass
class Upstream:
    name: str
    base_url: str
    timeout: aiohttp.ClientTimeout
    breaker: CircuitBreaker
    seconds: float
    up: bool | None = None  # last health probe; None before the first
    openapi: dict[str, object] | None = field(default=None, repr=False)


def make_client_session(pool_size: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        limit=pool_size,
        limit_per_host=pool_size,
        keepalive_timeout=30,
        ttl_dns_cache=300,
        enable_cleanup_closed=False,
    )
    return aiohttp.ClientSession(
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=False,  # bytes pass through untouched, content-encoding kept
        skip_auto_headers=("User-Agent",),
        timeout=aiohttp.ClientTimeout(total=30),
    )


def make_upstream(
    name: str, base_url: str, seconds: float, *, connect: float, threshold: int, reset_after: float
) -> Upstream:
    return Upstream(
        name=name,
        base_url=base_url,
        seconds=seconds,
        # Only the TCP connect is bounded by `connect`: aiohttp's `connect` would also count
        # the wait for a free pooled connection, turning a burst into false 504s.
        timeout=aiohttp.ClientTimeout(total=seconds, sock_connect=connect),
        breaker=CircuitBreaker(threshold=threshold, reset_after=reset_after),
    )


async def probe(session: aiohttp.ClientSession, upstream: Upstream, *, seconds: float = 1.0) -> bool:
    """GET /healthz; True when the service answers 200."""
    try:
        async with session.get(
            upstream.base_url + "/healthz", timeout=aiohttp.ClientTimeout(total=seconds)
        ) as response:
            await response.read()
            return response.status == 200
    except (TimeoutError, aiohttp.ClientError, OSError):
        return False


async def fetch_openapi(
    session: aiohttp.ClientSession, upstream: Upstream, *, seconds: float = 3.0
) -> dict[str, object] | None:
    try:
        async with session.get(
            upstream.base_url + "/openapi.json", timeout=aiohttp.ClientTimeout(total=seconds)
        ) as response:
            if response.status != 200:
                return None
            document = await response.json(content_type=None)
    except (TimeoutError, aiohttp.ClientError, OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None
