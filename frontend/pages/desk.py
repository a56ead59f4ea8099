"""Desks for organisers and exporters, signed in through the gateway's accounts.

The session cookie (signed, HttpOnly, SameSite=Lax) keeps the gateway's access
and refresh tokens; an access token about to expire is refreshed before a call.
"""

from __future__ import annotations

import math
import time
from datetime import datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.gateway import ApiError, GatewayClient
from frontend.i18n import TIMEZONE
from frontend.i18n import gettext_ as _
from frontend.pages.common import gather, int_param, optional
from frontend.pages.events import EventsApi, _event_id
from frontend.session import Session, get_session
from frontend.web import CsrfChecked, Gateway, HXRequest, render

router = APIRouter()

STAFF = ("admin", "organiser")
REFRESH_MARGIN_SECONDS = 30


class SignInRequired(Exception):
    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def _safe_next(value: str | None) -> str:
    """Only a path on this site (never `//evil.example` or a full URL)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/desk"


async def access_token(request: Request, gateway: GatewayClient) -> str:
    """A valid access token for the signed-in account, refreshed when needed."""
    session = get_session(request)
    token = session.get("access_token")
    if not token:
        raise SignInRequired(request.url.path)
    if session.get("token_exp", 0) - REFRESH_MARGIN_SECONDS > time.time():
        return str(token)
    try:
        pair = await gateway.post_json(
            "/api/auth/refresh", {"refresh_token": session.get("refresh_token", "")}
        )
    except ApiError:
        session.clear_account()
        raise SignInRequired(request.url.path) from None
    _store_tokens(session, pair)
    return str(pair["access_token"])


def _store_tokens(session: Session, pair: dict[str, Any]) -> None:
    session["access_token"] = pair["access_token"]
    session["refresh_token"] = pair["refresh_token"]
    session["token_exp"] = int(time.time()) + int(pair.get("expires_in", 900))


def require_role(request: Request, *roles: str) -> None:
    session = get_session(request)
    if not session.get("access_token"):
        raise SignInRequired(request.url.path)
    if session.get("role") not in roles:
        raise ApiError(403, {"detail": _("You need to sign in with an account that may see this page.")})


# ---- sign in / out --------------------------------------------------------------------------


@router.get("/signin")
async def signin_form(request: Request) -> Response:
    return render(
        request,
        "desk/signin.html",
        {"next": _safe_next(request.query_params.get("next")), "email": "", "error": None},
    )


@router.post("/signin", dependencies=[CsrfChecked])
async def signin(request: Request, gateway: Gateway) -> Response:
    form = await request.form()
    email = str(form.get("email", "")).strip()[:254]
    password = str(form.get("password", ""))[:256]
    next_url = _safe_next(str(form.get("next", "")))
    if not email or not password:
        return render(
            request,
            "desk/signin.html",
            {"next": next_url, "email": email, "error": _("Please enter your e-mail and password.")},
            status_code=422,
        )
    try:
        pair = await gateway.post_json("/api/auth/token", {"email": email, "password": password})
        me = await gateway.get_json("/api/auth/me", token=pair["access_token"])
    except ApiError as exc:
        message = (
            _("Too many attempts; please wait a moment.")
            if exc.status == 429
            else _("Wrong e-mail or password.")
        )
        return render(
            request,
            "desk/signin.html",
            {"next": next_url, "email": email, "error": message},
            status_code=401 if exc.status != 429 else 429,
        )
    session = get_session(request)
    session.clear_account()
    _store_tokens(session, pair)
    session["role"] = me["role"]
    session["account"] = me["email"]
    session["exporter_id"] = me.get("exporter_id")
    return RedirectResponse(next_url, status_code=303)


@router.post("/signout", dependencies=[CsrfChecked])
async def signout(request: Request, gateway: Gateway) -> Response:
    session = get_session(request)
    refresh = session.get("refresh_token")
    if refresh:
        await optional(gateway.request("POST", "/api/auth/signout", json={"refresh_token": refresh}))
    session.clear_account()
    return RedirectResponse("/", status_code=303)


# ---- the desk -------------------------------------------------------------------------------


@router.get("/desk")
async def desk_home(request: Request, gateway: Gateway) -> Response:
    session = get_session(request)
    if not session.get("access_token"):
        raise SignInRequired("/desk")
    if session.get("role") == "exporter":
        return await exporter_desk(request, gateway)
    require_role(request, *STAFF)
    token = await access_token(request, gateway)
    page = int_param(request.query_params.get("page"), 1)
    events = await gateway.get_json(
        EventsApi.events(), params={"when": "all", "page": page, "per_page": 25}, token=token
    )
    return render(
        request,
        "desk/organiser.html",
        {
            "events": events,
            "page": page,
            "pages": max(1, math.ceil(int(events["total"]) / 25)),
        },
    )


async def exporter_desk(
    request: Request,
    gateway: GatewayClient,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    session = get_session(request)
    token = await access_token(request, gateway)
    exporter = await gateway.get_json(f"/api/registry/exporters/by-id/{int(session.get('exporter_id') or 0)}")
    products, applications = await gather(
        gateway.get_json(f"/api/registry/exporters/{quote(exporter['slug'], safe='')}/products",
                         params={"per_page": 100}),
        optional(gateway.get_json("/api/registry/label-applications", params={"per_page": 100}, token=token)),
    )  # fmt: skip
    profile = form or {
        "description_fr": exporter["description"]["fr"],
        "description_en": exporter["description"]["en"],
        "description_ar": exporter["description"]["ar"],
        "city": exporter["city"],
        "website": exporter.get("website") or "",
        "email": exporter.get("email") or "",
        "phone": exporter.get("phone") or "",
        "export_markets": ", ".join(exporter.get("export_markets", [])),
    }
    apps = applications.get("items", []) if isinstance(applications, dict) else []
    applied = {a["product_id"] for a in apps if a["status"] in ("submitted", "under_review", "granted")}
    return render(
        request,
        "desk/exporter.html",
        {
            "exporter": exporter,
            "products": products.get("items", []),
            "applications": apps,
            "applied": applied,
            "form": profile,
            "errors": errors or {},
            "notice": request.query_params.get("done"),
        },
        status_code=status_code,
    )


PROFILE_FIELDS = ("description_fr", "description_en", "description_ar", "city")
PROFILE_FIELDS += ("website", "email", "phone", "export_markets")


@router.post("/desk/profile", dependencies=[CsrfChecked])
async def update_profile(request: Request, gateway: Gateway) -> Response:
    require_role(request, "exporter")
    token = await access_token(request, gateway)
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:5000] for k in PROFILE_FIELDS}
    exporter = await gateway.get_json(
        f"/api/registry/exporters/by-id/{int(get_session(request).get('exporter_id') or 0)}"
    )
    payload: dict[str, Any] = {
        k: form[k] for k in ("description_fr", "description_en", "description_ar", "city")
    }
    for key in ("website", "email", "phone"):
        payload[key] = form[key] or None
    payload["export_markets"] = [m.strip().upper() for m in form["export_markets"].split(",") if m.strip()]
    try:
        await gateway.request(
            "PATCH", f"/api/registry/exporters/{quote(exporter['slug'], safe='')}", json=payload, token=token
        )
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        return await exporter_desk(request, gateway, errors=api_field_errors(exc), form=form, status_code=422)
    return RedirectResponse("/desk?done=profile", status_code=303)


@router.post("/desk/products", dependencies=[CsrfChecked])
async def add_product(request: Request, gateway: Gateway) -> Response:
    require_role(request, "exporter")
    token = await access_token(request, gateway)
    raw = await request.form()
    exporter = await gateway.get_json(
        f"/api/registry/exporters/by-id/{int(get_session(request).get('exporter_id') or 0)}"
    )
    try:
        share = float(str(raw.get("product_value_added_pct", "")).replace(",", "."))
    except ValueError:
        share = -1
    payload = {
        "name_fr": str(raw.get("product_name_fr", "")).strip()[:200],
        "hs_code": str(raw.get("product_hs_code", "")).strip()[:20],
        "value_added_pct": share,
    }
    try:
        await gateway.post_json(
            f"/api/registry/exporters/{quote(exporter['slug'], safe='')}/products", payload, token=token
        )
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        errors = {f"product_{k}": v for k, v in api_field_errors(exc).items()}
        return await exporter_desk(request, gateway, errors=errors, status_code=422)
    return RedirectResponse("/desk?done=product", status_code=303)


@router.post("/desk/products/{product_id}/apply", dependencies=[CsrfChecked])
async def apply_for_label(product_id: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, "exporter")
    token = await access_token(request, gateway)
    if not product_id.isdigit():
        raise ApiError(404, {"detail": "no such product"})
    note = str((await request.form()).get("note", "")).strip()[:2000]
    await gateway.post_json("/api/registry/label-applications", {"product_id": int(product_id), "note": note},
                            token=token)  # fmt: skip
    return RedirectResponse("/desk?done=applied", status_code=303)


# ---- organiser: label applications ----------------------------------------------------------


@router.get("/desk/labels")
async def label_queue(request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    token = await access_token(request, gateway)
    queue = "/api/registry/label-applications"
    submitted, reviewing = await gather(
        gateway.get_json(queue, params={"status": "submitted", "per_page": 100}, token=token),
        gateway.get_json(queue, params={"status": "under_review", "per_page": 100}, token=token),
    )
    return render(
        request,
        "desk/labels.html",
        {
            "applications": [*submitted["items"], *reviewing["items"]],
            "notice": request.query_params.get("done"),
            "error": request.query_params.get("error"),
        },
    )


@router.post("/desk/labels/{application_id}/{decision}", dependencies=[CsrfChecked])
async def decide_label(application_id: str, decision: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    token = await access_token(request, gateway)
    if not application_id.isdigit() or decision not in ("review", "grant", "reject"):
        raise ApiError(404, {"detail": "no such action"})
    reason = str((await request.form()).get("reason", "")).strip()[:2000]
    path = f"/api/registry/label-applications/{int(application_id)}/{decision}"
    try:
        if decision == "review":
            await gateway.request("POST", path, token=token)
        else:
            await gateway.post_json(path, {"reason": reason}, token=token)
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        return RedirectResponse(f"/desk/labels?error={quote(exc.detail[:200])}", status_code=303)
    return RedirectResponse(f"/desk/labels?done={decision}", status_code=303)


# ---- organiser: create and edit events -------------------------------------------------------

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
)


def _local_input(value: str | None) -> str:
    """UTC ISO time -> the `datetime-local` value in Casablanca wall-clock time."""
    if not value:
        return ""
    return (
        datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(TIMEZONE).strftime("%Y-%m-%dT%H:%M")
    )


def event_form_from_api(event: dict[str, Any]) -> dict[str, str]:
    form = {
        "series": (event.get("series") or {}).get("slug", ""),
        "starts_at": _local_input(event.get("starts_at")),
        "ends_at": _local_input(event.get("ends_at")),
        "venue": event.get("venue", ""),
        "city": event.get("city", ""),
        "region_code": event.get("region_code") or "",
        "format": event.get("format", "in_person"),
        "capacity": str(event.get("seats", {}).get("capacity", "")),
    }
    for key in ("title", "theme", "description"):
        for lang in ("fr", "en", "ar"):
            form[f"{key}_{lang}"] = (event.get(key) or {}).get(lang, "")
    return form


def event_payload(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The API body from the form (times are Casablanca wall-clock: the service reads them so)."""
    errors: dict[str, str] = {}
    if not form.get("title_fr"):
        errors["title_fr"] = _("A French title is required.")
    for key in ("starts_at", "ends_at"):
        try:
            datetime.fromisoformat(form.get(key, ""))
        except ValueError:
            errors[key] = _("Enter a date and time.")
    try:
        capacity = int(form.get("capacity", ""))
        if capacity < 0:
            raise ValueError
    except ValueError:
        capacity = 0
        errors["capacity"] = _("Enter a number of seats (0 or more).")
    payload: dict[str, Any] = {
        "series": form.get("series") or None,
        "title": {lang: form.get(f"title_{lang}", "") for lang in ("fr", "en", "ar")},
        "theme": {lang: form.get(f"theme_{lang}", "") for lang in ("fr", "en", "ar")},
        "description": {lang: form.get(f"description_{lang}", "") for lang in ("fr", "en", "ar")},
        "starts_at": form.get("starts_at"),
        "ends_at": form.get("ends_at"),
        "venue": form.get("venue", ""),
        "city": form.get("city", ""),
        "region_code": form.get("region_code") or None,
        "format": form.get("format") or "in_person",
        "capacity": capacity,
    }
    return payload, errors


