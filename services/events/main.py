"""Events service: series, events, panels, speakers, RSVPs, check-in, calendars, e-mail outbox."""

from __future__ import annotations

from fastapi import FastAPI, Request
from sqlalchemy.exc import IntegrityError
from starlette.responses import Response

from services.common.app import create_service_app
from services.common.errors import problem_response
from services.events.admissions import AdmissionDesk
from services.events.api import calendars, catalogue, organisers, rsvps
from services.events.config import EventsSettings


def create_app(settings: EventsSettings | None = None) -> FastAPI:
    settings = settings or EventsSettings()
    app = create_service_app(
        name="events",
        title="Made in Morocco — Events",
        description="The Club's Mornings and other events: series, programmes, RSVPs that never overbook, "
        "waitlists, check-in, calendar files and e-mail.",
        version="0.1.0",
        settings=settings,
        # Routes are matched in order: the guests' router first, for a burst of RSVPs (paths
        # do not overlap, so the order changes nothing else).
        routers=[rsvps.router, catalogue.router, organisers.router, calendars.router],
    )

    app.state.admissions = AdmissionDesk(app.state.sessionmaker, settings)

    @app.exception_handler(IntegrityError)
    async def _constraint(request: Request, exc: IntegrityError) -> Response:
        # Two writers raced for the same unique value (a slug...): the loser is told, nothing is written.
        return problem_response(
            status=409,
            detail="This change conflicts with data written at the same moment; nothing was changed. "
            "Reload and try again.",
            slug="conflict",
            instance=request.url.path,
        )

    return app
