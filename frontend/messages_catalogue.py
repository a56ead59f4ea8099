"""The API's machine codes in the reader's words (fr/en/ar).

The API answers every error with a `code` (problem+json `code`, each field error's `code`) and
the values to put in a message (`params`); its `detail` and `message` are English for
developers and are never shown to a person. A code the website does not know yet gets a
generic message for its HTTP status, still translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from frontend.i18n import N_, fmt_datetime, fmt_number, gettext_, ngettext_

# Problem codes (the last part of the problem's `type`) -> message; %(name)s from `params`.
PROBLEM_MESSAGES: dict[str, str] = {
    "bad-request": N_("We could not understand this request."),
    "unauthorized": N_("Please sign in to continue."),
    "session-ended": N_("Your session has ended. Please sign in again."),
    "forbidden": N_("You may not do this with this account."),
    "not-found": N_("This page or item does not exist or is no longer published."),
    "method-not-allowed": N_("We could not understand this request."),
    "conflict": N_(
        "This change conflicts with another one made at the same moment; nothing was changed. Please reload and try again."  # noqa: E501
    ),
    "gone": N_("This link is no longer valid."),
    "payload-too-large": N_("What you sent is too large."),
    "unsupported-media-type": N_("We could not understand this request."),
    "validation-error": N_("Please correct the fields marked below."),
    "too-many-requests": N_("Too many attempts in a short time. Please wait a moment and try again."),
    "service-unavailable": N_("The platform is taking a short break. Please try again in a moment."),
    "database-unavailable": N_("The platform is busy; nothing was changed. Please try again."),
    "bad-gateway": N_("The platform is taking a short break. Please try again in a moment."),
    "gateway-timeout": N_("The platform took too long to answer. Please try again."),
    "internal-error": N_("An unexpected error occurred. It has been logged; please try again."),
    "rsvp-not-open": N_("Reservations open on %(opens_at)s (Casablanca time)."),
    "rsvp-closed": N_("Reservations are closed for this event."),
    "event-not-published": N_("This event is not published yet."),
    "event-past": N_("This event is over."),
    "event-cancelled": N_("This event has been cancelled."),
    "confirmation-expired": N_(
        "This confirmation link has expired. Please reserve again from the event page."
    ),
    "already-checked-in": N_("This guest has already been checked in."),
    "not-confirmed": N_("This reservation is not confirmed: the guest has no seat."),
    "no-entry-pass": N_(
        "This reservation gives no entry: it is not confirmed, or the event is cancelled or over."
    ),
    "too-many-pending": N_(
        "Too many reservations are waiting for confirmation for this event. Please try again later."
    ),
    "exporter-not-yours": N_("This company is not yours."),
    "open-application": N_("This product already has an application in progress."),
    "already-labelled": N_("This product already holds the label; it can be renewed once it has expired."),
    "invalid-transition": N_("This application cannot move to that status."),
    "label-rule": N_("The label needs at least %(ge)s%% of value added in Morocco."),
    "label-held": N_("A labelled company or product cannot be deleted; withdraw the label first."),
    "idempotency-key-reused": N_(
        "This import was already sent with other content. Please start a new import."
    ),
    "signin-locked": N_("Too many failed sign-ins. Please try again in %(retry_after)s seconds."),
    "batch-empty": N_("Give at least one certificate number."),
    "batch-too-large": N_("At most 100 certificate numbers at a time."),
    "batch-duplicates": N_("Each certificate number may appear only once."),
    "endpoint-disabled": N_("This webhook endpoint is disabled; enable it again first."),
    "unknown-event-type": N_("This event type does not exist."),
    "event-full": N_("The event is full: no seat is free."),
    "guest-known": N_("This person is already on the guest list."),
    "not-checked-in": N_("This guest has not been checked in."),
    "unknown-guest": N_("No guest of this event matches this code."),
    "contact-expired": N_("This link has expired. Please write your message again from the exporter's page."),
    "too-many-photos": N_("A product has at most %(max_photos)s photos: remove one first."),
}

# When a problem has no code the website knows: one message per status.
STATUS_MESSAGES: dict[int, str] = {
    400: PROBLEM_MESSAGES["bad-request"],
    401: PROBLEM_MESSAGES["unauthorized"],
    403: PROBLEM_MESSAGES["forbidden"],
    404: PROBLEM_MESSAGES["not-found"],
    409: N_("This could not be done in the current state. Please reload the page and try again."),
    410: PROBLEM_MESSAGES["gone"],
    413: PROBLEM_MESSAGES["payload-too-large"],
    422: PROBLEM_MESSAGES["validation-error"],
    429: PROBLEM_MESSAGES["too-many-requests"],
}
GENERIC_MESSAGE = N_("Something went wrong. Please try again.")

# Field codes -> message; %(name)s from the error's `params`.
FIELD_MESSAGES: dict[str, str] = {
    "missing": N_("Please fill in this field."),
    "too-short": N_("This is too short."),
    "too-small": N_("The value must be at least %(ge)s."),
    "too-large": N_("The value must be at most %(le)s."),
    "not-a-number": N_("Please enter a number."),
    "not-an-integer": N_("Please enter a whole number."),
    "not-a-boolean": N_("Please answer yes or no."),
    "invalid-date": N_("Please enter a valid date."),
    "invalid-url": N_("Please enter a full web address, starting with https://"),
    "invalid-email": N_("This e-mail address does not look valid."),
    "invalid-phone": N_("This phone number does not look valid."),
    "invalid-ice": N_("An ICE has 15 digits, the last two a check number; please check it."),
    "invalid-slug": N_("Use lower-case letters, digits and hyphens only."),
    "invalid-format": N_("This value does not have the expected format."),
    "invalid-character": N_(
        "This text holds a character that is not allowed (a control or invisible character)."
    ),
    "invalid-choice": N_("Please choose one of the proposed values."),
    "invalid-json": N_("We could not understand this request."),
    "wrong-type": N_("This value is not of the expected kind."),
    "unknown-field": N_("This field is not expected here."),
    "hs-code-format": N_("An HS code has 6 to 10 digits, e.g. 151090."),
    "hs-chapter-format": N_("An HS chapter has two digits."),
    "unknown-country": N_(
        "We do not know the country “%(value)s”. Write its name or its two-letter code (e.g. ES)."
    ),
    "market-is-morocco": N_("An export market is a country other than Morocco."),
    "unknown-region": N_("Please choose a region from the list."),
    "unknown-sector": N_("Please choose a sector from the list."),
    "unknown-series": N_("Please choose a series from the list."),
    "unknown-exporter": N_("This company is not in the catalogue."),
    "unknown-product": N_("This product does not exist."),
    "exporter-not-yours": N_("This company is not yours."),
    "duplicate": N_("This value is already used."),
    "duplicates": N_("A value is repeated."),
    "reserved": N_("This value is reserved; please choose another."),
    "not-null": N_("Please fill in this field."),
    "forbidden-field": N_("You may not change this field."),
    "invalid-times": N_("The times are not in order: the end must come after the start."),
    "coordinates-pair": N_("Give both the latitude and the longitude, or neither."),
    "year-out-of-range": N_("Please enter a year between 1800 and this year."),
    "not-utf8": N_("The file must be UTF-8 text (save it as “CSV UTF-8”)."),
    "invalid-csv": N_("The file is not valid CSV."),
    "missing-column": N_("This required column is missing."),
    "unknown-column": N_("This column is not expected."),
    "idempotency-key-reused": PROBLEM_MESSAGES["idempotency-key-reused"],
    "label-rule": N_("The label needs at least %(ge)s%% of value added in Morocco."),
    "file-too-large": N_("This file is too large: at most %(max_mb)s MB."),
    "image-type": N_("Only JPEG, PNG or WebP images are accepted (SVG and other files are refused)."),
    "image-too-many-pixels": N_("This image has too many pixels: at most %(max_megapixels)s megapixels."),
    "image-trailing-data": N_(
        "This file holds something after the end of the image. Export the image again from an image editor."
    ),
    "image-damaged": N_("This image is truncated or damaged. Please send it again."),
    "invalid": N_("This value is not valid."),
}
# Codes whose message depends on a number: the param that is the number, and the message.
FIELD_PLURALS: dict[str, tuple[str, Callable[[int], str]]] = {
    "too-long": (
        "max_length",
        lambda n: ngettext_("At most %(num)s character.", "At most %(num)s characters.", n),
    ),
    "too-few": (
        "min_length",
        lambda n: ngettext_("Choose at least %(num)s item.", "Choose at least %(num)s items.", n),
    ),
    "too-many": (
        "max_length",
        lambda n: ngettext_("Choose at most %(num)s item.", "Choose at most %(num)s items.", n),
    ),
}
FIELD_CODES = frozenset(FIELD_MESSAGES) | frozenset(FIELD_PLURALS)

_DATETIME_PARAMS = frozenset({"opens_at", "closes_at"})


def _values(params: Mapping[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (params or {}).items():
        if key in _DATETIME_PARAMS:
            try:
                out[key] = fmt_datetime(value)
            except (TypeError, ValueError):
                continue
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = fmt_number(value)
        else:
            out[key] = str(value)
    return out


def _fill(msgid: str, params: Mapping[str, Any] | None, fallback: str) -> str:
    """The translated message with its values; the fallback when a value it needs is absent."""
    text = gettext_(msgid)
    if "%(" not in msgid:
        return text
    try:
        return text % _values(params)
    except (KeyError, TypeError, ValueError):
        return gettext_(fallback)


def field_message(code: str | None, params: Mapping[str, Any] | None = None) -> str:
    """A field error's code in the reader's words (never the API's English)."""
    code = code or "invalid"
    plural = FIELD_PLURALS.get(code)
    if plural is not None:
        key, message = plural
        number = (params or {}).get(key)
        if isinstance(number, int) and not isinstance(number, bool):
            return message(number) % {"num": fmt_number(number)}
        invalid = FIELD_MESSAGES["invalid"]
        return gettext_(invalid)
    return _fill(FIELD_MESSAGES.get(code, FIELD_MESSAGES["invalid"]), params, FIELD_MESSAGES["invalid"])


def status_message(status: int) -> str:
    if status >= 500:
        unavailable = PROBLEM_MESSAGES["service-unavailable"]
        return gettext_(unavailable)
    return gettext_(STATUS_MESSAGES.get(status, GENERIC_MESSAGE))


def problem_message(problem: Mapping[str, Any] | None, status: int) -> str:
    """A problem+json answer in the reader's words: its `code` (with `params`), else its status."""
    code = str((problem or {}).get("code") or "")
    if not code:  # an answer from before codes: the last part of its type URL
        kind = str((problem or {}).get("type") or "")
        code = kind.rsplit("/", 1)[-1] if "/problems/" in kind else ""
    msgid = PROBLEM_MESSAGES.get(code)
    if msgid is None:
        return status_message(status)
    params = (problem or {}).get("params")
    text = gettext_(msgid)
    if "%(" not in msgid:
        return text
    try:
        return text % _values(params if isinstance(params, Mapping) else None)
    except (KeyError, TypeError, ValueError):
        return status_message(status)
