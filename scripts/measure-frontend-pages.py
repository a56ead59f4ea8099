"""Catalogue pages per second through the whole stack (website -> gateway -> registry).

Usage: .venv/bin/python scripts/measure-frontend-pages.py [seconds] [connections]
Starts registry, events, gateway and the website on free ports (fresh SQLite databases,
demo data, per-client limits lifted since every request comes from 127.0.0.1), then
runs wrk on a few website pages. Numbers are noisy on a shared machine.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from tests.frontend.conftest import GENEROUS_LIMITS
from tests.support.databases import DatabaseFactory
from tests.support.stack import running_stack

PAGES = ["/exporters", "/exporters?q=argan", "/exporters?region=MA-09&sector=agrifood", "/"]


def main(seconds: int, connections: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        databases = DatabaseFactory(Path(tmp))
        logs = Path(tmp) / "logs"
        logs.mkdir()
        with running_stack(databases, logs, extra_env=GENEROUS_LIMITS) as stack:
            for path in PAGES:
                url = stack.frontend + path
                out = subprocess.run(
                    ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                    capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                rps = next(line for line in out.splitlines() if line.startswith("Requests/sec"))
                p50 = next(line for line in out.splitlines() if line.strip().startswith("50%"))
                p99 = next(line for line in out.splitlines() if line.strip().startswith("99%"))
                rate, median, tail = rps.split()[-1], p50.split()[-1], p99.split()[-1]
                print(f"{path:45s} {rate:>10s} req/s  p50 {median:>8s}  p99 {tail}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10, int(sys.argv[2]) if len(sys.argv) > 2 else 16)
