"""Hardening fixtures: the real platform on free ports, and callers of every kind.

``platform`` is the session's shared stack; modules that kill processes or need
other settings (faults, slow clients, internal endpoints, secrets) start their own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.support.stack import SHARED_ENV, Stack
from tests.support.tokens import bearer

# The shared stack's settings (every limit out of the way), with short time-outs so faults are
# proven in seconds.
HARDENING_ENV = {
    **SHARED_ENV,
    "GATEWAY_REGISTRY_TIMEOUT": "10",
    "GATEWAY_EVENTS_TIMEOUT": "10",
    "GATEWAY_CONNECT_TIMEOUT": "0.5",
}

PASSWORD = "hardening-password-0123"


@pytest.fixture(scope="session")
def platform(shared_stack: Stack) -> Stack:
    """The session's shared platform (tests/conftest.py). The modules here that use it write
    only rows of their own (``World``, fresh ``Callers`` per module) and stop no process."""
    return shared_stack


@pytest.fixture(scope="module")
def gw(platform: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=platform.gateway, timeout=15) as client:
        yield client


def problem(response: httpx.Response, status: int) -> dict:  # type: ignore[type-arg]
    assert response.status_code == status, f"{response.status_code} != {status}: {response.text[:500]}"
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body = response.json()
    assert body["status"] == status
    return body  # type: ignore[no-any-return]


@dataclass
class Callers:
    """Authorization headers for every kind of caller, made through the gateway's real API."""

    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    own_exporter: dict = field(default_factory=dict)  # type: ignore[type-arg]
    other_exporter: dict = field(default_factory=dict)  # type: ignore[type-arg]
    passwords: dict[str, str] = field(default_factory=dict)
    raw_keys: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> dict[str, str]:
        return self.headers[name]


CALLER_KINDS = (
    "anonymous",
    "exporter_own",
    "exporter_other",
    "organiser",
    "admin",
    "key_read",
    "key_read_write",
)


def sign_in(client: httpx.Client, email: str, password: str) -> dict:  # type: ignore[type-arg]
    response = client.post("/api/auth/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def make_callers(client: httpx.Client, tag: str | None = None) -> Callers:
    """Real accounts and keys: an admin JWT (as `mim token` mints) bootstraps the first admin,
    everyone else signs in through ``POST /api/auth/token`` or uses an API key."""
    tag = uuid.uuid4().hex[:6] if tag is None else tag
    boot = bearer("admin", sub="account:bootstrap")
    listed = client.get("/api/registry/exporters", params={"per_page": 2, "sort": "name"})
    assert listed.status_code == 200, listed.text
    exporters = listed.json()["items"]
    own, other = exporters[0], exporters[1]
    callers = Callers(own_exporter=own, other_exporter=other)
    accounts = {
        "admin": {"role": "admin"},
        "organiser": {"role": "organiser"},
        "exporter_own": {"role": "exporter", "exporter_id": own["id"]},
        "exporter_other": {"role": "exporter", "exporter_id": other["id"]},
    }
    for name, spec in accounts.items():
        email = f"{name.replace('_', '-')}{tag}@hardening.example.ma"
        response = client.post(
            "/api/auth/accounts", json={"email": email, "password": PASSWORD, **spec}, headers=boot
        )
        assert response.status_code == 201, response.text
        pair = sign_in(client, email, PASSWORD)
        callers.headers[name] = {"Authorization": f"Bearer {pair['access_token']}"}
        callers.passwords[name] = email
    for name, scope in (("key_read", "read"), ("key_read_write", "read-write")):
        response = client.post(
            "/api/auth/keys",
            json={"name": f"integrator {name}{tag}", "role": "organiser", "scope": scope},
            headers=callers["admin"],
        )
        assert response.status_code == 201, response.text
        callers.raw_keys[name] = response.json()["key"]
        callers.headers[name] = {"X-API-Key": response.json()["key"]}
    callers.headers["anonymous"] = {}
    return callers


@pytest.fixture(scope="module")
def callers(gw: httpx.Client) -> Callers:
    return make_callers(gw)


def read_log(path: Path) -> str:
    return path.read_text(errors="replace") if path.exists() else ""
