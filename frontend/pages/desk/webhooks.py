"""The organisers' webhooks desk: endpoints and their state, recent deliveries and failures, replay.

Reads and writes the gateway's `/api/webhooks` API with the organiser's session; an endpoint
disabled after too many failures shows why, and can be enabled again here.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.api_models import WebhookDeliveryPublic as Delivery
from frontend.api_models import WebhookEndpointPublic as Endpoint
from frontend.gateway import ApiError
from frontend.pages.common import gather
from frontend.pages.desk.access import Staff
from frontend.web import CsrfChecked, Gateway, render

router = APIRouter()

API = "/api/webhooks"
RECENT = 30
FAILURES = 20


@router.get("/desk/webhooks")
async def webhooks_desk(request: Request, gateway: Gateway, user: Staff) -> Response:
    endpoints, recent, failed = await gather(
        gateway.get_list(f"{API}/endpoints", Endpoint, token=user.token),
        gateway.get_list(f"{API}/deliveries", Delivery, params={"limit": RECENT}, token=user.token),
        gateway.get_list(
            f"{API}/deliveries", Delivery, params={"status": "failed", "limit": FAILURES}, token=user.token
        ),
    )
    urls: dict[int, str] = {e.id: e.url for e in endpoints}
    return render(
        request,
        "desk/webhooks.html",
        {
            "endpoints": endpoints,
            "recent": recent,
            "failed": failed,
            "urls": urls,
            "notice": request.query_params.get("done"),
            "error": request.query_params.get("error"),
        },
    )


def _id(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) < 2**31:
        raise ApiError(404, {"detail": "no such item"})
    return int(raw)


async def _act(gateway: Any, method: str, path: str, token: str, payload: Any = None) -> str | None:
    """None when it worked, else the error's code for the page (never the API's English text)."""
    try:
        await gateway.request(method, path, json=payload, token=token)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        if exc.status == 404:
            return "gone"
        return "disabled" if exc.status == 409 else "failed"
    return None


@router.post("/desk/webhooks/deliveries/{delivery_id}/replay", dependencies=[CsrfChecked])
async def replay(delivery_id: str, gateway: Gateway, user: Staff) -> Response:
    error = await _act(gateway, "POST", f"{API}/deliveries/{_id(delivery_id)}/replay", user.token)
    target = f"/desk/webhooks?error={error}" if error else "/desk/webhooks?done=replay"
    return RedirectResponse(target, status_code=303)


@router.post("/desk/webhooks/endpoints/{endpoint_id}/enable", dependencies=[CsrfChecked])
async def enable(endpoint_id: str, gateway: Gateway, user: Staff) -> Response:
    error = await _act(gateway, "PATCH", f"{API}/endpoints/{_id(endpoint_id)}", user.token, {"enabled": True})
    target = f"/desk/webhooks?error={error}" if error else "/desk/webhooks?done=enable"
    return RedirectResponse(target, status_code=303)
