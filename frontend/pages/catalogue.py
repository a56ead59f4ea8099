"""The exporter catalogue: search as you type, facets, pagination, profiles and products."""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from collections.abc import Hashable
from functools import cache
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import Response

from frontend import i18n
from frontend.gateway import ApiError
from frontend.i18n import localized
from frontend.pages.common import gather, int_param, optional
from frontend.web import Gateway, HXRequest, render, templates

router = APIRouter()

PER_PAGE = 12
FILTERS = ("region", "sector", "market", "labelled")


def _facet_counts(raw: Any) -> dict[str, int]:
    """Facet counts as `{value: count}`, whether the API sends a mapping or a list of rows."""
    if isinstance(raw, dict):
        return {str(k): int(v) for k, v in raw.items() if isinstance(v, int | float)}
    out: dict[str, int] = {}
    for row in raw or []:
        if isinstance(row, dict):
            key = row.get("value", row.get("key", row.get("code", row.get("slug"))))
            if key is not None:
                out[str(key)] = int(row.get("count", 0))
    return out


def catalogue_state(request: Request) -> dict[str, Any]:
    params = request.query_params
    return {
        "q": (params.get("q") or "").strip()[:200],
        "region": [v for v in params.getlist("region") if v][:12],
        "sector": [v for v in params.getlist("sector") if v][:20],
        "market": [v.upper() for v in params.getlist("market") if v][:20],
        "labelled": params.get("labelled") in ("true", "1", "on"),
        "page": int_param(params.get("page"), 1),
    }


def page_url(state: dict[str, Any], page: int) -> str:
    query: list[tuple[str, str]] = []
    if state["q"]:
        query.append(("q", state["q"]))
    for key in ("region", "sector", "market"):
        query.extend((key, v) for v in state[key])
    if state["labelled"]:
        query.append(("labelled", "true"))
    if page > 1:
        query.append(("page", str(page)))
    return "/exporters" + (f"?{urlencode(query)}" if query else "")


@router.get("/exporters")
async def catalogue(request: Request, gateway: Gateway, hx: HXRequest) -> Response:
    state = catalogue_state(request)
    api_params: dict[str, Any] = {
        "q": state["q"] or None,
        "region": state["region"],
        "sector": state["sector"],
        "market": state["market"],
        "labelled": True if state["labelled"] else None,
        "page": state["page"],
        "per_page": PER_PAGE,
    }
    answer, regions, sectors = await gather(
        gateway.request("GET", "/api/registry/exporters", params=api_params),
        gateway.get_cached("/api/registry/regions"),
        gateway.get_cached("/api/registry/sectors"),
    )
    # The results depend on nothing but the answer's bytes, the language, the reference
    # lists and the form's state: the same inputs give the same HTML, rendered once.
    key = (
        hashlib.blake2b(answer.body, digest_size=16).digest(),
        i18n.lang(),
        id(regions),
        id(sectors),
        repr(sorted(state.items())),
    )
    results_html = _results_cache.get(key)
    if results_html is None:
        context = _results_context(state, answer.json(), regions, sectors)
        # Rendered by the autoescaping environment: already safe HTML.
        results_html = Markup(_results_template().render(context))  # noqa: S704
        _results_cache.put(key, results_html)
    context = {"state": state, "results_html": results_html}
    return render(request, "pages/catalogue.html", context, block="results" if hx else None)


def _results_context(
    state: dict[str, Any], result: dict[str, Any], regions: list[Any], sectors: list[Any]
) -> dict[str, Any]:
    facets = result.get("facets") or {}
    total = int(result.get("total", 0))
    return {
        "state": state,
        "result": result,
        "total": total,
        "pages": max(1, math.ceil(total / PER_PAGE)),
        "page_url": lambda p: page_url(state, p),
        "regions": regions,
        "sectors": sorted(sectors, key=lambda s: localized(s["name"]).casefold()),
        "has_facets": bool(facets),
        "region_counts": _facet_counts(facets.get("region") or facets.get("regions")),
        "sector_counts": _facet_counts(facets.get("sector") or facets.get("sectors")),
        "market_counts": _facet_counts(facets.get("market") or facets.get("markets")),
        "label_counts": _facet_counts(facets.get("label_status")),
    }


@cache
def _results_template() -> jinja2.Template:
    return templates.env.get_template("partials/catalogue_results.html")


class _LruCache:
    """A few hundred rendered results, least recently used first out."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Markup] = OrderedDict()

    def get(self, key: Hashable) -> Markup | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: Hashable, value: Markup) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


_results_cache = _LruCache(256)


@router.get("/exporters/{slug}")
async def exporter_profile(slug: str, request: Request, gateway: Gateway) -> Response:
    exporter, products = await gather(
        gateway.get_json(f"/api/registry/exporters/{_safe(slug)}"),
        optional(
            gateway.get_json(f"/api/registry/exporters/{_safe(slug)}/products", params={"per_page": 100})
        ),
    )
    items = _items(products)
    names = {p["id"]: p["name"] for p in items}
    labels = [
        {**label, "product_name": names.get(label["product_id"])} for label in exporter.get("labels", [])
    ]
    return render(request, "pages/exporter.html", {"e": exporter, "products": items, "labels": labels})


@router.get("/products/{product_id}")
async def product_page(product_id: str, request: Request, gateway: Gateway) -> Response:
    if not product_id.isdigit() or not 0 < int(product_id) < 2**31:
        raise ApiError(404, {"detail": "no such product"})
    product = await gateway.get_json(f"/api/registry/products/{int(product_id)}")
    exporter = await gateway.get_json(f"/api/registry/exporters/{_safe(product['exporter']['slug'])}")
    label = next((lb for lb in exporter.get("labels", []) if lb["product_id"] == product["id"]), None)
    return render(request, "pages/product.html", {"p": product, "e": exporter, "label": label})


def _items(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.get("items") or [])
    if isinstance(value, list):
        return value
    return []


def _safe(segment: str) -> str:
    """A path segment passed on to the gateway, never a way to another path."""
    from urllib.parse import quote

    return quote(segment, safe="")
