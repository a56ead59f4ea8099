"""The outbox worker: sends queued e-mails over SMTP, with retries and exponential back-off.

A message is claimed by a conditional UPDATE (pending -> sending, with a lease),
so several workers never send the same message; it is marked sent right after
the SMTP server accepts it. SMTP down means the message waits for its next
attempt: delayed, never lost. A worker that dies between the SMTP answer and the
"sent" mark leaves a lease that expires; the retry keeps the same Message-ID so
the receiving side can recognise it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Gauge
from sqlalchemy import func, or_, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, Envelope
    from aiosmtpd.smtp import Session as SMTPSession

from services.common.db import transaction
from services.common.text import header_value
from services.events import calendar, clock, qr
from services.events.config import EventsSettings
from services.events.messages import ATTACH_QR
from services.events.models import Event, OutboxMessage, OutboxStatus, Rsvp, RsvpStatus
from services.events.presenters import has_entry_pass

logger = logging.getLogger("mim.events.outbox")

LEASE = timedelta(minutes=5)

Sender = Callable[[EmailMessage], None]


def backoff(attempts: int, settings: EventsSettings) -> timedelta:
    """Delay before the next try: base * 2^(attempts-1), capped."""
    seconds = settings.outbox_backoff_base_seconds * (2 ** max(0, attempts - 1))
    return timedelta(seconds=min(seconds, settings.outbox_backoff_max_seconds))


class UnsendableMessage(ValueError):
    """The row cannot become an e-mail (a recipient that is not one address...): retrying cannot help."""


def _recipient(address: str) -> str:
    """The one recipient of a row, or :class:`UnsendableMessage` (a CR/LF or a list would add others)."""
    parsed = parseaddr(address)[1]
    if (
        not parsed
        or "@" not in parsed
        or header_value(address) != address
        or len(getaddresses([address])) != 1
    ):
        raise UnsendableMessage("the recipient is not one e-mail address")
    return address


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
    email["Content-Language"] = header_value(message.language)
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
    return email


def is_permanent(exc: BaseException) -> bool:
    """A failure that the same message will meet again: park it now rather than retry for hours."""
    if isinstance(exc, UnsendableMessage):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    # A network or server hiccup (OSError, disconnect, 4xx) may pass; anything else is a bug
    # in building or sending this one message, which a retry will meet again.
    return not isinstance(exc, OSError | smtplib.SMTPException)


def smtp_sender(settings: EventsSettings, host: str, port: int) -> Sender:
    def send(email: EmailMessage) -> None:
        with smtplib.SMTP(host, port, timeout=settings.smtp_timeout_seconds) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password)
            smtp.send_message(email)

    return send


async def _claim(*, session: AsyncSession, message_id: int, now: datetime) -> bool:
    claimed = await session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == message_id,
            or_(
                col(OutboxMessage.status) == OutboxStatus.pending,
                # A worker that died mid-send left its lease behind.
                (col(OutboxMessage.status) == OutboxStatus.sending) & (col(OutboxMessage.locked_until) < now),
            ),
        )
        .values(
            status=OutboxStatus.sending,
            locked_until=now + LEASE,
            attempts=col(OutboxMessage.attempts) + 1,
        )
    )
    return claimed.rowcount == 1


@dataclass
class BatchResult:
    sent: int = 0
    retried: int = 0
    parked: int = 0


async def _due(
    *, sessionmaker: async_sessionmaker[AsyncSession], settings: EventsSettings, moment: datetime
) -> list[int]:
    async with transaction(sessionmaker, write=False) as session:
        due = (
            await session.exec(
                select(OutboxMessage.id)
                .where(
                    or_(
                        (col(OutboxMessage.status) == OutboxStatus.pending)
                        & (col(OutboxMessage.next_attempt_at) <= moment),
                        (col(OutboxMessage.status) == OutboxStatus.sending)
                        & (col(OutboxMessage.locked_until) < moment),
                    )
                )
                .order_by(col(OutboxMessage.id))
                .limit(settings.outbox_batch_size)
            )
        ).all()
    return [message_id for message_id in due if message_id is not None]


async def _claim_and_build(
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: EventsSettings,
    message_id: int,
    now: datetime,
) -> tuple[int, EmailMessage | UnsendableMessage] | None:
    """Claim one message (its own transaction) and build its e-mail; None when another worker has it.

    A row that cannot be built stays claimed (the claim commits) and comes back as the error,
    so that it is parked instead of rolling back and blocking the queue.
    """
    async with transaction(sessionmaker, write=True) as session:
        if not await _claim(session=session, message_id=message_id, now=now):
            return None
        message = await session.get(OutboxMessage, message_id, populate_existing=True)
        assert message is not None
        try:
            event = await session.get(Event, message.event_id) if message.event_id else None
            rsvp = await session.get(Rsvp, message.rsvp_id) if message.rsvp_id else None
            return message.attempts, build_email(message, event, settings, rsvp)
        except Exception as exc:
            reason = (
                exc
                if isinstance(exc, UnsendableMessage)
                else UnsendableMessage(f"{type(exc).__name__}: {exc}")
            )
            return message.attempts, reason


async def _mark_failed(
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: EventsSettings,
    message_id: int,
    attempts: int,
    exc: BaseException,
    now: datetime,
) -> bool:
    """Record a failed try: back off, or park the message. True when it was parked."""
    # An SMTP error often quotes the recipient: the stored reason and the logs keep no address.
    error = without_addresses(f"{type(exc).__name__}: {exc}")[:500]
    park = is_permanent(exc) or attempts >= settings.outbox_max_attempts
    async with transaction(sessionmaker, write=True) as session:
        await session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id)
            .values(
                status=OutboxStatus.parked if park else OutboxStatus.pending,
                next_attempt_at=now + backoff(attempts, settings),
                locked_until=None,
                last_error=error,
            )
        )
    if park:
        # The alert: an operator reads the reason, fixes the cause, and may set the row back
        # to pending.
        logger.error(
            "ALERT outbox message parked: it will not be retried",
            extra={"alert": "outbox_parked", "outbox_id": message_id, "attempts": attempts, "error": error},
        )
    else:
        logger.warning(
            "e-mail not sent; will retry",
            extra={"outbox_id": message_id, "attempts": attempts, "error": error[:200]},
        )
    return park


async def process_batch(
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: EventsSettings,
    sender: Sender,
    now: datetime | None = None,
) -> BatchResult:
    """Send every message that is due: one claim, one send, one mark each.

    One message's failure (a row that cannot be built, a recipient refused, SMTP down) is
    recorded on that message alone; the others in the batch go on.
    """
    moment = now or clock.now()
    result = BatchResult()
    for message_id in await _due(sessionmaker=sessionmaker, settings=settings, moment=moment):
        claimed = await _claim_and_build(
            sessionmaker=sessionmaker, settings=settings, message_id=message_id, now=moment
        )
        if claimed is None:
            continue
        attempts, email = claimed
        try:
            if isinstance(email, UnsendableMessage):
                raise email
            await asyncio.to_thread(sender, email)
        except Exception as exc:
            parked = await _mark_failed(
                sessionmaker=sessionmaker,
                settings=settings,
                message_id=message_id,
                attempts=attempts,
                exc=exc,
                now=moment,
            )
            if parked:
                result.parked += 1
            else:
                result.retried += 1
            continue
        async with transaction(sessionmaker, write=True) as session:
            await session.exec(
                update(OutboxMessage)
                .where(col(OutboxMessage.id) == message_id)
                .values(status=OutboxStatus.sent, sent_at=clock.now(), locked_until=None, last_error="")
            )
        result.sent += 1
    return result


# Statuses an operator watches; "sent" rows only grow and are not counted.
WATCHED = (OutboxStatus.pending, OutboxStatus.sending, OutboxStatus.parked, OutboxStatus.failed)


class OutboxMetrics:
    """Gauges read from the outbox table itself, so they are right whichever process sends.

    The worker is its own process (``mim events-worker``) with no HTTP port; the events API
    answers /metrics, so it counts the rows when it is scraped (see :class:`RefreshOutboxMetrics`).
    """

    def __init__(self, registry: CollectorRegistry) -> None:
        # "mostrecent": with several API workers, one series, not one per process.
        self.messages = Gauge(
            "outbox_messages",
            "Outbox messages by status (sent ones are not counted)",
            ["status"],
            registry=registry,
            multiprocess_mode="mostrecent",
        )
        self.parked = Gauge(
            "outbox_parked",
            "E-mails parked (dead-lettered) after a permanent failure or too many attempts: alert when > 0",
            registry=registry,
            multiprocess_mode="mostrecent",
        )
        self.oldest_due = Gauge(
            "outbox_oldest_due_seconds",
            "How long the oldest message that is due has waited: grows when the worker is stalled",
            registry=registry,
            multiprocess_mode="mostrecent",
        )

    async def refresh(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        moment = clock.now()
        async with transaction(sessionmaker, write=False) as session:
            counts = dict(
                (
                    await session.exec(
                        select(OutboxMessage.status, func.count())
                        .where(col(OutboxMessage.status).in_(WATCHED))
                        .group_by(col(OutboxMessage.status))
                    )
                ).all()
            )
            oldest = (
                await session.exec(
                    select(func.min(OutboxMessage.next_attempt_at)).where(
                        col(OutboxMessage.status) == OutboxStatus.pending,
                        col(OutboxMessage.next_attempt_at) <= moment,
                    )
                )
            ).one()
        for status in WATCHED:
            self.messages.labels(status.value).set(counts.get(status.value, 0))
        self.parked.set(counts.get(OutboxStatus.parked.value, 0))
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        self.oldest_due.set(max(0.0, (moment - oldest).total_seconds()) if oldest else 0.0)


class RefreshOutboxMetrics:
    """ASGI middleware: counts the outbox rows just before /metrics answers (nothing else is touched)."""

    def __init__(
        self, app: ASGIApp, *, metrics: OutboxMetrics, sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.sessionmaker = sessionmaker

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/metrics":
            try:
                await self.metrics.refresh(self.sessionmaker)
            except Exception:
                logger.exception("outbox metrics not refreshed")
        await self.app(scope, receive, send)


def _free_port() -> int:
    # aiosmtpd's Controller checks it is up by connecting to its port, so it cannot bind port 0.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# An SMTP error often quotes the recipient ("550 <guest@...>: no such user"): logs and the
# stored last error keep the reason, never the address.
_ADDRESS = re.compile(r"[^\s<>()\[\],;:'\"]+@[^\s<>()\[\],;:'\"]+")


def without_addresses(text: str) -> str:
    return _ADDRESS.sub("[address]", text)


def sink_file(directory: Path, message_id: str) -> Path:
    """Where the development mail sink keeps a message: named by its Message-ID."""
    name = re.sub(r"[^A-Za-z0-9._-]", "_", message_id.strip().strip("<>"))[:200]
    return directory / f"{name or 'message'}.eml"


def forget_sink_copies(directory: Path, message_ids: list[str]) -> None:
    """An erased guest's e-mails leave the development mail sink too (no-op elsewhere)."""
    for message_id in message_ids:
        sink_file(directory, message_id).unlink(missing_ok=True)


