"""Events service: series, events, panels, speakers, RSVPs, check-in, calendars, e-mail outbox."""

from __future__ import annotations

from fastapi import FastAPI

from services.common.app import create_service_app
from services.events.api import calendars, catalogue, organisers, rsvps
from services.events.config import EventsSettings


def create_app(settings: EventsSettings | None = None) -> FastAPI:
    settings = settings or EventsSettings()
    return create_service_app(
        name="events",
        title="Made in Morocco — Events",
        description="The Club's Mornings and other events: series, programmes, RSVPs that never overbook, "
        "waitlists, check-in, calendar files and e-mail.",
        version="0.1.0",
        settings=settings,
        routers=[catalogue.router, organisers.router, rsvps.router, calendars.router],
    )
