"""A buyer reaches an exporter: contact requests, their confirmation, and their delivery by e-mail.

The rules:

- **Double opt-in.** A request is kept ``pending_confirmation``; the sender is e-mailed a link
  (its token is kept only as a SHA-256). Nothing reaches an exporter before the link is
  followed, so the platform never sends a stranger's text to an address its owner did not prove.
  The confirmation e-mail holds no text the sender typed: it cannot carry spam to a third party.
- **The same answer whatever exists.** Whether an exporter has an e-mail on file is private: the
  request is taken the same way, the sender's e-mail is the same, and the recipients without an
  address simply get nothing (they still see the request on their desk).
- **Idempotent confirmation.** The first confirmation flips the status with a conditional UPDATE
  and queues one e-mail per exporter (one dedupe key per request and exporter); a second click
  finds the request confirmed and queues nothing.
- **Limits in the service itself.** Requests per sender address and per client address in a
  window (keyed hashes, useless without the service's secret), and a honeypot field: a request
  with it filled gets the same 202 and is dropped.
- **Nothing is lost.** E-mails are outbox rows written in the request's transaction; the worker
  (services/common/outbox.py) retries with back-off while SMTP is down.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import delete, func, text, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common import outbox as common_outbox
from services.common.errors import NotFound, Problem, UnprocessableContent
from services.common.models import utcnow
from services.common.pagination import PageParams
from services.common.text import header_value
from services.registry.config import RegistrySettings
from services.registry.contact_schemas import (
    ContactConfirmed,
    ContactCreate,
    ContactExporterRef,
    ContactReceived,
    ContactReceivedPage,
)
from services.registry.models import (
    ContactOutbox,
    ContactRecipient,
    ContactRequest,
    ContactStatus,
    Exporter,
)

logger = logging.getLogger("mim.registry.contact")

MAIL_DOMAIN = "made-in-morocco.ma"


class TooManyRequests(Problem):
    status = 429
    slug = "too-many-requests"


class ContactExpired(Problem):
    status = 410
    slug = "contact-expired"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def limit_key(settings: RegistrySettings, kind: str, value: str) -> str:
    """A sender or client address as the limits keep it: a keyed hash."""
    secret = settings.jwt_secret.get_secret_value().encode()
    return hmac.new(secret, f"contact:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def _message_id() -> str:
    return f"<contact-{secrets.token_hex(16)}@{MAIL_DOMAIN}>"


# --------------------------------------------------------------------------- asking


async def _lock_keys(session: AsyncSession, keys: Sequence[str]) -> None:
    """PostgreSQL: serialise requests of one sender or client, so that a burst cannot pass the
    limit between its count and its insert (SQLite takes the write lock up front)."""
    connection = await session.connection()
    if connection.dialect.name != "postgresql":
        return
    for key in sorted(keys):
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(key[:15], 16)})


async def _recent(session: AsyncSession, column: str, key: str, since: datetime) -> int:
    field = col(getattr(ContactRequest, column))
    statement = select(func.count()).where(field == key, col(ContactRequest.created_at) >= since)
    return int((await session.exec(statement)).one())


async def _check_limits(
    *, session: AsyncSession, settings: RegistrySettings, email_key: str, client_key: str, now: datetime
) -> None:
    since = now - timedelta(seconds=settings.contact_window_seconds)
    retry = {"Retry-After": str(settings.contact_window_seconds)}
    if await _recent(session, "client_key", client_key, since) >= settings.contact_per_client_limit:
        raise TooManyRequests(
            "Too many contact requests from this client address; try again later.", headers=retry
        )
    if await _recent(session, "email_key", email_key, since) >= settings.contact_per_email_limit:
        raise TooManyRequests(
            "Too many contact requests from this e-mail address; try again later.", headers=retry
        )


async def _exporters(session: AsyncSession, slugs: Sequence[str]) -> list[Exporter]:
    found = (await session.exec(select(Exporter).where(col(Exporter.slug).in_(list(slugs))))).all()
    by_slug = {exporter.slug: exporter for exporter in found}
    unknown = [slug for slug in slugs if slug not in by_slug]
    if unknown:
        # The catalogue is public: saying which slug is unknown leaks nothing.
        raise UnprocessableContent.for_field(
            "exporters", f"unknown exporter '{unknown[0]}'", code="unknown-exporter"
        )
    return [by_slug[slug] for slug in slugs]


async def request_contact(
    *,
    session: AsyncSession,
    settings: RegistrySettings,
    data: ContactCreate,
    slugs: Sequence[str],
    client: str,
) -> None:
    """Take a request to the exporters ``slugs`` and e-mail the sender the link that sends it."""
    if data.website:  # the honeypot: answered like any request, kept nowhere
        logger.info("contact request dropped: honeypot filled")
        return
    exporters = await _exporters(session, slugs)
    now = utcnow()
    email_key = limit_key(settings, "email", normalise_email(str(data.email)))
    client_key = limit_key(settings, "client", client)
    await _lock_keys(session, [email_key, client_key])
    await _check_limits(
        session=session, settings=settings, email_key=email_key, client_key=client_key, now=now
    )
    token = secrets.token_urlsafe(32)
    request = ContactRequest(
        token_hash=token_hash(token),
        sender_name=data.name,
        sender_email=str(data.email),
        company=data.company,
        country=data.country or "",
        message=data.message,
        language=data.language,
        email_key=email_key,
        client_key=client_key,
        expires_at=now + timedelta(seconds=settings.contact_confirm_ttl_seconds),
        created_at=now,
    )
    session.add(request)
    await session.flush()
    for exporter in exporters:
        session.add(ContactRecipient(request_id=request.id or 0, exporter_id=exporter.id or 0))
    subject, body = confirmation_text(
        language=data.language,
        names=[exporter.trade_name for exporter in exporters],
        link=f"{settings.public_url}/contact/confirm/{token}",
        hours=settings.contact_confirm_ttl_seconds // 3600,
    )
    session.add(
        ContactOutbox(
            kind="contact_confirm",
            request_id=request.id,
            to_address=str(data.email),
            language=data.language,
            subject=subject,
            body_text=body,
            message_id=_message_id(),
        )
    )
    await session.flush()


# --------------------------------------------------------------------------- confirming


async def _recipients(session: AsyncSession, request_id: int) -> list[Exporter]:
    statement = (
        select(Exporter)
        .join(ContactRecipient, col(ContactRecipient.exporter_id) == col(Exporter.id))
        .where(ContactRecipient.request_id == request_id)
        .order_by(col(Exporter.trade_name))
    )
    return list((await session.exec(statement)).all())


def _queue_deliveries(
    session: AsyncSession, request: ContactRequest, exporters: Sequence[Exporter], settings: RegistrySettings
) -> int:
    """One e-mail per exporter with an address on file; the others read it on their desk."""
    queued = 0
    for exporter in exporters:
        if not exporter.email:
            continue
        subject, body = delivery_text(request, exporter, recipients=len(exporters), settings=settings)
        session.add(
            ContactOutbox(
                kind="contact_message",
                request_id=request.id,
                to_address=exporter.email,
                language="fr",
                subject=subject,
                body_text=body,
                message_id=_message_id(),
                dedupe_key=f"contact:{request.id}:{exporter.id}",
            )
        )
        queued += 1
    return queued


async def confirm(*, session: AsyncSession, settings: RegistrySettings, token: str) -> ContactConfirmed:
    """Send the request (once): a second confirmation answers the same and queues nothing."""
    now = utcnow()
    hashed = token_hash(token)
    flipped = await session.exec(
        update(ContactRequest)
        .where(
            col(ContactRequest.token_hash) == hashed,
            col(ContactRequest.status) == ContactStatus.pending_confirmation,
            col(ContactRequest.expires_at) > now,
        )
        .values(status=ContactStatus.confirmed, confirmed_at=now)
    )
    request = (
        await session.exec(
            select(ContactRequest)
            .where(ContactRequest.token_hash == hashed)
            .execution_options(populate_existing=True)
        )
    ).first()
    if request is None:
        raise NotFound("No contact request has this link.")
    if request.status != ContactStatus.confirmed:
        raise ContactExpired("This link has expired: write the message again.")
    exporters = await _recipients(session, request.id or 0)
    if flipped.rowcount == 1:
        queued = _queue_deliveries(session, request, exporters, settings)
        await session.flush()
        logger.info("contact request confirmed", extra={"contact_id": request.id, "queued": queued})
    return ContactConfirmed(
        exporters=[ContactExporterRef(slug=e.slug, trade_name=e.trade_name) for e in exporters],
        confirmed_at=request.confirmed_at or now,
    )


# --------------------------------------------------------------------------- forgetting


async def forget_unconfirmed(*, session: AsyncSession, settings: RegistrySettings) -> int:
    """Requests never confirmed leave once their link has expired and the limits' window has
    passed: the sender's details, the message and the e-mail that asked to confirm it."""
    now = utcnow()
    before = now - timedelta(seconds=settings.contact_window_seconds)
    stale = select(ContactRequest.id).where(
        col(ContactRequest.status) != ContactStatus.confirmed,
        col(ContactRequest.expires_at) < now,
        col(ContactRequest.created_at) < before,
    )
    ids = [i for i in (await session.exec(stale)).all() if i is not None]
    if not ids:
        return 0
    # Rows still being sent are left alone; they are forgotten at a later pass.
    await session.exec(
        delete(ContactOutbox).where(
            col(ContactOutbox.request_id).in_(ids), col(ContactOutbox.status) != "sending"
        )
    )
    await session.exec(delete(ContactRecipient).where(col(ContactRecipient.request_id).in_(ids)))
    busy = select(ContactOutbox.request_id).where(col(ContactOutbox.request_id).in_(ids))
    gone = await session.exec(
        delete(ContactRequest).where(col(ContactRequest.id).in_(ids), col(ContactRequest.id).not_in(busy))
    )
    return int(gone.rowcount or 0)


