"""New guests are admitted in batches: one transaction for all who arrive together.

When a Morning's invitation goes out, hundreds of guests RSVP within seconds and every one
of them needs the same lock: the event's row (on SQLite, the database's write lock). Taken
one transaction per guest, the lock is spent on round trips to the database, not on the
few microseconds of work each guest needs, and guests queue for seconds.

So guests queue here instead. While one batch of an event is being written, the guests who
arrive wait for the next one; each batch is a single transaction of six statements whatever
its size: lock the event, ask which of the e-mails it already knows, count the newcomers in,
insert their RSVPs, insert their messages, commit. Seats are given out in arrival order
exactly as if the guests had come one at a time, and nothing is answered before the commit.
With a single guest (the usual case outside a burst) a batch is just that guest's
transaction.

E-mails the event already knows (a repeated click, a guest coming back after cancelling)
are handed back to the caller, which serves them one by one (rsvp_service).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction
from services.common.errors import Conflict, NotFound, Problem
from services.events import clock
from services.events.config import EventsSettings
from services.events.messages import MessageKind, compose
from services.events.models import Event, EventStatus, NewRsvp, OutboxMessage, Rsvp, RsvpStatus
from services.events.presenters import closed_slug, rsvp_closed_reason, rsvp_event_ref
from services.events.schemas import RsvpEventRef

# Bounds the time one batch holds the lock and the size of its statements.
MAX_BATCH = 250


@dataclass
class Admission:
    """What a new guest gets: their RSVP (with its id), the event, their place on the waitlist."""

    rsvp: NewRsvp
    event: RsvpEventRef  # as the guest's answer shows it, built once per batch
    waitlist_position: int | None


@dataclass(eq=False)
class _Arrival:
    guest: NewRsvp
    future: asyncio.Future[Admission | None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class _Refused(Exception):
    """The event turns every guest away (unknown, draft, closed): each gets a problem of their own."""

    def __init__(self, problem: Callable[[], Problem]) -> None:
        super().__init__()
        self.problem = problem


_EVENTS: Table = Event.__table__  # type: ignore[attr-defined]
_RSVPS: Table = Rsvp.__table__  # type: ignore[attr-defined]
_OUTBOX: Table = OutboxMessage.__table__  # type: ignore[attr-defined]

# Built once: under the lock only their parameters change.
_LOCK_EVENT = (
    select(_EVENTS)
    .where(_EVENTS.c.id == bindparam("event"), _EVENTS.c.status != EventStatus.draft.value)
    .with_for_update()  # the row lock on PostgreSQL; SQLite's write lock is already held
)
_KNOWN_EMAILS = select(_RSVPS.c.email_normalised).where(
    _RSVPS.c.event_id == bindparam("event"),
    _RSVPS.c.email_normalised.in_(bindparam("emails", expanding=True)),
)
_COUNT_IN = (
    update(_EVENTS)
    .where(_EVENTS.c.id == bindparam("event"))
    .values(
        rsvp_sequence=_EVENTS.c.rsvp_sequence + bindparam("arrived"),
        confirmed_count=_EVENTS.c.confirmed_count + bindparam("seated"),
        waitlisted_count=_EVENTS.c.waitlisted_count + bindparam("waiting"),
    )
)
_ADD_GUESTS = insert(_RSVPS).returning(_RSVPS.c.id, sort_by_parameter_order=True)
_QUEUE_MESSAGES = insert(_OUTBOX)


class AdmissionDesk:
    """One per process: the queue of new guests, per event, and the task writing each batch."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: EventsSettings) -> None:
        self._sessionmaker = sessionmaker
        self._settings = settings
        self._waiting: dict[int, list[_Arrival]] = {}
        self._writers: dict[int, asyncio.Task[None]] = {}

    async def admit(self, guest: NewRsvp) -> Admission | None:
        """Seat or waitlist a new guest; None when the event already has an RSVP for the e-mail.

        A guest whose request is cancelled before their batch starts is not written.
        """
        arrival = _Arrival(guest)
        event_id = guest.event_id
        self._waiting.setdefault(event_id, []).append(arrival)
        if event_id not in self._writers:
            self._writers[event_id] = asyncio.create_task(self._write(event_id))
        return await arrival.future

    async def _write(self, event_id: int) -> None:
        try:
            while batch := self._next_batch(event_id):
                await self._write_batch(event_id, batch)
        finally:
            # No await between the last look at the queue and this: no guest can be left behind.
            del self._writers[event_id]

    def _next_batch(self, event_id: int) -> list[_Arrival]:
        waiting = self._waiting.pop(event_id, [])
        if len(waiting) > MAX_BATCH:
            self._waiting[event_id] = waiting[MAX_BATCH:]
            waiting = waiting[:MAX_BATCH]
        return [arrival for arrival in waiting if not arrival.future.done()]

    async def _write_batch(self, event_id: int, batch: list[_Arrival]) -> None:
        try:
            async with transaction(self._sessionmaker, write=True) as session:
                admissions = await _admit(session, event_id, [a.guest for a in batch], self._settings)
        except _Refused as refused:
            for arrival in batch:
                _settle(arrival, error=refused.problem())
        except Exception as error:
            if len(batch) == 1:
                _settle(batch[0], error=error)
                return
            # Something unexpected (a constraint, the database): guest by guest, so that an
            # error is only ever the answer to the guest it belongs to.
            for arrival in batch:
                await self._write_batch(event_id, [arrival])
        except BaseException:
            for arrival in batch:
                arrival.future.cancel()
            raise
        else:
            for arrival, admission in zip(batch, admissions, strict=True):
                _settle(arrival, result=admission)


