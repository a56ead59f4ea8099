"""The gateway tells a service the client it resolved, never the caller's own X-Forwarded-For."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from services.gateway.main import create_app
from tests.frontend.conftest import _thread_server
from tests.support.servers import free_port


async def _echo(request: Request) -> JSONResponse:
    return JSONResponse({"xff": request.headers.get("x-forwarded-for")})


async def _openapi(_request: Request) -> JSONResponse:
    return JSONResponse({"openapi": "3.1.0", "info": {"title": "echo", "version": "1"}, "paths": {}})


@pytest.fixture
def echo_url() -> Iterator[str]:
    app = Starlette(
        routes=[
            Route("/healthz", lambda _r: JSONResponse({"status": "ok"})),
            Route("/openapi.json", _openapi),
            Route("/echo", _echo),
        ]
    )
    port = free_port()
    with _thread_server(app, port):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    ("peer", "sent", "seen"),
    [
        ("127.0.0.1", "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # trusted peer: right-most untrusted
        ("198.51.100.7", "6.6.6.6", "198.51.100.7"),  # untrusted peer: its header is ignored
        ("127.0.0.1", None, "127.0.0.1"),
    ],
)
async def test_the_service_is_told_the_resolved_client(
    gateway_settings, echo_url: str, peer: str, sent: str | None, seen: str
) -> None:  # type: ignore[no-untyped-def]
    app = create_app(gateway_settings.model_copy(update={"registry_url": echo_url}))
    headers = {"X-Forwarded-For": sent} if sent else {}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=(peer, 40000)), base_url="http://gw.test"
        ) as client,
    ):
        response = await client.get("/api/registry/echo", headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["xff"] == seen
