"""The services behind a real PgBouncer in transaction mode (Debian's, 1.18 here).

A server connection serves one client transaction at a time and then goes to another client,
so nothing may outlive a transaction: psycopg's server-side prepared statements do (before
PgBouncer 1.21). `?prepare_threshold=none` on the database URL turns them off
(services/common/db.py). The control test shows the pooler is really in transaction mode:
without the option, a statement prepared by one client clashes with another's.

Runs with ``MIM_TEST_DB=postgres`` (the PostgreSQL half of CI); on SQLite it is skipped with
the reason, like the other PostgreSQL operations tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.support.databases import DatabaseFactory, backend, pg_admin_url
from tests.support.servers import free_port, start_process
from tests.support.stack import seed_demo, stack_env
from tests.support.tools import require_tool
from tests.support.waiting import wait_until

pytestmark = pytest.mark.skipif(
    backend() != "postgres", reason="PgBouncer sits in front of PostgreSQL: runs with MIM_TEST_DB=postgres"
)

PROCESSES = ("registry", "events", "gateway")


@pytest.fixture(scope="module")
def pgbouncer() -> Iterator[int]:
    """A PgBouncer in transaction mode on a free port, two server connections per database."""
    binary = require_tool("pgbouncer", "pgbouncer (Debian package pgbouncer)")
    admin = make_url(pg_admin_url())
    # Not under pytest's tmp (0700 root): as root, PgBouncer runs as the postgres user.
    workdir = Path(tempfile.mkdtemp(prefix="mim-pgbouncer-"))
    port = free_port()
    config = workdir / "pgbouncer.ini"
    config.write_text(
        "[databases]\n"
        f"* = host={admin.host or '127.0.0.1'} port={admin.port or 5432}"
        f" user={admin.username or 'postgres'}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\n"
        f"unix_socket_dir = {workdir}\n"
        "auth_type = any\n"
        "pool_mode = transaction\n"
        # Few server connections for many clients: every transaction may land on another one.
        "default_pool_size = 2\nmax_client_conn = 200\n"
        f"logfile = {workdir / 'pgbouncer.log'}\npidfile = {workdir / 'pgbouncer.pid'}\n"
    )
    command = [binary, str(config)]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root (CI runs as root)
        shutil.chown(workdir, "postgres")
        command = ["runuser", "-u", "postgres", "--", *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:

        def accepts() -> bool:
            try:
                with psycopg.connect(
                    f"host=127.0.0.1 port={port} dbname=postgres user=postgres", connect_timeout=2
                ):
                    return True
            except psycopg.OperationalError:
                return False

        wait_until(accepts, 20, interval=0.2, message="pgbouncer did not start")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def _through(url: str, port: int, *, prepared: bool) -> str:
    parsed = make_url(url).set(host="127.0.0.1", port=port)
    if not prepared:
        parsed = parsed.update_query_dict({"prepare_threshold": "none"})
    return parsed.render_as_string(hide_password=False)


def _clash(port: int, database: str, **connect: object) -> None:
    """Two clients run the same statement prepared, in turn, over the pooled server connections."""
    conninfo = f"host=127.0.0.1 port={port} dbname={database} user=postgres"
    with psycopg.connect(conninfo, **connect) as first, psycopg.connect(conninfo, **connect) as second:  # type: ignore[arg-type]
        for _ in range(3):
            for conn in (first, second):
                conn.execute(
                    "SELECT count(*) FROM pg_class WHERE relkind = %s", ["r"], prepare=None
                ).fetchone()
                conn.commit()


def test_the_pooler_is_in_transaction_mode(pgbouncer: int, databases: DatabaseFactory) -> None:
    database = make_url(databases.fresh_url("registry")).database or ""
    with pytest.raises(psycopg.errors.DuplicatePreparedStatement):
        _clash(pgbouncer, database, prepare_threshold=0)  # every statement prepared: clashes
    _clash(pgbouncer, database, prepare_threshold=None)  # the option's setting: none


def test_services_work_behind_pgbouncer(pgbouncer: int, databases: DatabaseFactory, tmp_path: Path) -> None:
    direct = {name: databases.fresh_url(name) for name in PROCESSES}
    ports = {name: free_port() for name in (*PROCESSES, "frontend")}
    seed_demo(stack_env(ports, direct), ["registry", "events"])  # migrations and demo data go direct
    env = stack_env(ports, {name: _through(url, pgbouncer, prepared=False) for name, url in direct.items()})
    servers = []
    try:
        for name in PROCESSES:
            servers.append(start_process(name, env=env, log_dir=tmp_path, port=ports[name]))
        gateway = f"http://127.0.0.1:{ports['gateway']}"

        def reads(worker: int) -> list[int]:
            """Each read repeated past psycopg's default threshold (5), by clients in parallel so
            that the services' connections take turns on PgBouncer's two server connections."""
            statuses = []
            with httpx.Client(base_url=gateway, timeout=60) as client:
                for round_ in range(10):
                    search = client.get(
                        "/api/registry/exporters", params={"q": "argan", "page": 1 + round_ % 2}
                    )
                    statuses.append(search.status_code)
                    statuses.append(client.get("/api/registry/regions").status_code)
                    statuses.append(client.get("/api/events/events", params={"when": "all"}).status_code)
            return statuses

        with ThreadPoolExecutor(6) as pool:
            statuses = [status for answers in pool.map(reads, range(6)) for status in answers]
        assert statuses == [200] * len(statuses), sorted(set(statuses))
        with httpx.Client(base_url=gateway, timeout=60) as client:
            assert client.get("/readyz").json()["checks"]["database"] == "ok"
            events = client.get("/api/events/events", params={"when": "all"}).json()["items"]
            event_id = next(e["id"] for e in events if e["rsvp"]["is_open"])

            def ask(n: int) -> int:  # writes under the event's row lock, through the pooler
                guest = {"name": f"Guest {n}", "email": f"guest{n}@pgbouncer.example", "language": "fr"}
                return client.post(
                    f"/api/events/events/{event_id}/rsvps", json={**guest, "consent": True, "website": ""}
                ).status_code

            with ThreadPoolExecutor(4) as pool:
                assert list(pool.map(ask, range(12))) == [202] * 12
        for server in servers:
            assert "prepared statement" not in server.log(), server.log()[-2000:]
            assert "Traceback" not in server.log(), server.log()[-2000:]
    finally:
        for server in servers:
            server.stop()
