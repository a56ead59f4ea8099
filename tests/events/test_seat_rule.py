"""The seat rule, checked over random histories: on the pure function, then through the service.

A history is a random sequence of guests confirming their RSVP, cancels, capacity changes and
explicit promotions. After every step the invariants must hold: never more confirmed guests
than seats; nobody waits while a seat is free; the waitlist is in arrival order, numbered 1..n
without gaps; a promotion takes the head of the waitlist; a cancelled guest holds nothing (the
event's counters are the counts of confirmed and waitlisted guests).
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import make_async_engine, make_sessionmaker, transaction
from services.common.errors import Conflict
from services.events import event_service, rsvp_service
from services.events.config import EventsSettings
from services.events.models import Event, EventStatus, Rsvp, RsvpStatus
from services.events.schemas import EventUpdate
from services.events.seating import allocate
from tests.support.databases import DatabaseFactory

counts = st.integers(min_value=0, max_value=40)


@given(capacity=counts, taken=counts, waiting=counts, arriving=counts)
def test_allocate_fills_free_seats_head_first(capacity: int, taken: int, waiting: int, arriving: int) -> None:
    outcome = allocate(capacity=capacity, taken=taken, waiting=waiting, arriving=arriving)
    free = max(capacity - taken, 0)
    # Nobody overtakes the waitlist, and the waitlist takes no more than the free seats.
    assert outcome.promoted == min(free, waiting)
    assert outcome.seated == min(free - outcome.promoted, arriving)
    assert outcome.seated + outcome.waitlisted == arriving
    assert taken + outcome.promoted + outcome.seated <= max(capacity, taken)
    left_waiting = waiting - outcome.promoted + outcome.waitlisted
    if left_waiting:  # someone still waits: then no seat is free
        assert taken + outcome.promoted + outcome.seated >= capacity


def test_allocate_refuses_negative_counts() -> None:
    with pytest.raises(ValueError):
        allocate(capacity=1, taken=0, waiting=-1)


# ---- Histories ----------------------------------------------------------------------------------

ARRIVE, CANCEL, CAPACITY, PROMOTE = "arrive", "cancel", "capacity", "promote"

steps = st.one_of(
    st.tuples(st.just(ARRIVE), st.just(0)),
    st.tuples(st.just(CANCEL), st.integers(min_value=0, max_value=30)),
    st.tuples(st.just(CAPACITY), st.integers(min_value=0, max_value=6)),
    st.tuples(st.just(PROMOTE), st.just(0)),
)
histories = st.tuples(st.integers(min_value=0, max_value=5), st.lists(steps, max_size=40))
# Always played: a waitlist of three, a seat freed by a cancel, then two by a larger capacity.
A_LINE_MOVES = (1, [(ARRIVE, 0)] * 4 + [(CANCEL, 0), (CAPACITY, 3), (ARRIVE, 0), (CANCEL, 4), (PROMOTE, 0)])


@dataclass
class Seating:
    """An event's guests as the rule leaves them: guest numbers, in arrival order."""

    capacity: int
    seated: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)
    cancelled: set[int] = field(default_factory=set)
    arrivals: int = 0

    def arrive(self) -> int:
        guest = self.arrivals
        self.arrivals += 1
        outcome = allocate(
            capacity=self.capacity, taken=len(self.seated), waiting=len(self.waiting), arriving=1
        )
        self._promote(outcome.promoted)
        (self.seated if outcome.seated else self.waiting).append(guest)
        return guest

    def promote(self) -> list[int]:
        outcome = allocate(capacity=self.capacity, taken=len(self.seated), waiting=len(self.waiting))
        return self._promote(outcome.promoted)

    def _promote(self, count: int) -> list[int]:
        head, self.waiting = self.waiting[:count], self.waiting[count:]
        self.seated.extend(head)
        return head

    def cancel(self, guest: int) -> list[int]:
        if guest in self.seated:
            self.seated.remove(guest)
        elif guest in self.waiting:
            self.waiting.remove(guest)
        else:
            return []
        self.cancelled.add(guest)
        return self.promote()

    def change_capacity(self, capacity: int) -> list[int] | None:
        """None when refused: a seat already given is never taken back."""
        if capacity < len(self.seated):
            return None
        self.capacity = capacity
        return self.promote()

    def status_of(self, guest: int) -> RsvpStatus:
        if guest in self.cancelled:
            return RsvpStatus.cancelled
        return RsvpStatus.confirmed if guest in self.seated else RsvpStatus.waitlisted


def check_invariants(seating: Seating) -> None:
    assert len(seating.seated) <= seating.capacity
    if seating.waiting:
        assert len(seating.seated) == seating.capacity, "someone waits while a seat is free"
    assert seating.waiting == sorted(seating.waiting), "the waitlist is not in arrival order"
    assert not seating.cancelled & (set(seating.seated) | set(seating.waiting))
    everyone = len(seating.seated) + len(seating.waiting) + len(seating.cancelled)
    assert everyone == seating.arrivals


def play(seating: Seating, step: tuple[str, int]) -> None:
    """One step on the pure rule, checking that any promotion took the head of the waitlist."""
    kind, value = step
    line = list(seating.waiting)
    if kind == ARRIVE:
        seating.arrive()
        return
    if kind == CANCEL:
        if not seating.arrivals:
            return
        guest = value % seating.arrivals
        promoted = seating.cancel(guest)
        line = [g for g in line if g != guest]
    elif kind == CAPACITY:
        promoted = seating.change_capacity(value) or []
    else:
        promoted = seating.promote()
    assert promoted == line[: len(promoted)], "a promotion skipped the head of the waitlist"