# --------------------------------------------------------------------------- reading


async def received(*, session: AsyncSession, exporter: Exporter, page: PageParams) -> ContactReceivedPage:
    """The confirmed requests sent to ``exporter``, newest first."""
    mine = (
        select(ContactRequest)
        .join(ContactRecipient, col(ContactRecipient.request_id) == col(ContactRequest.id))
        .where(
            ContactRecipient.exporter_id == exporter.id,
            ContactRequest.status == ContactStatus.confirmed,
        )
    )
    total = int((await session.exec(select(func.count()).select_from(mine.subquery()))).one())
    rows = (
        await session.exec(
            mine.order_by(col(ContactRequest.confirmed_at).desc(), col(ContactRequest.id).desc())
            .limit(page.per_page)
            .offset(page.offset)
        )
    ).all()
    counts: dict[int, int] = {}
    if rows:
        counted = await session.exec(
            select(ContactRecipient.request_id, func.count())
            .where(col(ContactRecipient.request_id).in_([row.id for row in rows]))
            .group_by(col(ContactRecipient.request_id))
        )
        counts = {int(request_id): int(n) for request_id, n in counted.all()}
    items = [
        ContactReceived(
            id=row.id or 0,
            sender_name=row.sender_name,
            sender_email=row.sender_email,
            company=row.company,
            country=row.country or None,
            message=row.message,
            language=row.language,
            recipients=counts.get(row.id or 0, 1),
            confirmed_at=row.confirmed_at or row.created_at,
        )
        for row in rows
    ]
    return ContactReceivedPage(items=items, total=total, page=page.page, per_page=page.per_page)


