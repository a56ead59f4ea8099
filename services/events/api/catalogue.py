"""Public reads: series and events (thin: validation in, service call, public shape out)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from services.common.answer_cache import VALID_UNTIL
from services.common.auth import OptionalPrincipal
from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.common.pagination import Page, PageParams, page_params
from services.common.vocabulary import SLUG_MAX_LENGTH, SLUG_PATTERN, SlugPath
from services.events import clock, event_service
from services.events.api.deps import SessionDep
from services.events.event_service import When
from services.events.models import EventStatus
from services.events.presenters import event_public, event_summary, next_change, series_public
from services.events.schemas import EventPublic, EventSummary, SeriesPublic

router = APIRouter(responses=PROBLEM_RESPONSES)

EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Event id")]


# Anyone may call these; a token (an organiser's) shows drafts too. `{}` in the OpenAPI
# security list says that no credential is also accepted.
ANONYMOUS_OR_BEARER: dict[str, Any] = {"security": [{}]}  # appended to the bearer requirement


@router.get(
    "/series",
    operation_id="series.list",
    tags=["series"],
    summary="Event series (the monthly Mornings, annual days...)",
)
async def list_series(session: SessionDep) -> list[SeriesPublic]:
    return [series_public(s) for s in await event_service.list_series(session=session)]


@router.get("/series/{slug}", operation_id="series.get", tags=["series"], summary="One event series")
async def get_series(session: SessionDep, slug: SlugPath) -> SeriesPublic:
    series = await event_service.get_series_by_slug(session=session, slug=slug)
    if series is None:
        raise NotFound(f"No event series with slug '{slug}'.")
    return series_public(series)


@router.get(
    "/events",
    operation_id="events.list",
    tags=["events"],
    summary="Events, upcoming first (soonest first), then past ones",
    openapi_extra=ANONYMOUS_OR_BEARER,
)
async def list_events(
    session: SessionDep,
    principal: OptionalPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
    series: Annotated[
        str | None, Query(max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN, description="Series slug")
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


@router.get(
    "/events/{event_id}",
    operation_id="events.get",
    tags=["events"],
    summary="One event with its panels, speakers, partners",
    openapi_extra=ANONYMOUS_OR_BEARER,
)
async def get_event(
    session: SessionDep, principal: OptionalPrincipal, event_id: EventId, request: Request
) -> EventPublic:
    staff = principal is not None and principal.is_staff
    event = await event_service.get_event(session=session, event_id=event_id, include_drafts=staff)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    moment = clock.now()
    # An anonymous answer is kept (services/common/answer_cache.py) until the clock changes it.
    setattr(request.state, VALID_UNTIL, next_change(event, moment))
    return event_public(event, moment)
