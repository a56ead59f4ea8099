"""What every request meets first: security headers, body limit, API keys, rate limits, routing.

One pure ASGI middleware (no BaseHTTPMiddleware, no per-request task) because
the proxied path is the hot path: ``/api/registry/...`` and ``/api/events/...``
never enter FastAPI's router.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.client_ip import TrustedProxies, client_address_of
from services.common.errors import Problem, problem_response
from services.common.middleware import loggable_path
from services.gateway.body import BodyLimit
from services.gateway.limits import Limiter, Rate
from services.gateway.proxy import ProxyRoute, UpstreamMetrics, forward
from services.gateway.sessions import SessionEnded, SessionGuard
from services.gateway.upstream import Upstream

logger = logging.getLogger("mim.gateway")

API_KEY_HEADER = b"x-api-key"
_AUTHORIZATION = b"authorization"
_API_KEY_SCHEME = "apikey "
_SESSION_SCHEME = "session "

_RSVP_CREATE = re.compile(r"^/api/events/events/[^/]+/rsvps/?$")
# Batch label verification (up to 100 numbers a call) has its own, stricter rule.
_LABEL_BATCH = "/api/registry/labels/verify"
# Image uploads (services/registry/api/media.py) get the gateway's upload limit, not its body limit.
_UPLOAD = re.compile(rb"^/api/registry/(?:exporters/[^/]+/logo|products/[0-9]+/photos)/?$")
_SIGN_IN = frozenset({"/api/auth/token", "/api/auth/refresh", "/api/auth/sessions"})

API_CSP = b"default-src 'none'; frame-ancestors 'none'"
DOCS_CSP = (
    b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class LimitRule:
    name: str
    rate: Rate


# Resolves an API key into the Authorization value to forward ("Bearer <jwt>"); raises Problem.
KeyResolver = Callable[[str], Awaitable[tuple[str, str]]]


class GatewayMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        upstreams: dict[str, Upstream],
        metrics: UpstreamMetrics,
        resolve_key: KeyResolver,
        limiter: Limiter | None,
        default_rate: Rate,
        signin_rate: Rate,
        rsvp_rate: Rate,
        label_batch_rate: Rate,
        max_body: int,
        max_upload: int | None = None,
        trusted_proxies: TrustedProxies,
        hsts: bool,
        guard: SessionGuard,
    ) -> None:
        self.app = app
        self.guard = guard
        self.routes = [
            (f"/api/{name}".encode(), upstream, ProxyRoute(f"/api/{name}/{{path}}"))
            for name, upstream in upstreams.items()
        ]
        self.metrics = metrics
        self.resolve_key = resolve_key
        self.limiter = limiter
        self.default_rule = LimitRule("default", default_rate)
        self.signin_rule = LimitRule("sign-in", signin_rate)
        self.rsvp_rule = LimitRule("rsvp", rsvp_rate)
        self.label_batch_rule = LimitRule("label-batch", label_batch_rate)
        self.max_body = max_body
        self.max_upload = max_upload if max_upload is not None else max_body
        self.trusted_proxies = trusted_proxies
        security = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if hsts:
            security.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
        self.api_headers = [*security, (b"content-security-policy", API_CSP)]
        self.docs_headers = [*security, (b"content-security-policy", DOCS_CSP)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        send = self._secured(path, send)
        if not path.startswith("/api/"):
            await self.app(scope, receive, send)
            return
        address = self._client_ip(scope)
        try:
            client, authorization = await self._identify(scope, address)
            await self._check_limits(scope, client)
            authorization = await self._session(scope, authorization)
        except Problem as problem:
            await self._problem(problem, scope, receive, send)
            return
        await self._route(scope, receive, send, authorization, address)

    def _secured(self, path: str, send: Send) -> Send:
        """``send`` adding the security headers (the docs' CSP lets Swagger UI run)."""
        extra = self.docs_headers if path.startswith("/docs") else self.api_headers

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        return send_secured

    async def _identify(self, scope: Scope, address: str) -> tuple[str, str | None]:
        """Who is calling, for the limits: an API key (it becomes a short JWT) or the address."""
        raw_key = self._api_key(scope)
        if raw_key is None:
            return f"ip:{address}", None
        key_id, authorization = await self.resolve_key(raw_key)
        _replace_authorization(scope, authorization)
        return f"key:{key_id}", authorization

    async def _check_limits(self, scope: Scope, client: str) -> None:
        """Everyone's rule, plus stricter ones on sign-in, RSVP creation, label batches; 429 when over."""
        if self.limiter is None:
            return
        for rule in self._rules(scope["method"], scope["path"]):
            retry_after = await self.limiter.hit(rule.name, rule.rate, client)
            if retry_after is not None:
                raise Problem(
                    f"Too many requests ({rule.name} limit: {rule.rate.count} per "
                    f"{rule.rate.period} s); retry in {retry_after} s.",
                    status=429,
                    slug="too-many-requests",
                    headers={"Retry-After": str(retry_after)},
                )

    async def _session(self, scope: Scope, authorization: str | None) -> str | None:
        """An account's session (website session id, or a token with a `sid`) must be open;
        the call goes on with an internal token minted for it. An API key's token stays."""
        if authorization is not None:
            return authorization
        authorization = await self._session_authorization(scope)
        if authorization is not None:
            _replace_authorization(scope, authorization)
        return authorization

    async def _route(
        self, scope: Scope, receive: Receive, send: Send, authorization: str | None, address: str
    ) -> None:
        """A service's prefix is proxied; anything else is the gateway's own API."""
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        for prefix, upstream, route in self.routes:
            if raw_path.startswith(prefix) and (len(raw_path) == len(prefix) or raw_path[len(prefix)] == 47):
                scope["route"] = route
                await forward(
                    scope=scope,
                    receive=receive,
                    send=send,
                    upstream=upstream,
                    subpath=raw_path[len(prefix) :] or b"/",
                    authorization=authorization,
                    max_body=self._body_limit(scope["method"], raw_path),
                    metrics=self.metrics,
                    client_address=address,
                )
                return
        await self.app(scope, self._limited_receive(scope, receive), send)

    def _body_limit(self, method: str, raw_path: bytes) -> int:
        """The one body limit, but the larger upload limit for image uploads."""
        if method in ("PUT", "POST") and _UPLOAD.fullmatch(raw_path):
            return max(self.max_upload, self.max_body)
        return self.max_body

    def _rules(self, method: str, path: str) -> list[LimitRule]:
        rules = [self.default_rule]
        if method == "POST":
            if path in _SIGN_IN:
                rules.append(self.signin_rule)
            elif _RSVP_CREATE.match(path):
                rules.append(self.rsvp_rule)
            elif path.rstrip("/") == _LABEL_BATCH:
                rules.append(self.label_batch_rule)
        return rules

    async def _session_authorization(self, scope: Scope) -> str | None:
        for name, value in scope["headers"]:
            if name != _AUTHORIZATION:
                continue
            text = value.decode("latin-1").strip()
            if text[:8].lower() == _SESSION_SCHEME:
                claims = await self.guard.web_session(text[8:].strip())
                return f"Bearer {self.guard.internal_token(text, claims)}"
            if text[:7].lower() == "bearer ":
                verified = self.guard.claims(text[7:].strip())
                if verified is None or not isinstance(verified.get("sid"), str):
                    return None  # not an account session's token: the service judges it
                if not await self.guard.is_open(verified["sid"]):
                    raise SessionEnded
                return f"Bearer {self.guard.internal_token(text, verified)}"
            return None
        return None

    @staticmethod
    def _api_key(scope: Scope) -> str | None:
        for name, value in scope["headers"]:
            if name == API_KEY_HEADER:
                return value.decode("latin-1").strip()
            if name == _AUTHORIZATION:
                text = value.decode("latin-1")
                if text[:7].lower() == _API_KEY_SCHEME:
                    return text[7:].strip()
        return None

    def _client_ip(self, scope: Scope) -> str:
        return client_address_of(scope, self.trusted_proxies)

    def _limited_receive(self, scope: Scope, receive: Receive) -> Receive:
        declared = None
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit():
                declared = int(value)
                break
        return BodyLimit(receive, self.max_body, declared=declared).receive

    @staticmethod
    async def _problem(problem: Problem, scope: Scope, receive: Receive, send: Send) -> None:
        await problem.to_response(instance=scope["path"])(scope, receive, send)


def _replace_authorization(scope: Scope, authorization: str) -> None:
    headers = [(k, v) for k, v in scope["headers"] if k not in (_AUTHORIZATION, API_KEY_HEADER)]
    headers.append((_AUTHORIZATION, authorization.encode("latin-1")))
    scope["headers"] = headers


class ProxyLane:
    """The short way for proxied requests (``/api/registry/...``, ``/api/events/...``).

    They need none of what FastAPI's stack adds around the gateway's own routes (the router,
    its exception handlers, dependency injection, the conditional-GET tagging: the services tag
    their own answers, and see the same request headers). So they go through ``lane``: the
    request context (id, access log, metrics) and the gateway's edge (security headers, keys,
    limits, sessions, proxy), with an unexpected error still answered as a 500 problem+json.
    Every other request goes through ``app``, the full stack, as before. The choice is made
    on the raw path, exactly as :meth:`GatewayMiddleware._route` chooses to proxy.
    """

    def __init__(self, app: ASGIApp, lane: ASGIApp, prefixes: list[bytes]) -> None:
        self.app = app
        self.lane = lane
        self.prefixes = tuple(prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
            for prefix in self.prefixes:
                if raw_path.startswith(prefix) and (
                    len(raw_path) == len(prefix) or raw_path[len(prefix)] == 47
                ):
                    await self.lane(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class CrashAsProblem:
    """What Starlette's ServerErrorMiddleware does for the full stack: a bug is logged and
    answered 500 problem+json (when nothing was sent yet), never a bare connection reset."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception:
            logger.exception("unhandled error", extra={"path": loggable_path(scope["path"])})
            if started:
                raise
            response = problem_response(
                status=500,
                detail="An unexpected error occurred; it has been logged with this request id.",
                slug="internal-error",
                instance=scope["path"],
            )
            await response(scope, receive, send)
