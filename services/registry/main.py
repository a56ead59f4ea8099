"""Registry service: exporters, products, sectors, regions and the label."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from prometheus_client.core import CounterMetricFamily
from sqlalchemy import Engine, event
from starlette.middleware import Middleware

from services.common.app import create_service_app
from services.common.changes import feed_router
from services.registry.api import catalogue, exporters, labels, open_data, products
from services.registry.config import RegistrySettings
from services.registry.expiry import run_expiry
from services.registry.jobs import JobRunner
from services.registry.jobs import recover as recover_jobs
from services.registry.models import Change
from services.registry.search_cache import SearchCache, SearchCacheMiddleware

SEARCH_PATHS = ("/exporters", "/products")


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


def _set_sqlite_cache(engine: Engine, mib: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA cache_size=-{int(mib) * 1024}")
        cursor.close()


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
    app.state.metrics.registry.register(SearchCacheCollector(cache))
    app.state.label_keys = settings.label_key_ring()  # signs label QR statements (statements.py)
    runner = JobRunner(sessionmaker=app.state.sessionmaker)
    app.state.import_jobs = runner
    # Innermost: a cached search is still logged, counted and tagged by RequestContextMiddleware.
    app.user_middleware.append(Middleware(SearchCacheMiddleware, cache=cache, paths=SEARCH_PATHS))
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
            yield
            if expiry is not None:
                expiry.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await expiry
            await runner.cancel_all()
        cache.close()

    app.router.lifespan_context = lifespan
    return app
