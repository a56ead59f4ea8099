"""A burst of concurrent guests at one event, against a running events server.

    .venv/bin/python scripts/rsvp_burst.py --url http://127.0.0.1:8002 --guests 500 --seats 100 \
        [--repeat 5] [--pid PID[,PID...]]

Creates and publishes an event (organiser token minted locally with MIM_JWT_SECRET), fires
every RSVP at once with the bench's burst client (bench/loadgen.py: one connection per
guest), and prints throughput, latency percentiles and the confirmed / waitlisted split
read back from the server. With --pid, also the CPU time the server processes spent per
RSVP during the burst (from /proc) and the client's own: unlike the wall time, CPU time
barely moves when something else shares this noisy machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from bench.infra import cpu_seconds
from bench.loadgen import run_burst
from bench.scenarios import rsvp_body, rsvp_status
from services.common.auth import issue_token
from services.common.config import ServiceSettings


def burst(args: argparse.Namespace, pids: list[int]) -> float:
    staff = {"Authorization": "Bearer " + issue_token(ServiceSettings(), sub="bench", role="organiser")}
    starts = datetime.now(UTC) + timedelta(days=5)
    tag = uuid.uuid4().hex[:6]
    with httpx.Client(base_url=args.url, headers=staff, timeout=30) as http:
        event = (
            http.post(
                "/events",
                json={
                    "title": {"fr": f"Burst {tag}"},
                    "starts_at": starts.isoformat(),
                    "ends_at": (starts + timedelta(hours=2)).isoformat(),
                    "capacity": args.seats,
                },
            )
            .raise_for_status()
            .json()
        )
        http.post(f"/events/{event['id']}/publish").raise_for_status()
        cpu_before, client_before = sum(map(cpu_seconds, pids)), time.process_time()
        result = run_burst(
            f"{args.url}/events/{event['id']}/rsvps",
            guests=args.guests,
            body=rsvp_body(tag),
            status_of=rsvp_status,
        )
        cpu, client_cpu = sum(map(cpu_seconds, pids)) - cpu_before, time.process_time() - client_before
        counts = http.get(f"/events/{event['id']}/counts").raise_for_status().json()
    print(
        f"guests={args.guests} seats={args.seats} statuses={result.extra['status_codes']} "
        f"failures={result.extra['failures'] or 0}"
    )
    print(f"elapsed={result.seconds:.2f}s throughput={result.requests_per_s:.0f} RSVPs/s")
    print(
        f"p50={result.p50_ms:.0f}ms p95={result.p95_ms:.0f}ms p99={result.p99_ms:.0f}ms "
        f"max={result.max_ms:.0f}ms"
    )
    print(f"confirmed={counts['confirmed']} waitlisted={counts['waitlisted']}")
    if pids:
        print(f"server cpu={cpu:.2f}s per RSVP={cpu / args.guests * 1000:.2f}ms client cpu={client_cpu:.2f}s")
    return result.p99_ms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--guests", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1, help="bursts, each at a new event")
    parser.add_argument("--pid", default="", help="server PIDs whose CPU time is read around the burst")
    args = parser.parse_args()
    pids = [int(p) for p in args.pid.split(",") if p]
    p99s = [burst(args, pids) for _ in range(args.repeat)]
    if len(p99s) > 1:
        print(
            f"p99 over {len(p99s)} bursts: median {statistics.median(p99s):.0f} ms, "
            f"min {min(p99s):.0f}, max {max(p99s):.0f}"
        )


if __name__ == "__main__":
    main()
