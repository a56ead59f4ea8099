"""Organisers (admin or organiser token): programme, publication, the door, lists, GDPR purge."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Response, status

from services.common.auth import Staff
from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.events import clock, event_service, qr, rsvp_service
from services.events.api.deps import EventId, SessionDep, SettingsDep
from services.events.models import Event
from services.events.presenters import attendee, event_public, series_public
from services.events.registry_client import check_exporter
from services.events.schemas import (
    Attendee,
    CheckInRequest,
    CheckInResult,
    EventCancel,
    EventCounts,
    EventCreate,
    EventPublic,
    EventUpdate,
    PurgeRequest,
    PurgeResult,
    SeriesCreate,
    SeriesPublic,
)

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["organisers"])


async def _full(session, event_id: int) -> EventPublic:  # type: ignore[no-untyped-def]
    event = await event_service.get_event(session=session, event_id=event_id, include_drafts=True)
    assert event is not None
    return event_public(event)


async def _existing(session, event_id: int) -> Event:  # type: ignore[no-untyped-def]
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    return event


async def _check_speakers(settings, data: EventCreate | EventUpdate) -> None:  # type: ignore[no-untyped-def]
    for index, speaker in enumerate(data.speakers or []):
        if speaker.exporter_id is not None:
            await check_exporter(settings, speaker.exporter_id, field=f"speakers.{index}.exporter_id")
    for p_index, panel in enumerate(data.panels or []):
        for index, speaker in enumerate(panel.speakers):
            if speaker.exporter_id is not None:
                await check_exporter(
                    settings, speaker.exporter_id, field=f"panels.{p_index}.speakers.{index}.exporter_id"
                )


@router.post("/series", status_code=status.HTTP_201_CREATED, summary="Create an event series")
async def create_series(session: SessionDep, _staff: Staff, data: SeriesCreate) -> SeriesPublic:
    return series_public(await event_service.create_series(session=session, data=data))


@router.post("/events", status_code=status.HTTP_201_CREATED, summary="Create an event (as a draft)")
async def create_event(
    session: SessionDep, settings: SettingsDep, _staff: Staff, data: EventCreate
) -> EventPublic:
    await _check_speakers(settings, data)
    event = await event_service.create_event(session=session, data=data)
    return await _full(session, event.id)  # type: ignore[arg-type]


@router.patch("/events/{event_id}", summary="Edit an event; raising the capacity promotes waitlisted guests")
async def update_event(
    session: SessionDep, settings: SettingsDep, _staff: Staff, event_id: EventId, data: EventUpdate
) -> EventPublic:
    await _check_speakers(settings, data)
    await event_service.update_event(session=session, event_id=event_id, data=data, settings=settings)
    return await _full(session, event_id)


@router.post("/events/{event_id}/publish", summary="Publish a draft: the public sees it and can RSVP")
async def publish_event(session: SessionDep, _staff: Staff, event_id: EventId) -> EventPublic:
    await event_service.publish_event(session=session, event_id=event_id)
    return await _full(session, event_id)


@router.post("/events/{event_id}/cancel", summary="Cancel an event and e-mail every guest")
async def cancel_event(
    session: SessionDep, settings: SettingsDep, _staff: Staff, event_id: EventId, data: EventCancel
) -> EventPublic:
    await event_service.cancel_event(
        session=session, event_id=event_id, reason=data.reason, settings=settings
    )
    return await _full(session, event_id)


@router.get("/events/{event_id}/counts", summary="Live counts: confirmed, waitlisted, checked in")
async def event_counts(session: SessionDep, _staff: Staff, event_id: EventId) -> EventCounts:
    event = await _existing(session, event_id)
    return EventCounts(
        event_id=event_id,
        capacity=event.capacity,
        confirmed=event.confirmed_count,
        waitlisted=event.waitlisted_count,
        checked_in=event.checked_in_count,
        cancelled=await rsvp_service.cancelled_count(session=session, event_id=event_id),
        available=max(0, event.capacity - event.confirmed_count),
    )


@router.post("/events/{event_id}/checkins", summary="Check a guest in by the token of their QR code")
async def check_in(
    session: SessionDep, _staff: Staff, event_id: EventId, data: CheckInRequest
) -> CheckInResult:
    await _existing(session, event_id)
    outcome = await rsvp_service.check_in(
        session=session, event_id=event_id, token=qr.token_from_scan(data.token)
    )
    rsvp = outcome.rsvp
    assert rsvp.checked_in_at is not None and rsvp.id is not None
    at = clock.local_hhmm(rsvp.checked_in_at)
    return CheckInResult(
        result="checked_in" if outcome.first_time else "already_checked_in",
        message=f"Welcome, {rsvp.name or 'guest'}." if outcome.first_time else f"Already checked in at {at}.",
        checked_in_at=rsvp.checked_in_at,
        checked_in_at_local=at,
        rsvp_id=rsvp.id,
        name=rsvp.name,
        organisation=rsvp.organisation,
    )


@router.get("/events/{event_id}/attendees", summary="Attendee list (JSON): confirmed, then waitlist")
async def attendees_json(session: SessionDep, _staff: Staff, event_id: EventId) -> list[Attendee]:
    await _existing(session, event_id)
    return [attendee(r) for r in await rsvp_service.attendees(session=session, event_id=event_id)]


CSV_COLUMNS = [
    "rsvp_id",
    "status",
    "queue_position",
    "name",
    "email",
    "organisation",
    "phone",
    "exporter_id",
    "language",
    "created_at_local",
    "checked_in_at_local",
]


def csv_cell(value: object) -> str:
    """Spreadsheet-safe text: a cell that a spreadsheet would run as a formula is quoted with '."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


@router.get(
    "/events/{event_id}/attendees.csv",
    summary="Attendee list (CSV, times in Casablanca)",
    responses={200: {"content": {"text/csv": {}}, "description": "CSV"}},
)
async def attendees_csv(session: SessionDep, _staff: Staff, event_id: EventId) -> Response:
    event = await _existing(session, event_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for rsvp in await rsvp_service.attendees(session=session, event_id=event_id):
        row = attendee(rsvp).model_dump()
        writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    return Response(
        out.getvalue().encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="attendees-{event.slug}.csv"'},
    )


@router.post(
    "/personal-data-purges",
    summary="Erase guests' personal data of events that ended long ago (counts stay)",
)
async def purge(session: SessionDep, settings: SettingsDep, _staff: Staff, data: PurgeRequest) -> PurgeResult:
    days = data.older_than_days if data.older_than_days is not None else settings.purge_after_days
    events, rsvps = await rsvp_service.purge_personal_data(session=session, older_than_days=days)
    return PurgeResult(older_than_days=days, events=events, rsvps=rsvps)
