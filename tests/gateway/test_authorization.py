"""Authorisation matrix through the real gateway: every role and credential x every write.

Credentials are real: accounts signed in through `/api/auth/token` and API keys the
admin created; the services verify the JWTs the gateway issued or minted. Ids point
at nothing, so an allowed call ends in 404/422 and the platform is left unchanged;
what is checked is the 401/403 line.
"""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from tests.gateway.conftest import PROCESSES
from tests.support.servers import PROJECT_ROOT
from tests.support.stack import Stack

ADMIN = ("matrix-admin@example.ma", "a long enough password")
STAFF = frozenset({"admin", "organiser"})
EDITORS = frozenset({"admin", "organiser", "exporter"})
ANY_WRITER = EDITORS
PUBLIC = frozenset({"anonymous", *EDITORS})
ADMIN_ONLY = frozenset({"admin"})

# (method, public path, JSON body, roles allowed past the service's authorisation check)
REGISTRY_WRITES = [
    ("POST", "/api/registry/exporters", {}, STAFF),
    ("PATCH", "/api/registry/exporters/no-such-exporter", {}, EDITORS),
    ("DELETE", "/api/registry/exporters/no-such-exporter", None, STAFF),
    ("POST", "/api/registry/exporters/no-such-exporter/products", {}, EDITORS),
    ("PATCH", "/api/registry/products/999999", {}, EDITORS),
    ("DELETE", "/api/registry/products/999999", None, EDITORS),
    ("POST", "/api/registry/label-applications", {}, ANY_WRITER),
    ("POST", "/api/registry/label-applications/999999/review", None, STAFF),
    ("POST", "/api/registry/label-applications/999999/grant", None, STAFF),
    ("POST", "/api/registry/label-applications/999999/reject", None, STAFF),
    ("POST", "/api/registry/labels/MIM-0000-000000/suspend", None, STAFF),
    ("POST", "/api/registry/labels/MIM-0000-000000/reinstate", None, STAFF),
    ("POST", "/api/registry/labels/MIM-0000-000000/withdraw", None, STAFF),
]
EVENTS_WRITES = [
    ("POST", "/api/events/series", {}, STAFF),
    ("POST", "/api/events/events", {}, STAFF),
    ("PATCH", "/api/events/events/999999", {}, STAFF),
    ("POST", "/api/events/events/999999/publish", None, STAFF),
    ("POST", "/api/events/events/999999/cancel", {}, STAFF),
    ("POST", "/api/events/events/999999/checkins", {}, STAFF),
    ("POST", "/api/events/personal-data-purges", {}, STAFF),
    ("POST", "/api/events/events/999999/rsvps", {}, PUBLIC),
]
GATEWAY_WRITES = [
    ("POST", "/api/auth/accounts", {}, ADMIN_ONLY),
    ("POST", "/api/auth/accounts/999999/deactivate", None, ADMIN_ONLY),
    ("POST", "/api/auth/keys", {}, ADMIN_ONLY),
    ("DELETE", "/api/auth/keys/999999", None, ADMIN_ONLY),
]
WRITES = GATEWAY_WRITES + REGISTRY_WRITES + (EVENTS_WRITES if "events" in PROCESSES else [])


@pytest.fixture(scope="module")
def credentials(platform: Stack) -> dict[str, dict[str, str]]:
    """Headers per caller: anonymous, each role signed in, and API keys (read-write and read-only)."""
    done = subprocess.run(
        [sys.executable, "-m", "services.cli", "createadmin", "--email", ADMIN[0]],
        cwd=PROJECT_ROOT,
        env={**os.environ, **platform.env, "MIM_ADMIN_PASSWORD": ADMIN[1]},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    gw = httpx.Client(base_url=platform.gateway, timeout=60)

    def sign_in(email: str, password: str) -> dict[str, str]:
        response = gw.post("/api/auth/token", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    admin = sign_in(*ADMIN)
    headers = {"anonymous": {}, "admin": admin}
    for role, exporter_id in (("organiser", None), ("exporter", 424242)):
        email = f"{role}@matrix.example.ma"
        body = {
            "email": email,
            "password": "a long enough password",
            "role": role,
            "exporter_id": exporter_id,
        }
        assert gw.post("/api/auth/accounts", json=body, headers=admin).status_code == 201
        headers[role] = sign_in(email, "a long enough password")
    for name, scope in (("key-read-write", "read-write"), ("key-read-only", "read")):
        response = gw.post(
            "/api/auth/keys", json={"name": name, "role": "organiser", "scope": scope}, headers=admin
        )
        assert response.status_code == 201
        headers[name] = {"X-API-Key": response.json()["key"]}
    gw.close()
    return headers


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"), WRITES, ids=[f"{m} {p}" for m, p, _, _ in WRITES]
)
def test_each_caller_on_each_write(
    platform: Stack,
    credentials: dict[str, dict[str, str]],
    method: str,
    path: str,
    body: object,
    allowed: frozenset,
) -> None:
    outcomes = {}
    with httpx.Client(base_url=platform.gateway, timeout=60) as gw:
        for caller, headers in credentials.items():
            response = gw.request(method, path, json=body, headers=headers)
            outcomes[caller] = response.status_code
            assert response.status_code < 500, (caller, response.text)
            if response.status_code in (401, 403):
                assert response.headers["content-type"] == "application/problem+json"

    role_of = {"key-read-write": "organiser"}
    for caller, status in outcomes.items():
        if caller == "key-read-only":
            expected_ok = "anonymous" in allowed  # a read-only key may do what anyone may
        else:
            expected_ok = role_of.get(caller, caller) in allowed
        if expected_ok:
            assert status not in (401, 403), (caller, outcomes)
        elif caller == "anonymous":
            assert status == 401, (caller, outcomes)
        else:
            assert status == 403, (caller, outcomes)


def test_a_bearer_token_is_forwarded_as_is_and_verified_by_the_service(
    platform: Stack, credentials: dict[str, dict[str, str]]
) -> None:
    with httpx.Client(base_url=platform.gateway, timeout=60) as gw:
        token = credentials["organiser"]["Authorization"]
        forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
        response = gw.post("/api/registry/exporters", json={}, headers={"Authorization": forged})
        assert response.status_code == 401  # the registry refused it, not the gateway
        assert response.json()["instance"] == "/exporters"
