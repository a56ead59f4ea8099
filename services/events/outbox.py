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
import smtplib
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction
from services.events import calendar, clock
from services.events.config import EventsSettings
from services.events.models import Event, OutboxMessage, OutboxStatus

logger = logging.getLogger("mim.events.outbox")

LEASE = timedelta(minutes=5)

Sender = Callable[[EmailMessage], None]


def backoff(attempts: int, settings: EventsSettings) -> timedelta:
    """Delay before the next try: base * 2^(attempts-1), capped."""
    seconds = settings.outbox_backoff_base_seconds * (2 ** max(0, attempts - 1))
    return timedelta(seconds=min(seconds, settings.outbox_backoff_max_seconds))


def build_email(message: OutboxMessage, event: Event | None, settings: EventsSettings) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email["Content-Language"] = message.language
    email.set_content(message.body_text)
    if message.attach_ics and event is not None:
        email.add_attachment(
            calendar.event_ics(event),
            maintype="text",
            subtype="calendar",
            filename=f"{event.slug}.ics",
            params={"method": "PUBLISH"},
        )
    return email


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
                col(OutboxMessage.status) == OutboxStatus.pending.value,
                # A worker that died mid-send left its lease behind.
                (col(OutboxMessage.status) == OutboxStatus.sending.value)
                & (col(OutboxMessage.locked_until) < now),
            ),
        )
        .values(
            status=OutboxStatus.sending.value,
            locked_until=now + LEASE,
            attempts=col(OutboxMessage.attempts) + 1,
        )
    )
    return claimed.rowcount == 1


@dataclass
class BatchResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0


async def process_batch(
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: EventsSettings,
    sender: Sender,
    now: datetime | None = None,
) -> BatchResult:
    """Send every message that is due (one claim, one send, one mark each)."""
    moment = now or clock.now()
    result = BatchResult()
    async with transaction(sessionmaker, write=False) as session:
        due = (
            await session.exec(
                select(OutboxMessage.id)
                .where(
                    or_(
                        (col(OutboxMessage.status) == OutboxStatus.pending.value)
                        & (col(OutboxMessage.next_attempt_at) <= moment),
                        (col(OutboxMessage.status) == OutboxStatus.sending.value)
                        & (col(OutboxMessage.locked_until) < moment),
                    )
                )
                .order_by(col(OutboxMessage.id))
                .limit(settings.outbox_batch_size)
            )
        ).all()
    for message_id in due:
        assert message_id is not None
        async with transaction(sessionmaker, write=True) as session:
            if not await _claim(session=session, message_id=message_id, now=moment):
                continue
            message = await session.get(OutboxMessage, message_id, populate_existing=True)
            assert message is not None
            event = await session.get(Event, message.event_id) if message.event_id else None
            email = build_email(message, event, settings)
            attempts = message.attempts
        try:
            await asyncio.to_thread(sender, email)
        except (OSError, smtplib.SMTPException) as exc:
            give_up = attempts >= settings.outbox_max_attempts
            async with transaction(sessionmaker, write=True) as session:
                await session.exec(
                    update(OutboxMessage)
                    .where(col(OutboxMessage.id) == message_id)
                    .values(
                        status=OutboxStatus.failed.value if give_up else OutboxStatus.pending.value,
                        next_attempt_at=moment + backoff(attempts, settings),
                        locked_until=None,
                        last_error=f"{type(exc).__name__}: {exc}"[:500],
                    )
                )
            logger.warning(
                "e-mail not sent",
                extra={"outbox_id": message_id, "attempts": attempts, "error": str(exc)[:200]},
            )
            if give_up:
                result.failed += 1
            else:
                result.retried += 1
            continue
        async with transaction(sessionmaker, write=True) as session:
            await session.exec(
                update(OutboxMessage)
                .where(col(OutboxMessage.id) == message_id)
                .values(status=OutboxStatus.sent.value, sent_at=clock.now(), locked_until=None, last_error="")
            )
        result.sent += 1
    return result


def _free_port() -> int:
    # aiosmtpd's Controller checks it is up by connecting to its port, so it cannot bind port 0.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MailDirSink:
    """A local SMTP server (aiosmtpd) that writes each message as an .eml file: the default target."""

    def __init__(self, directory: Path) -> None:
        from aiosmtpd.controller import Controller

        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.controller = Controller(self, hostname="127.0.0.1", port=_free_port())

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        stamp = clock.now().strftime("%Y%m%dT%H%M%S%f")
        (self.directory / f"{stamp}.eml").write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"

    def start(self) -> tuple[str, int]:
        self.controller.start()
        return "127.0.0.1", int(self.controller.port)

    def stop(self) -> None:
        self.controller.stop()


async def run_worker(settings: EventsSettings, *, stop: asyncio.Event | None = None) -> None:
    """Poll the outbox until ``stop`` is set (or forever)."""
    from services.common.db import make_async_engine, make_sessionmaker

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
    try:
        while not stop.is_set():
            try:
                result = await process_batch(sessionmaker=sessionmaker, settings=settings, sender=sender)
                if result.sent or result.retried or result.failed:
                    logger.info(
                        "outbox batch",
                        extra={"sent": result.sent, "retried": result.retried, "failed": result.failed},
                    )
            except Exception:
                logger.exception("outbox batch failed; retrying after the poll interval")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.outbox_poll_seconds)
    finally:
        await engine.dispose()
        if sink is not None:
            sink.stop()
