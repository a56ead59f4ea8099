"""E-mail that is never lost: a real SMTP server (aiosmtpd) in-process, and one that is down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlmodel import select

from services.events import clock
from services.events.models import OutboxMessage
from services.events.outbox import process_batch, smtp_sender
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, rsvp_and_confirm
from tests.support.mailbox import Inbox, smtp_server
from tests.support.servers import free_port


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with smtp_server() as server:
        yield server


async def _outbox(app) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    async def read(session):  # type: ignore[no-untyped-def]
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())

    return await run_in_session(app, read)  # type: ignore[no-any-return]


async def test_confirmation_is_sent_once_with_the_calendar_file(
    events_client: httpx.AsyncClient,
    events_app,
    events_settings,
    smtp,  # type: ignore[no-untyped-def]
) -> None:
    inbox, port = smtp
    event = await create_published_event(events_client, capacity=1)
    await rsvp_and_confirm(events_client, event["id"], guest(1, language="en"))
    await rsvp_and_confirm(events_client, event["id"], guest(2, language="ar"))
    sender = smtp_sender(events_settings, "127.0.0.1", port)
    result = await process_batch(
        sessionmaker=events_app.state.sessionmaker, settings=events_settings, sender=sender
    )
    assert (result.sent, result.retried) == (4, 0)
    again = await process_batch(
        sessionmaker=events_app.state.sessionmaker, settings=events_settings, sender=sender
    )
    assert again.sent == 0, "never sent twice"
    assert len(inbox.messages) == 4
    ask_en, confirmation, ask_ar, waitlisted = inbox.messages
    assert ask_en["Subject"].startswith("Confirm your RSVP") and not list(ask_en.iter_attachments())
    assert ask_ar["To"] == "guest2@example.ma"
    assert confirmation["To"] == "guest1@example.ma"
    assert confirmation["Subject"].startswith("RSVP confirmed")
    calendars = [p for p in confirmation.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1 and b"BEGIN:VTIMEZONE" in calendars[0].get_content().encode()
    assert waitlisted["Subject"].startswith("لائحة الانتظار")
    assert not list(waitlisted.iter_attachments())
    # The language of the message, on the message itself, with or without attachments.
    assert [m["Content-Language"] for m in inbox.messages] == ["en", "en", "ar", "ar"]
    assert all(m.status == "sent" and m.attempts == 1 for m in await _outbox(events_app))


async def test_smtp_down_means_delayed_not_lost(
    events_client: httpx.AsyncClient,
    events_app,
    events_settings,
    smtp,  # type: ignore[no-untyped-def]
) -> None:
    inbox, port = smtp
    event = await create_published_event(events_client)
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1))
    down = smtp_sender(events_settings, "127.0.0.1", free_port())  # nothing listens there
    now = clock.now()
    first = await process_batch(
        sessionmaker=events_app.state.sessionmaker, settings=events_settings, sender=down, now=now
    )
    assert first.retried == 1
    (message,) = await _outbox(events_app)
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.next_attempt_at > now and message.last_error
    second = await process_batch(
        sessionmaker=events_app.state.sessionmaker, settings=events_settings, sender=down, now=now
    )
    assert second.retried == 0, "not retried before its back-off"
    later = now + timedelta(seconds=5)
    await process_batch(
        sessionmaker=events_app.state.sessionmaker, settings=events_settings, sender=down, now=later
    )
    (message,) = await _outbox(events_app)
    assert message.attempts == 2
    assert message.next_attempt_at - later >= timedelta(
        seconds=2 * events_settings.outbox_backoff_base_seconds
    )

    up = smtp_sender(events_settings, "127.0.0.1", port)
    done = await process_batch(
        sessionmaker=events_app.state.sessionmaker,
        settings=events_settings,
        sender=up,
        now=later + timedelta(hours=1),
    )
    assert done.sent == 1 and len(inbox.messages) == 1
    assert inbox.messages[0]["Subject"].startswith("Confirmez votre inscription")


async def test_promotion_cancellation_and_event_cancelled_messages(
    events_client: httpx.AsyncClient,
    events_app,  # type: ignore[no-untyped-def]
) -> None:
    event = await create_published_event(events_client, capacity=1)
    first = await rsvp_and_confirm(events_client, event["id"], guest(1))
    await rsvp_and_confirm(events_client, event["id"], guest(2, language="en"))
    await events_client.post(f"/rsvps/{first['manage_token']}/cancel")
    await events_client.post(f"/events/{event['id']}/cancel", json={"reason": "Météo"}, headers=STAFF)
    kinds = [(m.kind, m.to_address) for m in await _outbox(events_app)]
    assert kinds == [
        ("confirm_request", "guest1@example.ma"),
        ("confirmation", "guest1@example.ma"),
        ("confirm_request", "guest2@example.ma"),
        ("waitlisted", "guest2@example.ma"),
        ("cancellation", "guest1@example.ma"),
        ("promotion", "guest2@example.ma"),
        ("event_cancelled", "guest2@example.ma"),
    ]


async def test_failed_request_writes_no_message(events_client: httpx.AsyncClient, events_app) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1, consent=False))
    await events_client.post(f"/events/{event['id']}/cancel", json={}, headers=STAFF)
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(2))
    assert await _outbox(events_app) == []
