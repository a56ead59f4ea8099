"""Issue #17.3: hostile input is refused by field, and the change feeds stay internal.

- A non-URL, another scheme, plain http to a remote host, an unknown or missing event type:
  422 problem+json naming the field; production also refuses private, loopback, link-local
  and reserved addresses (checked on the rules, the real gateway runs in test mode here).
- Only organisers and admins manage webhooks; a read-only key reads but does not write.
- ``/internal/changes`` is not forwarded by the gateway, not in the public OpenAPI, and on a
  service's own port answers only the gateway's service token (a client's token is refused).
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from services.common.changes import issue_feed_token
from services.common.config import ServiceSettings
from services.common.errors import Problem
from services.gateway import webhooks
from tests.support.http import http
from tests.support.stack import Stack
from tests.support.tokens import bearer
from tests.webhooks.conftest import Receiver, subscribe


def _field_problem(answer: httpx.Response, field: str) -> dict[str, object]:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = answer.json()
    fields = [e["field"] for e in body["errors"]]  # type: ignore[attr-defined]
    assert any(f == field or f.endswith(f".{field}") or f.startswith(f"{field}.") for f in fields), body
    return body


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("not a url", "invalid-url"),
        ("ftp://127.0.0.1/hook", "invalid-url"),
        ("https://user:pw@example.com/hook", "invalid-url"),
        ("http:///nohost", "invalid-url"),
        ("https://example.com:99999/hook", "invalid-url"),
        ("http://example.com/hook", "insecure-url"),
        ("http://10.0.0.7/hook", "insecure-url"),
        # Found by schemathesis (negative cases as an organiser): a host of control characters.
        ("https://\u0102\u00fe\u000e\u008a", "invalid-url"),
        ("https://exa mple.com/hook", "invalid-url"),
        ("https://example.com/ho\tok", "invalid-url"),
        ("https://example.com/\u0085hook", "invalid-url"),
        ("https://example..com/hook", "invalid-url"),
        ("https://-example.com/hook", "invalid-url"),
    ],
)
def test_a_bad_url_is_refused_by_field(gw: httpx.Client, url: str, code: str) -> None:
    answer = gw.post("/api/webhooks/endpoints", json={"url": url, "event_types": ["label.granted"]})
    body = _field_problem(answer, "url")
    assert str(body["type"]).endswith(code)


@pytest.mark.parametrize("types", [["label.stolen"], ["label.granted", "<script>"], [], ["x" * 41]])
def test_an_unknown_event_type_is_refused_by_field(gw: httpx.Client, types: list[str]) -> None:
    answer = gw.post("/api/webhooks/endpoints", json={"url": "http://127.0.0.1:9/hook", "event_types": types})
    _field_problem(answer, "event_types")


def test_an_update_is_checked_like_a_creation(gw: httpx.Client, receiver: Receiver) -> None:
    endpoint = subscribe(gw, receiver, "/guarded", ["label.granted"])
    path = f"/api/webhooks/endpoints/{endpoint['id']}"
    _field_problem(gw.patch(path, json={"event_types": ["nope"]}), "event_types")
    _field_problem(gw.patch(path, json={"url": "javascript:alert(1)"}), "url")
    assert gw.get(path).json()["event_types"] == ["label.granted"]  # nothing half-written
    assert gw.patch("/api/webhooks/endpoints/2147483647", json={"enabled": True}).status_code == 404
    assert gw.delete(path).status_code == 204


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://172.16.0.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://[fd00::1]/hook",
        "https://0.0.0.0/hook",
        "http://203.0.113.9/hook",
    ],
)
def test_production_refuses_private_addresses(url: str) -> None:
    with pytest.raises(Problem) as refused:
        asyncio.run(webhooks.check_url(url, production=True))
    assert refused.value.status == 422
    assert [e.field for e in refused.value.errors or []] == ["url"]


def test_production_accepts_a_public_https_address() -> None:
    assert asyncio.run(webhooks.check_url("https://8.8.8.8/hook", production=True)) == "https://8.8.8.8/hook"


def test_only_staff_manage_webhooks(platform: Stack) -> None:
    url = f"{platform.gateway}/api/webhooks/endpoints"
    body = {"url": "http://127.0.0.1:9/hook", "event_types": ["label.granted"]}
    assert http.post(url, json=body, timeout=30).status_code == 401
    assert http.get(url, timeout=30).status_code == 401
    exporter = bearer("exporter", sub="account:99", exporter_id=1)
    assert http.post(url, json=body, headers=exporter, timeout=30).status_code == 403
    assert http.get(url, headers=exporter, timeout=30).status_code == 403
    reader = bearer("organiser", sub="apikey:7", scope="read")
    assert http.get(url, headers=reader, timeout=30).status_code == 200
    assert http.post(url, json=body, headers=reader, timeout=30).status_code == 403


@pytest.mark.parametrize("service", ["registry", "events"])
def test_the_change_feed_stays_internal(platform: Stack, service: str) -> None:
    own = platform.url(service)
    feed = f"{own}/internal/changes"
    for path in ("/internal/changes", "//internal/changes", "/internal/changes/", "/x/../internal/changes"):
        answer = http.get(f"{platform.gateway}/api/{service}{path}", headers=bearer("admin"), timeout=30)
        assert answer.status_code == 404, (path, answer.text)
    assert http.get(feed, timeout=30).status_code == 401
    assert http.get(feed, headers=bearer("admin"), timeout=30).status_code == 403
    assert http.get(feed, headers=bearer("organiser", sub="service:gateway"), timeout=30).status_code == 403
    token = issue_feed_token(ServiceSettings())
    answer = http.get(
        feed, params={"after": 0, "limit": 5}, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == {"changes", "last_id"}
    bad = http.get(feed, params={"limit": 0}, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert bad.status_code == 422
    # The service token opens the feed only, no other route.
    write = http.post(
        f"{own}/exporters" if service == "registry" else f"{own}/events",
        json={},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert write.status_code == 401


def test_the_public_openapi_has_the_webhooks_api_and_no_feed(platform: Stack) -> None:
    document = http.get(f"{platform.gateway}/openapi.json", timeout=30).json()
    assert not [p for p in document["paths"] if "internal" in p]
    operations = {
        op["operationId"]
        for path, item in document["paths"].items()
        if path.startswith("/api/webhooks")
        for op in item.values()
    }
    assert {
        "webhooks.createEndpoint",
        "webhooks.listEndpoints",
        "webhooks.getEndpoint",
        "webhooks.updateEndpoint",
        "webhooks.deleteEndpoint",
        "webhooks.listDeliveries",
        "webhooks.replayDelivery",
        "webhooks.listEventTypes",
    } <= operations
