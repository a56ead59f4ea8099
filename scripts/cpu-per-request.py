"""CPU time each process spends per request, from /proc, while N requests run 8 at a time.

    .venv/bin/python scripts/cpu-per-request.py URL 1000 PID[,PID...] ["Header: value"]
    e.g. URL = http://127.0.0.1:8080/exporters, PIDs of the website, gateway and registry

CPU time per request barely moves when other work shares the machine, unlike requests/s.
"""

from __future__ import annotations

import asyncio
import sys
import time

import aiohttp

from bench.infra import cpu_seconds


async def main(url: str, count: int, pids: list[int], headers: dict[str, str]) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(20):  # warm-up
            async with http.get(url, headers=headers) as response:
                await response.read()
        before = [cpu_seconds(pid) for pid in pids]
        started = time.perf_counter()
        gate = asyncio.Semaphore(8)
        failed = 0

        async def one() -> None:
            nonlocal failed
            async with gate, http.get(url, headers=headers) as response:
                await response.read()
                failed += response.status != 200

        await asyncio.gather(*(one() for _ in range(count)))
        elapsed = time.perf_counter() - started
        after = [cpu_seconds(pid) for pid in pids]
    spent = zip(pids, after, before, strict=True)
    per_pid = " ".join(f"pid {p}: {(a - b) / count * 1000:.2f} ms/request" for p, a, b in spent)
    print(f"{per_pid} | {count / elapsed:.0f} requests/s, non-200: {failed}")


if __name__ == "__main__":
    extra = dict([sys.argv[4].split(": ", 1)]) if len(sys.argv) > 4 else {}
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), [int(p) for p in sys.argv[3].split(",")], extra))
