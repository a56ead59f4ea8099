"""`mim`: run, migrate and seed the platform."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import importlib
import logging
import os
import select
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from services.common import migrate as migrations
from services.common.auth import Role, issue_token
from services.common.config import DEV_JWT_SECRET, ServiceSettings
from services.common.db import make_async_engine, make_sessionmaker, transaction
from services.common.health import shared_metrics
from services.common.logging import configure_logging
from services.common.runtime import GuardedHttpProtocol
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
    check: Annotated[
        bool, typer.Option("--check", help="Apply nothing; exit 1 unless every database is at head")
    ] = False,
) -> None:
    """Apply migrations (every service owns its schema and its version table)."""
    names = [service] if service else DATABASE_SERVICES
    if check:
        behind = [name for name in names if not migrations.is_at_head(name, _database_url(name))]
        for name in behind:
            typer.echo(f"{name}: migrations pending", err=True)
        raise typer.Exit(1 if behind else 0)
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


def warn_insecure_defaults(service: str, settings: ServiceSettings) -> None:
    """Outside production a default secret is allowed, but never silently."""
    log = logging.getLogger(f"mim.{service}")
    if settings.jwt_secret.get_secret_value() == DEV_JWT_SECRET:
        log.warning(
            "INSECURE: MIM_JWT_SECRET is the development default, published in the source code: "
            "anyone can mint tokens that %s accepts. Set a random value of 32+ characters "
            "(MIM_ENV=production refuses to start without one).",
            "the website" if service == "frontend" else f"the {service} service",
        )
    secret_key = getattr(settings, "secret_key", None)
    if secret_key is not None and secret_key.get_secret_value().startswith(DEV_JWT_SECRET):
        log.warning(
            "INSECURE: FRONTEND_SECRET_KEY is the development default: anyone can forge "
            "the website's session cookies and CSRF tokens. Set a random value of 32+ characters."
        )
    if settings.metrics_token is None and settings.environment == "production":
        log.warning("MIM_METRICS_TOKEN is not set: /metrics is closed (404)")


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
    configure_logging(service, level=settings.log_level, json=settings.log_json)
    warn_insecure_defaults(service, settings)
    workers = workers or settings.workers
    # Slow and idle clients: header and body read time-outs and a connection cap, per process.
    protocol = GuardedHttpProtocol.configure(
        header_timeout=settings.header_timeout_seconds,
        body_timeout=settings.body_timeout_seconds,
        body_total=settings.body_total_seconds,
        max_connections=settings.max_connections,
    )
    with shared_metrics(service, workers):
        uvicorn.run(
            spec.app_factory,
            factory=True,
            host=host or settings.host,
            port=port or settings.port,
            workers=workers,
            http=protocol,
            log_config=None,
            access_log=False,
            server_header=False,
            proxy_headers=False,
            timeout_graceful_shutdown=5,
            timeout_keep_alive=settings.keep_alive_seconds,
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


def merged_openapi_document() -> dict[str, Any]:
    """The gateway's merged /openapi.json, built in-process from the apps: no server, no database."""
    import tempfile

    from services.gateway.api.docs import DESCRIPTION
    from services.gateway.main import openapi_sources
    from services.gateway.openapi import merge_documents

    with tempfile.TemporaryDirectory() as unused:  # engines are lazy: nothing is written here
        apps = {
            name: resolve(spec.app_factory)(
                spec.load_settings(database_url=f"sqlite:///{unused}/{name}.db", log_level="WARNING")
            )
            for name, spec in PROCESSES.items()
            if name != "frontend"
        }
    gateway = apps.pop("gateway")
    for name, upstream in gateway.state.upstreams.items():
        upstream.openapi = apps[name].openapi()
    settings = gateway.state.settings
    return merge_documents(
        openapi_sources(gateway),
        title=gateway.title,
        version=gateway.version,
        description=DESCRIPTION,
        servers=[
            {"url": f"http://{settings.host}:{settings.port}", "description": "The gateway as configured"}
        ],
    )


