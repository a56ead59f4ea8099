"""Product endpoints: search and per-product reads and writes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request, Response, status

from services.common.auth import Principal, Role, require_roles
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES
from services.common.pagination import PageParams, page_params
from services.registry import catalogue
from services.registry.api.search_params import SearchQuery, search_query, search_response
from services.registry.deps import ReferenceDep, SearchCacheDep
from services.registry.schemas import ProductPage, ProductPublic, ProductUpdate

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["products"])

EditorPrincipal = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser, Role.exporter))]
ProductId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ProductSort = Literal["relevance", "name", "-name", "newest", "value_added"]


@router.get(
    "/products",
    operation_id="products.list",
    response_model=ProductPage,
    summary="Search products (full text, filters, facets)",
)
async def search_products(
    session: SessionDep,
    ref: ReferenceDep,
    cache: SearchCacheDep,
    request: Request,
    query: Annotated[SearchQuery, Depends(search_query)],
    page: Annotated[PageParams, Depends(page_params)],
    sort: ProductSort | None = None,
) -> Response:
    return await search_response(
        kind="product",
        session=session,
        ref=ref,
        cache=cache,
        request=request,
        query=query,
        page=page,
        sort=sort,
    )


@router.get("/products/{product_id}", operation_id="products.get", summary="One product")
async def get_product(session: SessionDep, product_id: ProductId) -> ProductPublic:
    product, exporter = await catalogue.get_product(session=session, product_id=product_id)
    return await catalogue.product_detail(
        session=session, product=product, exporter=exporter, today=catalogue.today_in_morocco()
    )


@router.patch(
    "/products/{product_id}",
    operation_id="products.update",
    summary="Update a product (organisers, or its exporter)",
)
async def update_product(
    session: SessionDep,
    ref: ReferenceDep,
    product_id: ProductId,
    body: ProductUpdate,
    principal: EditorPrincipal,
) -> ProductPublic:
    product, exporter = await catalogue.get_product(session=session, product_id=product_id)
    product = await catalogue.update_product(
        session=session, ref=ref, product=product, exporter=exporter, data=body, principal=principal
    )
    return await catalogue.product_detail(
        session=session, product=product, exporter=exporter, today=catalogue.today_in_morocco()
    )


@router.delete(
    "/products/{product_id}",
    operation_id="products.delete",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a product (organisers, or its exporter)",
)
async def delete_product(
    session: SessionDep, ref: ReferenceDep, product_id: ProductId, principal: EditorPrincipal
) -> None:
    product, exporter = await catalogue.get_product(session=session, product_id=product_id)
    await catalogue.delete_product(
        session=session, ref=ref, product=product, exporter=exporter, principal=principal
    )
