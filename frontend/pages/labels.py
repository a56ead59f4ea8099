"""Label verification (type a certificate number, or arrive from the QR code) and key figures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from frontend.api_models import LabelKeySet, LabelVerification, RegionPublic, SectorPublic, Stats
from frontend.charts import bar_chart
from frontend.gateway import ApiError, GatewayUnavailable
from frontend.i18n import gettext_ as _
from frontend.i18n import localized
from frontend.pages.common import gather
from frontend.web import Gateway, HXRequest, render
from services.common.errors import problem_response

router = APIRouter()

TARGET_EXPORTERS = 12_000
# Certificate numbers: letters, digits and dashes (the registry decides which exist).
NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]{2,39}$")
STATUSES = ("active", "suspended", "in_review", "withdrawn", "expired")
KEYS_PATH = "/api/registry/labels/keys"
KEYS_TTL = 300.0  # seconds the website keeps the published keys (a rotation shows within 5 minutes)


async def _label_keys(gateway: Gateway) -> LabelKeySet | None:
    """The published statement keys, for the page's offline check (None: the registry is away)."""
    try:
        return await gateway.get_cached_model(KEYS_PATH, LabelKeySet, ttl=KEYS_TTL)
    except (ApiError, GatewayUnavailable):
        return None


async def _page(request: Request, gateway: Gateway, context: dict[str, object], **kw: Any) -> Response:
    """The verification page, with the keys its script checks a QR statement with (offline too)."""
    keys = await _label_keys(gateway)
    context["label_keys_json"] = keys.model_dump_json() if keys else ""
    return render(request, "pages/labels.html", context, **kw)


def _normalise(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


async def _lookup(gateway: Gateway, number: str) -> tuple[str, LabelVerification | None]:
    if not NUMBER_RE.match(number):
        return "unknown", None
    try:
        label = await gateway.get_model(f"/api/registry/labels/{quote(number, safe='')}", LabelVerification)
    except ApiError as exc:
        if exc.status in (404, 422):
            return "unknown", None
        raise
    status: str = label.status
    if status == "active" and not label.valid:
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
    context: dict[str, object] = {"number": _normalise(raw), "verdict": verdict, "label": label}
    if hx:
        return render(request, "pages/labels.html", context, block="verdict", headers=headers)
    return await _page(request, gateway, context)


SERVICE_WORKER = Path(__file__).resolve().parents[1] / "static" / "js" / "label-sw.js"


@router.get("/labels-sw.js")
async def label_service_worker() -> Response:
    """The service worker that keeps the verification page for offline scans (scope /labels)."""
    return Response(
        SERVICE_WORKER.read_bytes(),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/labels"},
    )


@router.get("/.well-known/mim-label-keys.json")
async def label_keys(gateway: Gateway) -> Response:
    """The public keys that verify the signed statement in label QR codes (old keys stay listed)."""
    keys = await _label_keys(gateway)
    if keys is None:
        return problem_response(
            status=503, detail="The label keys cannot be read right now.", slug="service-unavailable"
        )
    return JSONResponse(
        keys.model_dump(mode="json"),
        headers={"Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*"},
    )


@router.get("/labels/{number}")
async def label_page(number: str, request: Request, gateway: Gateway) -> Response:
    number = _normalise(number)[:60]
    verdict, label = await _lookup(gateway, number)
    context: dict[str, object] = {"number": number, "verdict": verdict, "label": label}
    return await _page(request, gateway, context, status_code=200 if label else 404)


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
    stats: Stats
    regions: list[RegionPublic]
    sectors: list[SectorPublic]
    stats, regions, sectors = await gather(
        gateway.get_model("/api/registry/stats", Stats),
        gateway.get_cached_list("/api/registry/regions", RegionPublic),
        gateway.get_cached_list("/api/registry/sectors", SectorPublic),
    )
    region_rows = [(localized(r.name), stats.by_region.get(r.code, 0)) for r in regions]
    sector_rows = sorted(
        ((localized(s.name), stats.by_sector.get(s.slug, 0)) for s in sectors), key=lambda row: -row[1]
    )
    total = stats.exporters
    target = stats.target_exporters or TARGET_EXPORTERS
    return render(
        request,
        "pages/figures.html",
        {
            "total": total,
            "target": target,
            "target_year": stats.target_year,
            "labelled": stats.labelled_exporters,
            "products": stats.products,
            "progress": min(1.0, total / target) if target else 0,
            "region_rows": region_rows,
            "sector_rows": sector_rows,
            "region_chart": bar_chart(region_rows, title=_("Exporters by region")),
            "sector_chart": bar_chart(sector_rows, title=_("Exporters by sector")),
        },
    )
