"""Reminders before an event: the QR code and calendar file to confirmed guests, the place in line
to waitlisted ones. Queued in the outbox by the e-mail worker's loop (``mim events-worker``).

Each reminder row carries a dedupe key (kind, RSVP, event SEQUENCE) that the outbox keeps unique,
and is written under the event's lock after reading which keys exist: several workers, or a
worker restarted in the middle, queue one reminder per guest, never two. A new time or place
(a higher SEQUENCE) that brings the event into the window again is a new reminder.

Who is reminded: confirmed and waitlisted guests whose data is not erased, of a published event
that starts within ``EVENTS_REMINDER_BEFORE``. A guest who had an e-mail about this event within
that window (they confirmed, were promoted or added, or were told of a new time or place) has
just had the same links and calendar file, and is not written to again.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction
from services.events import clock
from services.events.config import EventsSettings
from services.events.messages import MessageKind, dedupe_key, queue
from services.events.models import Event, EventStatus, OutboxMessage, Rsvp, RsvpStatus

logger = logging.getLogger("mim.events.reminders")


async def due_events(*, session: AsyncSession, settings: EventsSettings, now: datetime) -> list[int]:
    """Published events that start within the reminder window."""
    rows = await session.exec(
        select(Event.id)
        .where(
            col(Event.status) == EventStatus.published,
            col(Event.starts_at) > now,
            col(Event.starts_at) <= now + settings.reminder_before,
        )
        .order_by(col(Event.starts_at))
    )
    return [event_id for event_id in rows.all() if event_id is not None]


async def remind_event(
    *, session: AsyncSession, event_id: int, settings: EventsSettings, now: datetime
) -> int:
    """Queue the reminders of one event that are not queued yet (in the caller's transaction)."""
    from services.events import rsvp_service

    event = await rsvp_service.lock_event(session=session, event_id=event_id)
    if event is None or event.status != EventStatus.published:
        return 0
    if not now < event.starts_at <= now + settings.reminder_before:
        return 0
    assert event.id is not None
    remind_from = event.starts_at - settings.reminder_before
    guests = (
        await session.exec(
            select(Rsvp).where(
                col(Rsvp.event_id) == event.id,
                col(Rsvp.status).in_([RsvpStatus.confirmed, RsvpStatus.waitlisted]),
                col(Rsvp.erased_at).is_(None),
                col(Rsvp.email) != "",
            )
        )
    ).all()
    waitlisted = (
        await session.exec(
            select(Rsvp).where(col(Rsvp.event_id) == event.id, col(Rsvp.status) == RsvpStatus.waitlisted)
        )
    ).all()
    places = rsvp_service.waitlist_positions(waitlisted)
    last_mail = dict(
        (
            await session.exec(
                select(OutboxMessage.rsvp_id, func.max(OutboxMessage.created_at))
                .where(col(OutboxMessage.event_id) == event.id, col(OutboxMessage.rsvp_id).is_not(None))
                .group_by(col(OutboxMessage.rsvp_id))
            )
        ).all()
    )
    wanted: dict[str, tuple[MessageKind, Rsvp]] = {}
    for guest in guests:
        assert guest.id is not None
        heard = last_mail.get(guest.id)
        if heard is not None and _aware(heard) > remind_from:
            continue
        kind = (
            MessageKind.reminder if guest.status == RsvpStatus.confirmed else MessageKind.reminder_waitlisted
        )
        wanted[dedupe_key(kind, rsvp_id=guest.id, sequence=event.sequence)] = (kind, guest)
    if not wanted:
        return 0
    queued = set(
        (
            await session.exec(
                select(OutboxMessage.dedupe_key).where(col(OutboxMessage.dedupe_key).in_(list(wanted)))
            )
        ).all()
    )
    count = 0
    for key, (kind, guest) in wanted.items():
        if key in queued:
            continue
        queue(
            kind,
            session=session,
            event=event,
            rsvp=guest,
            settings=settings,
            position=places.get(guest.id) if guest.id is not None else None,
            dedupe=key,
        )
        count += 1
    await session.flush()
    return count


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def queue_due_reminders(
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: EventsSettings,
    now: datetime | None = None,
) -> int:
    """Queue every reminder that is due; one transaction per event. Returns how many were queued."""
    if not settings.reminder_before:
        return 0
    moment = now or clock.now()
    async with transaction(sessionmaker, write=False) as session:
        event_ids = await due_events(session=session, settings=settings, now=moment)
    total = 0
    for event_id in event_ids:
        try:
            async with transaction(sessionmaker, write=True) as session:
                total += await remind_event(session=session, event_id=event_id, settings=settings, now=moment)
        except IntegrityError:
            # Another worker queued the same reminders first (the unique dedupe key): theirs stand.
            logger.info("reminders already queued by another worker", extra={"event_id": event_id})
    if total:
        logger.info("reminders queued", extra={"reminders": total})
    return total
