"""`mim`: run, migrate and seed the platform."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import importlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from services.common import migrate as migrations
from services.common.auth import Role, issue_token
from services.common.config import ServiceSettings
from services.common.db import make_async_engine, make_sessionmaker, transaction
from services.common.health import shared_metrics
from services.processes import DATABASE_SERVICES, PROCESSES, resolve


class _Cli(typer.Typer):
    """Settings refused at start-up (a weak secret in production...) end the process with a short
    message and status 2: no traceback, and never the offending values (they may be secrets)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except ValidationError as exc:
            lines = [f"{exc.title}: the configuration is refused"]
            for error in exc.errors(include_input=False, include_url=False):
                where = ".".join(str(part) for part in error["loc"])
                lines.append(f"  {where + ': ' if where else ''}{error['msg'].removeprefix('Value error, ')}")
            typer.echo("\n".join(lines), err=True)
            raise SystemExit(2) from None


app = _Cli(
    help="Club Made in Morocco platform: run, migrate, seed.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold secrets
)


def _check_service(name: str, *, needs_db: bool = False) -> None:
    if name not in PROCESSES or (needs_db and name not in DATABASE_SERVICES):
        choices = DATABASE_SERVICES if needs_db else list(PROCESSES)
        raise typer.BadParameter(f"unknown service '{name}'; choose from {', '.join(choices)}")


def _database_url(service: str) -> str:
    settings: ServiceSettings = PROCESSES[service].load_settings()
    return settings.effective_database_url


@app.command()
def migrate(
    service: Annotated[str | None, typer.Argument(help="One service; all when omitted")] = None,
    revision: Annotated[str, typer.Option(help="Target revision")] = "head",
) -> None:
    """Apply migrations (every service owns its schema and its version table)."""
    names = [service] if service else DATABASE_SERVICES
    for name in names:
        _check_service(name, needs_db=True)
        migrations.upgrade(name, _database_url(name), revision)
        typer.echo(f"migrated {name} to {revision}")


@app.command()
def downgrade(
    service: Annotated[str, typer.Argument()],
    revision: Annotated[str, typer.Option(help="Target revision")] = "-1",
) -> None:
    """Revert migrations of one service."""
    _check_service(service, needs_db=True)
    migrations.downgrade(service, _database_url(service), revision)
    typer.echo(f"downgraded {service} to {revision}")


@app.command()
def makemigration(
    service: Annotated[str, typer.Argument()],
    message: Annotated[str, typer.Option("-m", "--message")],
) -> None:
    """Autogenerate a migration from the difference between models and the database."""
    from alembic import command

    _check_service(service, needs_db=True)
    command.revision(
        migrations.alembic_config(service, _database_url(service)),
        message=message,
        autogenerate=True,
    )


async def _seed_service(name: str) -> bool:
    spec = PROCESSES[name]
    if spec.demo_loader is None:
        return False
    loader = resolve(spec.demo_loader)
    engine = make_async_engine(_database_url(name))
    try:
        async with transaction(make_sessionmaker(engine), write=True) as session:
            return bool(await loader(session=session))
    finally:
        await engine.dispose()


@app.command()
def seed(
    services: Annotated[list[str] | None, typer.Argument(help="Services to seed; all when omitted")] = None,
    exporters: Annotated[
        int | None,
        typer.Option(min=1, help="Registry: N synthetic exporters (~3 products each) instead of the demo"),
    ] = None,
) -> None:
    """Load the demo data into every empty database (idempotent)."""
    if exporters is not None:
        from services.registry.synthetic import seed_synthetic

        n, products = seed_synthetic(_database_url("registry"), exporters)
        typer.echo(f"registry: {n} synthetic exporters, {products} products")
        return
    for name in services or DATABASE_SERVICES:
        _check_service(name, needs_db=True)
        if PROCESSES[name].demo_loader is None:
            continue
        loaded = asyncio.run(_seed_service(name))
        typer.echo(f"{name}: {'demo data loaded' if loaded else 'already has data'}")


UPSTREAM_KEEP_ALIVE_SECONDS = 75


@app.command()
def serve(
    service: Annotated[str, typer.Argument(help="registry, events, gateway or frontend")],
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="uvicorn worker processes (default: <SERVICE>_WORKERS, 1)")
    ] = None,
) -> None:
    """Run one process with uvicorn (host, port and workers default to its settings)."""
    import uvicorn

    _check_service(service)
    spec = PROCESSES[service]
    settings = spec.load_settings()
    workers = workers or settings.workers
    with shared_metrics(service, workers):
        uvicorn.run(
            spec.app_factory,
            factory=True,
            host=host or settings.host,
            port=port or settings.port,
            workers=workers,
            log_config=None,
            access_log=False,
            server_header=False,
            proxy_headers=False,
            timeout_graceful_shutdown=5,
            # Longer than the idle time-out of our own clients' pools (gateway and website: 30 s),
            # so a proxy never reuses a connection the server has just closed (a 502 on a POST).
            timeout_keep_alive=UPSTREAM_KEEP_ALIVE_SECONDS,
            # With --workers, uvicorn restarts a worker that is not ready (imports, app) or does
            # not answer its ping within this many seconds: 5 (its default) loops forever on a
            # loaded machine.
            timeout_worker_healthcheck=30,
        )


