"""Liveness, readiness and metrics endpoints present on every process."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from starlette.responses import Response

from services.common.errors import ServiceUnavailable

READY_TIMEOUT_SECONDS = 2.0


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
        return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return router
