"""One bad message never stops the queue (#19.1): it is parked, the others are delivered."""

from __future__ import annotations

import email
import email.policy
import logging
import time
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from services.events import clock
from services.events.models import OutboxMessage
from services.events.outbox import process_batch, smtp_sender
from tests.conftest import run_in_session
from tests.support.servers import free_port

REFUSED = "left-the-company@example.ma"


class StrictInbox:
    """A real SMTP server that refuses one mailbox for good (550), as a real one would."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        if address == REFUSED:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 OK"


@pytest.fixture
def strict_smtp() -> Iterator[tuple[StrictInbox, int]]:
    inbox = StrictInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _row(n: int, **overrides: object) -> OutboxMessage:
    values: dict[str, object] = {
        "kind": "test",
        "to_address": f"guest{n}@example.ma",
        "subject": f"Message {n}",
        "body_text": f"Bonjour {n}",
        "message_id": f"<poison-test-{n}@events.made-in-morocco.ma>",
    }
    values.update(overrides)
    return OutboxMessage(**values)  # type: ignore[arg-type]


async def _insert(app, rows: list[OutboxMessage]) -> None:  # type: ignore[no-untyped-def]
    async def write(session):  # type: ignore[no-untyped-def]
        session.add_all(rows)

    await run_in_session(app, write)


async def _rows(app) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    async def read(session):  # type: ignore[no-untyped-def]
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())

    return await run_in_session(app, read)  # type: ignore[no-any-return]


async def test_poison_messages_among_a_hundred_good_ones_are_parked_and_the_rest_delivered(
    events_app, events_client: httpx.AsyncClient, events_settings, strict_smtp, caplog
) -> None:  # type: ignore[no-untyped-def]
    inbox, port = strict_smtp
    good = [_row(n) for n in range(100)]
    # Old rows, written before the API refused them: a title with a line break in the subject
    # (delivered, its subject folded), a mailbox the server refuses for good, and an address
    # carrying a header injection (neither can ever be delivered).
    good[30] = _row(30, subject="RSVP confirmé : T\r\nBcc: everyone@example.ma")
    refused = _row(1000, to_address=REFUSED)
    injected = _row(1001, to_address="guest@example.ma\r\nBcc: everyone@example.ma")
    await _insert(events_app, [*good[:50], refused, injected, *good[50:]])

    settings = events_settings.model_copy(update={"outbox_batch_size": 20})
    sender = smtp_sender(settings, "127.0.0.1", port)
    started, rounds, parked = time.monotonic(), 0, 0
    with caplog.at_level(logging.ERROR, logger="mim.events.outbox"):
        while rounds < 20:
            rounds += 1
            result = await process_batch(
                sessionmaker=events_app.state.sessionmaker, settings=settings, sender=sender
            )
            parked += result.parked
            if not (result.sent or result.retried or result.parked):
                break
    elapsed = time.monotonic() - started

    assert len(inbox.messages) == 100, "every good message is delivered"
    assert parked == 2 and rounds <= 7, f"the worker went on past the poison ({rounds} rounds)"
    assert elapsed < 60
    rows = await _rows(events_app)
    by_address = {row.to_address: row for row in rows}
    assert [row.status for row in rows].count("sent") == 100
    assert by_address[REFUSED].status == "parked" and "550" in by_address[REFUSED].last_error
    assert by_address[injected.to_address].status == "parked"
    assert "recipient" in by_address[injected.to_address].last_error
    folded = next(m for m in inbox.messages if m["To"] == "guest30@example.ma")
    assert folded["Subject"] == "RSVP confirmé : T Bcc: everyone@example.ma"
    assert folded["Bcc"] is None and not any(m["To"] == "everyone@example.ma" for m in inbox.messages)
    alerts = [r for r in caplog.records if getattr(r, "alert", None) == "outbox_parked"]
    assert len(alerts) == 2 and all(r.levelno == logging.ERROR for r in alerts)

    metrics = await events_client.get("/metrics")
    assert "outbox_parked 2.0" in metrics.text
    assert 'outbox_messages{status="pending"} 0.0' in metrics.text


async def test_a_message_that_keeps_failing_is_parked_after_the_last_attempt(
    events_app, events_client: httpx.AsyncClient, events_settings
) -> None:  # type: ignore[no-untyped-def]
    await _insert(events_app, [_row(1)])
    settings = events_settings.model_copy(update={"outbox_max_attempts": 2})
    down = smtp_sender(settings, "127.0.0.1", free_port())  # nothing listens: a transient failure
    now = clock.now()
    first = await process_batch(
        sessionmaker=events_app.state.sessionmaker, settings=settings, sender=down, now=now
    )
    assert (first.retried, first.parked) == (1, 0)
    waiting = await events_client.get("/metrics")
    assert 'outbox_messages{status="pending"} 1.0' in waiting.text and "outbox_parked 0.0" in waiting.text
    second = await process_batch(
        sessionmaker=events_app.state.sessionmaker,
        settings=settings,
        sender=down,
        now=now + timedelta(hours=2),
    )
    assert (second.retried, second.parked) == (0, 1)
    (row,) = await _rows(events_app)
    assert (row.status, row.attempts) == ("parked", 2) and row.last_error
    later = await process_batch(
        sessionmaker=events_app.state.sessionmaker,
        settings=settings,
        sender=down,
        now=now + timedelta(days=9),
    )
    assert (later.sent, later.retried, later.parked) == (0, 0, 0), "a parked message is not retried"
    assert "outbox_parked 1.0" in (await events_client.get("/metrics")).text
