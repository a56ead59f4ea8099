"""Events service: series, events, panels, speakers, RSVPs, check-in, calendars, e-mail outbox."""

from __future__ import annotations

from fastapi import FastAPI

from services.common.app import create_service_app
from services.common.changes import feed_router
from services.events.admissions import AdmissionDesk
from services.events.api import attendance, calendars, catalogue, door, guests, organisers, rsvps
from services.events.config import EventsSettings
from services.events.models import Change
from services.events.outbox import OutboxMetrics, RefreshOutboxMetrics


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
        routers=[
            rsvps.router,
            catalogue.router,
            organisers.router,
            door.router,
            guests.router,
            attendance.router,
            calendars.router,
            feed_router(Change),
        ],
    )

    app.state.admissions = AdmissionDesk(app.state.sessionmaker, settings)
    app.state.outbox_metrics = OutboxMetrics(app.state.metrics.registry)
    app.add_middleware(
        RefreshOutboxMetrics, metrics=app.state.outbox_metrics, sessionmaker=app.state.sessionmaker
    )
    return app
