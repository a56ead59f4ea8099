"""The organiser's guest list: add a guest by hand, move one, cancel for one, and the history."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, status
from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from services.common.auth import Staff
from services.common.errors import PROBLEM_RESPONSES
from services.events import clock, guest_list, rsvp_service
from services.events.api.deps import EventId, SessionDep, SettingsDep
from services.events.models import RsvpStatus
from services.events.presenters import attendee
from services.events.schemas import Attendee, Name, Phone, Text200

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["guests"])

RsvpId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The guest's RSVP id")]
WhenFullLiteral = Literal["refuse", "waitlist", "add_seat"]


class GuestAdd(BaseModel):
    """A guest the organiser puts on the list (``source = organiser``; no double opt-in)."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    email: EmailStr
    organisation: Text200 = ""
    phone: Phone | None = None
    language: Literal["fr", "en", "ar"] = "fr"
    when_full: WhenFullLiteral = Field(
        "refuse",
        description="With no free seat: `refuse` (409 `event-full`), `waitlist` (the end of the line), "
        "or `add_seat` (the capacity grows by one for this guest)",
    )

    @field_validator("email", mode="before")
    @classmethod
    def _strip_email(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


class GuestMove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: Literal["confirmed", "waitlisted"] = Field(
        description="`confirmed`: this waitlisted guest takes a free seat (the organiser's pick); "
        "`waitlisted`: this confirmed guest goes to the end of the waitlist, the seat to its head"
    )
    when_full: Literal["refuse", "add_seat"] = Field(
        "refuse", description="Moving to a seat with none free: `refuse` (409 `event-full`) or `add_seat`"
    )


class GuestOutcome(BaseModel):
    guest: Attendee
    changed: bool = Field(description="False when the guest already was so: nothing recorded, no e-mail")
    promoted: list[int] = Field(description="RSVP ids of waitlisted guests who took a seat the change freed")


class GuestChange(BaseModel):
    id: int
    rsvp_id: int
    guest_name: str = Field(description="Empty once the guest's personal data is erased")
    action: Literal["added", "confirmed", "waitlisted", "cancelled", "promoted", "seat_added"]
    from_status: str
    to_status: str
    actor: str = Field(description="The organiser's account")
    at: datetime
    at_local: str = Field(description="YYYY-MM-DD HH:MM in Africa/Casablanca")


async def _outcome(session: SessionDep, outcome: guest_list.Outcome) -> GuestOutcome:
    rsvp = outcome.rsvp
    place = await rsvp_service.waitlist_position(session=session, rsvp=rsvp)
    return GuestOutcome(
        guest=attendee(rsvp, place),
        changed=outcome.changed,
        promoted=[g.id for g in outcome.promoted if g.id is not None],
    )


@router.post(
    "/events/{event_id}/guests",
    status_code=status.HTTP_201_CREATED,
    operation_id="guests.add",
    summary="Add a guest by hand: a seat if one is free, else refused, waitlisted or a seat added",
)
async def add_guest(
    session: SessionDep, settings: SettingsDep, staff: Staff, event_id: EventId, data: GuestAdd
) -> GuestOutcome:
    outcome = await guest_list.add_guest(
        session=session,
        event_id=event_id,
        data=guest_list.GuestData(
            name=data.name,
            email=str(data.email),
            organisation=data.organisation,
            phone=data.phone,
            language=data.language,
        ),
        when_full=guest_list.WhenFull(data.when_full),
        actor=staff.sub,
        settings=settings,
    )
    return await _outcome(session, outcome)


@router.post(
    "/events/{event_id}/guests/{rsvp_id}/move",
    operation_id="guests.move",
    summary="Move a guest from the waitlist to a seat, or back to the waitlist",
)
async def move_guest(
    session: SessionDep,
    settings: SettingsDep,
    staff: Staff,
    event_id: EventId,
    rsvp_id: RsvpId,
    data: GuestMove,
) -> GuestOutcome:
    outcome = await guest_list.move_guest(
        session=session,
        event_id=event_id,
        rsvp_id=rsvp_id,
        to=RsvpStatus(data.to),
        when_full=guest_list.WhenFull(data.when_full),
        actor=staff.sub,
        settings=settings,
    )
    return await _outcome(session, outcome)


@router.post(
    "/events/{event_id}/guests/{rsvp_id}/cancel",
    operation_id="guests.cancel",
    summary="Cancel a guest's RSVP on their behalf; the seat goes to the head of the waitlist",
)
async def cancel_guest(
    session: SessionDep, settings: SettingsDep, staff: Staff, event_id: EventId, rsvp_id: RsvpId
) -> GuestOutcome:
    outcome = await guest_list.cancel_guest(
        session=session, event_id=event_id, rsvp_id=rsvp_id, actor=staff.sub, settings=settings
    )
    return await _outcome(session, outcome)


@router.get(
    "/events/{event_id}/guests/history",
    operation_id="guests.history",
    summary="Who changed the guest list, when, and what (newest first)",
)
async def guest_history(
    session: SessionDep,
    _staff: Staff,
    event_id: EventId,
    rsvp_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="Only this guest")] = None,
) -> list[GuestChange]:
    from services.events.api.organisers import _existing

    await _existing(session, event_id)
    rows = await guest_list.history(session=session, event_id=event_id, rsvp_id=rsvp_id)
    return [
        GuestChange(
            id=change.id or 0,
            rsvp_id=change.rsvp_id,
            guest_name=rsvp.name if rsvp.erased_at is None else "",
            action=change.action,
            from_status=change.from_status,
            to_status=change.to_status,
            actor=change.actor,
            at=change.created_at,
            at_local=f"{clock.local(change.created_at):%Y-%m-%d %H:%M}",
        )
        for change, rsvp in rows
    ]
