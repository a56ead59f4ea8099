"""The exporter catalogue: search as you type, facets, pagination, profiles and products."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Hashable
from functools import cache
from typing import Any
from urllib.parse import urlencode

import jinja2
from cachetools import LRUCache
from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import Response

from frontend import i18n, seo
from frontend.api_models import ExporterPage, ExporterPublic, ProductPage, ProductPublic
from frontend.gateway import ApiError
from frontend.i18n import localized
from frontend.pages.common import gather, int_param, optional
from frontend.web import Gateway, HXRequest, render, templates

router = APIRouter()

PER_PAGE = 12
FILTERS = ("region", "sector", "market", "labelled")


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
        context = _results_context(state, ExporterPage.model_validate_json(answer.body), regions, sectors)
        # Rendered by the autoescaping environment: already safe HTML.
        results_html = Markup(_results_template().render(context))  # noqa: S704
        _results_cache[key] = results_html
    context = {"state": state, "results_html": results_html}
    return render(request, "pages/catalogue.html", context, block="results" if hx else None)


def _results_context(
    state: dict[str, Any], result: ExporterPage, regions: list[Any], sectors: list[Any]
) -> dict[str, Any]:
    facets = result.facets
    total = result.total
    return {
        "state": state,
        "result": result,
        "total": total,
        "pages": max(1, math.ceil(total / PER_PAGE)),
        "page_url": lambda p: page_url(state, p),
        "regions": regions,
        "sectors": sorted(sectors, key=lambda s: localized(s["name"]).casefold()),
        "has_facets": bool(facets),
        "region_counts": facets.get("region", {}),
        "sector_counts": facets.get("sector", {}),
        "market_counts": facets.get("market", {}),
        "label_counts": facets.get("label_status", {}),
    }


@cache
def _results_template() -> jinja2.Template:
    return templates.env.get_template("partials/catalogue_results.html")


# A few hundred rendered results, least recently used first out.
_results_cache: LRUCache[Hashable, Markup] = LRUCache(256)


@router.get("/exporters/{slug}")
async def exporter_profile(slug: str, request: Request, gateway: Gateway) -> Response:
    exporter, products = await gather(
        gateway.get_model(f"/api/registry/exporters/{_safe(slug)}", ExporterPublic),
        optional(
            gateway.get_model(
                f"/api/registry/exporters/{_safe(slug)}/products", ProductPage, params={"per_page": 100}
            )
        ),
    )
    items = products.items if isinstance(products, ProductPage) else []
    names = {p.id: p.name for p in items}
    # Each label with the name of its product (when the product list could be read).
    labels = [(label, names.get(label.product_id)) for label in exporter.labels]
    jsonld = seo.organization_ld(request, exporter)
    context = {"e": exporter, "products": items, "labels": labels, "jsonld": jsonld}
    return render(request, "pages/exporter.html", context)


@router.get("/products/{product_id}")
async def product_page(product_id: str, request: Request, gateway: Gateway) -> Response:
    if not product_id.isdigit() or not 0 < int(product_id) < 2**31:
        raise ApiError(404, {"detail": "no such product"})
    product = await gateway.get_model(f"/api/registry/products/{int(product_id)}", ProductPublic)
    exporter_path = f"/api/registry/exporters/{_safe(product.exporter.slug)}"
    exporter = await gateway.get_model(exporter_path, ExporterPublic)
    label = next((lb for lb in exporter.labels if lb.product_id == product.id), None)
    jsonld = seo.product_ld(request, product, exporter, label)
    return render(
        request, "pages/product.html", {"p": product, "e": exporter, "label": label, "jsonld": jsonld}
    )


def _safe(segment: str) -> str:
    """A path segment passed on to the gateway, never a way to another path."""
    from urllib.parse import quote

    return quote(segment, safe="")
