"""The one way a service app is assembled, so that knowing one means knowing all."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request

from services.common.config import ServiceSettings
from services.common.db import make_async_engine, make_sessionmaker, ping
from services.common.errors import install_problem_handlers
from services.common.health import health_router
from services.common.logging import configure_logging
from services.common.middleware import Metrics, RequestContextMiddleware
from services.common.runtime import NO_NATIVE_TELEMETRY, freeze_startup_heap


async def database_ready(request: Request) -> dict[str, str]:
    await ping(request.app.state.engine)
    return {"database": "ok"}


def create_service_app(
    *,
    name: str,
    title: str,
    description: str,
    version: str,
    settings: ServiceSettings,
    routers: Sequence[APIRouter],
    openapi_tags: list[dict[str, str]] | None = None,
) -> FastAPI:
    """A FastAPI app with the database, problem+json errors, request ids, logs and health."""
    configure_logging(name, level=settings.log_level, json=settings.log_json)
    engine = make_async_engine(settings.effective_database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        freeze_startup_heap()
        yield
        await engine.dispose()

    app = FastAPI(
        telemetry=NO_NATIVE_TELEMETRY,
        title=title,
        description=description,
        version=version,
        lifespan=lifespan,
        openapi_tags=openapi_tags,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.metrics = Metrics(name)
    install_problem_handlers(app)
    app.add_middleware(
        RequestContextMiddleware, metrics=app.state.metrics, quiet_paths=("/healthz", "/metrics")
    )
    app.include_router(health_router(name, database_ready))
    for router in routers:
        app.include_router(router)
    return app
