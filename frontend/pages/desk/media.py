"""Logo and product photos in the desk: an exporter for its own company, organisers for any.

The forms are multipart with the CSRF field; the registry judges the file (type read from its
bytes, size, pixels, polyglots, damage) and a refusal comes back as the form with the reason in
the reader's language. An exporter works from its desk (`/desk`); organisers from
`/desk/exporters/{slug}/media`, linked from the public profile.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from frontend.api_models import ExporterPublic, ProductPage
from frontend.forms import api_field_errors, api_message
from frontend.gateway import ApiError, GatewayClient
from frontend.messages_catalogue import field_message
from frontend.pages.common import gather
from frontend.pages.desk.access import AnyAccount, DeskUser, Staff
from frontend.pages.desk.exporter import exporter_desk
from frontend.web import CsrfChecked, Gateway, check_csrf, render

router = APIRouter()

ALT_FIELDS = ("alt_fr", "alt_en", "alt_ar")


def _api_exporter(slug: str) -> str:
    return f"/api/registry/exporters/{quote(slug, safe='')}"


def _valid_id(raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 2**31:
        raise ApiError(404, {"code": "not-found"})
    return int(raw)


async def _media_page(
    request: Request, gateway: GatewayClient, slug: str, *, errors: dict[str, str], status_code: int = 200
) -> Response:
    exporter, products = await gather(
        gateway.get_model(_api_exporter(slug), ExporterPublic),
        gateway.get_model(f"{_api_exporter(slug)}/products", ProductPage, params={"per_page": 100}),
    )
    return render(
        request,
        "desk/exporter_media.html",
        {
            "exporter": exporter,
            "products": products.items,
            "errors": errors,
            "notice": request.query_params.get("done"),
        },
        status_code=status_code,
    )


@router.get("/desk/exporters/{slug}/media")
async def media_desk(slug: str, request: Request, gateway: Gateway, user: Staff) -> Response:
    return await _media_page(request, gateway, slug, errors={})


def _done(user: DeskUser, slug: str) -> Response:
    if user.is_exporter:
        return RedirectResponse("/desk?done=media#media", status_code=303)
    target = f"/desk/exporters/{quote(slug, safe='')}/media?done=media"
    return RedirectResponse(target, status_code=303)


async def _refused(
    request: Request, gateway: GatewayClient, user: DeskUser, slug: str, errors: dict[str, str]
) -> Response:
    if user.is_exporter:
        return await exporter_desk(request, gateway, user, errors=errors, kind="media", status_code=422)
    return await _media_page(request, gateway, slug, errors=errors, status_code=422)


async def _read_form(request: Request, field: str) -> tuple[dict[str, Any] | None, str | None]:
    """The form (file bytes and alt texts), or the error for ``field`` when the body is too large.

    The size is judged from Content-Length before a byte is read, so an oversized upload costs
    the website nothing; the CSRF token is checked after (it is inside the multipart body).
    """
    limit = request.app.state.settings.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if not declared.isdigit() or int(declared) > limit:
        return None, field_message("file-too-large", {"max_mb": round(limit / 1_048_576, 1)})
    await check_csrf(request)
    raw = await request.form()
    upload = raw.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None, field_message("missing")
    content = await upload.read(limit + 1)
    alt = {k: str(raw.get(k, "")).strip()[:250] for k in ALT_FIELDS}
    return {"file": (upload.filename[:200], content, upload.content_type or ""), "alt": alt}, None


def _file_error(exc: ApiError) -> str:
    """The refusal of an upload in the reader's words: the file's own code, else the problem's."""
    messages = api_field_errors(exc)
    return messages.get("file") or next(iter(messages.values()), None) or api_message(exc)


async def _send(
    request: Request,
    gateway: GatewayClient,
    user: DeskUser,
    slug: str,
    *,
    method: str,
    path: str,
    field: str,
) -> Response:
    form, error = await _read_form(request, field)
    if form is not None:
        try:
            await gateway.upload(method, path, file=form["file"], fields=form["alt"], token=user.token)
        except ApiError as exc:
            if exc.status in (401, 403, 404):
                raise
            error = _file_error(exc)
    if error is not None:
        return await _refused(request, gateway, user, slug, {field: error})
    return _done(user, slug)


@router.post("/desk/exporters/{slug}/logo")
async def upload_logo(slug: str, request: Request, gateway: Gateway, user: AnyAccount) -> Response:
    path = f"{_api_exporter(slug)}/logo"
    return await _send(request, gateway, user, slug, method="PUT", path=path, field="logo_file")


@router.post("/desk/exporters/{slug}/logo/delete", dependencies=[CsrfChecked])
async def delete_logo(slug: str, gateway: Gateway, user: AnyAccount) -> Response:
    await gateway.request("DELETE", f"{_api_exporter(slug)}/logo", token=user.token)
    return _done(user, slug)


@router.post("/desk/exporters/{slug}/products/{product_id}/photos")
async def upload_photo(
    slug: str, product_id: str, request: Request, gateway: Gateway, user: AnyAccount
) -> Response:
    pid = _valid_id(product_id)
    path = f"/api/registry/products/{pid}/photos"
    return await _send(request, gateway, user, slug, method="POST", path=path, field=f"photo_{pid}_file")


@router.post(
    "/desk/exporters/{slug}/products/{product_id}/photos/{photo_id}/delete", dependencies=[CsrfChecked]
)
async def delete_photo(
    slug: str, product_id: str, photo_id: str, gateway: Gateway, user: AnyAccount
) -> Response:
    path = f"/api/registry/products/{_valid_id(product_id)}/photos/{_valid_id(photo_id)}"
    await gateway.request("DELETE", path, token=user.token)
    return _done(user, slug)
