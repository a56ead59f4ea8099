"""Check-in at the door, QR codes, attendee exports, and calendar files across Ramadan."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from icalendar import Calendar

from services.events.clock import CASABLANCA
from tests.events.conftest import STAFF, create_published_event, event_payload, guest, rsvp_and_confirm
from tests.support.servers import PROJECT_ROOT
from tests.support.waiting import wait_until


async def test_check_in_once_then_already_checked_in(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=1)
    confirmed = await rsvp_and_confirm(events_client, event["id"], guest(1))
    waitlisted = await rsvp_and_confirm(events_client, event["id"], guest(2))
    token = confirmed["checkin_token"]
    assert waitlisted["checkin_token"] is None

    first = await events_client.post(f"/events/{event['id']}/checkins", json={"token": token}, headers=STAFF)
    assert first.status_code == 200 and first.json()["result"] == "checked_in"
    at = datetime.fromisoformat(first.json()["checked_in_at"]).astimezone(CASABLANCA).strftime("%H:%M")
    second = await events_client.post(
        f"/events/{event['id']}/checkins", json={"token": f"MIM-CHECKIN:{token}"}, headers=STAFF
    )
    assert second.status_code == 200
    assert second.json()["result"] == "already_checked_in"
    assert second.json()["message"] == f"Already checked in at {at}."

    counts = (await events_client.get(f"/events/{event['id']}/counts", headers=STAFF)).json()
    assert (counts["confirmed"], counts["waitlisted"], counts["checked_in"]) == (1, 1, 1)
    unknown = await events_client.post(
        f"/events/{event['id']}/checkins", json={"token": "x" * 43}, headers=STAFF
    )
    assert unknown.status_code == 404
    assert (
        await events_client.post(f"/events/{event['id']}/checkins", json={"token": token})
    ).status_code == 401


async def test_qr_code_only_for_confirmed_guests(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=1)
    confirmed = await rsvp_and_confirm(events_client, event["id"], guest(1))
    waitlisted = await rsvp_and_confirm(events_client, event["id"], guest(2))
    svg = await events_client.get(f"/rsvps/{confirmed['manage_token']}/qr.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    png = await events_client.get(f"/rsvps/{confirmed['manage_token']}/qr.png")
    assert png.content.startswith(b"\x89PNG")
    # No entry pass for a waitlisted guest (see test_rsvp_trust.py for erased, cancelled, past).
    assert (await events_client.get(f"/rsvps/{waitlisted['manage_token']}/qr.svg")).status_code == 410
    assert (await events_client.get(f"/rsvps/{'y' * 43}/qr.svg")).status_code == 404


async def test_attendee_exports_neutralise_formulas(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    await rsvp_and_confirm(
        events_client, event["id"], guest(1, name='=HYPERLINK("http://evil")', organisation="@SUM(A1)")
    )
    await rsvp_and_confirm(events_client, event["id"], guest(2, organisation="-2+3"))
    exported = await events_client.get(f"/events/{event['id']}/attendees.csv", headers=STAFF)
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == ['\'=HYPERLINK("http://evil")', "Invité 2"]
    assert [r["organisation"] for r in rows] == ["'@SUM(A1)", "'-2+3"]
    as_json = (await events_client.get(f"/events/{event['id']}/attendees", headers=STAFF)).json()
    assert as_json[0]["name"] == '=HYPERLINK("http://evil")'  # JSON keeps the data as given
    assert (await events_client.get(f"/events/{event['id']}/attendees.csv")).status_code == 401


def _vevent(ics: bytes):  # type: ignore[no-untyped-def]
    calendar = Calendar.from_ical(ics)
    (vevent,) = [c for c in calendar.walk("VEVENT")]
    return calendar, vevent


async def test_ics_times_are_right_in_and_out_of_ramadan(events_client: httpx.AsyncClient) -> None:
    # tzdata: in 2027 Morocco is on UTC+0 from 7 February to 14 March (Ramadan), UTC+1 otherwise.
    in_ramadan = datetime(2027, 2, 20, 9, 0, tzinfo=CASABLANCA)
    outside = datetime(2027, 6, 10, 9, 0, tzinfo=CASABLANCA)
    assert in_ramadan.utcoffset() == timedelta(0) and outside.utcoffset() == timedelta(hours=1)
    ids = []
    for start in (in_ramadan, outside):
        created = await events_client.post(
            "/events",
            json=event_payload(
                starts_at=start.isoformat(), ends_at=(start + timedelta(hours=2)).isoformat(), series=None
            ),
            headers=STAFF,
        )
        ids.append(created.json()["id"])
        await events_client.post(f"/events/{ids[-1]}/publish", headers=STAFF)
        assert created.json()["local"]["starts_at"].startswith(start.strftime("%Y-%m-%dT09:00"))

    for event_id, utc_hour in zip(ids, (9, 8), strict=True):
        response = await events_client.get(f"/events/{event_id}/calendar.ics")
        assert response.headers["content-type"].startswith("text/calendar")
        calendar, vevent = _vevent(response.content)
        assert b"TZID=Africa/Casablanca" in response.content
        assert [c["TZID"] for c in calendar.walk("VTIMEZONE")] == ["Africa/Casablanca"]
        start = vevent.decoded("DTSTART")
        assert (start.hour, start.minute) == (9, 0)
        assert start.astimezone(UTC).hour == utc_hour


async def test_series_feed_lists_published_events(events_client: httpx.AsyncClient) -> None:
    body = {"slug": "mornings-test", "name": {"fr": "Mornings test"}, "cadence": "monthly"}
    await events_client.post("/series", json=body, headers=STAFF)
    one = await create_published_event(events_client, series="mornings-test")
    await events_client.post("/events", json=event_payload(series="mornings-test"), headers=STAFF)  # draft
    feed = await events_client.get("/series/mornings-test/calendar.ics")
    assert feed.status_code == 200
    calendar = Calendar.from_ical(feed.content)
    uids = [str(v["UID"]) for v in calendar.walk("VEVENT")]
    assert uids == [f"event-{one['id']}@events.made-in-morocco.ma"]
    assert str(calendar["X-WR-CALNAME"]) == "Mornings test"
    assert (await events_client.get("/series/none-such/calendar.ics")).status_code == 404


def test_worker_process_writes_mail_to_the_local_sink(events_url: str, tmp_path: Path) -> None:
    """`mim events-worker` with no SMTP host delivers into .eml files (the `make run` default)."""
    import asyncio

    from services.events.config import EventsSettings
    from services.events.main import create_app
    from tests.conftest import asgi_client

    mail_dir = tmp_path / "mail"

    async def rsvp() -> None:
        app = create_app(EventsSettings(database_url=events_url, log_level="WARNING"))
        async with asgi_client(app) as client:
            event = await create_published_event(client)
            # One message: the "confirm your RSVP" e-mail.
            assert (await client.post(f"/events/{event['id']}/rsvps", json=guest(7))).status_code == 202
        await app.state.engine.dispose()

    asyncio.run(rsvp())
    env = {
        **os.environ,
        "EVENTS_DATABASE_URL": events_url,
        "EVENTS_MAIL_DIR": str(mail_dir),
        "EVENTS_SMTP_HOST": "",
        "EVENTS_OUTBOX_POLL_SECONDS": "0.2",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "events-worker"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        files = wait_until(lambda: list(mail_dir.glob("*.eml")), 120, interval=0.2, message="no mail written")
        assert len(files) == 1
        assert b"guest7@example.ma" in files[0].read_bytes()
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=10)
    assert worker.returncode == 0
