"""The organisers' event form: create an event, edit one."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import EventPublic, RegionPublic, SeriesPublic
from frontend.forms import ANY_CODE, FieldMessages, api_field_errors
from frontend.gateway import ApiError, GatewayClient
from frontend.i18n import N_, TIMEZONE
from frontend.i18n import gettext_ as _
from frontend.messages_catalogue import problem_message
from frontend.pages.common import gather, optional
from frontend.pages.desk.access import DeskUser, Staff
from frontend.pages.desk.programme_form import (
    MAX_ROWS,
    PARTNER_KINDS,
    place_payload,
    programme_payload,
    read_rows,
    row_errors,
    rows_from_api,
)
from frontend.pages.events import EventsApi, _event_id
from frontend.web import CsrfChecked, Gateway, render

router = APIRouter()

LANGS = ("fr", "en", "ar")
# The API's field errors that the form has words for (any other shows the API's message).
EVENT_MESSAGES: FieldMessages = {
    ("title.fr", ANY_CODE): N_("A French title is required."),
    ("starts_at", ANY_CODE): N_("Enter a date and time."),
    ("ends_at", ANY_CODE): N_("Enter a date and time."),
    ("capacity", ANY_CODE): N_("Enter a number of seats (0 or more)."),
}
EVENT_FIELDS = (
    "series",
    "title_fr",
    "title_en",
    "title_ar",
    "theme_fr",
    "theme_en",
    "theme_ar",
    "description_fr",
    "description_en",
    "description_ar",
    "starts_at",
    "ends_at",
    "venue",
    "city",
    "region_code",
    "format",
    "capacity",
    "rsvp_opens_at",
    "latitude",
    "longitude",
)

# Inputs the form added later: absent from a posted form, the event keeps its value.
OPTIONAL_INPUTS = frozenset({"rsvp_opens_at", "latitude", "longitude"})


def _local_input(value: datetime) -> str:
    """A UTC time -> the `datetime-local` value in Casablanca wall-clock time."""
    return value.astimezone(TIMEZONE).strftime("%Y-%m-%dT%H:%M")


def event_form_from_api(event: EventPublic) -> dict[str, str]:
    form = {
        "series": event.series.slug if event.series else "",
        "starts_at": _local_input(event.starts_at),
        "ends_at": _local_input(event.ends_at),
        "venue": event.venue,
        "city": event.city,
        "region_code": event.region_code or "",
        "format": event.format,
        "capacity": str(event.seats.capacity),
        "rsvp_opens_at": _local_input(event.rsvp.opens_at) if event.rsvp and event.rsvp.opens_at else "",
    }
    for key in ("title", "theme", "description"):
        text = getattr(event, key)
        for lang in LANGS:
            form[f"{key}_{lang}"] = getattr(text, lang) or ""
    rows_from_api(event, form)
    return form


def event_payload(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The API body from the form (times are Casablanca wall-clock: the service reads them so)."""
    errors: dict[str, str] = {}
    if not form.get("title_fr"):
        errors["title_fr"] = _("A French title is required.")
    for key in ("starts_at", "ends_at", "rsvp_opens_at"):
        if key == "rsvp_opens_at" and not form.get(key):
            continue
        try:
            datetime.fromisoformat(form.get(key, ""))
        except ValueError:
            errors[key] = _("Enter a date and time.")
    place, place_errors = place_payload(form)
    errors.update(place_errors)
    try:
        capacity = int(form.get("capacity", ""))
        if capacity < 0:
            raise ValueError
    except ValueError:
        capacity = 0
        errors["capacity"] = _("Enter a number of seats (0 or more).")
    payload: dict[str, Any] = {
        "series": form.get("series") or None,
        "title": {lang: form.get(f"title_{lang}", "") for lang in LANGS},
        "theme": {lang: form.get(f"theme_{lang}", "") for lang in LANGS},
        "description": {lang: form.get(f"description_{lang}", "") for lang in LANGS},
        "starts_at": form.get("starts_at"),
        "ends_at": form.get("ends_at"),
        "venue": form.get("venue", ""),
        "city": form.get("city", ""),
        "region_code": form.get("region_code") or None,
        "format": form.get("format") or "in_person",
        "capacity": capacity,
        "rsvp_opens_at": form.get("rsvp_opens_at") or None,
        **place,
    }
    return payload, errors


async def _event_form(
    request: Request,
    gateway: GatewayClient,
    *,
    event_id: int | None,
    form: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
    problem: str | None = None,
    added: str | None = None,
) -> Response:
    series, regions = await gather(
        optional(gateway.get_cached_list(EventsApi.series_list(), SeriesPublic, ttl=60)),
        optional(gateway.get_cached_list("/api/registry/regions", RegionPublic)),
    )
    return render(
        request,
        "desk/event_form.html",
        {
            "event_id": event_id,
            "form": form,
            "errors": errors,
            "problem": problem,
            "series": series or [],
            "regions": regions or [],
            "rows": {kind: int(form.get(f"{kind}_rows", "0") or 0) for kind in MAX_ROWS},
            "max_rows": MAX_ROWS,
            "partner_kinds": PARTNER_KINDS,
            "added": added,
        },
        status_code=status_code,
    )


