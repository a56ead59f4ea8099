"""Rate limits per client: fixed windows, in memory or in Redis (shared by gateway replicas).

A rate is written ``"<count>/<period>"`` with period ``second``, ``minute``,
``hour`` or a number of seconds (``"5/10"``). A fixed window lets a client
burst up to twice the count across a window boundary; that is the price of one
counter and one round trip per request.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Protocol

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
    """One process's counters (the default: a single gateway)."""

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

    def __init__(self, url: str) -> None:
        import redis.asyncio as redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._failing_since: float | None = None
        self._next_warning = 0.0
        self._skipped = 0

    async def hit(self, rule: str, rate: Rate, client: str) -> int | None:
        now = time.time()
        window = int(now // rate.period)
        key = f"mim:rl:{rule}:{client}:{window}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, rate.period + 1)
                count, _ = await pipe.execute()
        except Exception as exc:  # Redis down: let traffic through rather than refuse everyone.
            self._unavailable(exc)
            return None
        if self._failing_since is not None:
            self._recovered()
        if int(count) > rate.count:
            return max(1, math.ceil((window + 1) * rate.period - now))
        return None

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
        await self._redis.aclose()


def make_limiter(redis_url: str) -> Limiter:
    return RedisLimiter(redis_url) if redis_url else MemoryLimiter()
