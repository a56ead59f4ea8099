"""RSVPs, waitlist, check-in and personal data: the rules, enforced by the database.

Every write that touches an event's seats first takes that event's row lock
(``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite a write transaction already
holds the database write lock, see services/common/db.py). Who is seated and who
waits is then decided by the one seat rule (services/events/seating.py) from the
counters read under that lock, and written by an ``UPDATE`` that only applies to
those counters; the ``confirmed_count <= capacity`` CHECK constraint backs it up,
so two guests can never hold the same last seat. New guests are admitted (pending,
no seat) in batches by services/events/admissions.py, under the same lock.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, Table, and_, bindparam, cast, func, insert, literal, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import Conflict, NotFound, Problem
from services.events import clock
from services.events.config import EventsSettings
from services.events.messages import MessageKind, compose, queue
from services.events.models import (
    Event,
    EventStatus,
    NewRsvp,
    OutboxMessage,
    OutboxStatus,
    Rsvp,
    RsvpRow,
    RsvpStatus,
)
from services.events.outbox import forget_sink_copies
from services.events.presenters import (
    closed_params,
    closed_slug,
    rsvp_closed_reason,
    rsvp_event_ref,
    rsvp_public,
)
from services.events.schemas import RsvpCreate, RsvpEventRef, RsvpPublic
from services.events.seating import allocate

if TYPE_CHECKING:
    from services.events.admissions import AdmissionDesk


def normalise_email(email: str) -> str:
    return email.strip().lower()


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits, 43 characters


async def lock_event(*, session: AsyncSession, event_id: int) -> Event | None:
    """The event, freshly read under its row lock (held until the transaction ends)."""
    result = await session.exec(
        select(Event).where(Event.id == event_id).with_for_update().execution_options(populate_existing=True)
    )
    return result.first()


async def _adjust(*, session: AsyncSession, event_id: int, **deltas: int) -> None:
    values = {name: getattr(Event, name) + delta for name, delta in deltas.items() if delta}
    if values:
        await session.exec(update(Event).where(col(Event.id) == event_id).values(**values))


async def _count_seats(
    *, session: AsyncSession, event: Event, seated: int, waiting: int, arrived: int = 0
) -> None:
    """Move the event's counters by these deltas (the caller holds the event's lock).

    The UPDATE only applies to the counters the caller read: under the lock they cannot have
    moved, so a miss is a bug, refused rather than written. ``event`` is left showing the new
    counts, so the seat rule can be asked again in the same transaction without a read.
    """
    confirmed = event.confirmed_count + seated
    waitlisted = event.waitlisted_count + waiting
    sequence = event.rsvp_sequence + arrived
    written = await session.exec(
        update(Event)
        .where(
            col(Event.id) == event.id,
            col(Event.confirmed_count) == event.confirmed_count,
            col(Event.waitlisted_count) == event.waitlisted_count,
            col(Event.rsvp_sequence) == event.rsvp_sequence,
        )
        .values(confirmed_count=confirmed, waitlisted_count=waitlisted, rsvp_sequence=sequence)
    )
    if written.rowcount != 1:
        raise RuntimeError(f"event {event.id}: seat counters changed while its lock was held")
    set_committed_value(event, "confirmed_count", confirmed)
    set_committed_value(event, "waitlisted_count", waitlisted)
    set_committed_value(event, "rsvp_sequence", sequence)


def _guest_details(data: RsvpCreate, now: datetime) -> dict[str, Any]:
    """What the guest tells us, as the RSVP's columns."""
    return {
        "name": data.name,
        "email": str(data.email),
        "organisation": data.organisation,
        "phone": data.phone,
        "exporter_id": data.exporter_id,
        "language": data.language,
        "consent_at": now,
    }


def _new_guest(*, event_id: int, data: RsvpCreate, now: datetime) -> NewRsvp:
    """The guest's row, prepared before any lock is taken (tokens, normalised e-mail)."""
    return NewRsvp(
        event_id=event_id,
        email_normalised=normalise_email(str(data.email)),
        manage_token=new_token(),
        checkin_token=new_token(),
        created_at=now,
        updated_at=now,
        **_guest_details(data, now),
    )


