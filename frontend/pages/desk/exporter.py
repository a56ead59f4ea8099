"""The exporter's desk: its profile, its products and their label applications.

A refused form comes back as it was typed, with each refused field marked in the reader's
language (the API's field codes, mapped by `frontend.forms`). Export markets may be written
as country names in French, English or Arabic, or as ISO codes.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import (
    ContactReceivedPage,
    ExporterPublic,
    ExporterUpdate,
    LabelApplicationPage,
    ProductPage,
)
from frontend.forms import api_field_errors, model_errors
from frontend.gateway import ApiError, GatewayClient
from frontend.i18n import country_code, country_name
from frontend.messages_catalogue import field_message
from frontend.pages.common import gather, optional
from frontend.pages.desk.access import DeskUser, ExporterAccount
from frontend.web import CsrfChecked, Gateway, render

router = APIRouter()

PROFILE_FIELDS = (
    *("description_fr", "description_en", "description_ar", "city"),
    *("website", "email", "phone", "export_markets", "show_contact"),
)
PRODUCT_FIELDS = ("name_fr", "name_en", "name_ar", "hs_code", "value_added_pct")
NAME_FIELDS = ("name_fr", "name_en", "name_ar")
# Commas, semicolons, the Arabic comma and line breaks separate markets.
_MARKET_SEPARATORS = re.compile(r"[,;\u060c\n]+")


def parse_markets(text: str) -> tuple[list[str], str | None]:
    """ISO codes for what was typed, or the translated error for the first name not known."""
    codes: list[str] = []
    for part in _MARKET_SEPARATORS.split(text):
        typed = part.strip()
        if not typed:
            continue
        code = country_code(typed)
        if code is None:
            return [], field_message("unknown-country", {"value": typed[:60]})
        if code == "MA":
            return [], field_message("market-is-morocco")
        if code not in codes:
            codes.append(code)
    return codes, None


def _field_of(field: str, known: tuple[str, ...]) -> str:
    """An API field path as the input that holds it (`export_markets.0` -> `export_markets`)."""
    name = field.replace(".", "_")
    if name in known:
        return name
    head = field.split(".", 1)[0]
    return head if head in known else name


def _errors_for(exc: ApiError, known: tuple[str, ...], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for name, message in api_field_errors(exc).items():
        field = _field_of(name, known) if name not in known else name
        # api_field_errors names inputs with "_" for "."; find the input for `a_0`.
        if field not in known:
            field = next((k for k in known if name.startswith(k + "_")), field)
        out.setdefault(prefix + field, message)
    return out


async def _own_exporter(gateway: GatewayClient, user: DeskUser) -> ExporterPublic:
    # With the account's token: the e-mail and phone come back even when they are not public.
    path = f"/api/registry/exporters/by-id/{int(user.exporter_id or 0)}"
    return await gateway.get_model(path, ExporterPublic, token=user.token)


def _exporter_path(exporter: ExporterPublic) -> str:
    return f"/api/registry/exporters/{quote(exporter.slug, safe='')}"


def _profile_form(exporter: ExporterPublic) -> dict[str, str]:
    return {
        "description_fr": exporter.description.fr,
        "description_en": exporter.description.en,
        "description_ar": exporter.description.ar,
        "city": exporter.city,
        "website": exporter.website or "",
        "email": exporter.email or "",
        "phone": exporter.phone or "",
        "export_markets": ", ".join(country_name(code) for code in exporter.export_markets),
        "show_contact": "on" if exporter.show_contact else "",
    }


async def exporter_desk(
    request: Request,
    gateway: GatewayClient,
    user: DeskUser,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    product_form: dict[str, str] | None = None,
    names_form: dict[str, str] | None = None,
    kind: str | None = None,
    status_code: int = 200,
) -> Response:
    exporter = await _own_exporter(gateway, user)
    products, applications, received = await gather(
        gateway.get_model(f"{_exporter_path(exporter)}/products", ProductPage, params={"per_page": 100}),
        optional(
            gateway.get_model(
                "/api/registry/label-applications", LabelApplicationPage, params={"per_page": 100},
                token=user.token,
            )
        ),
        optional(
            gateway.get_model(
                f"{_exporter_path(exporter)}/contact-requests", ContactReceivedPage, params={"per_page": 50},
                token=user.token,
            )
        ),
    )  # fmt: skip
    apps = applications.items if isinstance(applications, LabelApplicationPage) else []
    applied = {a.product_id for a in apps if a.status in ("submitted", "under_review", "granted")}
    return render(
        request,
        "desk/exporter.html",
        {
            "exporter": exporter,
            "products": products.items,
            "applications": apps,
            "applied": applied,
            "received": received if isinstance(received, ContactReceivedPage) else None,
            "form": form or _profile_form(exporter),
            "product_form": product_form or {},
            "names_form": names_form or {},
            "form_kind": kind or ("product" if product_form else "names" if names_form else "profile"),
            "errors": errors or {},
            "notice": request.query_params.get("done"),
        },
        status_code=status_code,
    )


def _profile_payload(form: dict[str, str], markets: list[str]) -> dict[str, Any]:
    payload: dict[str, Any] = {
        k: form[k] for k in ("description_fr", "description_en", "description_ar", "city")
    }
    for key in ("website", "email", "phone"):
        payload[key] = form[key] or None
    payload["export_markets"] = markets
    payload["show_contact"] = form.get("show_contact") == "on"
    return payload


@router.post("/desk/profile", dependencies=[CsrfChecked])
async def update_profile(request: Request, gateway: Gateway, user: ExporterAccount) -> Response:
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:5000] for k in PROFILE_FIELDS}
    exporter = await _own_exporter(gateway, user)
    markets, market_error = parse_markets(form["export_markets"])
    errors: dict[str, str] = {}
    try:
        if market_error is None:
            await gateway.request(
                "PATCH", _exporter_path(exporter), json=_profile_payload(form, markets), token=user.token
            )
        else:  # nothing is sent; the other fields are still judged by the API's rules
            errors["export_markets"] = market_error
            payload = _profile_payload(form, [])
            errors = {**model_errors(ExporterUpdate, payload, {}), **errors}
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        errors = {**_errors_for(exc, PROFILE_FIELDS), **errors}
    if errors:
        return await exporter_desk(request, gateway, user, errors=errors, form=form, status_code=422)
    return RedirectResponse("/desk?done=profile", status_code=303)


def _share(text: str) -> float | None:
    try:
        return float(text.replace(",", ".").replace("%", "").strip())
    except ValueError:
        return None


@router.post("/desk/products", dependencies=[CsrfChecked])
async def add_product(request: Request, gateway: Gateway, user: ExporterAccount) -> Response:
    raw = await request.form()
    form = {f"product_{k}": str(raw.get(f"product_{k}", "")).strip()[:200] for k in PRODUCT_FIELDS}
    exporter = await _own_exporter(gateway, user)
    share = _share(form["product_value_added_pct"])
    payload: dict[str, Any] = {k: form[f"product_{k}"] for k in (*NAME_FIELDS, "hs_code")}
    errors: dict[str, str] = {}
    if share is None:
        errors["product_value_added_pct"] = field_message(
            "missing" if not form["product_value_added_pct"] else "not-a-number"
        )
        share = -1.0  # the API still judges the other fields; nothing is written
    payload["value_added_pct"] = share
    try:
        await gateway.request("POST", f"{_exporter_path(exporter)}/products", json=payload, token=user.token)
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        errors = {**_errors_for(exc, PRODUCT_FIELDS, prefix="product_"), **errors}
    if errors:
        return await exporter_desk(request, gateway, user, errors=errors, product_form=form, status_code=422)
    return RedirectResponse("/desk?done=product", status_code=303)


@router.post("/desk/products/{product_id}/names", dependencies=[CsrfChecked])
async def rename_product(
    product_id: str, request: Request, gateway: Gateway, user: ExporterAccount
) -> Response:
    """The product's name in French, English and Arabic (the registry's PATCH takes all three)."""
    if not product_id.isdigit() or not 0 < int(product_id) < 2**31:
        raise ApiError(404, {"code": "not-found"})
    raw = await request.form()
    prefix = f"p{int(product_id)}_"
    form = {prefix + k: str(raw.get(prefix + k, "")).strip()[:300] for k in NAME_FIELDS}
    payload = {k: form[prefix + k] for k in NAME_FIELDS}
    try:
        await gateway.request(
            "PATCH", f"/api/registry/products/{int(product_id)}", json=payload, token=user.token
        )
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        errors = _errors_for(exc, NAME_FIELDS, prefix=prefix)
        return await exporter_desk(request, gateway, user, errors=errors, names_form=form, status_code=422)
    return RedirectResponse("/desk?done=product", status_code=303)


@router.post("/desk/products/{product_id}/apply", dependencies=[CsrfChecked])
async def apply_for_label(
    product_id: str, request: Request, gateway: Gateway, user: ExporterAccount
) -> Response:
    if not product_id.isdigit():
        raise ApiError(404, {"code": "not-found"})
    note = str((await request.form()).get("note", "")).strip()[:2000]
    payload = {"product_id": int(product_id), "note": note}
    await gateway.request("POST", "/api/registry/label-applications", json=payload, token=user.token)
    return RedirectResponse("/desk?done=applied", status_code=303)
