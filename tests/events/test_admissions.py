"""Guests who arrive together are admitted together: one transaction, the same outcome as one by one."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from services.events import rsvp_service
from services.events.models import NEW_RSVP_COLUMNS, NewRsvp, OutboxMessage, Rsvp
from services.events.schemas import RsvpCreate
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest


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
        if statement.lstrip().upper().startswith("INSERT INTO RSVP"):
            inserts[0] += 1

    event.listen(app.state.engine.sync_engine, "before_cursor_execute", before_cursor_execute)
    return inserts


def test_a_new_guest_row_has_every_column_of_an_rsvp() -> None:
    # The batch inserts NewRsvp.columns(): a column added to Rsvp and not there would be missed.
    assert {*NEW_RSVP_COLUMNS, "id"} == set(Rsvp.__table__.columns.keys())  # type: ignore[attr-defined]


async def test_a_burst_is_batched_and_seats_go_in_arrival_order(
    events_app,  # type: ignore[no-untyped-def]
    events_client: httpx.AsyncClient,
) -> None:
    seats, guests = 10, 60
    created = await create_published_event(events_client, capacity=seats)
    commits = _count_commits(events_app)
    inserts = _count_rsvp_inserts(events_app)
    # Everyone at once, and five guests who double-click within the same burst.
    bodies = [guest(n) for n in range(guests)] + [guest(n) for n in range(5)]
    answers = await asyncio.gather(
        *(events_client.post(f"/events/{created['id']}/rsvps", json=body) for body in bodies)
    )
    assert sorted({a.status_code for a in answers}) == [200, 201]
    assert [a.status_code for a in answers].count(201) == guests
    # Far fewer transactions than guests: they were admitted in batches.
    assert commits[0] < guests / 2, commits[0]
    # ...and a batch's guests go in with one statement, not one each.
    assert inserts[0] <= commits[0], (inserts[0], commits[0])
    first = {a.json()["email"]: a.json() for a in answers[:guests]}
    for again in answers[guests:]:
        assert again.json()["id"] == first[again.json()["email"]]["id"], "a double click is the same RSVP"

    attendees = (await events_client.get(f"/events/{created['id']}/attendees", headers=STAFF)).json()
    assert len(attendees) == guests
    order = sorted(attendees, key=lambda a: a["queue_position"])
    assert [a["status"] for a in order] == ["confirmed"] * seats + ["waitlisted"] * (guests - seats)
    by_id = {a.json()["id"]: a.json() for a in answers}
    # Each guest is answered with their own row: the ids the database gives a many-row INSERT
    # are matched to the guests by their manage token.
    assert {a["rsvp_id"]: a["email"] for a in attendees} == {i: a["email"] for i, a in by_id.items()}
    assert [by_id[a["rsvp_id"]]["waitlist_position"] for a in order[seats:]] == list(
        range(1, guests - seats + 1)
    )
    counts = (await events_client.get(f"/events/{created['id']}/counts", headers=STAFF)).json()
    assert (counts["confirmed"], counts["waitlisted"]) == (seats, guests - seats)
    for answer in answers[:3]:  # the manage link shows the same RSVP
        own = (await events_client.get(f"/rsvps/{answer.json()['manage_token']}")).json()
        assert (own["id"], own["email"]) == (answer.json()["id"], answer.json()["email"])
    # Every new guest has exactly one message waiting in the outbox, written with the RSVP.
    messages = await run_in_session(
        events_app,
        lambda s: s.exec(
            select(OutboxMessage.kind, func.count())
            .where(OutboxMessage.event_id == created["id"])
            .group_by(OutboxMessage.kind)
        ),
    )
    assert dict(messages.all()) == {"confirmation": seats, "waitlisted": guests - seats}
    addressed = await run_in_session(
        events_app,
        lambda s: s.exec(
            select(OutboxMessage.rsvp_id, OutboxMessage.to_address).where(
                OutboxMessage.event_id == created["id"]
            )
        ),
    )
    assert dict(addressed.all()) == {a["rsvp_id"]: a["email"] for a in attendees}


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
    first = (await events_client.post(f"/events/{created['id']}/rsvps", json=guest(0))).json()
    now = datetime.now(UTC)

    def new_guest(n: int) -> NewRsvp:
        data = RsvpCreate.model_validate(guest(n))
        return rsvp_service._new_guest(event_id=created["id"], data=data, now=now)

    clash = new_guest(2)
    clash.manage_token = first["manage_token"]  # unique in the database: this row cannot be written
    desk = events_app.state.admissions
    outcomes = await asyncio.gather(
        desk.admit(new_guest(1)), desk.admit(clash), desk.admit(new_guest(3)), return_exceptions=True
    )
    assert isinstance(outcomes[1], IntegrityError)
    assert [o.rsvp.status for o in (outcomes[0], outcomes[2])] == ["confirmed", "confirmed"]
    attendees = (await events_client.get(f"/events/{created['id']}/attendees", headers=STAFF)).json()
    assert sorted(a["email"] for a in attendees) == [
        "guest0@example.ma",
        "guest1@example.ma",
        "guest3@example.ma",
    ]
    counts = (await events_client.get(f"/events/{created['id']}/counts", headers=STAFF)).json()
    assert counts["confirmed"] == 3, "the failed guest took no seat"


@pytest.mark.parametrize("capacity", [0, 1])
async def test_a_full_event_waitlists_the_whole_batch(
    events_client: httpx.AsyncClient, capacity: int
) -> None:
    created = await create_published_event(events_client, capacity=capacity)
    answers = await asyncio.gather(
        *(events_client.post(f"/events/{created['id']}/rsvps", json=guest(n)) for n in range(6))
    )
    statuses = sorted(a.json()["status"] for a in answers)
    assert statuses == ["confirmed"] * capacity + ["waitlisted"] * (6 - capacity)
    positions = sorted(a.json()["waitlist_position"] for a in answers if a.json()["status"] == "waitlisted")
    assert positions == list(range(1, 7 - capacity))
