"""The door: check-in at the event's entrance, from phones that may lose the network.

- A check-in is one conditional ``UPDATE`` (``checked_in_at IS NULL``): two doors scanning the
  same QR code at once write it once and count it once; the second hears when the first was.
- Every check-in and undo is written to ``checkin_log`` (who, when, which door). Door devices
  that worked offline send their check-ins later in a batch (:func:`sync`); each carries an id
  the device made, so a batch sent again changes nothing, and the time it happened, so the
  order of arrival does not matter: the earliest check-in since the last undo is the one that
  counts (ties: the lower device id), and each item is told whether it is that one.
- A walk-in takes a seat by THE seat rule (services/events/seating.py), under the event's lock
  like every other path that seats a guest; no seat, no walk-in (409 ``event-full``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import Conflict, NotFound
from services.common.text import fold as text_fold
from services.events import clock, qr
from services.events.config import EventsSettings
from services.events.door_schemas import (
    DoorCounts,
    DoorGuest,
    GuestMatch,
    SyncItem,
    SyncItemResult,
    WalkInCreate,
)
from services.events.models import CheckInLog, Event, EventStatus, Rsvp, RsvpSource, RsvpStatus
from services.events.rsvp_service import (
    _count_seats,
    _seat_waitlisted,
    lock_event,
    new_token,
    normalise_email,
)
from services.events.seating import allocate

CHECK_IN = "check_in"
UNDO = "undo"
# A device whose clock runs ahead cannot date a check-in in the future.
CLOCK_SKEW = timedelta(minutes=5)
SEARCH_LIMIT = 20


# --- counts -----------------------------------------------------------------------------------


async def counts(*, session: AsyncSession, event_id: int) -> DoorCounts:
    row = (
        await session.exec(
            select(Event.checked_in_count, Event.confirmed_count)
            .where(Event.id == event_id)
            .execution_options(populate_existing=True)
        )
    ).first()
    if row is None:
        raise NotFound(f"No event with id {event_id}.")
    checked_in, confirmed = row
    return DoorCounts(checked_in=checked_in, expected=confirmed, remaining=max(0, confirmed - checked_in))


async def _count_checked_in(*, session: AsyncSession, event_id: int, delta: int) -> None:
    await session.exec(
        update(Event).where(col(Event.id) == event_id).values(checked_in_count=Event.checked_in_count + delta)
    )


# --- finding guests ---------------------------------------------------------------------------

# After accents are stripped: Arabic letters people type one way or another.
_ARABIC_VARIANTS = str.maketrans({"ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": ""})


def fold(text: str) -> str:
    """Text as search compares it: no case, no accents, no Arabic vowel marks or hamza seats."""
    return text_fold(text).translate(_ARABIC_VARIANTS)


_STATUS_ORDER = {RsvpStatus.confirmed: 0, RsvpStatus.waitlisted: 1, RsvpStatus.cancelled: 2}


async def search(*, session: AsyncSession, event_id: int, query: str) -> list[GuestMatch]:
    """Guests whose name, organisation or e-mail holds every word typed; confirmed guests first."""
    words = fold(query).split()
    if not words:
        return []
    rows = (
        await session.exec(
            select(Rsvp).where(
                Rsvp.event_id == event_id, Rsvp.status != RsvpStatus.pending, col(Rsvp.erased_at).is_(None)
            )
        )
    ).all()
    found = []
    for rsvp in rows:
        name = fold(rsvp.name)
        haystack = f"{name} {fold(rsvp.organisation)} {fold(rsvp.email)}"
        if all(word in haystack for word in words):
            starts = 0 if name.startswith(words[0]) or f" {words[0]}" in name else 1
            found.append(((_STATUS_ORDER.get(RsvpStatus(rsvp.status), 3), starts, name, rsvp.id), rsvp))
    found.sort(key=lambda pair: pair[0])
    return [_match(rsvp) for _, rsvp in found[:SEARCH_LIMIT]]


def _match(rsvp: Rsvp) -> GuestMatch:
    assert rsvp.id is not None
    return GuestMatch(
        rsvp_id=rsvp.id,
        name=rsvp.name,
        organisation=rsvp.organisation,
        email=rsvp.email,
        status=rsvp.status,
        source=rsvp.source,
        checked_in_at=rsvp.checked_in_at,
        checked_in_at_local=clock.local_hhmm(rsvp.checked_in_at) if rsvp.checked_in_at else None,
    )


def code_hash(checkin_token: str) -> str:
    return hashlib.sha256(checkin_token.encode()).hexdigest()


async def guest_list(*, session: AsyncSession, event_id: int) -> list[DoorGuest]:
    """What a door device keeps for offline use: confirmed guests, no e-mail, only a token hash."""
    rows = (
        await session.exec(
            select(Rsvp)
            .where(
                Rsvp.event_id == event_id,
                Rsvp.status == RsvpStatus.confirmed,
                col(Rsvp.erased_at).is_(None),
            )
            .order_by(col(Rsvp.name), col(Rsvp.id))
        )
    ).all()
    return [
        DoorGuest(
            rsvp_id=r.id,
            name=r.name,
            organisation=r.organisation,
            code_hash=code_hash(r.checkin_token),
            checked_in_at=r.checked_in_at,
        )
        for r in rows
    ]


async def _guest(
    *, session: AsyncSession, event_id: int, rsvp_id: int | None = None, token: str | None = None
) -> Rsvp | None:
    query = select(Rsvp).where(Rsvp.event_id == event_id)
    if rsvp_id is not None:
        query = query.where(Rsvp.id == rsvp_id)
    else:
        query = query.where(Rsvp.checkin_token == qr.token_from_scan(token or ""))
    return (await session.exec(query.execution_options(populate_existing=True))).first()


def _admissible(rsvp: Rsvp) -> bool:
    return rsvp.status == RsvpStatus.confirmed and rsvp.erased_at is None


# --- check-in and undo ------------------------------------------------------------------------


@dataclass(frozen=True)
class Admission:
    rsvp: Rsvp
    first_time: bool


async def _mark_arrived(*, session: AsyncSession, rsvp_id: int, at: datetime) -> bool:
    """The one write of a check-in: only a confirmed guest not yet checked in. True if it applied."""
    written = await session.exec(
        update(Rsvp)
        .where(
            col(Rsvp.id) == rsvp_id,
            col(Rsvp.status) == RsvpStatus.confirmed,
            col(Rsvp.erased_at).is_(None),
            col(Rsvp.checked_in_at).is_(None),
        )
        .values(checked_in_at=at, updated_at=clock.now())
    )
    return bool(written.rowcount == 1)


async def check_in(
    *,
    session: AsyncSession,
    event_id: int,
    actor: str,
    rsvp_id: int | None = None,
    token: str | None = None,
    door: str = "",
) -> Admission:
    """Mark a confirmed guest as arrived; a second scan reports the first one, it is not an error."""
    rsvp = await _guest(session=session, event_id=event_id, rsvp_id=rsvp_id, token=token)
    if rsvp is None or rsvp.id is None:
        raise NotFound("No RSVP for this event carries this check-in code.", slug="unknown-guest")
    now = clock.now()
    first = await _mark_arrived(session=session, rsvp_id=rsvp.id, at=now)
    if first:
        await _count_checked_in(session=session, event_id=event_id, delta=1)
        session.add(
            CheckInLog(
                event_id=event_id, rsvp_id=rsvp.id, action=CHECK_IN, happened_at=now, actor=actor, door=door
            )
        )
        await session.flush()
    await session.refresh(rsvp)
    if rsvp.checked_in_at is None or rsvp.erased_at is not None:
        raise Conflict(
            f"This RSVP is {rsvp.status}, not confirmed: the guest has no seat.", slug="not-confirmed"
        )
    return Admission(rsvp, first_time=first)


async def undo(*, session: AsyncSession, event_id: int, rsvp_id: int, actor: str, door: str = "") -> datetime:
    """Take back a mistaken check-in; the undo is logged (who, when). Returns when."""
    await lock_event(session=session, event_id=event_id)
    now = clock.now()
    written = await session.exec(
        update(Rsvp)
        .where(col(Rsvp.id) == rsvp_id, col(Rsvp.event_id) == event_id, col(Rsvp.checked_in_at).is_not(None))
        .values(checked_in_at=None, updated_at=now)
    )
    if written.rowcount != 1:
        if await _guest(session=session, event_id=event_id, rsvp_id=rsvp_id) is None:
            raise NotFound(f"No RSVP {rsvp_id} at this event.", slug="unknown-guest")
        raise Conflict("This guest is not checked in.", slug="not-checked-in")
    await _count_checked_in(session=session, event_id=event_id, delta=-1)
    session.add(
        CheckInLog(event_id=event_id, rsvp_id=rsvp_id, action=UNDO, happened_at=now, actor=actor, door=door)
    )
    await session.flush()
    return now


# --- walk-ins ---------------------------------------------------------------------------------


async def _open_for_walk_ins(*, session: AsyncSession, event_id: int) -> Event:
    event = await lock_event(session=session, event_id=event_id)
    if event is None or event.status == EventStatus.draft:
        raise NotFound(f"No event with id {event_id}.")
    if event.status == EventStatus.cancelled:
        raise Conflict("The event is cancelled.", slug="event-cancelled")
    if event.ends_at <= clock.now():
        raise Conflict("The event is over.", slug="event-past")
    return event


async def walk_in(
    *, session: AsyncSession, event_id: int, data: WalkInCreate, actor: str, settings: EventsSettings
) -> Rsvp:
    """A guest without an RSVP, admitted on the spot if a seat is free (by the seat rule)."""
    event = await _open_for_walk_ins(session=session, event_id=event_id)
    email = str(data.email) if data.email else ""
    normalised = normalise_email(email) if email else f"walk-in:{new_token()}"
    if email:
        known = (
            await session.exec(
                select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.email_normalised == normalised)
            )
        ).first()
        if known is not None:
            raise Conflict(
                "This e-mail is already on the guest list: find the guest by name instead.",
                slug="guest-known",
                extra={"rsvp_id": known.id},
            )
    allocation = allocate(
        capacity=event.capacity, taken=event.confirmed_count, waiting=event.waitlisted_count, arriving=1
    )
    if allocation.seated != 1:
        raise Conflict("No seat is free: the event is full.", slug="event-full")
    position = event.rsvp_sequence + 1
    await _count_seats(
        session=session, event=event, seated=allocation.promoted + 1, waiting=-allocation.promoted, arrived=1
    )
    await _seat_waitlisted(session=session, event=event, count=allocation.promoted, settings=settings)
    now = clock.now()
    rsvp = Rsvp(
        event_id=event_id,
        queue_position=position,
        status=RsvpStatus.confirmed,
        name=data.name,
        email=email,
        email_normalised=normalised,
        organisation=data.organisation,
        source=RsvpSource.walk_in,
        manage_token=new_token(),
        checkin_token=new_token(),
        consent_at=now,
        created_at=now,
        updated_at=now,
        confirmed_at=now,
        checked_in_at=now,
    )
    session.add(rsvp)
    await session.flush()
    assert rsvp.id is not None
    await _count_checked_in(session=session, event_id=event_id, delta=1)
    session.add(
        CheckInLog(
            event_id=event_id, rsvp_id=rsvp.id, action=CHECK_IN, happened_at=now, actor=actor, door=data.door
        )
    )
    await session.flush()
    return rsvp


# --- offline batches --------------------------------------------------------------------------


async def sync(
    *, session: AsyncSession, event_id: int, items: Sequence[SyncItem], actor: str
) -> list[SyncItemResult]:
    """Apply check-ins made at the door (maybe offline): idempotent, in any order.

    Under the event's lock, so two batches of one event do not interleave.
    """
    event = await lock_event(session=session, event_id=event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    return [await _sync_one(session=session, event_id=event_id, item=item, actor=actor) for item in items]


async def _sync_one(*, session: AsyncSession, event_id: int, item: SyncItem, actor: str) -> SyncItemResult:
    rsvp = await _guest(session=session, event_id=event_id, rsvp_id=item.rsvp_id, token=item.token)
    if rsvp is None or rsvp.id is None:
        return _verdict_without_guest(item.client_id, "not_found", "No such guest at this event.")
    row = (
        await session.exec(
            select(CheckInLog).where(CheckInLog.event_id == event_id, CheckInLog.client_id == item.client_id)
        )
    ).first()
    if row is None:  # new: a replay finds its row and changes nothing
        if not _admissible(rsvp):
            return _verdict_without_guest(
                item.client_id, "not_confirmed", "This guest has no seat.", rsvp=rsvp
            )
        at = min(item.happened_at, clock.now())
        row = CheckInLog(
            event_id=event_id,
            rsvp_id=rsvp.id,
            action=CHECK_IN,
            happened_at=at,
            actor=actor,
            client_id=item.client_id,
            door=item.door,
        )
        session.add(row)
        await session.flush()
        await _apply(session=session, event_id=event_id, rsvp=rsvp, at=at)
    return await _verdict(session=session, rsvp=rsvp, row=row)


async def _apply(*, session: AsyncSession, event_id: int, rsvp: Rsvp, at: datetime) -> None:
    """The earliest check-in since the last undo is the one that counts; the count moves once."""
    assert rsvp.id is not None
    undone = await _last_undo(session=session, rsvp_id=rsvp.id)
    if undone is not None and at <= undone:
        return
    if await _mark_arrived(session=session, rsvp_id=rsvp.id, at=at):
        await _count_checked_in(session=session, event_id=event_id, delta=1)
    else:
        await session.exec(
            update(Rsvp)
            .where(col(Rsvp.id) == rsvp.id, col(Rsvp.checked_in_at) > at)
            .values(checked_in_at=at, updated_at=clock.now())
        )
    await session.refresh(rsvp)


async def _last_undo(*, session: AsyncSession, rsvp_id: int) -> datetime | None:
    found = await session.exec(
        select(func.max(CheckInLog.happened_at)).where(
            CheckInLog.rsvp_id == rsvp_id, CheckInLog.action == UNDO
        )
    )
    return found.one()


async def _standing(*, session: AsyncSession, rsvp_id: int, since: datetime | None) -> CheckInLog | None:
    """The check-in that counts: the earliest since the last undo (ties: online first, then device id)."""
    query = select(CheckInLog).where(CheckInLog.rsvp_id == rsvp_id, CheckInLog.action == CHECK_IN)
    if since is not None:
        query = query.where(col(CheckInLog.happened_at) > since)
    query = query.order_by(
        col(CheckInLog.happened_at), func.coalesce(CheckInLog.client_id, ""), col(CheckInLog.id)
    )
    return (await session.exec(query.limit(1))).first()


async def _verdict(*, session: AsyncSession, rsvp: Rsvp, row: CheckInLog) -> SyncItemResult:
    assert rsvp.id is not None and row.client_id is not None
    await session.refresh(rsvp)
    undone = await _last_undo(session=session, rsvp_id=rsvp.id)
    if undone is not None and row.happened_at <= undone:
        return _result(row.client_id, "undone", rsvp, None, "This check-in was undone afterwards.")
    if not _admissible(rsvp) or rsvp.checked_in_at is None:
        return _verdict_without_guest(row.client_id, "not_confirmed", "This guest has no seat.", rsvp=rsvp)
    standing = await _standing(session=session, rsvp_id=rsvp.id, since=undone)
    at = clock.local_hhmm(rsvp.checked_in_at)
    if standing is not None and standing.id == row.id and not rsvp.checked_in_at < row.happened_at:
        return _result(row.client_id, "checked_in", rsvp, row, f"Welcome, {rsvp.name or 'guest'}.")
    door = standing.door if standing is not None else ""
    return _result(row.client_id, "conflict", rsvp, standing, f"Already checked in at {at}.", door=door)


def _result(
    client_id: str,
    result: str,
    rsvp: Rsvp,
    standing: CheckInLog | None,
    message: str,
    door: str | None = None,
) -> SyncItemResult:
    at = rsvp.checked_in_at
    return SyncItemResult(
        client_id=client_id,
        result=result,
        rsvp_id=rsvp.id,
        name=rsvp.name,
        checked_in_at=at,
        checked_in_at_local=clock.local_hhmm(at) if at else None,
        door=door if door is not None else (standing.door if standing else None),
        message=message,
    )


def _verdict_without_guest(
    client_id: str, result: str, message: str, rsvp: Rsvp | None = None
) -> SyncItemResult:
    return SyncItemResult(
        client_id=client_id,
        result=result,
        rsvp_id=rsvp.id if rsvp else None,
        name=rsvp.name if rsvp else "",
        checked_in_at=None,
        checked_in_at_local=None,
        door=None,
        message=message,
    )
