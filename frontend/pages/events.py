"""Events: upcoming and past, series, event pages, RSVP with inline validation, manage and cancel."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from email_validator import EmailNotValidError, validate_email
from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.gateway import ApiError
from frontend.i18n import gettext_ as _
from frontend.i18n import localized
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
    events, series = await gather(
        gateway.get_json(EventsApi.events(), params={"when": when, "page": page, "per_page": PER_PAGE}),
        optional(gateway.get_cached(EventsApi.series_list(), ttl=60)),
    )
    pages = max(1, math.ceil(int(events.get("total", 0)) / PER_PAGE))
    return render(
        request,
        "pages/events.html",
        {"events": events, "series": series or [], "when": when, "page": page, "pages": pages},
        block="event_list" if hx else None,
    )


@router.get("/series/{slug}")
async def series_page(slug: str, request: Request, gateway: Gateway) -> Response:
    series, upcoming, past = await gather(
        gateway.get_json(EventsApi.series(slug)),
        gateway.get_json(EventsApi.events(), params={"series": slug, "when": "upcoming", "per_page": 20}),
        gateway.get_json(EventsApi.events(), params={"series": slug, "when": "past", "per_page": 20}),
    )
    return render(request, "pages/series.html", {"series": series, "upcoming": upcoming, "past": past})


def _event_id(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(404, {"detail": "no such event"}) from None
    if not 1 <= value < 2**31:
        raise ApiError(404, {"detail": "no such event"})
    return value


async def _speaker_profiles(gateway: Gateway, event: dict[str, Any]) -> dict[int, str]:
    """exporter id -> profile slug for the speakers whose company is in the catalogue."""
    ids = {
        s["exporter_id"]
        for s in [*event.get("speakers", []), *(sp for p in event.get("panels", []) for sp in p["speakers"])]
        if s.get("exporter_id")
    }
    if not ids:
        return {}
    ordered = sorted(ids)
    found = await gather(
        *(optional(gateway.get_cached(f"/api/registry/exporters/by-id/{i}", ttl=60)) for i in ordered)
    )
    return {i: e["slug"] for i, e in zip(ordered, found, strict=True) if isinstance(e, dict) and "slug" in e}


def calendar_links(event: dict[str, Any], public_url: str) -> dict[str, str]:
    def stamp(value: str) -> str:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        return dt.strftime("%Y%m%dT%H%M%SZ")

    title = localized(event["title"])
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{stamp(event['starts_at'])}/{stamp(event['ends_at'])}",
            "ctz": "Africa/Casablanca",
            "location": ", ".join(x for x in (event.get("venue"), event.get("city")) if x),
            "details": f"{public_url.rstrip('/')}/events/{event['id']}",
        }
    )
    return {"ics": f"/events/{event['id']}/calendar.ics", "google": google}


@router.get("/events/{event_id}")
async def event_page(event_id: str, request: Request, gateway: Gateway) -> Response:
    event = await gateway.get_json(EventsApi.event(_event_id(event_id)))
    return await _render_event(request, gateway, event, form={}, errors={})


async def _render_event(
    request: Request,
    gateway: Gateway,
    event: dict[str, Any],
    *,
    form: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
    block: str | None = None,
    problem: str | None = None,
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
            "calendar": calendar_links(event, site_url(request)),
        },
        status_code=status_code,
        block=block,
    )


@router.get("/events/{event_id}/calendar.ics")
async def event_ics(event_id: str, gateway: Gateway) -> Response:
    upstream = await gateway.request("GET", EventsApi.event_ics(_event_id(event_id)), accept="text/calendar")
    return Response(
        upstream.body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event_id}.ics"'},
    )


RSVP_FIELDS = ("name", "email", "organisation", "phone", "consent", "website")


def validate_rsvp(form: dict[str, str], *, final: bool) -> dict[str, str]:
    """The checks a guest can be told about as they type (the events service checks again)."""
    errors: dict[str, str] = {}
    if (final or form.get("name")) and len(form.get("name", "").strip()) < 2:
        errors["name"] = _("Please enter your full name.")
    email = form.get("email", "").strip()
    if final or email:
        if not email:
            errors["email"] = _("Please enter your e-mail address.")
        else:
            try:
                validate_email(email, check_deliverability=False)
            except EmailNotValidError:
                errors["email"] = _("This e-mail address does not look valid.")
    phone = form.get("phone", "").strip()
    if phone and sum(c.isdigit() for c in phone) < 8:
        errors["phone"] = _("This phone number looks too short.")
    if final and form.get("consent") not in ("on", "true", "1"):
        errors["consent"] = _("Please accept that we keep your details for this event.")
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
    errors = validate_rsvp(form, final=True)
    event: dict[str, Any] | None = None
    if not errors:
        payload = {
            "name": form["name"],
            "email": form["email"],
            "organisation": form["organisation"],
            "phone": form["phone"] or None,
            "language": request.state.language,
            "consent": True,
            "website": form["website"],
        }
        try:
            created = await gateway.post_json(EventsApi.rsvps(eid), payload)
        except ApiError as exc:
            if exc.status == 404:
                raise
            errors = exc.field_errors()
            event = await gateway.get_json(EventsApi.event(eid))
            return await _render_event(
                request,
                gateway,
                event,
                form=form,
                errors=errors,
                status_code=exc.status,
                block="rsvp_form" if hx else None,
                problem=None if errors and set(errors) <= set(RSVP_FIELDS) else exc.detail,
            )
        token = created.get("manage_token") or created.get("token")
        target = f"/rsvps/{quote(str(token), safe='')}?new=1"
        if hx:
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    event = await gateway.get_json(EventsApi.event(eid))
    return await _render_event(
        request, gateway, event, form=form, errors=errors, status_code=422, block="rsvp_form" if hx else None
    )


@router.get("/rsvps/{token}")
async def rsvp_manage(token: str, request: Request, gateway: Gateway) -> Response:
    rsvp = await gateway.get_json(EventsApi.rsvp(token))
    event = rsvp["event"]
    return render(
        request,
        "pages/rsvp.html",
        {
            "rsvp": rsvp,
            "event": event,
            "token": token,
            "new": request.query_params.get("new") == "1",
            "manage_url": manage_url(request, token),
            "calendar": {
                **calendar_links(event, site_url(request)),
                "ics": f"/rsvps/{quote(token, safe='')}/calendar.ics",
            },
        },
    )


def site_url(request: Request) -> str:
    return (request.app.state.settings.public_url or str(request.base_url)).rstrip("/")


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