def api_field_errors(exc: ApiError) -> dict[str, str]:
    """`title.fr` -> `title_fr`, so the message lands next to its input."""
    out: dict[str, str] = {}
    for err in exc.problem.get("errors") or []:
        name = str(err.get("field", "")).replace(".", "_") or "form"
        out.setdefault(name, str(err.get("message", "")))
    return out


async def _event_form(
    request: Request,
    gateway: GatewayClient,
    *,
    event_id: int | None,
    form: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
    problem: str | None = None,
) -> Response:
    series, regions = await gather(
        optional(gateway.get_cached(EventsApi.series_list(), ttl=60)),
        optional(gateway.get_cached("/api/registry/regions")),
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
        },
        status_code=status_code,
    )


@router.get("/desk/events/new")
async def new_event_form(request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    return await _event_form(
        request, gateway, event_id=None, form={"format": "in_person", "capacity": "80"}, errors={}
    )


@router.post("/desk/events/new", dependencies=[CsrfChecked])
async def create_event(request: Request, gateway: Gateway) -> Response:
    return await _save_event(request, gateway, event_id=None)


@router.get("/desk/events/{event_id}/edit")
async def edit_event_form(event_id: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    eid = _event_id(event_id)
    token = await access_token(request, gateway)
    event = await gateway.get_json(EventsApi.event(eid), token=token)
    return await _event_form(request, gateway, event_id=eid, form=event_form_from_api(event), errors={})


@router.post("/desk/events/{event_id}/edit", dependencies=[CsrfChecked])
async def update_event(event_id: str, request: Request, gateway: Gateway) -> Response:
    return await _save_event(request, gateway, event_id=_event_id(event_id))


async def _save_event(request: Request, gateway: GatewayClient, *, event_id: int | None) -> Response:
    require_role(request, *STAFF)
    token = await access_token(request, gateway)
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:5000] for k in EVENT_FIELDS}
    payload, errors = event_payload(form)
    if errors:
        return await _event_form(
            request, gateway, event_id=event_id, form=form, errors=errors, status_code=422
        )
    try:
        if event_id is None:
            saved = await gateway.post_json(EventsApi.events(), payload, token=token)
        else:
            saved = (
                await gateway.request("PATCH", EventsApi.event(event_id), json=payload, token=token)
            ).json()
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        errors = api_field_errors(exc)
        return await _event_form(
            request,
            gateway,
            event_id=event_id,
            form=form,
            errors=errors,
            status_code=422 if exc.status == 422 else exc.status,
            problem=exc.detail,
        )
    done = "created" if event_id is None else "saved"
    return RedirectResponse(f"/desk/events/{int(saved['id'])}?done={quote(done)}", status_code=303)


