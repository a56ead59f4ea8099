"""Check-in at the door, on a phone: scan the QR code, or find the guest by name; walk-ins; undo.

Without JavaScript every step is a plain form (typed code, search, admit, undo, walk-in).
With it, ``static/js/door.js`` scans with the camera, keeps the event's guest list on the
device and queues check-ins made while the network is gone, sent in batches to the door's
sync endpoint (idempotent, earliest check-in wins); ``/desk/door-sw.js`` keeps the page shell
and its scripts for offline use. The JSON routes below are the page's own, behind the
session cookie and the CSRF header: the browser never holds a platform token.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, JSONResponse, Response

from frontend.api_models import (
    CheckInResult,
    CheckInUndone,
    DoorCounts,
    EventPublic,
    GuestSearchResult,
    WalkInAdmitted,
)
from frontend.gateway import ApiError, GatewayClient
from frontend.i18n import TIMEZONE
from frontend.i18n import gettext_ as _
from frontend.pages.common import gather
from frontend.pages.desk.access import DeskUser, Staff
from frontend.pages.events import EventsApi, _event_id
from frontend.web import CsrfChecked, Gateway, HXRequest, render

router = APIRouter()
STATIC = Path(__file__).resolve().parents[2] / "static"
SERVICE_WORKER = STATIC / "js" / "door-sw.js"
NO_STORE = {"Cache-Control": "no-store"}
MAX_SYNC_BODY = 512 * 1024


def _slug(exc: ApiError) -> str:
    return str(exc.problem.get("type", "")).rsplit("/", 1)[-1]


def refusal(exc: ApiError) -> str:
    """What the door staff reads when the platform says no: by the problem's code, translated."""
    slug = _slug(exc)
    fields = {str(e.get("field", "")) for e in exc.problem.get("errors") or [] if isinstance(e, dict)}
    if slug == "validation-error" and "email" in fields:
        return _("Please enter a valid e-mail address.")
    if slug == "validation-error" and "name" in fields:
        return _("Please enter the guest's name (one line, up to 200 characters).")
    messages = {
        "unknown-guest": _("Unknown ticket: no guest of this event has this code."),
        "not-found": _("Unknown ticket: no guest of this event has this code."),
        "not-confirmed": _("This guest has no seat: the RSVP is cancelled or not confirmed."),
        "not-checked-in": _("This guest is not checked in."),
        "event-full": _("No seat is free: the event is full."),
        "guest-known": _("This e-mail is already on the guest list: find the guest by name."),
        "event-cancelled": _("The event is cancelled."),
        "event-past": _("The event is over."),
    }
    return messages.get(slug, _("The check-in was refused."))


def casablanca_offset_minutes() -> int:
    """Today's offset of the event's time zone, for door.js: browsers' time-zone data for
    Morocco is not to be trusted (some still put it on UTC+0 outside Ramadan)."""
    offset = datetime.now(UTC).astimezone(TIMEZONE).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _door(eid: int) -> str:
    return EventsApi.event(eid)


async def _event_and_counts(gateway: GatewayClient, user: DeskUser, eid: int) -> list[Any]:
    return await gather(
        gateway.get_model(EventsApi.event(eid), EventPublic, token=user.token),
        gateway.get_model(f"{_door(eid)}/door/counts", DoorCounts, token=user.token),
    )


async def _search(gateway: GatewayClient, user: DeskUser, eid: int, q: str) -> GuestSearchResult | None:
    if not q.strip():
        return None
    path = f"{_door(eid)}/door/search"
    return await gateway.get_model(path, GuestSearchResult, params={"q": q}, token=user.token)


async def _page(
    request: Request,
    gateway: GatewayClient,
    user: DeskUser,
    eid: int,
    *,
    q: str = "",
    result: Any = None,
    walk_in: dict[str, str] | None = None,
    walk_in_error: str | None = None,
    block: str | None = None,
    status_code: int = 200,
) -> Response:
    event, counts = await _event_and_counts(gateway, user, eid)
    found = await _search(gateway, user, eid, q)
    context = {
        "event": event,
        "counts": counts,
        "result": result,
        "q": q,
        "found": found,
        "walk_in": walk_in or {},
        "walk_in_error": walk_in_error,
        "utc_offset_minutes": casablanca_offset_minutes(),
    }
    return render(request, "desk/checkin.html", context, block=block, status_code=status_code)


@router.get("/desk/events/{event_id}/checkin")
async def checkin_page(
    event_id: str, request: Request, gateway: Gateway, hx: HXRequest, user: Staff
) -> Response:
    q = request.query_params.get("q", "")[:100]
    return await _page(request, gateway, user, _event_id(event_id), q=q, block="door_results" if hx else None)


