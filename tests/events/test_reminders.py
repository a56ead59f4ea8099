"""Reminders and changes reach each guest once, through the outbox, in their language (#16.3).

A real SMTP server (aiosmtpd); real outbox workers (``run_worker``), two at once and one
restarted in the middle; the attached calendar files read by icalendar and by ical.js.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlmodel import col, select

from services.events import clock
from services.events.models import Event, OutboxMessage, OutboxStatus
from services.events.outbox import process_batch, run_worker, smtp_sender
from services.events.reminders import queue_due_reminders
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, manage_token_of, rsvp_and_confirm
from tests.events.itip import calendar_part, ics_of, with_icalendar, with_icaljs
from tests.support.mailbox import Inbox, smtp_server

UID_DOMAIN = "events.made-in-morocco.ma"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as server:
        yield server


async def eventually(predicate: Callable[[], object], timeout: float = 20.0, message: str = "") -> None:
    """Wait (letting the workers in this loop run) until ``predicate`` holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(message or "condition not met in time")
        await asyncio.sleep(0.05)


async def as_if_weeks_ago(app) -> None:  # type: ignore[no-untyped-def]
    """The guests RSVP'd weeks ago, and those e-mails left then: nothing new is in the outbox."""
    long_ago = clock.now() - timedelta(days=20)

    async def backdate(session):  # type: ignore[no-untyped-def]
        await session.exec(
            update(OutboxMessage).values(created_at=long_ago, status=OutboxStatus.sent, sent_at=long_ago)
        )

    await run_in_session(app, backdate)


async def outbox(app) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    async def read(session):  # type: ignore[no-untyped-def]
        return list((await session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))).all())

    return await run_in_session(app, read)  # type: ignore[no-any-return]


def worker_settings(events_settings, port: int, **more: object):  # type: ignore[no-untyped-def]
    return events_settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            # The test event starts in ten days: it is inside an eleven-day window.
            "reminder_before": timedelta(days=11),
            "reminder_poll_seconds": 0.05,
            "outbox_poll_seconds": 0.05,
            **more,
        }
    )


async def _four_guests(client: httpx.AsyncClient, app) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """Two seats: guests 1 (fr) and 2 (en) confirmed, 3 (ar) waitlisted, 4 waitlisted then erased."""
    event = await create_published_event(client, capacity=2)
    for n, language in ((1, "fr"), (2, "en"), (3, "ar"), (4, "fr")):
        await rsvp_and_confirm(client, event["id"], guest(n, language=language))
    token = await manage_token_of(app, event["id"], "guest4@example.ma")
    assert (await client.post(f"/rsvps/{token}/erase")).status_code == 200
    return event


def _start(settings, stop: asyncio.Event) -> asyncio.Task:  # type: ignore[no-untyped-def,type-arg]
    return asyncio.create_task(run_worker(settings, stop=stop))


