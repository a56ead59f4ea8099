"""`make run` for real: `mim up` as a subprocess, every port and database overridden.

It migrates, seeds, starts the four HTTP processes (and the extra workers), and
must leave no process behind however it is stopped: Ctrl-C in a terminal (SIGINT
to the whole process group), a supervisor's SIGTERM to `mim up` alone, or even
SIGKILL of `mim up` (children die with their parent).
"""

from __future__ import annotations

import functools
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.databases import DatabaseFactory
from tests.support.http import one_off_client
from tests.support.servers import PROJECT_ROOT, free_port, wait_until_healthy

pytestmark = [pytest.mark.slow, pytest.mark.long]

HTTP_PROCESSES = ("registry", "events", "gateway", "frontend")
STARTUP_TIMEOUT = 240  # generous: five interpreters start at once on a possibly loaded machine


def _proc_stat(pid: int) -> tuple[int, str, int] | None:
    """(parent pid, state, start time) of a live process, or None when it is gone.

    Read with os.open/os.read: the migration test scans every process of the machine 20 times a
    second, and Path.read_text cost twice as much CPU per scan."""
    try:
        fd = os.open(f"/proc/{pid}/stat", os.O_RDONLY)
    except OSError:
        return None
    try:
        raw = os.read(fd, 4096)
    except OSError:
        return None
    finally:
        os.close(fd)
    fields = raw[raw.rindex(b")") + 2 :].split()
    return int(fields[1]), fields[0].decode(), int(fields[19])


def descendants(root: int) -> dict[int, int]:
    """Every live descendant of ``root``: pid -> start time (to tell a reused pid apart)."""
    parents: dict[int, list[int]] = {}
    starts: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        stat = _proc_stat(int(entry))
        if stat is None or stat[1] == "Z":
            continue
        parents.setdefault(stat[0], []).append(int(entry))
        starts[int(entry)] = stat[2]
    found: dict[int, int] = {}
    todo = [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child in starts and child not in found:
                found[child] = starts[child]
                todo.append(child)
    return found


def alive(pid: int, start: int) -> bool:
    stat = _proc_stat(pid)
    return stat is not None and stat[2] == start and stat[1] != "Z"


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class Up:
    process: subprocess.Popen[bytes]
    ports: dict[str, int]
    log_path: Path

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]


@functools.cache
def _http() -> httpx.Client:
    """One client for the test's requests: `httpx.get` builds a client per call and loads the CA
    bundle (~45 ms of CPU each; the restart loop makes dozens). Plain http, no keep-alive (a
    killed service must not leave a dead connection in the pool): the suite's one-off client."""
    return one_off_client(timeout=10)


def _expected_children() -> int:
    from services.cli import EXTRA_PROCESSES

    return len(HTTP_PROCESSES) + len(EXTRA_PROCESSES)


