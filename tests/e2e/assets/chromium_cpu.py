"""Measuring only: the CPU of every Chromium process a test run starts, by kind.

`/usr/bin/time pytest ...` misses most of Chromium: renderers and the GPU process are not reaped
into the tree that `time` counts (a page that spins 3 s of JavaScript added under 1 s to it).
This samples /proc every 0.1 s instead, for Chromium processes under a process whose environment
holds MIM_SAMPLE_TAG (renderers rewrite their environment with their title, so they are found by
their parent chain), until STOPFILE exists::

    MIM_SAMPLE_TAG=t1 python tests/e2e/assets/chromium_cpu.py /tmp/stop-t1 /tmp/t1.txt &
    MIM_SAMPLE_TAG=t1 .venv/bin/pytest -p no:randomly -q tests/e2e/test_phone_browser.py
    touch /tmp/stop-t1; wait; cat /tmp/t1.txt
"""

from __future__ import annotations

import collections
import os
import re
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[str, tuple[bytes, list[str]]]:
    found = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                found[pid] = (Path(f"/proc/{pid}/cmdline").read_bytes(), stat)
            except (OSError, IndexError):
                continue
    return found


def _tagged(pid: str, tag: bytes) -> bool:
    try:
        return tag in Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return False


def _under(pid: str, roots: set[str], processes: dict[str, tuple[bytes, list[str]]]) -> bool:
    for _ in range(12):
        if pid in roots:
            return True
        if pid not in processes:
            return False
        pid = processes[pid][1][1]  # the parent
    return False


def main(stop: Path, out: Path, tag: bytes) -> None:
    seen: dict[tuple[str, str], tuple[str, float]] = {}
    roots: set[tuple[str, str]] = set()
    while not stop.exists():
        processes = _processes()
        roots |= {(pid, stat[19]) for pid, (_, stat) in processes.items() if _tagged(pid, tag)}
        root_pids = {pid for pid, _ in roots}
        for pid, (cmdline, stat) in processes.items():
            if b"chromium/chromium" in cmdline[:40] and _under(pid, root_pids, processes):
                kind = re.search(rb"--type=([a-z-]+)", cmdline)
                cpu = (int(stat[11]) + int(stat[12])) / TICK
                seen[(pid, stat[19])] = (kind.group(1).decode() if kind else "browser", cpu)
        time.sleep(0.1)
    by_kind: dict[str, list[float]] = collections.defaultdict(list)
    for kind, cpu in seen.values():
        by_kind[kind].append(cpu)
    total = sum(cpu for _, cpu in seen.values())
    kinds = " ".join(f"{k}:{len(v)}/{sum(v):.2f}" for k, v in sorted(by_kind.items()))
    out.write_text(f"total {total:.2f} s  {kinds}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), os.environ["MIM_SAMPLE_TAG"].encode())
