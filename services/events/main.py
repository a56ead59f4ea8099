"""Events service: series, events, panels, speakers, RSVPs, check-in, calendars, e-mail outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from fastapi import FastAPI
from starlette.middleware import Middleware

from services.common.answer_cache import AnswerCache, AnswerCacheCollector, AnswerCacheMiddleware
from services.common.app import create_service_app
from services.common.changes import feed_router
from services.events import clock
from services.events.admissions import AdmissionDesk
from services.events.api import attendance, calendars, catalogue, door, guests, organisers, rsvps
from services.events.config import EventsSettings
from services.events.models import Change
from services.events.outbox import OutboxMetrics, RefreshOutboxMetrics
from services.events.registry_client import RegistryLookup

ANSWER_ROUTES = ("/events/{event_id}",)


def _now() -> datetime:
    return clock.now()  # looked up at each call: tests move the clock


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
    app.state.registry = RegistryLookup(settings)
    app.state.outbox_metrics = OutboxMetrics(app.state.metrics.registry)
    app.add_middleware(
        RefreshOutboxMetrics, metrics=app.state.outbox_metrics, sessionmaker=app.state.sessionmaker
    )
    # Whole anonymous event pages, per data version and until the page's next time boundary
    # (presenters.next_change): services/common/answer_cache.py. Innermost, like the registry's.
    answers = AnswerCache(
        app.state.engine,
        generation_table="fts_answer_generation",
        now=_now,
        max_entries=settings.answer_cache_entries,
        max_bytes=settings.answer_cache_bytes,
    )
    app.state.answer_cache = answers
    app.state.metrics.registry.register(AnswerCacheCollector(answers, "events"))
    app.user_middleware.append(Middleware(AnswerCacheMiddleware, cache=answers, routes=ANSWER_ROUTES))
    service_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app_: FastAPI) -> AsyncIterator[None]:
        async with service_lifespan(app_):
            yield
        answers.close()
        await app_.state.registry.aclose()

    app.router.lifespan_context = lifespan
    return app
