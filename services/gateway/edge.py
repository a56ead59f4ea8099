"""What every request meets first: security headers, body limit, API keys, rate limits, routing.

One pure ASGI middleware (no BaseHTTPMiddleware, no per-request task) because
the proxied path is the hot path: ``/api/registry/...`` and ``/api/events/...``
never enter FastAPI's router.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.errors import Problem, problem_response
from services.gateway.config import TrustedProxies
from services.gateway.limits import Limiter, Rate
from services.gateway.proxy import BodyTooLarge, ProxyRoute, UpstreamMetrics, client_host, forward
from services.gateway.upstream import Upstream

API_KEY_HEADER = b"x-api-key"
_AUTHORIZATION = b"authorization"
_API_KEY_SCHEME = "apikey "

_RSVP_CREATE = re.compile(r"^/api/events/events/[^/]+/rsvps/?$")
_SIGN_IN = frozenset({"/api/auth/token", "/api/auth/refresh"})

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
        get_session: Callable[[], Any],
        metrics: UpstreamMetrics,
        resolve_key: KeyResolver,
        limiter: Limiter | None,
        default_rate: Rate,
        signin_rate: Rate,
        rsvp_rate: Rate,
        max_body: int,
        trusted_proxies: TrustedProxies,
        hsts: bool,
    ) -> None:
        self.app = app
        self.routes = [
            (f"/api/{name}".encode(), upstream, ProxyRoute(f"/api/{name}/{{path}}"))
            for name, upstream in upstreams.items()
        ]
        self.get_session = get_session
        self.metrics = metrics
        self.resolve_key = resolve_key
        self.limiter = limiter
        self.default_rule = LimitRule("default", default_rate)
        self.signin_rule = LimitRule("sign-in", signin_rate)
        self.rsvp_rule = LimitRule("rsvp", rsvp_rate)
        self.max_body = max_body
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
        extra = self.docs_headers if path.startswith("/docs") else self.api_headers

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        if not path.startswith("/api/"):
            await self.app(scope, receive, send_secured)
            return

        # 1. Who is calling: an API key becomes a short JWT; a bearer JWT passes as is.
        authorization: str | None = None
        client: str | None = None
        raw_key = self._api_key(scope)
        if raw_key is not None:
            try:
                key_id, authorization = await self.resolve_key(raw_key)
            except Problem as problem:
                await self._problem(problem, scope, receive, send_secured)
                return
            client = f"key:{key_id}"
            _replace_authorization(scope, authorization)
        if client is None:
            client = f"ip:{self._client_ip(scope)}"

        # 2. Rate limits: everyone, plus stricter rules on sign-in and RSVP creation.
        if self.limiter is not None:
            for rule in self._rules(scope["method"], path):
                retry_after = await self.limiter.hit(rule.name, rule.rate, client)
                if retry_after is not None:
                    response = problem_response(
                        status=429,
                        detail=f"Too many requests ({rule.name} limit: {rule.rate.count} per "
                        f"{rule.rate.period} s); retry in {retry_after} s.",
                        slug="too-many-requests",
                        headers={"Retry-After": str(retry_after)},
                        instance=path,
                    )
                    await response(scope, receive, send_secured)
                    return

        # 3. Route: a service's prefix is proxied; anything else is the gateway's own API.
        raw_path: bytes = scope.get("raw_path") or path.encode()
        for prefix, upstream, route in self.routes:
            if raw_path.startswith(prefix) and (len(raw_path) == len(prefix) or raw_path[len(prefix)] == 47):
                scope["route"] = route
                await forward(
                    scope=scope,
                    receive=receive,
                    send=send_secured,
                    session=self.get_session(),
                    upstream=upstream,
                    subpath=raw_path[len(prefix) :] or b"/",
                    authorization=authorization,
                    max_body=self.max_body,
                    metrics=self.metrics,
                )
                return
        await self.app(scope, self._limited_receive(scope, receive), send_secured)

    def _rules(self, method: str, path: str) -> list[LimitRule]:
        rules = [self.default_rule]
        if method == "POST":
            if path in _SIGN_IN:
                rules.append(self.signin_rule)
            elif _RSVP_CREATE.match(path):
                rules.append(self.rsvp_rule)
        return rules

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
        peer = client_host(scope)
        if peer in self.trusted_proxies:
            for name, value in scope["headers"]:
                if name == b"x-forwarded-for":
                    # The right-most address not added by a trusted proxy is the client.
                    hops = [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
                    for hop in reversed(hops):
                        if hop not in self.trusted_proxies:
                            return hop
        return peer

    def _limited_receive(self, scope: Scope, receive: Receive) -> Receive:
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_body:
                raise_size = True
                break
        else:
            raise_size = False
        size = 0
        limit = self.max_body

        async def limited() -> Message:
            nonlocal size
            if raise_size:
                raise BodyTooLarge
            message = await receive()
            size += len(message.get("body", b""))
            if size > limit:
                raise BodyTooLarge
            return message

        return limited

    @staticmethod
    async def _problem(problem: Problem, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            status=problem.status,
            title=problem.title,
            detail=problem.detail,
            slug=problem.slug,
            instance=scope["path"],
            headers=problem.headers,
        )
        await response(scope, receive, send)


def _replace_authorization(scope: Scope, authorization: str) -> None:
    headers = [(k, v) for k, v in scope["headers"] if k not in (_AUTHORIZATION, API_KEY_HEADER)]
    headers.append((_AUTHORIZATION, authorization.encode("latin-1")))
    scope["headers"] = headers
