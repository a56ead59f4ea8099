"""Registry service: exporters, products, sectors, regions and the label."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI
from prometheus_client.core import CounterMetricFamily
from sqlalchemy import Engine, event
from starlette.middleware import Middleware

from services.common import outbox as common_outbox
from services.common.answer_cache import AnswerCache, AnswerCacheCollector, AnswerCacheMiddleware
from services.common.app import create_service_app
from services.common.changes import feed_router
from services.common.db import transaction
from services.common.storage import LocalDiskStorage
from services.registry import catalogue as catalogue_rules
from services.registry.api import catalogue, contact, exporters, labels, media, open_data, products
from services.registry.config import RegistrySettings
from services.registry.contact import forget_unconfirmed, registry_outbox
from services.registry.expiry import run_expiry
from services.registry.jobs import JobRunner
from services.registry.jobs import recover as recover_jobs
from services.registry.models import Change, ContactOutbox
from services.registry.search_cache import SearchCache, SearchCacheMiddleware

SEARCH_PATHS = ("/exporters", "/products")
# Whole anonymous answers kept per data version and Morocco date (services/common/answer_cache.py):
# what they show changes with a write or with the date (labels and certifications expire by day).
ANSWER_ROUTES = (
    "/exporters/{slug}",
    "/exporters/by-id/{exporter_id}",
    "/exporters/{slug}/products",
    "/products/{product_id}",
)
logger = logging.getLogger("mim.registry")


class SearchCacheCollector:
    """/metrics: search requests answered from the answer cache (hit) or by a search (miss)."""

    def __init__(self, cache: SearchCache) -> None:
        self._cache = cache

    def collect(self) -> Iterator[CounterMetricFamily]:
        family = CounterMetricFamily(
            "registry_search_cache_requests",
            "Search requests (GET /exporters, /products): answered from the cache (hit) or searched (miss)",
            labels=["outcome"],
        )
        family.add_metric(["hit"], self._cache.request_hits)
        family.add_metric(["miss"], self._cache.request_misses)
        yield family


def _today() -> date:
    return catalogue_rules.today_in_morocco()  # looked up at each call: tests move the date


def _set_sqlite_cache(engine: Engine, mib: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA cache_size=-{int(mib) * 1024}")
        cursor.close()


@dataclass
class _Mailer:
    stop: asyncio.Event
    task: asyncio.Task[None]


def _start_outbox_worker(app: FastAPI, settings: RegistrySettings) -> _Mailer | None:
    """The registry's e-mails (contact requests) are sent by its API processes: claims keep each
    message to one sender across workers and replicas (services/common/outbox.py)."""
    if not settings.outbox_worker:
        return None
    stop = asyncio.Event()
    next_forget = 0.0

    async def forget() -> None:
        nonlocal next_forget
        clock = asyncio.get_running_loop().time()
        if clock < next_forget:
            return
        next_forget = clock + 600
        try:
            async with transaction(app.state.sessionmaker, write=True) as session:
                await forget_unconfirmed(session=session, settings=settings)
        except Exception:
            logger.exception("unconfirmed contact requests not forgotten; trying again later")

    async def work() -> None:
        try:
            with common_outbox.mail_target(settings, "REGISTRY_SMTP_HOST") as sender:
                await common_outbox.poll(
                    registry_outbox(settings),
                    sessionmaker=app.state.sessionmaker,
                    sender=sender,
                    stop=stop,
                    before_batch=forget,
                )
        except Exception:  # the API goes on; the messages wait in the outbox for a worker
            logger.exception("ALERT the registry's outbox worker stopped", extra={"alert": "outbox_worker"})

    return _Mailer(stop=stop, task=asyncio.create_task(work()))


def create_app(settings: RegistrySettings | None = None) -> FastAPI:
    settings = settings or RegistrySettings()
    app = create_service_app(
        name="registry",
        title="Made in Morocco — Registry",
        description="The exporter catalogue: companies, products, sectors, regions, export markets and the "
        "“Made in Morocco” label.",
        version="0.2.0",
        settings=settings,
        routers=[
            catalogue.router,
            open_data.router,
            exporters.router,
            products.router,
            labels.router,
            contact.router,
            media.router,
            feed_router(Change),
        ],
    )
    if app.state.engine.dialect.name == "sqlite" and settings.sqlite_cache_mib > 0:
        _set_sqlite_cache(app.state.engine.sync_engine, settings.sqlite_cache_mib)
    cache = SearchCache(
        app.state.engine,
        max_entries=settings.search_cache_entries,
        max_bytes=settings.search_cache_bytes,
    )
    app.state.search_cache = cache
    answers = AnswerCache(
        app.state.engine,
        generation_table="fts_answer_generation",
        now=lambda: datetime.now(UTC),
        max_entries=settings.answer_cache_entries,
        max_bytes=settings.answer_cache_bytes,
    )
    app.state.answer_cache = answers
    app.state.metrics.registry.register(AnswerCacheCollector(answers, "registry"))
    app.state.media_storage = LocalDiskStorage(settings.media_root)
    app.state.metrics.registry.register(SearchCacheCollector(cache))
    app.state.label_keys = settings.label_key_ring()  # signs label QR statements (statements.py)
    app.state.outbox_metrics = common_outbox.OutboxMetrics(app.state.metrics.registry, ContactOutbox)
    app.add_middleware(
        common_outbox.RefreshOutboxMetrics,
        metrics=app.state.outbox_metrics,
        sessionmaker=app.state.sessionmaker,
    )
    runner = JobRunner(sessionmaker=app.state.sessionmaker)
    app.state.import_jobs = runner
    # Innermost: a cached search is still logged, counted and tagged by RequestContextMiddleware.
    app.user_middleware.append(
        Middleware(
            SearchCacheMiddleware, cache=cache, paths=SEARCH_PATHS, concurrency=settings.search_concurrency
        )
    )
    app.user_middleware.append(
        Middleware(AnswerCacheMiddleware, cache=answers, routes=ANSWER_ROUTES, key_extra=_today)
    )
    service_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app_: FastAPI) -> AsyncIterator[None]:
        async with service_lifespan(app_):
            await recover_jobs(runner)
            expiry = None
            if settings.label_expiry_interval_seconds > 0:
                expiry = asyncio.create_task(
                    run_expiry(app_.state.sessionmaker, settings.label_expiry_interval_seconds)
                )
            mailer = _start_outbox_worker(app_, settings)
            yield
            if mailer is not None:
                mailer.stop.set()
                await mailer.task
            if expiry is not None:
                expiry.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await expiry
            await runner.cancel_all()
        cache.close()
        answers.close()

    app.router.lifespan_context = lifespan
    return app
