"""Guests: RSVP, and the private manage link (show, cancel, erase, QR code, calendar)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from services.common.errors import PROBLEM_RESPONSES, Conflict
from services.events import calendar, qr, rsvp_service
from services.events.api.deps import EventId, ManageToken, SessionDep, SettingsDep
from services.events.config import EventsSettings
from services.events.models import Event, Rsvp, RsvpStatus
from services.events.presenters import rsvp_public
from services.events.registry_client import check_exporter
from services.events.schemas import RsvpCreate, RsvpPublic

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["rsvps"])


async def _public(session, rsvp: Rsvp) -> RsvpPublic:  # type: ignore[no-untyped-def]
    event = await session.get(Event, rsvp.event_id, populate_existing=True)
    position = await rsvp_service.waitlist_position(session=session, rsvp=rsvp)
    return rsvp_public(rsvp, event, position)


@router.post(
    "/events/{event_id}/rsvps",
    status_code=status.HTTP_201_CREATED,
    summary="RSVP to an event: confirmed while seats last, then waitlisted in arrival order",
    responses={200: {"model": RsvpPublic, "description": "This e-mail already has an RSVP: the same one"}},
)
async def create_rsvp(
    request: Request, event_id: EventId, data: RsvpCreate, response: Response
) -> RsvpPublic:
    # The registry is asked before any database lock is taken; the service opens its own
    # transaction once the guest's row is ready. Read straight from the app, not through a
    # dependency: this is the one route hit by hundreds at once, and each dependency costs.
    settings: EventsSettings = request.app.state.settings
    if data.exporter_id is not None:
        await check_exporter(settings, data.exporter_id, field="exporter_id")
    outcome = await rsvp_service.create_rsvp(
        desk=request.app.state.admissions,
        sessionmaker=request.app.state.sessionmaker,
        event_id=event_id,
        data=data,
        settings=settings,
    )
    if not outcome.created:
        response.status_code = status.HTTP_200_OK
    return rsvp_public(outcome.rsvp, outcome.event, outcome.waitlist_position)


@router.get("/rsvps/{token}", summary="The guest's RSVP, through the private manage link")
async def get_rsvp(session: SessionDep, token: ManageToken) -> RsvpPublic:
    return await _public(session, await rsvp_service.get_by_manage_token(session=session, token=token))


@router.post("/rsvps/{token}/cancel", summary="Cancel the RSVP; the seat goes to the first waitlisted guest")
async def cancel_rsvp(session: SessionDep, settings: SettingsDep, token: ManageToken) -> RsvpPublic:
    rsvp = await rsvp_service.cancel_rsvp(session=session, token=token, settings=settings)
    return await _public(session, rsvp)


@router.post("/rsvps/{token}/erase", summary="Erase the guest's personal data (cancels the RSVP first)")
async def erase_rsvp(session: SessionDep, settings: SettingsDep, token: ManageToken) -> RsvpPublic:
    rsvp = await rsvp_service.erase_rsvp(session=session, token=token, settings=settings)
    return await _public(session, rsvp)


async def _confirmed(session, token: str) -> Rsvp:  # type: ignore[no-untyped-def]
    rsvp = await rsvp_service.get_by_manage_token(session=session, token=token)
    if rsvp.status != RsvpStatus.confirmed.value:
        raise Conflict(
            f"This RSVP is {rsvp.status}: only a confirmed guest has a QR code.", slug="not-confirmed"
        )
    return rsvp


QR_RESPONSES = {200: {"content": {"image/svg+xml": {}, "image/png": {}}, "description": "QR code"}}


@router.get(
    "/rsvps/{token}/qr.svg", summary="QR code (SVG) carrying the check-in token", responses=QR_RESPONSES
)
async def qr_svg(session: SessionDep, token: ManageToken) -> Response:
    rsvp = await _confirmed(session, token)
    return Response(
        qr.svg(rsvp.checkin_token), media_type="image/svg+xml", headers={"Cache-Control": "private"}
    )


@router.get(
    "/rsvps/{token}/qr.png", summary="QR code (PNG) carrying the check-in token", responses=QR_RESPONSES
)
async def qr_png(session: SessionDep, token: ManageToken) -> Response:
    rsvp = await _confirmed(session, token)
    return Response(qr.png(rsvp.checkin_token), media_type="image/png", headers={"Cache-Control": "private"})


@router.get(
    "/rsvps/{token}/calendar.ics",
    summary="The event as an iCalendar file, for the guest",
    responses={200: {"content": {"text/calendar": {}}, "description": "iCalendar"}},
)
async def rsvp_calendar(session: SessionDep, token: ManageToken) -> Response:
    rsvp = await rsvp_service.get_by_manage_token(session=session, token=token)
    event = await session.get(Event, rsvp.event_id)
    assert event is not None
    return Response(calendar.event_ics(event), media_type="text/calendar; charset=utf-8")
