"""Per-account sign-in back-off (issue 19, item 4): a distributed guess gets nowhere.

After 5 failures in a row for one e-mail, whatever address they come from, the
e-mail is locked for base * 2^k seconds; during the lock the answer is the same
429 whether the password is right or wrong; the owner gets in after the delay,
and a success resets the count. The base delay is a setting (1 s where a lock is waited
out; a minute where it must outlast the test's requests on a loaded machine).
"""

from __future__ import annotations

import asyncio
import time

from services.gateway import accounts
from services.gateway.config import GatewaySettings
from services.gateway.main import create_app
from tests.conftest import asgi_client, run_in_session

EMAIL = "owner@example.ma"
PASSWORD = "correct horse battery"


def _app(settings: GatewaySettings, base_seconds: float):  # type: ignore[no-untyped-def]
    return create_app(
        settings.model_copy(
            update={"signin_backoff_base_seconds": base_seconds, "rate_limit_signin": "1000/minute"}
        )
    )


async def _owner(app) -> None:  # type: ignore[no-untyped-def]
    await run_in_session(
        app, lambda s: accounts.create_account(session=s, email=EMAIL, password=PASSWORD, role="organiser")
    )


async def _attempt(client, password: str, address: str):  # type: ignore[no-untyped-def]
    return await client.post(
        "/api/auth/token", json={"email": EMAIL, "password": password}, headers={"X-Forwarded-For": address}
    )


async def test_failures_from_many_addresses_lock_the_account_then_the_owner_gets_in(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    app = _app(gateway_settings, 1.0)
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        await run_in_session(
            app,
            lambda s: accounts.create_account(session=s, email=EMAIL, password=PASSWORD, role="organiser"),
        )
        # Five guesses, each from a different address (no per-IP limit applies).
        statuses = [(await _attempt(client, f"guess {i}", f"203.0.113.{i}")).status_code for i in range(5)]
        assert statuses == [401] * 5
        # Locked now: the same answer whether the password is wrong or right.
        wrong = await _attempt(client, "guess 6", "198.51.100.1")
        right = await _attempt(client, PASSWORD, "198.51.100.2")
        for locked in (wrong, right):
            assert locked.status_code == 429
            assert locked.headers["content-type"] == "application/problem+json"
            assert locked.json()["code"] == "signin-locked"
            assert 1 <= int(locked.headers["retry-after"]) <= 2
        assert wrong.json()["detail"] == right.json()["detail"]
        # After the delay, the owner gets in, and the count starts again from zero.
        await asyncio.sleep(1.2)
        signed_in = await _attempt(client, PASSWORD, "198.51.100.3")
        assert signed_in.status_code == 200, signed_in.text
        assert [(await _attempt(client, f"again {i}", "192.0.2.9")).status_code for i in range(4)] == [
            401
        ] * 4
        assert (await _attempt(client, PASSWORD, "192.0.2.9")).status_code == 200


async def test_the_lock_doubles_with_each_failure_and_is_capped(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    settings = gateway_settings.model_copy(update={"signin_backoff_base_seconds": 2.0})
    assert [accounts.backoff_seconds(n, settings) for n in range(4, 9)] == [0, 2, 4, 8, 16]
    assert accounts.backoff_seconds(40, settings) == 900
    app = _app(gateway_settings, 1.0)
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        await run_in_session(
            app,
            lambda s: accounts.create_account(session=s, email=EMAIL, password=PASSWORD, role="organiser"),
        )
        for i in range(5):
            await _attempt(client, f"guess {i}", "203.0.113.1")
        await asyncio.sleep(1.1)
        # The sixth failure (after the first lock, of 1 s) locks for 2 s: Retry-After 2.
        assert (await _attempt(client, "guess 6", "203.0.113.1")).status_code == 401
        started = time.monotonic()
        locked = await _attempt(client, PASSWORD, "203.0.113.1")
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) == 2
        assert time.monotonic() - started < 1


async def test_unknown_e_mails_back_off_the_same_way(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    """So that a lock-out tells nothing about which e-mails have an account."""
    app = _app(gateway_settings, 60.0)
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        for _ in range(5):
            await _attempt(client, "x", "203.0.113.1")
        assert (await _attempt(client, "x", "203.0.113.1")).json()["code"] == "signin-locked"