class MailDirSink:
    """A local SMTP server (aiosmtpd) that writes each message as an .eml file: the default target."""

    def __init__(self, directory: Path) -> None:
        from aiosmtpd.controller import Controller

        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        # aiosmtpd logs every envelope (sender, recipients) at INFO: no addresses in our logs.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.controller = Controller(self, hostname="127.0.0.1", port=_free_port())

    async def handle_DATA(self, server: SMTP, session: SMTPSession, envelope: Envelope) -> str:
        # Bytes: the controller leaves decode_data off, so ``content`` is not decoded to str.
        raw = envelope.original_content or envelope.content or b""
        content = raw.encode() if isinstance(raw, str) else raw
        message_id = BytesHeaderParser().parsebytes(content).get("Message-ID", "")
        # Named by Message-ID, so erasing a guest can find and remove their messages.
        name = str(message_id) or clock.now().strftime("%Y%m%dT%H%M%S%f")
        sink_file(self.directory, name).write_bytes(content)
        return "250 Message accepted for delivery"

    def start(self) -> tuple[str, int]:
        self.controller.start()
        return "127.0.0.1", int(self.controller.port)

    def stop(self) -> None:
        self.controller.stop()


async def run_worker(settings: EventsSettings, *, stop: asyncio.Event | None = None) -> None:
    """Poll the outbox until ``stop`` is set (or forever)."""
    from services.common.db import make_async_engine, make_sessionmaker
    from services.events import reminders

    stop = stop or asyncio.Event()
    sink: MailDirSink | None = None
    if settings.smtp_host:
        host, port = settings.smtp_host, settings.smtp_port
    else:
        sink = MailDirSink(Path(settings.mail_dir))
        host, port = sink.start()
        logger.info("no EVENTS_SMTP_HOST: e-mails are written to %s", settings.mail_dir)
    sender = smtp_sender(settings, host, port)
    engine = make_async_engine(settings.effective_database_url, pool_size=2)
    sessionmaker = make_sessionmaker(engine)
    next_reminders = 0.0
    try:
        while not stop.is_set():
            # Reminders are queued by whichever worker looks first: their dedupe keys keep one
            # per guest (services/events/reminders.py).
            if settings.reminder_before and asyncio.get_running_loop().time() >= next_reminders:
                next_reminders = asyncio.get_running_loop().time() + settings.reminder_poll_seconds
                try:
                    await reminders.queue_due_reminders(sessionmaker=sessionmaker, settings=settings)
                except Exception:
                    logger.exception("reminders not queued; trying again at the next poll")
            try:
                result = await process_batch(sessionmaker=sessionmaker, settings=settings, sender=sender)
                if result.sent or result.retried or result.parked:
                    logger.info(
                        "outbox batch",
                        extra={"sent": result.sent, "retried": result.retried, "parked": result.parked},
                    )
            except Exception:
                logger.exception("outbox batch failed; retrying after the poll interval")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.outbox_poll_seconds)
    finally:
        await engine.dispose()
        if sink is not None:
            sink.stop()
