"""The attendee list as CSV, for a spreadsheet: its dialect and its headers in the reader's language.

``excel`` (the default): comma, UTF-8 with BOM, CRLF. ``excel-fr``: what Excel set to French
(and most of the Maghreb's office machines) opens with one double click: semicolon, UTF-8
with BOM, CRLF. Every cell goes through the formula guard
(:func:`services.common.vocabulary.spreadsheet_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Literal

from services.common.vocabulary import spreadsheet_cell

Dialect = Literal["excel", "excel-fr"]
Lang = Literal["fr", "en", "ar"]

COLUMNS = (
    "rsvp_id",
    "status",
    "queue_position",
    "waitlist_position",
    "name",
    "email",
    "organisation",
    "phone",
    "exporter_id",
    "language",
    "created_at_local",
    "checked_in_at_local",
)

HEADERS: dict[str, dict[str, str]] = {
    "fr": {
        "rsvp_id": "N° d'inscription",
        "status": "Statut",
        "queue_position": "Ordre d'arrivée",
        "waitlist_position": "Rang en liste d'attente",
        "name": "Nom",
        "email": "E-mail",
        "organisation": "Organisation",
        "phone": "Téléphone",
        "exporter_id": "N° exportateur",
        "language": "Langue",
        "created_at_local": "Inscrit le (heure de Casablanca)",
        "checked_in_at_local": "Arrivé à (heure de Casablanca)",
    },
    "en": {
        "rsvp_id": "RSVP id",
        "status": "Status",
        "queue_position": "Arrival order",
        "waitlist_position": "Waiting list place",
        "name": "Name",
        "email": "E-mail",
        "organisation": "Organisation",
        "phone": "Phone",
        "exporter_id": "Exporter id",
        "language": "Language",
        "created_at_local": "Registered at (Casablanca time)",
        "checked_in_at_local": "Checked in at (Casablanca time)",
    },
    "ar": {
        "rsvp_id": "رقم التسجيل",
        "status": "الحالة",
        "queue_position": "ترتيب الوصول",
        "waitlist_position": "الترتيب في لائحة الانتظار",
        "name": "الاسم",
        "email": "البريد الإلكتروني",
        "organisation": "المؤسسة",
        "phone": "الهاتف",
        "exporter_id": "رقم المصدّر",
        "language": "اللغة",
        "created_at_local": "تاريخ التسجيل (بتوقيت الدار البيضاء)",
        "checked_in_at_local": "وقت الحضور (بتوقيت الدار البيضاء)",
    },
}

STATUSES: dict[str, dict[str, str]] = {
    "fr": {
        "confirmed": "confirmé",
        "waitlisted": "liste d'attente",
        "cancelled": "annulé",
        "pending": "en attente",
    },
    "en": {
        "confirmed": "confirmed",
        "waitlisted": "waiting list",
        "cancelled": "cancelled",
        "pending": "pending",
    },
    "ar": {
        "confirmed": "مؤكد",
        "waitlisted": "لائحة الانتظار",
        "cancelled": "ملغى",
        "pending": "في انتظار التأكيد",
    },
}


def attendees_csv(
    rows: Iterable[dict[str, object]], *, dialect: Dialect = "excel", lang: Lang | None = None
) -> bytes:
    """The file's bytes. Without ``lang``, the headers are the column names (as before)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if dialect == "excel-fr" else ",", lineterminator="\r\n")
    headers: Sequence[str] = [HEADERS[lang][c] for c in COLUMNS] if lang else COLUMNS
    writer.writerow([spreadsheet_cell(h) for h in headers])
    for row in rows:
        values = dict(row)
        if lang:
            status = str(values.get("status", ""))
            values["status"] = STATUSES[lang].get(status, status)
        writer.writerow([spreadsheet_cell(values.get(c)) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")