@app.command()
def openapi() -> None:
    """Print the merged OpenAPI document the gateway publishes (the website's models come from it)."""
    import json

    typer.echo(json.dumps(merged_openapi_document(), indent=2, sort_keys=True, ensure_ascii=False))


# Processes `mim up` starts besides the four HTTP servers: (name, argv after `mim`).
EXTRA_PROCESSES: list[tuple[str, list[str]]] = [
    ("events-worker", ["events-worker"]),
]
# The database each extra process reads (the HTTP processes read their own, if any).
EXTRA_PROCESS_DATABASES = {"events-worker": "events"}


def _database_of(child: str) -> str | None:
    """The service database ``child`` needs migrated (and seeded) before it starts, if any."""
    if child in EXTRA_PROCESS_DATABASES:
        return EXTRA_PROCESS_DATABASES[child]
    return child if child in DATABASE_SERVICES else None


def _child_env() -> dict[str, str]:
    """Point every process at the others' ports, so one override reaches all."""
    env = dict(os.environ)
    ports = {name: PROCESSES[name].load_settings().port for name in PROCESSES}
    hosts = {name: PROCESSES[name].load_settings().host for name in PROCESSES}
    env.setdefault("GATEWAY_REGISTRY_URL", f"http://{hosts['registry']}:{ports['registry']}")
    env.setdefault("GATEWAY_EVENTS_URL", f"http://{hosts['events']}:{ports['events']}")
    env.setdefault("FRONTEND_GATEWAY_URL", f"http://{hosts['gateway']}:{ports['gateway']}")
    # Links in e-mails, QR codes and calendars lead to this website (FRONTEND_PORT moves them too).
    site_host = "127.0.0.1" if hosts["frontend"] in ("0.0.0.0", "::") else hosts["frontend"]  # noqa: S104
    site_host = f"[{site_host}]" if ":" in site_host else site_host
    env.setdefault("MIM_PUBLIC_URL", f"http://{site_host}:{ports['frontend']}")
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


class _Forked:
    """A child forked by `mim up`, with the part of `subprocess.Popen` the supervisor uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: it is gone all the same
                self.returncode = -1
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (status := self.poll()) is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired([str(self.pid)], timeout or 0)
            time.sleep(0.02)
        return status

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


_Process = subprocess.Popen[bytes] | _Forked
_FORK_AVAILABLE = sys.platform.startswith("linux")


# What every child of `mim up` imports, loaded once in `mim up` and shared by its forks. Each
# service's own modules are imported by its child (in parallel with the others, and no child
# carries the modules of the others: RSS, issue #18).
_SHARED_MODULES = (
    "services.common.app",
    "uvicorn.config",
    "uvicorn.server",
    "uvicorn.lifespan.on",
    "uvicorn.loops.auto",
)


def _preload() -> None:
    for module in _SHARED_MODULES:
        importlib.import_module(module)


def _fork(child: _Child, env: dict[str, str], preexec: Callable[[], None] | None) -> _Forked:
    """Run `mim <child.argv>` in a fork of this process: the same as `python -m services.cli ...`
    without loading the interpreter and the libraries again. The child's name (``comm``, shown
    by ps and top) is ``mim-<name>``."""
    _preload()
    sys.stdout.flush()  # else what is buffered here would be written twice
    sys.stderr.flush()
    gc.freeze()  # the objects loaded so far stay shared with the child (copy-on-write)
    pid = os.fork()
    if pid:
        gc.unfreeze()
        return _Forked(pid)
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        if preexec is not None:
            preexec()
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(15, f"mim-{child.name}"[:15].encode())  # PR_SET_NAME
        os.environ.clear()
        os.environ.update(env)
        try:
            app(args=child.argv, prog_name="mim")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # the child reports and exits; it never returns into `mim up`
        traceback.print_exc()
    finally:
        _exit_fork(code)


def _exit_fork(code: int) -> NoReturn:
    """End a forked child with ``code``: its output flushed, none of the parent's clean-up run."""
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def _stop_children(children: list[tuple[str, _Process]], timeout: float = 10) -> None:
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


