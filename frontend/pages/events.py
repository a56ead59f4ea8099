"""Events: upcoming and past, series, event pages, RSVP with inline validation, manage and cancel."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import (
    EventPublic,
    ExporterPublic,
    PageEventSummary,
    RsvpAccepted,
    RsvpCreate,
    RsvpEventRef,
    RsvpPublic,
    SeriesPublic,
)
from frontend.forms import ANY_CODE, MISSING, FieldMessages, api_field_errors, model_errors
from frontend.gateway import ApiError
from frontend.i18n import N_, localized
from frontend.messages_catalogue import problem_message
from frontend.pages.common import gather, int_param, optional
from frontend.web import CsrfChecked, Gateway, HXRequest, render

router = APIRouter()

PER_PAGE = 10
MORNINGS_SERIES = "mornings-les-imperiales"
EVENTS = "/api/events"


class EventsApi:
    """The events service's public paths, in one place."""

    @staticmethod
    def events() -> str:
        return f"{EVENTS}/events"

    @staticmethod
    def event(event_id: int) -> str:
        return f"{EVENTS}/events/{event_id}"

    @staticmethod
    def series_list() -> str:
        return f"{EVENTS}/series"

    @staticmethod
    def series(slug: str) -> str:
        return f"{EVENTS}/series/{quote(slug, safe='')}"

    @staticmethod
    def rsvps(event_id: int) -> str:
        return f"{EVENTS}/events/{event_id}/rsvps"

    @staticmethod
    def rsvp(token: str) -> str:
        return f"{EVENTS}/rsvps/{quote(token, safe='')}"

    @staticmethod
    def rsvp_action(token: str, action: str) -> str:
        return f"{EVENTS}/rsvps/{quote(token, safe='')}/{action}"

    @staticmethod
    def event_ics(event_id: int) -> str:
        return f"{EVENTS}/events/{event_id}/calendar.ics"

    @staticmethod
    def series_ics(slug: str) -> str:
        return f"{EVENTS}/series/{quote(slug, safe='')}/calendar.ics"


@router.get("/events")
async def event_list(request: Request, gateway: Gateway, hx: HXRequest) -> Response:
    when = "past" if request.query_params.get("when") == "past" else "upcoming"
    page = int_param(request.query_params.get("page"), 1)
    events: PageEventSummary
    events, series = await gather(
        gateway.get_model(
            EventsApi.events(), PageEventSummary, params={"when": when, "page": page, "per_page": PER_PAGE}
        ),
        optional(gateway.get_cached_list(EventsApi.series_list(), SeriesPublic, ttl=60)),
    )
    pages = max(1, math.ceil(events.total / PER_PAGE))
    return render(
        request,
        "pages/events.html",
        {"events": events, "series": series or [], "when": when, "page": page, "pages": pages},
        block="event_list" if hx else None,
    )


@router.get("/series/{slug}")
async def series_page(slug: str, request: Request, gateway: Gateway) -> Response:
    series, upcoming, past = await gather(
        gateway.get_model(EventsApi.series(slug), SeriesPublic),
        gateway.get_model(
            EventsApi.events(), PageEventSummary, params={"series": slug, "when": "upcoming", "per_page": 20}
        ),
        gateway.get_model(
            EventsApi.events(), PageEventSummary, params={"series": slug, "when": "past", "per_page": 20}
        ),
    )
    return render(request, "pages/series.html", {"series": series, "upcoming": upcoming, "past": past})


def _event_id(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(404, {"code": "not-found"}) from None
    if not 1 <= value < 2**31:
        raise ApiError(404, {"code": "not-found"})
    return value


async def _speaker_profiles(gateway: Gateway, event: EventPublic) -> dict[int, str]:
    """exporter id -> profile slug for the speakers whose company is in the catalogue."""
    speakers = [*event.speakers, *(sp for panel in event.panels for sp in panel.speakers)]
    ids = {sp.exporter_id for sp in speakers if sp.exporter_id}
    if not ids:
        return {}
    ordered = sorted(ids)
    found = await gather(
        *(
            optional(gateway.get_cached_model(f"/api/registry/exporters/by-id/{i}", ExporterPublic, ttl=60))
            for i in ordered
        )
    )
    return {i: e.slug for i, e in zip(ordered, found, strict=True) if isinstance(e, ExporterPublic)}


def calendar_links(event: EventPublic | RsvpEventRef, public_url: str) -> dict[str, str]:
    def stamp(value: datetime) -> str:
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": localized(event.title),
            "dates": f"{stamp(event.starts_at)}/{stamp(event.ends_at)}",
            "ctz": "Africa/Casablanca",
            "location": ", ".join(x for x in (event.venue, event.city) if x),
            "details": f"{public_url.rstrip('/')}/events/{event.id}",
        }
    )
    return {"ics": f"/events/{event.id}/calendar.ics", "google": google}


