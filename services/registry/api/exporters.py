"""Exporter endpoints: search, profiles, writes, and an exporter's products."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request, Response, status

from services.common.auth import OptionalPrincipal, Principal, Role, require_roles
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES
from services.common.pagination import PageParams, page_params
from services.registry import catalogue
from services.registry.api.search_params import SearchParams, search_params, search_response
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

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SlugPath = Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)]
EditorPrincipal = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser, Role.exporter))]
StaffWriter = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser))]
ExporterSort = Literal["relevance", "name", "-name", "newest", "oldest"]


@router.get(
    "/exporters",
    response_model=ExporterPage,
    summary="Search the exporter catalogue (full text, filters, facets)",
)
async def search_exporters(
    session: SessionDep,
    ref: ReferenceDep,
    cache: SearchCacheDep,
    request: Request,
    params: Annotated[SearchParams, Depends(search_params)],
    page: Annotated[PageParams, Depends(page_params)],
    sort: ExporterSort | None = None,
) -> Response:
    return await search_response(
        kind="exporter",
        session=session,
        ref=ref,
        cache=cache,
        request=request,
        params=params,
        page=page,
        sort=sort,
    )


@router.post(
    "/exporters", status_code=status.HTTP_201_CREATED, summary="Create an exporter record (organisers)"
)
async def create_exporter(
    session: SessionDep, ref: ReferenceDep, body: ExporterCreate, principal: StaffWriter, response: Response
) -> ExporterPublic:
    exporter = await catalogue.create_exporter(session=session, ref=ref, data=body, principal=principal)
    response.headers["Location"] = f"/exporters/{exporter.slug}"
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco()
    )


@router.get("/exporters/by-id/{exporter_id}", summary="One exporter's public profile, by id")
async def get_exporter_by_id(
    session: SessionDep, ref: ReferenceDep, exporter_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> ExporterPublic:
    exporter = await catalogue.get_exporter(session=session, exporter_id=exporter_id)
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco()
    )


@router.get("/exporters/{slug}", summary="One exporter's public profile")
async def get_exporter(session: SessionDep, ref: ReferenceDep, slug: SlugPath) -> ExporterPublic:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco()
    )


@router.patch("/exporters/{slug}", summary="Update an exporter (organisers, or the exporter itself)")
async def update_exporter(
    session: SessionDep, ref: ReferenceDep, slug: SlugPath, body: ExporterUpdate, principal: EditorPrincipal
) -> ExporterPublic:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    exporter = await catalogue.update_exporter(
        session=session, ref=ref, exporter=exporter, data=body, principal=principal
    )
    return await catalogue.exporter_public(
        session=session, ref=ref, exporter=exporter, today=catalogue.today_in_morocco()
    )


@router.delete(
    "/exporters/{slug}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete an exporter (organisers)"
)
async def delete_exporter(session: SessionDep, slug: SlugPath, principal: StaffWriter) -> None:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    await catalogue.delete_exporter(session=session, exporter=exporter, principal=principal)


@router.get("/exporters/{slug}/products", summary="An exporter's products")
async def list_exporter_products(
    session: SessionDep,
    ref: ReferenceDep,
    slug: SlugPath,
    page: Annotated[PageParams, Depends(page_params)],
) -> ProductPage:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    filters = catalogue.resolve_filters(ref, exporter_id=exporter.id)
    items, hits = await catalogue.search_products(
        session=session,
        ref=ref,
        q=None,
        filters=filters,
        sort="name",
        limit=page.per_page,
        offset=page.offset,
    )
    return ProductPage(
        items=items, total=hits.total, page=page.page, per_page=page.per_page, facets=hits.facets
    )


@router.post(
    "/exporters/{slug}/products",
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
