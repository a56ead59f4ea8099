"""Single uncached searches, one at a time: p50 latency and registry CPU ms per query class.

    python -m bench.searchprobe --exporters 20000                      # SQLite
    python -m bench.searchprobe --exporters 20000 --pg-url postgresql://postgres@127.0.0.1:55432/postgres

The dataset is made once per size (``mim seed registry --exporters N`` on SQLite) under
``var/probe/`` and kept there whatever the code (unlike the bench cache, keyed by the code):
before and after a change of the search read the same rows. Each run works on a copy (SQLite)
or a fresh database loaded with COPY (PostgreSQL, ``bench.infra.copy_registry_to_postgres``).
One registry process with its search cache off (``REGISTRY_SEARCH_CACHE_ENTRIES=0``) and no
label expiry job (its writes are no search's); the classes are those of
``bench.scenarios.prepare_single`` plus filtered searches without text.
CPU is utime + stime of the registry process (``/proc``) over the class's requests; on
PostgreSQL also that of the server processes connected to the probe's database (same machine).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import httpx
import psycopg
from sqlalchemy.engine import make_url

from bench import querylog
from bench.infra import _sqlite_checkpoint, copy_registry_to_postgres, cpu_seconds, mim
from services.common import migrate
from tests.support.servers import PROJECT_ROOT, start_process

PROBE_DIR = PROJECT_ROOT / "var" / "probe"
REPEAT = 2  # every path of a class is asked this many times (the first warms the page cache)


def dataset(exporters: int) -> Path:
    path = PROBE_DIR / f"registry-{exporters}.db"
    if path.exists():
        return path
    PROBE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = PROBE_DIR / f"tmp-{exporters}.db"
    tmp.unlink(missing_ok=True)
    url = f"sqlite:///{tmp.resolve()}"
    migrate.upgrade("registry", url)
    env = {"REGISTRY_DATABASE_URL": url, "REGISTRY_LOG_LEVEL": "WARNING"}
    result = mim("seed", "registry", "--exporters", str(exporters), env=env, timeout=3600)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    _sqlite_checkpoint(tmp)
    tmp.rename(path)
    return path


def classes() -> dict[str, list[str]]:
    rng = random.Random(querylog.SEED + 2)
    words = querylog.vocabulary()
    regions = sorted(querylog.synthetic.CITIES)
    sectors = sorted(querylog.synthetic.PRODUCTS)
    typical = []
    for _ in range(20):
        params = {
            "q": rng.choice(words[rng.choice(("fr", "fr", "en", "ar"))]),
            "region": rng.choice(regions),
            "sector": rng.choice(sectors),
        }
        typical.append("/exporters?" + urlencode(params))
    filters_only = [
        "/exporters?" + urlencode({"region": rng.choice(regions), "sector": rng.choice(sectors)})
        for _ in range(10)
    ]
    letters = "abcdefghijklmnopqrstuvwxyz"
    return {
        "text + two filters": typical,
        "region + sector, no text": filters_only,
        "one-letter prefix": [f"/exporters?q={c}" for c in letters[:10]]
        + [f"/products?q={c}" for c in letters[:6]],
        "/products, no query": ["/products"] * 6,
        "/exporters, no query": ["/exporters"] * 6,
    }


def database_pids(pg_url: str | None, db_name: str | None) -> list[int]:
    """PostgreSQL: the server processes serving the probe's database (the registry's pool)."""
    if not pg_url or not db_name:
        return []
    with psycopg.connect(pg_url, autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (db_name,)).fetchall()
    return [int(pid) for (pid,) in rows]


def _cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        # A pooled connection that closed meanwhile: its time is lost (idle connections only).
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            total += cpu_seconds(pid)
    return total


def measure(
    base_url: str, pid: int, pg_url: str | None = None, db_name: str | None = None
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base_url, timeout=120) as client:
        client.get("/regions")
        for name, paths in classes().items():
            for path in paths[:3]:  # warm the page cache
                client.get(path)
            times: list[float] = []
            backends = database_pids(pg_url, db_name)
            before, db_before = cpu_seconds(pid), _cpu(backends)
            for _ in range(REPEAT):
                for path in paths:
                    t0 = time.perf_counter()
                    resp = client.get(path)
                    times.append((time.perf_counter() - t0) * 1000)
                    if resp.status_code != 200:
                        raise RuntimeError(f"{path} -> {resp.status_code} {resp.text[:300]}")
            cpu = (cpu_seconds(pid) - before) / len(times) * 1000
            db_cpu = (_cpu(backends) - db_before) / len(times) * 1000
            p50 = round(statistics.median(times), 1)
            out[name] = {"p50_ms": p50, "cpu_ms": round(cpu, 1), "db_cpu_ms": round(db_cpu, 1)}
            extra = f"   PostgreSQL CPU {db_cpu:8.1f} ms/req" if pg_url else ""
            print(f"  {name:28s} p50 {p50:8.1f} ms   CPU {cpu:8.1f} ms/req{extra}", flush=True)
    return out


def run(exporters: int, pg_url: str | None) -> dict[str, dict[str, float]]:
    source = dataset(exporters)
    work = Path(tempfile.mkdtemp(prefix="searchprobe-"))
    db_name = None
    try:
        if pg_url:
            db_name = f"probe_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{db_name}"')
            url = make_url(pg_url).set(database=db_name)
            sa_url = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
            migrate.upgrade("registry", sa_url)
            copy_registry_to_postgres(source, url.render_as_string(hide_password=False))
        else:
            copy = work / "registry.db"
            shutil.copyfile(source, copy)
            sa_url = f"sqlite:///{copy}"
        env = {
            "REGISTRY_DATABASE_URL": sa_url,
            "REGISTRY_SEARCH_CACHE_ENTRIES": "0",
            # The labels' expiry job would announce the copy's expired labels (thousands of
            # change-log rows at 100k) in this process while the first class is measured.
            "REGISTRY_LABEL_EXPIRY_INTERVAL_SECONDS": "0",
            "REGISTRY_LOG_LEVEL": "WARNING",
        }
        server = start_process("registry", env=env, log_dir=work)
        try:
            print(f"{'postgresql' if pg_url else 'sqlite'}, {exporters} exporters", flush=True)
            return measure(server.url, server.process.pid, pg_url, db_name)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if pg_url and db_name:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--exporters", type=int, default=20000)
    parser.add_argument("--pg-url", default=None)
    parser.add_argument("--json", type=Path, default=None, help="append the figures to this JSON file")
    args = parser.parse_args()
    figures = run(args.exporters, args.pg_url)
    if args.json:
        previous = json.loads(args.json.read_text()) if args.json.exists() else []
        backend = "postgresql" if args.pg_url else "sqlite"
        previous.append({"exporters": args.exporters, "backend": backend, "classes": figures})
        args.json.write_text(json.dumps(previous, indent=1))


if __name__ == "__main__":
    main()
