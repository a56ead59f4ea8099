"""Issue #19.3: a long import is a job (202 + a job to poll), all or nothing, idempotent under retry."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from typing import Any

import httpx

from services.registry import jobs
from services.registry.demo import make_ice
from services.registry.models import ImportJob
from tests.conftest import run_in_session
from tests.registry.conftest import STAFF
from tests.support.tokens import bearer

CSV_TYPE = {"Content-Type": "text/csv"}
HEADER = "ice,legal_name,trade_name,region,city\n"


def _rows(start: int, count: int) -> str:
    return "".join(
        f"{make_ice(5_000_000 + n)},Lot {n} SARL,Lot {n},MA-06,Casablanca\n"
        for n in range(start, start + count)
    )


async def _post(
    client: httpx.AsyncClient, body: str, key: str | None = None, **headers: str
) -> httpx.Response:
    extra = {"Idempotency-Key": key} if key else {}
    return await client.post(
        "/exporters/import", content=body.encode(), headers={**STAFF, **CSV_TYPE, **extra, **headers}
    )


async def _total(client: httpx.AsyncClient) -> int:
    return int((await client.get("/exporters")).json()["total"])


async def test_an_import_answers_202_with_a_job_to_poll(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    response = await _post(registry_client, HEADER + _rows(0, 300))
    assert response.status_code == 202, response.text
    location = response.headers["Location"]
    assert location == f"/imports/{response.json()['id']}"
    first = response.json()
    assert first["status"] in ("queued", "running")
    assert first["progress"]["rows_total"] == 300
    polled = await registry_client.get(location, headers=STAFF)
    assert polled.status_code == 200
    if polled.json()["status"] in ("queued", "running"):
        assert polled.headers["Retry-After"] == "1"
    await registry_app.state.import_jobs.drain()
    done = (await registry_client.get(location, headers=STAFF)).json()
    assert done["status"] == "succeeded"
    assert done["progress"] == {"rows_done": 300, "rows_total": 300}
    assert done["result"] == {"written": 300, "rejected_rows": 0, "errors": []}
    assert done["finished_at"] is not None
    assert await _total(registry_client) == 300
    # Jobs are for organisers; an unknown id is a 404.
    exporter = bearer("exporter", exporter_id=1)
    assert (await registry_client.get(location, headers=exporter)).status_code == 403
    assert (await registry_client.get("/imports/" + "0" * 32, headers=STAFF)).status_code == 404


async def test_the_same_idempotency_key_returns_the_same_job(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    body = HEADER + _rows(0, 50)
    first = await _post(registry_client, body, key="import-2026-12-01-a")
    await registry_app.state.import_jobs.drain()
    retry = await _post(registry_client, body, key="import-2026-12-01-a")
    assert retry.status_code == 202
    assert retry.json()["id"] == first.json()["id"] and retry.json()["status"] == "succeeded"
    await registry_app.state.import_jobs.drain()
    assert await _total(registry_client) == 50  # imported once
    # The same key with another file is refused, with a code.
    other = await _post(registry_client, HEADER + _rows(100, 2), key="import-2026-12-01-a")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency-key-reused"
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    # ...and so is the same file with other options.
    options = await registry_client.post(
        "/exporters/import",
        content=body.encode(),
        params={"only_valid_rows": "true"},
        headers={**STAFF, **CSV_TYPE, "Idempotency-Key": "import-2026-12-01-a"},
    )
    assert options.status_code == 422 and options.json()["code"] == "idempotency-key-reused"
    # A key is a printable token.
    bad = await _post(registry_client, body, key="a key with spaces")
    assert bad.status_code == 422


async def test_all_or_nothing_and_a_retry_without_key_is_reported(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    body = HEADER + _rows(0, 20) + "123,Bad SARL,Bad,MA-06,Casablanca\n"
    response = await _post(registry_client, body)
    await registry_app.state.import_jobs.drain()
    job = (await registry_client.get(response.headers["Location"], headers=STAFF)).json()
    assert job["status"] == "failed" and job["progress"]["rows_done"] == 0
    assert job["errors"] == [{"line": 22, "column": "ice", "message": job["errors"][0]["message"]}]
    assert await _total(registry_client) == 0


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


async def test_a_job_left_running_by_a_dead_process_is_failed_and_queued_jobs_start(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    orphan_runner = f"{socket.gethostname()}:{_dead_pid()}"
    content = (HEADER + _rows(0, 5)).encode()

    async def seed(session: Any) -> None:
        session.add(
            ImportJob(
                id="a" * 32,
                status="running",
                created_by="test",
                created_role="organiser",
                request_hash=jobs.request_hash(content, False),
                content=content,
                rows_total=5,
                runner=orphan_runner,
            )
        )
        session.add(
            ImportJob(
                id="b" * 32,
                status="queued",
                created_by="test",
                created_role="organiser",
                request_hash=jobs.request_hash(content, False),
                content=content,
                rows_total=5,
            )
        )

    await run_in_session(registry_app, seed)
    # Read before any restart: the dead runner is noticed.
    orphan = (await registry_client.get("/imports/" + "a" * 32, headers=STAFF)).json()
    assert orphan["status"] == "failed" and "nothing was written" in orphan["detail"]
    # Start-up: queued jobs run.
    await jobs.recover(registry_app.state.import_jobs)
    await registry_app.state.import_jobs.drain()
    queued = (await registry_client.get("/imports/" + "b" * 32, headers=STAFF)).json()
    assert queued["status"] == "succeeded" and queued["result"]["written"] == 5
    assert await _total(registry_client) == 5


async def test_a_running_job_of_a_live_process_is_left_alone(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    parent = os.getppid()  # alive, and not this process

    async def seed(session: Any) -> None:
        session.add(
            ImportJob(
                id="c" * 32,
                status="running",
                created_by="test",
                created_role="organiser",
                request_hash="0" * 64,
                runner=f"{socket.gethostname()}:{parent}",
            )
        )

    await run_in_session(registry_app, seed)
    await jobs.recover(registry_app.state.import_jobs)
    job = (await registry_client.get("/imports/" + "c" * 32, headers=STAFF)).json()
    assert job["status"] == "running"
