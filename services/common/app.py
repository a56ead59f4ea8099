"""The one way an app is assembled, so that knowing one means knowing all.

:func:`create_app` is the core every process uses (registry, events, the gateway and the
website): logging, FastAPI without native telemetry, ``app.state.settings`` and
``app.state.metrics``, error handlers (problem+json by default; the website passes its error
pages), the request-context middleware outermost with the caller's middleware inside it, the
health router and the lifespan that freezes the start-up heap once the process's own resources
are open. :func:`create_service_app` adds what a database service has: the engine and session
factory, database readiness and the services' development docs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from fastapi import APIRouter, FastAPI, Request
from starlette.middleware import Middleware

from services.common.config import ServiceSettings
from services.common.db import make_async_engine, make_sessionmaker, ping
from services.common.errors import install_problem_handlers
from services.common.health import health_router
from services.common.http_cache import ConditionalGetMiddleware
from services.common.logging import configure_logging
from services.common.middleware import Metrics, RequestContextMiddleware
from services.common.runtime import NO_NATIVE_TELEMETRY, freeze_startup_heap

# What a process opens at start and closes at stop (an HTTP pool, a database engine...).
Resources = Callable[[FastAPI], AbstractAsyncContextManager[None]]


class LoggingSettings(Protocol):
    log_level: str
    log_json: bool


@asynccontextmanager
async def _no_resources(_app: FastAPI) -> AsyncIterator[None]:
    yield


def create_app(
    *,
    name: str,
    title: str,
    settings: LoggingSettings,
    health: APIRouter,
    routers: Sequence[APIRouter] = (),
    middleware: Sequence[Middleware] = (),
    resources: Resources = _no_resources,
    install_error_handlers: Callable[[FastAPI], None] = install_problem_handlers,
    quiet_paths: tuple[str, ...] = ("/healthz", "/metrics"),
    metrics: Metrics | None = None,
    docs_url: str | None = None,
    redoc_url: str | None = None,
    openapi_url: str | None = None,
    **fastapi_options: Any,
) -> FastAPI:
    """An app with logs, request ids, metrics, errors, health and a lifespan; no database.

    ``middleware`` is listed outermost first and runs inside RequestContextMiddleware (so
    every answer, even a refusal by the caller's middleware, carries the request id and is
    logged and counted). ``resources`` is entered at start-up before the heap is frozen, and
    left at shutdown. Docs and the OpenAPI document are off unless their URLs are given.
    ``metrics`` is the process's registry when the caller's middleware records into it too.
    """
    configure_logging(name, level=settings.log_level, json=settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with resources(app):
            freeze_startup_heap()
            yield

    app = FastAPI(
        telemetry=NO_NATIVE_TELEMETRY,
        title=title,
        lifespan=lifespan,
        docs_url=docs_url,
        redoc_url=redoc_url,
        openapi_url=openapi_url,
        **fastapi_options,
    )
    app.state.settings = settings
    app.state.metrics = metrics or Metrics(name)
    install_error_handlers(app)
    app.user_middleware[:0] = [
        Middleware(RequestContextMiddleware, metrics=app.state.metrics, quiet_paths=quiet_paths),
        # Outside the caller's middleware, so the tag covers the headers it adds (cookies...).
        Middleware(ConditionalGetMiddleware),
        *middleware,
    ]
    app.include_router(health)
    for router in routers:
        app.include_router(router)
    return app


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
    """A service: :func:`create_app` plus its database, database readiness and development docs."""
    engine = make_async_engine(settings.effective_database_url)

    @asynccontextmanager
    async def dispose_engine(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    # The services' own documentation pages are for development: in production the public
    # documentation is the gateway's merged /docs. /openapi.json stays, on the service's
    # internal port only: the gateway fetches it to merge (and never forwards it, proxy.py).
    interactive_docs = settings.environment != "production"
    app = create_app(
        name=name,
        title=title,
        settings=settings,
        health=health_router(name, database_ready),
        routers=routers,
        resources=dispose_engine,
        docs_url="/docs" if interactive_docs else None,
        redoc_url="/redoc" if interactive_docs else None,
        openapi_url="/openapi.json",
        description=description,
        version=version,
        openapi_tags=openapi_tags,
    )
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    return app
