"""Requests that arrive together are taken together: one transaction, the same outcome as one by one."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from services.events import rsvp_service
from services.events.models import NEW_RSVP_COLUMNS, NewRsvp, OutboxMessage, Rsvp
from services.events.schemas import RsvpCreate
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, manage_token_of


def _count_commits(app) -> list[int]:  # type: ignore[no-untyped-def]
    commits = [0]

    def on_commit(_conn) -> None:  # type: ignore[no-untyped-def]
        commits[0] += 1

    event.listen(app.state.engine.sync_engine, "commit", on_commit)
    return commits


def _count_rsvp_inserts(app) -> list[int]:  # type: ignore[no-untyped-def]
    """Statements sent to the database that insert RSVPs (one per row, or one per batch)."""
    inserts = [0]

    def before_cursor_execute(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT INTO RSVP ", "INSERT INTO RSVP(")):
            inserts[0] += 1

    event.listen(app.state.engine.sync_engine, "before_cursor_execute", before_cursor_execute)
    return inserts


def test_a_new_guest_row_has_every_column_of_an_rsvp() -> None:
    # The batch inserts NewRsvp.columns(): a column added to Rsvp and not there would be missed.
    assert {*NEW_RSVP_COLUMNS, "id"} == set(Rsvp.__table__.columns.keys())  # type: ignore[attr-defined]


async def test_a_burst_is_batched_and_every_request_answered_alike(
    events_app,  # type: ignore[no-untyped-def]
    events_client: httpx.AsyncClient,
) -> None:
    guests = 60
    created = await create_published_event(events_client, capacity=10)
    commits = _count_commits(events_app)
    inserts = _count_rsvp_inserts(events_app)
    # Everyone at once, and five guests who double-click within the same burst.
    bodies = [guest(n) for n in range(guests)] + [guest(n) for n in range(5)]
    answers = await asyncio.gather(
        *(
            events_client.post(
                f"/events/{created['id']}/rsvps",
                json=body,
                headers={"X-Forwarded-For": f"192.0.2.{i % 200 + 1}"},
            )
            for i, body in enumerate(bodies)
        )
    )
    assert {a.status_code for a in answers} == {202}
    assert len({a.content for a in answers}) == 1, "a double click is answered as a first click"
    # Far fewer transactions than guests: they were taken in batches.
    assert commits[0] < guests / 2, commits[0]
    # ...and a batch's guests go in with one statement, not one each.
    assert inserts[0] <= commits[0], (inserts[0], commits[0])
    rows = await run_in_session(
        events_app,
        lambda s: s.exec(select(Rsvp.id, Rsvp.email, Rsvp.status).where(Rsvp.event_id == created["id"])),
    )
    rows = rows.all()
    assert len(rows) == guests and {r.status for r in rows} == {"pending"}, "one RSVP per e-mail, no seat"
    counts = (await events_client.get(f"/events/{created['id']}/counts", headers=STAFF)).json()
    assert (counts["confirmed"], counts["waitlisted"]) == (0, 0)
    # Every new guest has exactly one message waiting, to their own address: the double
    # clicks within the window send nothing more.
    addressed = await run_in_session(
        events_app,
        lambda s: s.exec(
            select(OutboxMessage.rsvp_id, OutboxMessage.to_address, OutboxMessage.kind).where(
                OutboxMessage.event_id == created["id"]
            )
        ),
    )
    addressed = addressed.all()
    assert {m.kind for m in addressed} == {"confirm_request"} and len(addressed) == guests
    assert {m.rsvp_id: m.to_address for m in addressed} == {r.id: r.email for r in rows}


async def test_a_refused_burst_gives_every_guest_their_own_answer(events_client: httpx.AsyncClient) -> None:
    closed = await create_published_event(
        events_client, rsvp_closes_at=(datetime.now(UTC) - timedelta(hours=1)).isoformat()
    )
    answers = await asyncio.gather(
        *(events_client.post(f"/events/{closed['id']}/rsvps", json=guest(n)) for n in range(8)),
        events_client.post("/events/999999/rsvps", json=guest(99)),
    )
    for answer in answers[:-1]:
        assert answer.status_code == 409
        assert answer.json()["detail"] == "RSVPs are closed."
        assert answer.headers["content-type"] == "application/problem+json"
    assert len({a.headers["x-request-id"] for a in answers}) == len(answers)
    assert answers[-1].status_code == 404
    attendees = (await events_client.get(f"/events/{closed['id']}/attendees", headers=STAFF)).json()
    assert attendees == []


async def test_a_guest_who_breaks_a_batch_fails_alone(events_app, events_client: httpx.AsyncClient) -> None:  # type: ignore[no-untyped-def]
    created = await create_published_event(events_client, capacity=5)
    await events_client.post(f"/events/{created['id']}/rsvps", json=guest(0))
    first_token = await manage_token_of(events_app, created["id"], "guest0@example.ma")
    now = datetime.now(UTC)

    def new_guest(n: int) -> NewRsvp:
        data = RsvpCreate.model_validate(guest(n))
        return rsvp_service._new_guest(event_id=created["id"], data=data, now=now)

    clash = new_guest(2)
    clash.manage_token = first_token  # unique in the database: this row cannot be written
    desk = events_app.state.admissions
    outcomes = await asyncio.gather(
        desk.admit(new_guest(1), client="192.0.2.1"),
        desk.admit(clash, client="192.0.2.1"),
        desk.admit(new_guest(3), client="192.0.2.1"),
        return_exceptions=True,
    )
    assert isinstance(outcomes[1], IntegrityError)
    assert outcomes[0] is None and outcomes[2] is None
    emails = await run_in_session(
        events_app, lambda s: s.exec(select(Rsvp.email).where(Rsvp.event_id == created["id"]))
    )
    assert sorted(emails.scalars().all()) == ["guest0@example.ma", "guest1@example.ma", "guest3@example.ma"]


@pytest.mark.parametrize("capacity", [0, 1])
async def test_a_full_event_waitlists_everyone_who_confirms_at_once(
    events_app,
    events_client: httpx.AsyncClient,
    capacity: int,  # type: ignore[no-untyped-def]
) -> None:
    created = await create_published_event(events_client, capacity=capacity)
    for n in range(6):
        assert (await events_client.post(f"/events/{created['id']}/rsvps", json=guest(n))).status_code == 202
    tokens = [await manage_token_of(events_app, created["id"], f"guest{n}@example.ma") for n in range(6)]
    answers = await asyncio.gather(*(events_client.post(f"/rsvps/{t}/confirm") for t in tokens))
    statuses = sorted(a.json()["status"] for a in answers)
    assert statuses == ["confirmed"] * capacity + ["waitlisted"] * (6 - capacity)
    positions = sorted(a.json()["waitlist_position"] for a in answers if a.json()["status"] == "waitlisted")
    assert positions == list(range(1, 7 - capacity))