@router.get("/events/{event_id}")
async def event_page(event_id: str, request: Request, gateway: Gateway) -> Response:
    event = await gateway.get_model(EventsApi.event(_event_id(event_id)), EventPublic)
    sent = request.query_params.get("rsvp") == "sent"
    return await _render_event(request, gateway, event, form={}, errors={}, rsvp_sent=sent)


async def _render_event(
    request: Request,
    gateway: Gateway,
    event: EventPublic,
    *,
    form: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
    block: str | None = None,
    problem: str | None = None,
    rsvp_sent: bool = False,
) -> Response:
    profiles = await _speaker_profiles(gateway, event)
    return render(
        request,
        "pages/event.html",
        {
            "event": event,
            "profiles": profiles,
            "form": form,
            "errors": errors,
            "problem": problem,
            "rsvp_sent": rsvp_sent,
            "closed_message": rsvp_closed_message(event),
            "calendar": calendar_links(event, site_url(request)),
        },
        status_code=status_code,
        block=block,
    )


def rsvp_closed_message(event: EventPublic) -> str | None:
    """Why RSVPs are not open, in the reader's words (from the API's code, never its English)."""
    window = event.rsvp
    if window is None or window.is_open:
        return None
    code = window.closed_code or "rsvp-closed"
    params = {"opens_at": window.opens_at.isoformat()} if window.opens_at else None
    return problem_message({"code": code, "params": params}, 409)


@router.get("/events/{event_id}/calendar.ics")
async def event_ics(event_id: str, gateway: Gateway) -> Response:
    upstream = await gateway.request("GET", EventsApi.event_ics(_event_id(event_id)), accept="text/calendar")
    return Response(
        upstream.body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event_id}.ics"'},
    )


RSVP_FIELDS = ("name", "email", "organisation", "phone", "consent", "website")


# The API's rules (RsvpCreate) in the guest's words; any other error shows the API's message.
RSVP_MESSAGES: FieldMessages = {
    ("name", ANY_CODE): N_("Please enter your full name."),
    ("email", MISSING): N_("Please enter your e-mail address."),
    ("email", ANY_CODE): N_("This e-mail address does not look valid."),
    ("phone", ANY_CODE): N_("This phone number does not look valid."),
    ("consent", ANY_CODE): N_("Please accept that we keep your details for this event."),
}


def rsvp_payload(form: dict[str, str], language: str) -> dict[str, Any]:
    return {
        "name": form.get("name", ""),
        "email": form.get("email", ""),
        "organisation": form.get("organisation", ""),
        "phone": form.get("phone") or None,
        "language": language,
        "consent": form.get("consent") in ("on", "true", "1"),
        "website": form.get("website", ""),
    }


def validate_rsvp(form: dict[str, str], *, final: bool, language: str = "fr") -> dict[str, str]:
    """The API's own checks (RsvpCreate), told as the guest types or on submit.

    As they type (`final=False`) only a filled-in field is judged. The honeypot is left to
    the API, which answers a filled one as it answers any other request.
    """
    errors = model_errors(RsvpCreate, rsvp_payload(form, language), RSVP_MESSAGES)
    errors.pop("website", None)
    if not final:
        errors = {k: v for k, v in errors.items() if k != "consent" and form.get(k)}
    return errors


async def _form_data(request: Request) -> dict[str, str]:
    raw = await request.form()
    return {k: str(raw.get(k, "")).strip()[:300] for k in RSVP_FIELDS}


@router.post("/events/{event_id}/rsvp/validate", dependencies=[CsrfChecked])
async def rsvp_validate(event_id: str, request: Request) -> Response:
    """Inline validation of one field as the guest types: just that field's message."""
    _event_id(event_id)
    form = await _form_data(request)
    field = str((await request.form()).get("field", ""))
    message = validate_rsvp(form, final=False).get(field, "")
    return render(request, "partials/field_error.html", {"message": message})


@router.post("/events/{event_id}/rsvp", dependencies=[CsrfChecked])
async def rsvp_submit(event_id: str, request: Request, gateway: Gateway, hx: HXRequest) -> Response:
    eid = _event_id(event_id)
    form = await _form_data(request)
    errors = validate_rsvp(form, final=True, language=request.state.language)
    if not errors:
        try:
            await gateway.send_model(
                "POST", EventsApi.rsvps(eid), rsvp_payload(form, request.state.language), RsvpAccepted
            )
        except ApiError as exc:
            if exc.status == 404:
                raise
            errors = api_field_errors(exc, RSVP_MESSAGES)
            return await _render_event(
                request,
                gateway,
                await gateway.get_model(EventsApi.event(eid), EventPublic),
                form=form,
                errors=errors,
                status_code=exc.status,
                block="rsvp_form" if hx else None,
                problem=None if errors and set(errors) <= set(RSVP_FIELDS) else exc.detail,
            )
        # The same page whether the address was new or already registered: the link to the
        # reservation only ever goes to the mailbox (double opt-in).
        target = f"/events/{eid}?rsvp=sent#rsvp-sent"
        if hx:
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    event = await gateway.get_model(EventsApi.event(eid), EventPublic)
    return await _render_event(
        request, gateway, event, form=form, errors=errors, status_code=422, block="rsvp_form" if hx else None
    )


