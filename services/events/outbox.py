"""The events outbox: guests' e-mails (confirmations, reminders, changes), with their attachments.

The machinery (claims with leases, back-off, parking, SMTP, metrics) is the shared kernel's
(services/common/outbox.py); this module says how one ``outbox_message`` row becomes an e-mail
and runs the events worker (which also queues reminders).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from prometheus_client import CollectorRegistry
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common import outbox as common
from services.common.outbox import (
    LEASE,
    BatchResult,
    MailDirSink,
    RefreshOutboxMetrics,
    Sender,
    UnsendableMessage,
    backoff,
    forget_sink_copies,
    is_permanent,
    sink_file,
    smtp_sender,
    without_addresses,
)
from services.common.text import header_value
from services.events import calendar, clock, qr
from services.events.config import EventsSettings
from services.events.messages import ATTACH_QR
from services.events.models import Event, OutboxMessage, Rsvp, RsvpStatus
from services.events.presenters import has_entry_pass

logger = logging.getLogger("mim.events.outbox")

_recipient = common.recipient


def build_email(
    message: OutboxMessage, event: Event | None, settings: EventsSettings, rsvp: Rsvp | None = None
) -> EmailMessage:
    """The e-mail of one row. Header values are folded to one line: a title typed before the API
    refused line breaks (or any other old row) must not split a header.

    Attachments are made when the message is sent, from the event as it is then: the guest's own
    calendar file (METHOD:REQUEST naming them as ATTENDEE, or METHOD:CANCEL once the event is
    cancelled) and, for a reminder, the entry QR code while the guest still holds an entry pass.
    """
    email = EmailMessage()
    email["From"] = header_value(settings.mail_from)
    email["To"] = _recipient(message.to_address)
    email["Subject"] = header_value(message.subject)
    email["Message-ID"] = header_value(message.message_id)
    email["Date"] = format_datetime(message.created_at)
    email.set_content(message.body_text)
    if message.attach_ics and event is not None:
        ics, method = calendar.guest_ics(
            event,
            settings=settings,
            email=message.to_address,
            name=rsvp.name if rsvp is not None else "",
            waitlisted=rsvp is not None and rsvp.status == RsvpStatus.waitlisted,
        )
        email.add_attachment(
            ics, maintype="text", subtype="calendar", filename=f"{event.slug}.ics", params={"method": method}
        )
    if message.kind in ATTACH_QR and event is not None and rsvp is not None and has_entry_pass(rsvp, event):
        email.add_attachment(
            qr.png(rsvp.checkin_token), maintype="image", subtype="png", filename="entry-qr.png"
        )
    # Last: set_content and add_attachment clear or move every Content-* header set before them.
    email["Content-Language"] = header_value(message.language)
    return email


async def _build_row(session: AsyncSession, message: OutboxMessage, settings: EventsSettings) -> EmailMessage:
    event = await session.get(Event, message.event_id) if message.event_id else None
    rsvp = await session.get(Rsvp, message.rsvp_id) if message.rsvp_id else None
    return build_email(message, event, settings, rsvp)


def events_outbox(settings: EventsSettings) -> common.Outbox:
    async def build(session: AsyncSession, message: OutboxMessage) -> EmailMessage:
        return await _build_row(session, message, settings)

    return common.Outbox(model=OutboxMessage, build=build, settings=settings, clock=clock.now, log=logger)


async def process_batch(
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: EventsSettings,
    sender: Sender,
    now: datetime | None = None,
) -> BatchResult:
    """Send every guest e-mail that is due (see :meth:`services.common.outbox.Outbox.process_batch`)."""
    return await events_outbox(settings).process_batch(sessionmaker=sessionmaker, sender=sender, now=now)


class OutboxMetrics(common.OutboxMetrics):
    """The events outbox's gauges; the worker (``mim events-worker``) has no HTTP port, so the
    events API counts the rows when /metrics is scraped."""

    def __init__(self, registry: CollectorRegistry) -> None:
        super().__init__(registry, OutboxMessage, clock=clock.now)


async def run_worker(settings: EventsSettings, *, stop: asyncio.Event | None = None) -> None:
    """Poll the outbox until ``stop`` is set (or forever)."""
    from services.common.db import make_async_engine, make_sessionmaker
    from services.events import reminders

    stop = stop or asyncio.Event()
    engine = make_async_engine(settings.effective_database_url, pool_size=2)
    sessionmaker = make_sessionmaker(engine)
    next_reminders = 0.0

    async def queue_reminders() -> None:
        # Reminders are queued by whichever worker looks first: their dedupe keys keep one
        # per guest (services/events/reminders.py).
        nonlocal next_reminders
        if settings.reminder_before and asyncio.get_running_loop().time() >= next_reminders:
            next_reminders = asyncio.get_running_loop().time() + settings.reminder_poll_seconds
            try:
                await reminders.queue_due_reminders(sessionmaker=sessionmaker, settings=settings)
            except Exception:
                logger.exception("reminders not queued; trying again at the next poll")

    try:
        with common.mail_target(settings, "EVENTS_SMTP_HOST") as sender:
            await common.poll(
                events_outbox(settings),
                sessionmaker=sessionmaker,
                sender=sender,
                stop=stop,
                before_batch=queue_reminders,
            )
    finally:
        await engine.dispose()


__all__ = [
    "LEASE",
    "BatchResult",
    "MailDirSink",
    "OutboxMetrics",
    "RefreshOutboxMetrics",
    "UnsendableMessage",
    "backoff",
    "build_email",
    "forget_sink_copies",
    "is_permanent",
    "process_batch",
    "run_worker",
    "sink_file",
    "smtp_sender",
    "without_addresses",
]
