"""The door (admin or organiser token): check-in by QR code or by name, undo, walk-ins, offline sync."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from services.common.auth import Staff
from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.events import clock, door
from services.events.api.deps import EventId, SessionDep, SettingsDep
from services.events.door_schemas import (
    CheckInCreate,
    CheckInResult,
    CheckInUndo,
    CheckInUndone,
    DoorCounts,
    DoorGuestList,
    GuestSearchResult,
    SyncBatch,
    SyncResult,
    WalkInAdmitted,
    WalkInCreate,
)
from services.events.models import Event

router = APIRouter(responses=PROBLEM_RESPONSES)
RsvpId = Annotated[int, Path(ge=1, le=2**31 - 1, description="RSVP id")]
NO_STORE = {"Cache-Control": "no-store"}


async def _existing(session: SessionDep, event_id: int) -> None:
    if await session.get(Event, event_id) is None:
        raise NotFound(f"No event with id {event_id}.")


@router.post(
    "/events/{event_id}/checkins",
    operation_id="checkins.create",
    tags=["checkins"],
    summary="Check a guest in by the token of their QR code or by RSVP id; a second time says when",
)
async def check_in(
    session: SessionDep, staff: Staff, event_id: EventId, data: CheckInCreate
) -> CheckInResult:
    await _existing(session, event_id)
    admitted = await door.check_in(
        session=session,
        event_id=event_id,
        actor=staff.sub,
        rsvp_id=data.rsvp_id,
        token=data.token,
        door=data.door,
    )
    rsvp = admitted.rsvp
    assert rsvp.checked_in_at is not None and rsvp.id is not None
    at = clock.local_hhmm(rsvp.checked_in_at)
    return CheckInResult(
        result="checked_in" if admitted.first_time else "already_checked_in",
        message=f"Welcome, {rsvp.name or 'guest'}."
        if admitted.first_time
        else f"Already checked in at {at}.",
        checked_in_at=rsvp.checked_in_at,
        checked_in_at_local=at,
        rsvp_id=rsvp.id,
        name=rsvp.name,
        organisation=rsvp.organisation,
        counts=await door.counts(session=session, event_id=event_id),
    )


@router.post(
    "/events/{event_id}/checkins/{rsvp_id}/undo",
    operation_id="checkins.undo",
    tags=["checkins"],
    summary="Take back a mistaken check-in (logged: who, when)",
)
async def undo_check_in(
    session: SessionDep, staff: Staff, event_id: EventId, rsvp_id: RsvpId, data: CheckInUndo | None = None
) -> CheckInUndone:
    await _existing(session, event_id)
    at = await door.undo(
        session=session, event_id=event_id, rsvp_id=rsvp_id, actor=staff.sub, door=data.door if data else ""
    )
    return CheckInUndone(
        rsvp_id=rsvp_id,
        undone_at=at,
        undone_by=staff.sub,
        counts=await door.counts(session=session, event_id=event_id),
    )


@router.post(
    "/events/{event_id}/checkins/sync",
    operation_id="checkins.sync",
    tags=["checkins"],
    summary="Send check-ins made at the door (maybe offline): idempotent, any order, earliest wins",
)
async def sync_check_ins(session: SessionDep, staff: Staff, event_id: EventId, data: SyncBatch) -> SyncResult:
    results = await door.sync(session=session, event_id=event_id, items=data.items, actor=staff.sub)
    return SyncResult(results=results, counts=await door.counts(session=session, event_id=event_id))


@router.get(
    "/events/{event_id}/door/counts",
    operation_id="checkins.counts",
    tags=["checkins"],
    summary="Live door counts: checked in, expected (confirmed), remaining",
)
async def door_counts(
    session: SessionDep, _staff: Staff, event_id: EventId, response: Response
) -> DoorCounts:
    response.headers.update(NO_STORE)
    return await door.counts(session=session, event_id=event_id)


@router.get(
    "/events/{event_id}/door/guests",
    operation_id="guests.doorList",
    tags=["guests"],
    summary="The door's offline guest list: confirmed guests, name, organisation, hash of their code",
)
async def door_guest_list(
    session: SessionDep, _staff: Staff, event_id: EventId, response: Response
) -> DoorGuestList:
    response.headers.update(NO_STORE)
    counts = await door.counts(session=session, event_id=event_id)
    return DoorGuestList(
        event_id=event_id,
        generated_at=clock.now(),
        counts=counts,
        guests=await door.guest_list(session=session, event_id=event_id),
    )


@router.get(
    "/events/{event_id}/door/search",
    operation_id="guests.search",
    tags=["guests"],
    summary="Find guests by name, organisation or e-mail as you type (case, accents ignored)",
)
async def search_guests(
    session: SessionDep,
    _staff: Staff,
    event_id: EventId,
    response: Response,
    q: Annotated[str, Query(max_length=100, description="Words to find")] = "",
) -> GuestSearchResult:
    response.headers.update(NO_STORE)
    counts = await door.counts(session=session, event_id=event_id)
    return GuestSearchResult(
        query=q, results=await door.search(session=session, event_id=event_id, query=q), counts=counts
    )


@router.post(
    "/events/{event_id}/walk-ins",
    status_code=201,
    operation_id="walkIns.create",
    tags=["checkins"],
    summary="Admit a guest without an RSVP if a seat is free (409 event-full otherwise)",
)
async def create_walk_in(
    session: SessionDep, settings: SettingsDep, staff: Staff, event_id: EventId, data: WalkInCreate
) -> WalkInAdmitted:
    rsvp = await door.walk_in(
        session=session, event_id=event_id, data=data, actor=staff.sub, settings=settings
    )
    assert rsvp.id is not None and rsvp.checked_in_at is not None
    return WalkInAdmitted(
        rsvp_id=rsvp.id,
        name=rsvp.name,
        organisation=rsvp.organisation,
        checked_in_at=rsvp.checked_in_at,
        checked_in_at_local=clock.local_hhmm(rsvp.checked_in_at),
        counts=await door.counts(session=session, event_id=event_id),
    )