@app.command()
def token(
    role: Annotated[Role, typer.Option(help="admin, organiser or exporter")] = Role.organiser,
    sub: Annotated[str, typer.Option(help="Subject (account id)")] = "dev",
    exporter_id: Annotated[int | None, typer.Option(help="For an exporter token")] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds")] = 3600,
) -> None:
    """Mint a bearer token for local use (signed with MIM_JWT_SECRET)."""
    settings = ServiceSettings()
    if settings.environment == "production":
        raise typer.BadParameter("refusing to mint tokens by hand in production")
    typer.echo(issue_token(settings, sub=sub, role=role, exporter_id=exporter_id, ttl_seconds=ttl))


# Processes `mim up` starts besides the four HTTP servers: (name, argv after `mim`).
EXTRA_PROCESSES: list[tuple[str, list[str]]] = [
    ("events-worker", ["events-worker"]),
]


def _child_env() -> dict[str, str]:
    """Point every process at the others' ports, so one override reaches all."""
    env = dict(os.environ)
    ports = {name: PROCESSES[name].load_settings().port for name in PROCESSES}
    hosts = {name: PROCESSES[name].load_settings().host for name in PROCESSES}
    env.setdefault("GATEWAY_REGISTRY_URL", f"http://{hosts['registry']}:{ports['registry']}")
    env.setdefault("GATEWAY_EVENTS_URL", f"http://{hosts['events']}:{ports['events']}")
    env.setdefault("FRONTEND_GATEWAY_URL", f"http://{hosts['gateway']}:{ports['gateway']}")
    return env


def _die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes a child get SIGTERM when `mim up` dies, even by SIGKILL.

    Linux only (prctl PR_SET_PDEATHSIG); elsewhere children are stopped by the
    normal shutdown path only.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


def _stop_children(children: list[tuple[str, subprocess.Popen[bytes]]], timeout: float = 10) -> None:
    """SIGTERM every child still running, wait for all, SIGKILL what is left after ``timeout``."""
    for _, proc in children:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
    deadline = time.monotonic() + timeout
    for _, proc in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@app.command()
def up(
    skip_seed: Annotated[bool, typer.Option("--no-seed", help="Do not load demo data")] = False,
) -> None:
    """Migrate, load demo data on first start, and run every process until Ctrl-C."""
    migrate(service=None, revision="head")
    if not skip_seed:
        seed(services=None)
    env = _child_env()
    argv0 = [sys.executable, "-m", "services.cli"]
    commands = [(name, ["serve", name]) for name in PROCESSES] + list(EXTRA_PROCESSES)
    children: list[tuple[str, subprocess.Popen[bytes]]] = []

    # Handlers first, so a Ctrl-C while the children start still stops the ones started.
    # Ctrl-C in a terminal also reaches the children (same process group); each
    # shuts down on its own and the loop below waits for all of them.
    stopping = False

    def _stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)

    exit_code = 0
    try:
        preexec = _die_with_parent()
        for name, extra in commands:
            if stopping:
                break
            children.append((name, subprocess.Popen([*argv0, *extra], env=env, preexec_fn=preexec)))

        urls = {
            name: f"http://{PROCESSES[name].load_settings().host}:{PROCESSES[name].load_settings().port}"
            for name in PROCESSES
        }
        typer.echo("")
        typer.echo(f"  Website     {urls['frontend']}/")
        typer.echo(f"  Public API  {urls['gateway']}/api  (docs: {urls['gateway']}/docs)")
        typer.echo(f"  Registry    {urls['registry']}/docs")
        typer.echo(f"  Events      {urls['events']}/docs")
        typer.echo("  Ctrl-C stops everything.\n")

        while not stopping:
            exited = [(name, proc.returncode) for name, proc in children if proc.poll() is not None]
            if exited and not stopping:
                name, status = exited[0]
                typer.echo(f"{name} exited with status {status}; stopping the others", err=True)
                exit_code = 1
                break
            time.sleep(0.2)
    finally:
        _stop_children(children)
    raise typer.Exit(exit_code)


def _register_service_commands() -> None:
    """Each service may add its own commands in `services/<name>/cli.py: register(app)`."""
    for name in ("registry", "events", "gateway"):
        try:
            module = importlib.import_module(f"services.{name}.cli")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"services.{name}", f"services.{name}.cli"):
                raise
            continue
        module.register(app)


_register_service_commands()

if __name__ == "__main__":
    app()
