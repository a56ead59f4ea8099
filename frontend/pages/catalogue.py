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
from frontend.api_models import (
    ExporterPage,
    ExporterPublic,
    ProductPage,
    ProductPublic,
    RegionPublic,
    SectorPublic,
)
from frontend.gateway import ApiError, GatewayClient
from frontend.i18n import country_name, localized
from frontend.i18n import gettext_ as _
from frontend.pages.common import gather, int_param, optional
from frontend.web import Gateway, HXRequest, render, templates

router = APIRouter()

PER_PAGE = 12
# The filters the page offers: query parameter, how many values it keeps. Each list filter is
# disjunctive (OR within the group), as the API counts it.
LIST_FILTERS = (("region", 12), ("sector", 20), ("market", 30), ("size", 4))
SIZES = ("micro", "small", "medium", "large")
SORTS = ("relevance", "name", "-name", "newest")
TOP_MARKETS = 10  # shown at once; the others behind "more"


def _sort_labels() -> dict[str, str]:
    return {
        "relevance": _("Relevance"),
        "name": _("Name, A to Z"),
        "-name": _("Name, Z to A"),
        "newest": _("Newest members"),
    }


def _size_labels() -> dict[str, str]:
    return {
        "micro": _("Micro-enterprise"),
        "small": _("Small company"),
        "medium": _("Medium-sized company"),
        "large": _("Large company"),
    }


def catalogue_state(request: Request) -> dict[str, Any]:
    params = request.query_params
    q = (params.get("q") or "").strip()[:200]
    sort = params.get("sort") or ""
    state: dict[str, Any] = {
        "q": q,
        **{key: [v for v in params.getlist(key) if v][:limit] for key, limit in LIST_FILTERS},
        "labelled": params.get("labelled") in ("true", "1", "on"),
        "certified": params.get("certified") in ("true", "1", "on"),
        # "": the default, relevance with words, name without (relevance needs words to rank by).
        "sort": sort if sort in SORTS and sort not in ("relevance", "" if q else "name") else "",
        # "Search instead for" these very words: the value is the query it was chosen for, so
        # typing new words brings the typo correction back.
        "exact": bool(q) and (params.get("exact") or "").strip()[:200] == q,
        "page": int_param(params.get("page"), 1),
    }
    state["market"] = [v.upper() for v in state["market"]]
    state["size"] = [v for v in state["size"] if v in SIZES]
    return state


def _query(state: dict[str, Any], *, page: int = 1, exact: bool | None = None) -> list[tuple[str, str]]:
    query: list[tuple[str, str]] = []
    if state["q"]:
        query.append(("q", state["q"]))
    for key, _limit in LIST_FILTERS:
        query.extend((key, v) for v in state[key])
    for key in ("labelled", "certified"):
        if state[key]:
            query.append((key, "true"))
    if state["sort"]:
        query.append(("sort", state["sort"]))
    if (state["exact"] if exact is None else exact) and state["q"]:
        query.append(("exact", state["q"]))
    if page > 1:
        query.append(("page", str(page)))
    return query


def _url(query: list[tuple[str, str]]) -> str:
    return "/exporters" + (f"?{urlencode(query)}" if query else "")


def page_url(state: dict[str, Any], page: int) -> str:
    return _url(_query(state, page=page))


def without(state: dict[str, Any], key: str, value: str | None = None) -> str:
    """The URL of this search less one filter value (a chip's link); back to page 1."""
    changed = dict(state)
    if value is None:
        changed[key] = False
    else:
        changed[key] = [v for v in state[key] if v != value]
    return page_url(changed, 1)


def clear_all(state: dict[str, Any]) -> str:
    """The URL of this search with no filter (the words and the sort stay)."""
    cleared = {**state, "labelled": False, "certified": False, **{key: [] for key, _ in LIST_FILTERS}}
    return page_url(cleared, 1)


