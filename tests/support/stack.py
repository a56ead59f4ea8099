"""The real platform on free ports: each service its own fresh database.

Used by cross-service tests (gateway, frontend, browser, hardening) and by the
benchmarks. Every process is a real `mim serve` subprocess on 127.0.0.1,
stopped by PID when the context exits.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.databases import DatabaseFactory
from tests.support.servers import (
    PROJECT_ROOT,
    START_TIMEOUT,
    RunningServer,
    free_port,
    start_process,
    wait_until_started,
)

ALL_PROCESSES = ("registry", "events", "gateway", "frontend")
API_PROCESSES = ("registry", "events", "gateway")
# Processes started together, wave after wave: the gateway probes its upstreams as it starts (one
# found down waits for the next probe), so they are healthy first; the website's liveness needs
# no gateway. On 2 cores a stack is up ~2 imports sooner than one process after the other.
START_WAVES = (("registry", "events"), ("gateway", "frontend"))

# Every test request reaches the gateway from 127.0.0.1: the per-client limits out of the way.
# Stacks with settings of their own start from these and lower only the limit they test.
GENEROUS_LIMITS = {
    "GATEWAY_RATE_LIMIT_DEFAULT": "1000000/minute",
    "GATEWAY_RATE_LIMIT_SIGNIN": "100000/minute",
    "GATEWAY_RATE_LIMIT_RSVP": "100000/minute",
    "GATEWAY_RATE_LIMIT_LABEL_BATCH": "100000/minute",
    "EVENTS_RSVP_PER_CLIENT_LIMIT": "1000000",
    "REGISTRY_CONTACT_PER_CLIENT_LIMIT": "1000000",
    "REGISTRY_CONTACT_PER_EMAIL_LIMIT": "1000000",
}

# Every process of the shared stack serves /metrics only with this bearer token (the hardening
# tests prove the token is needed and that the gateway forwards no internal endpoint).
SHARED_METRICS_TOKEN = "metrics-token-for-the-test-0123456789"

# The shared stack (``shared_stack`` in tests/conftest.py), used by the gateway, hardening,
# website, browser and integrator tests: patient time-outs so a loaded machine does not turn
# slow answers into 504s, and every limit out of the way (limits, back-off and time-outs are
# tested on stacks of their own).
SHARED_ENV = {
    **GENEROUS_LIMITS,
    "GATEWAY_REGISTRY_TIMEOUT": "30",
    "GATEWAY_EVENTS_TIMEOUT": "30",
    "GATEWAY_CONNECT_TIMEOUT": "5",
    "GATEWAY_BREAKER_THRESHOLD": "3",
    "GATEWAY_BREAKER_RESET_SECONDS": "1",
    "GATEWAY_HEALTH_INTERVAL_SECONDS": "0.5",
    # No test reads the shared stack's contact e-mails: its registry sends none (no mail sink).
    "REGISTRY_OUTBOX_WORKER": "false",
    "MIM_METRICS_TOKEN": SHARED_METRICS_TOKEN,
    # Session-long sign-ins outlive the default 15 min on a loaded machine.
    "GATEWAY_ACCESS_TOKEN_TTL_SECONDS": "3600",
}


@dataclass
class Stack:
    servers: dict[str, RunningServer]
    env: dict[str, str]
    database_urls: dict[str, str] = field(default_factory=dict)

    def url(self, name: str) -> str:
        return self.servers[name].url

    @property
    def gateway(self) -> str:
        return self.url("gateway")

    @property
    def frontend(self) -> str:
        return self.url("frontend")

    def restart(self, name: str) -> RunningServer:
        old = self.servers[name]
        old.stop()
        self.servers[name] = start_process(name, env=self.env, log_dir=old.log_path.parent, port=old.port)
        return self.servers[name]


def stack_env(
    ports: dict[str, int], database_urls: dict[str, str], extra: dict[str, str] | None = None
) -> dict[str, str]:
    env = {
        "MIM_ENV": "test",
        "GATEWAY_REGISTRY_URL": f"http://127.0.0.1:{ports['registry']}",
        "GATEWAY_EVENTS_URL": f"http://127.0.0.1:{ports['events']}",
        "FRONTEND_GATEWAY_URL": f"http://127.0.0.1:{ports['gateway']}",
        "EVENTS_REGISTRY_URL": f"http://127.0.0.1:{ports['registry']}",
    }
    if "frontend" in ports:  # links in e-mails, QR codes and calendars lead to this website
        env["MIM_PUBLIC_URL"] = f"http://127.0.0.1:{ports['frontend']}"
    for name, port in ports.items():
        env[f"{name.upper()}_PORT"] = str(port)
        env[f"{name.upper()}_LOG_LEVEL"] = "WARNING"
    for name, url in database_urls.items():
        env[f"{name.upper()}_DATABASE_URL"] = url
    env.update(extra or {})
    return env


def seed_demo(env: dict[str, str], services: list[str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "services.cli", "seed", *services],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        timeout=START_TIMEOUT * 2,
    )


@contextmanager
def running_stack(
    databases: DatabaseFactory,
    log_dir: Path,
    *,
    processes: tuple[str, ...] = ALL_PROCESSES,
    demo: bool = True,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Stack]:
    """Start ``processes`` on fresh databases, each wave of ``START_WAVES`` at once; stop them
    all at exit."""
    ports = {name: free_port() for name in ALL_PROCESSES}
    database_urls = {
        name: databases.fresh_url(name) for name in ("registry", "events", "gateway") if name in processes
    }
    # Uploaded logos and photos stay with this stack's files, not in the project's var/.
    media = {"REGISTRY_MEDIA_ROOT": str(log_dir / "media")}
    env = stack_env(ports, database_urls, {**media, **(extra_env or {})})
    if demo:
        seed_demo(env, list(database_urls))
    servers: dict[str, RunningServer] = {}
    with ExitStack() as cleanup:
        for wave in START_WAVES:
            started = [name for name in wave if name in processes]
            for name in started:
                servers[name] = start_process(name, env=env, log_dir=log_dir, port=ports[name], wait=False)
                # Looked up at exit: a process restarted by Stack.restart is stopped too.
                cleanup.callback(lambda n=name: servers[n].stop())
            for name in started:
                wait_until_started(servers[name])
        yield Stack(servers=servers, env=env, database_urls=database_urls)