# `mim up` restarts a child that dies: after 1 s, then 2, 4... up to RESTART_DELAY_MAX. A child
# that ran RESTART_STABLE_SECONDS before dying was fine until then: it starts again from 1 s and
# its crash count is reset. A child that dies CRASH_LIMIT times in a row, each time within
# RESTART_STABLE_SECONDS of its start, is broken, not unlucky: everything stops (status 1).
# (Counted per start rather than per minute, so a child that takes long to start and crash is
# stopped too.) MIM_UP_CRASH_LIMIT overrides the limit.
RESTART_DELAY_FIRST = 1.0
RESTART_DELAY_MAX = 30.0
RESTART_STABLE_SECONDS = 60.0
CRASH_LIMIT = 5


@dataclass
class _Child:
    name: str
    argv: list[str]
    process: _Process | None = None
    started_at: float = 0.0
    restart_at: float | None = None  # when it is waiting to be started again
    delay: float = RESTART_DELAY_FIRST
    crashes: int = 0  # in a row, each soon after its start


class _Supervisor:
    """The children of `mim up`: started, watched, restarted with back-off, stopped."""

    def __init__(self, commands: list[tuple[str, list[str]]], env: dict[str, str]) -> None:
        self.children = [_Child(name, argv) for name, argv in commands]
        self.env = env
        self.crash_limit = int(os.environ.get("MIM_UP_CRASH_LIMIT") or CRASH_LIMIT)
        self.preexec = _die_with_parent()
        # Forked children share the interpreter `mim up` has already loaded (issue #18: five
        # interpreters importing FastAPI, SQLAlchemy and the services took most of the start-up
        # CPU). MIM_UP_FORK=0 starts each one as a new interpreter instead (`python -m services.cli`).
        self.fork = _FORK_AVAILABLE and os.environ.get("MIM_UP_FORK", "1") != "0"

    def start(self, child: _Child) -> None:
        if self.fork:
            child.process = _fork(child, self.env, self.preexec)
        else:
            child.process = subprocess.Popen(
                [sys.executable, "-m", "services.cli", *child.argv], env=self.env, preexec_fn=self.preexec
            )
        child.started_at = time.monotonic()
        child.restart_at = None

    def start_all(self, children: list[_Child], stopping: Callable[[], bool]) -> None:
        """Start ``children`` one right after the other (what they import is loaded first)."""
        for child in children:
            if stopping():
                return
            self.start(child)

    def processes(self) -> list[tuple[str, _Process]]:
        return [(c.name, c.process) for c in self.children if c.process is not None]

    def check(self) -> str | None:
        """Restart what died (when its delay is over); the reason to stop everything, if any."""
        now = time.monotonic()
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at:
                    typer.echo(f"restarting {child.name}", err=True)
                    self.start(child)
                continue
            if child.process is None or child.process.poll() is None:
                continue
            status = child.process.returncode
            if now - child.started_at >= RESTART_STABLE_SECONDS:
                child.delay = RESTART_DELAY_FIRST
                child.crashes = 0
            child.crashes += 1
            if child.crashes >= self.crash_limit:
                return (
                    f"{child.name} exited with {status}, {child.crashes} times in a row soon after "
                    "starting; stopping the others"
                )
            typer.echo(f"{child.name} exited with {status}, restarting in {child.delay:g} s", err=True)
            child.restart_at = now + child.delay
            child.delay = min(child.delay * 2, RESTART_DELAY_MAX)
        return None


def _prepare(name: str, *, skip_seed: bool) -> None:
    migrate(service=name, revision="head")
    if not skip_seed:
        seed(services=[name])


