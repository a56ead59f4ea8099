"""Measure the website's gateway client: aiohttp vs httpx, same requests, same server.

Usage: .venv/bin/python scripts/measure-frontend-client.py URL [seconds] [concurrency]
e.g.   .venv/bin/python scripts/measure-frontend-client.py \
         'http://127.0.0.1:8001/exporters?per_page=12' 5 16
Prints requests/s for each client (noisy on a shared machine: run it twice).
"""

from __future__ import annotations

import asyncio
import sys
import time

import aiohttp
import httpx


async def _run(fetch, seconds: float, concurrency: int) -> float:  # type: ignore[no-untyped-def]
    done = 0
    stop = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal done
        while time.monotonic() < stop:
            await fetch()
            done += 1

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done / (time.monotonic() - started)


async def main(url: str, seconds: float, concurrency: int) -> None:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:

        async def aio() -> None:
            async with session.get(url) as resp:
                await resp.read()

        print(f"aiohttp: {await _run(aio, seconds, concurrency):8.0f} req/s")
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(limits=limits) as client:

        async def hx() -> None:
            (await client.get(url)).read()

        print(f"httpx:   {await _run(hx, seconds, concurrency):8.0f} req/s")


if __name__ == "__main__":
    asyncio.run(
        main(
            sys.argv[1],
            float(sys.argv[2]) if len(sys.argv) > 2 else 5,
            int(sys.argv[3]) if len(sys.argv) > 3 else 16,
        )
    )
