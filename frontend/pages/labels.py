"""Label verification (type a certificate number, or arrive from the QR code) and key figures."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.charts import bar_chart
from frontend.gateway import ApiError
from frontend.i18n import gettext_ as _
from frontend.i18n import localized
from frontend.pages.common import gather
from frontend.web import Gateway, HXRequest, render

router = APIRouter()

TARGET_EXPORTERS = 12_000
# Certificate numbers: letters, digits and dashes (the registry decides which exist).
NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]{2,39}$")
STATUSES = ("active", "suspended", "withdrawn", "expired")


def _normalise(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


async def _lookup(gateway: Gateway, number: str) -> tuple[str, dict[str, Any] | None]:
    if not NUMBER_RE.match(number):
        return "unknown", None
    try:
        label = await gateway.get_json(f"/api/registry/labels/{quote(number, safe='')}")
    except ApiError as exc:
        if exc.status in (404, 422):
            return "unknown", None
        raise
    status = str(label.get("status", "unknown"))
    if status == "active" and label.get("valid") is False:
        status = "expired"  # active on paper, but past its dates
    return (status if status in STATUSES else "unknown"), label


@router.get("/labels")
async def label_check(request: Request, gateway: Gateway, hx: HXRequest) -> Response:
    raw = (request.query_params.get("number") or "").strip()[:60]
    if raw and not hx:
        # A shareable address for the answer, the same one the QR code points at.
        return RedirectResponse(f"/labels/{quote(_normalise(raw), safe='')}", status_code=303)
    verdict, label = (await _lookup(gateway, _normalise(raw))) if raw else (None, None)
    headers = {"HX-Push-Url": f"/labels/{quote(_normalise(raw), safe='')}"} if raw else None
    return render(
        request,
        "pages/labels.html",
        {"number": _normalise(raw), "verdict": verdict, "label": label},
        block="verdict" if hx else None,
        headers=headers,
    )


@router.get("/labels/{number}")
async def label_page(number: str, request: Request, gateway: Gateway) -> Response:
    number = _normalise(number)[:60]
    verdict, label = await _lookup(gateway, number)
    return render(
        request,
        "pages/labels.html",
        {"number": number, "verdict": verdict, "label": label},
        status_code=200 if label else 404,
    )


@router.get("/labels/{number}/qr.svg")
async def label_qr(number: str, gateway: Gateway) -> Response:
    """The QR code that points at this verification page, served from this origin."""
    number = _normalise(number)
    if not NUMBER_RE.match(number):
        raise ApiError(404, {"detail": "unknown certificate"})
    upstream = await gateway.request(
        "GET", f"/api/registry/labels/{quote(number, safe='')}/qr.svg", accept="image/svg+xml"
    )
    return Response(
        upstream.body, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/figures")
async def figures(request: Request, gateway: Gateway) -> Response:
    stats, regions, sectors = await gather(
        gateway.get_json("/api/registry/stats"),
        gateway.get_cached("/api/registry/regions"),
        gateway.get_cached("/api/registry/sectors"),
    )
    by_region = {str(k): int(v) for k, v in (stats.get("by_region") or {}).items()}
    by_sector = {str(k): int(v) for k, v in (stats.get("by_sector") or {}).items()}
    region_rows = [(localized(r["name"]), by_region.get(r["code"], 0)) for r in regions]
    sector_rows = sorted(
        ((localized(s["name"]), by_sector.get(s["slug"], 0)) for s in sectors), key=lambda row: -row[1]
    )
    total = int(stats.get("exporters", 0))
    target = int(stats.get("target_exporters") or TARGET_EXPORTERS)
    return render(
        request,
        "pages/figures.html",
        {
            "total": total,
            "target": target,
            "target_year": stats.get("target_year", 2035),
            "labelled": stats.get("labelled_exporters"),
            "products": stats.get("products"),
            "progress": min(1.0, total / target) if target else 0,
            "region_rows": region_rows,
            "sector_rows": sector_rows,
            "region_chart": bar_chart(region_rows, title=_("Exporters by region")),
            "sector_chart": bar_chart(sector_rows, title=_("Exporters by sector")),
        },
    )