def _up_env(ports: dict[str, int], *, fork: bool) -> dict[str, str]:
    """This environment without any service setting, plus the ports `mim up` is to use."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REGISTRY_", "EVENTS_", "GATEWAY_", "FRONTEND_"))
    }
    env.update({"MIM_ENV": "development", "PYTHONUNBUFFERED": "1", "MIM_UP_FORK": "1" if fork else "0"})
    for name, port in ports.items():
        env[f"{name.upper()}_PORT"] = str(port)
        env[f"{name.upper()}_HOST"] = "127.0.0.1"
        env[f"{name.upper()}_LOG_LEVEL"] = "WARNING"
    return env


@contextmanager
def mim_up(
    databases: DatabaseFactory, log_dir: Path, *, fork: bool = True, fresh: bool = True
) -> Iterator[Up]:
    """`mim up` in its own session (as a terminal would run it), healthy; killed if the test fails.

    ``fork=False``: MIM_UP_FORK=0, each child a new interpreter instead of a fork of `mim up`.
    ``fresh=False``: for tests about stopping, not starting: the databases come migrated (`mim up`
    only finds them at head) and no demo data is loaded (``--no-seed``), which saves each such
    test a migration and the seeding; the first test migrates and seeds empty databases."""
    ports = {name: free_port() for name in HTTP_PROCESSES}
    env = _up_env(ports, fork=fork)
    for name in ("registry", "events", "gateway"):
        env[f"{name.upper()}_DATABASE_URL"] = databases.fresh_url(name, migrated=not fresh)
    up = _start_up(env, ports, log_dir, [] if fresh else ["--no-seed"])
    try:
        for name in HTTP_PROCESSES:
            try:
                wait_until_healthy(up.url(name), timeout=STARTUP_TIMEOUT, process=up.process)
            except (RuntimeError, TimeoutError) as exc:
                raise AssertionError(f"{name} did not answer /healthz: {exc}\n{up.log()}") from None
        yield up
    finally:
        _kill_if_running(up.process)


def _start_up(env: dict[str, str], ports: dict[str, int], log_dir: Path, args: list[str]) -> Up:
    """`mim up ARGS` in its own session (as a terminal would run it), its output in mim-up.log."""
    log_path = log_dir / "mim-up.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", *args],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Up(process=process, ports=ports, log_path=log_path)


def _kill_if_running(process: subprocess.Popen[bytes]) -> None:
    """The test failed before `mim up` stopped: kill it and every child, leave nothing behind."""
    if process.poll() is None:
        for pid in descendants(process.pid):
            with_suppressed_kill(pid)
        process.kill()
        process.wait()


def with_suppressed_kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _assert_all_gone(children: dict[int, int], up: Up, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(alive(pid, start) for pid, start in children.items()):
        time.sleep(0.1)
    orphans = [pid for pid, start in children.items() if alive(pid, start)]
    assert orphans == [], f"processes left behind: {orphans}\n{up.log()}"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(port_is_free(p) for p in up.ports.values()):
        time.sleep(0.1)
    assert [n for n, p in up.ports.items() if not port_is_free(p)] == []


def test_make_run_serves_restarts_a_killed_child_and_ctrl_c_leaves_no_orphan(
    databases: DatabaseFactory, log_dir: Path
) -> None:
    """Fresh databases: `mim up` migrates, seeds and serves. Then kill -9 of the events service:
    it comes back, the gateway and the website never stop. Then Ctrl-C stops every forked child,
    the restarted one included, and leaves nothing behind. (One `mim up` for the three: a start
    costs ~7 s of CPU, and the restart does not change what Ctrl-C must stop.)"""
    with mim_up(databases, log_dir) as up:
        children = descendants(up.process.pid)
        assert len(children) >= _expected_children(), up.log()

        regions = _http().get(f"{up.url('gateway')}/api/registry/regions")
        assert regions.status_code == 200, regions.text
        body = regions.json()
        items = body["items"] if isinstance(body, dict) else body
        assert len(items) == 12
        home = _http().get(f"{up.url('frontend')}/")
        assert home.status_code == 200, home.text[:2000]
        assert "text/html" in home.headers["content-type"]
        for name in HTTP_PROCESSES:
            assert f"http://127.0.0.1:{up.ports[name]}" in up.log(), f"{name} URL not printed"

        _kill_events_and_see_it_restarted(up)

        # Ctrl-C in a terminal: SIGINT to the whole foreground process group.
        children.update(descendants(up.process.pid))  # the restarted child too
        os.killpg(up.process.pid, signal.SIGINT)
        assert up.process.wait(timeout=30) == 0, up.log()
        _assert_all_gone(children, up)


def test_sigterm_to_mim_up_alone_stops_every_child(databases: DatabaseFactory, log_dir: Path) -> None:
    """With MIM_UP_FORK=0 (each child a new interpreter). Forked children are stopped the same
    way (`mim up` SIGTERMs each, then waits) when a child keeps crashing, checked below."""
    with mim_up(databases, log_dir, fork=False, fresh=False) as up:
        children = descendants(up.process.pid)
        assert len(children) >= _expected_children(), up.log()
        up.process.send_signal(signal.SIGTERM)
        assert up.process.wait(timeout=30) == 0, up.log()
        _assert_all_gone(children, up)


def test_children_die_with_mim_up_even_on_sigkill(databases: DatabaseFactory, log_dir: Path) -> None:
    with mim_up(databases, log_dir, fresh=False) as up:
        children = descendants(up.process.pid)
        assert len(children) >= _expected_children(), up.log()
        up.process.kill()
        up.process.wait(timeout=10)
        _assert_all_gone(children, up)


def _child_pid(root: int, name: str) -> int:
    """The child of `mim up` running process ``name``: a fork named ``mim-<name>`` (its ``comm``),
    or with MIM_UP_FORK=0 an interpreter started as ``python -m services.cli serve <name>``."""

    def runs(pid: int) -> bool:
        if Path(f"/proc/{pid}/comm").read_text().strip() == f"mim-{name}"[:15]:
            return True
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        return argv[-3:-1] == [b"serve", name.encode()]

    return next(pid for pid in descendants(root) if runs(pid))


def _kill_events_and_see_it_restarted(up: Up) -> None:
    """kill -9 of the events service: `mim up` starts it again, while the gateway (which names
    the missing service) and the website keep answering."""
    events = _child_pid(up.process.pid, "events")
    os.kill(events, signal.SIGKILL)
    killed_at = time.monotonic()
    deadline = killed_at + STARTUP_TIMEOUT
    events_back = False
    http = _http()
    while time.monotonic() < deadline:
        assert up.process.poll() is None, f"mim up stopped:\n{up.log()}"
        assert http.get(f"{up.url('gateway')}/healthz").status_code == 200
        assert http.get(f"{up.url('frontend')}/healthz").status_code == 200
        regions = http.get(f"{up.url('gateway')}/api/registry/regions")
        assert regions.status_code == 200, regions.text
        try:
            events_back = http.get(f"{up.url('events')}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            events_back = False
        if events_back:
            break
        time.sleep(0.3)
    assert events_back, f"events not back after {STARTUP_TIMEOUT} s:\n{up.log()}"
    assert time.monotonic() - killed_at < STARTUP_TIMEOUT
    assert "events exited with -9, restarting in 1 s" in up.log(), up.log()
    new_events = _child_pid(up.process.pid, "events")
    assert new_events != events
    listed = http.get(f"{up.url('gateway')}/api/events/events")
    assert listed.status_code == 200, listed.text


def test_a_child_that_keeps_crashing_stops_everything(databases: DatabaseFactory, log_dir: Path) -> None:
    """The registry's port is taken: it dies at every start; after the limit, `mim up` gives up."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        ports = {name: free_port() for name in HTTP_PROCESSES}
        ports["registry"] = taken
        env = _up_env(ports, fork=True)
        env["MIM_UP_CRASH_LIMIT"] = "3"
        # Migrated already: the crashes, not the migrations, are the point here.
        for name in ("registry", "events", "gateway"):
            env[f"{name.upper()}_DATABASE_URL"] = databases.fresh_url(name)
        up = _start_up(env, ports, log_dir, ["--no-seed"])
        process = up.process
        try:
            wait_until_healthy(up.url("gateway"), timeout=STARTUP_TIMEOUT, process=process)
            children = descendants(process.pid)
            assert process.wait(timeout=STARTUP_TIMEOUT) == 1, up.log()
        finally:
            _kill_if_running(process)
        log_text = up.log()
        # uvicorn exits with 3 when it cannot bind its port.
        assert re.search(r"registry exited with \d+, restarting in 1 s", log_text), log_text
        assert re.search(r"registry exited with \d+, restarting in 2 s", log_text), log_text
        assert "3 times in a row" in log_text, log_text
        ports.pop("registry")
        _assert_all_gone(children, up)