# --------------------------------------------------------------------------- e-mails

_CONFIRM = {
    "fr": (
        "Confirmez l'envoi de votre message — Club Made in Morocco",
        "Bonjour,\n\nUn message a été écrit depuis le site du Club Made in Morocco avec cette adresse, "
        "pour : {names}.\n\nPour l'envoyer, ouvrez ce lien dans les {hours} heures :\n{link}\n\n"
        "Si vous n'êtes pas à l'origine de ce message, ignorez cet e-mail : rien ne sera envoyé.\n",
    ),
    "en": (
        "Confirm your message — Club Made in Morocco",
        "Hello,\n\nA message was written on the Club Made in Morocco website with this address, "
        "to: {names}.\n\nTo send it, open this link within {hours} hours:\n{link}\n\n"
        "If you did not write it, ignore this e-mail: nothing will be sent.\n",
    ),
    "ar": (
        "أكّدوا إرسال رسالتكم — نادي صنع في المغرب",
        "مرحبًا،\n\nكُتبت رسالة على موقع نادي صنع في المغرب بهذا العنوان، إلى: {names}.\n\n"
        "لإرسالها، افتحوا هذا الرابط خلال {hours} ساعة:\n{link}\n\n"
        "إذا لم تكتبوا هذه الرسالة، تجاهلوا هذا البريد: لن يُرسل شيء.\n",
    ),
}