@given(histories)
@example(A_LINE_MOVES)
def test_the_rule_keeps_the_invariants_over_any_history(history: tuple[int, list[tuple[str, int]]]) -> None:
    capacity, sequence = history
    seating = Seating(capacity=capacity)
    for step in sequence:
        play(seating, step)
        check_invariants(seating)


# ---- The same histories through the service layer, on a real database ---------------------------


@dataclass
class Run:
    """One event in the database and the tokens of its guests, by guest number."""

    sessionmaker: async_sessionmaker[AsyncSession]
    settings: EventsSettings
    event_id: int
    tokens: list[str] = field(default_factory=list)


async def _new_event(sessionmaker: async_sessionmaker[AsyncSession], capacity: int) -> int:
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    async with transaction(sessionmaker, write=True) as session:
        event = Event(
            slug=f"seat-rule-{secrets.token_hex(6)}",
            title_fr="Morning de test",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=capacity,
            status=EventStatus.published,
        )
        session.add(event)
        await session.flush()
        assert event.id is not None
        return event.id


async def _arrive(run: Run) -> None:
    """A guest asked (a pending RSVP, as the admission desk writes it) and confirms from the mail."""
    number = len(run.tokens)
    now = datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    async with transaction(run.sessionmaker, write=True) as session:
        session.add(
            Rsvp(
                event_id=run.event_id,
                queue_position=0,
                status=RsvpStatus.pending,
                name=f"Invité {number}",
                email=f"guest{number}@example.ma",
                email_normalised=f"guest{number}@example.ma",
                manage_token=token,
                checkin_token=secrets.token_urlsafe(32),
                consent_at=now,
                confirm_by=now + timedelta(hours=1),
            )
        )
    run.tokens.append(token)
    async with transaction(run.sessionmaker, write=True) as session:
        await rsvp_service.confirm_rsvp(session=session, token=token, settings=run.settings)


async def _apply(run: Run, step: tuple[str, int]) -> list[int]:
    """Play one step through the service; the guest numbers it promoted."""
    kind, value = step
    before = await _read(run)
    if kind == ARRIVE:
        await _arrive(run)
        return []
    try:
        async with transaction(run.sessionmaker, write=True) as session:
            if kind == CANCEL:
                if not run.tokens:
                    return []
                token = run.tokens[value % len(run.tokens)]
                await rsvp_service.cancel_rsvp(session=session, token=token, settings=run.settings)
            elif kind == CAPACITY:
                await event_service.update_event(
                    session=session,
                    event_id=run.event_id,
                    data=EventUpdate(capacity=value),
                    settings=run.settings,
                )
            else:
                event = await rsvp_service.lock_event(session=session, event_id=run.event_id)
                assert event is not None
                await rsvp_service.promote_waitlisted(session=session, event=event, settings=run.settings)
    except Conflict:
        assert kind == CAPACITY  # only a capacity below the confirmed guests is refused
    after = await _read(run)
    return [
        g
        for g, status in after.statuses.items()
        if status == "confirmed" and before.statuses[g] == "waitlisted"
    ]


@dataclass
class Stored:
    capacity: int
    confirmed_count: int
    waitlisted_count: int
    statuses: dict[int, str]  # guest number -> status
    waitlist: list[int]  # guest numbers by waitlist place
    places: list[int]  # the places the service shows, in the same order


async def _read(run: Run) -> Stored:
    number = {token: n for n, token in enumerate(run.tokens)}
    async with transaction(run.sessionmaker, write=False) as session:
        event = (await session.exec(select(Event).where(Event.id == run.event_id))).one()
        rows = (
            await session.exec(
                select(Rsvp).where(Rsvp.event_id == run.event_id).order_by(col(Rsvp.queue_position))
            )
        ).all()
    positions = rsvp_service.waitlist_positions(rows)
    waiting = [r for r in rows if r.status == RsvpStatus.waitlisted]
    return Stored(
        capacity=event.capacity,
        confirmed_count=event.confirmed_count,
        waitlisted_count=event.waitlisted_count,
        statuses={number[r.manage_token]: r.status for r in rows},
        waitlist=[number[r.manage_token] for r in waiting],
        places=[positions[r.id] for r in waiting if r.id is not None],
    )


def check_stored(stored: Stored, seating: Seating) -> None:
    """The database holds what the pure rule says, and its counters are the guests' statuses."""
    assert stored.capacity == seating.capacity
    assert stored.statuses == {g: seating.status_of(g) for g in range(seating.arrivals)}
    assert stored.waitlist == seating.waiting
    assert stored.places == list(range(1, len(seating.waiting) + 1))
    assert stored.confirmed_count == len(seating.seated) <= stored.capacity
    assert stored.waitlisted_count == len(seating.waiting)


async def _play_through_service(url: str, mail_dir: Path, history: tuple[int, list[tuple[str, int]]]) -> None:
    capacity, sequence = history
    run_settings = EventsSettings(database_url=url, log_level="WARNING", mail_dir=str(mail_dir))
    engine = make_async_engine(url)
    try:
        sessionmaker = make_sessionmaker(engine)
        run = Run(sessionmaker, run_settings, await _new_event(sessionmaker, capacity))
        seating = Seating(capacity=capacity)
        for step in sequence:
            promoted = await _apply(run, step)
            expected = list(seating.waiting)
            play(seating, step)
            assert promoted == [g for g in expected if g in seating.seated]
            check_stored(await _read(run), seating)
    finally:
        await engine.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories)
@example(history=A_LINE_MOVES)
def test_the_service_keeps_the_rule_over_any_history(
    databases: DatabaseFactory, tmp_path: Path, history: tuple[int, list[tuple[str, int]]]
) -> None:
    url = databases.fresh_url("events")
    asyncio.run(_play_through_service(url, tmp_path / "mail", history))
