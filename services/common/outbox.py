"""The durable e-mail outbox shared by the services: claims with leases, back-off, parking, SMTP.

A service writes an outbox row in the same transaction as the change it reports; a worker
sends it. Each service keeps its own table (columns of :class:`OutboxRecord`, plus whatever it
links to) and says how one row becomes an e-mail (a *builder*); everything else is here:

- a message is claimed by a conditional UPDATE (pending -> sending, with a lease), so several
  workers never send the same message; it is marked sent right after the SMTP server accepts it;
- SMTP down means the message waits for its next attempt (exponential back-off): delayed, never
  lost. A worker that dies between the SMTP answer and the "sent" mark leaves a lease that
  expires; the retry keeps the same Message-ID so the receiving side can recognise it;
- a message that cannot succeed (a refused recipient, a row that cannot be built) or that failed
  too often is parked, with its reason, without holding up the others;
- gauges read from the table itself, so they are right whichever process sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import smtplib
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Gauge
from sqlalchemy import func, or_, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.types import ASGIApp, Receive, Scope, Send

from services.common.config import MailServiceSettings
from services.common.db import transaction
from services.common.models import UTCDateTime, utcnow
from services.common.text import header_value

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, Envelope
    from aiosmtpd.smtp import Session as SMTPSession

logger = logging.getLogger("mim.outbox")

LEASE = timedelta(minutes=5)

Sender = Callable[[EmailMessage], None]
# How one claimed row becomes an e-mail, read in the claim's transaction.
Builder = Callable[[AsyncSession, Any], Awaitable[EmailMessage]]
Clock = Callable[[], datetime]


class OutboxStatus(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    # Not to be sent: the person's data was erased first.
    failed = "failed"
    # Dead-lettered: it failed for good (refused recipient, unbuildable row) or too many times;
    # the reason is in ``last_error``. Set it back to ``pending`` to try again.
    parked = "parked"


class OutboxRecord(SQLModel):
    """The columns every service's outbox table has (each service declares its own table)."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    to_address: str = Field(max_length=320)
    language: str = Field(default="fr", max_length=2)
    subject: str = Field(max_length=300)
    body_text: str
    message_id: str = Field(max_length=200, unique=True, description="RFC 5322 Message-ID, stable")
    dedupe_key: str | None = Field(default=None, max_length=120, unique=True)
    status: str = Field(default=OutboxStatus.pending, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)
    last_error: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


def backoff(attempts: int, settings: MailServiceSettings) -> timedelta:
    """Delay before the next try: base * 2^(attempts-1), capped."""
    seconds = settings.outbox_backoff_base_seconds * (2 ** max(0, attempts - 1))
    return timedelta(seconds=min(seconds, settings.outbox_backoff_max_seconds))


class UnsendableMessage(ValueError):
    """The row cannot become an e-mail (a recipient that is not one address...): retrying cannot help."""


def recipient(address: str) -> str:
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


def smtp_sender(settings: MailServiceSettings, host: str, port: int) -> Sender:
    def send(email: EmailMessage) -> None:
        with smtplib.SMTP(host, port, timeout=settings.smtp_timeout_seconds) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password)
            smtp.send_message(email)

    return send


@dataclass
class BatchResult:
    sent: int = 0
    retried: int = 0
    parked: int = 0


