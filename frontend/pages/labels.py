"""Label verification (type a certificate number, or arrive from the QR code) and key figures."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from frontend.charts import bar_chart
from frontend.gateway import ApiError
from frontend.i18n import gettext_ as _
from frontend.i18n import localized
from frontend.pages.common import gather, optional
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


@router.get("/figures")
async def figures(request: Request, gateway: Gateway) -> Response:
    stats, regions, sectors = await gather(
        optional(gateway.get_json("/api/registry/stats")),
        gateway.get_cached("/api/registry/regions"),
        gateway.get_cached("/api/registry/sectors"),
    )
    if not stats:
        stats = await _stats_from_catalogue(gateway)
    by_region = _counts(stats.get("by_region") or stats.get("regions"), "code")
    by_sector = _counts(stats.get("by_sector") or stats.get("sectors"), "slug")
    region_rows = [(localized(r["name"]), by_region.get(r["code"], 0)) for r in regions]
    sector_rows = sorted(
        ((localized(s["name"]), by_sector.get(s["slug"], 0)) for s in sectors), key=lambda row: -row[1]
    )
    total = int(stats.get("total_exporters") or stats.get("total") or sum(by_region.values()))
    target = int(stats.get("target") or TARGET_EXPORTERS)
    return render(
        request,
        "pages/figures.html",
        {
            "total": total,
            "target": target,
            "labelled": stats.get("labelled"),
            "progress": min(1.0, total / target) if target else 0,
            "region_rows": region_rows,
            "sector_rows": sector_rows,
            "region_chart": bar_chart(region_rows, title=_("Exporters by region")),
            "sector_chart": bar_chart(sector_rows, title=_("Exporters by sector")),
        },
    )


def _counts(raw: Any, key: str) -> dict[str, int]:
    if isinstance(raw, dict):
        return {str(k): int(v) for k, v in raw.items()}
    out: dict[str, int] = {}
    for row in raw or []:
        ident = row.get(key) or row.get("value") or (row.get("region") or row.get("sector") or {}).get(key)
        if ident is not None:
            out[str(ident)] = int(row.get("count", row.get("exporters", 0)))
    return out


async def _stats_from_catalogue(gateway: Gateway) -> dict[str, Any]:
    """Until the registry publishes /stats: count a small catalogue page by page (bounded)."""
    regions: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    total = 0
    for page in range(1, 11):
        batch = await gateway.get_json("/api/registry/exporters", params={"page": page, "per_page": 100})
        total = int(batch["total"])
        for e in batch["items"]:
            regions[e["region"]["code"]] += 1
            for s in e["sectors"]:
                sectors[s["slug"]] += 1
        if page * 100 >= total:
            break
    return {"total_exporters": total, "by_region": dict(regions), "by_sector": dict(sectors)}