async def request_rsvp(*, desk: AdmissionDesk, event_id: int, data: RsvpCreate, client: str) -> None:
    """Ask for a seat: the guest is e-mailed a link to confirm (or, if known, their manage link).

    Nothing is answered that tells a registered e-mail from a new one; no seat is taken until
    the guest confirms from their mailbox (:func:`confirm_rsvp`).
    """
    await desk.admit(_new_guest(event_id=event_id, data=data, now=clock.now()), client=client)


class Gone(Problem):
    status = 410
    slug = "gone"


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A guest's RSVP as their confirm left it (or found it: confirming twice is harmless)."""

    rsvp: RsvpRow
    event: RsvpEventRef
    waitlist_position: int | None

    def public(self) -> RsvpPublic:
        return rsvp_public(self.rsvp, self.event, self.waitlist_position)


_RSVPS: Table = Rsvp.__table__  # type: ignore[attr-defined]
_OUTBOX: Table = OutboxMessage.__table__  # type: ignore[attr-defined]
# Built once: a batch of confirms only changes their parameters.
_EVENTS_OF_TOKENS = sa_select(_RSVPS.c.event_id).where(
    _RSVPS.c.manage_token.in_(bindparam("tokens", expanding=True))
)
_RSVPS_OF_TOKENS = sa_select(_RSVPS).where(_RSVPS.c.manage_token.in_(bindparam("tokens", expanding=True)))
_CONFIRM = (
    update(_RSVPS)
    .where(_RSVPS.c.id == bindparam("b_id"), _RSVPS.c.status == RsvpStatus.pending)
    .values(
        status=bindparam("b_status"),
        queue_position=bindparam("b_position"),
        confirmed_at=bindparam("b_confirmed_at"),
        confirm_by=None,
        updated_at=bindparam("b_now"),
    )
)
_WAITLIST = (
    sa_select(_RSVPS.c.id)
    .where(_RSVPS.c.event_id == bindparam("event"), _RSVPS.c.status == RsvpStatus.waitlisted)
    .order_by(_RSVPS.c.queue_position, _RSVPS.c.id)
)
_QUEUE_MESSAGES = insert(_OUTBOX)


def _unknown_link() -> NotFound:
    return NotFound("No RSVP with this link; it may have been mistyped.")


