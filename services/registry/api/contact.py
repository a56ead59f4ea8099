"""Contact requests: a buyer writes to an exporter, or to several at once; the exporter reads them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, status

from services.common.auth import Principal, Role, require_roles
from services.common.client_ip import client_address
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES, Forbidden, ProblemDetail
from services.common.pagination import PageParams, page_params
from services.common.vocabulary import SlugPath
from services.registry import catalogue, contact
from services.registry.config import RegistrySettings
from services.registry.contact_schemas import (
    ContactAccepted,
    ContactConfirm,
    ContactConfirmed,
    ContactCreate,
    ContactReceivedPage,
    ContactRfqCreate,
)

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["contact"])

PUBLIC: dict[str, Any] = {"security": []}
PROBLEM_CONTENT: dict[str, Any] = {PROBLEM_MEDIA_TYPE: {}}
ReaderPrincipal = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser, Role.exporter))]


def _problem(description: str) -> dict[str, Any]:
    return {"model": ProblemDetail, "content": PROBLEM_CONTENT, "description": description}


ASK_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {
        "description": "Taken: the sender is e-mailed a link that sends the message (the same answer "
        "whatever the exporters hold, and for a filled honeypot)"
    },
    404: _problem("No exporter has this slug"),
    422: _problem("A field is refused (`unknown-exporter` on `exporters` for a slug not in the catalogue)"),
    429: _problem("`too-many-requests` from this client address or sender address (`Retry-After`)"),
}


def _settings(request: Request) -> RegistrySettings:
    settings: RegistrySettings = request.app.state.settings
    return settings


@router.post(
    "/exporters/{slug}/contact",
    operation_id="contactRequests.createForExporter",
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra=PUBLIC,
    summary="Write to one exporter: the sender confirms from their mailbox before it is sent",
    description="The exporter's address stays private: the message reaches it by e-mail once the sender "
    "has followed the link e-mailed to them (`POST /contact-requests/confirm`).",
    responses=ASK_RESPONSES,
)
async def contact_exporter(
    request: Request, session: SessionDep, slug: SlugPath, data: ContactCreate
) -> ContactAccepted:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    await contact.request_contact(
        session=session,
        settings=_settings(request),
        data=data,
        slugs=[exporter.slug],
        client=client_address(request),
    )
    return ContactAccepted()


@router.post(
    "/contact-requests",
    operation_id="contactRequests.create",
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra=PUBLIC,
    summary="Write one message to several exporters at once (a request for quotation)",
    description="Like `POST /exporters/{slug}/contact`, for 1 to 20 exporters: one confirmation, then one "
    "e-mail to each exporter.",
    responses=ASK_RESPONSES,
)
async def create_contact_request(
    request: Request, session: SessionDep, data: ContactRfqCreate
) -> ContactAccepted:
    await contact.request_contact(
        session=session,
        settings=_settings(request),
        data=data,
        slugs=data.exporters,
        client=client_address(request),
    )
    return ContactAccepted()


@router.post(
    "/contact-requests/confirm",
    operation_id="contactRequests.confirm",
    openapi_extra=PUBLIC,
    summary="Send a contact request, from the link e-mailed to its sender (idempotent)",
    responses={
        404: _problem("No request has this token"),
        410: _problem("`contact-expired`: the link was not followed in time; write again"),
    },
)
async def confirm_contact_request(
    request: Request, session: SessionDep, data: ContactConfirm
) -> ContactConfirmed:
    return await contact.confirm(session=session, settings=_settings(request), token=data.token)


@router.get(
    "/exporters/{slug}/contact-requests",
    operation_id="contactRequests.listReceived",
    summary="The requests an exporter received (its own account, or organisers)",
    responses={403: _problem("Not this exporter's account")},
)
async def list_received(
    session: SessionDep,
    slug: SlugPath,
    principal: ReaderPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
) -> ContactReceivedPage:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    if not (principal.is_staff or principal.owns_exporter(exporter.id or 0)):
        raise Forbidden("Only the exporter's own account and organisers read its requests.")
    return await contact.received(session=session, exporter=exporter, page=page)
