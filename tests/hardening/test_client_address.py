"""The real client address, everywhere (issue 19, item 4).

The website stands in front of the gateway as a trusted proxy would: it forwards
the visitor's address, so the gateway's per-client limits apply per visitor and
not to the whole site. Each visitor here reaches the website from loopback (a
trusted proxy in development) and names itself with X-Forwarded-For, as a load
balancer in front of the website would.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from services.common.client_ip import TrustedProxies, client_address_of, forwarded_for, trusted_proxies_of
from services.gateway.config import GatewaySettings
from tests.frontend.conftest import create_account, csrf_from, site_app
from tests.support.databases import DatabaseFactory
from tests.support.http import http
from tests.support.stack import Stack, running_stack
from tests.support.tokens import bearer

PASSWORD = "correct horse battery"
VISITOR_A = "203.0.113.10"
VISITOR_B = "198.51.100.20"
# Hour windows: a fixed window must not roll over in the middle of a test.
LIMITS = {
    "GATEWAY_RATE_LIMIT_DEFAULT": "100000/minute",
    "GATEWAY_RATE_LIMIT_SIGNIN": "10/hour",
    "GATEWAY_RATE_LIMIT_RSVP": "3/hour",
}


@pytest.fixture(scope="module")
def stack(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """No demo data: the tests make their own account and event."""
    with running_stack(
        databases,
        tmp_path_factory.mktemp("client-address-logs"),
        processes=("registry", "events", "gateway"),
        demo=False,
        extra_env=LIMITS,
    ) as platform:
        yield platform


def _published_event(gateway_url: str) -> dict:  # type: ignore[type-arg]
    """A published event in the future, of no series (the demo's series are not loaded here)."""
    start = (datetime.now(UTC) + timedelta(days=20)).replace(hour=8, minute=30, second=0, microsecond=0)
    body = {
        "title": {"fr": "Morning adresse", "en": "Morning address", "ar": "لقاء تجريبي"},
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "venue": "Hôtel Test",
        "city": "Casablanca",
        "region_code": "MA-06",
        "capacity": 50,
    }
    staff = bearer("organiser")
    created = http.post(f"{gateway_url}/api/events/events", json=body, headers=staff, timeout=30)
    assert created.status_code == 201, created.text
    published = http.post(
        f"{gateway_url}/api/events/events/{created.json()['id']}/publish", headers=staff, timeout=30
    )
    assert published.status_code == 200, published.text
    return published.json()  # type: ignore[no-any-return]


@pytest.fixture
async def website(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    app = site_app(stack.gateway)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 40000)),
        base_url="http://site.test",
        timeout=60,
    ) as client:
        yield client
    await app.state.gateway.close()


async def _sign_in(site: httpx.AsyncClient, visitor: str, email: str, password: str) -> httpx.Response:
    headers = {"X-Forwarded-For": visitor}
    form = (await site.get("/signin", headers=headers)).text
    return await site.post(
        "/signin",
        data={"csrf_token": csrf_from(form), "email": email, "password": password, "next": "/desk"},
        headers=headers,
    )


async def test_failed_sign_ins_of_one_visitor_do_not_block_another(
    stack: Stack, website: httpx.AsyncClient
) -> None:
    owner = f"owner-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(stack.gateway, email=owner, password=PASSWORD, role="organiser")
    statuses = [
        (await _sign_in(website, VISITOR_A, f"guess-{i}@imperiales.ma", "wrong password")).status_code
        for i in range(11)
    ]
    assert statuses == [401] * 10 + [429]
    # Another visitor of the same website signs in at once with the right password.
    website.cookies.clear()
    signed_in = await _sign_in(website, VISITOR_B, owner, PASSWORD)
    assert signed_in.status_code == 303, signed_in.text
    assert signed_in.headers["location"] == "/desk"


async def test_rsvp_limit_applies_per_visitor_through_the_website(
    stack: Stack, website: httpx.AsyncClient
) -> None:
    event = _published_event(stack.gateway)

    async def rsvp(visitor: str) -> int:
        headers = {"X-Forwarded-For": visitor}
        page = (await website.get(f"/events/{event['id']}", headers=headers)).text
        data = {
            "csrf_token": csrf_from(page),
            "name": "Guest",
            "email": f"guest-{uuid.uuid4().hex[:8]}@example.ma",
            "organisation": "Atlas",
            "consent": "on",
        }
        response = await website.post(f"/events/{event['id']}/rsvp", data=data, headers=headers)
        return response.status_code

    assert [await rsvp(VISITOR_A) for _ in range(4)] == [303, 303, 303, 429]
    assert await rsvp(VISITOR_B) == 303


def test_a_fresh_forwarded_for_per_request_does_not_reset_the_counter(stack: Stack) -> None:
    """A trusted peer that appends the address it saw: hops to its left are the client's own."""
    with httpx.Client(base_url=stack.gateway, timeout=60) as gw:
        statuses = [
            gw.post(
                "/api/auth/token",
                json={"email": f"nobody-{i}@example.ma", "password": "x"},
                headers={"X-Forwarded-For": f"10.9.{i}.1, 192.0.2.77"},
            ).status_code
            for i in range(11)
        ]
    assert statuses == [401] * 10 + [429]


def _scope(peer: str, xff: str | None) -> dict:  # type: ignore[type-arg]
    headers = [(b"x-forwarded-for", xff.encode())] if xff is not None else []
    return {"type": "http", "client": (peer, 1234), "headers": headers}


def test_the_rule_right_most_untrusted_and_untrusted_peers_are_the_client() -> None:
    trusted = TrustedProxies.parse("127.0.0.1,10.0.0.0/8")
    # A trusted peer: walk from the right, skipping trusted hops.
    assert client_address_of(_scope("127.0.0.1", "1.1.1.1, 203.0.113.5, 10.0.0.4"), trusted) == "203.0.113.5"
    # An untrusted peer: its header is ignored.
    assert client_address_of(_scope("198.51.100.7", "203.0.113.5"), trusted) == "198.51.100.7"
    # Only trusted hops: the peer.
    assert client_address_of(_scope("127.0.0.1", "10.1.2.3"), trusted) == "127.0.0.1"
    # What a proxy of the platform forwards: the client it resolved, alone.
    assert forwarded_for(_scope("127.0.0.1", "6.6.6.6, 203.0.113.5"), trusted) == "203.0.113.5"
    assert forwarded_for(_scope("198.51.100.7", "6.6.6.6"), trusted) == "198.51.100.7"


def test_production_gateway_needs_explicit_trusted_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GATEWAY_TRUSTED_PROXIES", raising=False)
    monkeypatch.setenv("MIM_JWT_SECRET", "s" * 40)
    monkeypatch.setenv("MIM_PUBLIC_URL", "https://www.made-in-morocco.example")
    monkeypatch.setenv("MIM_ENV", "production")
    with pytest.raises(ValueError, match="GATEWAY_TRUSTED_PROXIES"):
        GatewaySettings()
    # Empty is explicit: trust no one.
    monkeypatch.setenv("GATEWAY_TRUSTED_PROXIES", "")
    assert not trusted_proxies_of(GatewaySettings())
    # Development keeps loopback (the website on the same machine).
    monkeypatch.setenv("MIM_ENV", "development")
    monkeypatch.delenv("GATEWAY_TRUSTED_PROXIES")
    assert "127.0.0.1" in trusted_proxies_of(GatewaySettings())
