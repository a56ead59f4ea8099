"""The organisers' label queue: review, grant or reject an exporter's application."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import LabelApplicationPage as Page
from frontend.gateway import ApiError
from frontend.pages.common import gather
from frontend.pages.desk.access import Staff
from frontend.web import CsrfChecked, Gateway, render

router = APIRouter()

QUEUE = "/api/registry/label-applications"
DECISIONS = ("review", "grant", "reject")


@router.get("/desk/labels")
async def label_queue(request: Request, gateway: Gateway, user: Staff) -> Response:
    submitted, reviewing = await gather(
        gateway.get_model(QUEUE, Page, params={"status": "submitted", "per_page": 100}, token=user.token),
        gateway.get_model(QUEUE, Page, params={"status": "under_review", "per_page": 100}, token=user.token),
    )
    return render(
        request,
        "desk/labels.html",
        {
            "applications": [*submitted.items, *reviewing.items],
            "notice": request.query_params.get("done"),
            "error": request.query_params.get("error"),
        },
    )


@router.post("/desk/labels/{application_id}/{decision}", dependencies=[CsrfChecked])
async def decide_label(
    application_id: str, decision: str, request: Request, gateway: Gateway, user: Staff
) -> Response:
    if not application_id.isdigit() or decision not in DECISIONS:
        raise ApiError(404, {"detail": "no such action"})
    reason = str((await request.form()).get("reason", "")).strip()[:2000]
    path = f"{QUEUE}/{int(application_id)}/{decision}"
    try:
        if decision == "review":
            await gateway.request("POST", path, token=user.token)
        else:
            await gateway.request("POST", path, json={"reason": reason}, token=user.token)
    except ApiError as exc:
        if exc.status in (401, 403, 404):
            raise
        return RedirectResponse(f"/desk/labels?error={quote(exc.detail[:200])}", status_code=303)
    return RedirectResponse(f"/desk/labels?done={decision}", status_code=303)
