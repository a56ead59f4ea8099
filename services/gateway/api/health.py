"""Liveness, readiness (database and each service) and Prometheus metrics."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import Response

from services.common.db import ping
from services.common.errors import ServiceUnavailable
from services.common.health import metrics_response
from services.gateway.upstream import probe

router = APIRouter(tags=["health"])


class GatewayHealth(BaseModel):
    status: str
    service: str = "gateway"
    checks: dict[str, str] = {}


@router.get("/healthz", summary="Liveness: the gateway answers")
async def healthz() -> GatewayHealth:
    return GatewayHealth(status="ok")


@router.get(
    "/readyz",
    summary="Readiness: the gateway's database, and the state of every service",
    responses={503: {"description": "The gateway's own database is unreachable"}},
)
async def readyz(request: Request) -> GatewayHealth:
    """200 while the gateway can work (its database answers); each service is reported as
    ``ok``, ``unavailable`` or ``circuit-open``, and ``status`` is ``degraded`` when one is not ok."""
    upstreams = request.app.state.upstreams
    results = await asyncio.gather(
        asyncio.wait_for(ping(request.app.state.engine), 2.0),
        *(probe(request.app.state.http, u) for u in upstreams.values()),
        return_exceptions=True,
    )
    checks = {"database": "ok" if results[0] is None else "unavailable"}
    for upstream, ok in zip(upstreams.values(), results[1:], strict=True):
        if ok is True:
            checks[upstream.name] = "ok"
        else:
            checks[upstream.name] = "circuit-open" if upstream.breaker.state == "open" else "unavailable"
    if checks["database"] != "ok":
        raise ServiceUnavailable("The gateway's database is unreachable.", extra={"checks": checks})
    status = "ok" if all(v == "ok" for v in checks.values()) else "degraded"
    return GatewayHealth(status=status, checks=checks)


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    return metrics_response(request)
