"""The organisers' desk: the list of events, one event with its guest list (add, move, cancel,
history), attendance, publish and cancel; a series' attendance month by month."""

from __future__ import annotations

import math
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import (
    Attendee,
    EventAttendance,
    EventCounts,
    EventPublic,
    GuestChange,
    PageEventSummary,
    SeriesAttendance,
    SeriesPublic,
)
from frontend.charts import bar_chart
from frontend.gateway import ApiError, GatewayClient
from frontend.i18n import fmt_date, localized
from frontend.i18n import gettext_ as _
from frontend.pages.common import gather, int_param, optional
from frontend.pages.desk.access import AnyAccount, DeskUser, Staff
from frontend.pages.desk.event_forms import (
    GUEST_FIELDS,
    guest_errors,
    guest_payload,
    problem_slug,
    problem_text,
)
from frontend.pages.desk.exporter import exporter_desk
from frontend.pages.events import EventsApi, _event_id
from frontend.web import CsrfChecked, Gateway, render

router = APIRouter()

PER_PAGE = 25


@router.get("/desk")
async def desk_home(request: Request, gateway: Gateway, user: AnyAccount) -> Response:
    """An exporter's own desk, or the organisers' list of every event."""
    if user.is_exporter:
        return await exporter_desk(request, gateway, user)
    page = int_param(request.query_params.get("page"), 1)
    params = {"when": "all", "page": page, "per_page": PER_PAGE}
    events, series = await gather(
        gateway.get_model(EventsApi.events(), PageEventSummary, params=params, token=user.token),
        optional(gateway.get_cached_list(EventsApi.series_list(), SeriesPublic, ttl=60)),
    )
    return render(
        request,
        "desk/organiser.html",
        {
            "events": events,
            "series": series or [],
            "page": page,
            "pages": max(1, math.ceil(events.total / PER_PAGE)),
        },
    )


