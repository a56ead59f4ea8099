from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_status import EventStatus
from ...models.page_event_summary import PageEventSummary
from ...models.problem_detail import ProblemDetail
from ...models.when import When
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    series: None | str | Unset = UNSET,
    when: When | Unset = UNSET,
    region: None | str | Unset = UNSET,
    status: EventStatus | None | Unset = UNSET,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_series: None | str | Unset
    if isinstance(series, Unset):
        json_series = UNSET
    else:
        json_series = series
    params["series"] = json_series

    json_when: str | Unset = UNSET
    if not isinstance(when, Unset):
        json_when = when.value

    params["when"] = json_when

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, EventStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["page"] = page

    params["per_page"] = per_page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/events/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageEventSummary | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = PageEventSummary.from_dict(response.json())

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
) -> Response[PageEventSummary | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    series: None | str | Unset = UNSET,
    when: When | Unset = UNSET,
    region: None | str | Unset = UNSET,
    status: EventStatus | None | Unset = UNSET,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> Response[PageEventSummary | ProblemDetail]:
    """Events, upcoming first (soonest first), then past ones

     Public; a bearer token or an API key shows more.

    Args:
        series (None | str | Unset): Series slug
        when (When | Unset):
        region (None | str | Unset): Region code, e.g. MA-06
        status (EventStatus | None | Unset): Filter by status (drafts: organisers only)
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEventSummary | ProblemDetail]
    """

    kwargs = _get_kwargs(
        series=series,
        when=when,
        region=region,
        status=status,
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
    series: None | str | Unset = UNSET,
    when: When | Unset = UNSET,
    region: None | str | Unset = UNSET,
    status: EventStatus | None | Unset = UNSET,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> PageEventSummary | ProblemDetail | None:
    """Events, upcoming first (soonest first), then past ones

     Public; a bearer token or an API key shows more.

    Args:
        series (None | str | Unset): Series slug
        when (When | Unset):
        region (None | str | Unset): Region code, e.g. MA-06
        status (EventStatus | None | Unset): Filter by status (drafts: organisers only)
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEventSummary | ProblemDetail
    """

    return sync_detailed(
        client=client,
        series=series,
        when=when,
        region=region,
        status=status,
        page=page,
        per_page=per_page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    series: None | str | Unset = UNSET,
    when: When | Unset = UNSET,
    region: None | str | Unset = UNSET,
    status: EventStatus | None | Unset = UNSET,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> Response[PageEventSummary | ProblemDetail]:
    """Events, upcoming first (soonest first), then past ones

     Public; a bearer token or an API key shows more.

    Args:
        series (None | str | Unset): Series slug
        when (When | Unset):
        region (None | str | Unset): Region code, e.g. MA-06
        status (EventStatus | None | Unset): Filter by status (drafts: organisers only)
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageEventSummary | ProblemDetail]
    """

    kwargs = _get_kwargs(
        series=series,
        when=when,
        region=region,
        status=status,
        page=page,
        per_page=per_page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    series: None | str | Unset = UNSET,
    when: When | Unset = UNSET,
    region: None | str | Unset = UNSET,
    status: EventStatus | None | Unset = UNSET,
    page: int | Unset = 1,
    per_page: int | Unset = 20,
) -> PageEventSummary | ProblemDetail | None:
    """Events, upcoming first (soonest first), then past ones

     Public; a bearer token or an API key shows more.

    Args:
        series (None | str | Unset): Series slug
        when (When | Unset):
        region (None | str | Unset): Region code, e.g. MA-06
        status (EventStatus | None | Unset): Filter by status (drafts: organisers only)
        page (int | Unset): 1-based page number Default: 1.
        per_page (int | Unset): Items per page (at most 100) Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageEventSummary | ProblemDetail
    """

    return (
        await asyncio_detailed(
            client=client,
            series=series,
            when=when,
            region=region,
            status=status,
            page=page,
            per_page=per_page,
        )
    ).parsed
