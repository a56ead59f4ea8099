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
from tests.support.servers import PROJECT_ROOT, RunningServer, free_port, start_process

ALL_PROCESSES = ("registry", "events", "gateway", "frontend")


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
    """Start ``processes`` (in dependency order) on fresh databases; stop them all at exit."""
    ports = {name: free_port() for name in ALL_PROCESSES}
    database_urls = {
        name: databases.fresh_url(name) for name in ("registry", "events", "gateway") if name in processes
    }
    env = stack_env(ports, database_urls, extra_env)
    if demo:
        seed_demo(env, list(database_urls))
    servers: dict[str, RunningServer] = {}
    with ExitStack() as cleanup:
        for name in ALL_PROCESSES:
            if name in processes:
                server = start_process(name, env=env, log_dir=log_dir, port=ports[name])
                # Looked up at exit: a process restarted by Stack.restart is stopped too.
                cleanup.callback(lambda n=name: servers[n].stop())
                servers[name] = server
        yield Stack(servers=servers, env=env, database_urls=database_urls)
