"""Attendance reports for organisers: one event, or a series month by month."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.common.auth import Staff
from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.common.vocabulary import SlugPath
from services.events import attendance, clock, event_service
from services.events.api.deps import EventId, SessionDep
from services.events.models import Event

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["attendance"])


class AttendanceCounts(BaseModel):
    confirmed: int = Field(description="Confirmed guests (every source, walk-ins included)")
    checked_in: int
    no_shows: int = Field(description="Confirmed but never checked in")
    walk_ins: int = Field(description="Admitted at the door without an RSVP (source walk_in)")
    never_promoted: int = Field(description="Still on the waitlist when the event ended")
    cancelled: int
    by_source: dict[str, int] = Field(description="Confirmed guests by source: online, organiser, walk_in")


def _counts(tally: attendance.Tally) -> AttendanceCounts:
    return AttendanceCounts(
        confirmed=tally.confirmed,
        checked_in=tally.checked_in,
        no_shows=tally.no_shows,
        walk_ins=tally.walk_ins,
        never_promoted=tally.never_promoted,
        cancelled=tally.cancelled,
        by_source=dict(tally.by_source),
    )


class EventAttendance(AttendanceCounts):
    event_id: int
    capacity: int
    is_over: bool = Field(description="No-shows are final only once the event is over")


class MonthAttendance(AttendanceCounts):
    month: str = Field(description="YYYY-MM (Casablanca time)")
    events: int


class FrequentGuest(BaseModel):
    email: str = Field(description="Normalised e-mail (guests whose data is erased or purged are not listed)")
    name: str
    organisation: str
    attended: int = Field(description="Events of the series the guest was checked in at")


class FrequentCompany(BaseModel):
    organisation: str
    attended: int = Field(description="Check-ins of the company's guests")
    guests: int = Field(description="Different guests of the company")


class SeriesAttendance(BaseModel):
    series: str
    events: int = Field(description="Published events of the series that have started")
    total: AttendanceCounts
    months: list[MonthAttendance]
    guests: list[FrequentGuest]
    companies: list[FrequentCompany]


@router.get(
    "/events/{event_id}/attendance",
    operation_id="attendance.event",
    summary="After the event: confirmed, checked in, no-shows, walk-ins, waitlist never promoted",
)
async def event_attendance(session: SessionDep, _staff: Staff, event_id: EventId) -> EventAttendance:
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    tally = (await attendance.tallies(session=session, event_ids=[event_id]))[event_id]
    return EventAttendance(
        event_id=event_id,
        capacity=event.capacity,
        is_over=event.ends_at <= clock.now(),
        **_counts(tally).model_dump(),
    )


@router.get(
    "/series/{slug}/attendance",
    operation_id="attendance.series",
    summary="A series month by month, and the guests and companies that come most often",
)
async def series_attendance(session: SessionDep, _staff: Staff, slug: SlugPath) -> SeriesAttendance:
    series = await event_service.get_series_by_slug(session=session, slug=slug)
    if series is None:
        raise NotFound(f"No event series with slug '{slug}'.")
    report = await attendance.series_attendance(session=session, series=series)
    return SeriesAttendance(
        series=series.slug,
        events=report.events,
        total=_counts(report.total),
        months=[
            MonthAttendance(month=m.month, events=m.events, **_counts(m.tally).model_dump())
            for m in report.months
        ],
        guests=[
            FrequentGuest(email=g.email, name=g.name, organisation=g.organisation, attended=g.attended)
            for g in report.guests
        ],
        companies=[
            FrequentCompany(organisation=c.organisation, attended=c.attended, guests=c.guests)
            for c in report.companies
        ],
    )
