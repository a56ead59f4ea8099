"""A real ``redis-server`` on a free 127.0.0.1 port, no persistence, stopped by PID.

Debian's ``redis-server`` package provides the binary (``.ci/run`` installs it).
When it is missing the test is skipped on a developer's machine but FAILS in CI
(``MIM_CI`` or ``CI`` set, as ``.ci/run`` does), so CI can never pass by skipping.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.servers import free_port
from tests.support.tools import require_tool

START_TIMEOUT = 20.0


def redis_server_binary() -> str:
    """The ``redis-server`` path; skips the test locally, fails it in CI, when it is missing."""
    return require_tool("redis-server", "redis-server (Debian package redis-server)")


def ping(port: int, timeout: float = 0.5) -> bool:
    """True when a Redis on ``port`` answers PING with PONG."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class RedisServer:
    port: int
    workdir: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def log_path(self) -> Path:
        return self.workdir / "redis.log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self) -> None:
        """Start (or start again, on the same port) and wait until it answers PING."""
        if self.process is not None and self.process.poll() is None:
            return
        argv = [
            redis_server_binary(),
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self.workdir),
            "--daemonize", "no",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir)
        deadline = time.monotonic() + START_TIMEOUT
        while not ping(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server on port {self.port} did not start:\n{self.log()[-2000:]}")
            time.sleep(0.05)

    def stop(self, timeout: float = 10) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGCONT)  # a paused server cannot act on SIGTERM
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): connections stay open, nothing answers."""
        assert self.process is not None and self.process.poll() is None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None and self.process.poll() is None
        self.process.send_signal(signal.SIGCONT)


@contextmanager
def redis_server(*, port: int | None = None, started: bool = True) -> Iterator[RedisServer]:
    """A Redis of the caller's own; ``started=False`` only reserves the port and directory."""
    redis_server_binary()
    with tempfile.TemporaryDirectory(prefix="mim-redis-") as workdir:
        server = RedisServer(port=port or free_port(), workdir=Path(workdir))
        try:
            if started:
                server.start()
            yield server
        finally:
            server.stop()