async def test_two_workers_and_a_restart_send_one_reminder_and_one_update_per_guest(
    events_client: httpx.AsyncClient, events_app, events_settings, smtp
) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    event = await _four_guests(events_client, events_app)
    await as_if_weeks_ago(events_app)
    settings = worker_settings(events_settings, port)
    stops = [asyncio.Event(), asyncio.Event()]
    workers = [_start(settings, stops[0]), _start(settings, stops[1])]
    try:
        await eventually(lambda: len(inbox.messages) >= 3, message="three reminders")
        # A restart in the middle: worker 0 stops, a new one starts on the same outbox.
        stops[0].set()
        await workers[0]
        stops.append(asyncio.Event())
        workers.append(_start(settings, stops[2]))

        later = datetime.fromisoformat(event["starts_at"].replace("Z", "+00:00")) + timedelta(hours=1)
        moved = {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=2)).isoformat()}
        for _ in range(2):  # the same change twice: the second one is no change
            answer = await events_client.patch(f"/events/{event['id']}", json=moved, headers=STAFF)
            assert answer.status_code == 200, answer.text
        await eventually(lambda: len(inbox.messages) >= 6, message="three updates")
        # Let every worker look again a good number of times: nothing more may be sent.
        await asyncio.sleep(1.0)
    finally:
        for stop in stops:
            stop.set()
        await asyncio.gather(*workers)

    per_guest = Counter((m["To"], m["Subject"].split(" ")[0]) for m in inbox.messages)
    assert per_guest == {
        ("guest1@example.ma", "Rappel"): 1,
        ("guest2@example.ma", "Reminder:"): 1,
        ("guest3@example.ma", "لائحة"): 1,
        ("guest1@example.ma", "Changement"): 1,
        ("guest2@example.ma", "Change:"): 1,
        ("guest3@example.ma", "تغيير:"): 1,
    }, per_guest
    assert not inbox.to("guest4@example.ma"), "an erased guest gets nothing"
    rows = [r for r in await outbox(events_app) if r.dedupe_key]
    assert len(rows) == 6 and {r.status for r in rows} == {"sent"}
    assert len({r.dedupe_key for r in rows}) == 6

    # The reminder: QR code and calendar file to the confirmed; the place in line to the waitlisted.
    (reminder,) = inbox.to("guest1@example.ma", "Rappel")
    kinds = sorted(p.get_content_type() for p in reminder.iter_attachments())
    assert kinds == ["image/png", "text/calendar"]
    png = next(p for p in reminder.iter_attachments() if p.get_content_type() == "image/png")
    assert png.get_payload(decode=True).startswith(b"\x89PNG")  # type: ignore[union-attr]
    assert "/rsvps/" in reminder.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    (waiting,) = inbox.to("guest3@example.ma", "لائحة")
    assert "ترتيبك 1" in waiting.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert not list(waiting.iter_attachments()), "no seat: no QR code, no calendar entry"
    assert with_icalendar(ics_of(reminder))["sequence"] == 0

    # The update: METHOD:REQUEST, the same UID, a higher SEQUENCE, the guest as ATTENDEE.
    uid = f"event-{event['id']}@{UID_DOMAIN}"
    for address, subject, partstat in (
        ("guest1@example.ma", "Changement", "ACCEPTED"),
        ("guest3@example.ma", "تغيير", "TENTATIVE"),
    ):
        (update_mail,) = inbox.to(address, subject)
        part = calendar_part(update_mail)
        assert part is not None and part.get_param("method") == "REQUEST"
        ics = ics_of(update_mail)
        read = with_icalendar(ics)
        assert (read["method"], read["uid"], read["sequence"], read["status"]) == (
            "REQUEST",
            uid,
            1,
            "CONFIRMED",
        )
        assert read["attendees"] == [f"mailto:{address}"] and read["partstat"] == [partstat]
        assert read["organizer"] == "mailto:mornings@made-in-morocco.ma"
        assert read["start"].astimezone(UTC) == later
        js = with_icaljs(ics)
        assert js["method"] == "REQUEST"
        (item,) = js["events"]
        assert (item["uid"], item["sequence"], item["status"]) == (uid, 1, "CONFIRMED")
        assert [a["address"] for a in item["attendees"]] == [f"mailto:{address}"]
        assert item["organizer"] == "mailto:mornings@made-in-morocco.ma"
        assert datetime.fromisoformat(item["start"].replace("Z", "+00:00")) == later


async def test_cancellation_sends_method_cancel_once(
    events_client: httpx.AsyncClient, events_app, events_settings, smtp
) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    event = await _four_guests(events_client, events_app)
    await as_if_weeks_ago(events_app)
    for _ in range(2):
        answer = await events_client.post(
            f"/events/{event['id']}/cancel", json={"reason": "Salle"}, headers=STAFF
        )
        assert answer.status_code == 200
    # A change after the cancellation: refused, nobody is written to.
    moved = await events_client.patch(f"/events/{event['id']}", json={"venue": "Ailleurs"}, headers=STAFF)
    assert moved.status_code == 409 and moved.json()["type"].endswith("/event-cancelled")
    settings = worker_settings(events_settings, port)
    sender = smtp_sender(settings, "127.0.0.1", port)
    await process_batch(sessionmaker=events_app.state.sessionmaker, settings=settings, sender=sender)
    # No reminder for a cancelled event either.
    assert await queue_due_reminders(sessionmaker=events_app.state.sessionmaker, settings=settings) == 0
    assert sorted(m["To"] for m in inbox.messages) == [f"guest{n}@example.ma" for n in (1, 2, 3)]
    uid = f"event-{event['id']}@{UID_DOMAIN}"
    for message in inbox.messages:
        part = calendar_part(message)
        assert part is not None and part.get_param("method") == "CANCEL"
        read = with_icalendar(ics_of(message))
        assert (read["method"], read["uid"], read["sequence"], read["status"]) == (
            "CANCEL",
            uid,
            1,
            "CANCELLED",
        )
        assert read["attendees"] == [f"mailto:{message['To']}"]
        js = with_icaljs(ics_of(message))
        assert js["method"] == "CANCEL" and js["events"][0]["status"] == "CANCELLED"
        assert js["events"][0]["sequence"] == 1