def _settle(
    arrival: _Arrival, *, result: Admission | None = None, error: BaseException | None = None
) -> None:
    if arrival.future.done():  # the guest's request was cancelled meanwhile
        return
    if error is not None:
        arrival.future.set_exception(error)
    else:
        arrival.future.set_result(result)


async def _admit(
    session: AsyncSession, event_id: int, guests: list[NewRsvp], settings: EventsSettings
) -> list[Admission | None]:
    connection = await session.connection()
    found = (await connection.execute(_LOCK_EVENT, {"event": event_id})).one_or_none()
    if found is None:
        raise _Refused(lambda: NotFound(f"No event with id {event_id}."))
    # A row of the event table reads like an Event; building models under the lock would cost
    # more than the statements.
    event = cast(Event, found)
    now = clock.now()
    reason = rsvp_closed_reason(event, now)
    if reason is not None:
        slug = closed_slug(event, now)
        raise _Refused(lambda: Conflict(reason, title="RSVPs are not open for this event", slug=slug))

    emails = [guest.email_normalised for guest in guests]
    known = set((await connection.execute(_KNOWN_EMAILS, {"event": event_id, "emails": emails})).scalars())
    sequence, seated, waiting = event.rsvp_sequence, event.confirmed_count, event.waitlisted_count
    event_ref = rsvp_event_ref(event)
    admissions: list[Admission | None] = []
    rows: list[dict[str, Any]] = []
    admitted: list[NewRsvp] = []
    for guest in guests:
        if guest.email_normalised in known:  # already there, or twice in this batch
            admissions.append(None)
            continue
        known.add(guest.email_normalised)
        sequence += 1
        # As one at a time: a seat while one is free and nobody waits, else the end of the line.
        confirmed = seated < event.capacity and waiting == 0
        if confirmed:
            seated += 1
        else:
            waiting += 1
        guest.queue_position = sequence
        guest.status = (RsvpStatus.confirmed if confirmed else RsvpStatus.waitlisted).value
        guest.confirmed_at = now if confirmed else None
        rows.append(guest.columns())
        admitted.append(guest)
        admissions.append(Admission(guest, event_ref, None if confirmed else waiting))
    if not admitted:
        return admissions

    await connection.execute(
        _COUNT_IN,
        {
            "event": event_id,
            "arrived": len(admitted),
            "seated": seated - event.confirmed_count,
            "waiting": waiting - event.waitlisted_count,
        },
    )
    ids = (await connection.execute(_ADD_GUESTS, rows)).scalars().all()
    messages = []
    for guest, rsvp_id in zip(admitted, ids, strict=True):
        guest.id = rsvp_id
        confirmed = guest.status == RsvpStatus.confirmed.value
        kind = MessageKind.confirmation if confirmed else MessageKind.waitlisted
        messages.append(compose(kind, event=event, rsvp=guest, settings=settings))
    await connection.execute(_QUEUE_MESSAGES, messages)
    return admissions
