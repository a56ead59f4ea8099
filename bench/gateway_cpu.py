"""The gateway's own CPU per proxied request, this code against another checkout, in one run.

    .venv/bin/python -m bench.gateway_cpu [--baseline DIR] [--seconds 5] [--rounds 2]
        [--threads 1] [--connections 16] [--only regions,exporters,event]

Starts a registry and an events service (fresh SQLite, demo data) and one gateway per code
tree in front of them (this worktree's, and ``--baseline``'s: e.g. ``git archive <commit>
services | tar -x -C DIR``). For each scenario (regions, a cached-search-like cheap GET, an
event page) it runs ``wrk -t1 -c16`` (``--threads``, ``--connections``) against the service
directly and through each gateway, alternating, and reads utime + stime of every process from
/proc before and after: the gateway's CPU ms per request is what the gateway adds; wrk's p99
latency is printed with the throughput. Then 500 sequential requests (keep-alive, one at a
time) give the p50 latency of each path.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.infra import children_of, cpu_seconds
from tests.support.databases import DatabaseFactory
from tests.support.servers import RunningServer, free_port, start_process, wait_until_healthy
from tests.support.stack import seed_demo, stack_env

LIMITS = {
    "GATEWAY_RATE_LIMIT_DEFAULT": "100000000/minute",
    "GATEWAY_RATE_LIMIT_RSVP": "100000000/minute",
    "GATEWAY_RATE_LIMIT_SIGNIN": "100000000/minute",
    "GATEWAY_WEBHOOK_DISPATCH_INTERVAL_SECONDS": "0",
    "MIM_LOG_LEVEL": "WARNING",
}
PY_SPY = str(Path(sys.executable).with_name("py-spy"))
REQUESTS = re.compile(r"(\d+) requests in")
P99 = re.compile(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
WRK = {"threads": 1, "connections": 16}


def start_gateway(label: str, tree: Path, env: dict[str, str], log_dir: Path) -> RunningServer:
    port = free_port()
    log_path = log_dir / f"gateway-{label}-{port}.log"
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "services.cli",
                "serve",
                "gateway",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=tree,
            env={**os.environ, **env, "PYTHONPATH": str(tree)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(name=f"gateway-{label}", port=port, process=process, log_path=log_path)
    wait_until_healthy(server.url, process=process)
    return server


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its children (uvicorn's workers)."""
    return cpu_seconds(pid) + sum(cpu_seconds(child) for child in children_of(pid))


def sys_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[12]) / os.sysconf("SC_CLK_TCK")


