"""The organisers' CSV import of exporters: an upload, then a job to follow."""

from __future__ import annotations

import re
import uuid

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import ImportJobPublic
from frontend.gateway import ApiError
from frontend.i18n import gettext_ as _
from frontend.pages.desk.access import Staff
from frontend.web import CsrfChecked, Gateway, HXRequest, render

router = APIRouter()

MAX_IMPORT_BYTES = 5 * 1024 * 1024
# fullmatch, not `^...$`: `$` also matches before a trailing newline.
HEX_KEY = re.compile(r"[0-9a-f]{32}")


def _import_form(request: Request, *, errors: list[str] | None = None, status_code: int = 200) -> Response:
    # A new key per form: submitting this form twice (double click, back and resubmit) gives the
    # same job back from the registry instead of a second import.
    return render(
        request,
        "desk/import.html",
        {"idempotency_key": uuid.uuid4().hex, "errors": errors or []},
        status_code=status_code,
    )


@router.get("/desk/import")
async def import_form(request: Request, user: Staff) -> Response:
    return _import_form(request)


@router.post("/desk/import", dependencies=[CsrfChecked])
async def import_upload(request: Request, gateway: Gateway, user: Staff) -> Response:
    form = await request.form()
    upload = form.get("file")
    key = str(form.get("idempotency_key") or "")
    if isinstance(upload, str) or upload is None:
        return _import_form(request, errors=[_("Choose a CSV file.")], status_code=422)
    content = await upload.read(MAX_IMPORT_BYTES + 1)
    if len(content) > MAX_IMPORT_BYTES:
        return _import_form(request, errors=[_("The file is larger than 5 MB.")], status_code=413)
    params = {"only_valid_rows": "true"} if form.get("only_valid_rows") else None
    headers = {"Content-Type": "text/csv"}
    if HEX_KEY.fullmatch(key):
        headers["Idempotency-Key"] = key
    try:
        response = await gateway.request(
            "POST", "/api/registry/exporters/import", params=params, data=content, token=user.token,
            extra_headers=headers,
        )  # fmt: skip
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        messages = [f"{e.get('field', '')}: {e.get('message', '')}" for e in exc.problem.get("errors") or []]
        return _import_form(request, errors=messages or [exc.detail], status_code=422)
    job = ImportJobPublic.model_validate_json(response.body)
    return RedirectResponse(f"/desk/imports/{job.id}", status_code=303)


@router.get("/desk/imports/{job_id}")
async def import_job(job_id: str, request: Request, gateway: Gateway, hx: HXRequest, user: Staff) -> Response:
    if not HEX_KEY.fullmatch(job_id):
        raise ApiError(404, {"detail": "no such import"})
    job = await gateway.get_model(f"/api/registry/imports/{job_id}", ImportJobPublic, token=user.token)
    total = job.progress.rows_total or 1
    return render(
        request,
        "desk/import_job.html",
        {
            "job": job,
            "percent": round(100 * job.progress.rows_done / total),
            "running": job.status in ("queued", "running"),
        },
        block="job" if hx else None,
        headers={"Cache-Control": "no-store"},
    )
