"""RSVPs, waitlist, check-in and personal data: the rules, enforced by the database.

Every write that touches an event's seats first takes that event's row lock
(``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite a write transaction already
holds the database write lock, see services/common/db.py). Seats are then taken
by a conditional ``UPDATE`` that the ``confirmed_count <= capacity`` CHECK
constraint backs up, so two guests can never hold the same last seat. New guests
are admitted in batches by services/events/admissions.py, under the same lock.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, cast, func, literal, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction
from services.common.errors import Conflict, NotFound
from services.events import clock
from services.events.admissions import AdmissionDesk
from services.events.config import EventsSettings
from services.events.messages import MessageKind, queue
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
from services.events.presenters import closed_slug, rsvp_closed_reason
from services.events.schemas import RsvpCreate, RsvpEventRef


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


async def _take_seat(*, session: AsyncSession, event_id: int) -> bool:
    """Confirm one more guest if a seat is free and nobody waits before them."""
    result = await session.exec(
        update(Event)
        .where(
            col(Event.id) == event_id,
            col(Event.confirmed_count) < col(Event.capacity),
            col(Event.waitlisted_count) == 0,
        )
        .values(confirmed_count=col(Event.confirmed_count) + 1)
    )
    return result.rowcount == 1


async def _adjust(*, session: AsyncSession, event_id: int, **deltas: int) -> None:
    values = {name: getattr(Event, name) + delta for name, delta in deltas.items() if delta}
    if values:
        await session.exec(update(Event).where(col(Event.id) == event_id).values(**values))


@dataclass
class RsvpOutcome:
    rsvp: RsvpRow
    created: bool
    event: Event | RsvpEventRef  # the event, or already as the answer shows it
    waitlist_position: int | None = None


def _guest_details(data: RsvpCreate, now: datetime) -> dict[str, Any]:
    """What the guest tells us, as the RSVP's columns (a returning guest's replace the old)."""
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


async def create_rsvp(
    *,
    desk: AdmissionDesk,
    sessionmaker: async_sessionmaker[AsyncSession],
    event_id: int,
    data: RsvpCreate,
    settings: EventsSettings,
) -> RsvpOutcome:
    """Confirm or waitlist a guest; repeating the same e-mail returns the existing RSVP.

    A new e-mail goes through the admission desk (batched with whoever arrives at the same
    moment); one the event already knows is served here, in a transaction of its own.
    """
    admission = await desk.admit(_new_guest(event_id=event_id, data=data, now=clock.now()))
    if admission is not None:
        return RsvpOutcome(
            admission.rsvp, created=True, event=admission.event, waitlist_position=admission.waitlist_position
        )
    async with transaction(sessionmaker, write=True) as session:
        return await _rsvp_again(session=session, event_id=event_id, data=data, settings=settings)


async def _rsvp_again(
    *, session: AsyncSession, event_id: int, data: RsvpCreate, settings: EventsSettings
) -> RsvpOutcome:
    """The general path: the e-mail is known, maybe active (returned as is), maybe cancelled."""
    # One statement takes the row lock, the arrival number and a fresh copy of the event:
    # guests are ordered as the database serialises them.
    event = (
        (
            await session.exec(
                select(Event)
                .from_statement(
                    update(Event)
                    .where(col(Event.id) == event_id, col(Event.status) != EventStatus.draft.value)
                    .values(rsvp_sequence=col(Event.rsvp_sequence) + 1)
                    .returning(Event)
                )
                .execution_options(populate_existing=True)
            )
        )
        .scalars()
        .first()
    )  # type: ignore[attr-defined]
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    sequence, waiting_before = event.rsvp_sequence, event.waitlisted_count
    email_normalised = normalise_email(str(data.email))
    existing = (
        await session.exec(
            select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.email_normalised == email_normalised)
        )
    ).first()
    if existing is not None and existing.status != RsvpStatus.cancelled.value:
        return RsvpOutcome(
            existing,
            created=False,
            event=event,
            waitlist_position=await waitlist_position(session=session, rsvp=existing),
        )
    now = clock.now()
    reason = rsvp_closed_reason(event, now)
    if reason is not None:
        raise Conflict(reason, title="RSVPs are not open for this event", slug=closed_slug(event, now))
    confirmed = await _take_seat(session=session, event_id=event_id)
    if not confirmed:
        await _adjust(session=session, event_id=event_id, waitlisted_count=1)
    status = RsvpStatus.confirmed if confirmed else RsvpStatus.waitlisted
    rsvp = existing or Rsvp(**_new_guest(event_id=event_id, data=data, now=now).columns())
    rsvp.sqlmodel_update(_guest_details(data, now))
    # A cancelled guest who comes back joins the queue again, at the back.
    rsvp.queue_position = sequence
    rsvp.status = status.value
    rsvp.updated_at = now
    rsvp.confirmed_at = now if confirmed else None
    rsvp.cancelled_at = None
    session.add(rsvp)
    await session.flush()
    kind = MessageKind.confirmation if confirmed else MessageKind.waitlisted
    queue(kind, session=session, event=event, rsvp=rsvp, settings=settings)
    await session.flush()
    # Under the lock the newcomer is last in the queue: right behind those already waiting.
    position = None if confirmed else waiting_before + 1
    return RsvpOutcome(rsvp, created=True, event=event, waitlist_position=position)


async def get_by_manage_token(*, session: AsyncSession, token: str) -> Rsvp:
    rsvp = (await session.exec(select(Rsvp).where(Rsvp.manage_token == token))).first()
    if rsvp is None:
        raise NotFound("No RSVP with this link; it may have been mistyped.")
    return rsvp


async def waitlist_position(*, session: AsyncSession, rsvp: Rsvp) -> int | None:
    if rsvp.status != RsvpStatus.waitlisted.value:
        return None
    ahead = (
        await session.exec(
            select(func.count())
            .select_from(Rsvp)
            .where(
                Rsvp.event_id == rsvp.event_id,
                Rsvp.status == RsvpStatus.waitlisted.value,
                col(Rsvp.queue_position) < rsvp.queue_position,
            )
        )
    ).one()
    return int(ahead) + 1


async def promote_waitlisted(*, session: AsyncSession, event: Event, settings: EventsSettings) -> list[Rsvp]:
    """Move waitlisted guests, first come first served, into every free seat. Caller holds the lock."""
    if event.status != EventStatus.published.value or event.ends_at <= clock.now():
        return []
    promoted: list[Rsvp] = []
    while True:
        moved = await session.exec(
            update(Event)
            .where(
                col(Event.id) == event.id,
                col(Event.confirmed_count) < col(Event.capacity),
                col(Event.waitlisted_count) > 0,
            )
            .values(
                confirmed_count=col(Event.confirmed_count) + 1,
                waitlisted_count=col(Event.waitlisted_count) - 1,
            )
        )
        if moved.rowcount != 1:
            break
        guest = (
            await session.exec(
                select(Rsvp)
                .where(Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.waitlisted.value)
                .order_by(col(Rsvp.queue_position))
                .limit(1)
            )
        ).one()
        now = clock.now()
        guest.status = RsvpStatus.confirmed.value
        guest.confirmed_at = now
        guest.updated_at = now
        session.add(guest)
        await session.flush()
        queue(MessageKind.promotion, session=session, event=event, rsvp=guest, settings=settings)
        promoted.append(guest)
    await session.flush()
    return promoted


async def _release(*, session: AsyncSession, event: Event, rsvp: Rsvp) -> None:
    """Cancel an active RSVP and free its seat or waitlist place (caller holds the lock)."""
    now = clock.now()
    if rsvp.status == RsvpStatus.confirmed.value:
        await _adjust(session=session, event_id=event.id, confirmed_count=-1)  # type: ignore[arg-type]
    elif rsvp.status == RsvpStatus.waitlisted.value:
        await _adjust(session=session, event_id=event.id, waitlisted_count=-1)  # type: ignore[arg-type]
    rsvp.status = RsvpStatus.cancelled.value
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
    if rsvp.status == RsvpStatus.cancelled.value:
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


async def _scrub_outbox(
    *, session: AsyncSession, rsvp_ids: Sequence[int] | None, event_ids: Sequence[int]
) -> None:
    """Unsent messages to erased guests are dropped; sent ones lose the address and the text."""
    where = (
        col(OutboxMessage.rsvp_id).in_(rsvp_ids)
        if rsvp_ids is not None
        else col(OutboxMessage.event_id).in_(event_ids)
    )
    await session.exec(
        update(OutboxMessage)
        .where(where, col(OutboxMessage.status).in_([OutboxStatus.pending.value, OutboxStatus.failed.value]))
        .values(status=OutboxStatus.failed.value, last_error="personal data erased before sending")
    )
    await session.exec(update(OutboxMessage).where(where).values(to_address="", body_text="", subject=""))


async def erase_rsvp(*, session: AsyncSession, token: str, settings: EventsSettings) -> Rsvp:
    """The guest erases their personal data: the RSVP is cancelled (seat freed) and emptied."""
    rsvp = await get_by_manage_token(session=session, token=token)
    event = await lock_event(session=session, event_id=rsvp.event_id)
    assert event is not None
    await session.refresh(rsvp)
    if rsvp.erased_at is not None:
        return rsvp
    was_active = rsvp.status != RsvpStatus.cancelled.value
    if was_active and rsvp.checked_in_at is None and event.ends_at > clock.now():
        await _release(session=session, event=event, rsvp=rsvp)
        await promote_waitlisted(session=session, event=event, settings=settings)
    now = clock.now()
    await session.exec(
        update(Rsvp).where(col(Rsvp.id) == rsvp.id).values(**_erase_values(), erased_at=now, updated_at=now)
    )
    await _scrub_outbox(session=session, rsvp_ids=[rsvp.id], event_ids=[])  # type: ignore[list-item]
    await session.refresh(rsvp)
    return rsvp


async def purge_personal_data(
    *, session: AsyncSession, older_than_days: int, at: datetime | None = None
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
    await _scrub_outbox(session=session, rsvp_ids=None, event_ids=event_ids)  # type: ignore[arg-type]
    await session.exec(
        update(Event).where(col(Event.id).in_(event_ids)).values(personal_data_purged_at=moment)
    )
    return len(event_ids), int(erased.rowcount)


@dataclass
class CheckInOutcome:
    rsvp: Rsvp
    first_time: bool


async def check_in(*, session: AsyncSession, event_id: int, token: str) -> CheckInOutcome:
    """Mark a confirmed guest as arrived; a second scan reports the first one, it is not an error."""
    now = clock.now()
    first = await session.exec(
        update(Rsvp)
        .where(
            col(Rsvp.event_id) == event_id,
            col(Rsvp.checkin_token) == token,
            col(Rsvp.status) == RsvpStatus.confirmed.value,
            col(Rsvp.checked_in_at).is_(None),
        )
        .values(checked_in_at=now, updated_at=now)
    )
    if first.rowcount == 1:
        await _adjust(session=session, event_id=event_id, checked_in_count=1)
    rsvp = (
        await session.exec(
            select(Rsvp)
            .where(Rsvp.event_id == event_id, Rsvp.checkin_token == token)
            .execution_options(populate_existing=True)
        )
    ).first()
    if rsvp is None:
        raise NotFound("No RSVP for this event carries this check-in code.")
    if rsvp.checked_in_at is None:
        raise Conflict(
            f"This RSVP is {rsvp.status}, not confirmed: the guest has no seat.", slug="not-confirmed"
        )
    return CheckInOutcome(rsvp, first_time=first.rowcount == 1)


async def cancelled_count(*, session: AsyncSession, event_id: int) -> int:
    return int(
        (
            await session.exec(
                select(func.count())
                .select_from(Rsvp)
                .where(Rsvp.event_id == event_id, Rsvp.status == RsvpStatus.cancelled.value)
            )
        ).one()
    )


async def attendees(*, session: AsyncSession, event_id: int) -> Sequence[Rsvp]:
    """Every RSVP of the event: confirmed first, then the waitlist, in arrival order."""
    order = {RsvpStatus.confirmed.value: 0, RsvpStatus.waitlisted.value: 1, RsvpStatus.cancelled.value: 2}
    rows = (
        await session.exec(select(Rsvp).where(Rsvp.event_id == event_id).order_by(col(Rsvp.queue_position)))
    ).all()
    return sorted(rows, key=lambda r: (order.get(r.status, 3), r.queue_position))
