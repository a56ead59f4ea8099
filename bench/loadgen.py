"""Load generators: wrk for fixed-time GET scenarios, an aiohttp client for the RSVP burst.

wrk (C, epoll, Debian package) is used for every read scenario: it costs far
less CPU per request than any Python client, which matters when the load
generator shares 2 cores with the servers it measures, and its latency
histogram (HdrHistogram) gives exact percentiles. A Lua script
(bench/report.lua) rotates the request paths and prints the numbers as JSON.

The RSVP burst is not a fixed-time load but 500 distinct guests arriving at
once, and its outcome must be checked per response. With double opt-in it has two
phases: every guest asks at once (POST /events/{id}/rsvps, 202 "check your inbox"),
then every guest confirms at once with the token of their e-mail
(POST /rsvps/{token}/confirm: confirmed or waitlisted). Each phase is an asyncio
client on uvloop that opens one connection per guest, fires all of them together,
times each request itself (from before the connection is opened to the last byte
of the answer) and reads every answer. It writes each request as bytes and parses
the answer with httptools (the C parser uvicorn uses): an aiohttp client spent about
0.7 ms of CPU per guest, which on 2 shared cores is time taken from the server it
measures.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import SplitResult, urlsplit

import httptools
import uvloop

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
    log_file: Path | None = None,
    start: int = 1,
    prefix: str = "",
    max_requests: int = 0,
) -> LoadResult:
    """wrk against ``paths`` in rotation, or against the lines of ``log_file`` from line ``start``,
    each after ``prefix`` (e.g. the gateway's /api/registry). ``max_requests`` > 0: the run ends
    as soon as a thread has that many answers, or after ``duration``, whichever comes first."""
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
    if log_file is not None:
        args += [base_url + paths[0], "--", f"@{log_file}", str(start), str(threads), prefix]
    else:
        args += [base_url + paths[0], "--", *paths]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if max_requests > 0:
        returncode, stdout, stderr = _wrk_until(args, max_requests, timeout=duration + 60)
    else:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=duration + 60, check=False)
        returncode, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    line = next((x for x in stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({returncode}): {stdout[-1500:]} {stderr[-1500:]}")
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
        extra={"load_generator_cpu_s": round(wrk_cpu, 3)},
    )


def _wrk_until(args: list[str], max_requests: int, *, timeout: float) -> tuple[int, str, str]:
    """wrk with BENCH_MAX_REQUESTS: SIGINT at its first BENCH_REACHED line (bench/report.lua).

    wrk ignores SIGINT until its threads are started, then takes it as the end of the run: it
    stops every thread and prints its report as at the end of ``-d``. (A SIGINT that came too
    early is ignored: the run then lasts its full duration.)"""
    env = {**os.environ, "BENCH_MAX_REQUESTS": str(max_requests)}
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            assert proc.stdout is not None and proc.stderr is not None
            lines: list[str] = []
            for line in proc.stdout:
                lines.append(line)
                if line.strip() == "BENCH_REACHED" and proc.poll() is None:
                    proc.send_signal(signal.SIGINT)
            stderr = proc.stderr.read()
            returncode = proc.wait()
        finally:
            watchdog.cancel()
    return returncode, "".join(lines), stderr


def _percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    rank = max(0, min(len(sorted_values) - 1, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]


@dataclass
class _Answer:
    index: int
    seconds: float
    status: int | None = None
    body: dict[str, Any] | None = None
    error: str | None = None


class _GuestConnection(asyncio.Protocol):
    """One guest: a connection of its own, one HTTP/1.1 request, the whole answer."""

    def __init__(self, request: bytes, done: asyncio.Future[tuple[int, bytes]]) -> None:
        self._request = request
        self._done = done
        self._parser = httptools.HttpResponseParser(self)
        self._body = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)
        self._transport.write(self._request)

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._finish(error=exc)

    def eof_received(self) -> bool | None:
        return None  # close; connection_lost settles an unfinished answer

    def connection_lost(self, exc: Exception | None) -> None:
        self._finish(error=exc or ConnectionResetError("connection closed before the answer"))

    # httptools callbacks
    def on_body(self, body: bytes) -> None:
        self._body += body

    def on_message_complete(self) -> None:
        self._finish(result=(self._parser.get_status_code(), bytes(self._body)))

    def _finish(self, *, result: tuple[int, bytes] | None = None, error: BaseException | None = None) -> None:
        if not self._done.done():
            if result is not None:
                self._done.set_result(result)
            else:
                self._done.set_exception(error or ConnectionError("no answer"))
        if self._transport is not None:
            self._transport.close()


def _request_bytes(url: SplitResult, payload: dict[str, Any] | None, headers: dict[str, str]) -> bytes:
    """A POST with a JSON body, or with an empty one when ``payload`` is None."""
    body = json.dumps(payload).encode() if payload is not None else b""
    lines = [
        f"POST {url.path or '/'}{'?' + url.query if url.query else ''} HTTP/1.1",
        f"Host: {url.netloc}",
        *(["Content-Type: application/json"] if payload is not None else []),
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _burst(
    url: str | Callable[[int], str],
    guests: int,
    body: Callable[[int], dict[str, Any] | None],
    headers: dict[str, str],
    timeout_s: float,
) -> tuple[float, list[_Answer]]:
    loop = asyncio.get_running_loop()
    targets = [urlsplit(url(i) if callable(url) else url) for i in range(guests)]
    host = (targets[0].hostname or "127.0.0.1") if targets else "127.0.0.1"
    port = (targets[0].port or 80) if targets else 80
    requests = [_request_bytes(targets[i], body(i), headers) for i in range(guests)]
    results: list[_Answer] = []
    gate = asyncio.Event()

    async def guest(i: int) -> None:
        await gate.wait()
        t0 = time.perf_counter()
        done: asyncio.Future[tuple[int, bytes]] = loop.create_future()
        try:
            async with asyncio.timeout(timeout_s):
                await loop.create_connection(lambda: _GuestConnection(requests[i], done), host, port)
                status, raw = await done
        except (TimeoutError, OSError, httptools.HttpParserError) as exc:
            results.append(_Answer(i, time.perf_counter() - t0, error=type(exc).__name__))
            return
        elapsed = time.perf_counter() - t0
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        results.append(_Answer(i, elapsed, status, parsed if isinstance(parsed, dict) else None))

    tasks = [asyncio.create_task(guest(i)) for i in range(guests)]
    await asyncio.sleep(0)  # every task is parked on the gate
    started = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    return time.perf_counter() - started, results


def no_body(_i: int) -> None:
    """An empty POST body (the confirm burst)."""
    return None


def run_burst(
    url: str | Callable[[int], str],
    *,
    guests: int,
    body: Callable[[int], dict[str, Any] | None] = no_body,
    headers: dict[str, str] | None = None,
    status_of: Callable[[dict[str, Any]], str | None],
    timeout_s: float = 60,
) -> LoadResult:
    """Fire ``guests`` POSTs at once; count statuses from each answer's body.

    ``url`` is one URL for every guest, or guest index -> URL (same host and port for all:
    the confirm burst, where each guest has a link of their own).
    """
    wall, results = uvloop.run(_burst(url, guests, body, headers or {}, timeout_s))
    latencies = sorted(r.seconds * 1000 for r in results)
    ok = [r for r in results if r.status is not None and 200 <= r.status < 300]
    outcome = Counter(status_of(r.body) if r.body else None for r in ok)
    codes = Counter(str(r.status) for r in results if r.status is not None)
    failures = Counter(r.error for r in results if r.error)
    return LoadResult(
        requests=len(results),
        seconds=round(wall, 3),
        requests_per_s=round(len(ok) / wall, 1) if wall else 0.0,
        p50_ms=round(_percentile(latencies, 50), 2),
        p95_ms=round(_percentile(latencies, 95), 2),
        p99_ms=round(_percentile(latencies, 99), 2),
        max_ms=round(latencies[-1], 2) if latencies else 0.0,
        mean_ms=round(statistics.fmean(latencies), 2) if latencies else 0.0,
        non_2xx=sum(1 for r in results if r.status is not None and not 200 <= r.status < 300),
        socket_errors=sum(failures.values()),
        timeouts=failures.get("TimeoutError", 0),
        extra={
            "outcomes": {str(k): v for k, v in outcome.items()},
            "status_codes": dict(codes),
            "failures": dict(failures),
            "answers": [(r.index, r.body) for r in sorted(ok, key=lambda r: r.index)],
        },
    )
