"""Gateway: the platform's one public origin.

``/api/registry/*`` and ``/api/events/*`` are forwarded to the services (see
edge.py and proxy.py); ``/api/auth/*`` is the gateway's own API (accounts,
tokens, API keys); ``/openapi.json`` and ``/docs`` describe the whole platform.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from services.common.auth import issue_token
from services.common.db import make_async_engine, make_sessionmaker, ping, transaction
from services.common.errors import Unauthorized, install_problem_handlers, problem_response
from services.common.logging import configure_logging
from services.common.middleware import Metrics, RequestContextMiddleware
from services.common.runtime import NO_NATIVE_TELEMETRY, freeze_startup_heap
from services.gateway import keys
from services.gateway.api import admin, auth, docs, health
from services.gateway.config import GatewaySettings, TrustedProxies, split_list
from services.gateway.edge import GatewayMiddleware
from services.gateway.limits import Rate, make_limiter
from services.gateway.proxy import BodyTooLarge, UpstreamMetrics
from services.gateway.upstream import Upstream, fetch_openapi, make_client_session, make_upstream, probe

logger = logging.getLogger("mim.gateway")

VERSION = "0.1.0"


async def check_upstreams(app: FastAPI) -> None:
    """Probe every service; one that answers closes its breaker and (re)publishes its OpenAPI."""
    upstreams: dict[str, Upstream] = app.state.upstreams
    session: aiohttp.ClientSession = app.state.http
    results = await asyncio.gather(*(probe(session, u) for u in upstreams.values()))
    for upstream, ok in zip(upstreams.values(), results, strict=True):
        was_up, upstream.up = upstream.up, ok
        if not ok:
            if was_up is not False:
                logger.warning("service unavailable", extra={"upstream": upstream.name})
            continue
        if upstream.breaker.opened_at is not None:
            upstream.breaker.record_success()
        if upstream.openapi is None or was_up is False:
            document = await fetch_openapi(session, upstream, seconds=max(3.0, upstream.seconds))
            if document is not None:
                upstream.openapi = document
                app.state.merged_openapi = None
            if was_up is False:
                logger.info("service is back", extra={"upstream": upstream.name})


async def _watch_upstreams(app: FastAPI, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await check_upstreams(app)
        except Exception:  # never let the watcher die
            logger.exception("upstream check failed")


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    configure_logging("gateway", level=settings.log_level, json=settings.log_json)
    engine = make_async_engine(settings.effective_database_url)
    sessionmaker = make_sessionmaker(engine)
    upstreams = {
        name: make_upstream(
            name,
            url,
            seconds,
            connect=settings.connect_timeout,
            threshold=settings.breaker_threshold,
            reset_after=settings.breaker_reset_seconds,
        )
        for name, (url, seconds) in settings.upstreams().items()
    }
    limiter = make_limiter(settings.redis_url) if settings.rate_limit_enabled else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.http = make_client_session(settings.upstream_pool_size)
        await check_upstreams(app)
        watcher = asyncio.create_task(_watch_upstreams(app, settings.health_interval_seconds))
        freeze_startup_heap()
        try:
            yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            await app.state.http.close()
            if limiter is not None:
                await limiter.close()
            await engine.dispose()

    app = FastAPI(
        telemetry=NO_NATIVE_TELEMETRY,
        title="Made in Morocco — Public API",
        version=VERSION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker
    app.state.upstreams = upstreams
    app.state.merged_openapi = None
    app.state.metrics = Metrics("gateway")
    upstream_metrics = UpstreamMetrics(app.state.metrics.registry)
    minted: dict[int, tuple[str, float]] = {}

    async def resolve_key(raw_key: str) -> tuple[str, str]:
        """Check the key in the database on every call (revocation is immediate)."""
        async with transaction(sessionmaker, write=False) as session:
            key = await keys.find_active_key(session=session, raw_key=raw_key)
        if key is None or key.id is None:
            raise Unauthorized(
                "The API key is not valid or has been revoked.",
                headers={"WWW-Authenticate": 'ApiKey realm="made-in-morocco"'},
            )
        ttl = settings.api_key_token_ttl_seconds
        cached = minted.get(key.id)
        now = time.monotonic()
        if cached is None or cached[1] < now:
            token = issue_token(
                settings,
                sub=f"apikey:{key.id}",
                role=key.role,
                exporter_id=key.exporter_id,
                scope=key.scope,
                ttl_seconds=ttl,
                extra={"key_name": key.name},
            )
            cached = (token, now + ttl / 2)
            minted[key.id] = cached
        return str(key.id), f"Bearer {cached[0]}"

    install_problem_handlers(app)

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, _exc: BodyTooLarge) -> Response:
        return problem_response(
            status=413,
            detail=f"The request body may not exceed {settings.max_body_bytes} bytes.",
            slug="payload-too-large",
            instance=request.url.path,
        )

    app.add_middleware(
        GatewayMiddleware,
        upstreams=upstreams,
        get_session=lambda: app.state.http,
        metrics=upstream_metrics,
        resolve_key=resolve_key,
        limiter=limiter,
        default_rate=Rate.parse(settings.rate_limit_default),
        signin_rate=Rate.parse(settings.rate_limit_signin),
        rsvp_rate=Rate.parse(settings.rate_limit_rsvp),
        max_body=settings.max_body_bytes,
        trusted_proxies=TrustedProxies(split_list(settings.trusted_proxies)),
        hsts=settings.hsts,
    )
    origins = split_list(settings.cors_origins)
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
            max_age=600,
        )
    app.add_middleware(
        RequestContextMiddleware, metrics=app.state.metrics, quiet_paths=("/healthz", "/metrics")
    )
    for router in (health.router, auth.router, admin.router, docs.router):
        app.include_router(router)
    return app


def openapi_sources(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    from fastapi.openapi.utils import get_openapi

    from services.gateway.schemas import SignIn

    own = get_openapi(title=app.title, version=app.version, routes=app.routes)
    # The sign-in body is declared by hand (it also takes a form): publish its schema.
    schemas = own.setdefault("components", {}).setdefault("schemas", {})
    for model in (SignIn,):
        schemas[model.__name__] = model.model_json_schema(ref_template="#/components/schemas/{model}")
    sources: list[tuple[str, str, dict[str, Any]]] = [("gateway", "", own)]
    for name, upstream in app.state.upstreams.items():
        if upstream.openapi is not None:
            sources.append((name, f"/api/{name}", upstream.openapi))
    return sources


__all__ = ["check_upstreams", "create_app", "openapi_sources", "ping"]
