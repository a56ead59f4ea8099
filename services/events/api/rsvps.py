"""Guests: RSVP (double opt-in), and the private manage link (confirm, show, cancel, erase, QR, calendar)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, BackgroundTasks, Request, Response, status
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import OptionalPrincipal, Principal
from services.common.client_ip import client_address
from services.common.db import release_erased_data
from services.common.errors import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES, FieldError, Forbidden, ProblemDetail
from services.events import calendar, qr, rsvp_service
from services.events.api.catalogue import ANONYMOUS_OR_BEARER
from services.events.api.deps import EventId, ManageToken, SessionDep, SettingsDep
from services.events.models import Event, Rsvp
from services.events.presenters import has_entry_pass, rsvp_public
from services.events.rsvp_service import Gone
from services.events.schemas import RsvpAccepted, RsvpCreate, RsvpPublic

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["rsvps"])
# An operation's own `responses` replace the router's: each problem states its media type again.
PROBLEM_CONTENT: dict[str, Any] = {PROBLEM_MEDIA_TYPE: {}}


async def _public(session: AsyncSession, rsvp: Rsvp) -> RsvpPublic:
    event = await session.get(Event, rsvp.event_id, populate_existing=True)
    assert event is not None  # an RSVP goes with its event (ON DELETE CASCADE)
    position = await rsvp_service.waitlist_position(session=session, rsvp=rsvp)
    return rsvp_public(rsvp, event, position)


def _check_exporter_claim(principal: Principal | None, exporter_id: int | None) -> None:
    """A guest cannot speak for a company that is not theirs: only its own account's token can."""
    if exporter_id is None:
        return
    if principal is None or not principal.owns_exporter(exporter_id):
        raise Forbidden(
            "exporter_id can only be given with the token of that exporter's own account.",
            slug="exporter-not-yours",
            errors=[
                FieldError(
                    field="exporter_id",
                    message="not your exporter",
                    type="exporter-not-yours",
                    code="exporter-not-yours",
                )
            ],
        )


RSVP_REQUEST_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {"description": "Taken (new or known e-mail alike): the guest is e-mailed a link to confirm"},
    403: {
        "model": ProblemDetail,
        "content": PROBLEM_CONTENT,
        "description": "`exporter-not-yours`: exporter_id without its own token",
    },
    409: {
        "model": ProblemDetail,
        "content": PROBLEM_CONTENT,
        "description": "`event-cancelled`, `event-past`, `event-not-published`, "
        "`rsvp-not-open` (`params.opens_at`) or `rsvp-closed`",
    },
    429: {
        "model": ProblemDetail,
        "content": PROBLEM_CONTENT,
        "description": "`too-many-requests` from this client address, or `too-many-pending` for the event",
    },
}


@router.post(
    "/events/{event_id}/rsvps",
    operation_id="rsvps.create",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RsvpAccepted,
    # Anyone may ask; an exporter's own token is needed only to name its exporter_id.
    openapi_extra=ANONYMOUS_OR_BEARER,
    summary="Ask for a seat: the guest confirms from their mailbox (double opt-in)",
    description="The answer is the same whether the e-mail is new or already has an RSVP for the event, "
    "and carries nothing of the RSVP. A new e-mail gets a pending RSVP (no seat held) and a message "
    "with the link that confirms it; a known one is sent its manage link again (at most once per "
    "address and window). The confirmed guest takes a seat, or the waitlist, when they confirm "
    "(`POST /rsvps/{token}/confirm`).",
    responses=RSVP_REQUEST_RESPONSES,
)
async def create_rsvp(
    request: Request, event_id: EventId, data: RsvpCreate, principal: OptionalPrincipal
) -> RsvpAccepted:
    # The registry is asked before any database lock is taken; the service opens its own
    # transaction once the guest's row is ready. The registry's client read straight from the
    # app: this is the one route hit by hundreds at once, and each dependency costs.
    _check_exporter_claim(principal, data.exporter_id)
    if data.exporter_id is not None:
        await request.app.state.registry.check_exporter(data.exporter_id, field="exporter_id")
    await rsvp_service.request_rsvp(
        desk=request.app.state.admissions,
        event_id=event_id,
        data=data,
        client=client_address(request),
    )
    return RsvpAccepted(event_id=event_id)