@router.get("/desk/events/{event_id}")
async def desk_event(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    error = request.query_params.get("error")
    return await _event_page(
        request,
        gateway,
        user,
        eid,
        problem=problem_text(error) if error else None,
        status_code=200,
    )


async def _event_page(
    request: Request,
    gateway: GatewayClient,
    user: DeskUser,
    eid: int,
    *,
    guest_form: dict[str, str] | None = None,
    guest_form_errors: dict[str, str] | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    event, counts, attendees, attendance, history = await gather(
        gateway.get_model(EventsApi.event(eid), EventPublic, token=user.token),
        gateway.get_model(f"{EventsApi.event(eid)}/counts", EventCounts, token=user.token),
        gateway.get_list(f"{EventsApi.event(eid)}/attendees", Attendee, token=user.token),
        optional(gateway.get_model(f"{EventsApi.event(eid)}/attendance", EventAttendance, token=user.token)),
        optional(gateway.get_list(f"{EventsApi.event(eid)}/guests/history", GuestChange, token=user.token)),
    )
    return render(
        request,
        "desk/event.html",
        {
            "event": event,
            "counts": counts,
            "confirmed": [a for a in attendees if a.status == "confirmed"],
            "waitlist": [a for a in attendees if a.status == "waitlisted"],
            "attendance": attendance,
            "history": history or [],
            "editable": event.status == "published" and not event.is_past,
            "notice": request.query_params.get("done"),
            "problem": problem,
            "guest_form": guest_form or {"language": "fr", "when_full": "refuse"},
            "guest_errors": guest_form_errors or {},
        },
        status_code=status_code,
    )


@router.post("/desk/events/{event_id}/guests", dependencies=[CsrfChecked])
async def desk_add_guest(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    """Add a guest by hand; a refusal re-renders the page with the form as typed."""
    eid = _event_id(event_id)
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:320] for k in GUEST_FIELDS}
    payload, errors = guest_payload(form)
    if errors:
        return await _event_page(
            request, gateway, user, eid, guest_form=form, guest_form_errors=errors, status_code=422
        )
    try:
        answer = await gateway.request(
            "POST", f"{EventsApi.event(eid)}/guests", json=payload, token=user.token
        )
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        return await _event_page(
            request,
            gateway,
            user,
            eid,
            guest_form=form,
            guest_form_errors=guest_errors(exc),
            problem=problem_text(problem_slug(exc), exc.detail),
            status_code=exc.status,
        )
    status = "guest-waitlisted" if b'"status":"waitlisted"' in answer.body else "guest-added"
    return RedirectResponse(f"/desk/events/{eid}?done={status}", status_code=303)


async def _guest_action(
    gateway: GatewayClient, user: DeskUser, eid: int, path: str, body: Any, done: str
) -> Response:
    try:
        await gateway.request("POST", f"{EventsApi.event(eid)}{path}", json=body, token=user.token)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        return RedirectResponse(f"/desk/events/{eid}?error={quote(problem_slug(exc))}", status_code=303)
    return RedirectResponse(f"/desk/events/{eid}?done={done}", status_code=303)


@router.post("/desk/events/{event_id}/guests/{rsvp_id}/move", dependencies=[CsrfChecked])
async def desk_move_guest(
    event_id: str, rsvp_id: str, request: Request, gateway: Gateway, user: Staff
) -> Response:
    eid, rid = _event_id(event_id), _event_id(rsvp_id)
    raw = await request.form()
    to = "confirmed" if raw.get("to") == "confirmed" else "waitlisted"
    when_full = "add_seat" if raw.get("when_full") == "add_seat" else "refuse"
    body = {"to": to, "when_full": when_full}
    return await _guest_action(gateway, user, eid, f"/guests/{rid}/move", body, f"moved-{to}")


@router.post("/desk/events/{event_id}/guests/{rsvp_id}/cancel", dependencies=[CsrfChecked])
async def desk_cancel_guest(event_id: str, rsvp_id: str, gateway: Gateway, user: Staff) -> Response:
    eid, rid = _event_id(event_id), _event_id(rsvp_id)
    return await _guest_action(gateway, user, eid, f"/guests/{rid}/cancel", None, "guest-cancelled")


@router.get("/desk/series/{slug}/attendance")
async def desk_series_attendance(slug: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    safe = quote(slug[:120], safe="")
    report, series = await gather(
        gateway.get_model(f"{EventsApi.series_list()}/{safe}/attendance", SeriesAttendance, token=user.token),
        optional(gateway.get_cached_model(f"{EventsApi.series_list()}/{safe}", SeriesPublic, ttl=60)),
    )
    rows = []
    for month in report.months:
        year, number = (int(part) for part in month.month.split("-"))
        rows.append((fmt_date(date(year, number, 1), "MMMM y"), month))
    chart = bar_chart(
        [(label, month.checked_in) for label, month in rows], title=_("Guests checked in, month by month")
    )
    return render(
        request,
        "desk/series_attendance.html",
        {
            "report": report,
            "name": localized(series["name"]) if isinstance(series, dict) else report.series,
            "months": rows,
            "chart": chart,
        },
    )


@router.get("/desk/events/{event_id}/attendees.csv")
async def desk_attendees_csv(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    dialect = "excel-fr" if request.query_params.get("dialect") == "excel-fr" else "excel"
    lang = request.query_params.get("lang")
    params = {"dialect": dialect, "lang": lang if lang in ("fr", "en", "ar") else None}
    upstream = await gateway.request(
        "GET", f"{EventsApi.event(eid)}/attendees.csv", params=params, token=user.token, accept="text/csv"
    )
    disposition = upstream.headers.get("content-disposition", f'attachment; filename="attendees-{eid}.csv"')
    return Response(
        upstream.body, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": disposition}
    )


@router.post("/desk/events/{event_id}/publish", dependencies=[CsrfChecked])
async def desk_publish(event_id: str, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    await gateway.request("POST", f"{EventsApi.event(eid)}/publish", token=user.token)
    return RedirectResponse(f"/desk/events/{eid}?done=published", status_code=303)


@router.post("/desk/events/{event_id}/cancel", dependencies=[CsrfChecked])
async def desk_cancel(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    reason = str((await request.form()).get("reason", "")).strip()[:1000]
    await gateway.request("POST", f"{EventsApi.event(eid)}/cancel", json={"reason": reason}, token=user.token)
    return RedirectResponse(f"/desk/events/{eid}?done=cancelled", status_code=303)
