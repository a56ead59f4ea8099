"""Public reads: series and events (thin: validation in, service call, public shape out)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from services.common.auth import OptionalPrincipal
from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.common.pagination import Page, PageParams, page_params
from services.events import event_service
from services.events.api.deps import SessionDep
from services.events.event_service import When
from services.events.models import EventStatus
from services.events.presenters import event_public, event_summary, series_public
from services.events.schemas import EventPublic, EventSummary, SeriesPublic

router = APIRouter(responses=PROBLEM_RESPONSES)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Event id")]


@router.get("/series", tags=["series"], summary="Event series (the monthly Mornings, annual days...)")
async def list_series(session: SessionDep) -> list[SeriesPublic]:
    return [series_public(s) for s in await event_service.list_series(session=session)]


@router.get("/series/{slug}", tags=["series"], summary="One event series")
async def get_series(
    session: SessionDep, slug: Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)]
) -> SeriesPublic:
    series = await event_service.get_series_by_slug(session=session, slug=slug)
    if series is None:
        raise NotFound(f"No event series with slug '{slug}'.")
    return series_public(series)


@router.get("/events", tags=["events"], summary="Events, upcoming first (soonest first), then past ones")
async def list_events(
    session: SessionDep,
    principal: OptionalPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
    series: Annotated[
        str | None, Query(max_length=120, pattern=SLUG_PATTERN, description="Series slug")
    ] = None,
    when: Annotated[When, Query(description="upcoming, past or all")] = When.all,
    region: Annotated[str | None, Query(pattern=r"^MA-\d{2}$", description="Region code, e.g. MA-06")] = None,
    status: Annotated[
        EventStatus | None, Query(description="Filter by status (drafts: organisers only)")
    ] = None,
) -> Page[EventSummary]:
    staff = principal is not None and principal.is_staff
    rows, total = await event_service.list_events(
        session=session,
        page=page,
        series_slug=series,
        when=when,
        include_drafts=staff,
        region_code=region,
        status=status,
    )
    return Page(items=[event_summary(e) for e in rows], total=total, page=page.page, per_page=page.per_page)


@router.get("/events/{event_id}", tags=["events"], summary="One event with its panels, speakers, partners")
async def get_event(session: SessionDep, principal: OptionalPrincipal, event_id: EventId) -> EventPublic:
    staff = principal is not None and principal.is_staff
    event = await event_service.get_event(session=session, event_id=event_id, include_drafts=staff)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    return event_public(event)
