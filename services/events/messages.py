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
    confirm_request = "confirm_request"
    manage_link = "manage_link"
    confirmation = "confirmation"
    waitlisted = "waitlisted"
    promotion = "promotion"
    cancellation = "cancellation"
    event_cancelled = "event_cancelled"
    # Before the event (services/events/reminders.py).
    reminder = "reminder"
    reminder_waitlisted = "reminder_waitlisted"
    # The organiser moved the event (new time or place): the calendar file replaces the old one.
    event_updated = "event_updated"
    # The organiser's changes to the guest list (services/events/guest_list.py).
    added_by_organiser = "added_by_organiser"
    added_waitlisted_by_organiser = "added_waitlisted_by_organiser"
    moved_to_waitlist = "moved_to_waitlist"
    cancelled_by_organiser = "cancelled_by_organiser"


# kind -> language -> (subject, body); placeholders filled by ``render``.
# No message carries text a guest typed (their name, organisation): anyone can type any address,
# and the Club's own words must not be theirs. Event titles are the organisers' text.
TEMPLATES: dict[MessageKind, dict[str, tuple[str, str]]] = {
    MessageKind.confirm_request: {
        "fr": (
            "Confirmez votre inscription : {title}",
            "Bonjour,\n\nUne inscription à « {title} », le {when} (heure de Casablanca), a été demandée "
            "avec cette adresse. Pour la confirmer, ouvrez ce lien et cliquez sur « Confirmer » avant le "
            "{confirm_by} :\n{manage_url}\n\nSi vous n'avez rien demandé, ignorez ce message : sans "
            "confirmation, rien n'est réservé.\n\nLe Club Made in Morocco",
        ),
        "en": (
            "Confirm your RSVP: {title}",
            "Hello,\n\nAn RSVP to “{title}” on {when} (Casablanca time) was requested with this address. "
            "To confirm it, open this link and press “Confirm” before {confirm_by}:\n{manage_url}\n\n"
            "If you did not ask for it, ignore this message: nothing is booked without confirmation.\n\n"
            "Club Made in Morocco",
        ),
        "ar": (
            "أكد تسجيلك: {title}",
            "مرحبا،\n\nطُلب تسجيل في «{title}» يوم {when} (بتوقيت الدار البيضاء) بهذا العنوان. لتأكيده افتح "
            "هذا الرابط واضغط «تأكيد» قبل {confirm_by}:\n{manage_url}\n\nإن لم تطلب ذلك فتجاهل هذه "
            "الرسالة: لا يُحجز شيء دون تأكيد.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.manage_link: {
        "fr": (
            "Votre lien d'inscription : {title}",
            "Bonjour,\n\nUne inscription à « {title} » a été demandée avec cette adresse, qui est déjà "
            "inscrite. Votre inscription n'a pas changé ; pour la voir ou l'annuler :\n{manage_url}\n\n"
            "Le Club Made in Morocco",
        ),
        "en": (
            "Your RSVP link: {title}",
            "Hello,\n\nAn RSVP to “{title}” was requested with this address, which already has one. "
            "Your RSVP has not changed; to see or cancel it:\n{manage_url}\n\nClub Made in Morocco",
        ),
        "ar": (
            "رابط تسجيلك: {title}",
            "مرحبا،\n\nطُلب تسجيل في «{title}» بهذا العنوان المسجل من قبل. تسجيلك لم يتغير؛ لرؤيته أو "
            "إلغائه:\n{manage_url}\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.confirmation: {
        "fr": (
            "Inscription confirmée : {title}",
            "Bonjour,\n\nVotre place est confirmée pour « {title} », le {when} (heure de "
            "Casablanca), {place}.\n\nVotre invitation (code QR à présenter à l'entrée) et l'annulation : "
            "{manage_url}\n\nLe fichier calendrier est joint.\n\nÀ très bientôt,\nLe Club Made in Morocco",
        ),
        "en": (
            "RSVP confirmed: {title}",
            "Hello,\n\nYour seat is confirmed for “{title}” on {when} (Casablanca time), {place}."
            "\n\nYour invitation (QR code to show at the door) and cancellation: {manage_url}\n\n"
            "The calendar file is attached.\n\nSee you soon,\nClub Made in Morocco",
        ),
        "ar": (
            "تأكيد التسجيل: {title}",
            "مرحبا،\n\nتم تأكيد مقعدك في «{title}» يوم {when} (بتوقيت الدار البيضاء)، {place}.\n\n"
            "دعوتك (رمز QR عند المدخل) والإلغاء: {manage_url}\n\nملف التقويم مرفق.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.waitlisted: {
        "fr": (
            "Liste d'attente : {title}",
            "Bonjour,\n\n« {title} » est complet ; vous êtes sur la liste d'attente. Nous vous "
            "écrirons dès qu'une place se libère.\n\nGérer votre inscription : {manage_url}\n\n"
            "Le Club Made in Morocco",
        ),
        "en": (
            "Waiting list: {title}",
            "Hello,\n\n“{title}” is full; you are on the waiting list. We will write to you as "
            "soon as a seat frees up.\n\nManage your RSVP: {manage_url}\n\nClub Made in Morocco",
        ),
        "ar": (
            "لائحة الانتظار: {title}",
            "مرحبا،\n\n«{title}» مكتمل؛ أنت في لائحة الانتظار وسنراسلك فور تحرر مقعد.\n\n"
            "إدارة تسجيلك: {manage_url}\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.promotion: {
        "fr": (
            "Une place s'est libérée : {title}",
            "Bonjour,\n\nBonne nouvelle : une place s'est libérée et votre inscription à « {title} » "
            "est confirmée, le {when} (heure de Casablanca), {place}.\n\nVotre invitation : {manage_url}\n\n"
            "Le fichier calendrier est joint.\n\nLe Club Made in Morocco",
        ),
        "en": (
            "A seat is yours: {title}",
            "Hello,\n\nGood news: a seat freed up and your RSVP to “{title}” is confirmed, on {when} "
            "(Casablanca time), {place}.\n\nYour invitation: {manage_url}\n\nThe calendar file is "
            "attached.\n\nClub Made in Morocco",
        ),
        "ar": (
            "تحرر مقعد لك: {title}",
            "مرحبا،\n\nخبر سار: تحرر مقعد وتم تأكيد تسجيلك في «{title}» يوم {when} (بتوقيت الدار "
            "البيضاء)، {place}.\n\nدعوتك: {manage_url}\n\nملف التقويم مرفق.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.cancellation: {
        "fr": (
            "Inscription annulée : {title}",
            "Bonjour,\n\nVotre inscription à « {title} » est annulée. Merci de nous avoir prévenus."
            "\n\nLe Club Made in Morocco",
        ),
        "en": (
            "RSVP cancelled: {title}",
            "Hello,\n\nYour RSVP to “{title}” is cancelled. Thank you for letting us know.\n\n"
            "Club Made in Morocco",
        ),
        "ar": (
            "إلغاء التسجيل: {title}",
            "مرحبا،\n\nتم إلغاء تسجيلك في «{title}». شكرا لإخبارنا.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.event_cancelled: {
        "fr": (
            "Événement annulé : {title}",
            "Bonjour,\n\nNous sommes au regret d'annuler « {title} », prévu le {when} (heure de "
            "Casablanca).{reason}\n\nToutes nos excuses,\nLe Club Made in Morocco",
        ),
        "en": (
            "Event cancelled: {title}",
            "Hello,\n\nWe are sorry to cancel “{title}”, planned on {when} (Casablanca time)."
            "{reason}\n\nOur apologies,\nClub Made in Morocco",
        ),
        "ar": (
            "إلغاء الحدث: {title}",
            "مرحبا،\n\nنأسف لإلغاء «{title}» المقرر يوم {when} (بتوقيت الدار البيضاء).{reason}\n\n"
            "مع اعتذارنا،\nنادي صنع في المغرب",
        ),
    },
    MessageKind.reminder: {
        "fr": (
            "Rappel : {title}, le {when}",
            "Bonjour,\n\nNous vous attendons à « {title} », le {when} (heure de Casablanca), {place}."
            "\n\nVotre code QR d'entrée est joint : présentez-le à l'accueil. Il est aussi sur votre "
            "invitation : {manage_url}\n\nLe fichier calendrier est joint. Un empêchement ? Annulez "
            "depuis le même lien : votre place ira à la personne suivante sur la liste d'attente.\n\n"
            "À très bientôt,\nLe Club Made in Morocco",
        ),
        "en": (
            "Reminder: {title}, on {when}",
            "Hello,\n\nWe look forward to seeing you at “{title}” on {when} (Casablanca time), {place}."
            "\n\nYour entry QR code is attached: show it at the door. It is also on your invitation: "
            "{manage_url}\n\nThe calendar file is attached. Cannot come? Cancel from the same link: "
            "your seat goes to the next person on the waiting list.\n\nSee you soon,\n"
            "Club Made in Morocco",
        ),
        "ar": (
            "تذكير: {title} يوم {when}",
            "مرحبا،\n\nننتظرك في «{title}» يوم {when} (بتوقيت الدار البيضاء)، {place}.\n\n"
            "رمز QR للدخول مرفق: قدمه عند المدخل. وهو أيضا في دعوتك: {manage_url}\n\nملف التقويم "
            "مرفق. إن تعذر حضورك فألغ من الرابط نفسه ليذهب مقعدك إلى التالي في لائحة الانتظار.\n\n"
            "نادي صنع في المغرب",
        ),
    },
    MessageKind.reminder_waitlisted: {
        "fr": (
            "Liste d'attente : {title}, le {when}",
            "Bonjour,\n\n« {title} » a lieu le {when} (heure de Casablanca). L'événement est "
            "toujours complet : vous êtes n° {position} sur la liste d'attente. Si une place se "
            "libère, vous recevrez aussitôt un e-mail avec votre invitation.\n\nGérer votre "
            "inscription : {manage_url}\n\nLe Club Made in Morocco",
        ),
        "en": (
            "Waiting list: {title}, on {when}",
            "Hello,\n\n“{title}” takes place on {when} (Casablanca time). It is still full: you are "
            "number {position} on the waiting list. If a seat frees up, you will get an e-mail with "
            "your invitation straight away.\n\nManage your RSVP: {manage_url}\n\n"
            "Club Made in Morocco",
        ),
        "ar": (
            "لائحة الانتظار: {title} يوم {when}",
            "مرحبا،\n\nيقام «{title}» يوم {when} (بتوقيت الدار البيضاء). ما يزال الحدث مكتملا: "
            "ترتيبك {position} في لائحة الانتظار. إن تحرر مقعد فستصلك رسالة بدعوتك فورا.\n\n"
            "إدارة تسجيلك: {manage_url}\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.event_updated: {
        "fr": (
            "Changement : {title}, le {when}",
            "Bonjour,\n\n« {title} » change d'horaire ou de lieu. Nouvelles informations : le {when} "
            "(heure de Casablanca), {place}.\n\nLe fichier calendrier joint met à jour votre agenda. "
            "Votre inscription : {manage_url}\n\nLe Club Made in Morocco",
        ),
        "en": (
            "Change: {title}, on {when}",
            "Hello,\n\n“{title}” has a new time or place: {when} (Casablanca time), {place}.\n\n"
            "The attached calendar file updates your calendar. Your RSVP: {manage_url}\n\n"
            "Club Made in Morocco",
        ),
        "ar": (
            "تغيير: {title} يوم {when}",
            "مرحبا،\n\nتغير موعد أو مكان «{title}». المعلومات الجديدة: يوم {when} (بتوقيت الدار "
            "البيضاء)، {place}.\n\nملف التقويم المرفق يحدّث تقويمك. تسجيلك: {manage_url}\n\n"
            "نادي صنع في المغرب",
        ),
    },
    MessageKind.added_by_organiser: {
        "fr": (
            "Vous êtes inscrit : {title}",
            "Bonjour,\n\nL'équipe du Club vous a inscrit à « {title} », le {when} (heure de "
            "Casablanca), {place}. Votre place est confirmée.\n\nVotre invitation (code QR à "
            "présenter à l'entrée) et l'annulation : {manage_url}\n\nLe fichier calendrier est "
            "joint.\n\nLe Club Made in Morocco",
        ),
        "en": (
            "You are registered: {title}",
            "Hello,\n\nThe Club's team registered you for “{title}” on {when} (Casablanca time), "
            "{place}. Your seat is confirmed.\n\nYour invitation (QR code to show at the door) and "
            "cancellation: {manage_url}\n\nThe calendar file is attached.\n\nClub Made in Morocco",
        ),
        "ar": (
            "تم تسجيلك: {title}",
            "مرحبا،\n\nسجلك فريق النادي في «{title}» يوم {when} (بتوقيت الدار البيضاء)، {place}. "
            "مقعدك مؤكد.\n\nدعوتك (رمز QR عند المدخل) والإلغاء: {manage_url}\n\nملف التقويم "
            "مرفق.\n\nنادي صنع في المغرب",
        ),
    },
    MessageKind.added_waitlisted_by_organiser: {
        "fr": (
            "Liste d'attente : {title}",
            "Bonjour,\n\nL'équipe du Club vous a inscrit sur la liste d'attente de « {title} », le "
            "{when} (heure de Casablanca) : vous êtes n° {position}. Nous vous écrirons dès qu'une "
            "place se libère.\n\nGérer votre inscription : {manage_url}\n\nLe Club Made in Morocco",
        ),
        "en": (
            "Waiting list: {title}",
            "Hello,\n\nThe Club's team put you on the waiting list for “{title}” on {when} "
            "(Casablanca time): you are number {position}. We will write to you as soon as a seat "
            "frees up.\n\nManage your RSVP: {manage_url}\n\nClub Made in Morocco",
        ),
        "ar": (
            "لائحة الانتظار: {title}",
            "مرحبا،\n\nسجلك فريق النادي في لائحة انتظار «{title}» يوم {when} (بتوقيت الدار "
            "البيضاء): ترتيبك {position}. سنراسلك فور تحرر مقعد.\n\nإدارة تسجيلك: {manage_url}\n\n"
            "نادي صنع في المغرب",
        ),
    },
    MessageKind.moved_to_waitlist: {
        "fr": (
            "Liste d'attente : {title}",
            "Bonjour,\n\nL'équipe du Club a replacé votre inscription à « {title} » sur la liste "
            "d'attente : vous êtes n° {position}. Votre code QR d'entrée n'est plus valable ; nous "
            "vous écrirons dès qu'une place se libère.\n\nGérer votre inscription : {manage_url}\n\n"
            "Le Club Made in Morocco",
        ),
        "en": (
            "Waiting list: {title}",
            "Hello,\n\nThe Club's team moved your RSVP to “{title}” back to the waiting list: you "
            "are number {position}. Your entry QR code no longer opens the door; we will write to you "
            "as soon as a seat frees up.\n\nManage your RSVP: {manage_url}\n\nClub Made in Morocco",
        ),
        "ar": (
            "لائحة الانتظار: {title}",
            "مرحبا،\n\nأعاد فريق النادي تسجيلك في «{title}» إلى لائحة الانتظار: ترتيبك {position}. "
            "لم يعد رمز QR صالحا للدخول؛ سنراسلك فور تحرر مقعد.\n\nإدارة تسجيلك: {manage_url}\n\n"
            "نادي صنع في المغرب",
        ),
    },
    MessageKind.cancelled_by_organiser: {
        "fr": (
            "Inscription annulée : {title}",
            "Bonjour,\n\nL'équipe du Club a annulé votre inscription à « {title} », prévu le {when} "
            "(heure de Casablanca). Votre code QR d'entrée n'est plus valable.\n\nUne question ? "
            "Répondez à ce message.\n\nLe Club Made in Morocco",
        ),
        "en": (
            "RSVP cancelled: {title}",
            "Hello,\n\nThe Club's team cancelled your RSVP to “{title}”, planned on {when} "
            "(Casablanca time). Your entry QR code no longer opens the door.\n\nA question? Reply to "
            "this message.\n\nClub Made in Morocco",
        ),
        "ar": (
            "إلغاء التسجيل: {title}",
            "مرحبا،\n\nألغى فريق النادي تسجيلك في «{title}» المقرر يوم {when} (بتوقيت الدار "
            "البيضاء). لم يعد رمز QR صالحا للدخول.\n\nلأي سؤال ردّ على هذه الرسالة.\n\n"
            "نادي صنع في المغرب",
        ),
    },
}

# Messages that carry the guest's own calendar file (METHOD:REQUEST with the guest as ATTENDEE,
# METHOD:CANCEL once the event is cancelled; see services/events/outbox.py).
ATTACH_ICS = {
    MessageKind.confirmation,
    MessageKind.promotion,
    MessageKind.reminder,
    MessageKind.event_updated,
    MessageKind.event_cancelled,
    MessageKind.added_by_organiser,
}
# Messages that carry the entry QR code as a PNG (when the guest still holds an entry pass).
ATTACH_QR = {MessageKind.reminder}


def dedupe_key(kind: MessageKind, *, rsvp_id: int, sequence: int) -> str:
    """One message of this kind per guest and event SEQUENCE: the outbox keeps it unique."""
    return f"{kind.value}:{rsvp_id}:{sequence}"


def _title(event: Event, language: str) -> str:
    return {"en": event.title_en, "ar": event.title_ar}.get(language) or event.title_fr


def manage_url(settings: EventsSettings, rsvp: RsvpRow) -> str:
    return f"{settings.public_url}/rsvps/{rsvp.manage_token}"


def render(
    kind: MessageKind,
    *,
    event: Event,
    rsvp: RsvpRow,
    settings: EventsSettings,
    position: int | None = None,
) -> tuple[str, str]:
    language = rsvp.language if rsvp.language in ("fr", "en", "ar") else "fr"
    subject, body = TEMPLATES[kind][language]
    place = ", ".join(p for p in (event.venue, event.city) if p) or (event.online_url or "")
    reason = f"\n\n{event.cancellation_reason}" if event.cancellation_reason else ""
    confirm_by = rsvp.confirm_by or event.starts_at
    values = {
        "title": _title(event, language),
        "when": f"{clock.local(event.starts_at):%d/%m/%Y %H:%M}",
        "place": place,
        "manage_url": manage_url(settings, rsvp),
        "reason": reason,
        "confirm_by": f"{clock.local(confirm_by):%d/%m/%Y %H:%M}",
        "position": str(position or "?"),
    }
    return subject.format(**values)[:300], body.format(**values)


def compose(
    kind: MessageKind,
    *,
    event: Event,
    rsvp: RsvpRow,
    settings: EventsSettings,
    position: int | None = None,
    dedupe: str | None = None,
) -> dict[str, Any]:
    """The outbox row of a message to the guest, as column values (``rsvp.id`` must be known)."""
    subject, body = render(kind, event=event, rsvp=rsvp, settings=settings, position=position)
    return new_row(
        OutboxMessage,
        kind=kind,
        event_id=event.id,
        rsvp_id=rsvp.id,
        to_address=rsvp.email,
        language=rsvp.language,
        subject=subject,
        body_text=body,
        attach_ics=kind in ATTACH_ICS,
        message_id=f"<{secrets.token_hex(16)}@made-in-morocco.ma>",
        dedupe_key=dedupe,
    )


def queue(
    kind: MessageKind,
    *,
    session: AsyncSession,
    event: Event,
    rsvp: Rsvp,
    settings: EventsSettings,
    position: int | None = None,
    dedupe: str | None = None,
) -> OutboxMessage:
    """Add the message to the caller's transaction: it exists if and only if the change commits."""
    message = OutboxMessage(
        **compose(kind, event=event, rsvp=rsvp, settings=settings, position=position, dedupe=dedupe)
    )
    session.add(message)
    return message
