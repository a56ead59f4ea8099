"""The proxy, against the real registry (and events when it exists) started on free ports."""

from __future__ import annotations

import re
import signal
import time

import httpx

from tests.support.http import http
from tests.support.stack import SHARED_METRICS_TOKEN, Stack
from tests.support.waiting import wait_until


def test_a_read_passes_through_unchanged(platform: Stack, gw: httpx.Client) -> None:
    direct = http.get(f"{platform.url('registry')}/exporters", params={"per_page": 2, "page": 2})
    proxied = gw.get("/api/registry/exporters", params={"per_page": 2, "page": 2})
    assert proxied.status_code == direct.status_code == 200
    assert proxied.json() == direct.json()
    assert proxied.json()["page"] == 2
    assert proxied.headers["content-type"] == direct.headers["content-type"]
    assert proxied.headers["content-length"] == direct.headers["content-length"]


def test_upstream_errors_keep_their_status_and_problem(gw: httpx.Client) -> None:
    response = gw.get("/api/registry/exporters/no-such-company")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no-such-company" in response.json()["detail"]
    response = gw.post("/api/registry/regions", json={"code": "MA-13"})
    assert response.status_code == 405  # the method reached the registry as sent


def test_request_id_is_forwarded_or_created(gw: httpx.Client) -> None:
    response = gw.get("/api/registry/exporters/nobody", headers={"X-Request-ID": "trace-42.a"})
    assert response.headers["x-request-id"] == "trace-42.a"
    # The registry saw the same id: it is in the problem the registry wrote.
    assert response.json()["request_id"] == "trace-42.a"
    response = gw.get("/api/registry/exporters/nobody")
    made = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    assert response.json()["request_id"] == made


def test_hop_by_hop_headers_are_not_relayed(gw: httpx.Client) -> None:
    response = gw.get("/api/registry/regions", headers={"Connection": "keep-alive", "TE": "trailers"})
    assert response.status_code == 200
    assert "keep-alive" not in response.headers
    assert response.headers.get("server") is None
    assert len(response.headers.get_list("date")) == 1


def test_security_headers_on_every_answer(gw: httpx.Client) -> None:
    for path in ("/api/registry/regions", "/api/auth/me", "/healthz"):
        headers = gw.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert "default-src 'none'" in headers["content-security-policy"]


