"""Confirms are written in batches (services/events/confirmations.py): each guest still gets
their own answer, the seat rule seats them in arrival order, and a problem is only ever the
answer of the guest it belongs to, writing nothing."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlmodel import col, select

from services.common import db
from services.common.errors import NotFound
from services.events import clock, rsvp_service
from services.events.config import EventsSettings
from services.events.main import create_app
from services.events.models import Event, OutboxMessage, Rsvp
from services.events.rsvp_service import Confirmation, Gone
from tests.conftest import asgi_client, run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, manage_token_of
from tests.support.databases import backend


async def _ask(client: httpx.AsyncClient, app: Any, event_id: int, n: int, **body: object) -> str:
    asked = await client.post(
        f"/events/{event_id}/rsvps", json=guest(n, **body), headers={"X-Forwarded-For": f"10.9.0.{n + 1}"}
    )
    assert asked.status_code == 202, asked.text
    return await manage_token_of(app, event_id, f"guest{n}@example.ma")


async def _messages(app: Any, event_id: int) -> list[tuple[int | None, str]]:
    async def read(session: Any) -> list[tuple[int | None, str]]:
        rows = await session.exec(
            select(OutboxMessage.rsvp_id, OutboxMessage.kind)
            .where(OutboxMessage.event_id == event_id, OutboxMessage.kind != "confirm_request")
            .order_by(col(OutboxMessage.id))
        )
        return [(rsvp_id, kind) for rsvp_id, kind in rows.all()]

    return await run_in_session(app, read)


async def _counters(app: Any, event_id: int) -> tuple[int, int, int]:
    async def read(session: Any) -> tuple[int, int, int]:
        event = (await session.exec(select(Event).where(Event.id == event_id))).one()
        return event.confirmed_count, event.waitlisted_count, event.rsvp_sequence

    return await run_in_session(app, read)


async def test_one_batch_answers_every_guest_on_their_own(
    events_client: httpx.AsyncClient, events_app: Any, events_settings: EventsSettings
) -> None:
    event = await create_published_event(events_client, capacity=2)
    tokens = [await _ask(events_client, events_app, event["id"], n) for n in range(5)]

    async def expire(session: Any) -> None:  # guest 3 waited too long to click
        await session.exec(
            update(Rsvp)
            .where(col(Rsvp.manage_token) == tokens[3])
            .values(confirm_by=clock.now() - timedelta(1))
        )

    await run_in_session(events_app, expire)
    unknown = "x" * 43
    batch = [tokens[0], tokens[1], unknown, tokens[0], tokens[2], tokens[3], tokens[4]]

    async def confirm(session: Any) -> list[Any]:
        return await rsvp_service.confirm_many(session=session, tokens=batch, settings=events_settings)

    outcomes = await run_in_session(events_app, confirm)
    assert isinstance(outcomes[2], NotFound)
    assert isinstance(outcomes[5], Gone) and outcomes[5].slug == "confirmation-expired"
    answers = {i: o.public() for i, o in enumerate(outcomes) if isinstance(o, Confirmation)}
    assert [(i, a.status, a.waitlist_position) for i, a in answers.items()] == [
        (0, "confirmed", None),
        (1, "confirmed", None),
        (3, "confirmed", None),  # guest 0 twice in the batch: the same RSVP, one seat
        (4, "waitlisted", 1),
        (6, "waitlisted", 2),
    ]
    assert answers[0].id == answers[3].id and answers[0].entry_pass and answers[0].checkin_token
    assert not answers[4].entry_pass and answers[4].checkin_token is None
    assert await _counters(events_app, event["id"]) == (2, 2, 4)
    ids = [answers[i].id for i in (0, 1, 4, 6)]
    sent = [
        (ids[0], "confirmation"),
        (ids[1], "confirmation"),
        (ids[2], "waitlisted"),
        (ids[3], "waitlisted"),
    ]
    assert await _messages(events_app, event["id"]) == sent

    # The second time: the same answers, nothing written, no e-mail again.
    again = await run_in_session(
        events_app,
        lambda s: rsvp_service.confirm_many(
            session=s, tokens=[tokens[4], tokens[0], tokens[3]], settings=events_settings
        ),
    )
    assert [(o.rsvp.status, o.waitlist_position) for o in again[:2]] == [
        ("waitlisted", 2),
        ("confirmed", None),
    ]
    assert isinstance(again[2], Gone)
    assert await _counters(events_app, event["id"]) == (2, 2, 4)
    assert await _messages(events_app, event["id"]) == sent

    # What each guest's own link shows agrees with the answers.
    for i, token in ((0, tokens[0]), (4, tokens[2]), (6, tokens[4])):
        shown = (await events_client.get(f"/rsvps/{token}")).json()
        assert (shown["status"], shown["waitlist_position"]) == (
            answers[i].status,
            answers[i].waitlist_position,
        )


async def test_concurrent_confirms_over_http_each_get_their_own_answer(
    events_client: httpx.AsyncClient, events_app: Any
) -> None:
    event = await create_published_event(events_client, capacity=7)
    tokens = [await _ask(events_client, events_app, event["id"], n, language="ar") for n in range(20)]
    unknown = "y" * 43
    links = [*tokens, unknown, *tokens[:5]]  # some click twice, one link is mistyped
    answers = await asyncio.gather(*(events_client.post(f"/rsvps/{t}/confirm") for t in links))
    assert [a.status_code for a in answers] == [200] * 20 + [404] + [200] * 5
    assert answers[20].headers["content-type"].startswith("application/problem+json")
    by_id: dict[int, dict[str, Any]] = {}
    for answer in answers[:20]:
        body = answer.json()
        assert body["id"] not in by_id, "one answer per guest"
        by_id[body["id"]] = body
    confirmed = [b for b in by_id.values() if b["status"] == "confirmed"]
    waitlisted = [b for b in by_id.values() if b["status"] == "waitlisted"]
    assert len(confirmed) == 7 and len(waitlisted) == 13
    assert sorted(b["waitlist_position"] for b in waitlisted) == list(range(1, 14))
    for first, second in zip(answers[:5], answers[21:], strict=True):
        assert second.json()["id"] == first.json()["id"]
        assert second.json()["status"] == first.json()["status"]
    counts = (await events_client.get(f"/events/{event['id']}/counts", headers=STAFF)).json()
    assert (counts["confirmed"], counts["waitlisted"]) == (7, 13)
    kinds = [kind for _, kind in await _messages(events_app, event["id"])]
    assert sorted(kinds) == ["confirmation"] * 7 + ["waitlisted"] * 13

    # A cancel frees a seat: the head of the waitlist takes it, and the line moves up.
    head = next(b for b in waitlisted if b["waitlist_position"] == 1)
    cancelled = await events_client.post(f"/rsvps/{confirmed[0]['manage_token']}/cancel")
    assert cancelled.status_code == 200
    promoted = (await events_client.get(f"/rsvps/{head['manage_token']}")).json()
    assert promoted["status"] == "confirmed" and promoted["entry_pass"]
    next_in_line = next(b for b in waitlisted if b["waitlist_position"] == 2)
    moved_up = (await events_client.get(f"/rsvps/{next_in_line['manage_token']}")).json()
    assert moved_up["waitlist_position"] == 1


async def test_a_closed_event_refuses_the_confirm_and_writes_nothing(
    events_client: httpx.AsyncClient, events_app: Any
) -> None:
    event = await create_published_event(events_client, capacity=3)
    tokens = [await _ask(events_client, events_app, event["id"], n) for n in range(2)]
    first = await events_client.post(f"/rsvps/{tokens[0]}/confirm")
    assert first.json()["status"] == "confirmed"
    cancelled = await events_client.post(f"/events/{event['id']}/cancel", json={}, headers=STAFF)
    assert cancelled.status_code == 200, cancelled.text
    answers = await asyncio.gather(*(events_client.post(f"/rsvps/{t}/confirm") for t in tokens))
    # The guest who had confirmed gets their RSVP as it is; the pending one, the event's problem.
    assert answers[0].status_code == 200
    assert answers[1].status_code == 409 and answers[1].json()["code"] == "event-cancelled"
    pending = (await events_client.get(f"/rsvps/{tokens[1]}")).json()
    assert pending["status"] == "pending"


# The busy time-out the locked-database test waits out: the production 10 s, lowered for this
# test's own app so the wait costs 2 s (still 2.5 times less than one wait per guest of the batch).
SHORT_BUSY_TIMEOUT_MS = 2_000


@pytest.fixture
async def short_busy_app(
    events_settings: EventsSettings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Any]:
    """The events app with connections whose SQLite busy time-out is SHORT_BUSY_TIMEOUT_MS
    (read by services.common.db when the engine and its connections are made)."""
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", SHORT_BUSY_TIMEOUT_MS)
    app = create_app(events_settings)
    yield app
    await app.state.engine.dispose()


@pytest.mark.skipif(backend() != "sqlite", reason="holds SQLite's file lock from another connection")
async def test_a_locked_database_answers_the_whole_batch_at_once_and_writes_nothing(
    short_busy_app: Any, events_url: str
) -> None:
    events_app = short_busy_app
    async with asgi_client(events_app) as events_client:
        event = await create_published_event(events_client, capacity=2)
        tokens = [await _ask(events_client, events_app, event["id"], n) for n in range(5)]
        blocker = sqlite3.connect(events_url.removeprefix("sqlite:///"), isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another process writing for longer than the busy time-out
        try:
            started = time.monotonic()
            answers = await asyncio.gather(*(events_client.post(f"/rsvps/{t}/confirm") for t in tokens))
            waited = time.monotonic() - started
        finally:
            blocker.rollback()
            blocker.close()
        assert [a.status_code for a in answers] == [503] * 5
        assert {a.json()["code"] for a in answers} == {"database-unavailable"}
        # The busy time-out was waited out (the lowered one: the app's connections use it)...
        assert waited >= 0.9 * SHORT_BUSY_TIMEOUT_MS / 1000, waited
        # ...once for the batch, not once per guest of it.
        assert waited < 2 * SHORT_BUSY_TIMEOUT_MS / 1000, waited
        assert await _counters(events_app, event["id"]) == (0, 0, 0)
        assert await _messages(events_app, event["id"]) == []

        # Once the database is free, the same links work, and the seats go exactly.
        again = await asyncio.gather(*(events_client.post(f"/rsvps/{t}/confirm") for t in tokens))
        assert sorted(a.json()["status"] for a in again) == ["confirmed"] * 2 + ["waitlisted"] * 3
        assert await _counters(events_app, event["id"]) == (2, 3, 5)