async def test_a_new_title_is_no_update_and_a_guest_who_just_heard_is_not_reminded(
    events_client: httpx.AsyncClient, events_app, events_settings, smtp
) -> None:  # type: ignore[no-untyped-def]
    _inbox, port = smtp
    event = await create_published_event(events_client, capacity=5)
    await rsvp_and_confirm(events_client, event["id"], guest(1))
    retitled = await events_client.patch(
        f"/events/{event['id']}", json={"title": {"fr": "Autre"}}, headers=STAFF
    )
    assert retitled.status_code == 200
    settings = worker_settings(events_settings, port)
    # Confirmed a moment ago, inside the window: the confirmation had everything a reminder has.
    assert await queue_due_reminders(sessionmaker=events_app.state.sessionmaker, settings=settings) == 0
    assert [r.kind for r in await outbox(events_app)] == ["confirm_request", "confirmation"]
    # Out of the window (the default 24 h): nothing either, even for a guest who heard long ago.
    await as_if_weeks_ago(events_app)
    default = worker_settings(events_settings, port, reminder_before=timedelta(hours=24))
    assert await queue_due_reminders(sessionmaker=events_app.state.sessionmaker, settings=default) == 0
    assert await queue_due_reminders(sessionmaker=events_app.state.sessionmaker, settings=settings) == 1
    assert await queue_due_reminders(sessionmaker=events_app.state.sessionmaker, settings=settings) == 0


async def test_a_hostile_title_does_not_poison_the_outbox(
    events_client: httpx.AsyncClient, events_app, events_settings, smtp
) -> None:  # type: ignore[no-untyped-def]
    inbox, port = smtp
    hostile = await create_published_event(events_client, capacity=5)
    plain = await create_published_event(events_client, capacity=5)
    for n, event in ((1, hostile), (2, hostile), (3, plain)):
        await rsvp_and_confirm(events_client, event["id"], guest(n, language="ar" if n == 2 else "fr"))
    title = "Morning\r\nBcc: everyone@example.ma\x07 \u202egnirom\u202c\u200b"

    async def poison(session):  # type: ignore[no-untyped-def]
        # An old row, written before the API refused such titles.
        await session.exec(
            update(Event).where(col(Event.id) == hostile["id"]).values(title_fr=title, title_ar=title)
        )

    await run_in_session(events_app, poison)
    await as_if_weeks_ago(events_app)
    settings = worker_settings(events_settings, port)
    assert await queue_due_reminders(sessionmaker=events_app.state.sessionmaker, settings=settings) == 3
    result = await process_batch(
        sessionmaker=events_app.state.sessionmaker,
        settings=settings,
        sender=smtp_sender(settings, "127.0.0.1", port),
    )
    assert (result.sent, result.retried, result.parked) == (3, 0, 0)
    assert sorted(m["To"] for m in inbox.messages) == [f"guest{n}@example.ma" for n in (1, 2, 3)]
    assert all(m["Bcc"] is None for m in inbox.messages)
    for message in inbox.to("guest1@example.ma") + inbox.to("guest2@example.ma"):
        assert "\n" not in message["Subject"] and "\u202e" not in message["Subject"]
        ics = ics_of(message)
        summary = with_icalendar(ics)["summary"]
        assert "\x07" not in summary and "\u202e" not in summary and "\n" not in summary
        assert summary.startswith("Morning Bcc: everyone@example.ma")
        assert with_icaljs(ics)["events"][0]["uid"] == f"event-{hostile['id']}@{UID_DOMAIN}"
