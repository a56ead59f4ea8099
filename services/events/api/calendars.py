"""Calendar files: one event, and a subscribable feed per series."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from sqlmodel import col, select

from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.events import calendar, event_service
from services.events.api.catalogue import SLUG_PATTERN
from services.events.api.deps import EventId, SessionDep, SettingsDep
from services.events.models import Event, EventStatus

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["calendars"])

ICS: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/calendar": {}}, "description": "iCalendar (RFC 5545)"}
}
ICS_TYPE = "text/calendar; charset=utf-8"


@router.get(
    "/events/{event_id}/calendar.ics",
    operation_id="events.calendar",
    summary="The event as an iCalendar file",
    responses=ICS,
)
async def event_calendar(session: SessionDep, settings: SettingsDep, event_id: EventId) -> Response:
    event = await event_service.get_event(session=session, event_id=event_id, full=False)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    return Response(
        calendar.event_ics(event, settings=settings),
        media_type=ICS_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{event.slug}.ics"'},
    )


@router.get(
    "/series/{slug}/calendar.ics",
    operation_id="series.calendar",
    summary="Subscribable feed of a series' events",
    responses=ICS,
)
async def series_calendar(
    session: SessionDep,
    settings: SettingsDep,
    slug: Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)],
) -> Response:
    series = await event_service.get_series_by_slug(session=session, slug=slug)
    if series is None:
        raise NotFound(f"No event series with slug '{slug}'.")
    events = (
        await session.exec(
            select(Event)
            .where(Event.series_id == series.id, col(Event.status) != EventStatus.draft)
            .order_by(col(Event.starts_at))
        )
    ).all()
    return Response(calendar.series_ics(series.name_fr, events, settings=settings), media_type=ICS_TYPE)
