"""Series and events: plain functions that take a session and return models."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import case, delete, func, update
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.base import ExecutableOption
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import Conflict, FieldError, NotFound, UnprocessableContent
from services.common.pagination import PageParams
from services.events import changes, clock
from services.events.config import EventsSettings
from services.events.models import Event, EventSeries, EventStatus, Panel, Partner, Rsvp, RsvpStatus, Speaker
from services.events.schemas import (
    EventCreate,
    EventUpdate,
    PanelIn,
    PartnerIn,
    SeriesCreate,
    SpeakerIn,
    check_coordinates,
    check_times,
)


class When(StrEnum):
    upcoming = "upcoming"
    past = "past"
    all = "all"


def _with_relations() -> tuple[ExecutableOption, ...]:
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
        query = query.where(col(Event.status) != EventStatus.draft)
    if status is not None:
        query = query.where(Event.status == status)
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
    query = select(Event).where(Event.id == event_id).execution_options(populate_existing=True)
    if full:
        query = query.options(*_with_relations())
    event = (await session.exec(query)).first()
    if event is None or (event.status == EventStatus.draft and not include_drafts):
        return None
    return event


async def panels_of(*, session: AsyncSession, event_id: int) -> Sequence[Panel]:
    return (
        await session.exec(select(Panel).where(Panel.event_id == event_id).order_by(col(Panel.position)))
    ).all()


# ---- Organisers: create, edit, publish, cancel --------------------------------------------------


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:120] or "event"


async def create_series(*, session: AsyncSession, data: SeriesCreate) -> EventSeries:
    if await get_series_by_slug(session=session, slug=data.slug) is not None:
        raise Conflict.for_field(
            "slug", f"A series with slug '{data.slug}' already exists.", code="duplicate", status=409
        )
    series = EventSeries(
        slug=data.slug,
        name_fr=data.name.fr,
        name_en=data.name.en,
        name_ar=data.name.ar,
        description_fr=data.description.fr,
        description_en=data.description.en,
        description_ar=data.description.ar,
        organiser=data.organiser,
        cadence=data.cadence,
    )
    session.add(series)
    await session.flush()
    return series


async def _series_id(*, session: AsyncSession, slug: str | None) -> int | None:
    if slug is None:
        return None
    series = await get_series_by_slug(session=session, slug=slug)
    if series is None:
        raise UnprocessableContent.for_field(
            "series", f"No event series with slug '{slug}'.", code="unknown-series"
        )
    return series.id


async def _unique_slug(*, session: AsyncSession, base: str) -> str:
    taken = set((await session.exec(select(Event.slug).where(col(Event.slug).startswith(base)))).all())
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


async def _replace_programme(
    *,
    session: AsyncSession,
    event_id: int,
    panels: list[PanelIn] | None,
    speakers: list[SpeakerIn] | None,
    partners: list[PartnerIn] | None,
) -> None:
    """Lists given replace the current ones; panel speakers go with their panels."""
    if panels is not None:
        await session.exec(
            delete(Speaker).where(col(Speaker.event_id) == event_id, col(Speaker.panel_id).is_not(None))
        )
        await session.exec(delete(Panel).where(col(Panel.event_id) == event_id))
        for position, given in enumerate(panels, 1):
            panel = Panel(
                event_id=event_id,
                position=position,
                title_fr=given.title.fr,
                title_en=given.title.en,
                title_ar=given.title.ar,
                starts_at=given.starts_at,
                ends_at=given.ends_at,
            )
            session.add(panel)
            await session.flush()
            for rank, s in enumerate(given.speakers, 1):
                session.add(_speaker(s, event_id=event_id, panel_id=panel.id, position=rank))
    if speakers is not None:
        await session.exec(
            delete(Speaker).where(col(Speaker.event_id) == event_id, col(Speaker.panel_id).is_(None))
        )
        for rank, s in enumerate(speakers, 1):
            session.add(_speaker(s, event_id=event_id, panel_id=None, position=rank))
    if partners is not None:
        await session.exec(delete(Partner).where(col(Partner.event_id) == event_id))
        for position, p in enumerate(partners, 1):
            session.add(Partner(event_id=event_id, position=position, name=p.name, kind=p.kind, url=p.url))
    await session.flush()


def _speaker(data: SpeakerIn, *, event_id: int, panel_id: int | None, position: int) -> Speaker:
    return Speaker(
        event_id=event_id,
        panel_id=panel_id,
        position=position,
        name=data.name,
        role=data.role,
        role_en=data.role_en,
        role_ar=data.role_ar,
        organisation=data.organisation,
        exporter_id=data.exporter_id,
        photo_url=data.photo_url,
    )


def _apply_texts(event: Event, data: EventCreate | EventUpdate) -> None:
    for field in ("title", "theme", "description"):
        text = getattr(data, field)
        if text is not None:
            for lang in ("fr", "en", "ar"):
                setattr(event, f"{field}_{lang}", getattr(text, lang))


SIMPLE_FIELDS = (
    "starts_at",
    "ends_at",
    "venue",
    "city",
    "region_code",
    "online_url",
    "latitude",
    "longitude",
    "rsvp_opens_at",
    "rsvp_closes_at",
)


# Fields an organiser may clear with null; the others keep their value when null is sent.
NULLABLE_FIELDS = frozenset(
    {"region_code", "online_url", "latitude", "longitude", "rsvp_opens_at", "rsvp_closes_at"}
)


async def create_event(*, session: AsyncSession, data: EventCreate) -> Event:
    """A new event, as a draft: invisible to the public until published."""
    series_id = await _series_id(session=session, slug=data.series)
    if data.slug is not None:
        if (await session.exec(select(Event.id).where(Event.slug == data.slug))).first() is not None:
            raise Conflict.for_field(
                "slug", f"An event with slug '{data.slug}' already exists.", code="duplicate", status=409
            )
        slug = data.slug
    else:
        base = f"{slugify(data.title.fr)[:140]}-{clock.local(data.starts_at):%Y-%m-%d}"
        slug = await _unique_slug(session=session, base=base)
    event = Event(
        series_id=series_id,
        slug=slug,
        title_fr=data.title.fr,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        format=data.format,
        capacity=data.capacity,
        status=EventStatus.draft,
    )
    _apply_texts(event, data)
    for field in SIMPLE_FIELDS:
        setattr(event, field, getattr(data, field))
    session.add(event)
    await session.flush()
    assert event.id is not None
    await _replace_programme(
        session=session, event_id=event.id, panels=data.panels, speakers=data.speakers, partners=data.partners
    )
    return event


def calendar_facts(event: Event) -> tuple[object, ...]:
    """What a guest's calendar entry rests on: a change to any of it is a new SEQUENCE."""
    return (
        event.starts_at,
        event.ends_at,
        event.venue,
        event.city,
        event.latitude,
        event.longitude,
        event.online_url,
        event.format,
    )


