"""The services behind the gateway: connection pools, time-outs, admission and a breaker.

Proxied requests go through :mod:`services.gateway.http1` (one :class:`~services.gateway.http1.Pool`
of keep-alive connections per service; its docstring has the measurement against aiohttp);
the health probes, OpenAPI fetches and the webhook feeds use one aiohttp session
(:func:`make_client_session`). aiohttp rather than httpx there: measured on this machine, an
httpx.AsyncClient proxy managed about a tenth of aiohttp's throughput (see the gateway report).

What happens under a burst (the rule is written in services/gateway/README.md): at most
``max_in_flight`` requests are at a service at once; the next ones wait in a bounded FIFO
queue at the gateway (:class:`Admission`), and a request's upstream time-out starts when it
leaves the queue. A full queue, or a wait longer than ``queue_seconds``, is a 503 with
Retry-After that says nothing bad about the service: only connection failures, broken answers,
a service's own 5xx (but 503, its "busy") and time-outs while the service finished nothing else
count towards the circuit breaker.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass, field

import aiohttp

from services.gateway.http1 import Origin, Pool

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


class Overloaded(Exception):
    """No room for the request at the service: the gateway's queue for it is full, or the
    request waited there longer than allowed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Admission:
    """At most ``limit`` requests at the service at once; the others wait their turn, first come
    first served, at most ``queue_limit`` of them and each at most ``queue_seconds``.

    A free place is handed from the request that leaves straight to the oldest waiter, so a
    newcomer never overtakes the queue.
    """

    def __init__(self, *, limit: int, queue_limit: int, queue_seconds: float) -> None:
        self.limit = max(1, limit)
        self.queue_limit = max(0, queue_limit)
        self.queue_seconds = queue_seconds
        self.in_flight = 0
        self.queued = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def enter(self) -> None:
        """Wait for a place (raises :class:`Overloaded`); pair every return with :meth:`leave`."""
        if self.in_flight < self.limit and not self._waiters:
            self.in_flight += 1
            return
        if self.queued >= self.queue_limit:
            raise Overloaded("queue-full")
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.append(waiter)
        self.queued += 1
        expiry = loop.call_later(self.queue_seconds, _expire, waiter)
        try:
            await waiter  # leave() passed its place on to us: in_flight already counts us
        except BaseException:
            # Handed a place just as we gave up (cancelled): pass it on.
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self.leave()
            raise
        finally:
            self.queued -= 1
            expiry.cancel()

    def leave(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self.in_flight -= 1


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(Overloaded("queue-timeout"))


@dataclass
class Upstream:
    name: str
    base_url: str
    breaker: CircuitBreaker
    seconds: float  # the time-out of a read (GET, HEAD, OPTIONS): from leaving the queue to the answer's end
    # Writes (POST, PUT, PATCH, DELETE) may take longer than reads: an RSVP confirm under a burst.
    write_seconds: float = 0.0
    # Only the TCP connect: not the wait for a place (that is the admission queue's).
    connect_seconds: float = 1.0
    admission: Admission = field(
        default_factory=lambda: Admission(limit=64, queue_limit=1000, queue_seconds=60.0)
    )
    # When the service last gave an answer (monotonic): a time-out while it answered others is
    # a busy service, not a dead one.
    last_answer_at: float = 0.0
    up: bool | None = None  # last health probe; None before the first
    openapi: dict[str, object] | None = field(default=None, repr=False)
    # The proxy's keep-alive connections to the service: opened by the gateway's start-up
    # (it needs the running loop), closed at shut-down.
    pool: Pool | None = field(default=None, repr=False)

    def seconds_for(self, method: str) -> float:
        """The time-out of a call: a read's, or a write's (which may take longer)."""
        return self.seconds if method in _READS else self.write_seconds

    def open_pool(self, *, keepalive: float = 30.0) -> Pool:
        self.pool = Pool(Origin(self.base_url), keepalive=keepalive)
        return self.pool

    def close_pool(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.close()


_READS = frozenset({"GET", "HEAD", "OPTIONS"})


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
        skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),  # only what the client sent
        timeout=aiohttp.ClientTimeout(total=30),
    )


def make_upstream(
    name: str,
    base_url: str,
    seconds: float,
    *,
    connect: float,
    threshold: int,
    reset_after: float,
    write_seconds: float | None = None,
    max_in_flight: int = 64,
    max_queue: int = 1000,
    queue_seconds: float = 60.0,
) -> Upstream:
    write_seconds = max(seconds, write_seconds if write_seconds is not None else seconds)
    return Upstream(
        name=name,
        base_url=base_url,
        seconds=seconds,
        write_seconds=write_seconds,
        connect_seconds=connect,
        breaker=CircuitBreaker(threshold=threshold, reset_after=reset_after),
        admission=Admission(limit=max_in_flight, queue_limit=max_queue, queue_seconds=queue_seconds),
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