@pytest.mark.parametrize("fork", [True, False], ids=["forked-children", "new-interpreters"])
def test_a_database_that_cannot_be_migrated_stops_everything(
    databases: DatabaseFactory, log_dir: Path, tmp_path: Path, fork: bool
) -> None:
    """The events database is a directory: its migration fails after the website and the gateway
    have started (they do not wait for it); `mim up` says so, exits 1 and leaves nothing behind.
    (``--no-seed`` and migrated copies of the registry's and the gateway's databases: their
    migrations and demo data, prepared before the events database, play no part.)"""
    broken = tmp_path / "events.db"
    broken.mkdir()
    ports = {name: free_port() for name in HTTP_PROCESSES}
    env = _up_env(ports, fork=fork)
    for name in ("registry", "gateway"):
        env[f"{name.upper()}_DATABASE_URL"] = databases.fresh_url(name)
    env["EVENTS_DATABASE_URL"] = f"sqlite:///{broken}"
    up = _start_up(env, ports, log_dir, ["--no-seed"])
    process = up.process
    seen: dict[int, int] = {}
    try:
        while process.poll() is None:  # every child it started, until it stops
            seen.update(descendants(process.pid))
            time.sleep(0.05)
        assert process.returncode == 1, up.log()
    finally:
        _kill_if_running(process)
    log_text = up.log_path.read_text(errors="replace")
    assert "migrated registry to head" in log_text, log_text
    assert ("migrating or loading the demo data failed" in log_text) == fork, log_text
    assert "events exited" not in log_text, log_text  # never started on a database not ready
    assert seen, "nothing was started before the events database failed"
    _assert_all_gone(seen, up)