def test_unknown_prefix_is_a_gateway_404(gw: httpx.Client) -> None:
    response = gw.get("/api/nowhere/things")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_body_over_the_limit_is_413(gw: httpx.Client) -> None:
    big = b"x" * (1_048_576 + 1)
    response = gw.post("/api/registry/regions", content=big, headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_readyz_reports_each_service(gw: httpx.Client) -> None:
    body = gw.get("/readyz").json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["registry"] == "ok"
    assert set(body["checks"]) == {"database", "registry", "events"}


def test_metrics_by_route_and_upstream(gw: httpx.Client) -> None:
    gw.get("/api/registry/regions")
    text = gw.get("/metrics", headers={"Authorization": f"Bearer {SHARED_METRICS_TOKEN}"}).text
    assert re.search(
        r'gateway_upstream_requests_total\{method="GET",status="200",upstream="registry"\}', text
    )
    assert 'route="/api/registry/{path}"' in text
    assert "gateway_upstream_duration_seconds_bucket" in text


def _warm_up(gateway: str) -> None:
    """First answers of a cold service on a loaded machine can exceed the short test time-out."""
    wait_until(
        lambda: http.get(f"{gateway}/api/registry/regions", timeout=10).status_code == 200,
        30,
        interval=0.5,
        message="the registry never answered in time",
    )


def test_stopped_service_answers_503_within_timeout_then_recovers(own_platform: Stack) -> None:
    gateway = own_platform.gateway
    registry = own_platform.servers["registry"]
    _warm_up(gateway)
    registry.stop()
    for _ in range(5):  # the first failures, then the open circuit: all fast 503s
        started = time.monotonic()
        response = http.get(f"{gateway}/api/registry/regions", timeout=10)
        assert time.monotonic() - started < 1.5
        assert response.status_code == 503
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["service"] == "registry"
        assert "retry-after" in response.headers
    assert http.get(f"{gateway}/readyz").json()["checks"]["registry"] != "ok"

    own_platform.restart("registry")
    wait_until(
        lambda: http.get(f"{gateway}/api/registry/regions").status_code == 200,
        10,
        interval=0.2,
        message="the gateway did not recover after the registry came back",
    )
    # readiness probes /healthz with a 1 s budget: a just-restarted service on a loaded
    # machine may miss the first one, so "ok" is awaited, not read once
    wait_until(
        lambda: http.get(f"{gateway}/readyz").json()["checks"]["registry"] == "ok",
        10,
        interval=0.2,
        message="readiness did not report the registry ok after it came back",
    )


def test_frozen_service_answers_504_then_recovers(own_platform: Stack) -> None:
    gateway = own_platform.gateway
    registry = own_platform.servers["registry"]
    _warm_up(gateway)
    registry.process.send_signal(signal.SIGSTOP)  # accepts connections, answers nothing: "too slow"
    try:
        started = time.monotonic()
        response = http.get(f"{gateway}/api/registry/regions", timeout=10)
        elapsed = time.monotonic() - started
        assert response.status_code == 504
        assert response.json()["service"] == "registry"
        assert 1.4 < elapsed < 6  # GATEWAY_REGISTRY_TIMEOUT=1.5 (slack for a loaded machine)
    finally:
        registry.process.send_signal(signal.SIGCONT)
    wait_until(
        lambda: http.get(f"{gateway}/api/registry/regions").status_code == 200,
        10,
        interval=0.2,
        message="no recovery after SIGCONT",
    )


async def test_unreachable_address_is_503_not_a_hang(client: httpx.AsyncClient) -> None:
    """The gateway in-process (its lifespan run, its real upstream pool) with the registry's
    address a closed port: the connection is refused, the answer a prompt 503 problem."""
    started = time.monotonic()
    response = await client.get("/api/registry/regions")
    assert time.monotonic() - started < 10
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["service"] == "registry"


def test_a_services_location_header_is_given_its_public_path(gw: httpx.Client) -> None:
    """The registry answers an import with ``Location: /imports/{id}``; a client of the gateway follows
    ``/api/registry/imports/{id}``, and a full URL is left alone."""
    from services.registry.demo import make_ice
    from tests.support.tokens import bearer

    csv = f"ice,legal_name,trade_name,region,city\n{make_ice(7_000_001)},Lot SARL,Lot,MA-06,Casablanca\n"
    staff = bearer("organiser")
    answer = gw.post(
        "/api/registry/exporters/import",
        content=csv.encode(),
        headers={**staff, "Content-Type": "text/csv"},
    )
    assert answer.status_code == 202, answer.text
    location = answer.headers["location"]
    assert location == f"/api/registry/imports/{answer.json()['id']}"
    assert gw.get(location, headers=staff).status_code == 200


def test_a_streamed_answer_and_a_head_pass_through(platform: Stack, gw: httpx.Client) -> None:
    """The registry streams its CSV export chunked (no Content-Length): the gateway relays it
    whole; a HEAD gets the headers and no body, and the next call on the pool still works.
    The shared platform's jobs may change a row between the two reads (a label expiring), so
    the pair is read again, up to three times, until both reads saw the same data."""
    for _ in range(3):
        direct = http.get(f"{platform.url('registry')}/open-data/exporters.csv", timeout=60)
        proxied = gw.get("/api/registry/open-data/exporters.csv")
        if proxied.content == direct.content:
            break
    assert proxied.status_code == direct.status_code == 200
    assert proxied.content == direct.content and proxied.content.count(b"\n") > 1
    assert "content-length" not in direct.headers  # it was streamed
    head = gw.head("/api/registry/regions")
    direct_head = http.head(f"{platform.url('registry')}/regions")
    assert head.status_code == direct_head.status_code and head.content == b""
    assert head.headers.get("content-length") == direct_head.headers.get("content-length")
    for _ in range(3):
        assert gw.get("/api/registry/regions").status_code == 200
