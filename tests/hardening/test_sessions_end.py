"""Sessions end when they should (issue 19, item 5): at once, everywhere.

- The website's cookie holds the id of a session the gateway keeps, no bearer
  token; signing out ends that session, so a copy of the cookie taken before
  signing out no longer opens the desk.
- An account's access token is checked by the gateway on every call; after
  sign-out or deactivation the next write is refused (401), through the gateway
  and straight to the service's port (services accept account tokens only as
  minted by the gateway for one call).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from itsdangerous import URLSafeTimedSerializer

from tests.frontend.conftest import create_account, csrf_from, site_app
from tests.support.http import http
from tests.support.stack import Stack
from tests.support.tokens import bearer

PASSWORD = "correct horse battery"
LIMITS = {
    "GATEWAY_RATE_LIMIT_DEFAULT": "100000/minute",
    "GATEWAY_RATE_LIMIT_SIGNIN": "10000/minute",
    "GATEWAY_RATE_LIMIT_RSVP": "10000/minute",
}


@pytest.fixture(scope="module")
def stack(shared_stack: Stack) -> Stack:
    """The worker's shared platform: every test here signs in an organiser of its own."""
    return shared_stack


@pytest.fixture
async def website(stack: Stack) -> AsyncIterator[object]:
    app = site_app(stack.gateway)
    yield app
    await app.state.gateway.close()


def _visitor(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://site.test", timeout=60)  # type: ignore[arg-type]


def _organiser(stack: Stack) -> str:
    email = f"org-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(stack.gateway, email=email, password=PASSWORD, role="organiser")
    return email


async def _sign_in(site: httpx.AsyncClient, email: str) -> None:
    form = (await site.get("/signin")).text
    response = await site.post(
        "/signin", data={"csrf_token": csrf_from(form), "email": email, "password": PASSWORD, "next": "/desk"}
    )
    assert response.status_code == 303 and response.headers["location"] == "/desk", response.text


def _cookie_payload(value: str) -> dict:  # type: ignore[type-arg]
    """What a thief reads in the cookie without the key (itsdangerous: payload.timestamp.signature,
    the payload base64, zlib-compressed when that is shorter)."""
    payload = value.rsplit(".", 2)[0]
    return URLSafeTimedSerializer("any key").load_payload(payload.encode())  # type: ignore[no-any-return]


def _event_body() -> dict:  # type: ignore[type-arg]
    return {
        "series": "mornings-les-imperiales",
        "title": {"fr": "Session test", "en": "Session test", "ar": "لقاء"},
        "starts_at": "2031-03-04T08:30:00+00:00",
        "ends_at": "2031-03-04T10:30:00+00:00",
        "venue": "Hôtel Test",
        "city": "Casablanca",
        "region_code": "MA-06",
        "capacity": 10,
    }


async def test_a_cookie_copied_before_sign_out_no_longer_opens_the_desk(
    stack: Stack, website: object
) -> None:
    email = _organiser(stack)
    async with _visitor(website) as owner, _visitor(website) as thief:
        await _sign_in(owner, email)
        assert (await owner.get("/desk")).status_code == 200
        copied = owner.cookies["mim_session"]
        # The cookie carries no bearer token: only the id of the session the gateway holds.
        payload = _cookie_payload(copied)
        assert not {"access_token", "refresh_token"} & set(payload)
        assert not any(
            isinstance(v, str) and v.count(".") == 2 and v.startswith("eyJ") for v in payload.values()
        )
        thief.cookies.set("mim_session", copied)
        assert (await thief.get("/desk")).status_code == 200  # a copy works while the session is open

        desk = (await owner.get("/desk")).text
        signed_out = await owner.post("/signout", data={"csrf_token": csrf_from(desk)})
        assert signed_out.status_code == 303

        after = await thief.get("/desk")
        assert after.status_code == 303
        assert after.headers["location"].startswith("/signin?next=/desk")
        # And the website forgets it: the next visit is simply signed out.
        assert (await thief.get("/desk")).headers["location"].startswith("/signin")


async def test_deactivation_ends_the_website_session_at_once(stack: Stack, website: object) -> None:
    email = _organiser(stack)
    async with _visitor(website) as site:
        await _sign_in(site, email)
        assert (await site.get("/desk")).status_code == 200
        _deactivate(stack, email)
        response = await site.get("/desk")
        assert response.status_code == 303 and response.headers["location"].startswith("/signin")


def _account_id(stack: Stack, email: str) -> int:
    """The account's id, paging through the shared stack's accounts (other tests make theirs)."""
    page = 1
    while True:
        listed = http.get(
            f"{stack.gateway}/api/auth/accounts",
            params={"per_page": 100, "page": page},
            headers=bearer("admin"),
            timeout=30,
        )
        assert listed.status_code == 200, listed.text
        items = listed.json()["items"]
        assert items, f"no account {email}"
        for account in items:
            if account["email"] == email:
                return int(account["id"])
        page += 1


def _deactivate(stack: Stack, email: str) -> None:
    account_id = _account_id(stack, email)
    response = http.post(
        f"{stack.gateway}/api/auth/accounts/{account_id}/deactivate", headers=bearer("admin"), timeout=30
    )
    assert response.status_code == 200, response.text


def test_a_deactivated_accounts_token_cannot_write_at_once_anywhere(stack: Stack) -> None:
    email = _organiser(stack)
    with httpx.Client(timeout=30) as http:
        pair = http.post(
            f"{stack.gateway}/api/auth/token", json={"email": email, "password": PASSWORD}
        ).json()
        token = {"Authorization": f"Bearer {pair['access_token']}"}
        through_gateway = f"{stack.gateway}/api/events/events"
        direct = f"{stack.url('events')}/events"
        assert http.post(through_gateway, json=_event_body(), headers=token).status_code == 201
        # Straight to the service's port, a client's token is refused even while valid.
        refused = http.post(direct, json=_event_body(), headers=token)
        assert refused.status_code == 401 and "gateway" in refused.json()["detail"]

        _deactivate(stack, email)

        after = http.post(through_gateway, json=_event_body(), headers=token)
        assert after.status_code == 401
        assert after.json()["code"] == "session-ended"
        assert http.post(direct, json=_event_body(), headers=token).status_code == 401
        assert http.get(f"{stack.gateway}/api/auth/me", headers=token).status_code == 401


def test_sign_out_ends_the_access_token_too(stack: Stack) -> None:
    email = _organiser(stack)
    with httpx.Client(base_url=stack.gateway, timeout=30) as gw:
        pair = gw.post("/api/auth/token", json={"email": email, "password": PASSWORD}).json()
        token = {"Authorization": f"Bearer {pair['access_token']}"}
        assert gw.get("/api/auth/me", headers=token).status_code == 200
        assert gw.post("/api/auth/signout", json={"refresh_token": pair["refresh_token"]}).status_code == 204
        assert gw.get("/api/auth/me", headers=token).status_code == 401
        assert gw.post("/api/events/events", json=_event_body(), headers=token).status_code == 401