async def confirm_many(
    *, session: AsyncSession, tokens: Sequence[str], settings: EventsSettings
) -> list[Confirmation | Problem]:
    """Guests confirm from their mailbox, in this order: a seat while one is free, else the waitlist.

    One transaction for all of them (the caller's, a write one): each event's lock is taken
    once, in event id order; the seat rule (services/events/seating.py) is asked once per event
    for all its arriving guests, which it seats or waitlists in arrival order exactly as it
    would one by one; their rows, the counters and their e-mails are written by one statement
    each. Each guest gets their own answer: their RSVP, or the problem that is theirs alone
    (an unknown link, RSVPs closed, an expired link), and a problem writes nothing. A guest
    who is not pending (confirmed twice, or twice in the same batch) gets their RSVP unchanged.
    """
    connection = await session.connection()
    wanted = list(dict.fromkeys(tokens))
    event_ids = sorted(set((await connection.execute(_EVENTS_OF_TOKENS, {"tokens": wanted})).scalars()))
    events: dict[int, Event] = {}
    for event_id in event_ids:
        event = await lock_event(session=session, event_id=event_id)
        assert event is not None  # an RSVP goes with its event (ON DELETE CASCADE)
        events[event_id] = event
    # Read under the locks: another process may have confirmed one of them meanwhile.
    found = {
        row.manage_token: NewRsvp(**row._mapping)
        for row in await connection.execute(_RSVPS_OF_TOKENS, {"tokens": wanted})
    }
    now = clock.now()
    outcomes: list[RsvpRow | Problem] = []
    arriving: dict[int, list[RsvpRow]] = {}
    taken: set[str] = set()
    for token in tokens:
        rsvp = found.get(token)
        if rsvp is None:
            outcomes.append(_unknown_link())
            continue
        if rsvp.status != RsvpStatus.pending or token in taken:
            outcomes.append(rsvp)  # as it is (or, twice in the batch, as the first confirm leaves it)
            continue
        event = events[rsvp.event_id]
        reason = rsvp_closed_reason(event, now)
        if reason is not None:
            outcomes.append(
                Conflict(
                    reason,
                    title="RSVPs are not open for this event",
                    slug=closed_slug(event, now),
                    params=closed_params(event, now),
                )
            )
            continue
        if rsvp.confirm_by is None or rsvp.confirm_by <= now:
            outcomes.append(
                Gone(
                    "This confirmation link has expired; RSVP again to get a new one.",
                    slug="confirmation-expired",
                )
            )
            continue
        arriving.setdefault(rsvp.event_id, []).append(rsvp)
        taken.add(token)
        outcomes.append(rsvp)
    rows: list[dict[str, Any]] = []
    messages: list[dict[str, Any]] = []
    for event_id, guests in arriving.items():
        event = events[event_id]
        allocation = allocate(
            capacity=event.capacity,
            taken=event.confirmed_count,
            waiting=event.waitlisted_count,
            arriving=len(guests),
        )
        first = event.rsvp_sequence + 1
        await _count_seats(
            session=session,
            event=event,
            seated=allocation.promoted + allocation.seated,
            waiting=allocation.waitlisted - allocation.promoted,
            arrived=len(guests),
        )
        # Only when an earlier state left a free seat beside the waitlist: its head goes first.
        await _seat_waitlisted(session=session, event=event, count=allocation.promoted, settings=settings)
        for place, guest in enumerate(guests):
            confirmed = place < allocation.seated
            guest.status = RsvpStatus.confirmed if confirmed else RsvpStatus.waitlisted
            guest.queue_position = first + place
            guest.confirmed_at = now if confirmed else None
            guest.confirm_by = None
            guest.updated_at = now
            rows.append(
                {
                    "b_id": guest.id,
                    "b_status": guest.status,
                    "b_position": guest.queue_position,
                    "b_confirmed_at": guest.confirmed_at,
                    "b_now": now,
                }
            )
            kind = MessageKind.confirmation if confirmed else MessageKind.waitlisted
            messages.append(compose(kind, event=event, rsvp=guest, settings=settings))
    if rows:
        written = await connection.execute(_CONFIRM, rows)
        if written.rowcount not in (len(rows), -1):
            raise RuntimeError("an RSVP changed while its event's lock was held")
        await connection.execute(_QUEUE_MESSAGES, messages)
    refs = {event_id: rsvp_event_ref(event) for event_id, event in events.items()}
    places: dict[int, dict[int, int]] = {}
    for event_id in {o.event_id for o in outcomes if not isinstance(o, Problem) and o.status == "waitlisted"}:
        line = (await connection.execute(_WAITLIST, {"event": event_id})).scalars()
        places[event_id] = {rsvp_id: place for place, rsvp_id in enumerate(line, start=1)}
    return [
        outcome
        if isinstance(outcome, Problem)
        else Confirmation(
            rsvp=outcome,
            event=refs[outcome.event_id],
            waitlist_position=places.get(outcome.event_id, {}).get(outcome.id or 0)
            if outcome.status == RsvpStatus.waitlisted
            else None,
        )
        for outcome in outcomes
    ]


async def confirm_rsvp(*, session: AsyncSession, token: str, settings: EventsSettings) -> Confirmation:
    """One guest confirms (see :func:`confirm_many`); their problem is raised."""
    [outcome] = await confirm_many(session=session, tokens=[token], settings=settings)
    if isinstance(outcome, Problem):
        raise outcome
    return outcome


async def get_by_manage_token(*, session: AsyncSession, token: str) -> Rsvp:
    rsvp = (await session.exec(select(Rsvp).where(Rsvp.manage_token == token))).first()
    if rsvp is None:
        raise NotFound("No RSVP with this link; it may have been mistyped.")
    return rsvp


def waitlist_positions(rsvps: Iterable[Rsvp]) -> dict[int, int]:
    """THE waitlist rule, for the guest's page, the desk and the CSV alike: rsvp id -> place.

    Waitlisted guests in arrival order; 1 is the next to be promoted.
    """
    waiting = sorted(
        (r for r in rsvps if r.status == RsvpStatus.waitlisted),
        key=lambda r: (r.queue_position, r.id or 0),
    )
    return {r.id: place for place, r in enumerate(waiting, start=1) if r.id is not None}


