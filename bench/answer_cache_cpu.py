"""CPU milliseconds per request of the registry profile and the events page, answer cache off vs on.

    .venv/bin/python -m bench.answer_cache_cpu --db sqlite --exporters 3000
    .venv/bin/python -m bench.answer_cache_cpu --db postgres --pg-url postgresql://postgres@127.0.0.1:55432/postgres

One synthetic catalogue (``mim seed registry --exporters N``) and the events demo, then for each
setting (``*_ANSWER_CACHE_ENTRIES=0``: the cache off, the code path of before; default: on) a
fresh registry and events process, sequential requests from one client, the server's utime+stime
from /proc before and after each pass. Passes: ``cold`` (each of 500 exporters once, or each
event once), ``warm`` (2,000 requests rotated over the same ones).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import text

from bench.infra import Databases, cpu_seconds, mim
from services.common.db import make_sync_engine
from tests.support.servers import start_process

WARM_REQUESTS = 2000
DISTINCT = 500


def _pass(client: httpx.Client, pid: int, paths: list[str]) -> dict[str, float]:
    latencies = []
    before = cpu_seconds(pid)
    for path in paths:
        started = time.perf_counter()
        response = client.get(path)
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code, response.text[:200])
    used = cpu_seconds(pid) - before
    return {
        "requests": len(paths),
        "cpu_ms_per_request": round(used * 1000 / len(paths), 3),
        "p50_ms": round(statistics.median(latencies) * 1000, 3),
    }


def _measure(name: str, env: dict[str, str], workdir: Path, paths: list[str]) -> dict[str, object]:
    server = start_process(name, env=env, log_dir=workdir)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            client.get(paths[0])  # the first request warms imports and the pool, in neither pass
            distinct = list(dict.fromkeys(paths))
            cold = _pass(client, server.process.pid, distinct)
            warm = _pass(client, server.process.pid, [paths[i % len(paths)] for i in range(WARM_REQUESTS)])
            return {"cold": cold, "warm": warm}
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgres"))
    parser.add_argument("--pg-url", default=os.environ.get("MIM_TEST_PG_URL"))
    parser.add_argument("--exporters", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="answer-cache-bench-") as tmp:
        workdir = Path(tmp)
        databases = Databases(args.db, workdir, args.pg_url)
        try:
            urls = {service: databases.create(service) for service in ("registry", "events")}
            env = {
                "REGISTRY_DATABASE_URL": urls["registry"],
                "EVENTS_DATABASE_URL": urls["events"],
                "REGISTRY_LOG_LEVEL": "WARNING",
                "EVENTS_LOG_LEVEL": "WARNING",
                "REGISTRY_OUTBOX_WORKER": "false",
                "REGISTRY_LABEL_EXPIRY_INTERVAL_SECONDS": "0",
            }
            for service in ("registry", "events"):
                databases.migrate(service)
            seeded = mim("seed", "registry", "--exporters", str(args.exporters), env=env)
            assert seeded.returncode == 0, seeded.stderr[-2000:]
            seeded = mim("seed", "events", env=env)
            assert seeded.returncode == 0, seeded.stderr[-2000:]
            engine = make_sync_engine(urls["registry"])
            with engine.connect() as conn:
                slugs = [
                    r[0]
                    for r in conn.execute(text(f"SELECT slug FROM exporter ORDER BY id LIMIT {DISTINCT}"))
                ]
            engine.dispose()
            engine = make_sync_engine(urls["events"])
            with engine.connect() as conn:
                ids = [
                    r[0]
                    for r in conn.execute(text("SELECT id FROM event WHERE status <> 'draft' ORDER BY id"))
                ]
            engine.dispose()
            results: dict[str, object] = {"db": args.db, "exporters": args.exporters, "events": len(ids)}
            for setting, entries in (("off", "0"), ("on", "4096")):
                extra = {
                    **env,
                    "REGISTRY_ANSWER_CACHE_ENTRIES": entries,
                    "EVENTS_ANSWER_CACHE_ENTRIES": entries,
                }
                results[f"profile_{setting}"] = _measure(
                    "registry", extra, workdir, [f"/exporters/{slug}" for slug in slugs]
                )
                results[f"event_{setting}"] = _measure(
                    "events", extra, workdir, [f"/events/{i}" for i in ids]
                )
            print(json.dumps(results, indent=1))
        finally:
            databases.drop_all()


if __name__ == "__main__":
    main()