@router.post("/desk/events/{event_id}/checkin", dependencies=[CsrfChecked])
async def checkin(event_id: str, request: Request, gateway: Gateway, hx: HXRequest, user: Staff) -> Response:
    eid = _event_id(event_id)
    form = await request.form()
    scanned = str(form.get("token", "")).strip()[:200]
    rsvp_id = str(form.get("rsvp_id", "")).strip()
    payload: dict[str, Any] = {"rsvp_id": int(rsvp_id)} if rsvp_id.isdigit() else {"token": scanned}
    result: CheckInResult | dict[str, Any]
    status_code = 200
    try:
        path = f"{_door(eid)}/checkins"
        result = await gateway.send_model("POST", path, payload, CheckInResult, token=user.token)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        status_code = 200 if hx else exc.status
        result = {"result": "refused", "message": refusal(exc)}
    q = str(form.get("q", ""))[:100]
    block = "checkin_result" if hx else None
    return await _page(request, gateway, user, eid, q=q, result=result, block=block, status_code=status_code)


@router.post("/desk/events/{event_id}/checkin/undo", dependencies=[CsrfChecked])
async def undo(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    form = await request.form()
    rsvp_id = str(form.get("rsvp_id", "")).strip()
    q = str(form.get("q", ""))[:100]
    status_code = 200
    result: dict[str, Any]
    try:
        if not rsvp_id.isdigit():
            raise ApiError(404, {"type": "unknown-guest"})
        path = f"{_door(eid)}/checkins/{int(rsvp_id)}/undo"
        await gateway.send_model("POST", path, {}, CheckInUndone, token=user.token)
        result = {"result": "undone", "message": _("Check-in undone.")}
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        status_code = exc.status
        result = {"result": "refused", "message": refusal(exc)}
    return await _page(request, gateway, user, eid, q=q, result=result, status_code=status_code)


@router.post("/desk/events/{event_id}/walk-ins", dependencies=[CsrfChecked])
async def walk_in(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    form = await request.form()
    given = {key: str(form.get(key, "")).strip()[:320] for key in ("name", "email", "organisation")}
    payload: dict[str, Any] = {"name": given["name"], "organisation": given["organisation"]}
    if given["email"]:
        payload["email"] = given["email"]
    try:
        path = f"{_door(eid)}/walk-ins"
        admitted = await gateway.send_model("POST", path, payload, WalkInAdmitted, token=user.token)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        return await _page(
            request, gateway, user, eid, walk_in=given, walk_in_error=refusal(exc), status_code=exc.status
        )
    result = {
        "result": "checked_in",
        "name": admitted.name,
        "organisation": admitted.organisation,
        "rsvp_id": admitted.rsvp_id,
    }
    return await _page(request, gateway, user, eid, result=result)


# --- the page's own JSON, for door.js -----------------------------------------------------------


async def _relay(
    gateway: GatewayClient, method: str, path: str, user: DeskUser, body: Any = None
) -> Response:
    try:
        answer = await gateway.request(method, path, json=body, token=user.token)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        problem = {"code": _slug(exc), "message": refusal(exc), "status": exc.status}
        return JSONResponse(problem, status_code=exc.status, headers=NO_STORE)
    return Response(answer.body, media_type="application/json", headers=NO_STORE)


@router.get("/desk/events/{event_id}/door/guests.json")
async def door_guests(event_id: str, gateway: Gateway, user: Staff) -> Response:
    return await _relay(gateway, "GET", f"{_door(_event_id(event_id))}/door/guests", user)


@router.get("/desk/events/{event_id}/door/counts.json")
async def door_counts(event_id: str, gateway: Gateway, user: Staff) -> Response:
    return await _relay(gateway, "GET", f"{_door(_event_id(event_id))}/door/counts", user)


async def _json_body(request: Request) -> Any:
    body = await request.body()
    if len(body) > MAX_SYNC_BODY:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


@router.post("/desk/events/{event_id}/door/sync.json", dependencies=[CsrfChecked])
async def door_sync(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    body = await _json_body(request)
    if not isinstance(body, dict):
        return JSONResponse({"code": "bad-request", "status": 400}, status_code=400, headers=NO_STORE)
    return await _relay(gateway, "POST", f"{_door(eid)}/checkins/sync", user, body)


@router.post("/desk/events/{event_id}/door/undo.json", dependencies=[CsrfChecked])
async def door_undo(event_id: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    eid = _event_id(event_id)
    body = await _json_body(request)
    rsvp_id = body.get("rsvp_id") if isinstance(body, dict) else None
    if not isinstance(rsvp_id, int) or not 1 <= rsvp_id < 2**31:
        return JSONResponse({"code": "bad-request", "status": 400}, status_code=400, headers=NO_STORE)
    return await _relay(gateway, "POST", f"{_door(eid)}/checkins/{rsvp_id}/undo", user, {})


@router.get("/desk/door-sw.js")
async def service_worker(_user: Staff) -> Response:
    """Served from /desk/ so that its scope covers the check-in pages; to the door's staff only."""
    return FileResponse(
        SERVICE_WORKER,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/desk/"},
    )
