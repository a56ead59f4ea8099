"""Real processes on free ports for cross-service tests (stopped by PID)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningServer:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        self.stop(signal.SIGKILL)


# A loaded 2-core machine can take well over 30 s to import and start a service.
START_TIMEOUT = float(os.environ.get("MIM_TEST_START_TIMEOUT", "120"))


def wait_until_healthy(
    url: str, *, timeout: float = START_TIMEOUT, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    # One client for every poll: a new httpx client loads the CA bundle each time, which costs
    # more CPU than the poll itself on a busy machine (and these URLs are plain http).
    with httpx.Client(timeout=1, verify=False) as client:
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"process for {url} exited with {process.returncode}")
            try:
                if client.get(f"{url}/healthz").status_code == 200:
                    return
            except httpx.HTTPError as exc:
                last_error = exc
            time.sleep(0.1)
    raise TimeoutError(f"{url} not healthy after {timeout}s: {last_error}")


def start_process(
    name: str,
    *,
    env: dict[str, str],
    log_dir: Path,
    port: int | None = None,
    argv: list[str] | None = None,
    wait: bool = True,
) -> RunningServer:
    """Start `mim serve <name>` (or `mim <argv>`) on 127.0.0.1 with the given environment."""
    port = port or free_port()
    log_path = log_dir / f"{name}-{port}.log"
    full_env = {**os.environ, "MIM_ENV": "test", **env}
    args = argv or ["serve", name, "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "services.cli", *args],
            cwd=PROJECT_ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(name=name, port=port, process=process, log_path=log_path)
    if wait:
        wait_until_started(server)
    return server


def wait_until_started(server: RunningServer) -> None:
    """Wait for ``server``'s /healthz; a server that does not get there is stopped, its log told."""
    try:
        wait_until_healthy(server.url, process=server.process)
    except Exception:
        server.stop()
        raise RuntimeError(f"{server.name} did not start:\n{server.log()[-4000:]}") from None
    except BaseException:
        # pytest-timeout's Failed, a KeyboardInterrupt: the caller may have no handle on this
        # process yet, so it would outlive the run.
        server.stop()
        raise


@contextmanager
def running(name: str, **kwargs: object) -> Iterator[RunningServer]:
    server = start_process(name, **kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()
