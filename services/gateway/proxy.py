"""Forward one request to a service and its answer back, as a pure ASGI handler.

Method, path (raw, as the client encoded it), query, body, status and headers
pass through; hop-by-hop headers are stripped; the request id and
X-Forwarded-* are set. A service that is down, too slow or broken gets a
503 / 504 / 502 problem+json naming it, never a hang or a 500.

:func:`forward` reads as its steps: refuse early (internal path, open breaker),
the request head, the body policy (none, read whole, or streamed; the size
limit is :class:`~services.gateway.body.BodyLimit`'s), the upstream call (one
retry when replayable) and the response relay.
"""

from __future__ import annotations

import logging
import posixpath
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from services.common.context import current_request_id
from services.common.errors import Problem, problem_response
from services.common.middleware import LATENCY_BUCKETS
from services.gateway.body import BodyLimit, BodyTooLarge
from services.gateway.http1 import Answer, ConnectFailed, Disconnected, Pool, UpstreamError
from services.gateway.upstream import Overloaded, Upstream

logger = logging.getLogger("mim.gateway.proxy")

HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"trailers",
        b"transfer-encoding",
        b"upgrade",
    }
)
# Request headers the gateway sets itself (or must not pass on).
_REQUEST_DROP = HOP_BY_HOP | {
    b"host",
    b"content-length",
    b"expect",
    b"x-request-id",
    b"x-forwarded-for",
    b"x-forwarded-host",
    b"x-forwarded-proto",
    b"x-api-key",
}
_RESPONSE_DROP = HOP_BY_HOP | {b"date", b"server", b"x-request-id"}
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_NO_BODY_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})
# Bodies up to this size are read whole (faster, and replayable for a retry); larger ones stream.
BUFFER_LIMIT = 64 * 1024


# A service's own endpoints that are not part of its public API: the gateway does not forward
# them (its own /healthz, /readyz and the merged /docs and /openapi.json are the public ones;
# /metrics need a token and are read on each process's own port).
INTERNAL_PATHS = frozenset(
    {"/metrics", "/healthz", "/readyz", "/docs", "/redoc", "/openapi.json", "/internal"}
)
_INTERNAL_PREFIXES = ("/docs/", "/redoc/", "/internal/")  # /internal/*: the change feeds


def is_internal(path: str) -> bool:
    """True for a service path (decoded, after the /api/<service> prefix) that stays internal.

    Compared the way the service's router will see it: repeated slashes, dot segments and a
    trailing slash do not hide a path (uvicorn has already decoded %-escapes in ``path``).
    """
    normal = posixpath.normpath("/" + path.lstrip("/")) if path else "/"
    normal = "/" + normal.lstrip("/")
    return normal in INTERNAL_PATHS or normal.startswith(_INTERNAL_PREFIXES)


class UpstreamMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.requests = Counter(
            "gateway_upstream_requests_total",
            "Requests forwarded to a service, by outcome",
            ["upstream", "method", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "gateway_upstream_duration_seconds",
            "Time from forwarding a request to having the service's answer",
            ["upstream", "method"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        # Labelled series, looked up once (``labels()`` takes a lock and builds keys each call).
        self._counters: dict[tuple[str, str, str], Any] = {}
        self._timers: dict[tuple[str, str], Any] = {}

    def count(self, upstream: str, method: str, outcome: str) -> None:
        key = (upstream, method, outcome)
        counter = self._counters.get(key)
        if counter is None:
            counter = self._counters[key] = self.requests.labels(upstream, method, outcome)
        counter.inc()

    def observe(self, upstream: str, method: str, seconds: float) -> None:
        key = (upstream, method)
        timer = self._timers.get(key)
        if timer is None:
            timer = self._timers[key] = self.latency.labels(upstream, method)
        timer.observe(seconds)


@dataclass(frozen=True)
class ProxyRoute:
    """Stands in for a Starlette route so metrics and logs label proxied calls by template."""

    path: str


class UpstreamFailure(Exception):
    """The service could not give an answer: 502, 503 or 504, naming it."""

    def __init__(self, status: int, detail: str, slug: str, *, retryable: bool = False) -> None:
        super().__init__(detail)
        self.status, self.detail, self.slug, self.retryable = status, detail, slug, retryable

    def response(self, service: str) -> Response:
        headers = {"Retry-After": "1"} if self.status == 503 else None
        return _service_problem(self.status, service, self.detail, self.slug, headers)


@dataclass
class RequestHead:
    """What is forwarded of the request line and headers, and what they say of the body."""

    headers: list[tuple[str, str]] = field(default_factory=list)
    content_length: int | None = None
    chunked: bool = False


def _service_problem(
    status: int, service: str, detail: str, slug: str, headers: dict[str, str] | None = None
) -> Response:
    return problem_response(
        status=status, detail=detail, slug=slug, headers=headers, extra={"service": service}
    )


async def forward(
    *,
    scope: Scope,
    receive: Receive,
    send: Send,
    upstream: Upstream,
    subpath: bytes,
    authorization: str | None,
    max_body: int,
    metrics: UpstreamMetrics,
    client_address: str,
) -> None:
    """Forward the request in ``scope`` to ``upstream`` at ``subpath`` and relay the answer."""
    method: str = scope["method"]
    log_extra = scope.setdefault("state", {}).setdefault("log_extra", {})
    log_extra["upstream"] = upstream.name
    refusal = _refusal(scope, upstream, subpath)
    if refusal is not None:
        outcome, response = refusal
        metrics.count(upstream.name, method, outcome)
        await response(scope, receive, send)
        return

    head = _request_head(scope, authorization, client_address)
    limit = BodyLimit(receive, max_body, declared=head.content_length)
    admission = upstream.admission
    admitted = False
    started = time.perf_counter()
    sent_at = time.monotonic()
    try:
        data = await _request_body(head, method, limit)
        started = time.perf_counter()
        await admission.enter()
        admitted = True
        target = _upstream_target(scope, subpath)
        sent_at = time.monotonic()
        resp = await _call_upstream(upstream, method, target, head, data, limit)
        status = await _relay_answer(scope, send, resp, upstream, method, limit)
    except Problem as problem:  # the body: too large, or an unreadable length
        await problem.to_response()(scope, receive, send)
        return
    except ConnectionResetError:  # the client went away while sending its body
        return
    except Overloaded as overloaded:  # says nothing about the service's health
        log_extra["upstream_error"] = f"overloaded:{overloaded.reason}"
        await _overloaded(upstream, overloaded.reason)(scope, receive, send)
        metrics.count(upstream.name, method, "overloaded")
        return
    except UpstreamFailure as failure:
        if failure.status != 504 or upstream.last_answer_at < sent_at:
            upstream.breaker.record_failure()  # not a time-out while the service answered others
        log_extra["upstream_error"] = failure.slug
        status = failure.status
        await failure.response(upstream.name)(scope, receive, send)
    else:
        if status >= 500 and status != 503:  # the service's own failure (503: busy, alive)
            upstream.breaker.record_failure()
        else:
            upstream.breaker.record_success()
        log_extra["upstream_status"] = status
    finally:
        if admitted:
            admission.leave()
    elapsed = time.perf_counter() - started
    metrics.count(upstream.name, method, str(status))
    metrics.observe(upstream.name, method, elapsed)
    log_extra["upstream_ms"] = round(elapsed * 1000, 2)


def _overloaded(upstream: Upstream, reason: str) -> Response:
    """503 when the gateway's queue for the service is full or a request waited too long in it."""
    admission = upstream.admission
    if reason == "queue-full":
        detail = (
            f"The {upstream.name} service is overloaded: {admission.queue_limit} requests are "
            "already waiting for it. Retry shortly."
        )
    else:
        detail = (
            f"The {upstream.name} service is overloaded: the request waited "
            f"{admission.queue_seconds:g} s for its turn. Retry shortly."
        )
    return _service_problem(503, upstream.name, detail, "service-unavailable", {"Retry-After": "2"})


def _refusal(scope: Scope, upstream: Upstream, subpath: bytes) -> tuple[str, Response] | None:
    """A request the gateway answers without calling the service: (metrics outcome, answer)."""
    path: str = scope.get("path", "")
    prefix = f"/api/{upstream.name}"
    if is_internal(path[len(prefix) :] if path.startswith(prefix) else subpath.decode("latin-1")):
        return "internal", problem_response(status=404, detail="Not Found", slug="not-found")
    if not upstream.breaker.allow():
        detail = (
            f"The {upstream.name} service is unavailable; the gateway is not sending it requests for now."
        )
        retry_after = upstream.breaker.retry_after()
        headers = {"Retry-After": str(retry_after)} if retry_after else None
        return "circuit-open", _service_problem(503, upstream.name, detail, "service-unavailable", headers)
    return None


def _request_head(scope: Scope, authorization: str | None, client_address: str) -> RequestHead:
    """The headers to forward (end-to-end ones, plus what the gateway vouches for)."""
    head = RequestHead()
    host = None
    for raw_name, raw_value in scope["headers"]:
        if raw_name == b"content-length":
            head.content_length = _content_length(raw_value)
        elif raw_name == b"transfer-encoding":
            head.chunked = b"chunked" in raw_value.lower()
        elif raw_name == b"host":
            host = raw_value.decode("latin-1")
        if raw_name in _REQUEST_DROP or (raw_name == b"authorization" and authorization is not None):
            continue
        head.headers.append((raw_name.decode("latin-1"), raw_value.decode("latin-1")))
    # The client as the gateway resolved it (right-most untrusted hop), not the caller's own header.
    head.headers.append(("X-Forwarded-For", client_address))
    head.headers.append(("X-Forwarded-Proto", scope.get("scheme", "http")))
    if host:
        head.headers.append(("X-Forwarded-Host", host))
    request_id = current_request_id()
    if request_id:
        head.headers.append(("X-Request-ID", request_id))
    if authorization is not None:
        head.headers.append(("Authorization", authorization))
    if head.content_length is not None and head.content_length > BUFFER_LIMIT:
        head.headers.append(("Content-Length", str(head.content_length)))  # it will stream
    return head


def _content_length(raw_value: bytes) -> int:
    try:
        return int(raw_value)
    except ValueError:
        return -1


async def _request_body(
    head: RequestHead, method: str, limit: BodyLimit
) -> bytes | AsyncIterator[bytes] | None:
    """The body policy: none, read whole when small (replayable for a retry), else streamed."""
    if head.content_length is not None and head.content_length < 0:
        raise Problem("Content-Length is not a number.", status=400, slug="bad-request")
    limit.check_declared()
    if head.content_length is None and not head.chunked:
        return None if method in _NO_BODY_METHODS else b""
    if head.content_length is not None and head.content_length <= BUFFER_LIMIT:
        return await limit.read_all()
    return limit.stream()


def _upstream_target(scope: Scope, subpath: bytes) -> str:
    """Path and query as the client encoded them."""
    query = scope.get("query_string", b"")
    if query:
        return subpath.decode("latin-1") + "?" + query.decode("latin-1")
    return subpath.decode("latin-1")


def _pool(upstream: Upstream) -> Pool:
    if upstream.pool is None:  # opened by the gateway's start-up (main.resources)
        raise UpstreamFailure(503, f"The {upstream.name} service is unavailable.", "service-unavailable")
    return upstream.pool


async def _call_upstream(
    upstream: Upstream,
    method: str,
    target: str,
    head: RequestHead,
    data: bytes | AsyncIterator[bytes] | None,
    limit: BodyLimit,
) -> Answer:
    """The service's answer (status and headers); a replayable request is tried twice."""
    attempts = 2 if method in IDEMPOTENT and not isinstance(data, AsyncIterator) else 1
    seconds = upstream.seconds_for(method)
    pool = _pool(upstream)
    for attempt in range(1, attempts + 1):
        try:
            resp = await pool.request(
                method, target, head.headers, data, total=seconds, connect=upstream.connect_seconds
            )
            upstream.last_answer_at = time.monotonic()
            return resp
        except ValueError as exc:  # a line break in a header: uvicorn lets none through
            raise Problem("The request head cannot be forwarded.", status=400, slug="bad-request") from exc
        except (UpstreamError, TimeoutError) as exc:
            if limit.exceeded:  # an upload over the limit may end as a broken connection
                raise BodyTooLarge(limit.limit) from exc
            failure = _failure(exc, upstream, seconds)
            if not failure.retryable or attempt == attempts:
                raise failure from exc
        logger.info("retrying idempotent request", extra={"upstream": upstream.name, "method": method})
    raise AssertionError("unreachable")  # pragma: no cover


def _failure(exc: BaseException, upstream: Upstream, seconds: float) -> UpstreamFailure:
    """What a failed call means for the client (ClientConnectorError is a ClientOSError: first)."""
    name = upstream.name
    if isinstance(exc, ConnectFailed):
        return UpstreamFailure(
            503, f"The {name} service is unavailable.", "service-unavailable", retryable=True
        )
    if isinstance(exc, Disconnected):
        detail = f"The {name} service closed the connection: {type(exc).__name__}."
        return UpstreamFailure(502, detail, "bad-gateway", retryable=True)
    if isinstance(exc, TimeoutError):
        return _timed_out(upstream, seconds)
    return UpstreamFailure(
        502, f"The {name} service gave an invalid answer: {type(exc).__name__}.", "bad-gateway"
    )


def _timed_out(upstream: Upstream, seconds: float) -> UpstreamFailure:
    detail = f"The {upstream.name} service did not answer within {seconds:g} s."
    return UpstreamFailure(504, detail, "gateway-timeout")


async def _relay_answer(
    scope: Scope, send: Send, resp: Answer, upstream: Upstream, method: str, limit: BodyLimit
) -> int:
    """Send the service's answer on (the client's, unless its upload broke the limit); its status."""
    try:
        if limit.exceeded:
            # Whatever the connection made of the aborted upload, the cause is the body size.
            raise BodyTooLarge(limit.limit)
        await _stream_response(scope, send, resp, upstream, method)
        return resp.status
    finally:
        resp.release()


def _public_location(value: bytes, service: str) -> bytes:
    """A service's ``Location: /imports/7`` is relative to its own root: give the public path."""
    if value.startswith(b"/") and not value.startswith(b"//"):
        return f"/api/{service}".encode() + value
    return value


async def _stream_response(scope: Scope, send: Send, resp: Answer, upstream: Upstream, method: str) -> None:
    headers = [
        (k.lower(), _public_location(v, upstream.name) if k.lower() == b"location" else v)
        for k, v in resp.raw_headers
        if k.lower() not in _RESPONSE_DROP
    ]
    start: Message = {"type": "http.response.start", "status": resp.status, "headers": headers}
    if method == "HEAD" or resp.status in (204, 304):
        await send(start)
        await send({"type": "http.response.body", "body": b""})
        return
    length = resp.content_length
    if length is not None and length <= BUFFER_LIMIT:
        # Small answer: read it whole first, so a slow or broken body still gets a clean problem.
        body = await _read_answer(resp, upstream)
        await send(start)
        await send({"type": "http.response.body", "body": body})
        return
    await send(start)
    # Past this point the status is sent: a failure can only cut the stream short.
    async for chunk in resp.iter_chunks():
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


async def _read_answer(resp: Answer, upstream: Upstream) -> bytes:
    try:
        return await resp.read()
    except TimeoutError as exc:
        raise _timed_out(upstream, upstream.seconds_for(resp.method)) from exc
    except UpstreamError as exc:
        raise UpstreamFailure(
            502, f"The {upstream.name} service broke off its answer.", "bad-gateway"
        ) from exc
