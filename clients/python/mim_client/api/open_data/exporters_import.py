from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_job_public import ImportJobPublic
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: str,
    only_valid_rows: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["only_valid_rows"] = only_valid_rows

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/registry/exporters/import",
        "params": params,
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportJobPublic | ProblemDetail | None:
    if response.status_code == 202:
        response_202 = ImportJobPublic.from_dict(response.json())

        return response_202

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
) -> Response[ImportJobPublic | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: str,
    only_valid_rows: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ImportJobPublic | ProblemDetail]:
    """Import exporters from CSV (organisers): answers 202 with a job to poll

     The file is checked at once (encoding, CSV syntax, header, cell sizes: a 422 names the line and
    column); its rows are then validated and written by a background job, all of them or none (unless
    only_valid_rows=true). Poll the job at the `Location` address (`GET /imports/{job_id}`) until its
    status is `succeeded` or `failed`. With the same `Idempotency-Key`, a retry gets the same job back
    (202), and nothing is imported twice.

    Needs a bearer token or an API key.

    Args:
        only_valid_rows (bool | Unset): Write the valid rows even if others fail Default: False.
        idempotency_key (None | str | Unset): Any unique string (a UUID): sending the same request
            again with the same key returns the same job instead of importing twice; the same key with
            a different file or options is a 422 (code idempotency-key-reused).
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportJobPublic | ProblemDetail]
    """

    kwargs = _get_kwargs(
        body=body,
        only_valid_rows=only_valid_rows,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: str,
    only_valid_rows: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> ImportJobPublic | ProblemDetail | None:
    """Import exporters from CSV (organisers): answers 202 with a job to poll

     The file is checked at once (encoding, CSV syntax, header, cell sizes: a 422 names the line and
    column); its rows are then validated and written by a background job, all of them or none (unless
    only_valid_rows=true). Poll the job at the `Location` address (`GET /imports/{job_id}`) until its
    status is `succeeded` or `failed`. With the same `Idempotency-Key`, a retry gets the same job back
    (202), and nothing is imported twice.

    Needs a bearer token or an API key.

    Args:
        only_valid_rows (bool | Unset): Write the valid rows even if others fail Default: False.
        idempotency_key (None | str | Unset): Any unique string (a UUID): sending the same request
            again with the same key returns the same job instead of importing twice; the same key with
            a different file or options is a 422 (code idempotency-key-reused).
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportJobPublic | ProblemDetail
    """

    return sync_detailed(
        client=client,
        body=body,
        only_valid_rows=only_valid_rows,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: str,
    only_valid_rows: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ImportJobPublic | ProblemDetail]:
    """Import exporters from CSV (organisers): answers 202 with a job to poll

     The file is checked at once (encoding, CSV syntax, header, cell sizes: a 422 names the line and
    column); its rows are then validated and written by a background job, all of them or none (unless
    only_valid_rows=true). Poll the job at the `Location` address (`GET /imports/{job_id}`) until its
    status is `succeeded` or `failed`. With the same `Idempotency-Key`, a retry gets the same job back
    (202), and nothing is imported twice.

    Needs a bearer token or an API key.

    Args:
        only_valid_rows (bool | Unset): Write the valid rows even if others fail Default: False.
        idempotency_key (None | str | Unset): Any unique string (a UUID): sending the same request
            again with the same key returns the same job instead of importing twice; the same key with
            a different file or options is a 422 (code idempotency-key-reused).
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportJobPublic | ProblemDetail]
    """

    kwargs = _get_kwargs(
        body=body,
        only_valid_rows=only_valid_rows,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: str,
    only_valid_rows: bool | Unset = False,
    idempotency_key: None | str | Unset = UNSET,
) -> ImportJobPublic | ProblemDetail | None:
    """Import exporters from CSV (organisers): answers 202 with a job to poll

     The file is checked at once (encoding, CSV syntax, header, cell sizes: a 422 names the line and
    column); its rows are then validated and written by a background job, all of them or none (unless
    only_valid_rows=true). Poll the job at the `Location` address (`GET /imports/{job_id}`) until its
    status is `succeeded` or `failed`. With the same `Idempotency-Key`, a retry gets the same job back
    (202), and nothing is imported twice.

    Needs a bearer token or an API key.

    Args:
        only_valid_rows (bool | Unset): Write the valid rows even if others fail Default: False.
        idempotency_key (None | str | Unset): Any unique string (a UUID): sending the same request
            again with the same key returns the same job instead of importing twice; the same key with
            a different file or options is a 422 (code idempotency-key-reused).
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportJobPublic | ProblemDetail
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            only_valid_rows=only_valid_rows,
            idempotency_key=idempotency_key,
        )
    ).parsed