@router.get("/exporters")
async def catalogue(request: Request, gateway: Gateway, hx: HXRequest) -> Response:
    state = catalogue_state(request)
    api_params: dict[str, Any] = {
        "q": state["q"] or None,
        "region": state["region"],
        "sector": state["sector"],
        "market": state["market"],
        "size": state["size"],
        "labelled": True if state["labelled"] else None,
        "certified": True if state["certified"] else None,
        "sort": state["sort"] or None,
        "exact": True if state["exact"] else None,
        "page": state["page"],
        "per_page": PER_PAGE,
    }
    answer, regions, sectors = await gather(
        gateway.request("GET", "/api/registry/exporters", params=api_params),
        gateway.get_cached_list("/api/registry/regions", RegionPublic),
        gateway.get_cached_list("/api/registry/sectors", SectorPublic),
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


def _chips(
    state: dict[str, Any], regions: dict[str, str], sectors: dict[str, str], sizes: dict[str, str]
) -> list[tuple[str, str]]:
    """The filters in use, each with the URL that removes it: (label, URL)."""
    chips = []
    if state["labelled"]:
        chips.append((_("Made in Morocco label"), without(state, "labelled")))
    if state["certified"]:
        chips.append((_("Certified"), without(state, "certified")))
    names = {"region": regions, "sector": sectors, "size": sizes}
    for key, _limit in LIST_FILTERS:
        for value in state[key]:
            label = country_name(value) if key == "market" else names[key].get(value, value)
            chips.append((label, without(state, key, value)))
    return chips


def _results_context(
    state: dict[str, Any], result: ExporterPage, regions: list[RegionPublic], sectors: list[SectorPublic]
) -> dict[str, Any]:
    facets = result.facets
    total = result.total
    region_names = {r.code: localized(r.name) for r in regions}
    sector_names = {s.slug: localized(s.name) for s in sectors}
    sizes = _size_labels()
    market_counts = facets.get("market", {})
    # The ticked markets first, then the busiest; every market with a result is reachable.
    ranked = sorted(market_counts, key=lambda c: (c not in state["market"], -market_counts[c], c))
    ranked += [c for c in state["market"] if c not in market_counts]
    sorts = _sort_labels()
    default_sort = "relevance" if state["q"] else "name"
    return {
        "state": state,
        "result": result,
        "total": total,
        "pages": max(1, math.ceil(total / PER_PAGE)),
        "page_url": lambda p: page_url(state, p),
        "regions": regions,
        "sectors": sorted(sectors, key=lambda s: localized(s.name).casefold()),
        "has_facets": bool(facets),
        "region_counts": facets.get("region", {}),
        "sector_counts": facets.get("sector", {}),
        "market_counts": market_counts,
        "top_markets": ranked[:TOP_MARKETS],
        "more_markets": ranked[TOP_MARKETS:],
        "size_counts": facets.get("size", {}),
        "sizes": sizes,
        "certified_count": facets.get("certified", {}).get("true", 0),
        "label_counts": facets.get("label_status", {}),
        # The default first, as "": relevance with words, name without.
        "sorts": [("", sorts[default_sort])]
        + [(key, label) for key, label in sorts.items() if key not in (default_sort, "relevance")],
        "chips": _chips(state, region_names, sector_names, sizes),
        "clear_all": clear_all(state),
        "exact_url": _url(_query(state, exact=True)) if result.typo_corrected else None,
        "corrected_url": _url(_query(state, exact=False)) if state["exact"] else None,
    }


@cache
def _results_template() -> jinja2.Template:
    return templates.env.get_template("partials/catalogue_results.html")


# A few hundred rendered results, least recently used first out.
_results_cache: LRUCache[Hashable, Markup] = LRUCache(256)


async def profile_context(request: Request, gateway: GatewayClient, slug: str) -> dict[str, Any]:
    """What the profile page shows: the exporter, its products, each label with its product's
    name (when the product list could be read), and the page's JSON-LD."""
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
    labels = [(label, names.get(label.product_id)) for label in exporter.labels]
    jsonld = seo.organization_ld(request, exporter)
    return {"e": exporter, "products": items, "labels": labels, "jsonld": jsonld}


@router.get("/exporters/{slug}")
async def exporter_profile(slug: str, request: Request, gateway: Gateway) -> Response:
    return render(request, "pages/exporter.html", await profile_context(request, gateway, slug))


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