async def update_event(
    *, session: AsyncSession, event_id: int, data: EventUpdate, settings: EventsSettings
) -> Event:
    """Edit an event; a larger capacity promotes waitlisted guests, a smaller one never drops a seat."""
    from services.events import rsvp_service

    event = await rsvp_service.lock_event(session=session, event_id=event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    given = data.model_fields_set
    if "series" in given:
        event.series_id = await _series_id(session=session, slug=data.series)
    _apply_texts(event, data)
    before = calendar_facts(event)
    for field in SIMPLE_FIELDS:
        if field in given and (getattr(data, field) is not None or field in NULLABLE_FIELDS):
            setattr(event, field, getattr(data, field))
    if data.format is not None:
        event.format = data.format
    moved = calendar_facts(event) != before
    if moved and event.status == EventStatus.cancelled:
        # Its guests were told it is cancelled (METHOD:CANCEL): a new time or place means nothing.
        raise Conflict(
            "A cancelled event cannot get a new time or place.",
            slug="event-cancelled",
            errors=[FieldError(field="starts_at", message="the event is cancelled")],
        )
    if moved:
        event.sequence += 1
    try:
        check_times(event.starts_at, event.ends_at, event.rsvp_opens_at, event.rsvp_closes_at)
    except ValueError as exc:
        raise UnprocessableContent.for_field("ends_at", str(exc), code="invalid-times") from exc
    try:
        check_coordinates(event.latitude, event.longitude)
    except ValueError as exc:
        raise UnprocessableContent.for_field("longitude", str(exc), code="coordinates-pair") from exc
    event.updated_at = clock.now()
    session.add(event)
    await session.flush()
    if data.capacity is not None and data.capacity != event.capacity:
        changed = await session.exec(
            update(Event)
            .where(col(Event.id) == event_id, col(Event.confirmed_count) <= data.capacity)
            .values(capacity=data.capacity)
        )
        if changed.rowcount != 1:
            raise Conflict.for_field(
                "capacity",
                f"{event.confirmed_count} guests are confirmed; the capacity cannot go below that.",
                code="too-small",
                field_params={"ge": event.confirmed_count},
                status=409,
            )
        await session.refresh(event)
        promoted = await rsvp_service.promote_waitlisted(session=session, event=event, settings=settings)
    else:
        promoted = []
    await _replace_programme(
        session=session, event_id=event_id, panels=data.panels, speakers=data.speakers, partners=data.partners
    )
    if moved and event.status == EventStatus.published and event.ends_at > clock.now():
        await _tell_guests_of_the_change(
            session=session, event=event, settings=settings, skip={g.id for g in promoted}
        )
    await changes.event_changed(session, "event.changed", event)
    return event


async def _active_guests(*, session: AsyncSession, event_id: int) -> Sequence[Rsvp]:
    """Confirmed and waitlisted guests whose personal data is still there."""
    return (
        await session.exec(
            select(Rsvp).where(
                Rsvp.event_id == event_id,
                col(Rsvp.status).in_([RsvpStatus.confirmed, RsvpStatus.waitlisted]),
                col(Rsvp.erased_at).is_(None),
            )
        )
    ).all()


async def _tell_guests_of_the_change(
    *, session: AsyncSession, event: Event, settings: EventsSettings, skip: set[int | None]
) -> None:
    """Every guest gets the new time or place, with a calendar file that replaces the old one.

    One message per guest and SEQUENCE (the outbox's dedupe key): sending the same PATCH twice
    changes nothing the second time, so it bumps nothing and queues nothing.
    """
    from services.events.messages import MessageKind, dedupe_key, queue

    assert event.id is not None
    for guest in await _active_guests(session=session, event_id=event.id):
        if guest.id is None or guest.id in skip:
            continue
        key = dedupe_key(MessageKind.event_updated, rsvp_id=guest.id, sequence=event.sequence)
        queue(
            MessageKind.event_updated, session=session, event=event, rsvp=guest, settings=settings, dedupe=key
        )
    await session.flush()


async def publish_event(*, session: AsyncSession, event_id: int) -> Event:
    from services.events import rsvp_service

    event = await rsvp_service.lock_event(session=session, event_id=event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    if event.status == EventStatus.cancelled:
        raise Conflict("A cancelled event cannot be published again.", slug="event-cancelled")
    if event.status == EventStatus.draft:
        event.status = EventStatus.published
        event.published_at = event.updated_at = clock.now()
        session.add(event)
        await session.flush()
        await changes.event_changed(session, "event.published", event)
    return event


async def cancel_event(
    *, session: AsyncSession, event_id: int, reason: str, settings: EventsSettings
) -> Event:
    """Cancel the event and tell every guest (confirmed or waitlisted) in their language."""
    from services.events import rsvp_service
    from services.events.messages import MessageKind, dedupe_key, queue

    event = await rsvp_service.lock_event(session=session, event_id=event_id)
    if event is None:
        raise NotFound(f"No event with id {event_id}.")
    if event.status == EventStatus.cancelled:
        return event
    event.status = EventStatus.cancelled
    event.sequence += 1
    event.cancelled_at = event.updated_at = clock.now()
    event.cancellation_reason = reason
    session.add(event)
    await session.flush()
    for guest in await _active_guests(session=session, event_id=event_id):
        assert guest.id is not None
        key = dedupe_key(MessageKind.event_cancelled, rsvp_id=guest.id, sequence=event.sequence)
        # With the guest's calendar file: METHOD:CANCEL, STATUS:CANCELLED, the same UID.
        queue(
            MessageKind.event_cancelled,
            session=session,
            event=event,
            rsvp=guest,
            settings=settings,
            dedupe=key,
        )
    await session.flush()
    await changes.event_changed(session, "event.cancelled", event)
    return event
