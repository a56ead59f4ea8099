"""Accounts, tokens and API keys: their whole life cycle, in-process on a clean database."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import jwt
import pytest

from services.common.auth import issue_token, verify_token
from services.common.config import ServiceSettings
from services.common.errors import Unauthorized
from tests.gateway.conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from tests.support.servers import PROJECT_ROOT


def _problem(response: httpx.Response, status: int) -> dict:  # type: ignore[type-arg]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()  # type: ignore[no-any-return]


async def _create(client: httpx.AsyncClient, admin: dict[str, str], **body: object) -> dict:  # type: ignore[type-arg]
    response = await client.post("/api/auth/accounts", json=body, headers=admin)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def _sign_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/api/auth/token", json={"email": email, "password": password})


async def test_sign_in_issues_a_verifiable_short_token_and_me(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    response = await _sign_in(client, "ADMIN@example.ma ", ADMIN_PASSWORD)  # case and spaces ignored
    assert response.status_code == 200
    pair = response.json()
    assert pair["token_type"] == "bearer"
    assert 0 < pair["expires_in"] <= 3600
    principal = verify_token(ServiceSettings(), pair["access_token"], audiences=frozenset({"gateway"}))
    assert principal.role == "admin" and principal.sid
    # A service refuses it: it accepts account tokens only as minted by the gateway for one call.
    with pytest.raises(Unauthorized):
        verify_token(ServiceSettings(), pair["access_token"])
    me = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {pair['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == ADMIN_EMAIL
    assert "password" not in me.text and "hash" not in me.text


async def test_oauth2_password_form_is_accepted(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/api/auth/token",
        data={"grant_type": "password", "username": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
    )
    assert response.status_code == 200
    assert response.json()["access_token"]


async def test_wrong_credentials_are_401_and_bad_input_422(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    _problem(await _sign_in(client, ADMIN_EMAIL, "wrong password"), 401)
    _problem(await _sign_in(client, "nobody@example.ma", ADMIN_PASSWORD), 401)
    problem = _problem(await _sign_in(client, "not-an-email", "x"), 422)
    assert problem["errors"][0]["field"] == "email"
    problem = _problem(
        await client.post("/api/auth/token", content=b"{", headers={"content-type": "application/json"}), 422
    )


async def test_expired_and_tampered_tokens_are_401(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    expired = issue_token(ServiceSettings(), sub="account:1", role="admin", ttl_seconds=-10)
    problem = _problem(await client.get("/api/auth/me", headers={"Authorization": f"Bearer {expired}"}), 401)
    assert "expired" in problem["detail"]
    token = admin_headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    forged = jwt.encode({**claims, "role": "admin"}, "another-secret-of-enough-length-0123456789", "HS256")
    _problem(await client.get("/api/auth/me", headers={"Authorization": f"Bearer {forged}"}), 401)
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload[:-2]}xx.{signature}"
    _problem(await client.get("/api/auth/me", headers={"Authorization": f"Bearer {tampered}"}), 401)
    _problem(await client.get("/api/auth/me"), 401)


async def test_refresh_rotates_and_reuse_revokes_the_family(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    first = (await _sign_in(client, ADMIN_EMAIL, ADMIN_PASSWORD)).json()
    second = await client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    second_pair = second.json()
    assert second_pair["refresh_token"] != first["refresh_token"]
    # The first token is used up; presenting it again also kills the one refreshed from it.
    _problem(await client.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]}), 401)
    _problem(
        await client.post("/api/auth/refresh", json={"refresh_token": second_pair["refresh_token"]}), 401
    )


async def test_sign_out_revokes_the_refresh_token(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    pair = (await _sign_in(client, ADMIN_EMAIL, ADMIN_PASSWORD)).json()
    response = await client.post("/api/auth/signout", json={"refresh_token": pair["refresh_token"]})
    assert response.status_code == 204
    _problem(await client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]}), 401)


async def test_admin_creates_lists_and_deactivates_accounts(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    organiser = await _create(
        client, admin_headers, email="staff@example.ma", password="a long enough pass", role="organiser"
    )
    exporter = await _create(
        client,
        admin_headers,
        email="export@example.ma",
        password="a long enough pass",
        role="exporter",
        exporter_id=7,
    )
    assert exporter["exporter_id"] == 7 and organiser["active"] is True
    problem = _problem(
        await client.post(
            "/api/auth/accounts",
            json={"email": "STAFF@example.ma", "password": "a long enough pass", "role": "organiser"},
            headers=admin_headers,
        ),
        409,
    )
    assert problem["errors"][0]["field"] == "email"
    _problem(
        await client.post(
            "/api/auth/accounts",
            json={"email": "x@example.ma", "password": "a long enough pass", "role": "exporter"},
            headers=admin_headers,
        ),
        422,
    )
    listed = (await client.get("/api/auth/accounts", headers=admin_headers)).json()
    assert listed["total"] == 3

    # An exporter signs in: its token carries its exporter id; it may not manage accounts.
    pair = (await _sign_in(client, "export@example.ma", "a long enough pass")).json()
    principal = verify_token(ServiceSettings(), pair["access_token"], audiences=frozenset({"gateway"}))
    assert principal.exporter_id == 7
    exporter_headers = {"Authorization": f"Bearer {pair['access_token']}"}
    _problem(await client.get("/api/auth/accounts", headers=exporter_headers), 403)

    response = await client.post(f"/api/auth/accounts/{exporter['id']}/deactivate", headers=admin_headers)
    assert response.json()["active"] is False
    _problem(await _sign_in(client, "export@example.ma", "a long enough pass"), 401)
    _problem(await client.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]}), 401)
    _problem(await client.get("/api/auth/me", headers=exporter_headers), 401)
    _problem(await client.post("/api/auth/accounts/999/deactivate", headers=admin_headers), 404)


async def test_api_key_life_cycle(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/api/auth/keys",
        json={"name": "Chamber of commerce", "role": "admin", "scope": "read-write"},
        headers=admin_headers,
    )
    assert response.status_code == 201
    created = response.json()
    secret = created["key"]
    assert secret.startswith(created["prefix"])
    listed = (await client.get("/api/auth/keys", headers=admin_headers)).json()
    assert listed["total"] == 1 and "key" not in listed["items"][0]
    assert secret not in (await client.get("/api/auth/keys", headers=admin_headers)).text

    # Both ways of sending a key work; the gateway turns it into a JWT for the endpoint.
    assert (await client.get("/api/auth/accounts", headers={"X-API-Key": secret})).status_code == 200
    assert (
        await client.get("/api/auth/accounts", headers={"Authorization": f"ApiKey {secret}"})
    ).status_code == 200
    _problem(await client.get("/api/auth/accounts", headers={"X-API-Key": secret + "x"}), 401)
    _problem(await client.get("/api/auth/accounts", headers={"X-API-Key": "mim_guess"}), 401)

    read_only = (
        await client.post(
            "/api/auth/keys", json={"name": "Portal", "role": "admin", "scope": "read"}, headers=admin_headers
        )
    ).json()["key"]
    problem = _problem(
        await client.post(
            "/api/auth/accounts",
            json={"email": "k@example.ma", "password": "a long enough pass", "role": "organiser"},
            headers={"X-API-Key": read_only},
        ),
        403,
    )
    assert "read-only" in problem["detail"]

    response = await client.delete(f"/api/auth/keys/{created['id']}", headers=admin_headers)
    assert response.status_code == 204
    # Refused at once, even though a token minted for it a moment ago is still cached.
    _problem(await client.get("/api/auth/accounts", headers={"X-API-Key": secret}), 401)
    listed = (await client.get("/api/auth/keys", headers=admin_headers)).json()
    assert listed["items"][0]["revoked_at"] is not None


async def test_non_admins_cannot_manage_keys(client, admin_headers) -> None:  # type: ignore[no-untyped-def]
    await _create(
        client, admin_headers, email="org@example.ma", password="a long enough pass", role="organiser"
    )
    pair = (await _sign_in(client, "org@example.ma", "a long enough pass")).json()
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    _problem(await client.post("/api/auth/keys", json={"name": "x", "role": "admin"}, headers=headers), 403)
    _problem(await client.delete("/api/auth/keys/1", headers=headers), 403)
    _problem(await client.post("/api/auth/keys", json={"name": "x", "role": "admin"}), 401)


async def test_chunked_body_over_the_limit_is_413(client) -> None:  # type: ignore[no-untyped-def]
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(20):
            yield b"y" * 65_536

    response = await client.post(
        "/api/auth/token", content=chunks(), headers={"content-type": "application/json"}
    )
    _problem(response, 413)


def test_createadmin_command(gateway_settings) -> None:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "GATEWAY_DATABASE_URL": gateway_settings.database_url,
        "MIM_ADMIN_PASSWORD": "a long enough pass",
    }
    run = [sys.executable, "-m", "services.cli", "createadmin", "--email", "Boss@Example.ma"]
    done = subprocess.run(run, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "boss@example.ma" in done.stdout
    again = subprocess.run(run, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "exists already" in again.stderr
    short = {**env, "MIM_ADMIN_PASSWORD": "short"}
    assert subprocess.run(run, cwd=PROJECT_ROOT, env=short, capture_output=True, timeout=60).returncode != 0
