from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attendees_export_csv_dialect import AttendeesExportCsvDialect
from ...models.attendees_export_csv_lang_type_0 import AttendeesExportCsvLangType0
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: int,
    *,
    dialect: AttendeesExportCsvDialect | Unset = AttendeesExportCsvDialect.EXCEL,
    lang: AttendeesExportCsvLangType0 | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_dialect: str | Unset = UNSET
    if not isinstance(dialect, Unset):
        json_dialect = dialect.value

    params["dialect"] = json_dialect

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    elif isinstance(lang, AttendeesExportCsvLangType0):
        json_lang = lang.value
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/events/events/{event_id}/attendees.csv".format(
            event_id=quote(str(event_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.content)
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
) -> Response[ProblemDetail | str]:
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
    dialect: AttendeesExportCsvDialect | Unset = AttendeesExportCsvDialect.EXCEL,
    lang: AttendeesExportCsvLangType0 | None | Unset = UNSET,
) -> Response[ProblemDetail | str]:
    """Attendee list (CSV, times in Casablanca)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        dialect (AttendeesExportCsvDialect | Unset): `excel`: comma; `excel-fr`: semicolon (both
            UTF-8 with BOM, CRLF) Default: AttendeesExportCsvDialect.EXCEL.
        lang (AttendeesExportCsvLangType0 | None | Unset): Headers and statuses in this language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | str]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        dialect=dialect,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: int,
    *,
    client: AuthenticatedClient,
    dialect: AttendeesExportCsvDialect | Unset = AttendeesExportCsvDialect.EXCEL,
    lang: AttendeesExportCsvLangType0 | None | Unset = UNSET,
) -> ProblemDetail | str | None:
    """Attendee list (CSV, times in Casablanca)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        dialect (AttendeesExportCsvDialect | Unset): `excel`: comma; `excel-fr`: semicolon (both
            UTF-8 with BOM, CRLF) Default: AttendeesExportCsvDialect.EXCEL.
        lang (AttendeesExportCsvLangType0 | None | Unset): Headers and statuses in this language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | str
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
        dialect=dialect,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    event_id: int,
    *,
    client: AuthenticatedClient,
    dialect: AttendeesExportCsvDialect | Unset = AttendeesExportCsvDialect.EXCEL,
    lang: AttendeesExportCsvLangType0 | None | Unset = UNSET,
) -> Response[ProblemDetail | str]:
    """Attendee list (CSV, times in Casablanca)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        dialect (AttendeesExportCsvDialect | Unset): `excel`: comma; `excel-fr`: semicolon (both
            UTF-8 with BOM, CRLF) Default: AttendeesExportCsvDialect.EXCEL.
        lang (AttendeesExportCsvLangType0 | None | Unset): Headers and statuses in this language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | str]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        dialect=dialect,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: int,
    *,
    client: AuthenticatedClient,
    dialect: AttendeesExportCsvDialect | Unset = AttendeesExportCsvDialect.EXCEL,
    lang: AttendeesExportCsvLangType0 | None | Unset = UNSET,
) -> ProblemDetail | str | None:
    """Attendee list (CSV, times in Casablanca)

     Needs a bearer token or an API key.

    Args:
        event_id (int): Event id
        dialect (AttendeesExportCsvDialect | Unset): `excel`: comma; `excel-fr`: semicolon (both
            UTF-8 with BOM, CRLF) Default: AttendeesExportCsvDialect.EXCEL.
        lang (AttendeesExportCsvLangType0 | None | Unset): Headers and statuses in this language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | str
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            dialect=dialect,
            lang=lang,
        )
    ).parsed
