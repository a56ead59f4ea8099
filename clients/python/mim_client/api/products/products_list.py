from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_detail import ProblemDetail
from ...models.product_page import ProductPage
from ...models.products_list_label_status_type_0_item import (
    ProductsListLabelStatusType0Item,
)
from ...models.products_list_region_type_0_item import ProductsListRegionType0Item
from ...models.products_list_sector_type_0_item import ProductsListSectorType0Item
from ...models.products_list_sort_type_0 import ProductsListSortType0
from ...models.size_band import SizeBand
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: None | ProductsListSortType0 | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: list[ProductsListRegionType0Item] | None | Unset = UNSET,
    sector: list[ProductsListSectorType0Item] | None | Unset = UNSET,
    market: list[str] | None | Unset = UNSET,
    size: list[SizeBand] | None | Unset = UNSET,
    hs_chapter: list[str] | None | Unset = UNSET,
    label_status: list[ProductsListLabelStatusType0Item] | None | Unset = UNSET,
    labelled: bool | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    certified: bool | None | Unset = UNSET,
    exact: bool | Unset = False,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_sort: None | str | Unset
    if isinstance(sort, Unset):
        json_sort = UNSET
    elif isinstance(sort, ProductsListSortType0):
        json_sort = sort.value
    else:
        json_sort = sort
    params["sort"] = json_sort

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_region: list[str] | None | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    elif isinstance(region, list):
        json_region = []
        for region_type_0_item_data in region:
            region_type_0_item = region_type_0_item_data.value
            json_region.append(region_type_0_item)

    else:
        json_region = region
    params["region"] = json_region

    json_sector: list[str] | None | Unset
    if isinstance(sector, Unset):
        json_sector = UNSET
    elif isinstance(sector, list):
        json_sector = []
        for sector_type_0_item_data in sector:
            sector_type_0_item = sector_type_0_item_data.value
            json_sector.append(sector_type_0_item)

    else:
        json_sector = sector
    params["sector"] = json_sector

    json_market: list[str] | None | Unset
    if isinstance(market, Unset):
        json_market = UNSET
    elif isinstance(market, list):
        json_market = market

    else:
        json_market = market
    params["market"] = json_market

    json_size: list[str] | None | Unset
    if isinstance(size, Unset):
        json_size = UNSET
    elif isinstance(size, list):
        json_size = []
        for size_type_0_item_data in size:
            size_type_0_item = size_type_0_item_data.value
            json_size.append(size_type_0_item)

    else:
        json_size = size
    params["size"] = json_size

    json_hs_chapter: list[str] | None | Unset
    if isinstance(hs_chapter, Unset):
        json_hs_chapter = UNSET
    elif isinstance(hs_chapter, list):
        json_hs_chapter = hs_chapter

    else:
        json_hs_chapter = hs_chapter
    params["hs_chapter"] = json_hs_chapter

    json_label_status: list[str] | None | Unset
    if isinstance(label_status, Unset):
        json_label_status = UNSET
    elif isinstance(label_status, list):
        json_label_status = []
        for label_status_type_0_item_data in label_status:
            label_status_type_0_item = label_status_type_0_item_data.value
            json_label_status.append(label_status_type_0_item)

    else:
        json_label_status = label_status
    params["label_status"] = json_label_status

    json_labelled: bool | None | Unset
    if isinstance(labelled, Unset):
        json_labelled = UNSET
    else:
        json_labelled = labelled
    params["labelled"] = json_labelled

    json_verified: bool | None | Unset
    if isinstance(verified, Unset):
        json_verified = UNSET
    else:
        json_verified = verified
    params["verified"] = json_verified

    json_certified: bool | None | Unset
    if isinstance(certified, Unset):
        json_certified = UNSET
    else:
        json_certified = certified
    params["certified"] = json_certified

    params["exact"] = exact

    params["page"] = page

    params["per_page"] = per_page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/registry/products",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | ProductPage | None:
    if response.status_code == 200:
        response_200 = ProductPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetail.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ProblemDetail.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ProblemDetail.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ProblemDetail.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetail | ProductPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: None | ProductsListSortType0 | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: list[ProductsListRegionType0Item] | None | Unset = UNSET,
    sector: list[ProductsListSectorType0Item] | None | Unset = UNSET,
    market: list[str] | None | Unset = UNSET,
    size: list[SizeBand] | None | Unset = UNSET,
    hs_chapter: list[str] | None | Unset = UNSET,
    label_status: list[ProductsListLabelStatusType0Item] | None | Unset = UNSET,
    labelled: bool | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    certified: bool | None | Unset = UNSET,
    exact: bool | Unset = False,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> Response[ProblemDetail | ProductPage]:
    """Search products (full text, filters, facets)

     Public: no credential needed.

    Args:
        sort (None | ProductsListSortType0 | Unset):
        q (None | str | Unset): Full text: names, descriptions, products, city. Accents, case and
            Arabic letter forms are ignored; a word of two characters or more matches as a prefix, a
            one-character word only as a whole word; one typo is forgiven.
        region (list[ProductsListRegionType0Item] | None | Unset): Region code(s), e.g. MA-06
        sector (list[ProductsListSectorType0Item] | None | Unset): Sector slug(s)
        market (list[str] | None | Unset): Export market(s), ISO 3166-1 alpha-2 (FR or fr)
        size (list[SizeBand] | None | Unset): Size band(s)
        hs_chapter (list[str] | None | Unset): HS chapter(s), two digits
        label_status (list[ProductsListLabelStatusType0Item] | None | Unset): Label status(es)
        labelled (bool | None | Unset): Only (or no) holders of a live label
        verified (bool | None | Unset): Only verified (or unverified) exporters
        certified (bool | None | Unset): Only (or no) exporters holding a certification today (ISO
            9001, IFS...)
        exact (bool | Unset): Search for the words as typed: no typo fallback ("search instead
            for") Default: False.
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | ProductPage]
    """

    kwargs = _get_kwargs(
        sort=sort,
        q=q,
        region=region,
        sector=sector,
        market=market,
        size=size,
        hs_chapter=hs_chapter,
        label_status=label_status,
        labelled=labelled,
        verified=verified,
        certified=certified,
        exact=exact,
        page=page,
        per_page=per_page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    sort: None | ProductsListSortType0 | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: list[ProductsListRegionType0Item] | None | Unset = UNSET,
    sector: list[ProductsListSectorType0Item] | None | Unset = UNSET,
    market: list[str] | None | Unset = UNSET,
    size: list[SizeBand] | None | Unset = UNSET,
    hs_chapter: list[str] | None | Unset = UNSET,
    label_status: list[ProductsListLabelStatusType0Item] | None | Unset = UNSET,
    labelled: bool | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    certified: bool | None | Unset = UNSET,
    exact: bool | Unset = False,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> ProblemDetail | ProductPage | None:
    """Search products (full text, filters, facets)

     Public: no credential needed.

    Args:
        sort (None | ProductsListSortType0 | Unset):
        q (None | str | Unset): Full text: names, descriptions, products, city. Accents, case and
            Arabic letter forms are ignored; a word of two characters or more matches as a prefix, a
            one-character word only as a whole word; one typo is forgiven.
        region (list[ProductsListRegionType0Item] | None | Unset): Region code(s), e.g. MA-06
        sector (list[ProductsListSectorType0Item] | None | Unset): Sector slug(s)
        market (list[str] | None | Unset): Export market(s), ISO 3166-1 alpha-2 (FR or fr)
        size (list[SizeBand] | None | Unset): Size band(s)
        hs_chapter (list[str] | None | Unset): HS chapter(s), two digits
        label_status (list[ProductsListLabelStatusType0Item] | None | Unset): Label status(es)
        labelled (bool | None | Unset): Only (or no) holders of a live label
        verified (bool | None | Unset): Only verified (or unverified) exporters
        certified (bool | None | Unset): Only (or no) exporters holding a certification today (ISO
            9001, IFS...)
        exact (bool | Unset): Search for the words as typed: no typo fallback ("search instead
            for") Default: False.
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | ProductPage
    """

    return sync_detailed(
        client=client,
        sort=sort,
        q=q,
        region=region,
        sector=sector,
        market=market,
        size=size,
        hs_chapter=hs_chapter,
        label_status=label_status,
        labelled=labelled,
        verified=verified,
        certified=certified,
        exact=exact,
        page=page,
        per_page=per_page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    sort: None | ProductsListSortType0 | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: list[ProductsListRegionType0Item] | None | Unset = UNSET,
    sector: list[ProductsListSectorType0Item] | None | Unset = UNSET,
    market: list[str] | None | Unset = UNSET,
    size: list[SizeBand] | None | Unset = UNSET,
    hs_chapter: list[str] | None | Unset = UNSET,
    label_status: list[ProductsListLabelStatusType0Item] | None | Unset = UNSET,
    labelled: bool | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    certified: bool | None | Unset = UNSET,
    exact: bool | Unset = False,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> Response[ProblemDetail | ProductPage]:
    """Search products (full text, filters, facets)

     Public: no credential needed.

    Args:
        sort (None | ProductsListSortType0 | Unset):
        q (None | str | Unset): Full text: names, descriptions, products, city. Accents, case and
            Arabic letter forms are ignored; a word of two characters or more matches as a prefix, a
            one-character word only as a whole word; one typo is forgiven.
        region (list[ProductsListRegionType0Item] | None | Unset): Region code(s), e.g. MA-06
        sector (list[ProductsListSectorType0Item] | None | Unset): Sector slug(s)
        market (list[str] | None | Unset): Export market(s), ISO 3166-1 alpha-2 (FR or fr)
        size (list[SizeBand] | None | Unset): Size band(s)
        hs_chapter (list[str] | None | Unset): HS chapter(s), two digits
        label_status (list[ProductsListLabelStatusType0Item] | None | Unset): Label status(es)
        labelled (bool | None | Unset): Only (or no) holders of a live label
        verified (bool | None | Unset): Only verified (or unverified) exporters
        certified (bool | None | Unset): Only (or no) exporters holding a certification today (ISO
            9001, IFS...)
        exact (bool | Unset): Search for the words as typed: no typo fallback ("search instead
            for") Default: False.
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | ProductPage]
    """

    kwargs = _get_kwargs(
        sort=sort,
        q=q,
        region=region,
        sector=sector,
        market=market,
        size=size,
        hs_chapter=hs_chapter,
        label_status=label_status,
        labelled=labelled,
        verified=verified,
        certified=certified,
        exact=exact,
        page=page,
        per_page=per_page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    sort: None | ProductsListSortType0 | Unset = UNSET,
    q: None | str | Unset = UNSET,
    region: list[ProductsListRegionType0Item] | None | Unset = UNSET,
    sector: list[ProductsListSectorType0Item] | None | Unset = UNSET,
    market: list[str] | None | Unset = UNSET,
    size: list[SizeBand] | None | Unset = UNSET,
    hs_chapter: list[str] | None | Unset = UNSET,
    label_status: list[ProductsListLabelStatusType0Item] | None | Unset = UNSET,
    labelled: bool | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    certified: bool | None | Unset = UNSET,
    exact: bool | Unset = False,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> ProblemDetail | ProductPage | None:
    """Search products (full text, filters, facets)

     Public: no credential needed.

    Args:
        sort (None | ProductsListSortType0 | Unset):
        q (None | str | Unset): Full text: names, descriptions, products, city. Accents, case and
            Arabic letter forms are ignored; a word of two characters or more matches as a prefix, a
            one-character word only as a whole word; one typo is forgiven.
        region (list[ProductsListRegionType0Item] | None | Unset): Region code(s), e.g. MA-06
        sector (list[ProductsListSectorType0Item] | None | Unset): Sector slug(s)
        market (list[str] | None | Unset): Export market(s), ISO 3166-1 alpha-2 (FR or fr)
        size (list[SizeBand] | None | Unset): Size band(s)
        hs_chapter (list[str] | None | Unset): HS chapter(s), two digits
        label_status (list[ProductsListLabelStatusType0Item] | None | Unset): Label status(es)
        labelled (bool | None | Unset): Only (or no) holders of a live label
        verified (bool | None | Unset): Only verified (or unverified) exporters
        certified (bool | None | Unset): Only (or no) exporters holding a certification today (ISO
            9001, IFS...)
        exact (bool | Unset): Search for the words as typed: no typo fallback ("search instead
            for") Default: False.
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | ProductPage
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            q=q,
            region=region,
            sector=sector,
            market=market,
            size=size,
            hs_chapter=hs_chapter,
            label_status=label_status,
            labelled=labelled,
            verified=verified,
            certified=certified,
            exact=exact,
            page=page,
            per_page=per_page,
        )
    ).parsed
