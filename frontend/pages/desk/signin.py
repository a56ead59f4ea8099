"""Signing in and out through the gateway's accounts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import WebSessionStarted
from frontend.gateway import SESSION_CREDENTIAL, ApiError
from frontend.i18n import gettext_ as _
from frontend.pages.common import optional
from frontend.session import get_session
from frontend.web import CsrfChecked, Gateway, render

router = APIRouter()


def _safe_next(value: str | None) -> str:
    """Only a path on this site (never `//evil.example` or a full URL)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/desk"


def _signin_form(
    request: Request, *, next_url: str, email: str, error: str | None, status_code: int
) -> Response:
    return render(
        request,
        "desk/signin.html",
        {"next": next_url, "email": email, "error": error},
        status_code=status_code,
    )


@router.get("/signin")
async def signin_form(request: Request) -> Response:
    next_url = _safe_next(request.query_params.get("next"))
    return _signin_form(request, next_url=next_url, email="", error=None, status_code=200)


@router.post("/signin", dependencies=[CsrfChecked])
async def signin(request: Request, gateway: Gateway) -> Response:
    form = await request.form()
    email = str(form.get("email", "")).strip()[:254]
    password = str(form.get("password", ""))[:256]
    next_url = _safe_next(str(form.get("next", "")))
    if not email or not password:
        error = _("Please enter your e-mail and password.")
        return _signin_form(request, next_url=next_url, email=email, error=error, status_code=422)
    try:
        credentials = {"email": email, "password": password}
        started = await gateway.send_model("POST", "/api/auth/sessions", credentials, WebSessionStarted)
    except ApiError as exc:
        if exc.status == 429:
            error, status_code = _("Too many attempts; please wait a moment."), 429
        else:
            error, status_code = _("Wrong e-mail or password."), 401
        return _signin_form(request, next_url=next_url, email=email, error=error, status_code=status_code)
    session = get_session(request)
    session.clear_account()
    account = started.account
    session["web_session"] = started.session
    session["role"] = account.role
    session["account"] = account.email
    session["exporter_id"] = account.exporter_id
    return RedirectResponse(next_url, status_code=303)


@router.post("/signout", dependencies=[CsrfChecked])
async def signout(request: Request, gateway: Gateway) -> Response:
    session = get_session(request)
    if session.get("web_session"):
        credential = f"{SESSION_CREDENTIAL}{session['web_session']}"
        await optional(gateway.request("DELETE", "/api/auth/sessions/current", token=credential))
    session.clear_account()
    # The door keeps guest lists on the device (static/js/door.js): none outlives the session.
    return RedirectResponse("/", status_code=303, headers={"Clear-Site-Data": '"cache", "storage"'})
