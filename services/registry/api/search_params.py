"""Query parameters and the answer shared by the exporter and product searches."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Request, Response
from pydantic import BaseModel
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import FieldError, UnprocessableContent
from services.common.pagination import PageParams
from services.registry import catalogue
from services.registry.reference import Reference
from services.registry.schemas import COUNTRY_CODES, SizeBand
from services.registry.search_cache import SearchCache

LabelFilter = Literal["active", "suspended", "withdrawn", "expired", "none"]


class SearchParams(BaseModel):
    q: str | None
    region: list[str]
    sector: list[str]
    market: list[str]
    size: list[SizeBand]
    hs_chapter: list[str]
    label_status: list[LabelFilter]
    labelled: bool | None
    verified: bool | None


async def search_params(
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Full text: names, descriptions, products, city. Accents, case and "
            "Arabic letter forms are ignored; the last word matches as a prefix; one typo is forgiven.",
        ),
    ] = None,
    region: Annotated[list[str] | None, Query(description="Region code(s), e.g. MA-06")] = None,
    sector: Annotated[list[str] | None, Query(description="Sector slug(s)")] = None,
    market: Annotated[list[str] | None, Query(description="Export market(s), ISO 3166-1 alpha-2")] = None,
    size: Annotated[list[SizeBand] | None, Query(description="Size band(s)")] = None,
    hs_chapter: Annotated[list[str] | None, Query(description="HS chapter(s), two digits")] = None,
    label_status: Annotated[list[LabelFilter] | None, Query(description="Label status(es)")] = None,
    labelled: Annotated[bool | None, Query(description="Only (or no) holders of a live label")] = None,
    verified: Annotated[bool | None, Query(description="Only verified (or unverified) exporters")] = None,
) -> SearchParams:
    errors = []
    for code in market or []:
        if code.upper() not in COUNTRY_CODES:
            errors.append(FieldError(field="market", message=f"'{code}' is not an ISO 3166-1 alpha-2 code"))
    for chapter in hs_chapter or []:
        if not (len(chapter) == 2 and chapter.isdigit()):
            errors.append(
                FieldError(field="hs_chapter", message=f"'{chapter}' is not a two-digit HS chapter")
            )
    if errors:
        raise UnprocessableContent("Check these filters.", errors=errors)
    return SearchParams(
        q=q,
        region=region or [],
        sector=sector or [],
        market=market or [],
        size=size or [],
        hs_chapter=hs_chapter or [],
        label_status=label_status or [],
        labelled=labelled,
        verified=verified,
    )


async def search_response(
    *,
    kind: Literal["exporter", "product"],
    session: AsyncSession,
    ref: Reference,
    cache: SearchCache,
    request: Request,
    params: SearchParams,
    page: PageParams,
    sort: str | None,
) -> Response:
    """One search page as JSON bytes (cached per catalogue version by ``catalogue``)."""
    filters = catalogue.resolve_filters(
        ref,
        regions=params.region,
        sectors=params.sector,
        markets=params.market,
        sizes=[str(s) for s in params.size],
        hs_chapters=params.hs_chapter,
        label_statuses=list(params.label_status),
        labelled=params.labelled,
        verified=params.verified,
    )
    body = await catalogue.search_page_json(
        session=session,
        ref=ref,
        cache=cache,
        request_path=request.url.path,
        query_string=request.scope["query_string"],
        kind=kind,
        q=params.q,
        filters=filters,
        sort=sort,
        page=page.page,
        per_page=page.per_page,
    )
    return Response(content=body, media_type="application/json")
