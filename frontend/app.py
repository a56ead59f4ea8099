"""The website's app factory (run with `mim serve frontend`), built on the shared one.

Like every process it is assembled by ``services.common.app.create_app``; what is its own:
HTML error pages instead of problem+json, the session/CSRF/security-headers middleware, the
gateway client opened for its lifetime and readiness meaning "the gateway answers".
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.responses import RedirectResponse, Response

from frontend.config import FrontendSettings
from frontend.gateway import ApiError, GatewayClient, GatewayUnavailable
from frontend.pages import catalogue, contact, desk, events, home, labels, media, seo
from frontend.pages.desk import SignInRequired
from frontend.session import SiteMiddleware, get_session
from frontend.web import CsrfFailed, is_htmx, render
from services.common.app import create_app as create_core_app
from services.common.client_ip import trusted_proxies_of
from services.common.errors import Problem, problem_response
from services.common.health import health_router

logger = logging.getLogger("mim.frontend")
STATIC_DIR = Path(__file__).parent / "static"

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


async def gateway_ready(request: Request) -> dict[str, str]:
    response = await request.app.state.gateway.request("GET", "/healthz")
    return {"gateway": "ok" if response.status == 200 else "down"}


def create_app(settings: FrontendSettings | None = None) -> FastAPI:
    settings = settings or FrontendSettings()
    gateway = GatewayClient(
        settings.gateway_url,
        timeout=settings.gateway_timeout_seconds,
        connect_timeout=settings.gateway_connect_timeout_seconds,
        pool_size=settings.gateway_pool_size,
    )

    @asynccontextmanager
    async def resources(_app: FastAPI) -> AsyncIterator[None]:
        await gateway.open()
        yield
        await gateway.close()

    csp = (
        "default-src 'self'; "
        "script-src 'self'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
    site = Middleware(
        SiteMiddleware,
        secret=settings.secret_key.get_secret_value(),
        secure=settings.cookie_secure,
        headers={**SECURITY_HEADERS, "content-security-policy": csp},
        trusted_proxies=trusted_proxies_of(settings),
    )
    app = create_core_app(
        name="frontend",
        title="Made in Morocco — website",
        settings=settings,
        health=health_router("frontend", gateway_ready),
        middleware=[site],
        resources=resources,
        install_error_handlers=_install_error_pages,
        quiet_paths=("/healthz", "/metrics", "/static"),
    )
    app.state.gateway = gateway
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for module in (home, catalogue, contact, labels, events, media, desk, seo):
        app.include_router(module.router)
    return app


def _error_page(request: Request, status: int, kind: str, detail: str | None = None) -> Response:
    template = "pages/error.html"
    return render(
        request,
        template,
        {"status": status, "kind": kind, "detail": detail, "noindex": True},
        block="content" if is_htmx(request) else None,
        status_code=status,
    )


def _install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        # Only the health endpoints raise these: they answer problem+json like every process.
        return problem_response(
            status=exc.status, title=exc.title, detail=exc.detail, slug=exc.slug, extra=exc.extra
        )

    @app.exception_handler(GatewayUnavailable)
    async def _unavailable(request: Request, exc: GatewayUnavailable) -> Response:
        return _error_page(request, 503, "unavailable")

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        session = get_session(request)
        if exc.status == 401 and session.get("web_session"):
            # The gateway ended the session (signed out elsewhere, deactivated): sign in again.
            session.clear_account()
            return await _signin(request, SignInRequired(request.url.path))
        if exc.status == 404:
            return _error_page(request, 404, "not_found")
        if exc.status in (401, 403):
            return _error_page(request, exc.status, "forbidden", exc.detail)
        return _error_page(request, 400 if exc.status >= 400 else exc.status, "bad_request", exc.detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        kind = {404: "not_found", 405: "bad_request", 403: "forbidden"}.get(exc.status_code, "bad_request")
        return _error_page(request, exc.status_code, kind)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error_page(request, 400, "bad_request")

    @app.exception_handler(SignInRequired)
    async def _signin(request: Request, exc: SignInRequired) -> Response:
        target = f"/signin?next={quote(exc.next_url, safe='/')}"
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed) -> Response:
        return _error_page(request, 403, "csrf")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("unhandled error", extra={"path": request.url.path})
        return _error_page(request, 500, "internal")
