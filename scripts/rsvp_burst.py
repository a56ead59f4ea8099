"""A double opt-in burst of concurrent guests at one event, against a running events server.

    EVENTS_RSVP_PER_CLIENT_LIMIT=100000000 EVENTS_RSVP_PENDING_CAP=100000000 .venv/bin/mim serve events &
    .venv/bin/python scripts/rsvp_burst.py --url http://127.0.0.1:8002 --guests 500 --seats 100 \
        [--database-url sqlite:///var/events.db] [--repeat 5] [--pid PID[,PID...]]

Every guest comes from this one address, so the server must run with its own RSVP limits
raised (per client address, and pending RSVPs per event) as above; a 429 answer says so.

Creates and publishes an event (organiser token minted locally with MIM_JWT_SECRET), then
one round of the double opt-in flow with the bench's burst client (bench/loadgen.py: one
connection per guest): every guest asks at once (202, no seat), each guest's confirm token
is read from the server's events database (``--database-url``, default the server's own,
$EVENTS_DATABASE_URL or var/events.db: the token its e-mail links to), then every guest
confirms at once. Prints, per phase, throughput and latency percentiles; then the confirmed /
waitlisted split read back from the server and whether the seats are exact. With --pid, also
the CPU time the server processes spent per request in each phase (from /proc) and the
client's own: unlike the wall time, CPU time barely moves when something else shares this
noisy machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from bench.infra import cpu_seconds
from bench.scenarios import rsvp_round_at_new_event
from services.events.config import EventsSettings


def _phase_line(name: str, data: dict[str, Any]) -> str:
    return (
        f"{name}: statuses={data['status_codes']} failures={data['failures'] or 0} "
        f"elapsed={data['seconds']:.2f}s throughput={data['requests_per_s']:.0f}/s "
        f"p50={data['p50_ms']:.0f}ms p95={data['p95_ms']:.0f}ms p99={data['p99_ms']:.0f}ms "
        f"max={data['max_ms']:.0f}ms"
    )


def burst(args: argparse.Namespace, pids: list[int]) -> tuple[float, float]:
    cpu: dict[str, float] = {}
    client: dict[str, float] = {}

    def mark(phase: str) -> None:
        cpu[phase] = sum(map(cpu_seconds, pids))
        client[phase] = time.process_time()

    event, data = rsvp_round_at_new_event(
        args.url, guests=args.guests, seats=args.seats, database_url=args.database_url, mark=mark
    )
    ask = data["ask"]
    print(f"guests={args.guests} seats={args.seats} event={event['id']}")
    print(_phase_line("asks", ask) + f" taken={data['accepted']} recorded={data['recorded']}")
    if "429" in ask["status_codes"]:
        print(
            "  429: the server's own RSVP limits refused this one address; restart it with "
            "EVENTS_RSVP_PER_CLIENT_LIMIT and EVENTS_RSVP_PENDING_CAP raised (see the docstring)",
            file=sys.stderr,
        )
    print(_phase_line("confirms", data))
    counts = data["server_seats"]
    print(
        f"confirmed={counts.get('confirmed')} waitlisted={counts.get('waitlisted')} "
        f"(answers: {data['confirmed']} confirmed, {data['waitlisted']} waitlisted) "
        f"exact={data['exact']} complete={data['complete']}"
    )
    if not data["exact"]:
        print(f"  failed checks: {[k for k, ok in data['checks'].items() if not ok]}")
    if pids:
        for name, before, after, requests in (
            ("asks", "start", "asked", ask["requests"]),
            ("confirms", "asked", "confirmed", data["requests"]),
        ):
            spent = cpu[after] - cpu[before]
            print(
                f"{name}: server cpu={spent:.2f}s per request={spent / max(1, requests) * 1000:.2f}ms "
                f"client cpu={client[after] - client[before]:.2f}s"
            )
    return ask["p99_ms"], data["p99_ms"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument(
        "--database-url",
        default=EventsSettings().effective_database_url,
        help="the server's events database, where the confirm tokens are read "
        "(default: $EVENTS_DATABASE_URL or var/events.db)",
    )
    parser.add_argument("--guests", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1, help="rounds, each at a new event")
    parser.add_argument("--pid", default="", help="server PIDs whose CPU time is read around each phase")
    args = parser.parse_args()
    pids = [int(p) for p in args.pid.split(",") if p]
    p99s = [burst(args, pids) for _ in range(args.repeat)]
    if len(p99s) > 1:
        for name, values in (("asks", [a for a, _ in p99s]), ("confirms", [c for _, c in p99s])):
            print(
                f"{name} p99 over {len(values)} rounds: median {statistics.median(values):.0f} ms, "
                f"min {min(values):.0f}, max {max(values):.0f}"
            )


if __name__ == "__main__":
    main()
