"""Organisers (admin or organiser token): programme, publication, lists, GDPR purge (the door: door.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response, status
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Staff
from services.common.db import release_erased_data
from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.events import csv_export, event_service, rsvp_service
from services.events.api.deps import EventId, RegistryDep, SessionDep, SettingsDep
from services.events.models import Event
from services.events.presenters import attendee, event_public, series_public
from services.events.registry_client import RegistryLookup
from services.events.schemas import (
    Attendee,
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


async def _full(session: AsyncSession, event_id: int) -> EventPublic:
    event = await event_service.get_event(session=session, event_id=event_id, include_drafts=True)
    assert event is not None
    return event_public(event)


async def _existing(session: AsyncSession, event_id: int) -> Event:
    event = await session.get(Event, event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    return event


async def _check_speakers(registry: RegistryLookup, data: EventCreate | EventUpdate) -> None:
    for index, speaker in enumerate(data.speakers or []):
        if speaker.exporter_id is not None:
            await registry.check_exporter(speaker.exporter_id, field=f"speakers.{index}.exporter_id")
    for p_index, panel in enumerate(data.panels or []):
        for index, speaker in enumerate(panel.speakers):
            if speaker.exporter_id is not None:
                await registry.check_exporter(
                    speaker.exporter_id, field=f"panels.{p_index}.speakers.{index}.exporter_id"
                )


@router.post(
    "/series",
    operation_id="series.create",
    status_code=status.HTTP_201_CREATED,
    summary="Create an event series",
)
async def create_series(session: SessionDep, _staff: Staff, data: SeriesCreate) -> SeriesPublic:
    return series_public(await event_service.create_series(session=session, data=data))


@router.post(
    "/events",
    operation_id="events.create",
    status_code=status.HTTP_201_CREATED,
    summary="Create an event (as a draft)",
)
async def create_event(
    session: SessionDep, registry: RegistryDep, _staff: Staff, data: EventCreate
) -> EventPublic:
    await _check_speakers(registry, data)
    event = await event_service.create_event(session=session, data=data)
    return await _full(session, event.id)  # type: ignore[arg-type]


@router.patch(
    "/events/{event_id}",
    operation_id="events.update",
    summary="Edit an event; raising the capacity promotes waitlisted guests",
)
async def update_event(
    session: SessionDep,
    settings: SettingsDep,
    registry: RegistryDep,
    _staff: Staff,
    event_id: EventId,
    data: EventUpdate,
) -> EventPublic:
    await _check_speakers(registry, data)
    await event_service.update_event(session=session, event_id=event_id, data=data, settings=settings)
    return await _full(session, event_id)


@router.post(
    "/events/{event_id}/publish",
    operation_id="events.publish",
    summary="Publish a draft: the public sees it and can RSVP",
)
async def publish_event(session: SessionDep, _staff: Staff, event_id: EventId) -> EventPublic:
    await event_service.publish_event(session=session, event_id=event_id)
    return await _full(session, event_id)


@router.post(
    "/events/{event_id}/cancel",
    operation_id="events.cancel",
    summary="Cancel an event and e-mail every guest",
)
async def cancel_event(
    session: SessionDep, settings: SettingsDep, _staff: Staff, event_id: EventId, data: EventCancel
) -> EventPublic:
    await event_service.cancel_event(
        session=session, event_id=event_id, reason=data.reason, settings=settings
    )
    return await _full(session, event_id)


@router.get(
    "/events/{event_id}/counts",
    operation_id="events.counts",
    summary="Live counts: confirmed, waitlisted, checked in",
)
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


@router.get(
    "/events/{event_id}/attendees",
    operation_id="attendees.list",
    summary="Attendee list (JSON): confirmed, then waitlist",
)
async def attendees_json(session: SessionDep, _staff: Staff, event_id: EventId) -> list[Attendee]:
    await _existing(session, event_id)
    return await _attendees(session, event_id)


async def _attendees(session: AsyncSession, event_id: int) -> list[Attendee]:
    """The list with each waitlisted guest's place, by the rule the guest's own page uses."""
    rows = await rsvp_service.attendees(session=session, event_id=event_id)
    places = rsvp_service.waitlist_positions(rows)
    return [attendee(r, places.get(r.id)) for r in rows]  # type: ignore[arg-type]


@router.get(
    "/events/{event_id}/attendees.csv",
    operation_id="attendees.exportCsv",
    summary="Attendee list (CSV, times in Casablanca)",
    responses={200: {"content": {"text/csv": {}}, "description": "CSV"}},
)
async def attendees_csv(
    session: SessionDep,
    _staff: Staff,
    event_id: EventId,
    dialect: Annotated[
        csv_export.Dialect,
        Query(description="`excel`: comma; `excel-fr`: semicolon (both UTF-8 with BOM, CRLF)"),
    ] = "excel",
    lang: Annotated[
        csv_export.Lang | None, Query(description="Headers and statuses in this language")
    ] = None,
) -> Response:
    event = await _existing(session, event_id)
    rows = [listed.model_dump() for listed in await _attendees(session, event_id)]
    return Response(
        csv_export.attendees_csv(rows, dialect=dialect, lang=lang),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="attendees-{event.slug}.csv"'},
    )


@router.post(
    "/personal-data-purges",
    operation_id="personalData.purge",
    summary="Erase guests' personal data of events that ended long ago (counts stay)",
)
async def purge(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    settings: SettingsDep,
    _staff: Staff,
    data: PurgeRequest,
) -> PurgeResult:
    days = data.older_than_days if data.older_than_days is not None else settings.purge_after_days
    events, rsvps = await rsvp_service.purge_personal_data(
        session=session, older_than_days=days, settings=settings
    )
    if rsvps:  # after the commit: old copies of the erased rows leave the database files too
        background.add_task(release_erased_data, request.app.state.engine, tables=rsvp_service.ERASED_TABLES)
    return PurgeResult(older_than_days=days, events=events, rsvps=rsvps)
