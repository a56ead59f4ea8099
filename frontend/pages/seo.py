"""robots.txt, the sitemap index and its paged sitemaps, the favicon.

``/sitemap.xml`` is an index: one ``/sitemaps/<kind>-<n>.xml`` per slice of each public list
(exporters, products, events), so the site keeps within the protocol's 50,000 ``<url>`` per
file however large the catalogue grows. A slice is read through the public API a page of
(at most) 100 at a time, in a stable order (oldest first, names, then ids).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from frontend import seo
from frontend.api_models import ExporterPage, PageEventSummary, ProductPage, SeriesPublic
from frontend.config import FrontendSettings
from frontend.gateway import ApiError, GatewayClient
from frontend.web import Gateway

router = APIRouter()

STATIC_DIR = Path(__file__).parent.parent / "static"
API_MAX_PER_PAGE = 100
XML = "application/xml; charset=utf-8"
CACHE = {"Cache-Control": "public, max-age=3600"}
STATIC_PAGES = ("/", "/exporters", "/events", "/labels", "/figures")


@dataclass(frozen=True)
class Listing:
    """A public list of the API and the website path of each of its items."""

    api_path: str
    params: dict[str, str]
    model: type[ExporterPage] | type[ProductPage] | type[PageEventSummary]
    path_of: Callable[[Any], str]


LISTINGS: dict[str, Listing] = {
    "exporters": Listing(
        "/api/registry/exporters", {"sort": "oldest"}, ExporterPage, lambda item: f"/exporters/{item.slug}"
    ),
    "products": Listing(
        "/api/registry/products", {"sort": "name"}, ProductPage, lambda item: f"/products/{item.id}"
    ),
    "events": Listing(
        "/api/events/events", {"when": "all"}, PageEventSummary, lambda item: f"/events/{item.id}"
    ),
}
_NAME = re.compile(r"^(pages|exporters|products|events)-([1-9][0-9]{0,5})$")


def _settings(request: Request) -> FrontendSettings:
    settings: FrontendSettings = request.app.state.settings
    return settings


async def _total(gateway: GatewayClient, listing: Listing) -> int:
    return (await _page(gateway, listing, 1, 1)).total


@router.api_route("/robots.txt", methods=["GET", "HEAD"], include_in_schema=False)
async def robots(request: Request) -> Response:
    return PlainTextResponse(seo.robots_txt(_settings(request).public_url), headers=CACHE)


@router.api_route("/sitemap.xml", methods=["GET", "HEAD"], include_in_schema=False)
async def sitemap_index(request: Request, gateway: Gateway) -> Response:
    per_file = seo.items_per_sitemap(_settings(request).sitemap_max_urls)
    pages = math.ceil(len(await _static_paths(gateway)) / per_file)
    names = [f"pages-{n}" for n in range(1, pages + 1)]
    for kind, listing in LISTINGS.items():
        files = math.ceil(await _total(gateway, listing) / per_file)
        names += [f"{kind}-{n}" for n in range(1, files + 1)]
    body = seo.sitemap_index(_settings(request).public_url, names)
    return Response(body, media_type=XML, headers=CACHE)


@router.api_route("/sitemaps/{name}.xml", methods=["GET", "HEAD"], include_in_schema=False)
async def sitemap(name: str, request: Request, gateway: Gateway) -> Response:
    match = _NAME.match(name)
    if match is None:
        raise ApiError(404, {"detail": "no such sitemap"})
    kind, number = match.group(1), int(match.group(2))
    per_file = seo.items_per_sitemap(_settings(request).sitemap_max_urls)
    if kind == "pages":
        paths = (await _static_paths(gateway))[(number - 1) * per_file : number * per_file]
        if not paths:
            raise ApiError(404, {"detail": "no such sitemap"})
    else:
        paths = await _slice(gateway, LISTINGS[kind], number, per_file)
    body = seo.url_set(_settings(request).public_url, paths)
    return Response(body, media_type=XML, headers=CACHE)


async def _static_paths(gateway: GatewayClient) -> list[str]:
    series = await gateway.get_list("/api/events/series", SeriesPublic)
    return [*STATIC_PAGES, *(f"/series/{s.slug}" for s in series)]


async def _slice(gateway: GatewayClient, listing: Listing, number: int, per_file: int) -> list[str]:
    """The website paths of items ``(number-1)*per_file`` to ``number*per_file`` of a list; API
    pages are sized to divide the slice, so every slice starts on a page boundary."""
    per_page = math.gcd(per_file, API_MAX_PER_PAGE)
    first_page = (number - 1) * per_file // per_page + 1
    paths: list[str] = []
    for page in range(first_page, first_page + per_file // per_page):
        answer = await _page(gateway, listing, page, per_page)
        paths += [listing.path_of(item) for item in answer.items]
        if page * per_page >= answer.total:
            break
    if not paths and number > 1:
        raise ApiError(404, {"detail": "no such sitemap"})
    return paths


async def _page(
    gateway: GatewayClient, listing: Listing, page: int, per_page: int
) -> ExporterPage | ProductPage | PageEventSummary:
    params = {**listing.params, "page": page, "per_page": per_page}
    return await gateway.get_model(listing.api_path, listing.model, params=params)


@router.api_route("/favicon.ico", methods=["GET", "HEAD"], include_in_schema=False)
async def favicon() -> Response:
    return FileResponse(STATIC_DIR / "favicon.ico", media_type="image/x-icon", headers=CACHE)
