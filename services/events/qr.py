"""The QR code a guest shows at the door: it carries the RSVP's check-in token."""

from __future__ import annotations

from services.common import qr

QR_PREFIX = "MIM-CHECKIN:"


def payload(checkin_token: str) -> str:
    return QR_PREFIX + checkin_token


def token_from_scan(scanned: str) -> str:
    """Accept what a scanner reads (with the prefix) or the bare token typed by hand."""
    scanned = scanned.strip()
    return scanned.removeprefix(QR_PREFIX)


def svg(checkin_token: str) -> bytes:
    return qr.svg(payload(checkin_token))


def png(checkin_token: str) -> bytes:
    return qr.png(payload(checkin_token))
