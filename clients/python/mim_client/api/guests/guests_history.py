from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.guest_change import GuestChange
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: int,
    *,
    rsvp_id: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_rsvp_id: int | None | Unset
    if isinstance(rsvp_id, Unset):
        json_rsvp_id = UNSET
    else:
        json_rsvp_id = rsvp_id
    params["rsvp_id"] = json_rsvp_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/events/events/{event_id}/guests/history".format(
            event_id=quote(str(event_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | list[GuestChange] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = GuestChange.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ProblemDetail | list[GuestChange]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: int,
    *,
    client: AuthenticatedClient,
    rsvp_id: int | None | Unset = UNSET,
) -> Response[ProblemDetail | list[GuestChange]]:
    """Who changed the guest list, when, and what (newest first)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        rsvp_id (int | None | Unset): Only this guest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[GuestChange]]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        rsvp_id=rsvp_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: int,
    *,
    client: AuthenticatedClient,
    rsvp_id: int | None | Unset = UNSET,
) -> ProblemDetail | list[GuestChange] | None:
    """Who changed the guest list, when, and what (newest first)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        rsvp_id (int | None | Unset): Only this guest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[GuestChange]
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
        rsvp_id=rsvp_id,
    ).parsed


async def asyncio_detailed(
    event_id: int,
    *,
    client: AuthenticatedClient,
    rsvp_id: int | None | Unset = UNSET,
) -> Response[ProblemDetail | list[GuestChange]]:
    """Who changed the guest list, when, and what (newest first)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        rsvp_id (int | None | Unset): Only this guest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[GuestChange]]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        rsvp_id=rsvp_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: int,
    *,
    client: AuthenticatedClient,
    rsvp_id: int | None | Unset = UNSET,
) -> ProblemDetail | list[GuestChange] | None:
    """Who changed the guest list, when, and what (newest first)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        rsvp_id (int | None | Unset): Only this guest

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[GuestChange]
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            rsvp_id=rsvp_id,
        )
    ).parsed
