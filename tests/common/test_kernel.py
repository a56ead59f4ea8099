"""The shared kernel: tokens, problem answers, request ids, health."""

from __future__ import annotations

import time

import httpx
import jwt
import pytest
from fastapi import APIRouter

from services.common.app import create_service_app
from services.common.auth import Role, Staff, issue_token, verify_token
from services.common.config import DEV_JWT_SECRET, ServiceSettings
from services.common.errors import Unauthorized
from tests.support.tokens import bearer


def test_token_round_trip_keeps_claims() -> None:
    settings = ServiceSettings()
    token = issue_token(settings, sub="42", role=Role.exporter, exporter_id=7)
    principal = verify_token(settings, token)
    assert (principal.sub, principal.role, principal.exporter_id) == ("42", Role.exporter, 7)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t[:-3] + ("aaa" if not t.endswith("aaa") else "bbb"),  # signature changed
        lambda t: jwt.encode(
            {**jwt.decode(t, options={"verify_signature": False}), "role": "admin"},
            "other-key-0123456789-0123456789-xx",
            algorithm="HS256",
        ),
        lambda t: jwt.encode(
            {**jwt.decode(t, options={"verify_signature": False}), "exp": int(time.time()) - 5},
            DEV_JWT_SECRET,
            algorithm="HS256",
        ),
    ],
    ids=["bad-signature", "other-key", "expired"],
)
def test_tampered_or_expired_tokens_are_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    settings = ServiceSettings()
    token = issue_token(settings, sub="1", role=Role.organiser)
    with pytest.raises(Unauthorized):
        verify_token(settings, tamper(token))


def test_production_refuses_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIM_ENV", "production")
    monkeypatch.setenv("MIM_PUBLIC_URL", "https://www.example.ma")
    monkeypatch.delenv("MIM_JWT_SECRET", raising=False)
    with pytest.raises(ValueError, match="MIM_JWT_SECRET"):
        ServiceSettings()
    monkeypatch.setenv("MIM_JWT_SECRET", "x" * 40)
    assert ServiceSettings().environment == "production"


@pytest.fixture
async def kernel_client(databases) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    router = APIRouter()

    @router.post("/staff-only")
    async def staff_only(principal: Staff) -> dict[str, str]:
        return {"sub": principal.sub}

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internal detail")

    settings = ServiceSettings(database_url=databases.fresh_url("registry"), log_level="CRITICAL")
    app = create_service_app(
        name="kernel", title="t", description="t", version="0", settings=settings, routers=[router]
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t"
    ) as client:
        yield client
    await app.state.engine.dispose()


async def test_writes_need_a_valid_token_and_the_right_role(
    kernel_client: httpx.AsyncClient,
) -> None:
    assert (await kernel_client.post("/staff-only")).status_code == 401
    bad = await kernel_client.post("/staff-only", headers={"Authorization": "Bearer not-a-jwt"})
    assert bad.status_code == 401 and bad.headers["content-type"] == "application/problem+json"
    assert (
        await kernel_client.post("/staff-only", headers=bearer(Role.exporter, exporter_id=1))
    ).status_code == 403
    assert (
        await kernel_client.post("/staff-only", headers=bearer(Role.organiser, scope="read"))
    ).status_code == 403
    ok = await kernel_client.post("/staff-only", headers=bearer(Role.organiser, sub="org-1"))
    assert ok.status_code == 200 and ok.json() == {"sub": "org-1"}


async def test_unexpected_error_is_a_500_problem_without_traceback(
    kernel_client: httpx.AsyncClient,
) -> None:
    response = await kernel_client.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret internal detail" not in response.text and "Traceback" not in response.text
    assert response.json()["request_id"]


async def test_request_id_is_made_when_absent_and_echoed(kernel_client: httpx.AsyncClient) -> None:
    made = await kernel_client.get("/healthz")
    assert len(made.headers["x-request-id"]) >= 16
    echoed = await kernel_client.get("/healthz", headers={"X-Request-ID": "req-7"})
    assert echoed.headers["x-request-id"] == "req-7"
    hostile = await kernel_client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert hostile.headers["x-request-id"] != "bad id\twith spaces"


async def test_readyz_reports_the_database(kernel_client: httpx.AsyncClient) -> None:
    response = await kernel_client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok"}
    metrics = await kernel_client.get("/metrics")
    assert "http_requests_total" in metrics.text


def test_one_log_level_for_every_process_unless_a_service_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from services.events.config import EventsSettings
    from services.registry.config import RegistrySettings

    monkeypatch.setenv("MIM_LOG_LEVEL", "WARNING")
    assert EventsSettings().log_level == RegistrySettings().log_level == "WARNING"
    monkeypatch.setenv("EVENTS_LOG_LEVEL", "ERROR")
    assert (EventsSettings().log_level, RegistrySettings().log_level) == ("ERROR", "WARNING")
    assert EventsSettings(log_level="DEBUG").log_level == "DEBUG"


@pytest.mark.parametrize("served", [True, False], ids=["served", "in-process"])
async def test_start_up_freezes_the_long_lived_heap_of_a_served_process(  # type: ignore[no-untyped-def]
    databases, monkeypatch: pytest.MonkeyPatch, served: bool
) -> None:
    # Oldest-generation collections would walk every start-up object (80-90 ms stalls in the
    # middle of requests); services freeze them once started by `mim serve`, which names the
    # process's limits in the environment (services/common/runtime.py). An app run inside
    # another program (this test's own process) leaves that program's heap alone.
    import gc

    from services.common.runtime import LIMITS_ENV
    from services.events.config import EventsSettings
    from services.events.main import create_app

    if served:
        monkeypatch.setenv(LIMITS_ENV, "{}")
    else:
        monkeypatch.delenv(LIMITS_ENV, raising=False)
    gc.unfreeze()
    app = create_app(EventsSettings(database_url=databases.fresh_url("events"), log_level="CRITICAL"))
    try:
        async with app.router.lifespan_context(app):
            assert (gc.get_freeze_count() > 10_000) is served, gc.get_freeze_count()
    finally:
        gc.unfreeze()