def _prepare_here(
    names: list[str], *, skip_seed: bool, preexec: Callable[[], None] | None, stopping: Callable[[], bool]
) -> Iterator[str]:
    """Migrate (and seed) each database in this process; yield each name once it is ready."""
    for name in names:
        if stopping():
            return
        _prepare(name, skip_seed=skip_seed)
        yield name


def _prepare_in_fork(
    names: list[str], *, skip_seed: bool, preexec: Callable[[], None] | None, stopping: Callable[[], bool]
) -> Iterator[str]:
    """Like `_prepare_here`, in a fork of `mim up` that tells each database ready through a pipe:
    Alembic, the migrations and the demo data never load into `mim up`, so the processes forked
    from it later do not carry them (RSS)."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            for sig in (signal.SIGTERM, signal.SIGHUP):
                signal.signal(sig, signal.SIG_DFL)
            if preexec is not None:
                preexec()
            for name in names:
                _prepare(name, skip_seed=skip_seed)
                os.write(write_end, f"{name}\n".encode())
            code = 0
        except BaseException:  # reported here; `mim up` stops on the status
            traceback.print_exc()
        finally:
            _exit_fork(code)
    os.close(write_end)
    preparing = _Forked(pid)
    try:
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            pending = b""
            while not stopping():
                if not select.select([pipe], [], [], 0.2)[0]:
                    continue
                chunk = pipe.read(4096)
                if not chunk:
                    break
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    yield line.decode()
        if not stopping() and preparing.wait() != 0:
            typer.echo(f"migrating or loading the demo data failed (status {preparing.returncode})", err=True)
            raise typer.Exit(1)
    finally:
        if preparing.poll() is None:
            preparing.terminate()
            preparing.wait()


@app.command()
def up(
    skip_seed: Annotated[bool, typer.Option("--no-seed", help="Do not load demo data")] = False,
) -> None:
    """Migrate, load demo data on first start, and run every process until Ctrl-C.

    A process that dies is restarted (after 1 s, 2 s, 4 s... up to 30 s); `mim up` stops
    everything on Ctrl-C or SIGTERM, or when one process has died 5 times in a row, each
    within a minute of its start.
    """
    env = _child_env()
    commands = [(name, ["serve", name]) for name in PROCESSES] + list(EXTRA_PROCESSES)
    supervisor = _Supervisor(commands, env)

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
        # Each process starts as soon as the database it reads is ready (the website needs none):
        # its interpreter loads while the next database is migrated and seeded (issue #18).
        supervisor.start_all(
            [c for c in supervisor.children if _database_of(c.name) is None], lambda: stopping
        )
        # Databases without demo data first (quickest): their processes start the soonest.
        order = sorted(DATABASE_SERVICES, key=lambda n: PROCESSES[n].demo_loader is not None)
        prepare = _prepare_in_fork if supervisor.fork else _prepare_here
        for name in prepare(
            order, skip_seed=skip_seed, preexec=supervisor.preexec, stopping=lambda: stopping
        ):
            supervisor.start_all(
                [c for c in supervisor.children if _database_of(c.name) == name], lambda: stopping
            )

        urls = {
            name: f"http://{PROCESSES[name].load_settings().host}:{PROCESSES[name].load_settings().port}"
            for name in PROCESSES
        }
        typer.echo("")
        typer.echo(f"  Website     {urls['frontend']}/")
        typer.echo(f"  Public API  {urls['gateway']}/api  (docs: {urls['gateway']}/docs)")
        typer.echo(f"  Registry    {urls['registry']}/docs")
        typer.echo(f"  Events      {urls['events']}/docs")
        typer.echo("  Ctrl-C stops everything; a process that dies is restarted.\n")

        while not stopping:
            reason = supervisor.check()
            if reason is not None and not stopping:
                typer.echo(reason, err=True)
                exit_code = 1
                break
            time.sleep(0.2)
    finally:
        _stop_children(supervisor.processes())
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
