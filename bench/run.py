"""`make bench`: measure the whole platform, direct / through the gateway / through nginx.

    python -m bench.run                          # defaults: 100,000 exporters, 10 s per run
    python -m bench.run --exporters 2000 --duration 3
    python -m bench.run --db postgres --pg-url postgresql://postgres@127.0.0.1:55446/postgres
    python -m bench.run --db both --pg-url ...   # + search and RSVP on PostgreSQL, side by side

Writes bench/report.md and bench/report.json (or under --out).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httptools
import httpx
import uvloop

from bench import report as reporting
from bench.infra import (
    Databases,
    Infra,
    Source,
    cpu_seconds,
    log,
    measure_startup,
    prepare_registry,
    seed_supports_exporters,
    status_counts,
    synthetic_source,
)
from bench.loadgen import run_wrk, wrk_version
from bench.profile import profile
from bench.scenarios import (
    SCENARIOS,
    VARIANTS,
    Plan,
    Target,
    Unavailable,
    create_event,
    event_counts,
    rsvp_round,
    rsvp_rows,
)
from tests.support.servers import PROJECT_ROOT, free_port

# Settings for the processes under test. Logs at WARNING (no per-request access
# line) for every process alike. The gateway's rate limiter stays ON (its cost is
# part of what is measured) with limits so high that the load generator, one IP,
# is never refused: the bench measures the proxy, not the limit.
# With --db both: the scenarios measured on PostgreSQL too (issue #7: search and RSVP).
COMPARE_DEFAULT = ("regions", "search", "search-cached", "search-single", "profile", "event", "rsvp")
# The variants measured on the second database (nginx, the reference proxy, on the first only).
SECOND_VARIANTS = ("direct", "gateway")
# py-spy profiles on the second database: where the service does real work.
PROFILED_SECOND = ("search", "profile", "event", "rsvp")

BENCH_ENV = {
    "MIM_LOG_LEVEL": "WARNING",
    # As compose.yaml deploys it: the events service takes bursts of RSVPs with a worker per core.
    "EVENTS_WORKERS": "2",
    "GATEWAY_RATE_LIMIT_DEFAULT": "100000000/minute",
    "GATEWAY_RATE_LIMIT_RSVP": "100000000/minute",
    "GATEWAY_RATE_LIMIT_SIGNIN": "100000000/minute",
    # Likewise the events service's own RSVP limits (per client address and event, and pending
    # RSVPs per event): every guest of the burst comes from the load generator's one address.
    "EVENTS_RSVP_PER_CLIENT_LIMIT": "100000000",
    "EVENTS_RSVP_PENDING_CAP": "100000000",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--exporters", type=int, default=100_000, help="synthetic exporters (~3 products each)"
    )
    parser.add_argument("--duration", type=float, default=8.0, help="seconds measured per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up before each run")
    parser.add_argument(
        "--max-requests",
        type=int,
        default=0,
        help="end each wrk run after this many answers (per thread) if it comes before --duration; "
        "0 (default): fixed-time runs. For the smoke test, which checks the harness, not the speed",
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--guests", type=int, default=1000, help="RSVP burst: concurrent guests")
    parser.add_argument("--seats", type=int, default=200, help="RSVP burst: event capacity")
    parser.add_argument(
        "--bursts",
        type=int,
        default=3,
        help="RSVP burst: measured bursts per path, each at a new event (the median p99 is reported)",
    )
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgres", "both"),
        default="both",
        help="both (default): every scenario on SQLite, then the --compare ones on PostgreSQL, side by "
        "side; without --pg-url a throw-away PostgreSQL server is started for the run",
    )
    parser.add_argument(
        "--compare",
        default=",".join(COMPARE_DEFAULT),
        help="with --db both: the scenarios also measured on PostgreSQL (default: all but the website's)",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("MIM_BENCH_PG_URL"),
        help="PostgreSQL admin URL (a user that may create databases); default $MIM_BENCH_PG_URL, "
        "else a throw-away server (scripts/pg-scratch.sh) for the run",
    )
    parser.add_argument("--no-startup", action="store_true", help="do not measure `mim up` start-up")
    parser.add_argument("--only", default="", help="comma-separated scenario keys to run")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench", help="where the report goes")
    parser.add_argument("--no-cache", action="store_true", help="always regenerate the dataset")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the processes")
    parser.add_argument(
        "--profile-seconds",
        type=float,
        default=4.0,
        help="after each scenario, sample the servers with py-spy for this long (0: no profiles)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, databases)")
    return parser.parse_args(argv)


def machine_info() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "loadavg_start": Path("/proc/loadavg").read_text().split()[:3],
    }


def git_commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() + (" (with local changes)" if dirty.stdout.strip() else "")


def _cpu_snapshot(pids: dict[str, int]) -> dict[str, float]:
    readings = {}
    for name, pid in pids.items():
        with contextlib.suppress(OSError, ValueError, IndexError):
            readings[name] = cpu_seconds(pid)
    return readings


def _cpu_per_request(before: dict[str, float], after: dict[str, float], requests: int) -> dict[str, float]:
    """CPU milliseconds per request of each process over a run (utime + stime from /proc)."""
    return {
        name: round((after[name] - before[name]) / max(1, requests) * 1000, 3)
        for name in before
        if name in after
    }


def _run_target(target: Target, duration: float, common: dict[str, Any], offsets: dict[Path, int]) -> Any:
    extra: dict[str, Any] = {}
    if target.log is not None:
        # The log is replayed as one stream: each run starts where the previous one stopped.
        extra = {"log_file": target.log, "start": offsets.get(target.log, 0) + 1, "prefix": target.prefix}
    result = run_wrk(target.base_url, target.paths, duration=duration, **common, **extra)
    if target.log is not None:
        offsets[target.log] = offsets.get(target.log, 0) + result.requests
    return result


def measure_wrk(plan: Plan, infra: Infra, args: argparse.Namespace, state: dict[str, Any]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for variant in VARIANTS:
        if variant not in plan.targets:
            results[variant] = {"available": False, "reason": plan.unavailable.get(variant, "not measured")}
            continue
        if variant not in args.variants:
            results[variant] = {"available": False, "reason": "not measured on this database (reference)"}
            continue
        target = plan.targets[variant]
        common: dict[str, Any] = {
            "connections": args.connections,
            "threads": args.threads,
            "headers": target.headers,
            "max_requests": args.max_requests,
        }
        offsets = state.setdefault("log_offsets", {})
        if args.warmup > 0:
            _run_target(target, args.warmup, common, offsets)
        pids = infra.pids()
        counters = plan.counters() if plan.counters else {}
        statuses = status_counts(target.base_url) if variant != "nginx" else {}
        start_line = offsets.get(target.log, 0) + 1 if target.log is not None else None
        before = _cpu_snapshot(pids)
        result = _run_target(target, args.duration, common, offsets)
        after = _cpu_snapshot(pids)
        data: dict[str, Any] = {"available": True, "url": target.base_url + target.paths[0]}
        data.update(result.as_dict())
        if variant != "nginx":
            now = status_counts(target.base_url)
            data["status_codes"] = {
                code: int(n - statuses.get(code, 0)) for code, n in now.items() if n - statuses.get(code, 0)
            }
        # Answers that were not errors, per second: what the throughput targets and ratios use.
        data["ok_per_s"] = round(
            max(0, result.requests - result.non_2xx) / result.seconds if result.seconds else 0.0, 1
        )
        cpu = _cpu_per_request(before, after, result.requests)
        data["cpu_ms_per_request"] = {name: ms for name, ms in cpu.items() if ms > 0}
        # The processes this scenario loads (its service, the gateway, nginx): other processes'
        # background work (timers, probes) is listed per process but not summed.
        involved = {plan.service, "gateway", "nginx"} | (
            {"registry"} if plan.service == "frontend" else set()
        )
        data["cpu_ms_per_request_servers"] = round(
            sum(ms for name, ms in cpu.items() if name.split(" ")[0] in involved), 3
        )
        data["load_generator_cpu_ms_per_request"] = round(
            result.extra.get("load_generator_cpu_s", 0) / max(1, result.requests) * 1000, 3
        )
        if start_line is not None:
            data["log_lines"] = [start_line, start_line + result.requests - 1]
        if plan.counters:
            now = plan.counters()
            hits = now.get("hit", 0) - counters.get("hit", 0)
            misses = now.get("miss", 0) - counters.get("miss", 0)
            data["cache"] = {
                "hits": int(hits),
                "misses": int(misses),
                "hit_ratio": round(hits / (hits + misses), 3) if hits + misses else None,
            }
        busiest = sorted(data["cpu_ms_per_request"].items(), key=lambda kv: -kv[1])[:3]
        log(
            f"  {variant:8s} {result.requests_per_s:8.1f} req/s  p50 {result.p50_ms:6.2f} ms  "
            f"p95 {result.p95_ms:6.2f} ms  p99 {result.p99_ms:7.2f} ms  non-2xx {result.non_2xx}  "
            f"socket errors {result.socket_errors}  CPU ms/req "
            + ", ".join(f"{n} {ms:.2f}" for n, ms in busiest)
            + (f"  cache hits {data['cache']['hit_ratio']}" if "cache" in data else "")
        )
        results[variant] = data
    return results


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def measure_sequential(plan: Plan, infra: Infra) -> dict[str, Any]:
    """One request at a time per class of request: latency percentiles and CPU ms per request."""
    target = plan.targets["direct"]
    pid = infra.extras["registry-nocache"].process.pid
    classes: dict[str, Any] = {}
    with httpx.Client(base_url=target.base_url, timeout=60) as client:
        client.get("/regions")
        for name, paths in plan.sequential.items():
            times: list[float] = []
            errors = 0
            cpu_before = cpu_seconds(pid)
            for path in paths:
                t0 = time.perf_counter()
                resp = client.get(path)
                _ = resp.content
                times.append((time.perf_counter() - t0) * 1000)
                errors += resp.status_code != 200
            cpu = (cpu_seconds(pid) - cpu_before) / len(paths) * 1000
            classes[name] = {
                "requests": len(paths),
                "distinct": len(set(paths)),
                "p50_ms": round(_percentile(times, 50), 2),
                "p95_ms": round(_percentile(times, 95), 2),
                "max_ms": round(max(times), 2),
                "errors": errors,
                "cpu_ms_per_request": round(cpu, 3),
                "example": paths[0],
            }
            log(
                f"  {name:22s} p50 {classes[name]['p50_ms']:7.2f} ms  p95 {classes[name]['p95_ms']:7.2f} ms  "
                f"max {classes[name]['max_ms']:7.2f} ms  CPU {cpu:.2f} ms/req  errors {errors}"
            )
    return {"direct": {"available": True, "url": target.base_url, "classes": classes}}


def _round(
    infra: Infra,
    args: argparse.Namespace,
    target: Target,
    variant: str,
    title: str,
    *,
    cpu: bool = False,
) -> dict[str, Any]:
    """One double opt-in round (asks, then confirms) at a new ``args.seats``-seat event."""
    event = create_event(infra, capacity=args.seats, title=title)
    ask_path, confirm_path = target.paths
    pids = _cpu_pids(infra, variant) if cpu else {}
    readings: dict[str, dict[str, float]] = {}

    def mark(phase: str) -> None:
        readings[phase] = {name: sum(map(cpu_seconds, group)) for name, group in pids.items()}

    data = rsvp_round(
        ask_url=target.base_url + ask_path.format(id=event["id"]),
        confirm_url=lambda token: target.base_url + confirm_path.format(token=token),
        guests=args.guests,
        seats=args.seats,
        tag=f"{variant}-{uuid.uuid4().hex[:6]}",
        rows=lambda: rsvp_rows(infra.databases.url("events"), event["id"]),
        counts=lambda: event_counts(infra.servers["events"].url, event["id"]),
        mark=mark,
    )
    data.update(available=True, url=target.base_url + ask_path.format(id=event["id"]))
    if pids:
        # CPU time of the server processes over each phase (from /proc), per request answered.
        for phase, part, before in (("asked", data["ask"], "start"), ("confirmed", data, "asked")):
            part["cpu_ms_per_request"] = {
                name: round(
                    (readings[phase][name] - readings[before][name]) / max(1, part["requests"]) * 1000, 3
                )
                for name in pids
            }
    return data


def _cpu_pids(infra: Infra, variant: str) -> dict[str, list[int]]:
    """The processes whose CPU time a burst costs: the events service (supervisor and workers),
    and the gateway when the burst goes through it."""
    names = ["events"] + (["gateway"] if variant == "gateway" and "gateway" in infra.servers else [])
    return {
        name: sorted({infra.servers[name].process.pid, *infra.server_pids(name).values()}) for name in names
    }


def measure_burst(plan: Plan, infra: Infra, args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for variant in VARIANTS:
        if variant not in plan.targets:
            results[variant] = {"available": False, "reason": plan.unavailable.get(variant, "not measured")}
            continue
        if variant not in args.variants:
            results[variant] = {"available": False, "reason": "not measured on this database (reference)"}
            continue
        target = plan.targets[variant]
        # An unmeasured round of the same shape on its own event first: the first burst after a
        # process start is slower (connection pools, compiled statements, message templates,
        # the admission batches of every size), and the measured rounds should not pay for it.
        try:
            _round(infra, args, target, f"warm-{variant}", f"Warm-up {variant}")
            bursts = [_measured_burst(infra, args, target, variant) for _ in range(args.bursts)]
        except Exception as exc:  # e.g. the service too slow to create the next event
            results[variant] = {
                "available": False,
                "reason": f"failed during the run: {type(exc).__name__}: {exc}",
            }
            log(f"  {variant:8s} FAILED: {type(exc).__name__}: {exc}")
            continue
        # The round with the median confirm p99 speaks for the variant (its numbers belong
        # together); seats must be exact and every guest answered in every round.
        data = sorted(bursts, key=lambda b: b["p99_ms"])[(len(bursts) - 1) // 2].copy()
        data.update(
            bursts=len(bursts),
            exact=all(b["exact"] for b in bursts),
            complete=all(b["complete"] for b in bursts),
            p99_ms_each=[b["p99_ms"] for b in bursts],
            requests_per_s_each=[b["requests_per_s"] for b in bursts],
            ask_p99_ms_each=[b["ask"]["p99_ms"] for b in bursts],
            ask_requests_per_s_each=[b["ask"]["requests_per_s"] for b in bursts],
        )
        log(
            f"  {variant:8s} median round: asks {data['ask']['requests_per_s']:8.1f}/s "
            f"p99 {data['ask']['p99_ms']:.1f} ms; confirms {data['requests_per_s']:8.1f}/s "
            f"p99 {data['p99_ms']:.1f} ms  (confirm p99 of {len(bursts)}: "
            f"{', '.join(f'{p:.0f}' for p in data['p99_ms_each'])})  "
            f"exact {data['exact']}  complete {data['complete']}"
        )
        results[variant] = data
    return results


def _measured_burst(infra: Infra, args: argparse.Namespace, target: Target, variant: str) -> dict[str, Any]:
    """One round of ``args.guests`` at a new ``args.seats``-seat event, checked seat by seat."""
    data = _round(infra, args, target, variant, f"Matinale burst {variant}", cpu=True)
    ask = data["ask"]
    log(
        f"  {variant:8s} asks {ask['requests_per_s']:8.1f}/s p99 {ask['p99_ms']:.1f} ms "
        f"({data['accepted']} taken, {data['recorded']} recorded); confirms {data['requests_per_s']:8.1f}/s "
        f"p99 {data['p99_ms']:.1f} ms: confirmed {data['confirmed']}/{args.seats} "
        f"waitlisted {data['waitlisted']}  errors {data['non_2xx'] + data['socket_errors']}"
        + ("" if data["exact"] else f"  NOT EXACT: {[k for k, ok in data['checks'].items() if not ok]}")
    )
    return data


def profile_scenario(plan: Plan, infra: Infra, args: argparse.Namespace) -> dict[str, Any]:
    """An extra, unmeasured run under py-spy: through the gateway when it exists, else direct."""
    variant = "gateway" if "gateway" in plan.targets else "direct"
    if variant not in plan.targets:
        return {}
    target = plan.targets[variant]
    names = [plan.service]
    if variant == "gateway" or plan.service == "frontend":
        names += ["gateway"]
    if plan.service == "frontend":
        names += ["registry"]
    pids = {
        label: pid
        for name in names
        if name in infra.servers
        for label, pid in infra.server_pids(name).items()
    }
    if plan.kind == "burst":

        def load() -> object:
            return _round(infra, args, target, f"profile-{variant}", f"Profile {variant}")

        seconds = 4.0
    else:

        def load() -> object:
            return run_wrk(
                target.base_url,
                target.paths,
                duration=args.profile_seconds,
                connections=args.connections,
                threads=args.threads,
                headers=target.headers,
                log_file=target.log,
                prefix=target.prefix,
            )

        seconds = args.profile_seconds
    log(f"  profiling {', '.join(pids)} via {variant} ({seconds:g} s, py-spy)")
    return {"via": variant, "processes": profile(pids, seconds, load, infra.workdir)}


def measure_backend(
    backend: str,
    args: argparse.Namespace,
    *,
    workdir: Path,
    extra_env: dict[str, str],
    only: set[str],
    source: Source | None,
    profiles: set[str] | None,
) -> dict[str, Any]:
    """Start the whole platform on one database backend, run the scenarios, stop everything."""
    workdir.mkdir(parents=True, exist_ok=True)
    variants = VARIANTS if profiles is None else SECOND_VARIANTS
    args = argparse.Namespace(**{**vars(args), "variants": variants})
    databases = Databases(backend, workdir, args.pg_url)
    infra = Infra(workdir=workdir, databases=databases)
    result: dict[str, Any] = {"database": backend, "scenarios": []}
    try:
        dataset = prepare_registry(databases, args.exporters, use_cache=not args.no_cache, source=source)
        result["dataset"] = dataset.__dict__
        infra.start_services(extra_env)
        result["start_seconds"] = infra.start_seconds
        infra.start_nginx()
        result["missing_processes"] = infra.missing
        state: dict[str, Any] = {}
        for scenario in SCENARIOS:
            if only and scenario.key not in only:
                continue
            entry: dict[str, Any] = {"key": scenario.key, "title": scenario.title}
            log(f"scenario {scenario.key} ({backend}): {scenario.title}")
            try:
                plan = scenario.prepare(infra, state)
            except Unavailable as exc:
                entry.update(available=False, reason=f"not available in this build: {exc}")
                log(f"  not available: {exc}")
                result["scenarios"].append(entry)
                continue
            except Exception as exc:  # a scenario that breaks down is reported, the run goes on
                entry.update(available=False, reason=f"failed during the run: {type(exc).__name__}: {exc}")
                log(f"  FAILED: {type(exc).__name__}: {exc}")
                result["scenarios"].append(entry)
                continue
            entry.update(available=True, kind=plan.kind, notes=plan.notes)
            if plan.details:
                entry["details"] = plan.details
            try:
                if plan.kind == "burst":
                    entry["variants"] = measure_burst(plan, infra, args)
                elif plan.kind == "sequential":
                    entry["variants"] = measure_sequential(plan, infra)
                else:
                    entry["variants"] = measure_wrk(plan, infra, args, state)
                wanted = profiles is None or scenario.key in profiles
                if wanted and args.profile_seconds > 0 and plan.kind != "sequential":
                    entry["profile"] = profile_scenario(plan, infra, args)
            except Exception as exc:
                entry.update(available=False, reason=f"failed during the run: {type(exc).__name__}: {exc}")
                log(f"  FAILED: {type(exc).__name__}: {exc}")
            entry["rss_after"] = infra.peak_rss_kb()
            result["scenarios"].append(entry)
        result["processes"] = infra.peak_rss_kb()
    finally:
        infra.close()
        result["pids_stopped"] = sorted(infra.pids_seen)
    return result


PG_SCRATCH = PROJECT_ROOT / "scripts" / "pg-scratch.sh"


def start_scratch_postgres(directory: Path) -> str:
    """A throw-away PostgreSQL server for this run (scripts/pg-scratch.sh); its admin URL."""
    port = free_port()
    log(f"PostgreSQL: a throw-away server on 127.0.0.1:{port} ({directory})")
    out = subprocess.run(
        [str(PG_SCRATCH), "start", str(directory), str(port)], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"could not start PostgreSQL: {out.stderr[-2000:]} (or pass --pg-url)")
    return out.stdout.strip().splitlines()[-1]


def stop_scratch_postgres(directory: Path) -> None:
    subprocess.run([str(PG_SCRATCH), "stop", str(directory)], capture_output=True, check=False)


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="mim-bench-"))
    scratch: Path | None = None
    if args.db in ("postgres", "both") and not args.pg_url:
        # Its own directory: the server runs as the postgres user, who cannot enter our work directory.
        scratch = Path(tempfile.mkdtemp(prefix="mim-bench-pg-"))
        args.pg_url = start_scratch_postgres(scratch)
    extra_env = dict(BENCH_ENV)
    for item in args.env:
        key, _, value = item.partition("=")
        extra_env[key] = value
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    compare = {s.strip() for s in args.compare.split(",") if s.strip()}
    if only:
        compare &= only
    both = args.db == "both"
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m bench.run " + shlex.join(sys.argv[1:]),
        "commit": git_commit(),
        "machine": machine_info(),
        "settings": {
            "database": "sqlite+postgres" if both else args.db,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "max_requests": args.max_requests,
            "connections": args.connections,
            "threads": args.threads,
            "guests": args.guests,
            "seats": args.seats,
            "bursts": args.bursts,
            "load_generator": f"{wrk_version()}; RSVP burst: uvloop {uvloop.__version__} + httptools "
            f"{httptools.__version__}",
            "process_env": extra_env,
        },
        "scenarios": [],
    }
    if both:
        report["settings"]["compared_scenarios"] = [s.key for s in SCENARIOS if s.key in compare]
    try:
        if not args.no_startup:
            log("start-up: `mim up` on fresh SQLite databases (migrate, demo data, every process)")
            report["startup"] = measure_startup(workdir, {"MIM_LOG_LEVEL": "WARNING"})
            log(f"  every process healthy after {report['startup']['seconds']} s")
        source = None
        if both and seed_supports_exporters():
            # One dataset for both: SQLite copies the file, PostgreSQL gets its rows (COPY).
            source = synthetic_source(args.exporters, workdir, use_cache=not args.no_cache)
        primary = measure_backend(
            "sqlite" if both else args.db,
            args,
            workdir=workdir / "sqlite" if both else workdir,
            extra_env=extra_env,
            only=only,
            source=source,
            profiles=None,
        )
        report.update(
            dataset=primary["dataset"],
            missing_processes=primary["missing_processes"],
            scenarios=primary["scenarios"],
            processes=primary["processes"],
            pids_stopped=primary["pids_stopped"],
            start_seconds=primary.get("start_seconds"),
        )
        if both and compare:
            # Not at the same time: one platform runs while the other is stopped.
            secondary = measure_backend(
                "postgres",
                args,
                workdir=workdir / "postgres",
                extra_env=extra_env,
                only=compare,
                source=source,
                profiles=set(PROFILED_SECOND),
            )
            report["pids_stopped"] = sorted({*report["pids_stopped"], *secondary["pids_stopped"]})
            report["by_database"] = {"postgres": secondary}
    finally:
        if scratch is not None:
            stop_scratch_postgres(scratch)
            shutil.rmtree(scratch, ignore_errors=True)
        if args.keep:
            log(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report["machine"]["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]
    report["elapsed_s"] = round(time.monotonic() - started, 1)
    report["targets"] = reporting.evaluate_targets(report)
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def _terminate(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _terminate)
    try:
        report = run(args)
    except KeyboardInterrupt:
        log("interrupted: every process we started was stopped")
        return 130
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (args.out / "report.md").write_text(reporting.markdown(report))
    log(f"report: {args.out / 'report.md'} ({report['elapsed_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
