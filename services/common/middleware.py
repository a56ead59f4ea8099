"""Pure ASGI middleware (no BaseHTTPMiddleware: it costs a task per request).

RequestContextMiddleware accepts or makes a request id, echoes it, logs one
JSON access line per request and records Prometheus metrics by route template.
"""

from __future__ import annotations

import logging
import os
import re
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.context import REQUEST_ID_HEADER, request_id_var

access_logger = logging.getLogger("mim.access")

_HEADER = REQUEST_ID_HEADER.lower().encode()
_VALID_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
# Private tokens travel in some paths (a guest's RSVP manage link): never write them to a log.
_PRIVATE_PATH_SEGMENT = re.compile(r"(/rsvps/)[^/]+")


def loggable_path(path: str) -> str:
    return _PRIVATE_PATH_SEGMENT.sub(r"\1[redacted]", path)


LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """Per-app Prometheus registry (several apps can live in one test process)."""

    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "http_requests_total",
            "HTTP requests answered",
            ["service", "method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "Time to answer an HTTP request",
            ["service", "method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.service = service
        self._answered: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answer and its time (the labelled series are looked up once, then kept)."""
        key = (method, route, status)
        series = self._answered.get(key)
        if series is None:
            series = self._answered[key] = (
                self.requests.labels(self.service, method, route, str(status)),
                self.latency.labels(self.service, method, route),
            )
        series[0].inc()
        series[1].observe(seconds)


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, *, metrics: Metrics, quiet_paths: tuple[str, ...] = ()) -> None:
        self.app = app
        self.metrics = metrics
        self.quiet_paths = quiet_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = None
        for name, value in scope["headers"]:
            if name == _HEADER:
                incoming = value.decode("latin-1")
                break
        # A new id: 128 random bits in hex, as uuid4().hex would give without building a UUID.
        request_id = incoming if incoming and _VALID_ID.match(incoming) else os.urandom(16).hex()
        # Not reset afterwards: each request runs in its own task/context, and the
        # outer error handler still needs the id to put it in a 500 problem.
        request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        status_holder: dict[str, Any] = {"status": 500}
        started = time.perf_counter()
        raw_id = request_id.encode()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != _HEADER]
                headers.append((_HEADER, raw_id))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            method = scope["method"]
            status = status_holder["status"]
            self.metrics.observe(method, route, status, elapsed)
            path = scope["path"]
            if path not in self.quiet_paths and access_logger.isEnabledFor(logging.INFO):
                path = loggable_path(path)
                access_logger.info(
                    "request",
                    extra={
                        "method": method,
                        "path": path,
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                        **scope.get("state", {}).get("log_extra", {}),
                    },
                )
