"""What the bench runs on: databases, the dataset, the services, nginx, memory readings.

Every process is started by us on 127.0.0.1 and a free port, remembered by PID
and stopped by PID (``Infra.close``), also on Ctrl-C or an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy.engine import make_url

from services.common import migrate
from services.processes import PROCESSES
from tests.support.http import one_off_client
from tests.support.servers import PROJECT_ROOT, RunningServer, free_port, start_process, wait_until_healthy
from tests.support.stack import ALL_PROCESSES, stack_env

CACHE_DIR = PROJECT_ROOT / "var" / "bench-cache"
DATABASE_SERVICES = ("registry", "events", "gateway")
START_TIMEOUT_S = 120


@functools.cache
def harness_http() -> httpx.Client:
    """The client of the harness's own requests (set-up, checks, /metrics), never of the measured
    load. One for the run: `httpx.get` builds a client per call and loads the CA bundle, ~45 ms of
    CPU each time, hundreds of times per run. Every URL is plain http on 127.0.0.1; no keep-alive,
    so that no request can meet a connection the server has just closed."""
    return one_off_client(timeout=120)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def process_exists(name: str) -> bool:
    """Is this process's code in the build (its app factory module importable)?"""
    module = PROCESSES[name].app_factory.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def mim(*args: str, env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "services.cli", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "MIM_ENV": "test", **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def seed_supports_exporters() -> bool:
    """Does this build's `mim seed` take `--exporters N` (the synthetic catalogue)?"""
    result = mim("seed", "--help", env={"COLUMNS": "200"}, timeout=60)
    return "--exporters" in result.stdout


# ---------------------------------------------------------------- memory


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (user + system, every thread), from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read_status_kb(pid: int, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def children_of(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie is not alive for our purposes.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ---------------------------------------------------------------- databases


class Databases:
    """One database per service: SQLite files in the work dir, or PostgreSQL databases."""

    def __init__(self, backend: str, workdir: Path, pg_url: str | None) -> None:
        if backend not in ("sqlite", "postgres"):
            raise ValueError("--db is sqlite or postgres")
        if backend == "postgres" and not pg_url:
            raise ValueError("--db postgres needs --pg-url (or MIM_TEST_PG_URL)")
        self.backend = backend
        self.workdir = workdir
        self.pg_url = pg_url
        self.tag = uuid.uuid4().hex[:8]
        self.created: list[str] = []

    def _pg_admin(self, *statements: str) -> None:
        assert self.pg_url
        conninfo = make_url(self.pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def url(self, service: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.workdir / (service + '.db')}"
        assert self.pg_url
        return (
            make_url(self.pg_url)
            .set(database=f"mimbench_{service}_{self.tag}")
            .render_as_string(hide_password=False)
        )

    def create(self, service: str) -> str:
        if self.backend == "postgres":
            name = f"mimbench_{service}_{self.tag}"
            self._pg_admin(f'CREATE DATABASE "{name}"')
            self.created.append(name)
        return self.url(service)

    def migrate(self, service: str) -> None:
        migrate.upgrade(service, self.url(service))

    def sqlite_path(self, service: str) -> Path:
        return self.workdir / f"{service}.db"

    def drop_all(self) -> None:
        for name in reversed(self.created):
            try:
                self._pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except psycopg.Error as exc:
                log(f"could not drop {name}: {exc}")
        self.created.clear()


def registry_code_hash() -> str:
    """Changes whenever the registry's code or migrations change (the dataset cache key)."""
    digest = hashlib.sha256()
    roots = [PROJECT_ROOT / "services" / "registry", PROJECT_ROOT / "migrations" / "registry"]
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class Dataset:
    kind: str  # "synthetic" or "demo"
    exporters_requested: int
    seconds: float  # generating the SQLite dataset (0 when it came from the cache)
    cached: bool
    note: str = ""
    backend: str = "sqlite"
    copy_seconds: float | None = None  # PostgreSQL: the bulk copy from the SQLite dataset
    rows: dict[str, int] = field(default_factory=dict)


@dataclass
class Source:
    """A pristine SQLite registry holding the synthetic dataset (the cache file, or one made here)."""

    path: Path
    dataset: Dataset


def synthetic_source(exporters: int, workdir: Path, *, use_cache: bool) -> Source:
    """The SQLite dataset of ``exporters`` synthetic exporters: from the cache, else generated
    (`mim seed registry --exporters N` into a fresh SQLite file) and cached."""
    cache_file = CACHE_DIR / f"registry-{exporters}-{registry_code_hash()}.db"
    if use_cache and cache_file.exists():
        log(f"registry: dataset of {exporters} exporters from cache {cache_file.name}")
        return Source(cache_file, Dataset("synthetic", exporters, 0.0, cached=True))
    path = workdir / "dataset-registry.db"
    url = f"sqlite:///{path}"
    migrate.upgrade("registry", url)
    started = time.monotonic()
    log(f"registry: seeding {exporters} exporters (mim seed registry --exporters {exporters})")
    env = {"REGISTRY_DATABASE_URL": url, "REGISTRY_LOG_LEVEL": "WARNING"}
    result = mim("seed", "registry", "--exporters", str(exporters), env=env)
    if result.returncode != 0:
        raise RuntimeError(f"seeding the registry failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    seconds = time.monotonic() - started
    _sqlite_checkpoint(path)
    if use_cache:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        shutil.copyfile(path, tmp)
        tmp.replace(cache_file)
    return Source(path, Dataset("synthetic", exporters, seconds, cached=False))


def prepare_registry(
    databases: Databases, exporters: int, *, use_cache: bool, source: Source | None = None
) -> Dataset:
    """Migrate the registry database and fill it with the synthetic dataset when this build
    has one (`mim seed registry --exporters N`), else with the demo catalogue.

    The dataset is always generated on SQLite (and cached); PostgreSQL gets a copy of it
    (``copy_registry_to_postgres``): the same rows on both, loaded in a fraction of the time
    seeding PostgreSQL row by row takes.
    """
    if source is None and not seed_supports_exporters():
        databases.create("registry")
        databases.migrate("registry")
        env = {"REGISTRY_DATABASE_URL": databases.url("registry"), "REGISTRY_LOG_LEVEL": "WARNING"}
        log("registry: this build's `mim seed` has no --exporters; loading the demo catalogue")
        started = time.monotonic()
        result = mim("seed", "registry", env=env)
        if result.returncode != 0:
            raise RuntimeError(
                f"seeding the registry failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        note = "`mim seed --exporters N` is not in this build: the small demo catalogue was used instead."
        seconds = time.monotonic() - started
        return Dataset("demo", exporters, seconds, cached=False, note=note, backend=databases.backend)
    if source is None:
        source = synthetic_source(exporters, databases.workdir, use_cache=use_cache)
    dataset = Dataset(**{**source.dataset.__dict__, "backend": databases.backend, "rows": {}})
    if databases.backend == "sqlite":
        shutil.copyfile(source.path, databases.sqlite_path("registry"))
        return dataset
    databases.create("registry")
    databases.migrate("registry")
    log(f"registry: copying the dataset into PostgreSQL (COPY from {source.path.name})")
    started = time.monotonic()
    dataset.rows = copy_registry_to_postgres(source.path, databases.url("registry"))
    dataset.copy_seconds = round(time.monotonic() - started, 1)
    log(
        f"registry: {dataset.rows.get('exporter', 0)} exporters, {dataset.rows.get('product', 0)} products "
        f"copied in {dataset.copy_seconds:.1f} s"
    )
    return dataset


def _sqlite_checkpoint(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# ---------------------------------------------------------------- PostgreSQL dataset from SQLite

# Row triggers of the registry that a bulk load replaces with one statement each (see
# migrations/registry/versions/0002_full_catalogue.py): the search vocabulary ``fts_term``.
PG_ROW_TRIGGERS = {"exporter": "fts_exporter_terms", "product": "fts_product_terms"}
FTS_TERMS_SQL = (
    "INSERT INTO fts_term(term) SELECT DISTINCT w FROM (SELECT regexp_split_to_table("
    "search_name || ' ' || search_text, '\\s+') AS w FROM {table}) t "
    "WHERE length(w) >= 4 ON CONFLICT DO NOTHING"
)


def pg_conninfo(url: str) -> str:
    """A libpq URL for psycopg from a SQLAlchemy URL (``postgresql+psycopg://`` -> ``postgresql://``)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def registry_tables() -> list[str]:
    """The registry's tables, parents before children (the order a load must follow)."""
    from services.registry.models import RegistryModel

    return [table.name for table in RegistryModel.metadata.sorted_tables]


def copy_registry_to_postgres(sqlite_path: Path, pg_url: str) -> dict[str, int]:
    """Load a registry dataset from a SQLite file into a freshly migrated PostgreSQL registry.

    One transaction: empty the tables (the migration or the service may have put the
    reference rows there), then ``COPY ... FROM STDIN`` every table from SQLite in
    dependency order, every column both sides have except PostgreSQL's generated ones
    (the ``fts_document`` tsvector computes itself). The secondary indexes (the GIN
    full-text ones above all) are dropped before and rebuilt after, in one pass each,
    and the per-row vocabulary trigger is replaced by one statement: far cheaper than
    maintaining them row by row. Then every serial sequence is moved past its table's
    largest id, the search generation is bumped (search_cache.py), and VACUUM ANALYZE
    leaves the planner statistics and the visibility map ready. Returns rows per table.
    """
    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    counts: dict[str, int] = {}
    phases: dict[str, float] = {}
    try:
        with psycopg.connect(pg_conninfo(pg_url)) as conn:
            conn.execute("SET TIME ZONE 'UTC'")  # SQLite holds naive UTC timestamps
            conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
            tables = [t for t in registry_tables() if _sqlite_columns(source, t)]
            # The registry refuses to TRUNCATE its label tables (labels are never deleted,
            # migration 0005): on this freshly migrated scratch database, the keep-triggers are
            # off for the one TRUNCATE that empties it before the load, then on again.
            keepers = _truncate_triggers(conn, tables)
            for table, trigger in keepers:
                conn.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')  # type: ignore[arg-type]
            conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables))  # type: ignore[arg-type]
            for table, trigger in keepers:
                conn.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"')  # type: ignore[arg-type]
            indexes = _secondary_indexes(conn, tables)
            for name, _definition in indexes:
                conn.execute(f'DROP INDEX "{name}"')  # type: ignore[arg-type]
            for table, trigger in PG_ROW_TRIGGERS.items():
                if table in tables:
                    conn.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')  # type: ignore[arg-type]
            phase = time.monotonic()
            for table in tables:
                counts[table] = _copy_table(source, conn, table)
            phases["copy"] = time.monotonic() - phase
            phase = time.monotonic()
            for table, trigger in PG_ROW_TRIGGERS.items():
                if table in tables:
                    conn.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"')  # type: ignore[arg-type]
                    conn.execute(FTS_TERMS_SQL.format(table=table))  # type: ignore[arg-type]
            phases["vocabulary"] = time.monotonic() - phase
            phase = time.monotonic()
            for _name, definition in indexes:
                conn.execute(definition)  # type: ignore[arg-type]
            phases["indexes"] = time.monotonic() - phase
            for table in tables:
                _fix_sequences(conn, table)
            conn.execute("UPDATE fts_generation SET generation = generation + 1")
        phase = time.monotonic()
        with psycopg.connect(pg_conninfo(pg_url), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        phases["vacuum analyze"] = time.monotonic() - phase
        log("registry: PostgreSQL load " + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()))
    finally:
        source.close()
    return counts


def _truncate_triggers(conn: psycopg.Connection[Any], tables: list[str]) -> list[tuple[str, str]]:
    """(table, trigger) of every user trigger that fires on TRUNCATE of these tables."""
    rows = conn.execute(
        """SELECT c.relname, t.tgname
           FROM pg_trigger t
           JOIN pg_class c ON c.oid = t.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relname = ANY(%s)
             AND NOT t.tgisinternal AND (t.tgtype & 32) <> 0""",
        (tables,),
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def _sqlite_columns(source: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]


def _secondary_indexes(conn: psycopg.Connection[Any], tables: list[str]) -> list[tuple[str, str]]:
    """Indexes of these tables that back no constraint (primary keys and unique ones stay)."""
    rows = conn.execute(
        """SELECT i.relname, pg_get_indexdef(i.oid)
           FROM pg_index x
           JOIN pg_class i ON i.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
           WHERE n.nspname = current_schema() AND t.relname = ANY(%s)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
        (tables,),
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def _copy_table(source: sqlite3.Connection, conn: psycopg.Connection[Any], table: str) -> int:
    target = {
        row[0]
        for row in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s AND is_generated = 'NEVER'",
            (table,),
        )
    }
    columns = [c for c in _sqlite_columns(source, table) if c in target]
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = 0
    with conn.cursor().copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:  # type: ignore[arg-type]
        for row in source.execute(f'SELECT {quoted} FROM "{table}"'):
            copy.write_row(row)
            rows += 1
    return rows


def _fix_sequences(conn: psycopg.Connection[Any], table: str) -> None:
    """Every serial column's sequence continues after the largest value copied."""
    columns = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = %s AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL",
        (table,),
    ).fetchall()
    for (column,) in columns:
        conn.execute(
            f'SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max("{column}"), 1), '  # type: ignore[arg-type]
            f'max("{column}") IS NOT NULL) FROM "{table}"',
            (f'"{table}"', column),
        )


# ---------------------------------------------------------------- nginx

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_buffer_size 16k;
    proxy_buffers 32 16k;
    keepalive_requests 100000;
{upstreams}
    server {{
        listen 127.0.0.1:{port};
{locations}
    }}
}}
"""


@dataclass
class Nginx:
    port: int
    process: subprocess.Popen[bytes]
    prefix: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def pids(self) -> list[int]:
        return [self.process.pid, *children_of(self.process.pid)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_nginx(workdir: Path, servers: dict[str, RunningServer]) -> Nginx:
    """nginx as the reference reverse proxy: the gateway's public paths, plus the website at /."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    prefix = workdir / "nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    os.chmod(prefix, 0o777)  # workers run as nobody when we are root
    upstreams, locations = [], []
    routes = {"registry": "/api/registry/", "events": "/api/events/", "frontend": "/"}
    for name, path in routes.items():
        if name not in servers:
            continue
        upstreams.append(f"    upstream {name} {{ server 127.0.0.1:{servers[name].port}; keepalive 64; }}")
        target = f"http://{name}/" if path != "/" else f"http://{name}"
        locations.append(f"        location {path} {{ proxy_pass {target}; }}")
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            tmp=prefix, port=port, upstreams="\n".join(upstreams), locations="\n".join(locations)
        )
    )
    log_path = prefix / "stdout.log"
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            [binary, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    nginx = Nginx(port=port, process=process, prefix=prefix)
    deadline = time.monotonic() + 10
    import socket

    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(prefix / 'error.log').read_text(errors='replace')[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return nginx
        time.sleep(0.05)
    nginx.stop()
    raise RuntimeError("nginx did not start listening")


# ---------------------------------------------------------------- the stack


@dataclass
class Infra:
    workdir: Path
    databases: Databases
    servers: dict[str, RunningServer] = field(default_factory=dict)
    nginx: Nginx | None = None
    env: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    pids_seen: set[int] = field(default_factory=set)
    # Processes started for one scenario (e.g. a registry with its search cache off), by label.
    extras: dict[str, RunningServer] = field(default_factory=dict)
    # Seconds from starting every process at once to every one answering /healthz.
    start_seconds: float | None = None

    def start_services(self, extra_env: dict[str, str]) -> None:
        present = [name for name in ALL_PROCESSES if process_exists(name)]
        self.missing = [name for name in ALL_PROCESSES if name not in present]
        ports = {name: free_port() for name in ALL_PROCESSES}
        urls = {}
        for name in DATABASE_SERVICES:
            if name not in present:
                continue
            if name != "registry":  # the registry was prepared with its dataset
                self.databases.create(name)
                self.databases.migrate(name)
            urls[name] = self.databases.url(name)
            if name == "events":  # the demo programme: real event pages with panels and speakers
                env = {"EVENTS_DATABASE_URL": urls[name], "EVENTS_LOG_LEVEL": "WARNING"}
                result = mim("seed", "events", env=env)
                if result.returncode != 0:
                    raise RuntimeError(f"seeding events failed:\n{result.stderr[-3000:]}")
        self.env = stack_env(ports, urls, extra_env)
        log_dir = self.workdir / "logs"
        log_dir.mkdir(exist_ok=True)
        for name in present:  # all at once, then wait for each to be healthy
            log(f"starting {name} on 127.0.0.1:{ports[name]}")
            server = start_process(name, env=self.env, log_dir=log_dir, port=ports[name], wait=False)
            self.servers[name] = server
            self.pids_seen.add(server.process.pid)
        started = time.monotonic()
        for name, server in self.servers.items():
            try:  # generous: the machine may be busy with other work
                wait_until_healthy(server.url, timeout=START_TIMEOUT_S, process=server.process)
            except (RuntimeError, TimeoutError) as exc:
                raise RuntimeError(f"{name} did not start ({exc}):\n{server.log()[-3000:]}") from None
        self.start_seconds = round(time.monotonic() - started, 2)

    def start_extra(self, label: str, name: str, env: dict[str, str]) -> RunningServer:
        """One more ``mim serve name`` with the platform's environment plus ``env`` (once per label)."""
        if label not in self.extras:
            log(f"starting {label} ({name}, {' '.join(f'{k}={v}' for k, v in env.items())})")
            server = start_process(name, env={**self.env, **env}, log_dir=self.workdir / "logs", wait=False)
            self.extras[label] = server
            self.pids_seen.add(server.process.pid)
            wait_until_healthy(server.url, timeout=START_TIMEOUT_S, process=server.process)
        return self.extras[label]

    def start_nginx(self) -> None:
        self.nginx = start_nginx(self.workdir, self.servers)
        time.sleep(0.2)  # let the master fork its worker
        self.pids_seen.update(self.nginx.pids())
        log(f"nginx on {self.nginx.url}")

    def server_pids(self, name: str) -> dict[str, int]:
        """The processes serving ``name``: its workers when uvicorn runs several, else itself."""
        pid = self.servers[name].process.pid
        # uvicorn's workers are its children; multiprocessing's resource tracker is one too.
        workers = [child for child in children_of(pid) if "resource_tracker" not in _cmdline(child)]
        if not workers:
            return {name: pid}
        return {f"{name} worker {i}": child for i, child in enumerate(workers, start=1)}

    def pids(self) -> dict[str, int]:
        pids: dict[str, int] = {}
        for name, server in self.servers.items():
            pids[name] = server.process.pid
            pids.update({k: v for k, v in self.server_pids(name).items() if k != name})
        for label, server in self.extras.items():
            pids[label] = server.process.pid
        if self.nginx:
            for i, pid in enumerate(self.nginx.pids()):
                pids["nginx master" if i == 0 else f"nginx worker {i}"] = pid
        return pids

    def peak_rss_kb(self) -> dict[str, dict[str, int | None]]:
        return {
            name: {
                "pid": pid,
                "peak_rss_kb": read_status_kb(pid, "VmHWM"),
                "rss_kb": read_status_kb(pid, "VmRSS"),
            }
            for name, pid in self.pids().items()
        }

    def close(self) -> None:
        if self.nginx:
            self.nginx.stop()
        for label, server in self.extras.items():
            try:
                server.stop()
            except Exception as exc:  # keep stopping the others
                log(f"stopping {label}: {exc}")
        for name in reversed(list(self.servers)):
            try:
                self.servers[name].stop()
            except Exception as exc:  # keep stopping the others
                log(f"stopping {name}: {exc}")
        self.databases.drop_all()


# ---------------------------------------------------------------- answers by status

HTTP_REQUESTS = re.compile(r"^http_requests_total\{([^}]*)\} (\S+)$", re.M)


def status_counts(base_url: str) -> dict[str, float]:
    """Requests the process behind ``base_url`` has answered so far, by HTTP status (its /metrics)."""
    try:
        text = harness_http().get(f"{base_url}/metrics", timeout=10).text
    except httpx.HTTPError:
        return {}
    counts: dict[str, float] = {}
    for labels, value in HTTP_REQUESTS.findall(text):
        found = re.search(r'status="(\d+)"', labels)
        if found and 'route="/metrics"' not in labels:
            counts[found[1]] = counts.get(found[1], 0) + float(value)
    return counts


# ---------------------------------------------------------------- start-up


def measure_startup(workdir: Path, extra_env: dict[str, str]) -> dict[str, Any]:
    """What `make run` does after the first install (`mim up`: migrate every database, load the
    demo data, start every process), on fresh SQLite files and free ports: seconds until every
    HTTP process answers /healthz. Then `mim up` is stopped (SIGTERM, it stops its children)."""
    home = workdir / "startup"
    home.mkdir(parents=True, exist_ok=True)
    ports = {name: free_port() for name in ALL_PROCESSES}
    urls = {name: f"sqlite:///{home / f'{name}.db'}" for name in DATABASE_SERVICES}
    env = {**os.environ, **stack_env(ports, urls, extra_env)}
    log_path = home / "mim-up.log"
    started = time.monotonic()
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    healthy: dict[str, float] = {}
    try:
        with httpx.Client(timeout=2) as client:
            while len(healthy) < len(ports) and time.monotonic() - started < START_TIMEOUT_S:
                if process.poll() is not None:
                    break
                for name, port in ports.items():
                    if name in healthy:
                        continue
                    with contextlib.suppress(httpx.HTTPError):
                        if client.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                            healthy[name] = round(time.monotonic() - started, 2)
                time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    every = len(healthy) == len(ports)
    return {
        "command": "mim up (what `make run` runs once installed): migrate, demo data, every process",
        "seconds": max(healthy.values()) if every else None,
        "healthy_after_s": healthy,
        "all_healthy": every,
        "log_tail": "" if every else log_path.read_text(errors="replace")[-1500:],
    }