# ---- organiser: one event -------------------------------------------------------------------


@router.get("/desk/events/{event_id}")
async def desk_event(event_id: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    eid = _event_id(event_id)
    token = await access_token(request, gateway)
    event, counts, attendees = await gather(
        gateway.get_json(EventsApi.event(eid), token=token),
        gateway.get_json(f"{EventsApi.event(eid)}/counts", token=token),
        gateway.get_json(f"{EventsApi.event(eid)}/attendees", token=token),
    )
    return render(
        request,
        "desk/event.html",
        {
            "event": event,
            "counts": counts,
            "confirmed": [a for a in attendees if a["status"] == "confirmed"],
            "waitlist": [a for a in attendees if a["status"] == "waitlisted"],
            "notice": request.query_params.get("done"),
        },
    )


@router.get("/desk/events/{event_id}/attendees.csv")
async def desk_attendees_csv(event_id: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    eid = _event_id(event_id)
    token = await access_token(request, gateway)
    upstream = await gateway.request(
        "GET", f"{EventsApi.event(eid)}/attendees.csv", token=token, accept="text/csv"
    )
    return Response(
        upstream.body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": upstream.headers.get(
                "content-disposition", f'attachment; filename="attendees-{eid}.csv"'
            )
        },
    )


@router.post("/desk/events/{event_id}/publish", dependencies=[CsrfChecked])
async def desk_publish(event_id: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    eid = _event_id(event_id)
    token = await access_token(request, gateway)
    await gateway.request("POST", f"{EventsApi.event(eid)}/publish", token=token)
    return RedirectResponse(f"/desk/events/{eid}?done=published", status_code=303)


@router.post("/desk/events/{event_id}/cancel", dependencies=[CsrfChecked])
async def desk_cancel(event_id: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    eid = _event_id(event_id)
    token = await access_token(request, gateway)
    reason = str((await request.form()).get("reason", "")).strip()[:1000]
    await gateway.request("POST", f"{EventsApi.event(eid)}/cancel", json={"reason": reason}, token=token)
    return RedirectResponse(f"/desk/events/{eid}?done=cancelled", status_code=303)


# ---- organiser: check-in at the door ---------------------------------------------------------


@router.get("/desk/events/{event_id}/checkin")
async def checkin_page(event_id: str, request: Request, gateway: Gateway) -> Response:
    require_role(request, *STAFF)
    eid = _event_id(event_id)
    token = await access_token(request, gateway)
    event, counts = await gather(
        gateway.get_json(EventsApi.event(eid), token=token),
        gateway.get_json(f"{EventsApi.event(eid)}/counts", token=token),
    )
    return render(request, "desk/checkin.html", {"event": event, "counts": counts, "result": None})


@router.post("/desk/events/{event_id}/checkin", dependencies=[CsrfChecked])
async def checkin(event_id: str, request: Request, gateway: Gateway, hx: HXRequest) -> Response:
    require_role(request, *STAFF)
    eid = _event_id(event_id)
    token = await access_token(request, gateway)
    scanned = str((await request.form()).get("token", "")).strip()[:200]
    result: dict[str, Any]
    status_code = 200
    try:
        result = await gateway.post_json(f"{EventsApi.event(eid)}/checkins", {"token": scanned}, token=token)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        status_code = 200 if hx else exc.status
        result = {"result": "refused", "message": exc.detail or _("Unknown ticket.")}
    event, counts = await gather(
        gateway.get_json(EventsApi.event(eid), token=token),
        gateway.get_json(f"{EventsApi.event(eid)}/counts", token=token),
    )
    return render(
        request,
        "desk/checkin.html",
        {"event": event, "counts": counts, "result": result},
        block="checkin_result" if hx else None,
        status_code=status_code,
    )
