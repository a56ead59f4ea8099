"""Rate limits per client: fixed windows, in memory or in Redis (through the ``limits`` library).

A rate is written ``"<count>/<period>"`` with period ``second``, ``minute``,
``hour`` or a number of seconds (``"5/10"``). Windows are fixed: one counter per
client and rule (one Redis round trip per request); a client can burst up to
twice the count across a window boundary. Over the rate, the answer says how many
seconds are left in the window (Retry-After).

In Redis (shared by gateway replicas) the windows are the ``limits`` library's
(a ``limits`` item of ``count`` per ``period`` seconds; keys
``mim:rl:<rule>/<client>/...`` that expire with their window, which opens with a
client's first request). The fail-open policy around Redis (let requests
through, warn once a minute) is the gateway's own: ``limits`` has none. In
memory the windows stay hand-written: see :class:`MemoryLimiter` for why.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Protocol

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.storage.redis.redispy import RedispyBridge
from limits.aio.strategies import FixedWindowRateLimiter

logger = logging.getLogger("mim.gateway.limits")

_PERIODS = {"s": 1, "second": 1, "m": 60, "minute": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    period: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        try:
            count_text, _, period_text = text.strip().partition("/")
            count = int(count_text)
            period_text = period_text.strip().lower() or "second"
            period = _PERIODS[period_text] if period_text in _PERIODS else int(period_text)
        except (ValueError, KeyError) as exc:
            raise ValueError(f"rate must look like '10/minute', not {text!r}") from exc
        if count < 1 or period < 1:
            raise ValueError(f"rate must be positive: {text!r}")
        return cls(count=count, period=period)


class Limiter(Protocol):
    async def hit(self, rule: str, rate: Rate, client: str) -> int | None:
        """Count one request; the seconds to wait when over the rate, else None."""

    async def close(self) -> None: ...


class MemoryLimiter:
    """One process's counters (the default: a single gateway), hand-written on purpose.

    Measured against ``limits.aio.storage.MemoryStorage`` with ``FixedWindowRateLimiter``
    (limits 5.8; 20,000 ``hit`` calls on one rule, ``await asyncio.sleep(0)`` between them
    as a server yields to its loop; the shared 2-core dev box): 19 us/hit here against
    127 us with 100 clients, and 24 us against 3,789 us with 10,000 clients. The library
    schedules a sweep of every key after each hit (its sync storage sweeps every 10 ms in
    a thread), so many client addresses would make the limiter itself the bottleneck.
    This one sweeps finished windows once a minute. Its windows are aligned to the clock
    (Redis windows open with a client's first request); both answer Retry-After with the
    seconds left.
    """

    def __init__(self) -> None:
        # (rule, client) -> (end of the current window, requests counted in it)
        self._windows: dict[tuple[str, str], tuple[float, int]] = {}
        self._next_sweep = time.monotonic() + 60

    async def hit(self, rule: str, rate: Rate, client: str) -> int | None:
        now = time.time()
        key = (rule, client)
        current = self._windows.get(key)
        if current is not None and now < current[0]:
            end, count = current[0], current[1] + 1
        else:
            end, count = (int(now // rate.period) + 1) * rate.period, 1
        self._windows[key] = (end, count)
        if time.monotonic() > self._next_sweep:
            self._sweep(now)
        if count > rate.count:
            return max(1, math.ceil(end - now))
        return None

    def _sweep(self, now: float) -> None:
        # Forget windows that are over (bounded memory under many client IPs).
        self._next_sweep = time.monotonic() + 60
        for key in [k for k, (end, _) in self._windows.items() if end <= now]:
            del self._windows[key]

    async def close(self) -> None:
        self._windows.clear()


class RedisLimiter:
    """Counters in Redis, so every gateway replica sees the same totals.

    When Redis cannot answer (down, unreachable, or slower than its 0.5 s
    time-outs) the request is let through: fail open, since refusing everyone
    would turn a Redis outage into an outage of the whole API. A warning is
    logged when that starts and then at most once a minute while it lasts.
    """

    WARN_EVERY = 60.0
    KEY_PREFIX = "mim:rl"

    def __init__(self, url: str) -> None:
        self._storage = RedisStorage(
            _limits_uri(url),
            implementation="redispy",
            key_prefix=self.KEY_PREFIX,
            socket_timeout=0.5,
            socket_connect_timeout=0.5,
        )
        self._windows = FixedWindowRateLimiter(self._storage)
        self._failing_since: float | None = None
        self._next_warning = 0.0
        self._skipped = 0

    async def hit(self, rule: str, rate: Rate, client: str) -> int | None:
        item = RateLimitItemPerSecond(rate.count, rate.period, namespace=rule)
        try:
            retry_after = await self._retry_after(item, client)
        except Exception as exc:  # Redis down: let traffic through rather than refuse everyone.
            self._unavailable(exc)
            return None
        if self._failing_since is not None:
            self._recovered()
        return retry_after

    async def _retry_after(self, item: RateLimitItem, client: str) -> int | None:
        if await self._windows.hit(item, client):
            return None
        reset_at, _remaining = await self._windows.get_window_stats(item, client)
        return max(1, math.ceil(reset_at - time.time()))

    def _unavailable(self, exc: Exception) -> None:
        clock = time.monotonic()
        if self._failing_since is None:
            self._failing_since = clock
        self._skipped += 1
        if clock >= self._next_warning:
            self._next_warning = clock + self.WARN_EVERY
            logger.warning(
                "rate limiter unavailable: requests are not counted (fail open)",
                extra={
                    "error": type(exc).__name__,
                    "uncounted": self._skipped,
                    "down_seconds": round(clock - self._failing_since, 1),
                },
            )

    def _recovered(self) -> None:
        assert self._failing_since is not None
        logger.info(
            "rate limiter is back",
            extra={
                "uncounted": self._skipped,
                "down_seconds": round(time.monotonic() - self._failing_since, 1),
            },
        )
        self._failing_since = None
        self._next_warning = 0.0
        self._skipped = 0

    async def close(self) -> None:
        # limits has no close(); its redis-py bridge keeps the client as ``storage``.
        bridge = self._storage.bridge
        if isinstance(bridge, RedispyBridge):
            await bridge.storage.aclose()


def _limits_uri(url: str) -> str:
    """``redis://...`` as ``limits`` spells it (``async+redis://...``, ``async+redis+unix://...``)."""
    if url.startswith("unix://"):
        return "async+redis+unix://" + url.removeprefix("unix://")
    return "async+" + url


def make_limiter(redis_url: str) -> Limiter:
    return RedisLimiter(redis_url) if redis_url else MemoryLimiter()
