"""Many machines: two replicas each of registry, events, gateway and website behind nginx, on one
PostgreSQL and one Redis (issue #18, item 3).

nginx balances each tier round-robin (the gateway reaches registry and events through it, the
website reaches the gateway through it) and routes around a dead replica
(`proxy_next_upstream error`, which never re-sends a request that reached a replica). Shown:
- an RSVP burst is exact across the events replicas;
- rate limits are shared by the gateway replicas (through Redis);
- a write through one registry replica is seen by a search on the other at once;
- killing one replica of each tier loses no acknowledged write, while nginx routes around it.

PostgreSQL only (``MIM_TEST_DB=postgres``, the second half of CI): SQLite is one machine's file.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from tests.hardening.world import valid_ice
from tests.support.databases import DatabaseFactory, backend
from tests.support.redis_server import redis_server
from tests.support.servers import RunningServer, free_port, start_process, wait_until_healthy
from tests.support.stack import SHARED_ENV, SHARED_METRICS_TOKEN, seed_demo
from tests.support.tokens import bearer
from tests.support.tools import require_tool
from tests.support.waiting import wait_until

pytestmark = [
    pytest.mark.long,
    pytest.mark.skipif(
        backend() != "postgres", reason="replicas share one PostgreSQL: runs with MIM_TEST_DB=postgres"
    ),
]

TIERS = ("registry", "events", "gateway", "frontend")
# The shared budget the rate-limit test spends: per client address, across both gateways.
DEFAULT_LIMIT = 40
ADMIN = bearer("admin", sub="account:replicas")

NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    # A replica that refuses the connection is skipped (the request was not sent to it, so a
    # POST is safe to pass on); one that fails mid-request is not retried: the client decides.
    proxy_next_upstream error timeout;
    proxy_connect_timeout 2s;
{servers}
}}
"""


@dataclass
class Platform:
    lb: dict[str, int]
    replicas: dict[str, list[RunningServer]]
    database_urls: dict[str, str]

    def url(self, tier: str) -> str:
        return f"http://127.0.0.1:{self.lb[tier]}"


