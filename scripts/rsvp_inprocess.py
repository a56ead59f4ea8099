"""CPU time per RSVP inside the events app: bursts through its ASGI interface, no sockets.

    .venv/bin/python scripts/rsvp_inprocess.py [--guests 500] [--rounds 8] [--profile out.prof]

Migrates a throw-away SQLite database, then, per round, publishes a 100-seat event and runs
the double opt-in flow straight into the app (middleware, routing, validation, the database,
the answer): every guest's POST /events/{id}/rsvps at once (the admission desk: 202, no seat),
then each guest's token is read from the database (what their e-mail links to) and every
guest's POST /rsvps/{token}/confirm at once (the seat rule). Checks the seats are exact
(100 confirmed, the rest waitlisted, one RSVP per e-mail) and prints the CPU time of the
whole process (event loop and database threads) per request of each phase: the app's own
cost, without uvicorn, the sockets or a load generator. Every guest comes from one address,
so the service's own RSVP limits are raised for the run. With --profile, the second round
runs under cProfile (both phases).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI


async def call(app: FastAPI, method: str, path: str, body: Any = None, token: str = "") -> tuple[int, Any]:
    raw = json.dumps(body).encode() if body is not None else b""
    headers = [
        (b"host", b"events"),
        (b"content-type", b"application/json"),
        (b"content-length", b"%d" % len(raw)),
    ]
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }  # fmt: skip
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": raw, "more_body": False}
        await asyncio.Event().wait()  # no disconnect: the client waits for its answer
        raise AssertionError("unreachable")

    status, chunks = 0, []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, json.loads(b"".join(chunks) or b"null")


SEATS = 100


async def main(args: argparse.Namespace) -> None:
    from bench.scenarios import rsvp_rows
    from services.common.auth import issue_token
    from services.common.config import ServiceSettings
    from services.events.main import create_app

    app = create_app()
    staff = issue_token(ServiceSettings(), sub="bench", role="organiser")
    database_url = os.environ["EVENTS_DATABASE_URL"]
    per_ask: list[float] = []
    per_confirm: list[float] = []
    async with app.router.lifespan_context(app):
        for round_ in range(args.rounds):
            starts = datetime.now(UTC) + timedelta(days=5)
            event = {
                "title": {"fr": f"Round {round_}"},
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=2)).isoformat(),
                "capacity": SEATS,
            }
            _, created = await call(app, "POST", "/events", event, staff)
            await call(app, "POST", f"/events/{created['id']}/publish", None, staff)
            guests = [
                {"name": f"Guest {n}", "email": f"g{n}.r{round_}@example.ma", "consent": True}
                for n in range(args.guests)
            ]
            profiler = cProfile.Profile() if args.profile and round_ == 1 else None
            if profiler:
                profiler.enable()
            cpu = time.process_time()
            asked = await asyncio.gather(
                *(call(app, "POST", f"/events/{created['id']}/rsvps", g) for g in guests)
            )
            per_ask.append((time.process_time() - cpu) / args.guests * 1000)
            if profiler:
                profiler.disable()
            if {status for status, _ in asked} != {202}:
                sys.exit(f"round {round_}: asks answered {sorted({s for s, _ in asked})}")
            rows = rsvp_rows(database_url, created["id"])
            tokens = {row["email_normalised"]: row["manage_token"] for row in rows}
            if len(rows) != args.guests or len(tokens) != args.guests:
                sys.exit(f"round {round_}: {len(rows)} RSVPs recorded for {args.guests} guests")
            links = [tokens[g["email"].lower()] for g in guests]
            if profiler:
                profiler.enable()
            cpu = time.process_time()
            answers = await asyncio.gather(*(call(app, "POST", f"/rsvps/{t}/confirm") for t in links))
            per_confirm.append((time.process_time() - cpu) / args.guests * 1000)
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.profile)
            statuses = {status for status, _ in answers}
            confirmed = sum(1 for status, a in answers if status == 200 and a["status"] == "confirmed")
            waitlisted = sum(1 for status, a in answers if status == 200 and a["status"] == "waitlisted")
            _, counts = await call(app, "GET", f"/events/{created['id']}/counts", None, staff)
            if (
                statuses != {200}
                or (confirmed, waitlisted) != (SEATS, args.guests - SEATS)
                or (counts["confirmed"], counts["waitlisted"]) != (SEATS, args.guests - SEATS)
                or len({a["id"] for _, a in answers}) != args.guests
            ):
                sys.exit(
                    f"round {round_}: {confirmed} confirmed, {waitlisted} waitlisted, statuses "
                    f"{sorted(statuses)}, the service counts {counts}"
                )
    for phase, values in (("ask", per_ask), ("confirm", per_confirm)):
        print(
            f"CPU per {phase} over {args.rounds} rounds of {args.guests}: "
            f"median {statistics.median(values):.3f} ms, min {min(values):.3f}, max {max(values):.3f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--guests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--profile", help="write a cProfile of the second round here")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "events.db"
        os.environ["EVENTS_DATABASE_URL"] = f"sqlite:///{db}"
        os.environ.setdefault("MIM_LOG_LEVEL", "WARNING")
        # Every guest comes from this one address (the ASGI scope's client): raise the service's
        # own limits, as the bench does.
        os.environ.setdefault("EVENTS_RSVP_PER_CLIENT_LIMIT", "100000000")
        os.environ.setdefault("EVENTS_RSVP_PENDING_CAP", "100000000")
        subprocess.run([sys.executable, "-m", "services.cli", "migrate", "events"], check=True)
        asyncio.run(main(arguments))
