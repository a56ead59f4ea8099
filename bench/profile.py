"""What limits a scenario: py-spy samples the servers while wrk loads them.

Run after the measured runs (never during them, sampling costs CPU), through
the gateway when there is one, so one profile shows both the proxy and the
service. The summary is where the sampled, non-idle time goes: by package and
by the leaf function.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.infra import log

FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
RATE = 100  # samples per second


def py_spy() -> str | None:
    local = Path(sys.executable).with_name("py-spy")
    return str(local) if local.exists() else shutil.which("py-spy")


def _package(file: str) -> str:
    path = file.replace("\\", "/")
    if "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "?"
    if parts[0] in ("services", "frontend") and len(parts) > 1:
        return "/".join(parts[:2]).removesuffix(".py")
    if "python3" in path or parts[0].startswith("<"):
        return "stdlib:" + parts[-1].removesuffix(".py")
    return parts[0].removesuffix(".py")


def summarise(raw: str, seconds: float) -> dict[str, Any]:
    """Collapsed stacks -> busy share, top packages and top leaf functions."""
    leaves: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        leaf = frames[-1]
        match = FRAME.match(leaf)
        func, file = (match["func"], match["file"]) if match else (leaf, "")
        leaves[f"{func} ({file})"] += count
        packages[_package(file)] += count
        total += count
    expected = max(1.0, seconds * RATE)
    return {
        "samples": total,
        "busy_share": round(min(1.0, total / expected), 2),
        "packages": [(name, round(n / total, 3)) for name, n in packages.most_common(6)] if total else [],
        "functions": [(name, round(n / total, 3)) for name, n in leaves.most_common(6)] if total else [],
    }


def profile(
    pids: dict[str, int], seconds: float, load: Callable[[], object], workdir: Path
) -> dict[str, Any]:
    """Sample ``pids`` with py-spy while ``load()`` runs; one summary per process."""
    binary = py_spy()
    if binary is None:
        return {"error": "py-spy is not installed"}
    recorders = {}
    for name, pid in pids.items():
        out = workdir / f"pyspy-{name}-{pid}.txt"
        recorders[name] = (
            out,
            subprocess.Popen(
                [binary, "record", "-p", str(pid), "-d", str(max(1, round(seconds))), "-r", str(RATE),
                 "--nonblocking", "-f", "raw", "-o", str(out)],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ),
        )  # fmt: skip
    try:
        load()
    finally:
        summaries: dict[str, Any] = {}
        for name, (out, proc) in recorders.items():
            try:
                output, _ = proc.communicate(timeout=seconds + 30)
            except subprocess.TimeoutExpired:
                proc.kill()
                output, _ = proc.communicate()
            if proc.returncode != 0 or not out.exists():
                summaries[name] = {
                    "error": (output or "").strip()[-300:] or f"py-spy exited {proc.returncode}"
                }
                log(f"  py-spy on {name}: {summaries[name]['error']}")
                continue
            summaries[name] = summarise(out.read_text(), seconds)
    return summaries