async def waitlist_position(*, session: AsyncSession, rsvp: Rsvp) -> int | None:
    """The guest's place by :func:`waitlist_positions`' order, counted by the database (indexed)."""
    if rsvp.status != RsvpStatus.waitlisted or rsvp.id is None:
        return None
    ahead = (
        await session.exec(
            select(func.count())
            .select_from(Rsvp)
            .where(
                Rsvp.event_id == rsvp.event_id,
                Rsvp.status == RsvpStatus.waitlisted,
                or_(
                    col(Rsvp.queue_position) < rsvp.queue_position,
                    and_(col(Rsvp.queue_position) == rsvp.queue_position, col(Rsvp.id) < rsvp.id),
                ),
            )
        )
    ).one()
    return int(ahead) + 1


def _waitlist_order() -> tuple[Any, ...]:
    return (col(Rsvp.queue_position), col(Rsvp.id))


async def promote_waitlisted(*, session: AsyncSession, event: Event, settings: EventsSettings) -> list[Rsvp]:
    """Give every free seat to the waitlist, by the seat rule. Caller holds the lock.

    ``event`` must show the current counters (as :func:`lock_event` and :func:`_release` leave it).
    """
    if event.status != EventStatus.published or event.ends_at <= clock.now():
        return []
    allocation = allocate(
        capacity=event.capacity, taken=event.confirmed_count, waiting=event.waitlisted_count
    )
    if not allocation.promoted:
        return []
    await _count_seats(session=session, event=event, seated=allocation.promoted, waiting=-allocation.promoted)
    return await _seat_waitlisted(session=session, event=event, count=allocation.promoted, settings=settings)


async def _seat_waitlisted(
    *, session: AsyncSession, event: Event, count: int, settings: EventsSettings
) -> list[Rsvp]:
    """Confirm the first ``count`` waitlisted guests, whose seats the counters already hold."""
    if not count:
        return []
    head = (
        await session.exec(
            select(Rsvp)
            .where(Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.waitlisted)
            .order_by(*_waitlist_order())
            .limit(count)
        )
    ).all()
    now = clock.now()
    for guest in head:
        guest.status = RsvpStatus.confirmed
        guest.confirmed_at = now
        guest.updated_at = now
        session.add(guest)
    await session.flush()
    for guest in head:
        queue(MessageKind.promotion, session=session, event=event, rsvp=guest, settings=settings)
    await session.flush()
    return list(head)


async def _release(*, session: AsyncSession, event: Event, rsvp: Rsvp) -> None:
    """Cancel an active RSVP and free its seat or waitlist place (caller holds the lock)."""
    now = clock.now()
    if rsvp.status == RsvpStatus.confirmed:
        await _count_seats(session=session, event=event, seated=-1, waiting=0)
    elif rsvp.status == RsvpStatus.waitlisted:
        await _count_seats(session=session, event=event, seated=0, waiting=-1)
    rsvp.status = RsvpStatus.cancelled
    rsvp.cancelled_at = now
    rsvp.updated_at = now
    session.add(rsvp)
    await session.flush()


async def cancel_rsvp(*, session: AsyncSession, token: str, settings: EventsSettings) -> Rsvp:
    """The guest cancels; the seat goes to the first waitlisted guest. Cancelling twice is harmless."""
    rsvp = await get_by_manage_token(session=session, token=token)
    event = await lock_event(session=session, event_id=rsvp.event_id)
    assert event is not None
    await session.refresh(rsvp)
    if rsvp.status == RsvpStatus.cancelled:
        return rsvp
    if event.ends_at <= clock.now():
        raise Conflict("The event is over; there is nothing left to cancel.", slug="event-past")
    if rsvp.checked_in_at is not None:
        raise Conflict("This guest has already been checked in at the door.", slug="already-checked-in")
    await _release(session=session, event=event, rsvp=rsvp)
    queue(MessageKind.cancellation, session=session, event=event, rsvp=rsvp, settings=settings)
    await promote_waitlisted(session=session, event=event, settings=settings)
    return rsvp


def _erase_values() -> dict[str, object]:
    return {
        "name": "",
        "email": "",
        # Keeps (event_id, email_normalised) unique while freeing the address.
        "email_normalised": literal("erased:").concat(cast(col(Rsvp.id), String)),
        "organisation": "",
        "phone": None,
        "exporter_id": None,
    }


# Tables that held an erased guest's data: their old row versions are released from disk
# after the erasure commits (services.common.db.release_erased_data).
ERASED_TABLES = ("rsvp", "outbox_message")


