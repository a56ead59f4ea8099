"""The QR code a guest shows at the door: it carries the RSVP's check-in token."""

from __future__ import annotations

import io

import segno

QR_PREFIX = "MIM-CHECKIN:"


def payload(checkin_token: str) -> str:
    return QR_PREFIX + checkin_token


def token_from_scan(scanned: str) -> str:
    """Accept what a scanner reads (with the prefix) or the bare token typed by hand."""
    scanned = scanned.strip()
    return scanned.removeprefix(QR_PREFIX)


def svg(checkin_token: str) -> bytes:
    out = io.BytesIO()
    segno.make(payload(checkin_token), error="m").save(out, kind="svg", scale=6, border=2, xmldecl=True)
    return out.getvalue()


def png(checkin_token: str) -> bytes:
    out = io.BytesIO()
    segno.make(payload(checkin_token), error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()
