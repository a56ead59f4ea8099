"""The exporter and product searches, shared: their query parameters and their answer.

A search request reads top to bottom: the route's dependency ``search_query`` parses and
checks the parameters into filters; ``search_response`` serves the cached answer of this
catalogue version or runs ``search.search`` and presents its hits (``catalogue.search_page``),
then stores the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response
from pydantic import WithJsonSchema
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import FieldError, UnprocessableContent
from services.common.pagination import PageParams
from services.registry import catalogue, search
from services.registry.deps import ReferenceDep
from services.registry.reference import REGIONS, SECTORS, Reference
from services.registry.schemas import COUNTRY_CODES, SizeBand
from services.registry.search_cache import SearchCache, request_key, today_in_morocco

LabelFilter = Literal["active", "suspended", "in_review", "withdrawn", "expired", "none"]


def _one_of(values: list[str]) -> Any:
    """The OpenAPI of a filter value: the fixed list the server checks it against (below and in
    search_query, which keeps its own 422s naming the field). An empty value
    (``market=``) is not "no filter": it is refused, and the list says so (the website leaves
    empty selects out of its queries)."""
    return WithJsonSchema({"type": "string", "enum": values})


RegionValue = Annotated[str, _one_of([code for code, *_ in REGIONS])]
SectorValue = Annotated[str, _one_of([slug for slug, *_ in SECTORS])]
# Markets are matched in either case (fr or FR), as the search has always done.
# A pattern, not an enum: "FR" and "fr" would be one name twice in a generated client's enum.
_MARKET_CODES = sorted(COUNTRY_CODES) + sorted(c.lower() for c in COUNTRY_CODES)
MarketValue = Annotated[
    str, WithJsonSchema({"type": "string", "pattern": "^(" + "|".join(_MARKET_CODES) + ")$"})
]
HsChapterValue = Annotated[str, WithJsonSchema({"type": "string", "pattern": "^[0-9]{2}$"})]
_MARKETS = frozenset(COUNTRY_CODES) | {c.lower() for c in COUNTRY_CODES}


@dataclass(frozen=True)
class SearchQuery:
    """A search request's text and filters, checked and resolved against the reference data."""

    q: str | None
    filters: search.Filters
    exact: bool = False


async def search_query(
    ref: ReferenceDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Full text: names, descriptions, products, city. Accents, case and "
            "Arabic letter forms are ignored; a word of two characters or more matches as a prefix, "
            "a one-character word only as a whole word; one typo is forgiven.",
        ),
    ] = None,
    region: Annotated[list[RegionValue] | None, Query(description="Region code(s), e.g. MA-06")] = None,
    sector: Annotated[list[SectorValue] | None, Query(description="Sector slug(s)")] = None,
    market: Annotated[
        list[MarketValue] | None, Query(description="Export market(s), ISO 3166-1 alpha-2 (FR or fr)")
    ] = None,
    size: Annotated[list[SizeBand] | None, Query(description="Size band(s)")] = None,
    hs_chapter: Annotated[list[HsChapterValue] | None, Query(description="HS chapter(s), two digits")] = None,
    label_status: Annotated[list[LabelFilter] | None, Query(description="Label status(es)")] = None,
    labelled: Annotated[bool | None, Query(description="Only (or no) holders of a live label")] = None,
    verified: Annotated[bool | None, Query(description="Only verified (or unverified) exporters")] = None,
    certified: Annotated[
        bool | None,
        Query(description="Only (or no) exporters holding a certification today (ISO 9001, IFS...)"),
    ] = None,
    exact: Annotated[
        bool,
        Query(description='Search for the words as typed: no typo fallback ("search instead for")'),
    ] = False,
) -> SearchQuery:
    """Parse the search parameters: every filter value is checked (a 422 names the field) and
    resolved (sector slugs to ids, markets to upper case)."""
    errors = []
    for code in market or []:
        if code not in _MARKETS:
            errors.append(
                FieldError(
                    field="market",
                    message=f"'{code}' is not an ISO 3166-1 alpha-2 code",
                    code="unknown-country",
                    params={"value": code},
                )
            )
    for chapter in hs_chapter or []:
        if not re.fullmatch(r"[0-9]{2}", chapter):  # ASCII digits only, as the pattern says
            errors.append(
                FieldError(
                    field="hs_chapter",
                    message=f"'{chapter}' is not a two-digit HS chapter",
                    code="hs-chapter-format",
                )
            )
    if errors:
        raise UnprocessableContent("Check these filters.", errors=errors)
    for code in region or []:
        if code not in ref.regions:
            errors.append(
                FieldError(
                    field="region",
                    message=f"unknown region '{code}'",
                    code="unknown-region",
                    params={"value": code},
                )
            )
    for slug in sector or []:
        if slug not in ref.sectors_by_slug:
            errors.append(
                FieldError(
                    field="sector",
                    message=f"unknown sector '{slug}'",
                    code="unknown-sector",
                    params={"value": slug},
                )
            )
    if errors:
        raise UnprocessableContent("Unknown filter values.", errors=errors)
    filters = search.Filters(
        regions=list(region or []),
        sector_ids=[ref.sectors_by_slug[slug].id or 0 for slug in sector or []],
        markets=[m.upper() for m in market or []],
        sizes=[str(s) for s in size or []],
        hs_chapters=list(hs_chapter or []),
        label_statuses=list(label_status or []),
        labelled=labelled,
        verified=verified,
        certified=certified,
    )
    return SearchQuery(q=q, filters=filters, exact=exact)


async def search_response(
    *,
    kind: Literal["exporter", "product"],
    session: AsyncSession,
    ref: Reference,
    cache: SearchCache,
    request: Request,
    query: SearchQuery,
    page: PageParams,
    sort: str | None,
) -> Response:
    """One search page as JSON, answered from the cache when this catalogue version already
    answered the same request (path, query string and day: all it depends on)."""
    today = today_in_morocco()
    version = await cache.version()  # before searching: see search_cache.py
    key = request_key(request.url.path, request.scope["query_string"], today)
    body: bytes | None = cache.get(key, version)
    if body is None:
        hits = await search.search(
            session=session,
            kind=kind,
            q=query.q,
            filters=query.filters,
            sort=sort,
            limit=page.per_page,
            offset=page.offset,
            today=today,
            memo=await cache.memo(version),
            exact=query.exact,
        )
        result = await catalogue.search_page(
            session=session, ref=ref, kind=kind, hits=hits, page=page, today=today, q=query.q
        )
        body = result.__pydantic_serializer__.to_json(result)
        cache.put(key, version, body)
    return Response(content=body, media_type="application/json")
