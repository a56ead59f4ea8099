"""Series and events: plain functions that take a session and return models."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import case, func
from sqlalchemy.orm import selectinload
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.pagination import PageParams
from services.events import clock
from services.events.models import Event, EventSeries, EventStatus, Panel


class When(StrEnum):
    upcoming = "upcoming"
    past = "past"
    all = "all"


def _with_relations():  # type: ignore[no-untyped-def]
    return (
        selectinload(Event.series),  # type: ignore[arg-type]
        selectinload(Event.panels),  # type: ignore[arg-type]
        selectinload(Event.speakers),  # type: ignore[arg-type]
        selectinload(Event.partners),  # type: ignore[arg-type]
    )


async def list_series(*, session: AsyncSession) -> Sequence[EventSeries]:
    return (await session.exec(select(EventSeries).order_by(col(EventSeries.id)))).all()


async def get_series_by_slug(*, session: AsyncSession, slug: str) -> EventSeries | None:
    return (await session.exec(select(EventSeries).where(EventSeries.slug == slug))).first()


async def list_events(
    *,
    session: AsyncSession,
    page: PageParams,
    series_slug: str | None = None,
    when: When = When.all,
    include_drafts: bool = False,
    region_code: str | None = None,
    status: EventStatus | None = None,
    at: datetime | None = None,
) -> tuple[Sequence[Event], int]:
    """Events, upcoming first (soonest first), then past ones (most recent first)."""
    moment = at or clock.now()
    query = select(Event)
    if not include_drafts:
        query = query.where(col(Event.status) != EventStatus.draft.value)
    if status is not None:
        query = query.where(Event.status == status.value)
    if series_slug is not None:
        query = query.join(EventSeries).where(EventSeries.slug == series_slug)
    if region_code is not None:
        query = query.where(Event.region_code == region_code)
    is_upcoming = col(Event.ends_at) >= moment
    if when is When.upcoming:
        query = query.where(is_upcoming)
    elif when is When.past:
        query = query.where(col(Event.ends_at) < moment)
    total = (await session.exec(select(func.count()).select_from(query.subquery()))).one()
    rows = (
        await session.exec(
            query.options(selectinload(Event.series))  # type: ignore[arg-type]
            .order_by(
                case((is_upcoming, 0), else_=1),
                case((is_upcoming, col(Event.starts_at)), else_=None),
                case((is_upcoming, None), else_=col(Event.starts_at)).desc(),
                col(Event.id),
            )
            .offset(page.offset)
            .limit(page.per_page)
        )
    ).all()
    return rows, total


async def get_event(
    *, session: AsyncSession, event_id: int, include_drafts: bool = False, full: bool = True
) -> Event | None:
    query = select(Event).where(Event.id == event_id)
    if full:
        query = query.options(*_with_relations())
    event = (await session.exec(query)).first()
    if event is None or (event.status == EventStatus.draft.value and not include_drafts):
        return None
    return event


async def panels_of(*, session: AsyncSession, event_id: int) -> Sequence[Panel]:
    return (
        await session.exec(select(Panel).where(Panel.event_id == event_id).order_by(col(Panel.position)))
    ).all()
