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
from cachetools import TTLCache
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from services.common.app import create_app as create_core_app
from services.common.auth import AUDIENCE_GATEWAY, AUDIENCE_SERVICES, issue_token
from services.common.client_ip import TrustedProxies, trusted_proxies_of
from services.common.db import make_async_engine, make_sessionmaker, ping, transaction
from services.common.errors import Unauthorized
from services.common.middleware import Metrics, RequestContextMiddleware
from services.gateway import keys
from services.gateway.api import admin, auth, docs, health, webhooks
from services.gateway.config import GatewaySettings, split_list
from services.gateway.dispatcher import webhook_dispatcher
from services.gateway.edge import CrashAsProblem, GatewayMiddleware, KeyResolver, ProxyLane
from services.gateway.limits import Limiter, Rate, make_limiter
from services.gateway.proxy import UpstreamMetrics
from services.gateway.sessions import SessionGuard
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
            write_seconds=settings.upstream_limits(name)[0],
            max_in_flight=settings.upstream_limits(name)[1],
            max_queue=settings.upstream_queue_size,
            queue_seconds=settings.upstream_queue_seconds,
        )
        for name, (url, seconds) in settings.upstreams().items()
    }
    # Room in the pool for every admitted request, plus probes and the webhook feeds.
    pool_size = max(settings.upstream_pool_size, sum(u.admission.limit for u in upstreams.values()) + 16)
    limiter = make_limiter(settings.redis_url) if settings.rate_limit_enabled else None

    @asynccontextmanager
    async def resources(app: FastAPI) -> AsyncIterator[None]:
        app.state.http = make_client_session(pool_size)
        for upstream in upstreams.values():
            upstream.open_pool()
        await check_upstreams(app)
        watcher = asyncio.create_task(_watch_upstreams(app, settings.health_interval_seconds))
        try:
            async with webhook_dispatcher(app, settings):
                yield
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            await app.state.http.close()
            for upstream in upstreams.values():
                upstream.close_pool()
            if limiter is not None:
                await limiter.close()
            await engine.dispose()

    session_guard = SessionGuard(settings, sessionmaker)
    trusted_proxies = trusted_proxies_of(settings)
    metrics = Metrics("gateway")
    edge = _edge_middleware(
        settings,
        upstreams=upstreams,
        limiter=limiter,
        resolve_key=api_key_resolver(settings, sessionmaker),
        guard=session_guard,
        trusted_proxies=trusted_proxies,
        metrics=UpstreamMetrics(metrics.registry),
    )
    # The merged /docs and /openapi.json are routes of their own (api/docs.py), not FastAPI's.
    app = create_core_app(
        name="gateway",
        title="Made in Morocco — Public API",
        version=VERSION,
        settings=settings,
        health=health.router,
        routers=[auth.router, admin.router, webhooks.router, docs.router],
        middleware=edge,
        resources=resources,
        metrics=metrics,
    )
    _install_proxy_lane(app, edge, metrics, [f"/api/{name}".encode() for name in upstreams])
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker
    app.state.upstreams = upstreams
    app.state.merged_openapi = None
    app.state.trusted_proxies = trusted_proxies
    app.state.session_guard = session_guard
    # The gateway's own routes take clients' tokens and the internal ones it mints (edge.py).
    app.state.token_audiences = frozenset({AUDIENCE_GATEWAY, AUDIENCE_SERVICES})
    return app


def _install_proxy_lane(
    app: FastAPI, edge: list[Middleware], metrics: Metrics, prefixes: list[bytes]
) -> None:
    """Proxied requests take a short way around FastAPI's stack (edge.ProxyLane): the request
    context outermost, then the same edge middleware (CORS when set, the gateway's edge) as the
    full stack, sharing its limiter, keys, sessions and upstreams."""
    build_full_stack = app.build_middleware_stack

    def build_middleware_stack() -> Any:
        full = build_full_stack()
        lane: Any = full  # the edge's fallback; never reached for a proxied path
        for spec in reversed(edge):
            lane = spec.cls(lane, *spec.args, **spec.kwargs)
        lane = RequestContextMiddleware(CrashAsProblem(lane), metrics=metrics)
        return ProxyLane(full, lane, prefixes)

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]


def _edge_middleware(
    settings: GatewaySettings,
    *,
    upstreams: dict[str, Upstream],
    limiter: Limiter | None,
    resolve_key: KeyResolver,
    guard: SessionGuard,
    trusted_proxies: TrustedProxies,
    metrics: UpstreamMetrics,
) -> list[Middleware]:
    """CORS (when origins are set) outside the gateway's edge: security headers, keys, limits, proxy."""
    middleware: list[Middleware] = []
    origins = split_list(settings.cors_origins)
    if origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
                allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
                expose_headers=["X-Request-ID", "Retry-After"],
                max_age=600,
            )
        )
    middleware.append(
        Middleware(
            GatewayMiddleware,
            upstreams=upstreams,
            metrics=metrics,
            resolve_key=resolve_key,
            limiter=limiter,
            default_rate=Rate.parse(settings.rate_limit_default),
            signin_rate=Rate.parse(settings.rate_limit_signin),
            rsvp_rate=Rate.parse(settings.rate_limit_rsvp),
            label_batch_rate=Rate.parse(settings.rate_limit_label_batch),
            max_body=settings.max_body_bytes,
            max_upload=settings.max_upload_bytes,
            trusted_proxies=trusted_proxies,
            hsts=settings.hsts,
            guard=guard,
        )
    )
    return middleware


def api_key_resolver(
    settings: GatewaySettings, sessionmaker: async_sessionmaker[AsyncSession]
) -> KeyResolver:
    """Turns an API key into a short internal token, minted again when half its life is gone."""
    ttl = settings.api_key_token_ttl_seconds
    minted: TTLCache[int, str] = TTLCache(10_000, ttl=ttl / 2, timer=time.monotonic)

    async def resolve_key(raw_key: str) -> tuple[str, str]:
        """Check the key in the database on every call (revocation is immediate)."""
        async with transaction(sessionmaker, write=False) as session:
            key = await keys.find_active_key(session=session, raw_key=raw_key)
        if key is None or key.id is None:
            raise Unauthorized(
                "The API key is not valid or has been revoked.",
                headers={"WWW-Authenticate": 'ApiKey realm="made-in-morocco"'},
            )
        token = minted.get(key.id)
        if token is None:
            token = issue_token(
                settings,
                sub=f"apikey:{key.id}",
                role=key.role,
                exporter_id=key.exporter_id,
                scope=key.scope,
                ttl_seconds=ttl,
                extra={"key_name": key.name},
                audience=AUDIENCE_SERVICES,
            )
            minted[key.id] = token
        return str(key.id), f"Bearer {token}"

    return resolve_key


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
