from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_detail import ProblemDetail
from ...models.webhook_delivery_public import WebhookDeliveryPublic
from ...models.webhooks_list_deliveries_status_type_0 import (
    WebhooksListDeliveriesStatusType0,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    endpoint_id: int | None | Unset = UNSET,
    status: None | Unset | WebhooksListDeliveriesStatusType0 = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_endpoint_id: int | None | Unset
    if isinstance(endpoint_id, Unset):
        json_endpoint_id = UNSET
    else:
        json_endpoint_id = endpoint_id
    params["endpoint_id"] = json_endpoint_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, WebhooksListDeliveriesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/webhooks/deliveries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | list[WebhookDeliveryPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = WebhookDeliveryPublic.from_dict(response_200_item_data)

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
) -> Response[ProblemDetail | list[WebhookDeliveryPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    endpoint_id: int | None | Unset = UNSET,
    status: None | Unset | WebhooksListDeliveriesStatusType0 = UNSET,
    limit: int | Unset = 50,
) -> Response[ProblemDetail | list[WebhookDeliveryPublic]]:
    """Recent deliveries, newest first (filter by endpoint and status, e.g. failed)

     Needs a bearer token or an API key.

    Args:
        endpoint_id (int | None | Unset):
        status (None | Unset | WebhooksListDeliveriesStatusType0):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[WebhookDeliveryPublic]]
    """

    kwargs = _get_kwargs(
        endpoint_id=endpoint_id,
        status=status,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    endpoint_id: int | None | Unset = UNSET,
    status: None | Unset | WebhooksListDeliveriesStatusType0 = UNSET,
    limit: int | Unset = 50,
) -> ProblemDetail | list[WebhookDeliveryPublic] | None:
    """Recent deliveries, newest first (filter by endpoint and status, e.g. failed)

     Needs a bearer token or an API key.

    Args:
        endpoint_id (int | None | Unset):
        status (None | Unset | WebhooksListDeliveriesStatusType0):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[WebhookDeliveryPublic]
    """

    return sync_detailed(
        client=client,
        endpoint_id=endpoint_id,
        status=status,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    endpoint_id: int | None | Unset = UNSET,
    status: None | Unset | WebhooksListDeliveriesStatusType0 = UNSET,
    limit: int | Unset = 50,
) -> Response[ProblemDetail | list[WebhookDeliveryPublic]]:
    """Recent deliveries, newest first (filter by endpoint and status, e.g. failed)

     Needs a bearer token or an API key.

    Args:
        endpoint_id (int | None | Unset):
        status (None | Unset | WebhooksListDeliveriesStatusType0):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[WebhookDeliveryPublic]]
    """

    kwargs = _get_kwargs(
        endpoint_id=endpoint_id,
        status=status,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    endpoint_id: int | None | Unset = UNSET,
    status: None | Unset | WebhooksListDeliveriesStatusType0 = UNSET,
    limit: int | Unset = 50,
) -> ProblemDetail | list[WebhookDeliveryPublic] | None:
    """Recent deliveries, newest first (filter by endpoint and status, e.g. failed)

     Needs a bearer token or an API key.

    Args:
        endpoint_id (int | None | Unset):
        status (None | Unset | WebhooksListDeliveriesStatusType0):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[WebhookDeliveryPublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            endpoint_id=endpoint_id,
            status=status,
            limit=limit,
        )
    ).parsed
