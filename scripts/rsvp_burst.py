"""A burst of concurrent guests at one event, against a running events server.

    .venv/bin/python scripts/rsvp_burst.py --url http://127.0.0.1:8002 --guests 500 --seats 100

Creates and publishes an event (organiser token minted locally with MIM_JWT_SECRET),
fires every RSVP at once with aiohttp, and prints throughput, latency percentiles
and the confirmed / waitlisted split read back from the server.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta

import aiohttp

from services.common.auth import issue_token
from services.common.config import ServiceSettings


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--guests", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    args = parser.parse_args()
    staff = {"Authorization": "Bearer " + issue_token(ServiceSettings(), sub="bench", role="organiser")}
    starts = datetime.now(UTC) + timedelta(days=5)
    connector = aiohttp.TCPConnector(limit=args.guests)
    async with aiohttp.ClientSession(args.url, connector=connector) as http:
        body = {
            "title": {"fr": f"Burst {uuid.uuid4().hex[:6]}"},
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "capacity": args.seats,
        }
        async with http.post("/events", json=body, headers=staff) as r:
            event_id = (await r.json())["id"]
        async with http.post(f"/events/{event_id}/publish", headers=staff) as r:
            assert r.status == 200

        latencies: list[float] = []
        statuses: dict[int, int] = {}

        async def one(n: int) -> None:
            guest = {"name": f"Guest {n}", "email": f"g{n}@example.ma", "consent": True}
            t0 = time.perf_counter()
            async with http.post(f"/events/{event_id}/rsvps", json=guest) as r:
                await r.read()
                statuses[r.status] = statuses.get(r.status, 0) + 1
            latencies.append(time.perf_counter() - t0)

        started = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(args.guests)))
        elapsed = time.perf_counter() - started
        async with http.get(f"/events/{event_id}/counts", headers=staff) as r:
            counts = await r.json()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    print(f"guests={args.guests} seats={args.seats} statuses={statuses}")
    print(f"elapsed={elapsed:.2f}s throughput={args.guests / elapsed:.0f} RSVPs/s")
    p50, p95, p99, worst = (round(x * 1000) for x in (q[49], q[94], q[98], latencies[-1]))
    print(f"p50={p50}ms p95={p95}ms p99={p99}ms max={worst}ms")
    print(f"confirmed={counts['confirmed']} waitlisted={counts['waitlisted']}")


if __name__ == "__main__":
    asyncio.run(main())
