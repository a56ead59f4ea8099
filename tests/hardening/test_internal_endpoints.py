"""Internal endpoints stay internal (issue 19, item 7).

- The gateway does not forward the services' own /metrics, /docs, /redoc, /openapi.json,
  /readyz and /healthz, however the path is spelled; its own /healthz, /readyz and the merged
  /docs and /openapi.json stay public.
- /metrics on every process needs ``Authorization: Bearer <MIM_METRICS_TOKEN>``; in production
  without a token it is closed, and the services' own /docs are off.
- In development, the default secret logs a loud warning at start.

On `main` before the fix, /api/registry/metrics, /api/events/metrics, the services' /docs and
/readyz and the gateway's /metrics all answered 200 to anyone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.common.config import DEV_JWT_SECRET
from tests.conftest import asgi_client
from tests.hardening.conftest import problem
from tests.support.databases import DatabaseFactory
from tests.support.http import http
from tests.support.servers import START_TIMEOUT, RunningServer, start_process, wait_until_started
from tests.support.stack import ALL_PROCESSES, SHARED_METRICS_TOKEN, Stack
from tests.support.waiting import wait_until

pytestmark = pytest.mark.slow

METRICS_TOKEN = SHARED_METRICS_TOKEN


@pytest.fixture(scope="module")
def stack(shared_stack: Stack, shared_frontend: RunningServer) -> Stack:
    """The worker's shared platform and website (MIM_METRICS_TOKEN set on every process): the
    tests here only read."""
    return shared_stack


INTERNAL = ["/metrics", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json", "/readyz", "/healthz"]
DISGUISED = ["//metrics", "/metrics/", "/./metrics", "/regions/../metrics", "/%6detrics", "/%2e/readyz"]


@pytest.mark.parametrize("service", ["registry", "events"])
@pytest.mark.parametrize("path", INTERNAL + DISGUISED)
def test_the_gateway_does_not_forward_internal_endpoints(stack: Stack, service: str, path: str) -> None:
    url = f"{stack.gateway}/api/{service}{path}"
    for headers in ({}, {"Authorization": f"Bearer {METRICS_TOKEN}"}):
        answer = http.get(url, headers=headers, timeout=15)
        assert answer.status_code == 404, f"{url}: {answer.status_code} {answer.text[:300]}"
        assert "python_info" not in answer.text and "swagger" not in answer.text.lower()


def test_the_public_api_still_flows(stack: Stack) -> None:
    assert http.get(f"{stack.gateway}/api/registry/regions", timeout=15).status_code == 200
    assert http.get(f"{stack.gateway}/api/events/events", timeout=15).status_code == 200


def test_the_gateway_keeps_its_own_health_and_the_merged_docs(stack: Stack) -> None:
    assert http.get(f"{stack.gateway}/healthz", timeout=15).status_code == 200
    assert http.get(f"{stack.gateway}/readyz", timeout=15).status_code == 200
    assert http.get(f"{stack.gateway}/docs", timeout=15).status_code == 200
    merged = http.get(f"{stack.gateway}/openapi.json", timeout=15)
    assert merged.status_code == 200
    paths = merged.json()["paths"]
    assert any(p.startswith("/api/registry/") for p in paths)
    assert not [p for p in paths if p.rstrip("/").endswith(("/metrics", "/readyz"))], paths


@pytest.mark.parametrize("name", ALL_PROCESSES)
def test_metrics_need_the_token_on_every_process(stack: Stack, name: str) -> None:
    url = f"{stack.url(name)}/metrics"
    for headers in (
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {METRICS_TOKEN}"},
        {"Authorization": f"Bearer {METRICS_TOKEN}x"},
    ):
        answer = http.get(url, headers=headers, timeout=15)
        body = problem(answer, 401)
        assert body["type"].endswith("unauthorized"), body
        assert "http_requests" not in answer.text
    answer = http.get(url, headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=15)
    assert answer.status_code == 200, answer.text[:300]
    assert "# TYPE" in answer.text


@pytest.mark.parametrize("name", ALL_PROCESSES)
def test_the_default_secret_logs_a_loud_warning_at_start(stack: Stack, name: str) -> None:
    """The stack runs without MIM_JWT_SECRET (MIM_ENV=test): each process says so at start."""
    lines = [json.loads(line) for line in stack.servers[name].log().splitlines() if line.startswith("{")]
    warnings = [
        entry
        for entry in lines
        if entry["level"] == "warning" and "INSECURE" in entry["msg"] and "MIM_JWT_SECRET" in entry["msg"]
    ]
    assert warnings, stack.servers[name].log()[-3000:]
    assert DEV_JWT_SECRET not in stack.servers[name].log()


# --------------------------------------------------------------------------- production settings

PRODUCTION_SECRET = "p" * 48


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIM_ENV", "production")
    monkeypatch.setenv("MIM_JWT_SECRET", PRODUCTION_SECRET)
    monkeypatch.setenv("FRONTEND_SECRET_KEY", "f" * 48)
    monkeypatch.setenv("MIM_PUBLIC_URL", "https://www.made-in-morocco.example")
    monkeypatch.setenv("GATEWAY_TRUSTED_PROXIES", "")
    monkeypatch.setenv("REGISTRY_LABEL_SIGNING_KEYS", "prod-1:" + "k" * 43)
    monkeypatch.delenv("MIM_METRICS_TOKEN", raising=False)


@pytest.mark.usefixtures("production")
@pytest.mark.parametrize("service", ["registry", "events"])
async def test_in_production_the_services_docs_are_off_and_metrics_closed_without_a_token(
    databases: DatabaseFactory, service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", databases.fresh_url(service))
    from services.processes import PROCESSES, resolve

    app = resolve(PROCESSES[service].app_factory)()
    async with asgi_client(app) as client:
        for path in ("/docs", "/redoc"):
            assert (await client.get(path)).status_code == 404, path
        # The gateway merges the services' OpenAPI from their internal port: it stays there.
        assert (await client.get("/openapi.json")).status_code == 200
        assert (await client.get("/metrics")).status_code == 404
        assert (await client.get("/metrics", headers={"Authorization": "Bearer x"})).status_code == 404


@pytest.mark.usefixtures("production")
async def test_in_production_a_set_token_opens_the_metrics(
    databases: DatabaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIM_METRICS_TOKEN", METRICS_TOKEN)
    monkeypatch.setenv("REGISTRY_DATABASE_URL", databases.fresh_url("registry"))
    from services.registry.main import create_app

    async with asgi_client(create_app()) as client:
        assert (await client.get("/metrics")).status_code == 401
        ok = await client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
        assert ok.status_code == 200


def test_the_development_default_secret_is_loud_and_a_real_one_is_quiet(
    databases: DatabaseFactory, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MIM_JWT_SECRET", raising=False)
    logs = log_dir
    env = {"MIM_ENV": "development", "REGISTRY_DATABASE_URL": databases.fresh_url("registry")}
    warning = "INSECURE: MIM_JWT_SECRET is the development default"
    # Both start side by side. The warning is written before the server starts: the loud one is
    # stopped once it is in the log; the quiet one once it serves (so it is past that point).
    quiet = start_process(
        "registry", env={**env, "MIM_JWT_SECRET": PRODUCTION_SECRET}, log_dir=logs, wait=False
    )
    loud = start_process("registry", env=env, log_dir=logs, wait=False)
    try:
        wait_until(lambda: warning in loud.log(), START_TIMEOUT, message=f"no warning: {loud.log()[-3000:]}")
        loud.stop()
        wait_until_started(quiet)
    finally:
        loud.stop()
        quiet.stop()
    assert "INSECURE" not in quiet.log(), quiet.log()