@router.get("/rsvps/{token}")
async def rsvp_manage(token: str, request: Request, gateway: Gateway) -> Response:
    return await _render_rsvp(request, gateway, token, confirm_action=None)


async def _render_rsvp(
    request: Request, gateway: Gateway, token: str, *, confirm_action: str | None
) -> Response:
    try:
        rsvp = await gateway.get_model(EventsApi.rsvp(token), RsvpPublic)
    except ApiError as exc:
        if exc.status == 422:  # a mistyped link: no such reservation
            raise ApiError(404, {"code": "not-found"}) from exc
        raise
    event = rsvp.event
    return render(
        request,
        "pages/rsvp.html",
        {
            "rsvp": rsvp,
            "event": event,
            "token": token,
            "new": request.query_params.get("new") == "1",
            "confirm_action": confirm_action,
            "manage_url": manage_url(request, token),
            "calendar": {
                **calendar_links(event, site_url(request)),
                "ics": f"/rsvps/{quote(token, safe='')}/calendar.ics",
            },
        },
    )


@router.get("/rsvps/{token}/cancel")
async def rsvp_cancel_ask(token: str, request: Request, gateway: Gateway) -> Response:
    """Step one of two: the question; only the POST from this page cancels."""
    return await _render_rsvp(request, gateway, token, confirm_action="cancel")


@router.get("/rsvps/{token}/erase")
async def rsvp_erase_ask(token: str, request: Request, gateway: Gateway) -> Response:
    """Step one of two: the question; only the POST from this page erases."""
    return await _render_rsvp(request, gateway, token, confirm_action="erase")


@router.post("/rsvps/{token}/confirm", dependencies=[CsrfChecked])
async def rsvp_confirm(token: str, gateway: Gateway) -> Response:
    try:
        await gateway.request("POST", EventsApi.rsvp_action(token, "confirm"))
    except ApiError as exc:
        if exc.status != 410:
            raise
        return RedirectResponse(f"/rsvps/{quote(token, safe='')}?expired=1", status_code=303)
    return RedirectResponse(f"/rsvps/{quote(token, safe='')}?new=1", status_code=303)


def site_url(request: Request) -> str:
    # MIM_PUBLIC_URL, the one public address every service builds its links from.
    public_url: str = request.app.state.settings.public_url
    return public_url


def manage_url(request: Request, token: str) -> str:
    return f"{site_url(request)}/rsvps/{quote(token, safe='')}"


@router.post("/rsvps/{token}/cancel", dependencies=[CsrfChecked])
async def rsvp_cancel(token: str, gateway: Gateway) -> Response:
    await gateway.request("POST", EventsApi.rsvp_action(token, "cancel"))
    return RedirectResponse(f"/rsvps/{quote(token, safe='')}?cancelled=1", status_code=303)


@router.post("/rsvps/{token}/erase", dependencies=[CsrfChecked])
async def rsvp_erase(token: str, gateway: Gateway) -> Response:
    await gateway.request("POST", EventsApi.rsvp_action(token, "erase"))
    return RedirectResponse(f"/rsvps/{quote(token, safe='')}?erased=1", status_code=303)


@router.get("/rsvps/{token}/qr.svg")
async def rsvp_qr(token: str, gateway: Gateway) -> Response:
    """The check-in QR code, served from this origin (the page's images stay same-origin)."""
    upstream = await gateway.request("GET", EventsApi.rsvp_action(token, "qr.svg"), accept="image/svg+xml")
    return Response(upstream.body, media_type="image/svg+xml", headers={"Cache-Control": "private"})


@router.get("/rsvps/{token}/calendar.ics")
async def rsvp_ics(token: str, gateway: Gateway) -> Response:
    upstream = await gateway.request(
        "GET", EventsApi.rsvp_action(token, "calendar.ics"), accept="text/calendar"
    )
    return Response(
        upstream.body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="event.ics"'},
    )


@router.get("/series/{slug}/calendar.ics")
async def series_ics(slug: str, gateway: Gateway) -> Response:
    upstream = await gateway.request("GET", EventsApi.series_ics(slug), accept="text/calendar")
    return Response(upstream.body, media_type="text/calendar; charset=utf-8")
