"""Secrets and logs: passwords and tokens never reach a log; weak secrets refuse to start in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from services.common.config import DEV_JWT_SECRET
from tests.hardening.conftest import HARDENING_ENV
from tests.hardening.world import World
from tests.support.databases import DatabaseFactory
from tests.support.servers import PROJECT_ROOT, free_port
from tests.support.stack import running_stack
from tests.support.tokens import bearer

VERBOSE_LOGS = {f"{name}_LOG_LEVEL": "DEBUG" for name in ("REGISTRY", "EVENTS", "GATEWAY", "FRONTEND")}


def test_passwords_and_tokens_never_reach_the_logs(databases: DatabaseFactory, log_dir: Path) -> None:
    processes = ("registry", "events", "gateway", "frontend")
    # No demo data: everything below is made here (an account, a key, an event and its RSVPs).
    with running_stack(
        databases, log_dir, processes=processes, demo=False, extra_env={**HARDENING_ENV, **VERBOSE_LOGS}
    ) as stack:
        secrets: dict[str, str] = {}
        with httpx.Client(base_url=stack.gateway, timeout=30) as gw:
            boot = bearer("admin", sub="account:boot")
            secrets["password"] = "s3cret-Passw0rd-for-logs"
            secrets["wrong password"] = "wr0ng-Passw0rd-for-logs"
            account = {"email": "logs@example.ma", "password": secrets["password"], "role": "organiser"}
            assert gw.post("/api/auth/accounts", json=account, headers=boot).status_code == 201
            # Sign in (JSON and the OAuth2 form), a wrong password, refresh, sign out.
            assert (
                gw.post(
                    "/api/auth/token", json={**account, "password": secrets["wrong password"]}
                ).status_code
                == 401
            )
            pair = gw.post(
                "/api/auth/token", json={"email": account["email"], "password": account["password"]}
            ).json()
            form = gw.post(
                "/api/auth/token", data={"username": account["email"], "password": account["password"]}
            )
            assert form.status_code == 200
            secrets["access token"] = pair["access_token"]
            secrets["refresh token"] = pair["refresh_token"]
            secrets["form access token"] = form.json()["access_token"]
            refreshed = gw.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]})
            assert refreshed.status_code == 200
            secrets["refreshed refresh token"] = refreshed.json()["refresh_token"]
            # Reusing a spent refresh token is refused (and logged as an incident, without the token).
            assert (
                gw.post("/api/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code == 401
            )
            assert (
                gw.post("/api/auth/signout", json={"refresh_token": form.json()["refresh_token"]}).status_code
                == 204
            )
            secrets["signed-out refresh token"] = form.json()["refresh_token"]
            # The reuse above ended that session (the family is revoked): its access token too.
            assert (
                gw.get(
                    "/api/auth/me", headers={"Authorization": f"Bearer {pair['access_token']}"}
                ).status_code
                == 401
            )
            again = gw.post(
                "/api/auth/token", json={"email": account["email"], "password": account["password"]}
            ).json()
            secrets["second access token"] = again["access_token"]
            signed_in = {"Authorization": f"Bearer {again['access_token']}"}
            assert gw.get("/api/auth/me", headers=signed_in).status_code == 200

            # API keys, both ways of sending them, read and write.
            key = gw.post(
                "/api/auth/keys",
                json={"name": "logs", "role": "organiser", "scope": "read-write"},
                headers=boot,
            )
            secrets["api key"] = key.json()["key"]
            assert (
                gw.get("/api/registry/exporters", headers={"X-API-Key": secrets["api key"]}).status_code
                == 200
            )
            assert (
                gw.get(
                    "/api/events/series", headers={"Authorization": f"ApiKey {secrets['api key']}"}
                ).status_code
                == 200
            )
            assert (
                gw.get("/api/registry/exporters", headers={"X-API-Key": secrets["api key"] + "x"}).status_code
                == 401
            )

            # An RSVP and everything done with its private tokens.
            world = World(gw, _AdminOnly(signed_in), events_database_url=stack.database_urls["events"])
            event_id = world.new_event()
            rsvp = world.new_rsvp(event_id)
            secrets["manage token"] = rsvp["manage_token"]
            secrets["check-in token"] = rsvp["checkin_token"]
            token = rsvp["manage_token"]
            assert gw.get(f"/api/events/rsvps/{token}").status_code == 200
            assert gw.get(f"/api/events/rsvps/{token}/calendar.ics").status_code == 200
            assert gw.get(f"/api/events/rsvps/{token}/qr.svg").status_code == 200
            checkin = gw.post(
                f"/api/events/events/{event_id}/checkins",
                json={"token": rsvp["checkin_token"]},
                headers=signed_in,
            )
            assert checkin.status_code == 200
            other = world.new_rsvp(event_id)
            secrets["cancelled guest's manage token"] = other["manage_token"]
            assert gw.post(f"/api/events/rsvps/{other['manage_token']}/cancel").status_code == 200
            assert gw.post(f"/api/events/rsvps/{other['manage_token']}/erase").status_code == 200
            assert gw.get(f"/api/events/rsvps/{token}x-not-mine").status_code == 404
        if "frontend" in stack.servers:
            with httpx.Client(base_url=stack.frontend, timeout=30) as site:
                assert site.get(f"/rsvps/{token}").status_code == 200

        logs = {name: server.log() for name, server in stack.servers.items()}
    assert all(logs.values()), "every process wrote a log"
    assert any("[redacted]" in text for text in logs.values()), (
        "the access log shows the redacted manage path"
    )
    leaks = [
        f"{what} in the {name} log"
        for what, value in secrets.items()
        for name, text in logs.items()
        if value in text
    ]
    assert not leaks, leaks
    assert DEV_JWT_SECRET not in "".join(logs.values())


class _AdminOnly:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers

    def __getitem__(self, _name: str) -> dict[str, str]:
        return self.headers


# --------------------------------------------------------------------------- production mode


def _start(argv: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MIM_", "FRONTEND_SECRET"))}
    return subprocess.Popen(
        [sys.executable, "-m", "services.cli", *argv],
        cwd=PROJECT_ROOT,
        env={**clean, "MIM_ENV": "production", "MIM_PUBLIC_URL": "https://www.example.ma", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _serve(name: str) -> list[str]:
    return ["serve", name, "--host", "127.0.0.1", "--port", str(free_port())]


PROCESSES = ["registry", "events", "gateway", "frontend", "events-worker"]

WEAK_SECRETS = {
    "unset": None,
    "the development default": DEV_JWT_SECRET,
    "too short": "too-short-but-secret-value",
}
# Every process reads MIM_JWT_SECRET through the one ServiceSettings validator (no settings class
# redefines the field), and each refuses through its own start-up path. So every process is shown
# refusing the development default (the mistake most likely in production), and the two other
# weak secrets, the same validator's other inputs, each on one HTTP server and on the worker.
REFUSERS = {
    "unset": ["gateway", "events-worker"],
    "the development default": PROCESSES,
    "too short": ["registry", "events-worker"],
}


def _start_process(name: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return _start(["events-worker"] if name == "events-worker" else _serve(name), env)


@pytest.mark.parametrize("case", list(WEAK_SECRETS))
def test_production_refuses_to_start_with_a_default_or_weak_secret(case: str) -> None:
    secret = WEAK_SECRETS[case]
    env = {} if secret is None else {"MIM_JWT_SECRET": secret}
    runs = {name: _start_process(name, env) for name in REFUSERS[case]}
    for name, process in runs.items():
        try:
            output, _ = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            pytest.fail(f"{name} started in production with secret {secret!r}")
        assert process.returncode not in (0, None), f"{name} exited {process.returncode}"
        assert "MIM_JWT_SECRET" in output, f"{name}: {output[-2000:]}"
        assert "Traceback" not in output and "╭" not in output, (
            f"{name} printed a traceback: {output[-2000:]}"
        )
        if secret is not None:
            assert secret not in output, f"{name} echoed the refused secret"


def test_frontend_needs_its_own_secret_in_production() -> None:
    process = _start(_serve("frontend"), {"MIM_JWT_SECRET": "x" * 48})
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 2, output
    assert "FRONTEND_SECRET_KEY" in output, output
