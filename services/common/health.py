"""Liveness, readiness and metrics endpoints present on every process."""

from __future__ import annotations

import asyncio
import hmac
import os
import shutil
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from pydantic import BaseModel
from starlette.responses import Response

from services.common.errors import ServiceUnavailable, problem_response

READY_TIMEOUT_SECONDS = 2.0
# prometheus_client's multi-process mode: each worker process writes its metrics to files there.
MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"


@contextmanager
def shared_metrics(service: str, workers: int) -> Iterator[None]:
    """Several workers behind one port: /metrics answers the sum of all, whichever answers.

    Workers inherit the directory through the environment; it is made fresh (the mode needs
    an empty one) and removed when the server stops. A directory set by the operator is kept.
    """
    if workers == 1 or os.environ.get(MULTIPROCESS_DIR_ENV):
        yield
        return
    directory = tempfile.mkdtemp(prefix=f"mim-{service}-metrics-")
    os.environ[MULTIPROCESS_DIR_ENV] = directory
    try:
        yield
    finally:
        os.environ.pop(MULTIPROCESS_DIR_ENV, None)
        shutil.rmtree(directory, ignore_errors=True)


def metrics_refusal(request: Request) -> Response | None:
    """Why this caller may not read /metrics (a 401 or 404 answer), or None when it may.

    With ``MIM_METRICS_TOKEN`` set, only ``Authorization: Bearer <token>`` reads them. Unset,
    they are open in development and test and closed in production (they tell an outsider
    about traffic, errors and internal routes).
    """
    settings = request.app.state.settings
    token = settings.metrics_token
    if token is None:
        if settings.environment == "production":
            return problem_response(status=404, detail="Not Found", slug="not-found")
        return None
    scheme, _, given = (request.headers.get("authorization") or "").partition(" ")
    expected = token.get_secret_value().encode()
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected):
        return None
    return problem_response(
        status=401,
        detail="The metrics need Authorization: Bearer <MIM_METRICS_TOKEN>.",
        slug="unauthorized",
        headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
    )


def metrics_response(request: Request) -> Response:
    """The process's own metrics, or every worker's summed when it is one of several."""
    refused = metrics_refusal(request)
    if refused is not None:
        return refused
    registry = request.app.state.metrics.registry
    if os.environ.get(MULTIPROCESS_DIR_ENV):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


class Health(BaseModel):
    status: str
    service: str
    checks: dict[str, str] = {}


ReadinessCheck = Callable[[Request], Awaitable[dict[str, str]]]


def health_router(service: str, readiness: ReadinessCheck) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="Liveness: the process answers")
    async def healthz() -> Health:
        return Health(status="ok", service=service)

    @router.get(
        "/readyz",
        summary="Readiness: dependencies (database, upstreams) are reachable",
        responses={503: {"description": "Not ready"}},
    )
    async def readyz(request: Request) -> Health:
        try:
            checks = await asyncio.wait_for(readiness(request), READY_TIMEOUT_SECONDS)
        except Exception as exc:
            raise ServiceUnavailable(f"{service} is not ready: {type(exc).__name__}") from exc
        if any(v != "ok" for v in checks.values()):
            failing = ", ".join(k for k, v in checks.items() if v != "ok")
            raise ServiceUnavailable(
                f"{service} is not ready: {failing} unavailable", extra={"checks": checks}
            )
        return Health(status="ok", service=service, checks=checks)

    @router.get("/metrics", include_in_schema=False)
    async def metrics(request: Request) -> Response:
        return metrics_response(request)

    return router