@dataclass(frozen=True)
class Outbox:
    """One service's outbox: its table, how a row becomes an e-mail, its settings and clock."""

    model: type[Any]
    build: Builder
    settings: MailServiceSettings
    clock: Clock = utcnow
    log: logging.Logger = logger

    async def _claim(self, *, session: AsyncSession, message_id: int, now: datetime) -> bool:
        row = self.model
        claimed = await session.exec(
            update(row)
            .where(
                col(row.id) == message_id,
                or_(
                    col(row.status) == OutboxStatus.pending,
                    # A worker that died mid-send left its lease behind.
                    (col(row.status) == OutboxStatus.sending) & (col(row.locked_until) < now),
                ),
            )
            .values(status=OutboxStatus.sending, locked_until=now + LEASE, attempts=col(row.attempts) + 1)
        )
        return claimed.rowcount == 1

    async def _due(self, *, sessionmaker: async_sessionmaker[AsyncSession], moment: datetime) -> list[int]:
        row = self.model
        async with transaction(sessionmaker, write=False) as session:
            due = (
                await session.exec(
                    select(row.id)
                    .where(
                        or_(
                            (col(row.status) == OutboxStatus.pending) & (col(row.next_attempt_at) <= moment),
                            (col(row.status) == OutboxStatus.sending) & (col(row.locked_until) < moment),
                        )
                    )
                    .order_by(col(row.id))
                    .limit(self.settings.outbox_batch_size)
                )
            ).all()
        return [message_id for message_id in due if message_id is not None]

    async def _claim_and_build(
        self, *, sessionmaker: async_sessionmaker[AsyncSession], message_id: int, now: datetime
    ) -> tuple[int, EmailMessage | UnsendableMessage] | None:
        """Claim one message (its own transaction) and build its e-mail; None when another worker has it.

        A row that cannot be built stays claimed (the claim commits) and comes back as the error,
        so that it is parked instead of rolling back and blocking the queue.
        """
        async with transaction(sessionmaker, write=True) as session:
            if not await self._claim(session=session, message_id=message_id, now=now):
                return None
            message = await session.get(self.model, message_id, populate_existing=True)
            assert message is not None
            try:
                return message.attempts, await self.build(session, message)
            except Exception as exc:
                reason = (
                    exc
                    if isinstance(exc, UnsendableMessage)
                    else UnsendableMessage(f"{type(exc).__name__}: {exc}")
                )
                return message.attempts, reason

    async def _mark_failed(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        message_id: int,
        attempts: int,
        exc: BaseException,
        now: datetime,
    ) -> bool:
        """Record a failed try: back off, or park the message. True when it was parked."""
        # An SMTP error often quotes the recipient: the stored reason and the logs keep no address.
        error = without_addresses(f"{type(exc).__name__}: {exc}")[:500]
        park = is_permanent(exc) or attempts >= self.settings.outbox_max_attempts
        async with transaction(sessionmaker, write=True) as session:
            await session.exec(
                update(self.model)
                .where(col(self.model.id) == message_id)
                .values(
                    status=OutboxStatus.parked if park else OutboxStatus.pending,
                    next_attempt_at=now + backoff(attempts, self.settings),
                    locked_until=None,
                    last_error=error,
                )
            )
        table = self.model.__tablename__
        if park:
            # The alert: an operator reads the reason, fixes the cause, and may set the row back
            # to pending.
            self.log.error(
                "ALERT outbox message parked: it will not be retried",
                extra={
                    "alert": "outbox_parked",
                    "outbox": table,
                    "outbox_id": message_id,
                    "attempts": attempts,
                    "error": error,
                },
            )
        else:
            self.log.warning(
                "e-mail not sent; will retry",
                extra={"outbox": table, "outbox_id": message_id, "attempts": attempts, "error": error[:200]},
            )
        return park

    async def process_batch(
        self, *, sessionmaker: async_sessionmaker[AsyncSession], sender: Sender, now: datetime | None = None
    ) -> BatchResult:
        """Send every message that is due: one claim, one send, one mark each.

        One message's failure (a row that cannot be built, a recipient refused, SMTP down) is
        recorded on that message alone; the others in the batch go on.
        """
        moment = now or self.clock()
        result = BatchResult()
        for message_id in await self._due(sessionmaker=sessionmaker, moment=moment):
            claimed = await self._claim_and_build(
                sessionmaker=sessionmaker, message_id=message_id, now=moment
            )
            if claimed is None:
                continue
            attempts, email = claimed
            try:
                if isinstance(email, UnsendableMessage):
                    raise email
                await asyncio.to_thread(sender, email)
            except Exception as exc:
                parked = await self._mark_failed(
                    sessionmaker=sessionmaker, message_id=message_id, attempts=attempts, exc=exc, now=moment
                )
                if parked:
                    result.parked += 1
                else:
                    result.retried += 1
                continue
            async with transaction(sessionmaker, write=True) as session:
                await session.exec(
                    update(self.model)
                    .where(col(self.model.id) == message_id)
                    .values(status=OutboxStatus.sent, sent_at=self.clock(), locked_until=None, last_error="")
                )
            result.sent += 1
        return result


# Statuses an operator watches; "sent" rows only grow and are not counted.
WATCHED = (OutboxStatus.pending, OutboxStatus.sending, OutboxStatus.parked, OutboxStatus.failed)


class OutboxMetrics:
    """Gauges read from an outbox table itself, so they are right whichever process sends.

    The API process answers /metrics, so it counts the rows when it is scraped (see
    :class:`RefreshOutboxMetrics`).
    """

    def __init__(self, registry: CollectorRegistry, model: type[Any], clock: Clock = utcnow) -> None:
        self.model = model
        self.clock = clock
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
        row = self.model
        moment = self.clock()
        async with transaction(sessionmaker, write=False) as session:
            counts = dict(
                (
                    await session.exec(
                        select(row.status, func.count())
                        .where(col(row.status).in_(WATCHED))
                        .group_by(col(row.status))
                    )
                ).all()
            )
            oldest = (
                await session.exec(
                    select(func.min(row.next_attempt_at)).where(
                        col(row.status) == OutboxStatus.pending, col(row.next_attempt_at) <= moment
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
    """An erased person's e-mails leave the development mail sink too (no-op elsewhere)."""
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
        # Named by Message-ID, so erasing a person can find and remove their messages.
        name = str(message_id) or utcnow().strftime("%Y%m%dT%H%M%S%f")
        sink_file(self.directory, name).write_bytes(content)
        return "250 Message accepted for delivery"

    def start(self) -> tuple[str, int]:
        self.controller.start()
        return "127.0.0.1", int(self.controller.port)

    def stop(self) -> None:
        self.controller.stop()


@contextlib.contextmanager
def mail_target(settings: MailServiceSettings, env_name: str) -> Any:
    """The SMTP sender for a worker: the configured server, or a local sink writing .eml files."""
    sink: MailDirSink | None = None
    if settings.smtp_host:
        host, port = settings.smtp_host, settings.smtp_port
    else:
        sink = MailDirSink(Path(settings.mail_dir))
        host, port = sink.start()
        logger.info("no %s: e-mails are written to %s", env_name, settings.mail_dir)
    try:
        yield smtp_sender(settings, host, port)
    finally:
        if sink is not None:
            sink.stop()


async def poll(
    outbox: Outbox,
    *,
    sessionmaker: async_sessionmaker[AsyncSession],
    sender: Sender,
    stop: asyncio.Event,
    before_batch: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Send what is due every ``outbox_poll_seconds`` until ``stop`` is set; a failed batch is retried."""
    while not stop.is_set():
        if before_batch is not None:
            await before_batch()
        try:
            result = await outbox.process_batch(sessionmaker=sessionmaker, sender=sender)
            if result.sent or result.retried or result.parked:
                logger.info(
                    "outbox batch",
                    extra={
                        "outbox": outbox.model.__tablename__,
                        "sent": result.sent,
                        "retried": result.retried,
                        "parked": result.parked,
                    },
                )
        except Exception:
            logger.exception("outbox batch failed; retrying after the poll interval")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=outbox.settings.outbox_poll_seconds)