def wrk(url: str, seconds: float, pids: dict[str, int]) -> tuple[int, dict[str, float]]:
    before = {name: tree_cpu(pid) for name, pid in pids.items()}
    before.update({f"{name} sys": sys_seconds(pid) for name, pid in pids.items()})
    command = ["wrk", f"-t{WRK['threads']}", f"-c{WRK['connections']}", f"-d{seconds:g}s", "--latency", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    after = {name: tree_cpu(pid) for name, pid in pids.items()}
    after.update({f"{name} sys": sys_seconds(pid) for name, pid in pids.items()})
    found = REQUESTS.search(out)
    count = int(found.group(1)) if found else 0
    if "Non-2xx" in out:
        raise RuntimeError(f"errors from {url}:\n{out}")
    cpu = {name: (after[name] - before[name]) * 1000 / max(1, count) for name in before}
    p99 = P99.search(out)
    cpu["p99 ms"] = float(p99.group(1)) * _UNIT_MS[p99.group(2)] if p99 else float("nan")
    return count, cpu


def sequential_p50(url: str, count: int = 500) -> float:
    times = []
    with httpx.Client() as client:
        for _ in range(count):
            started = time.perf_counter()
            client.get(url).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--profile", type=Path, default=None, help="py-spy raw stacks of the new gateway here"
    )
    parser.add_argument("--events-workers", default="1")
    parser.add_argument("--threads", type=int, default=1, help="wrk -t")
    parser.add_argument("--connections", type=int, default=16, help="wrk -c")
    args = parser.parse_args()
    WRK.update(threads=args.threads, connections=args.connections)
    here = Path(__file__).resolve().parents[1]
    trees = {"new": here}
    if args.baseline:
        trees = {"base": args.baseline.resolve(), **trees}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        databases = DatabaseFactory(work)
        ports = {name: free_port() for name in ("registry", "events", "gateway", "frontend")}
        urls = {name: databases.fresh_url(name) for name in ("registry", "events", "gateway")}
        env = stack_env(ports, urls, {**LIMITS, "EVENTS_WORKERS": args.events_workers})
        seed_demo(env, list(urls))
        servers: dict[str, RunningServer] = {}
        try:
            for name in ("registry", "events"):
                servers[name] = start_process(name, env=env, log_dir=work, port=ports[name])
            for label, tree in trees.items():
                servers[label] = start_gateway(label, tree, env, work)
            events = httpx.get(f"{servers['events'].url}/events").json()
            items = events["items"] if isinstance(events, dict) else events
            event_id = items[0]["id"]
            scenarios = {
                "regions": ("registry", "/regions"),
                "exporters": ("registry", "/exporters?q=atlas"),
                "event": ("events", f"/events/{event_id}"),
            }
            if args.only:
                scenarios = {k: v for k, v in scenarios.items() if k in args.only.split(",")}
            pids = {name: server.process.pid for name, server in servers.items()}
            for scenario, (service, path) in scenarios.items():
                direct = servers[service].url + path
                via = {label: f"{servers[label].url}/api/{service}{path}" for label in trees}
                for url in [direct, *via.values()]:  # warm-up
                    subprocess.run(["wrk", "-t1", "-c16", "-d1s", url], capture_output=True, check=True)
                results: dict[str, list[tuple[int, dict[str, float]]]] = {"direct": []}
                results.update({label: [] for label in trees})
                for _ in range(args.rounds):
                    results["direct"].append(wrk(direct, args.seconds, pids))
                    for label, url in via.items():
                        results[label].append(wrk(url, args.seconds, pids))
                print(f"\n== {scenario}: {path}")
                for label, runs in results.items():
                    count = sum(c for c, _ in runs)
                    gw = [cpu[label] for _, cpu in runs] if label in trees else []
                    svc = [cpu[service] for _, cpu in runs]
                    gw_sys = [cpu[f"{label} sys"] for _, cpu in runs] if label in trees else []
                    gw_text = (
                        " ".join(f"{v:.3f}" for v in gw)
                        + " (sys "
                        + " ".join(f"{v:.3f}" for v in gw_sys)
                        + ")"
                    )
                    p99 = max(cpu["p99 ms"] for _, cpu in runs)
                    print(
                        f"{label:7} {count / (args.rounds * args.seconds):7.0f} req/s  p99 {p99:6.2f} ms"
                        f"  {service} {statistics.mean(svc):.3f} ms/req"
                        + (f"  gateway {gw_text} ms/req" if gw else "")
                    )
                p50 = {"direct": sequential_p50(direct)}
                p50.update({label: sequential_p50(url) for label, url in via.items()})
                if args.profile:
                    out = args.profile.with_suffix(f".{scenario}.txt")
                    spy = subprocess.Popen(
                        [PY_SPY, "record", "-p", str(pids["new"]), "-d", "5", "-r", "200",
                         "--nonblocking", "-f", "raw", "-o", str(out)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    )  # fmt: skip
                    subprocess.run(
                        ["wrk", "-t1", "-c16", "-d6s", via["new"]], capture_output=True, check=True
                    )
                    spy.wait(timeout=60)
                print("sequential p50 ms: " + ", ".join(f"{k} {v:.2f}" for k, v in p50.items()))
        finally:
            for server in servers.values():
                server.stop()


if __name__ == "__main__":
    main()
