"""Exporter endpoints: search, profiles, writes, and an exporter's products."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request, Response, status

from services.common.auth import OptionalPrincipal, Principal, Role, Staff, require_roles
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES
from services.common.pagination import PageParams, page_params
from services.common.vocabulary import SlugPath
from services.registry import catalogue, search
from services.registry.api.search_params import SearchQuery, search_query, search_response
from services.registry.deps import ReferenceDep, SearchCacheDep
from services.registry.schemas import (
    ExporterCreate,
    ExporterPage,
    ExporterPublic,
    ExporterUpdate,
    ProductPage,
    ProductPublic,
    ProductWrite,
)

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["exporters"])

EditorPrincipal = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser, Role.exporter))]
ANONYMOUS_OR_BEARER: dict[str, Any] = {"security": [{}]}  # appended to the bearer requirement
CONTACT_NOTE = (
    "The e-mail and phone are public only when the exporter publishes them (`show_contact`); the "
    "exporter's own token and organisers' see them always (such an answer is `private`)."
)
ExporterSort = Literal["relevance", "name", "-name", "newest", "oldest"]


@router.get(
    "/exporters",
    operation_id="exporters.search",
    response_model=ExporterPage,
    summary="Search the exporter catalogue (full text, filters, facets)",
)
async def search_exporters(
    session: SessionDep,
    ref: ReferenceDep,
    cache: SearchCacheDep,
    request: Request,
    query: Annotated[SearchQuery, Depends(search_query)],
    page: Annotated[PageParams, Depends(page_params)],
    sort: ExporterSort | None = None,
) -> Response:
    return await search_response(
        kind="exporter",
        session=session,
        ref=ref,
        cache=cache,
        request=request,
        query=query,
        page=page,
        sort=sort,
    )


@router.post(
    "/exporters",
    operation_id="exporters.create",
    status_code=status.HTTP_201_CREATED,
    summary="Create an exporter record (organisers)",
)
async def create_exporter(
    session: SessionDep, ref: ReferenceDep, body: ExporterCreate, principal: Staff, response: Response
) -> ExporterPublic:
    exporter = await catalogue.create_exporter(session=session, ref=ref, data=body, principal=principal)
    response.headers["Location"] = f"/exporters/{exporter.slug}"
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco(), principal=principal
    )


@router.get(
    "/exporters/by-id/{exporter_id}",
    operation_id="exporters.getById",
    summary="One exporter's public profile, by id",
    description=CONTACT_NOTE,
    openapi_extra=ANONYMOUS_OR_BEARER,
)
async def get_exporter_by_id(
    session: SessionDep,
    ref: ReferenceDep,
    exporter_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    principal: OptionalPrincipal,
) -> ExporterPublic:
    exporter = await catalogue.get_exporter(
        session=session, exporter_id=exporter_id, related=catalogue.PROFILE_RELATIONS
    )
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco(), principal=principal
    )


@router.get(
    "/exporters/{slug}",
    operation_id="exporters.get",
    summary="One exporter's public profile",
    description=CONTACT_NOTE,
    openapi_extra=ANONYMOUS_OR_BEARER,
)
async def get_exporter(
    session: SessionDep, ref: ReferenceDep, slug: SlugPath, principal: OptionalPrincipal
) -> ExporterPublic:
    exporter = await catalogue.get_exporter(session=session, slug=slug, related=catalogue.PROFILE_RELATIONS)
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco(), principal=principal
    )


@router.patch(
    "/exporters/{slug}",
    operation_id="exporters.update",
    summary="Update an exporter (organisers, or the exporter itself)",
)
async def update_exporter(
    session: SessionDep, ref: ReferenceDep, slug: SlugPath, body: ExporterUpdate, principal: EditorPrincipal
) -> ExporterPublic:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    exporter = await catalogue.update_exporter(
        session=session, ref=ref, exporter=exporter, data=body, principal=principal
    )
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco(), principal=principal
    )


@router.delete(
    "/exporters/{slug}",
    operation_id="exporters.delete",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an exporter (organisers)",
)
async def delete_exporter(session: SessionDep, slug: SlugPath, principal: Staff) -> None:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    await catalogue.delete_exporter(session=session, exporter=exporter, principal=principal)


@router.get(
    "/exporters/{slug}/products", operation_id="exporters.listProducts", summary="An exporter's products"
)
async def list_exporter_products(
    session: SessionDep,
    ref: ReferenceDep,
    slug: SlugPath,
    page: Annotated[PageParams, Depends(page_params)],
) -> ProductPage:
    exporter = await catalogue.get_exporter(session=session, slug=slug, related=())
    today = catalogue.today_in_morocco()
    hits = await search.search(
        session=session,
        kind="product",
        q=None,
        filters=search.Filters(exporter_id=exporter.id),
        sort="name",
        limit=page.per_page,
        offset=page.offset,
        today=today,
    )
    return await catalogue.product_page(session=session, ref=ref, hits=hits, page=page, today=today)


@router.post(
    "/exporters/{slug}/products",
    operation_id="products.create",
    status_code=status.HTTP_201_CREATED,
    summary="Add a product (organisers, or the exporter itself)",
)
async def create_product(
    session: SessionDep,
    ref: ReferenceDep,
    slug: SlugPath,
    body: ProductWrite,
    principal: EditorPrincipal,
    response: Response,
) -> ProductPublic:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    product = await catalogue.create_product(
        session=session, ref=ref, exporter=exporter, data=body, principal=principal
    )
    response.headers["Location"] = f"/products/{product.id}"
    return catalogue.product_public(product, exporter, catalogue.today_in_morocco())


__all__ = ["OptionalPrincipal", "router"]
