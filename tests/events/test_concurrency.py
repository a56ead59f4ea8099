"""No overbooking: hundreds of guests at once, over real HTTP, at a real `mim serve events`.

With one worker process and with two (as compose.yaml deploys it): two processes admit their
own batches and only the database keeps them from giving out the same seat.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.events.conftest import STAFF, event_payload, guest, manage_tokens_in
from tests.support.databases import DatabaseFactory
from tests.support.servers import RunningServer, start_process, wait_until_healthy

GUESTS = 220
SEATS = 50
DUPLICATES = 30


@pytest.fixture(params=[1, 2], ids=["1-worker", "2-workers"])
def events_server(
    request: pytest.FixtureRequest, databases: DatabaseFactory, log_dir: Path
) -> Iterator[tuple[RunningServer, str]]:
    database_url = databases.fresh_url("events")
    server = start_process(
        "events",
        env={
            "EVENTS_DATABASE_URL": database_url,
            "EVENTS_LOG_LEVEL": "WARNING",
            "EVENTS_WORKERS": str(request.param),
        },
        log_dir=log_dir,
        wait=False,
    )
    try:
        # Generous: on a shared, loaded machine the interpreter alone can take many seconds to start.
        wait_until_healthy(server.url, timeout=120, process=server.process)
    except Exception:
        server.stop()
        raise
    yield server, database_url
    server.stop()


@pytest.mark.slow
@pytest.mark.long
async def test_concurrent_rsvps_never_overbook(events_server: tuple[RunningServer, str]) -> None:
    server, database_url = events_server
    # No keep-alive: on a loaded machine a pooled connection can outlive uvicorn's 5 s keep-alive
    # and be reset under the next request.
    limits = httpx.Limits(max_connections=GUESTS + DUPLICATES, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=server.url, timeout=60, limits=limits) as client:
        created = await client.post("/events", json=event_payload(capacity=SEATS), headers=STAFF)
        event_id = created.json()["id"]
        await client.post(f"/events/{event_id}/publish", headers=STAFF)

        # Every guest at once (each from their own address), plus some guests who double-click.
        bodies = [guest(n) for n in range(GUESTS)] + [guest(n) for n in range(DUPLICATES)]
        responses = await asyncio.gather(
            *(
                client.post(
                    f"/events/{event_id}/rsvps",
                    json=b,
                    headers={"X-Forwarded-For": f"10.0.{i // 200}.{i % 200 + 1}"},
                )
                for i, b in enumerate(bodies)
            )
        )
        assert {r.status_code for r in responses} == {202}, {r.status_code: r.text for r in responses}
        tokens = manage_tokens_in(database_url, event_id)
        assert len(tokens) == GUESTS, "one RSVP per e-mail, never a duplicate"
        counts = (await client.get(f"/events/{event_id}/counts", headers=STAFF)).json()
        assert (counts["confirmed"], counts["waitlisted"]) == (0, 0), "asking takes no seat"

        # Everyone confirms at once (and some twice): the seats go to the first to confirm.
        order = [tokens[f"guest{n}@example.ma"] for n in range(GUESTS)]
        confirms = await asyncio.gather(
            *(client.post(f"/rsvps/{t}/confirm") for t in order + order[:DUPLICATES])
        )
        assert {c.status_code for c in confirms} == {200}, {c.status_code: c.text for c in confirms}
        attendees = (await client.get(f"/events/{event_id}/attendees", headers=STAFF)).json()
        assert len(attendees) == GUESTS
        assert len({a["email"] for a in attendees}) == GUESTS
        confirmed = [a for a in attendees if a["status"] == "confirmed"]
        waitlisted = [a for a in attendees if a["status"] == "waitlisted"]
        assert len(confirmed) == SEATS
        assert len(waitlisted) == GUESTS - SEATS
        # Confirmation order: every confirmed guest confirmed before every waitlisted one.
        assert max(a["queue_position"] for a in confirmed) < min(a["queue_position"] for a in waitlisted)
        positions = sorted(waitlisted, key=lambda a: a["queue_position"])
        assert [a["waitlist_position"] for a in positions] == list(range(1, GUESTS - SEATS + 1))
        counts = (await client.get(f"/events/{event_id}/counts", headers=STAFF)).json()
        assert (counts["confirmed"], counts["waitlisted"]) == (SEATS, GUESTS - SEATS)

        # Several confirmed guests cancel at once: exactly the first waitlisted take their seats.
        by_email = {a["email"]: a for a in attendees}
        leaving = [tokens[a["email"]] for a in confirmed[:5]]
        cancels = await asyncio.gather(*(client.post(f"/rsvps/{t}/cancel") for t in leaving))
        assert all(c.status_code == 200 for c in cancels)
        after = (await client.get(f"/events/{event_id}/attendees", headers=STAFF)).json()
        now_confirmed = {a["rsvp_id"] for a in after if a["status"] == "confirmed"}
        assert len(now_confirmed) == SEATS
        assert {a["rsvp_id"] for a in positions[:5]} <= now_confirmed
        assert not {a["rsvp_id"] for a in positions[5:]} & now_confirmed
        assert by_email

        # Whichever worker answers /metrics, it counts every RSVP answered, by any worker.
        for _ in range(4):
            metrics = (await client.get("/metrics")).text
            answered = re.findall(
                r'^http_requests_total\{method="POST",route="/events/\{event_id\}/rsvps",'
                r'service="events",status="202"\} (\S+)$',
                metrics,
                re.MULTILINE,
            )
            assert sum(float(n) for n in answered) == GUESTS + DUPLICATES, answered
