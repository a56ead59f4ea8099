"""Rate limits (429 + Retry-After), CORS and the access log, in-process on a clean database."""

from __future__ import annotations

import json
import logging

import pytest

from services.gateway.config import GatewaySettings
from services.gateway.limits import MemoryLimiter, Rate
from services.gateway.main import create_app
from tests.conftest import asgi_client
from tests.gateway.conftest import ADMIN_EMAIL, ADMIN_PASSWORD

# Windows are fixed and aligned to the clock: a "/minute" limit resets at every minute, and a
# loaded machine's sign-ins (argon2) can straddle one. A window of about ten years never does here.
LONG = 10 * 365 * 86400


def _app(settings: GatewaySettings, **changes: object):  # type: ignore[no-untyped-def]
    return create_app(settings.model_copy(update=changes))


async def test_sign_in_is_limited_per_client_with_retry_after(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    app = _app(gateway_settings, rate_limit_signin=f"3/{LONG}")
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        body = {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
        statuses = [(await client.post("/api/auth/token", json=body)).status_code for _ in range(3)]
        assert statuses == [401, 401, 401]
        limited = await client.post("/api/auth/token", json=body)
        assert limited.status_code == 429
        assert limited.headers["content-type"] == "application/problem+json"
        assert 1 <= int(limited.headers["retry-after"]) <= LONG
        assert "sign-in" in limited.json()["detail"]
        # Another client (behind the trusted frontend) still gets through; reads are not on that rule.
        other = await client.post("/api/auth/token", json=body, headers={"X-Forwarded-For": "203.0.113.9"})
        assert other.status_code == 401
        assert (await client.get("/healthz")).status_code == 200


async def test_default_limit_applies_to_the_whole_api(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    app = _app(gateway_settings, rate_limit_default=f"5/{LONG}")
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        statuses = [(await client.get("/api/auth/me")).status_code for _ in range(6)]
        assert statuses == [401] * 5 + [429]
        # Proxied paths share the budget (the service is down here; the limit answers first).
        assert (await client.get("/api/registry/regions")).status_code == 429


async def test_rsvp_creation_has_its_own_stricter_rule(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    app = _app(gateway_settings, rate_limit_rsvp=f"2/{LONG}")
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        statuses = [(await client.post("/api/events/events/3/rsvps", json={})).status_code for _ in range(3)]
        # Events is down in this test: 503 until the RSVP rule trips.
        assert statuses[:2] == [503, 503] and statuses[2] == 429
        assert (await client.get("/api/events/events/3")).status_code == 503  # reads unaffected


async def test_limits_can_be_turned_off(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    app = _app(gateway_settings, rate_limit_default="1/minute", rate_limit_enabled=False)
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        assert {(await client.get("/api/auth/me")).status_code for _ in range(3)} == {401}


async def test_memory_limiter_windows() -> None:
    limiter = MemoryLimiter()
    rate = Rate.parse("2/second")
    assert [await limiter.hit("r", rate, "a") for _ in range(2)] == [None, None]
    assert await limiter.hit("r", rate, "a") == 1
    assert await limiter.hit("r", rate, "b") is None
    with pytest.raises(ValueError):
        Rate.parse("ten per minute")


async def test_cors_is_configurable(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    app = _app(gateway_settings, cors_origins="https://portal.example.ma")
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        preflight = await client.options(
            "/api/registry/regions",
            headers={"Origin": "https://portal.example.ma", "Access-Control-Request-Method": "GET"},
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://portal.example.ma"
        other = await client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


async def test_access_log_is_json_with_upstream_and_latency(gateway_settings, capsys) -> None:  # type: ignore[no-untyped-def]
    app = _app(gateway_settings, log_level="INFO")
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        await client.get("/api/registry/regions", headers={"X-Request-ID": "log-me-1"})
    logging.getLogger().handlers[0].flush()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    access = [e for e in lines if e.get("logger") == "mim.access" and e.get("request_id") == "log-me-1"]
    assert access, lines
    entry = access[0]
    assert entry["upstream"] == "registry" and entry["status"] == 503
    assert entry["route"] == "/api/registry/{path}"
    assert isinstance(entry["duration_ms"], float) and "upstream_ms" in entry
