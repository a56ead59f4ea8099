"""E-mails to guests, in their language (fr, en, ar), queued in the outbox with the change."""

from __future__ import annotations

import secrets
from enum import StrEnum
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.models import new_row
from services.events import clock
from services.events.config import EventsSettings
from services.events.models import Event, OutboxMessage, Rsvp, RsvpRow


class MessageKind(StrEnum):
    confirmation = "confirmation"
    waitlisted = "waitlisted"
    promotion = "promotion"
    cancellation = "cancellation"
    event_cancelled = "event_cancelled"


# kind -> language -> (subject, body); placeholders filled by ``render``.
TEMPLATES: dict[MessageKind, dict[str, tuple[str, str]]] = {
    MessageKind.confirmation: {
        "fr": (
            "Inscription confirmée : {title}",
            "Bonjour {name},\n\nVotre place est confirmée pour « {title} », le {when} (heure de "
            "Casablanca), {place}.\n\nVotre invitation (code QR à présenter à l'entrée) et l'annulation : "
            "{manage_url}\n\nLe fichier calendrier est joint.\n\nÀ très bientôt,\nLe Club Made in Morocco",
        ),
        "en": (
            "RSVP confirmed: {title}",
            "Hello {name},\n\nYour seat is confirmed for “{title}” on {when} (Casablanca time), {place}."
            "\n\nYour invitation (QR code to show at the door) and cancellation: {manage_url}\n\n"
            "The calendar file is attached.\n\nSee you soon,\nClub Made in Morocco",
        ),
        "ar": (
            "تأكيد التسجيل: {title}",
            "مرحبا {name}،\n\nتم تأكيد مقعدك في «{title}» يوم {when} (بتوقيت الدار البيضاء)، {place}.\n\n"
            "دعوتك (رمز QR عند المدخل) والإلغاء: {manage_url}\n\nملف التقويم مرفق.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.waitlisted: {
        "fr": (
            "Liste d'attente : {title}",
            "Bonjour {name},\n\n« {title} » est complet ; vous êtes sur la liste d'attente. Nous vous "
            "écrirons dès qu'une place se libère.\n\nGérer votre inscription : {manage_url}\n\n"
            "Le Club Made in Morocco",
        ),
        "en": (
            "Waiting list: {title}",
            "Hello {name},\n\n“{title}” is full; you are on the waiting list. We will write to you as "
            "soon as a seat frees up.\n\nManage your RSVP: {manage_url}\n\nClub Made in Morocco",
        ),
        "ar": (
            "لائحة الانتظار: {title}",
            "مرحبا {name}،\n\n«{title}» مكتمل؛ أنت في لائحة الانتظار وسنراسلك فور تحرر مقعد.\n\n"
            "إدارة تسجيلك: {manage_url}\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.promotion: {
        "fr": (
            "Une place s'est libérée : {title}",
            "Bonjour {name},\n\nBonne nouvelle : une place s'est libérée et votre inscription à « {title} » "
            "est confirmée, le {when} (heure de Casablanca), {place}.\n\nVotre invitation : {manage_url}\n\n"
            "Le fichier calendrier est joint.\n\nLe Club Made in Morocco",
        ),
        "en": (
            "A seat is yours: {title}",
            "Hello {name},\n\nGood news: a seat freed up and your RSVP to “{title}” is confirmed, on {when} "
            "(Casablanca time), {place}.\n\nYour invitation: {manage_url}\n\nThe calendar file is "
            "attached.\n\nClub Made in Morocco",
        ),
        "ar": (
            "تحرر مقعد لك: {title}",
            "مرحبا {name}،\n\nخبر سار: تحرر مقعد وتم تأكيد تسجيلك في «{title}» يوم {when} (بتوقيت الدار "
            "البيضاء)، {place}.\n\nدعوتك: {manage_url}\n\nملف التقويم مرفق.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.cancellation: {
        "fr": (
            "Inscription annulée : {title}",
            "Bonjour {name},\n\nVotre inscription à « {title} » est annulée. Merci de nous avoir prévenus."
            "\n\nLe Club Made in Morocco",
        ),
        "en": (
            "RSVP cancelled: {title}",
            "Hello {name},\n\nYour RSVP to “{title}” is cancelled. Thank you for letting us know.\n\n"
            "Club Made in Morocco",
        ),
        "ar": (
            "إلغاء التسجيل: {title}",
            "مرحبا {name}،\n\nتم إلغاء تسجيلك في «{title}». شكرا لإخبارنا.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.event_cancelled: {
        "fr": (
            "Événement annulé : {title}",
            "Bonjour {name},\n\nNous sommes au regret d'annuler « {title} », prévu le {when} (heure de "
            "Casablanca).{reason}\n\nToutes nos excuses,\nLe Club Made in Morocco",
        ),
        "en": (
            "Event cancelled: {title}",
            "Hello {name},\n\nWe are sorry to cancel “{title}”, planned on {when} (Casablanca time)."
            "{reason}\n\nOur apologies,\nClub Made in Morocco",
        ),
        "ar": (
            "إلغاء الحدث: {title}",
            "مرحبا {name}،\n\nنأسف لإلغاء «{title}» المقرر يوم {when} (بتوقيت الدار البيضاء).{reason}\n\n"
            "مع اعتذارنا،\nنادي صنع في المغرب",
        ),
    },
}

ATTACH_ICS = {MessageKind.confirmation, MessageKind.promotion}


def _title(event: Event, language: str) -> str:
    return {"en": event.title_en, "ar": event.title_ar}.get(language) or event.title_fr


def manage_url(settings: EventsSettings, rsvp: RsvpRow) -> str:
    return f"{settings.public_base_url.rstrip('/')}/rsvps/{rsvp.manage_token}"


def render(kind: MessageKind, *, event: Event, rsvp: RsvpRow, settings: EventsSettings) -> tuple[str, str]:
    language = rsvp.language if rsvp.language in ("fr", "en", "ar") else "fr"
    subject, body = TEMPLATES[kind][language]
    place = ", ".join(p for p in (event.venue, event.city) if p) or (event.online_url or "")
    reason = f"\n\n{event.cancellation_reason}" if event.cancellation_reason else ""
    values = {
        "name": rsvp.name,
        "title": _title(event, language),
        "when": f"{clock.local(event.starts_at):%d/%m/%Y %H:%M}",
        "place": place,
        "manage_url": manage_url(settings, rsvp),
        "reason": reason,
    }
    return subject.format(**values)[:300], body.format(**values)


def compose(kind: MessageKind, *, event: Event, rsvp: RsvpRow, settings: EventsSettings) -> dict[str, Any]:
    """The outbox row of a message to the guest, as column values (``rsvp.id`` must be known)."""
    subject, body = render(kind, event=event, rsvp=rsvp, settings=settings)
    return new_row(
        OutboxMessage,
        kind=kind.value,
        event_id=event.id,
        rsvp_id=rsvp.id,
        to_address=rsvp.email,
        language=rsvp.language,
        subject=subject,
        body_text=body,
        attach_ics=kind in ATTACH_ICS,
        message_id=f"<{secrets.token_hex(16)}@made-in-morocco.ma>",
    )


def queue(
    kind: MessageKind, *, session: AsyncSession, event: Event, rsvp: Rsvp, settings: EventsSettings
) -> OutboxMessage:
    """Add the message to the caller's transaction: it exists if and only if the change commits."""
    message = OutboxMessage(**compose(kind, event=event, rsvp=rsvp, settings=settings))
    session.add(message)
    return message
