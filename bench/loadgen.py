"""Load generators: wrk for fixed-time GET scenarios, an aiohttp client for the RSVP burst.

wrk (C, epoll, Debian package) is used for every read scenario: it costs far
less CPU per request than any Python client, which matters when the load
generator shares 2 cores with the servers it measures, and its latency
histogram (HdrHistogram) gives exact percentiles. A Lua script
(bench/report.lua) rotates the request paths and prints the numbers as JSON.

The RSVP burst is not a fixed-time load but 500 distinct guests arriving at
once, each with a unique e-mail, and its outcome must be checked per response
(confirmed or waitlisted). That is an asyncio aiohttp client that opens one
connection per guest, fires all of them together, times each request itself
(perf_counter around the request and the body read) and reads every answer.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

LUA_SCRIPT = Path(__file__).with_name("report.lua")


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    return found


def wrk_version() -> str:
    out = subprocess.run([wrk_binary(), "-v"], capture_output=True, text=True, check=False)
    return (out.stdout or out.stderr).splitlines()[0].strip()


@dataclass
class LoadResult:
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    non_2xx: int
    socket_errors: int
    timeouts: int
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "extra"}
        data.update(self.extra)
        return data


def run_wrk(
    base_url: str,
    paths: list[str],
    *,
    duration: float,
    connections: int,
    threads: int,
    headers: dict[str, str] | None = None,
    timeout_s: int = 5,
) -> LoadResult:
    args = [
        wrk_binary(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        f"--timeout={timeout_s}s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
    ]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    args += [base_url + paths[0], "--", *paths]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=duration + 60, check=False)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stdout[-1500:]} {proc.stderr[-1500:]}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = data["duration_us"] / 1e6
    lat = data["latency_us"]
    errors = data["errors"]
    return LoadResult(
        requests=data["requests"],
        seconds=round(seconds, 2),
        requests_per_s=round(data["requests"] / seconds, 1) if seconds else 0.0,
        p50_ms=lat["p50"] / 1000,
        p95_ms=lat["p95"] / 1000,
        p99_ms=lat["p99"] / 1000,
        max_ms=lat["max"] / 1000,
        mean_ms=round(lat["mean"] / 1000, 3),
        non_2xx=errors["status"],
        socket_errors=errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        timeouts=errors["timeout"],
    )


def _percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]


async def _burst(
    url: str,
    guests: int,
    body: Callable[[int], dict[str, Any]],
    headers: dict[str, str],
    timeout_s: float,
) -> tuple[float, list[tuple[int, float, int | None, dict[str, Any] | None, str | None]]]:
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=timeout_s)
    results: list[tuple[int, float, int | None, dict[str, Any] | None, str | None]] = []
    gate = asyncio.Event()

    async with aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers) as session:

        async def guest(i: int) -> None:
            payload = body(i)
            await gate.wait()
            t0 = time.perf_counter()
            try:
                async with session.post(url, json=payload) as resp:
                    text = await resp.read()
                    elapsed = time.perf_counter() - t0
                    try:
                        parsed = json.loads(text) if text else None
                    except ValueError:
                        parsed = None
                    results.append((i, elapsed, resp.status, parsed, None))
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                results.append((i, time.perf_counter() - t0, None, None, type(exc).__name__))

        tasks = [asyncio.create_task(guest(i)) for i in range(guests)]
        await asyncio.sleep(0)  # every task is parked on the gate
        started = time.perf_counter()
        gate.set()
        await asyncio.gather(*tasks)
        wall = time.perf_counter() - started
    return wall, results


def run_burst(
    url: str,
    *,
    guests: int,
    body: Callable[[int], dict[str, Any]],
    headers: dict[str, str] | None = None,
    status_of: Callable[[dict[str, Any]], str | None],
    timeout_s: float = 60,
) -> LoadResult:
    """Fire ``guests`` POSTs at once; count statuses from each answer's body."""
    wall, results = asyncio.run(_burst(url, guests, body, headers or {}, timeout_s))
    latencies = sorted(r[1] * 1000 for r in results)
    ok = [r for r in results if r[2] is not None and 200 <= r[2] < 300]
    outcome = Counter(status_of(r[3]) if r[3] else None for r in ok)
    codes = Counter(str(r[2]) for r in results if r[2] is not None)
    failures = Counter(r[4] for r in results if r[4])
    return LoadResult(
        requests=len(results),
        seconds=round(wall, 3),
        requests_per_s=round(len(ok) / wall, 1) if wall else 0.0,
        p50_ms=round(_percentile(latencies, 50), 2),
        p95_ms=round(_percentile(latencies, 95), 2),
        p99_ms=round(_percentile(latencies, 99), 2),
        max_ms=round(latencies[-1], 2) if latencies else 0.0,
        mean_ms=round(statistics.fmean(latencies), 2) if latencies else 0.0,
        non_2xx=sum(1 for r in results if r[2] is not None and not 200 <= r[2] < 300),
        socket_errors=sum(failures.values()),
        timeouts=failures.get("TimeoutError", 0) + failures.get("ServerTimeoutError", 0),
        extra={
            "outcomes": {str(k): v for k, v in outcome.items()},
            "status_codes": dict(codes),
            "failures": dict(failures),
            "answers": [(r[0], r[3]) for r in sorted(ok, key=lambda r: r[0])],
        },
    )
