"""Home page: what the Club is, the next Mornings, key figures, a few exporters."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from frontend.api_models import ExporterPage, PageEventSummary, Stats
from frontend.pages.common import gather, optional
from frontend.pages.events import MORNINGS_SERIES
from frontend.web import Gateway, render

router = APIRouter()


@router.get("/")
async def home(request: Request, gateway: Gateway) -> Response:
    exporters, events, stats = await gather(
        gateway.get_model("/api/registry/exporters", ExporterPage, params={"per_page": 6}),
        optional(
            gateway.get_model(
                "/api/events/events",
                PageEventSummary,
                params={"when": "upcoming", "series": MORNINGS_SERIES, "per_page": 3},
            )
        ),
        # Figures move slowly; one gateway call a minute instead of one per visitor.
        optional(gateway.get_cached_model("/api/registry/stats", Stats, ttl=60)),
    )
    return render(
        request,
        "pages/home.html",
        {"exporters": exporters, "events": events, "stats": stats},
    )