@router.get("/desk/events/new")
async def new_event_form(request: Request, gateway: Gateway, user: Staff) -> Response:
    form = {"format": "in_person", "capacity": "80"} | {f"{kind}_rows": "1" for kind in MAX_ROWS}
    return await _event_form(request, gateway, event_id=None, form=form, errors={})


@router.post("/desk/events/new", dependencies=[CsrfChecked])
async def create_event(request: Request, gateway: Gateway, user: Staff) -> Response:
    return await _save_event(request, gateway, user, event_id=None)


@router.get("/desk/events/{event_id}/edit")
async def edit_event_form(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    event = await gateway.get_model(EventsApi.event(eid), EventPublic, token=user.token)
    return await _event_form(request, gateway, event_id=eid, form=event_form_from_api(event), errors={})


@router.post("/desk/events/{event_id}/edit", dependencies=[CsrfChecked])
async def update_event(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    return await _save_event(request, gateway, user, event_id=_event_id(event_id))


async def _send_event(
    gateway: GatewayClient, user: DeskUser, payload: dict[str, Any], *, event_id: int | None
) -> EventPublic:
    if event_id is None:
        return await gateway.send_model("POST", EventsApi.events(), payload, EventPublic, token=user.token)
    path = EventsApi.event(event_id)
    return await gateway.send_model("PATCH", path, payload, EventPublic, token=user.token)


async def _save_event(
    request: Request, gateway: GatewayClient, user: DeskUser, *, event_id: int | None
) -> Response:
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:5000] for k in EVENT_FIELDS}
    counts = read_rows(raw, form)
    added = str(raw.get("add", ""))
    if added in MAX_ROWS:  # "one more row": the same form again, nothing sent
        return await _event_form(request, gateway, event_id=event_id, form=form, errors={}, added=added)
    payload, errors = event_payload(form)
    for key in OPTIONAL_INPUTS - set(raw.keys()):  # a form without them (an older page) keeps them
        payload.pop(key, None)
    rows = programme_payload(form, counts)
    payload.update(rows.payload)
    errors.update(rows.errors)
    if errors:
        return await _event_form(
            request, gateway, event_id=event_id, form=form, errors=errors, status_code=422
        )
    try:
        saved = await _send_event(gateway, user, payload, event_id=event_id)
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        return await _event_form(
            request,
            gateway,
            event_id=event_id,
            form=form,
            errors=row_errors(exc, rows.origin, EVENT_MESSAGES),
            status_code=422 if exc.status == 422 else exc.status,
            problem=_("Please correct the fields marked below.")
            if exc.status == 422
            else problem_message(exc.problem, exc.status),
        )
    done = "created" if event_id is None else "saved"
    return RedirectResponse(f"/desk/events/{saved.id}?done={quote(done)}", status_code=303)


# ---- The guest list: add a guest by hand (the form on the event's desk page) ------------------

GUEST_FIELDS = ("name", "email", "organisation", "language", "when_full")
GUEST_MESSAGES: FieldMessages = {
    ("name", ANY_CODE): N_("Enter the guest's name."),
    ("email", ANY_CODE): N_("Enter a valid e-mail address."),
    ("organisation", ANY_CODE): N_("Enter an organisation on one line (200 characters at most)."),
}
# The guest list's refusals, by the API's machine code, in the organiser's language.
GUEST_PROBLEMS = {
    "event-full": N_("The event is full: put the guest on the waiting list or add a seat."),
    "already-listed": N_("This e-mail address is already on the list."),
    "nobody-waiting": N_(
        "Nobody else is on the waiting list: the seat would go straight back to this guest."
    ),
    "not-waitlisted": N_("This guest is not on the waiting list."),
    "not-confirmed": N_("This guest is not confirmed."),
    "already-checked-in": N_("This guest has already been checked in at the door."),
    "event-past": N_("The event is over: its guest list no longer changes."),
    "event-cancelled": N_("The event is cancelled: its guest list no longer changes."),
    "event-not-published": N_("Publish the event before adding guests."),
    "not-found": N_("This guest is not on this event's list."),
}


def problem_slug(exc: ApiError) -> str:
    """The machine code at the end of a problem's type (``…/event-full`` -> ``event-full``)."""
    return str(exc.problem.get("type", "")).rsplit("/", 1)[-1][:60]


def problem_text(slug: str | None, fallback: str | None = None) -> str | None:
    if slug in GUEST_PROBLEMS:
        return _(GUEST_PROBLEMS[slug])
    if slug == "validation-error":
        return _("Please correct the fields marked below.")
    return fallback or (_("The change could not be made.") if slug else None)


def guest_payload(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    if not form.get("name"):
        errors["name"] = _("Enter the guest's name.")
    email = form.get("email", "")
    if "@" not in email or " " in email:
        errors["email"] = _("Enter a valid e-mail address.")
    payload = {
        "name": form.get("name", ""),
        "email": email,
        "organisation": form.get("organisation", ""),
        "language": form.get("language") if form.get("language") in LANGS else "fr",
        "when_full": form.get("when_full") if form.get("when_full") in ("waitlist", "add_seat") else "refuse",
    }
    return payload, errors


def guest_errors(exc: ApiError) -> dict[str, str]:
    errors = api_field_errors(exc, GUEST_MESSAGES)
    slug = problem_slug(exc)
    if slug == "already-listed":
        errors["email"] = _(GUEST_PROBLEMS[slug])
    errors.pop("when_full", None)
    return errors
