"""A buyer writes to an exporter from its profile, or to several from the catalogue (an RFQ).

Plain POST forms with CSRF, re-rendered with the API's field codes in the reader's language.
Nothing reaches an exporter until the sender follows the link e-mailed to them; that link opens
a page with one button (a mail scanner that fetches links sends nothing), and pressing it twice
changes nothing. A filled honeypot is answered as a success and never leaves the website.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import (
    ContactConfirmed,
    ContactCreate,
    ExporterPublic,
)
from frontend.forms import (
    ANY_CODE,
    MISSING,
    FieldMessages,
    api_field_errors,
    api_message,
    message_for,
    model_errors,
)
from frontend.gateway import ApiError, GatewayClient
from frontend.i18n import N_, country_code
from frontend.messages_catalogue import field_message
from frontend.pages.catalogue import profile_context
from frontend.pages.common import gather, optional
from frontend.web import CsrfChecked, Gateway, render

router = APIRouter()

FIELDS = ("name", "email", "company", "country", "message", "website")
MAX_RECIPIENTS = 20

MESSAGES: FieldMessages = {
    ("name", ANY_CODE): N_("Please enter your full name."),
    ("email", MISSING): N_("Please enter your e-mail address."),
    ("email", ANY_CODE): N_("This e-mail address does not look valid."),
    ("message", MISSING): N_("Please write your message."),
    ("message", "too-short"): N_("Your message is too short: at least 10 characters."),
    ("exporters", ANY_CODE): N_("Choose between 1 and 20 exporters from the catalogue."),
}


def _safe(segment: str) -> str:
    return quote(segment, safe="")


async def _form(request: Request) -> dict[str, str]:
    raw = await request.form()
    limits = {"message": 6000}
    return {k: str(raw.get(k, "")).strip()[: limits.get(k, 300)] for k in FIELDS}


def payload(form: dict[str, str], language: str) -> dict[str, Any]:
    typed = form.get("country", "")
    return {
        "name": form.get("name", ""),
        "email": form.get("email", ""),
        "company": form.get("company", ""),
        "country": (country_code(typed) or typed) if typed else None,
        "message": form.get("message", ""),
        "language": language,
    }


def validate(form: dict[str, str], language: str) -> dict[str, str]:
    """The API's own rules (ContactCreate), told in the reader's words; a country as typed."""
    errors = model_errors(ContactCreate, payload(form, language), MESSAGES)
    typed = form.get("country", "")
    if typed and country_code(typed) is None:
        errors["country"] = field_message("unknown-country", {"value": typed[:60]})
    return errors


async def _send(
    gateway: GatewayClient, path: str, body: dict[str, Any]
) -> tuple[dict[str, str], str | None, int]:
    """Send the request; its field errors, a message for the whole form, and the status."""
    try:
        await gateway.request("POST", path, json=body)
    except ApiError as exc:
        if exc.status == 404:
            raise
        errors = api_field_errors(exc, MESSAGES)
        return errors, None if errors else api_message(exc), exc.status
    return {}, None, 202


def _sent(hx_target: str) -> Response:
    return RedirectResponse(hx_target, status_code=303)


# --------------------------------------------------------------------------- one exporter


async def _render_profile(
    request: Request,
    gateway: GatewayClient,
    slug: str,
    *,
    form: dict[str, str],
    errors: dict[str, str],
    problem: str | None,
    status_code: int,
) -> Response:
    context = {
        **await profile_context(request, gateway, slug),
        "contact_form": form,
        "contact_errors": errors,
        "contact_problem": problem,
    }
    return render(request, "pages/exporter.html", context, status_code=status_code)


@router.post("/exporters/{slug}/contact", dependencies=[CsrfChecked])
async def contact_exporter(slug: str, request: Request, gateway: Gateway) -> Response:
    form = await _form(request)
    done = f"/contact/sent?{urlencode({'to': slug})}"
    if form["website"]:  # the honeypot: a robot is told it worked
        return _sent(done)
    language = request.state.language
    errors, problem, status = validate(form, language), None, 422
    if not errors:
        body = payload(form, language)
        errors, problem, status = await _send(gateway, f"/api/registry/exporters/{_safe(slug)}/contact", body)
    if errors or problem:
        return await _render_profile(
            request, gateway, slug, form=form, errors=errors, problem=problem, status_code=status
        )
    return _sent(done)


# --------------------------------------------------------------------------- several exporters


async def _chosen(gateway: GatewayClient, slugs: list[str]) -> list[ExporterPublic]:
    """The exporters named, in order, once each; unknown ones are left out."""
    unique = list(dict.fromkeys(s for s in slugs if s))[:MAX_RECIPIENTS]
    found = await gather(
        *(optional(gateway.get_model(f"/api/registry/exporters/{_safe(s)}", ExporterPublic)) for s in unique)
    )
    return [e for e in found if isinstance(e, ExporterPublic)]


def _render_rfq(
    request: Request,
    exporters: list[ExporterPublic],
    *,
    form: dict[str, str],
    errors: dict[str, str],
    problem: str | None = None,
    too_many: bool = False,
    status_code: int = 200,
) -> Response:
    context = {
        "exporters": exporters,
        "contact_form": form,
        "contact_errors": errors,
        "contact_problem": problem,
        "too_many": too_many,
    }
    return render(request, "pages/contact_rfq.html", context, status_code=status_code)


@router.get("/contact/rfq")
async def rfq_page(request: Request, gateway: Gateway) -> Response:
    slugs = request.query_params.getlist("to")
    exporters = await _chosen(gateway, slugs)
    return _render_rfq(request, exporters, form={}, errors={}, too_many=len(set(slugs)) > MAX_RECIPIENTS)


@router.post("/contact/rfq", dependencies=[CsrfChecked])
async def rfq_send(request: Request, gateway: Gateway) -> Response:
    form = await _form(request)
    slugs = [str(s) for s in (await request.form()).getlist("to")][: MAX_RECIPIENTS + 1]
    done = f"/contact/sent?{urlencode([('to', s) for s in slugs[:MAX_RECIPIENTS]])}"
    if form["website"]:
        return _sent(done)
    language = request.state.language
    exporters = await _chosen(gateway, slugs)
    errors, problem, status = validate(form, language), None, 422
    if not exporters or len(set(slugs)) > MAX_RECIPIENTS:
        errors["exporters"] = message_for(MESSAGES, "exporters", "invalid")
    if not errors:
        body = {**payload(form, language), "exporters": [e.slug for e in exporters]}
        errors, problem, status = await _send(gateway, "/api/registry/contact-requests", body)
    if errors or problem:
        return _render_rfq(request, exporters, form=form, errors=errors, problem=problem, status_code=status)
    return _sent(done)


# --------------------------------------------------------------------------- after sending


@router.get("/contact/sent")
async def sent_page(request: Request, gateway: Gateway) -> Response:
    exporters = await _chosen(gateway, request.query_params.getlist("to"))
    return render(request, "pages/contact_sent.html", {"exporters": exporters})


def _token(token: str) -> str:
    if not 20 <= len(token) <= 100 or not all(c.isalnum() or c in "-_" for c in token):
        raise ApiError(404, {"detail": "no such link"})
    return token


@router.get("/contact/confirm/{token}")
async def confirm_page(token: str, request: Request) -> Response:
    """The link in the e-mail: one button sends the message (a link fetched by a scanner sends nothing)."""
    return render(request, "pages/contact_confirm.html", {"token": _token(token), "done": None})


@router.post("/contact/confirm/{token}", dependencies=[CsrfChecked])
async def confirm_send(token: str, request: Request, gateway: Gateway) -> Response:
    body = {"token": _token(token)}
    try:
        done = await gateway.send_model(
            "POST", "/api/registry/contact-requests/confirm", body, ContactConfirmed
        )
    except ApiError as exc:
        if exc.status not in (404, 410):
            raise
        context = {"token": token, "done": None, "problem": api_message(exc)}
        return render(request, "pages/contact_confirm.html", context, status_code=exc.status)
    return render(request, "pages/contact_confirm.html", {"token": token, "done": done})