def _nginx(workdir: Path, lb: dict[str, int], replicas: dict[str, list[int]]) -> subprocess.Popen[bytes]:
    binary = require_tool("nginx", "nginx (Debian package nginx-light)")
    workdir.mkdir(parents=True, exist_ok=True)
    os.chmod(workdir, 0o777)  # workers run as nobody when we are root
    servers = []
    for tier, port in lb.items():
        members = "".join(f" server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in replicas[tier])
        servers.append(
            f"    upstream {tier} {{{members} keepalive 16; }}\n"
            f"    server {{ listen 127.0.0.1:{port}; location / {{ proxy_pass http://{tier}; }} }}"
        )
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=workdir, servers="\n".join(servers)))
    process = subprocess.Popen(
        [binary, "-p", str(workdir), "-c", str(conf), "-e", str(workdir / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    return process


@pytest.fixture(scope="module")
def platform(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    workdir = tmp_path_factory.mktemp("replicas")
    database_urls = {name: databases.fresh_url(name) for name in ("registry", "events", "gateway")}
    lb = {tier: free_port() for tier in TIERS}
    ports = {tier: [free_port(), free_port()] for tier in TIERS}
    with redis_server() as redis:
        env = {
            **SHARED_ENV,
            "MIM_ENV": "test",
            "MIM_PUBLIC_URL": f"http://127.0.0.1:{lb['frontend']}",
            "GATEWAY_REGISTRY_URL": f"http://127.0.0.1:{lb['registry']}",
            "GATEWAY_EVENTS_URL": f"http://127.0.0.1:{lb['events']}",
            "EVENTS_REGISTRY_URL": f"http://127.0.0.1:{lb['registry']}",
            "FRONTEND_GATEWAY_URL": f"http://127.0.0.1:{lb['gateway']}",
            "GATEWAY_REDIS_URL": redis.url,
            "GATEWAY_TRUSTED_PROXIES": "127.0.0.1",
            "GATEWAY_RATE_LIMIT_DEFAULT": f"{DEFAULT_LIMIT}/hour",
            **{f"{name.upper()}_DATABASE_URL": url for name, url in database_urls.items()},
            **{f"{tier.upper()}_LOG_LEVEL": "WARNING" for tier in TIERS},
        }
        seed_demo(env, ["registry", "events"])
        nginx = _nginx(workdir / "nginx", lb, ports)
        replicas: dict[str, list[RunningServer]] = {tier: [] for tier in TIERS}
        try:
            for tier in TIERS:  # in dependency order: each tier finds the one below it up
                for port in ports[tier]:  # both replicas start at once
                    replicas[tier].append(
                        start_process(tier, env=env, log_dir=workdir, port=port, wait=False)
                    )
                for server in replicas[tier]:
                    wait_until_healthy(server.url, process=server.process)
            yield Platform(lb=lb, replicas=replicas, database_urls=database_urls)
        finally:
            for servers in replicas.values():
                for server in servers:
                    server.stop()
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()


def _client_address(n: int) -> dict[str, str]:
    """A client address of its own (the gateways trust nginx, which appends the real peer)."""
    return {"X-Forwarded-For": f"198.51.{n // 250}.{n % 250 + 1}"}


_counter = iter(range(1, 10_000_000))


def _new_event(platform: Platform, capacity: int) -> int:
    start = datetime.now(UTC) + timedelta(days=20)
    body = {
        "title": {"fr": f"Matinale des répliques {next(_counter)}"},
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "capacity": capacity,
        "city": "Casablanca",
    }
    headers = {**ADMIN, **_client_address(next(_counter))}
    created = httpx.post(
        f"{platform.url('gateway')}/api/events/events", json=body, headers=headers, timeout=30
    )
    assert created.status_code == 201, created.text
    event_id = int(created.json()["id"])
    published = httpx.post(
        f"{platform.url('gateway')}/api/events/events/{event_id}/publish", headers=headers, timeout=30
    )
    assert published.status_code == 200, published.text
    return event_id


def _rows(platform: Platform, statement: str, **params: Any) -> list[Any]:
    engine = sa.create_engine(
        platform.database_urls["events"].replace("postgresql://", "postgresql+psycopg://", 1)
    )
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.text(statement), params))
    finally:
        engine.dispose()


METRICS = {"Authorization": f"Bearer {SHARED_METRICS_TOKEN}"}  # SHARED_ENV closes /metrics


def _rsvps_answered(server: RunningServer) -> float:
    """RSVP requests this replica answered, from its own /metrics."""
    answer = httpx.get(f"{server.url}/metrics", headers=METRICS, timeout=30)
    assert answer.status_code == 200, answer.text
    text = answer.text
    pattern = re.compile(r'^http_requests_total\{[^}]*route="/events/\{event_id\}/rsvps"[^}]*\} (\S+)$', re.M)
    return sum(float(value) for value in pattern.findall(text))


def test_an_rsvp_burst_is_exact_across_the_events_replicas(platform: Platform) -> None:
    event_id = _new_event(platform, capacity=15)
    gateway = platform.url("gateway")

    def ask(n: int) -> int:
        guest = {"name": f"Invité {n}", "email": f"burst{n}-{event_id}@example.ma", "consent": True}
        with httpx.Client(timeout=60) as client:
            return client.post(
                f"{gateway}/api/events/events/{event_id}/rsvps", json=guest, headers=_client_address(1000 + n)
            ).status_code

    with ThreadPoolExecutor(12) as pool:
        assert list(pool.map(ask, range(40))) == [202] * 40
    tokens = [
        token for (token,) in _rows(platform, "SELECT manage_token FROM rsvp WHERE event_id = :e", e=event_id)
    ]
    assert len(tokens) == 40

    def confirm(pair: tuple[int, str]) -> str:
        n, token = pair
        with httpx.Client(timeout=60) as client:
            answer = client.post(
                f"{gateway}/api/events/rsvps/{token}/confirm", headers=_client_address(2000 + n)
            )
        assert answer.status_code == 200, answer.text
        return str(answer.json()["status"])

    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(confirm, enumerate(tokens)))
    assert statuses.count("confirmed") == 15 and statuses.count("waitlisted") == 25
    counts = httpx.get(f"{gateway}/api/events/events/{event_id}/counts", headers=ADMIN, timeout=30).json()
    assert (counts["confirmed"], counts["waitlisted"], counts["available"]) == (15, 25, 0)
    # Both events replicas answered part of the burst (round-robin), or the test shows nothing.
    assert all(_rsvps_answered(server) > 0 for server in platform.replicas["events"])
    positions = sorted(
        p for (p,) in _rows(platform, "SELECT queue_position FROM rsvp WHERE event_id = :e", e=event_id)
    )
    assert positions == list(range(positions[0], positions[0] + 40))


def test_rate_limits_are_shared_by_the_gateway_replicas(platform: Platform) -> None:
    """One client spends one budget, whichever gateway replica answers."""
    address = {"X-Forwarded-For": "203.0.113.77"}
    answers = []
    for n in range(DEFAULT_LIMIT + 10):
        replica = platform.replicas["gateway"][n % 2]  # straight to each replica in turn
        answers.append(
            httpx.get(f"{replica.url}/api/registry/regions", headers=address, timeout=30).status_code
        )
    assert answers.count(200) == DEFAULT_LIMIT, answers
    assert answers[DEFAULT_LIMIT:] == [429] * 10


def test_a_write_on_one_registry_replica_is_searchable_on_the_other_at_once(platform: Platform) -> None:
    first, second = platform.replicas["registry"]
    name = f"Argane Répliques {next(_counter)}"
    # Warm the second replica's search cache with the query first: it must not serve it stale.
    before = httpx.get(f"{second.url}/exporters", params={"q": name}, timeout=30)
    assert before.status_code == 200 and before.json()["total"] == 0
    body = {
        "ice": valid_ice(next(_counter) * 7919),
        "legal_name": f"{name} SARL",
        "trade_name": name,
        "region": "MA-06",
        "city": "Agadir",
    }
    created = httpx.post(f"{first.url}/exporters", json=body, headers=ADMIN, timeout=30)
    assert created.status_code == 201, created.text
    after = httpx.get(f"{second.url}/exporters", params={"q": name}, timeout=30)
    assert [item["slug"] for item in after.json()["items"]] == [created.json()["slug"]]


def test_killing_one_replica_of_each_tier_loses_no_acknowledged_write(platform: Platform) -> None:
    event_id = _new_event(platform, capacity=500)
    gateway = platform.url("gateway")
    acknowledged: list[str] = []
    failed: list[int] = []
    stop = threading.Event()

    def writer(worker: int) -> None:
        n = 0
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                n += 1
                email = f"kill{worker}-{n}-{event_id}@example.ma"
                try:
                    answer = client.post(
                        f"{gateway}/api/events/events/{event_id}/rsvps",
                        json={"name": f"Invité {worker}-{n}", "email": email, "consent": True},
                        headers=_client_address(5000 + worker * 1000 + n),
                    )
                except httpx.HTTPError:
                    failed.append(0)
                    continue
                if answer.status_code == 202:
                    acknowledged.append(email)
                else:
                    failed.append(answer.status_code)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: len(acknowledged) >= 20, 60, interval=0.1, message="no writes before the kill")
        for tier in TIERS:
            platform.replicas[tier][0].kill()  # kill -9, mid-stream
        killed_at = len(acknowledged)
        wait_until(
            lambda: len(acknowledged) >= killed_at + 40,
            90,
            interval=0.1,
            message="writes stopped after the kill",
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    stored = {
        email
        for (email,) in _rows(platform, "SELECT email_normalised FROM rsvp WHERE event_id = :e", e=event_id)
    }
    assert set(acknowledged) <= stored  # every 202 is in the database
    # nginx routes around the dead replicas: only requests in flight at the kill may fail.
    assert len(failed) <= 8, failed
    # The surviving website answers through the surviving gateway.
    page = httpx.get(platform.url("frontend") + "/", timeout=30)
    assert page.status_code == 200
    search = httpx.get(
        f"{gateway}/api/registry/exporters", params={"q": "argan"}, headers=_client_address(9999)
    )
    assert search.status_code == 200
