"""Forward one request to a service and its answer back, as a pure ASGI handler.

Method, path (raw, as the client encoded it), query, body, status and headers
pass through; hop-by-hop headers are stripped; the request id and
X-Forwarded-* are set. A service that is down, too slow or broken gets a
503 / 504 / 502 problem+json naming it, never a hang or a 500.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import Message, Receive, Scope, Send
from yarl import URL

from services.common.context import current_request_id
from services.common.errors import problem_response
from services.common.middleware import LATENCY_BUCKETS
from services.gateway.upstream import Upstream

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


class BodyTooLarge(Exception):
    pass


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


@dataclass(frozen=True)
class ProxyRoute:
    """Stands in for a Starlette route so metrics and logs label proxied calls by template."""

    path: str


def client_host(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionResetError("client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _stream_body(receive: Receive, limit: int, state: dict[str, bool]) -> AsyncIterator[bytes]:
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionResetError("client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            state["too_large"] = True
            raise BodyTooLarge
        if chunk:
            yield chunk
        if not message.get("more_body", False):
            return


def _problem(status: int, upstream: str, detail: str, slug: str, retry_after: int | None = None):  # type: ignore[no-untyped-def]
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return problem_response(
        status=status, detail=detail, slug=slug, headers=headers, extra={"service": upstream}
    )


async def forward(
    *,
    scope: Scope,
    receive: Receive,
    send: Send,
    session: aiohttp.ClientSession,
    upstream: Upstream,
    subpath: bytes,
    authorization: str | None,
    max_body: int,
    metrics: UpstreamMetrics,
) -> None:
    """Forward the request in ``scope`` to ``upstream`` at ``subpath`` and relay the answer."""
    method: str = scope["method"]
    name = upstream.name
    log_extra = scope.setdefault("state", {}).setdefault("log_extra", {})
    log_extra["upstream"] = name

    if not upstream.breaker.allow():
        metrics.requests.labels(name, method, "circuit-open").inc()
        response = _problem(
            503,
            name,
            f"The {name} service is unavailable; the gateway is not sending it requests for now.",
            "service-unavailable",
            upstream.breaker.retry_after(),
        )
        await response(scope, receive, send)
        return

    headers: list[tuple[str, str]] = []
    content_length: int | None = None
    chunked = False
    forwarded_for = None
    host = None
    for raw_name, raw_value in scope["headers"]:
        if raw_name == b"content-length":
            try:
                content_length = int(raw_value)
            except ValueError:
                content_length = -1
        elif raw_name == b"transfer-encoding":
            chunked = b"chunked" in raw_value.lower()
        elif raw_name == b"x-forwarded-for":
            forwarded_for = raw_value.decode("latin-1")
        elif raw_name == b"host":
            host = raw_value.decode("latin-1")
        if raw_name in _REQUEST_DROP or (raw_name == b"authorization" and authorization is not None):
            continue
        headers.append((raw_name.decode("latin-1"), raw_value.decode("latin-1")))
    peer = client_host(scope)
    headers.append(("X-Forwarded-For", f"{forwarded_for}, {peer}" if forwarded_for else peer))
    headers.append(("X-Forwarded-Proto", scope.get("scheme", "http")))
    if host:
        headers.append(("X-Forwarded-Host", host))
    request_id = current_request_id()
    if request_id:
        headers.append(("X-Request-ID", request_id))
    if authorization is not None:
        headers.append(("Authorization", authorization))

    if content_length is not None and (content_length < 0 or content_length > max_body):
        response = problem_response(
            status=413 if content_length > 0 else 400,
            detail=f"The request body may not exceed {max_body} bytes."
            if content_length > 0
            else "Content-Length is not a number.",
            slug="payload-too-large" if content_length > 0 else "bad-request",
        )
        await response(scope, receive, send)
        return

    stream_state: dict[str, bool] = {}
    data: bytes | AsyncIterator[bytes] | None
    try:
        if content_length is None and not chunked:
            data = None if method in _NO_BODY_METHODS else b""
        elif content_length is not None and content_length <= BUFFER_LIMIT:
            data = await _read_body(receive, max_body)
        else:
            data = _stream_body(receive, max_body, stream_state)
            if content_length is not None:
                headers.append(("Content-Length", str(content_length)))
    except BodyTooLarge:
        response = problem_response(
            status=413, detail=f"The request body may not exceed {max_body} bytes.", slug="payload-too-large"
        )
        await response(scope, receive, send)
        return
    except ConnectionResetError:
        return

    query = scope.get("query_string", b"")
    raw_url = upstream.base_url + subpath.decode("latin-1")
    if query:
        raw_url += "?" + query.decode("latin-1")
    url = URL(raw_url, encoded=True)
    replayable = method in IDEMPOTENT and not isinstance(data, AsyncIterator)

    started = time.perf_counter()
    attempts = 2 if replayable else 1
    resp: aiohttp.ClientResponse | None = None
    failure: tuple[int, str, str] | None = None
    for attempt in range(attempts):
        try:
            resp = await session.request(
                method, url, headers=headers, data=data, timeout=upstream.timeout, allow_redirects=False
            )
            failure = None
            break
        except BodyTooLarge:
            failure = (413, f"The request body may not exceed {max_body} bytes.", "payload-too-large")
            break
        except aiohttp.ClientConnectorError:
            failure = (503, f"The {name} service is unavailable.", "service-unavailable")
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
            if stream_state.get("too_large"):
                failure = (413, f"The request body may not exceed {max_body} bytes.", "payload-too-large")
                break
            failure = (502, f"The {name} service closed the connection: {type(exc).__name__}.", "bad-gateway")
        except TimeoutError:
            failure = (
                504,
                f"The {name} service did not answer within {upstream.seconds:g} s.",
                "gateway-timeout",
            )
            break
        except aiohttp.ClientError as exc:
            failure = (
                502,
                f"The {name} service gave an invalid answer: {type(exc).__name__}.",
                "bad-gateway",
            )
            break
        if attempt + 1 < attempts:
            logger.info("retrying idempotent request", extra={"upstream": name, "method": method})

    if stream_state.get("too_large"):
        # Whatever error aiohttp reports for the aborted upload, the cause is the body size.
        failure = (413, f"The request body may not exceed {max_body} bytes.", "payload-too-large")

    if failure is not None or resp is None:
        status, detail, slug = failure or (502, f"The {name} service failed.", "bad-gateway")
        if status in (503, 504, 502):
            upstream.breaker.record_failure()
        elapsed = time.perf_counter() - started
        metrics.requests.labels(name, method, str(status)).inc()
        metrics.latency.labels(name, method).observe(elapsed)
        log_extra["upstream_ms"] = round(elapsed * 1000, 2)
        log_extra["upstream_error"] = slug
        retry_after = 1 if status == 503 else None
        await _problem(status, name, detail, slug, retry_after)(scope, receive, send)
        return

    try:
        await _relay(scope, send, resp, upstream, method)
        upstream.breaker.record_success()
    except _UpstreamBodyError as exc:
        status = 504 if exc.timeout else 502
        upstream.breaker.record_failure()
        detail = (
            f"The {name} service did not answer within {upstream.seconds:g} s."
            if exc.timeout
            else f"The {name} service broke off its answer."
        )
        metrics.requests.labels(name, method, str(status)).inc()
        await _problem(status, name, detail, "gateway-timeout" if exc.timeout else "bad-gateway")(
            scope, receive, send
        )
        return
    finally:
        resp.release()
    elapsed = time.perf_counter() - started
    metrics.requests.labels(name, method, str(resp.status)).inc()
    metrics.latency.labels(name, method).observe(elapsed)
    log_extra["upstream_status"] = resp.status
    log_extra["upstream_ms"] = round(elapsed * 1000, 2)


class _UpstreamBodyError(Exception):
    def __init__(self, *, timeout: bool) -> None:
        self.timeout = timeout


async def _relay(
    scope: Scope, send: Send, resp: aiohttp.ClientResponse, upstream: Upstream, method: str
) -> None:
    headers = [(k.lower(), v) for k, v in resp.raw_headers if k.lower() not in _RESPONSE_DROP]
    length = resp.content_length
    if method == "HEAD" or resp.status in (204, 304):
        await send({"type": "http.response.start", "status": resp.status, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    if length is not None and length <= BUFFER_LIMIT:
        # Small answer: read it whole first, so a slow or broken body still gets a clean problem.
        try:
            body = await resp.read()
        except TimeoutError as exc:
            raise _UpstreamBodyError(timeout=True) from exc
        except aiohttp.ClientError as exc:
            raise _UpstreamBodyError(timeout=False) from exc
        await send({"type": "http.response.start", "status": resp.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return
    start: Message = {"type": "http.response.start", "status": resp.status, "headers": headers}
    await send(start)
    # Past this point the status is sent: a failure can only cut the stream short.
    async for chunk in resp.content.iter_chunked(64 * 1024):
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})
