from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exporter_public import ExporterPublic
from ...models.problem_detail import ProblemDetail
from ...types import Response


def _get_kwargs(
    exporter_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/registry/exporters/by-id/{exporter_id}".format(
            exporter_id=quote(str(exporter_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExporterPublic | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = ExporterPublic.from_dict(response.json())

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
) -> Response[ExporterPublic | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    exporter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ExporterPublic | ProblemDetail]:
    """One exporter's public profile, by id

     The e-mail and phone are public only when the exporter publishes them (`show_contact`); the
    exporter's own token and organisers' see them always (such an answer is `private`).

    Public; a bearer token or an API key shows more.

    Args:
        exporter_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExporterPublic | ProblemDetail]
    """

    kwargs = _get_kwargs(
        exporter_id=exporter_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    exporter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> ExporterPublic | ProblemDetail | None:
    """One exporter's public profile, by id

     The e-mail and phone are public only when the exporter publishes them (`show_contact`); the
    exporter's own token and organisers' see them always (such an answer is `private`).

    Public; a bearer token or an API key shows more.

    Args:
        exporter_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExporterPublic | ProblemDetail
    """

    return sync_detailed(
        exporter_id=exporter_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    exporter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ExporterPublic | ProblemDetail]:
    """One exporter's public profile, by id

     The e-mail and phone are public only when the exporter publishes them (`show_contact`); the
    exporter's own token and organisers' see them always (such an answer is `private`).

    Public; a bearer token or an API key shows more.

    Args:
        exporter_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExporterPublic | ProblemDetail]
    """

    kwargs = _get_kwargs(
        exporter_id=exporter_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    exporter_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> ExporterPublic | ProblemDetail | None:
    """One exporter's public profile, by id

     The e-mail and phone are public only when the exporter publishes them (`show_contact`); the
    exporter's own token and organisers' see them always (such an answer is `private`).

    Public; a bearer token or an API key shows more.

    Args:
        exporter_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExporterPublic | ProblemDetail
    """

    return (
        await asyncio_detailed(
            exporter_id=exporter_id,
            client=client,
        )
    ).parsed
