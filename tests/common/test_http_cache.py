"""HTTP caching end to end: ETag and Cache-Control on public reads, 304 for a matching
If-None-Match through the gateway and the website; a change gives a new tag at once."""

from __future__ import annotations

import httpx
import pytest

from services.common.http_cache import entity_tag, matches
from tests.support.http import http
from tests.support.servers import RunningServer
from tests.support.stack import Stack
from tests.support.tokens import bearer

ADMIN = bearer("admin", sub="account:http-cache")


def test_if_none_match_compares_weakly_and_takes_lists() -> None:
    tag = entity_tag(b"{}")
    assert tag.startswith('"') and tag.endswith('"') and tag != entity_tag(b"{ }")
    assert matches(tag, tag)
    assert matches(f"W/{tag}", tag)
    assert matches(f'"other", {tag}', tag)
    assert matches("*", tag)
    assert not matches('"other"', tag)
    assert not matches("", tag)


@pytest.fixture(scope="module")
def website(shared_frontend: RunningServer) -> RunningServer:
    """The website in front of the shared stack's gateway."""
    return shared_frontend


def _an_exporter(gateway: str) -> dict[str, str]:
    listed = http.get(f"{gateway}/api/registry/exporters", params={"per_page": 1, "sort": "name"}, timeout=30)
    assert listed.status_code == 200, listed.text
    return dict(listed.json()["items"][0])


def test_a_public_read_revalidates_to_304_through_the_gateway(shared_stack: Stack) -> None:
    url = f"{shared_stack.gateway}/api/registry/exporters/{_an_exporter(shared_stack.gateway)['slug']}"
    first = http.get(url, timeout=30)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, no-cache"
    again = http.get(url, headers={"If-None-Match": tag}, timeout=30)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    assert again.headers["cache-control"] == "public, no-cache"
    assert "x-request-id" in again.headers
    # An unknown tag: the whole answer, with the same tag.
    stale = http.get(url, headers={"If-None-Match": '"stale"'}, timeout=30)
    assert stale.status_code == 200 and stale.headers["etag"] == tag


def test_a_change_gives_a_new_tag_at_once(shared_stack: Stack) -> None:
    exporter = _an_exporter(shared_stack.gateway)
    url = f"{shared_stack.gateway}/api/registry/exporters/{exporter['slug']}"
    tag = http.get(url, timeout=30).headers["etag"]
    changed = http.patch(
        url, json={"city": "Tanger" if exporter.get("city") != "Tanger" else "Fès"}, headers=ADMIN
    )
    assert changed.status_code == 200, changed.text
    after = http.get(url, headers={"If-None-Match": tag}, timeout=30)
    assert after.status_code == 200
    assert after.headers["etag"] != tag


def test_answers_to_a_caller_with_credentials_are_private(shared_stack: Stack) -> None:
    url = f"{shared_stack.gateway}/api/events/events"
    answer = http.get(url, headers=ADMIN, timeout=30)
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "private, no-cache"
    assert http.get(url, headers={**ADMIN, "If-None-Match": answer.headers["etag"]}).status_code == 304


def test_writes_errors_and_own_cache_rules_are_left_alone(shared_stack: Stack) -> None:
    gateway = shared_stack.gateway
    missing = http.get(f"{gateway}/api/registry/exporters/no-such-exporter", timeout=30)
    assert missing.status_code == 404 and "etag" not in missing.headers
    refused = http.post(f"{gateway}/api/registry/exporters", json={}, headers=ADMIN, timeout=30)
    assert refused.status_code == 422 and "etag" not in refused.headers


def test_a_website_page_revalidates_to_304(website: RunningServer, shared_stack: Stack) -> None:
    """As a browser: the visit's session cookie comes back, and with it the same page."""
    path = f"/exporters/{_an_exporter(shared_stack.gateway)['slug']}"
    with httpx.Client(base_url=website.url, timeout=30) as browser:
        first = browser.get(path)
        assert first.status_code == 200 and first.headers["content-type"].startswith("text/html")
        tag = first.headers["etag"]
        assert first.headers["cache-control"] == "private, no-cache"  # it carries the visitor's session
        again = browser.get(path, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == tag
        other_language = browser.get(path, headers={"If-None-Match": tag}, params={"lang": "ar"})
        assert other_language.status_code == 200 and other_language.headers["etag"] != tag