def confirmation_text(*, language: str, names: Sequence[str], link: str, hours: int) -> tuple[str, str]:
    """The sender's e-mail: the exporters' public names and the link, no text the sender typed."""
    subject, body = _CONFIRM.get(language, _CONFIRM["fr"])
    separator = "، " if language == "ar" else ", "
    return subject, body.format(names=separator.join(names), link=link, hours=hours)


_LANGUAGES = {"fr": "français", "en": "anglais", "ar": "arabe"}


def delivery_text(
    request: ContactRequest, exporter: Exporter, *, recipients: int, settings: RegistrySettings
) -> tuple[str, str]:
    """The exporter's e-mail (French, the sector's working language): the buyer's words in the body
    only, never in a header; the buyer's address is the Reply-To, set when the e-mail is built."""
    lines = [
        "Bonjour,",
        "",
        f"Un acheteur écrit à {exporter.trade_name} par le Club Made in Morocco. "
        "Son adresse e-mail est confirmée.",
        "",
        f"Nom : {request.sender_name}",
        f"Société : {request.company or '—'}",
        f"Pays : {request.country or '—'}",
        f"E-mail : {request.sender_email}",
        f"Langue : {_LANGUAGES.get(request.language, request.language)}",
    ]
    if recipients > 1:
        lines.append(f"Demande de devis adressée à {recipients} exportateurs.")
    lines += [
        "",
        "----- Message -----",
        request.message,
        "-------------------",
        "",
        "Répondez à cet e-mail pour lui écrire. Vos demandes reçues sont aussi sur votre espace "
        f"exportateur : {settings.public_url}/desk",
    ]
    return "Nouvelle demande de contact — Club Made in Morocco", "\n".join(lines) + "\n"


async def build_email(session: AsyncSession, row: ContactOutbox, settings: RegistrySettings) -> EmailMessage:
    """One outbox row as an e-mail. A message to an exporter replies to the buyer's (confirmed)
    address, checked again to be one address: no header can be added through it."""
    email = EmailMessage()
    email["From"] = header_value(settings.mail_from)
    email["To"] = common_outbox.recipient(row.to_address)
    email["Subject"] = header_value(row.subject)
    email["Message-ID"] = header_value(row.message_id)
    email["Date"] = format_datetime(row.created_at)
    if row.kind == "contact_message" and row.request_id is not None:
        request = await session.get(ContactRequest, row.request_id)
        if request is not None:
            email["Reply-To"] = common_outbox.recipient(request.sender_email)
    email.set_content(row.body_text)
    # After set_content, which drops the Content-* headers set before it.
    email["Content-Language"] = header_value(row.language)
    return email


def registry_outbox(settings: RegistrySettings) -> common_outbox.Outbox:
    async def build(session: AsyncSession, row: ContactOutbox) -> EmailMessage:
        return await build_email(session, row, settings)

    return common_outbox.Outbox(
        model=ContactOutbox, build=build, settings=settings, log=logging.getLogger("mim.registry.outbox")
    )
