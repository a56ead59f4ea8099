"""CPU time per RSVP inside the events app: bursts through its ASGI interface, no sockets.

    .venv/bin/python scripts/rsvp_inprocess.py [--guests 500] [--rounds 8] [--profile out.prof]

Migrates a throw-away SQLite database, then, per round, publishes a 100-seat event and sends
every guest's POST /events/{id}/rsvps at once straight into the app (middleware, routing,
validation, the admission desk, the database, the answer). Prints the CPU time of the whole
process (event loop and database threads) per RSVP: the app's own cost, without uvicorn,
the sockets or a load generator. With --profile, the second round runs under cProfile.
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


async def main(args: argparse.Namespace) -> None:
    from services.common.auth import issue_token
    from services.common.config import ServiceSettings
    from services.events.main import create_app

    app = create_app()
    staff = issue_token(ServiceSettings(), sub="bench", role="organiser")
    per_rsvp: list[float] = []
    async with app.router.lifespan_context(app):
        for round_ in range(args.rounds):
            starts = datetime.now(UTC) + timedelta(days=5)
            event = {
                "title": {"fr": f"Round {round_}"},
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=2)).isoformat(),
                "capacity": 100,
            }
            _, created = await call(app, "POST", "/events", event, staff)
            await call(app, "POST", f"/events/{created['id']}/publish", None, staff)
            guests = [
                {"name": f"Guest {n}", "email": f"g{n}.r{round_}@example.ma", "consent": True}
                for n in range(args.guests)
            ]
            profiler = cProfile.Profile() if args.profile and round_ == 1 else None
            cpu = time.process_time()
            if profiler:
                profiler.enable()
            answers = await asyncio.gather(
                *(call(app, "POST", f"/events/{created['id']}/rsvps", g) for g in guests)
            )
            if profiler:
                profiler.disable()
                profiler.dump_stats(args.profile)
            per_rsvp.append((time.process_time() - cpu) / args.guests * 1000)
            confirmed = sum(1 for status, a in answers if status == 201 and a["status"] == "confirmed")
            if confirmed != 100 or any(status != 201 for status, _ in answers):
                sys.exit(f"round {round_}: {confirmed} confirmed, statuses {sorted({s for s, _ in answers})}")
    print(
        f"CPU per RSVP over {args.rounds} rounds of {args.guests}: "
        f"median {statistics.median(per_rsvp):.3f} ms, min {min(per_rsvp):.3f}, max {max(per_rsvp):.3f}"
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
        subprocess.run([sys.executable, "-m", "services.cli", "migrate", "events"], check=True)
        asyncio.run(main(arguments))