async def _scrub_outbox(
    *,
    session: AsyncSession,
    rsvp_ids: Sequence[int] | None,
    event_ids: Sequence[int],
    settings: EventsSettings | None = None,
) -> None:
    """Unsent messages to erased guests are dropped; sent ones lose the address and the text.

    Copies kept by the development mail sink (EVENTS_MAIL_DIR) are deleted as well.
    """
    where = (
        col(OutboxMessage.rsvp_id).in_(rsvp_ids)
        if rsvp_ids is not None
        else col(OutboxMessage.event_id).in_(event_ids)
    )
    if settings is not None:
        message_ids = (await session.exec(select(OutboxMessage.message_id).where(where))).all()
        forget_sink_copies(Path(settings.mail_dir), list(message_ids))
    await session.exec(
        update(OutboxMessage)
        .where(where, col(OutboxMessage.status).in_([OutboxStatus.pending, OutboxStatus.failed]))
        .values(status=OutboxStatus.failed, last_error="personal data erased before sending")
    )
    await session.exec(
        update(OutboxMessage).where(where).values(to_address="", body_text="", subject="", last_error="")
    )


async def erase_rsvp(*, session: AsyncSession, token: str, settings: EventsSettings) -> Rsvp:
    """The guest erases their personal data: the RSVP is cancelled (seat freed) and emptied."""
    rsvp = await get_by_manage_token(session=session, token=token)
    event = await lock_event(session=session, event_id=rsvp.event_id)
    assert event is not None
    await session.refresh(rsvp)
    if rsvp.erased_at is not None:
        return rsvp
    was_active = rsvp.status != RsvpStatus.cancelled
    if was_active and rsvp.checked_in_at is None and event.ends_at > clock.now():
        await _release(session=session, event=event, rsvp=rsvp)
        await promote_waitlisted(session=session, event=event, settings=settings)
    now = clock.now()
    await session.exec(
        update(Rsvp).where(col(Rsvp.id) == rsvp.id).values(**_erase_values(), erased_at=now, updated_at=now)
    )
    assert rsvp.id is not None
    await _scrub_outbox(session=session, rsvp_ids=[rsvp.id], event_ids=[], settings=settings)
    await session.refresh(rsvp)
    return rsvp


async def purge_personal_data(
    *,
    session: AsyncSession,
    older_than_days: int,
    at: datetime | None = None,
    settings: EventsSettings | None = None,
) -> tuple[int, int]:
    """Erase guests' personal data of events that ended more than ``older_than_days`` ago.

    Statuses, check-ins and the event's counters stay, so attendance figures survive.
    Returns (events purged, RSVPs erased).
    """
    moment = at or clock.now()
    cutoff = moment - timedelta(days=older_than_days)
    event_ids = list(
        (
            await session.exec(
                select(Event.id).where(
                    col(Event.ends_at) < cutoff, col(Event.personal_data_purged_at).is_(None)
                )
            )
        ).all()
    )
    if not event_ids:
        return 0, 0
    erased = await session.exec(
        update(Rsvp)
        .where(col(Rsvp.event_id).in_(event_ids), col(Rsvp.erased_at).is_(None))
        .values(**_erase_values(), erased_at=moment, updated_at=moment)
    )
    await _scrub_outbox(
        session=session, rsvp_ids=None, event_ids=[i for i in event_ids if i is not None], settings=settings
    )
    await session.exec(
        update(Event).where(col(Event.id).in_(event_ids)).values(personal_data_purged_at=moment)
    )
    return len(event_ids), int(erased.rowcount)


async def cancelled_count(*, session: AsyncSession, event_id: int) -> int:
    return int(
        (
            await session.exec(
                select(func.count())
                .select_from(Rsvp)
                .where(Rsvp.event_id == event_id, Rsvp.status == RsvpStatus.cancelled)
            )
        ).one()
    )


async def attendees(*, session: AsyncSession, event_id: int) -> Sequence[Rsvp]:
    """Every RSVP of the event: confirmed first, then the waitlist, in arrival order.

    Pending requests are not guests yet (nobody confirmed them from a mailbox): not listed.
    """
    order = {RsvpStatus.confirmed.value: 0, RsvpStatus.waitlisted.value: 1, RsvpStatus.cancelled.value: 2}
    rows = (
        await session.exec(
            select(Rsvp)
            .where(Rsvp.event_id == event_id, Rsvp.status != RsvpStatus.pending)
            .order_by(col(Rsvp.queue_position))
        )
    ).all()
    return sorted(rows, key=lambda r: (order.get(r.status, 3), r.queue_position))
