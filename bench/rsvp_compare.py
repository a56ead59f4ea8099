"""The RSVP burst, before and after a change, in one run: the events service alone, per code tree.

    .venv/bin/python -m bench.rsvp_compare --tree before=/tmp/base --tree after=. \
        [--db sqlite --db postgres --pg-url postgresql://postgres@127.0.0.1:55432/postgres] \
        [--guests 1000 --seats 200 --rounds 2 --workers 2]

For each database, then each tree (a checkout of the project: its ``services`` package is the
one imported, with this virtualenv), a fresh events database is migrated, ``mim serve events``
is started with ``EVENTS_WORKERS`` workers (as compose.yaml deploys it) and the RSVP limits
raised (every guest comes from this one address), then: one unmeasured round (the first burst
after a start is slower) and ``--rounds`` measured rounds, each at a new event, of the bench's
double opt-in burst (bench.scenarios.rsvp_round: every guest asks at once, the tokens are read
from the database, every guest confirms at once; bench/loadgen.py, one connection per guest).
Per round: CPU milliseconds per ask and per confirm of the events processes (supervisor and
workers, utime + stime from /proc), p50 / p99 of each phase, and whether the round was exact
(bench.scenarios.judge_rsvp_round). The trees run one after the other on the same machine, so
their CPU figures compare; the latencies are at the mercy of whatever else runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from bench.infra import children_of, cpu_seconds
from bench.scenarios import rsvp_round_at_new_event
from tests.support.servers import free_port, wait_until_healthy

LIMITS = {
    "EVENTS_RSVP_PER_CLIENT_LIMIT": "100000000",
    "EVENTS_RSVP_PENDING_CAP": "100000000",
    "MIM_LOG_LEVEL": "WARNING",
    "MIM_ENV": "test",
}


def _pg_admin(pg_url: str, statement: str) -> None:
    conninfo = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(statement)


def _database(db: str, workdir: Path, pg_url: str | None, label: str) -> tuple[str, str | None]:
    if db == "sqlite":
        return f"sqlite:///{workdir / f'events-{label}.db'}", None
    assert pg_url
    name = f"mimrsvp_{label}_{uuid.uuid4().hex[:8]}"
    _pg_admin(pg_url, f'CREATE DATABASE "{name}"')
    return make_url(pg_url).set(database=name).render_as_string(hide_password=False), name


def _mark_cpu(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def _round(url: str, database_url: str, args: argparse.Namespace, pids: list[int]) -> dict[str, Any]:
    cpu: dict[str, float] = {}
    _event, data = rsvp_round_at_new_event(
        url,
        guests=args.guests,
        seats=args.seats,
        database_url=database_url,
        mark=lambda phase: cpu.__setitem__(phase, _mark_cpu(pids)),
    )
    ask = data["ask"]
    return {
        "ask_cpu_ms": (cpu["asked"] - cpu["start"]) / max(1, ask["requests"]) * 1000,
        "confirm_cpu_ms": (cpu["confirmed"] - cpu["asked"]) / max(1, data["requests"]) * 1000,
        "ask_p50": ask["p50_ms"],
        "ask_p99": ask["p99_ms"],
        "confirm_p50": data["p50_ms"],
        "confirm_p99": data["p99_ms"],
        "exact": data["exact"],
        "confirmed": data["confirmed"],
        "waitlisted": data["waitlisted"],
        "errors": f"{ask['non_2xx'] + ask['socket_errors']}/{data['non_2xx'] + data['socket_errors']}",
        "failed": [k for k, ok in data["checks"].items() if not ok],
    }


def measure(tree: Path, label: str, db: str, args: argparse.Namespace, workdir: Path) -> list[dict[str, Any]]:
    database_url, pg_name = _database(db, workdir, args.pg_url, label)
    env = {
        **os.environ,
        **LIMITS,
        "PYTHONPATH": str(tree),
        "EVENTS_DATABASE_URL": database_url,
        "EVENTS_WORKERS": str(args.workers),
        "EVENTS_MAIL_DIR": str(workdir / f"mail-{label}"),
    }
    subprocess.run(
        [sys.executable, "-m", "services.cli", "migrate", "events"],
        cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    port = free_port()
    log = (workdir / f"events-{label}-{db}.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "serve", "events", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tree, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, timeout=120, process=process)
        time.sleep(1)  # the workers are forked
        pids = [process.pid, *children_of(process.pid)]
        _round(url, database_url, args, pids)  # warm-up, not counted
        rounds = []
        for n in range(args.rounds):
            result = _round(url, database_url, args, pids)
            print(f"  {db} {label} round {n + 1}: {_fmt(result)}", flush=True)
            rounds.append(result)
        return rounds
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        if pg_name and args.pg_url:
            _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def _fmt(r: dict[str, Any]) -> str:
    return (
        f"CPU ms ask {r['ask_cpu_ms']:.2f} / confirm {r['confirm_cpu_ms']:.2f}; "
        f"ask p50 {r['ask_p50']:.0f} p99 {r['ask_p99']:.0f} ms; "
        f"confirm p50 {r['confirm_p50']:.0f} p99 {r['confirm_p99']:.0f} ms; "
        f"{r['confirmed']} confirmed + {r['waitlisted']} waitlisted, exact={r['exact']} "
        f"errors ask/confirm {r['errors']}" + (f" FAILED {r['failed']}" if r["failed"] else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, help="LABEL=PATH of a project checkout")
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--pg-url", default=os.environ.get("MIM_TEST_PG_URL"))
    parser.add_argument("--guests", type=int, default=1000)
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    trees = [(label, Path(path).resolve()) for label, path in (t.split("=", 1) for t in args.tree)]
    summary = []
    with tempfile.TemporaryDirectory(prefix="rsvp-compare-") as scratch:
        for db in args.db or ["sqlite"]:
            for label, tree in trees:
                rounds = measure(tree, label, db, args, Path(scratch))
                med = {
                    k: statistics.median(r[k] for r in rounds)
                    for k in rounds[0]
                    if k.endswith(("ms", "p50", "p99"))
                }
                summary.append((db, label, med, all(r["exact"] for r in rounds)))
    print(f"\nmedians over {args.rounds} measured rounds of {args.guests} guests, {args.seats} seats, "
          f"{args.workers} events workers:")  # fmt: skip
    print(
        "| database | code | CPU ms/ask | CPU ms/confirm | ask p50 / p99 ms | confirm p50 / p99 ms | exact |"
    )
    print("|---|---|---:|---:|---:|---:|---|")
    for db, label, med, exact in summary:
        print(
            f"| {db} | {label} | {med['ask_cpu_ms']:.2f} | {med['confirm_cpu_ms']:.2f} | "
            f"{med['ask_p50']:.0f} / {med['ask_p99']:.0f} | "
            f"{med['confirm_p50']:.0f} / {med['confirm_p99']:.0f} | "
            f"{'yes' if exact else 'NO'} |"
        )


if __name__ == "__main__":
    main()
