"""The organiser's hand on the guest list: add a guest, move one between the waitlist and a seat,
cancel on a guest's behalf. Every change is recorded (``rsvp_change``: who, when, what) and
e-mailed to the guest, in the transaction of the change.

Seats follow the one seat rule (services/events/seating.py), from the counters read under the
event's lock, through the same counter updates as the guests' own paths (services/events/
rsvp_service.py). What the organiser adds to the rule is a choice, never an overbooking:

- a guest added by hand takes a seat if the rule gives one; when the event is full the
  organiser chooses (``when_full``): ``refuse`` (409 ``event-full``), ``waitlist`` (the end of
  the waitlist), or ``add_seat`` (the capacity grows by one, for this guest, in the same change);
- moving a waitlisted guest to a seat picks that guest over the order of the line (the
  organiser's choice), within the capacity: with no free seat it is ``refuse`` or ``add_seat``;
- moving a confirmed guest back puts them at the end of the waitlist; the seat goes, by the rule,
  to the head of the line (so it needs someone else waiting: else 409 ``nobody-waiting``);
- cancelling on a guest's behalf frees the seat for the head of the line, as a guest's own
  cancellation does.

Asking for what is already so (moving a confirmed guest to a seat, cancelling a cancelled
RSVP) changes nothing, records nothing and e-mails nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import Conflict, FieldError, NotFound
from services.events import clock, rsvp_service
from services.events.config import EventsSettings
from services.events.messages import MessageKind, queue
from services.events.models import Event, EventStatus, Rsvp, RsvpChange, RsvpSource, RsvpStatus
from services.events.seating import allocate


class WhenFull(StrEnum):
    refuse = "refuse"
    waitlist = "waitlist"
    add_seat = "add_seat"


class ChangeAction(StrEnum):
    added = "added"
    confirmed = "confirmed"  # moved from the waitlist to a seat
    waitlisted = "waitlisted"  # moved from a seat back to the waitlist
    cancelled = "cancelled"
    promoted = "promoted"  # took the seat another change freed (the seat rule)
    seat_added = "seat_added"  # the capacity grew by one for this guest


@dataclass
class GuestData:
    name: str
    email: str
    organisation: str = ""
    phone: str | None = None
    language: str = "fr"


@dataclass
class Outcome:
    rsvp: Rsvp
    changed: bool
    promoted: list[Rsvp] = field(default_factory=list)


def _conflict(slug: str, detail: str, field_name: str | None = None) -> Conflict:
    errors = [FieldError(field=field_name, message=detail)] if field_name else None
    return Conflict(detail, slug=slug, errors=errors)


async def _open_event(*, session: AsyncSession, event_id: int, now: datetime) -> Event:
    """The event under its lock, if its guest list can still change."""
    event = await rsvp_service.lock_event(session=session, event_id=event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    if event.status == EventStatus.cancelled:
        raise _conflict("event-cancelled", "The event is cancelled: its guest list no longer changes.")
    if event.status != EventStatus.published:
        raise _conflict("event-not-published", "Publish the event before adding guests to it.")
    if event.ends_at <= now:
        raise _conflict("event-past", "The event is over: its guest list no longer changes.")
    return event


async def _guest_of(*, session: AsyncSession, event: Event, rsvp_id: int) -> Rsvp:
    rsvp = await session.get(Rsvp, rsvp_id, populate_existing=True)
    if rsvp is None or rsvp.event_id != event.id:
        raise NotFound(f"Event {event.id} has no guest {rsvp_id}.")
    return rsvp


def _record(
    session: AsyncSession,
    *,
    event: Event,
    rsvp: Rsvp,
    action: ChangeAction,
    before: str,
    actor: str,
    now: datetime,
) -> None:
    assert event.id is not None and rsvp.id is not None
    session.add(
        RsvpChange(
            event_id=event.id,
            rsvp_id=rsvp.id,
            action=action,
            from_status=before,
            to_status=rsvp.status,
            actor=actor[:200],
            created_at=now,
        )
    )


async def _add_seat(*, session: AsyncSession, event: Event) -> None:
    """One more seat (the organiser's explicit choice for one guest)."""
    await session.exec(
        update(Event).where(col(Event.id) == event.id).values(capacity=col(Event.capacity) + 1)
    )
    await session.refresh(event)


async def _position(*, session: AsyncSession, rsvp: Rsvp) -> int | None:
    return await rsvp_service.waitlist_position(session=session, rsvp=rsvp)


def _tell(
    kind: MessageKind,
    *,
    session: AsyncSession,
    event: Event,
    rsvp: Rsvp,
    settings: EventsSettings,
    position: int | None = None,
) -> None:
    if rsvp.erased_at is None and rsvp.email:
        queue(kind, session=session, event=event, rsvp=rsvp, settings=settings, position=position)


async def _record_promotions(
    session: AsyncSession, *, event: Event, promoted: Sequence[Rsvp], actor: str, now: datetime
) -> None:
    for guest in promoted:
        _record(
            session,
            event=event,
            rsvp=guest,
            action=ChangeAction.promoted,
            before="waitlisted",
            actor=actor,
            now=now,
        )


async def add_guest(
    *,
    session: AsyncSession,
    event_id: int,
    data: GuestData,
    when_full: WhenFull,
    actor: str,
    settings: EventsSettings,
) -> Outcome:
    """Put a guest on the list by hand (``source = organiser``): a seat if the rule gives one."""
    now = clock.now()
    event = await _open_event(session=session, event_id=event_id, now=now)
    assert event.id is not None
    normalised = rsvp_service.normalise_email(data.email)
    rsvp = (
        await session.exec(select(Rsvp).where(Rsvp.event_id == event.id, Rsvp.email_normalised == normalised))
    ).first()
    if rsvp is not None and rsvp.status in (RsvpStatus.confirmed, RsvpStatus.waitlisted):
        raise _conflict(
            "already-listed", f"This address is already on the list ({rsvp.status}).", field_name="email"
        )
    allocation = allocate(
        capacity=event.capacity, taken=event.confirmed_count, waiting=event.waitlisted_count, arriving=1
    )
    seat_added = False
    if not allocation.seated and when_full == WhenFull.refuse:
        raise _conflict(
            "event-full",
            f"All {event.capacity} seats are taken: put the guest on the waitlist or add a seat.",
            field_name="when_full",
        )
    if not allocation.seated and when_full == WhenFull.add_seat:
        await _add_seat(session=session, event=event)
        seat_added = True
        # The seat added is this guest's (the organiser's choice), not the waitlist head's.
        allocation = allocate(capacity=event.capacity, taken=event.confirmed_count, waiting=0, arriving=1)
    before = rsvp.status if rsvp is not None else ""
    position = event.rsvp_sequence + 1
    await rsvp_service._count_seats(
        session=session,
        event=event,
        seated=allocation.promoted + allocation.seated,
        waiting=allocation.waitlisted - allocation.promoted,
        arrived=1,
    )
    # Only when an earlier state left a free seat beside the waitlist: its head goes first.
    promoted = await rsvp_service._seat_waitlisted(
        session=session, event=event, count=allocation.promoted, settings=settings
    )
    confirmed = allocation.seated == 1
    if rsvp is None:
        rsvp = Rsvp(
            event_id=event.id,
            queue_position=position,
            status=RsvpStatus.pending,
            email_normalised=normalised,
            manage_token=rsvp_service.new_token(),
            checkin_token=rsvp_service.new_token(),
            consent_at=now,
            created_at=now,
            name=data.name,
            email=data.email,
        )
    rsvp.name = data.name
    rsvp.email = data.email
    rsvp.organisation = data.organisation
    rsvp.phone = data.phone
    rsvp.language = data.language
    rsvp.source = RsvpSource.organiser
    rsvp.queue_position = position
    rsvp.status = RsvpStatus.confirmed if confirmed else RsvpStatus.waitlisted
    rsvp.confirmed_at = now if confirmed else None
    rsvp.cancelled_at = None
    rsvp.checked_in_at = None
    rsvp.confirm_by = None
    rsvp.updated_at = now
    session.add(rsvp)
    await session.flush()
    _record(session, event=event, rsvp=rsvp, action=ChangeAction.added, before=before, actor=actor, now=now)
    if seat_added:
        _record(
            session,
            event=event,
            rsvp=rsvp,
            action=ChangeAction.seat_added,
            before=before,
            actor=actor,
            now=now,
        )
    await _record_promotions(session, event=event, promoted=promoted, actor=actor, now=now)
    if confirmed:
        _tell(MessageKind.added_by_organiser, session=session, event=event, rsvp=rsvp, settings=settings)
    else:
        place = await _position(session=session, rsvp=rsvp)
        _tell(
            MessageKind.added_waitlisted_by_organiser,
            session=session,
            event=event,
            rsvp=rsvp,
            settings=settings,
            position=place,
        )
    await session.flush()
    return Outcome(rsvp=rsvp, changed=True, promoted=list(promoted))


async def move_guest(
    *,
    session: AsyncSession,
    event_id: int,
    rsvp_id: int,
    to: RsvpStatus,
    when_full: WhenFull,
    actor: str,
    settings: EventsSettings,
) -> Outcome:
    """A waitlisted guest to a seat (the organiser's pick), or a confirmed one back to the waitlist."""
    now = clock.now()
    event = await _open_event(session=session, event_id=event_id, now=now)
    rsvp = await _guest_of(session=session, event=event, rsvp_id=rsvp_id)
    if rsvp.status == to:
        return Outcome(rsvp=rsvp, changed=False)
    if to == RsvpStatus.confirmed:
        return await _to_seat(
            session=session,
            event=event,
            rsvp=rsvp,
            when_full=when_full,
            actor=actor,
            settings=settings,
            now=now,
        )
    return await _to_waitlist(
        session=session, event=event, rsvp=rsvp, actor=actor, settings=settings, now=now
    )


async def _to_seat(
    *,
    session: AsyncSession,
    event: Event,
    rsvp: Rsvp,
    when_full: WhenFull,
    actor: str,
    settings: EventsSettings,
    now: datetime,
) -> Outcome:
    if rsvp.status != RsvpStatus.waitlisted:
        raise _conflict(
            "not-waitlisted", f"This guest is {rsvp.status}, not on the waitlist.", field_name="to"
        )
    # The organiser picks this guest over the order of the line: a free seat is theirs.
    free = allocate(capacity=event.capacity, taken=event.confirmed_count, waiting=0, arriving=1).seated
    seat_added = False
    if not free:
        if when_full != WhenFull.add_seat:
            raise _conflict(
                "event-full",
                f"All {event.capacity} seats are taken: add a seat for this guest, or move a confirmed "
                "guest to the waitlist first.",
                field_name="when_full",
            )
        await _add_seat(session=session, event=event)
        seat_added = True
    await rsvp_service._count_seats(session=session, event=event, seated=1, waiting=-1)
    rsvp.status = RsvpStatus.confirmed
    rsvp.confirmed_at = rsvp.updated_at = now
    session.add(rsvp)
    await session.flush()
    _record(
        session,
        event=event,
        rsvp=rsvp,
        action=ChangeAction.confirmed,
        before="waitlisted",
        actor=actor,
        now=now,
    )
    if seat_added:
        _record(
            session,
            event=event,
            rsvp=rsvp,
            action=ChangeAction.seat_added,
            before="waitlisted",
            actor=actor,
            now=now,
        )
    _tell(MessageKind.promotion, session=session, event=event, rsvp=rsvp, settings=settings)
    await session.flush()
    return Outcome(rsvp=rsvp, changed=True)


async def _to_waitlist(
    *, session: AsyncSession, event: Event, rsvp: Rsvp, actor: str, settings: EventsSettings, now: datetime
) -> Outcome:
    if rsvp.status != RsvpStatus.confirmed:
        raise _conflict("not-confirmed", f"This guest is {rsvp.status}, not confirmed.", field_name="to")
    if rsvp.checked_in_at is not None:
        raise _conflict("already-checked-in", "This guest has already been checked in at the door.")
    if not event.waitlisted_count:
        raise _conflict(
            "nobody-waiting",
            "Nobody else is on the waitlist: the seat would go straight back to this guest.",
            field_name="to",
        )
    # The end of the line; the seat it frees goes to the head of the line (the seat rule).
    await rsvp_service._count_seats(session=session, event=event, seated=-1, waiting=1, arrived=1)
    rsvp.status = RsvpStatus.waitlisted
    rsvp.queue_position = event.rsvp_sequence
    rsvp.confirmed_at = None
    rsvp.updated_at = now
    session.add(rsvp)
    await session.flush()
    promoted = await rsvp_service.promote_waitlisted(session=session, event=event, settings=settings)
    _record(
        session,
        event=event,
        rsvp=rsvp,
        action=ChangeAction.waitlisted,
        before="confirmed",
        actor=actor,
        now=now,
    )
    await _record_promotions(session, event=event, promoted=promoted, actor=actor, now=now)
    place = await _position(session=session, rsvp=rsvp)
    _tell(
        MessageKind.moved_to_waitlist,
        session=session,
        event=event,
        rsvp=rsvp,
        settings=settings,
        position=place,
    )
    await session.flush()
    return Outcome(rsvp=rsvp, changed=True, promoted=promoted)


async def cancel_guest(
    *, session: AsyncSession, event_id: int, rsvp_id: int, actor: str, settings: EventsSettings
) -> Outcome:
    """Cancel on the guest's behalf; the seat goes to the head of the waitlist."""
    now = clock.now()
    event = await _open_event(session=session, event_id=event_id, now=now)
    rsvp = await _guest_of(session=session, event=event, rsvp_id=rsvp_id)
    if rsvp.status == RsvpStatus.cancelled:
        return Outcome(rsvp=rsvp, changed=False)
    if rsvp.checked_in_at is not None:
        raise _conflict("already-checked-in", "This guest has already been checked in at the door.")
    before = rsvp.status
    await rsvp_service._release(session=session, event=event, rsvp=rsvp)
    _record(
        session, event=event, rsvp=rsvp, action=ChangeAction.cancelled, before=before, actor=actor, now=now
    )
    _tell(MessageKind.cancelled_by_organiser, session=session, event=event, rsvp=rsvp, settings=settings)
    promoted = await rsvp_service.promote_waitlisted(session=session, event=event, settings=settings)
    await _record_promotions(session, event=event, promoted=promoted, actor=actor, now=now)
    await session.flush()
    return Outcome(rsvp=rsvp, changed=True, promoted=promoted)


async def history(
    *, session: AsyncSession, event_id: int, rsvp_id: int | None = None
) -> list[tuple[RsvpChange, Rsvp]]:
    """The event's recorded changes, newest first, each with its RSVP (erased ones have no name)."""
    query = (
        select(RsvpChange, Rsvp)
        .join(Rsvp, col(Rsvp.id) == col(RsvpChange.rsvp_id))
        .where(col(RsvpChange.event_id) == event_id)
    )
    if rsvp_id is not None:
        query = query.where(col(RsvpChange.rsvp_id) == rsvp_id)
    rows = await session.exec(query.order_by(col(RsvpChange.id).desc()))
    return [(change, rsvp) for change, rsvp in rows.all()]
