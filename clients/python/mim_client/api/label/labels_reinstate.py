from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.label_verification import LabelVerification
from ...models.problem_detail import ProblemDetail
from ...models.transition_in import TransitionIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    certificate_number: str,
    *,
    body: None | TransitionIn | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/registry/labels/{certificate_number}/reinstate".format(
            certificate_number=quote(str(certificate_number), safe=""),
        ),
    }

    if isinstance(body, TransitionIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LabelVerification | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = LabelVerification.from_dict(response.json())

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
) -> Response[LabelVerification | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    certificate_number: str,
    *,
    client: AuthenticatedClient,
    body: None | TransitionIn | Unset = UNSET,
) -> Response[LabelVerification | ProblemDetail]:
    """Reinstate a suspended label (organisers)

     Needs a bearer token or an API key.

    Args:
        certificate_number (str):
        body (None | TransitionIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LabelVerification | ProblemDetail]
    """

    kwargs = _get_kwargs(
        certificate_number=certificate_number,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    certificate_number: str,
    *,
    client: AuthenticatedClient,
    body: None | TransitionIn | Unset = UNSET,
) -> LabelVerification | ProblemDetail | None:
    """Reinstate a suspended label (organisers)

     Needs a bearer token or an API key.

    Args:
        certificate_number (str):
        body (None | TransitionIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LabelVerification | ProblemDetail
    """

    return sync_detailed(
        certificate_number=certificate_number,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    certificate_number: str,
    *,
    client: AuthenticatedClient,
    body: None | TransitionIn | Unset = UNSET,
) -> Response[LabelVerification | ProblemDetail]:
    """Reinstate a suspended label (organisers)

     Needs a bearer token or an API key.

    Args:
        certificate_number (str):
        body (None | TransitionIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LabelVerification | ProblemDetail]
    """

    kwargs = _get_kwargs(
        certificate_number=certificate_number,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    certificate_number: str,
    *,
    client: AuthenticatedClient,
    body: None | TransitionIn | Unset = UNSET,
) -> LabelVerification | ProblemDetail | None:
    """Reinstate a suspended label (organisers)

     Needs a bearer token or an API key.

    Args:
        certificate_number (str):
        body (None | TransitionIn | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LabelVerification | ProblemDetail
    """

    return (
        await asyncio_detailed(
            certificate_number=certificate_number,
            client=client,
            body=body,
        )
    ).parsed