@router.post(
    "/rsvps/{token}/confirm",
    operation_id="rsvps.confirm",
    summary="Confirm a pending RSVP from the guest's mailbox: a seat if one is free, else the waitlist",
    responses={
        409: {
            "model": ProblemDetail,
            "content": PROBLEM_CONTENT,
            "description": "RSVPs are closed for the event",
        },
        410: {
            "model": ProblemDetail,
            "content": PROBLEM_CONTENT,
            "description": "`confirmation-expired`: RSVP again",
        },
    },
)
async def confirm_rsvp(request: Request, token: ManageToken) -> RsvpPublic:
    # No transaction of its own: confirms arriving together are written in one batch, and the
    # answer is sent once it is committed (services/events/confirmations.py).
    confirmation = await request.app.state.admissions.confirmations.confirm(token)
    return confirmation.public()


@router.get(
    "/rsvps/{token}", operation_id="rsvps.get", summary="The guest's RSVP, through the private manage link"
)
async def get_rsvp(session: SessionDep, token: ManageToken) -> RsvpPublic:
    return await _public(session, await rsvp_service.get_by_manage_token(session=session, token=token))


@router.post(
    "/rsvps/{token}/cancel",
    operation_id="rsvps.cancel",
    summary="Cancel the RSVP; the seat goes to the first waitlisted guest",
)
async def cancel_rsvp(session: SessionDep, settings: SettingsDep, token: ManageToken) -> RsvpPublic:
    rsvp = await rsvp_service.cancel_rsvp(session=session, token=token, settings=settings)
    return await _public(session, rsvp)


@router.post(
    "/rsvps/{token}/erase",
    operation_id="rsvps.erase",
    summary="Erase the guest's personal data (cancels the RSVP first)",
)
async def erase_rsvp(
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    settings: SettingsDep,
    token: ManageToken,
) -> RsvpPublic:
    rsvp = await rsvp_service.erase_rsvp(session=session, token=token, settings=settings)
    # After the commit: old copies of the erased rows leave the database files too.
    background.add_task(release_erased_data, request.app.state.engine, tables=rsvp_service.ERASED_TABLES)
    return await _public(session, rsvp)


async def _confirmed(session: AsyncSession, token: str) -> Rsvp:
    """The RSVP if it holds an entry pass; else 410: erased, cancelled, or the event is not on."""
    rsvp = await rsvp_service.get_by_manage_token(session=session, token=token)
    event = await session.get(Event, rsvp.event_id, populate_existing=True)
    assert event is not None
    if not has_entry_pass(rsvp, event):
        raise Gone(
            "No entry pass: the RSVP is not confirmed, is erased, or the event is cancelled or over.",
            slug="no-entry-pass",
        )
    return rsvp


QR_GONE: dict[int | str, dict[str, Any]] = {
    410: {
        "model": ProblemDetail,
        "content": PROBLEM_CONTENT,
        "description": "`no-entry-pass`: erased, not confirmed, event cancelled or over",
    },
}
QR_SVG_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/svg+xml": {}}, "description": "QR code (SVG)"},
    **QR_GONE,
}
QR_PNG_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/png": {}}, "description": "QR code (PNG)"},
    **QR_GONE,
}


@router.get(
    "/rsvps/{token}/qr.svg",
    operation_id="rsvps.qrSvg",
    summary="QR code (SVG) carrying the check-in token",
    responses=QR_SVG_RESPONSES,
)
async def qr_svg(session: SessionDep, token: ManageToken) -> Response:
    rsvp = await _confirmed(session, token)
    return Response(
        qr.svg(rsvp.checkin_token), media_type="image/svg+xml", headers={"Cache-Control": "private"}
    )


@router.get(
    "/rsvps/{token}/qr.png",
    operation_id="rsvps.qrPng",
    summary="QR code (PNG) carrying the check-in token",
    responses=QR_PNG_RESPONSES,
)
async def qr_png(session: SessionDep, token: ManageToken) -> Response:
    rsvp = await _confirmed(session, token)
    return Response(qr.png(rsvp.checkin_token), media_type="image/png", headers={"Cache-Control": "private"})


@router.get(
    "/rsvps/{token}/calendar.ics",
    operation_id="rsvps.calendar",
    summary="The event as an iCalendar file, for the guest",
    responses={200: {"content": {"text/calendar": {}}, "description": "iCalendar"}},
)
async def rsvp_calendar(session: SessionDep, settings: SettingsDep, token: ManageToken) -> Response:
    rsvp = await rsvp_service.get_by_manage_token(session=session, token=token)
    event = await session.get(Event, rsvp.event_id)
    assert event is not None
    return Response(calendar.event_ics(event, settings=settings), media_type="text/calendar; charset=utf-8")
