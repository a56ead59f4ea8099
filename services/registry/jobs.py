"""Import jobs: a CSV import answers 202 with a job to poll; the work runs in the background.

- ``submit_import``: the file is parsed first (a malformed file is a 422 at once, no job);
  then a job row is written (status ``queued``, the file in it) and started in this process.
  With an ``Idempotency-Key``, the same key and the same request (file and options) return
  the same job, never a second import; the same key with another request is a 422
  ``idempotency-key-reused``. Keys belong to the account that sent them.
- ``run_import``: claims the job (``queued`` -> ``running``, so one process runs it), imports
  every row in ONE transaction (all or nothing, as before) and writes the job's end state in
  that same transaction: a job is ``succeeded`` if and only if its rows are in. A failure
  (row errors, or anything else) rolls the rows back and marks the job ``failed`` with its
  errors.
- Progress (rows written) is kept in memory by the process running the job and shown by that
  process; the row holds the totals (SQLite has one writer: the import's transaction holds
  it, so progress cannot be committed meanwhile). Another worker shows the stored state.
- A job left ``running`` by a process that died (its ``runner``, host:pid, is this host and
  that pid is gone) is marked ``failed`` at start-up and when it is read; nothing of it was
  written (its transaction never committed), so sending the file again is safe. Jobs still
  ``queued`` at start-up are started.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import secrets
import socket
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal, Role
from services.common.db import transaction
from services.common.errors import NotFound, Problem, UnprocessableContent
from services.common.models import utcnow
from services.registry import bulk
from services.registry.models import ImportJob, ImportJobStatus
from services.registry.reference import load_reference
from services.registry.schemas import ImportJobPublic, ImportProgress, ImportReport, ImportRowError

logger = logging.getLogger("mim.registry.jobs")

RUNNER = f"{socket.gethostname()}:{os.getpid()}"
KEY_PATTERN = r"^[\x21-\x7e]{1,200}$"  # printable ASCII, no spaces


@dataclass
class JobRunner:
    """The jobs this process runs: their tasks (kept referenced) and live progress."""

    sessionmaker: async_sessionmaker[AsyncSession]
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    progress: dict[str, int] = field(default_factory=dict)

    def start(self, job_id: str) -> None:
        task = asyncio.create_task(run_import(self, job_id), name=f"import-{job_id}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def drain(self) -> None:
        """Wait for the jobs started so far (tests, shutdown)."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)

    async def cancel_all(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*list(self.tasks), return_exceptions=True)


def request_hash(content: bytes, only_valid_rows: bool) -> str:
    digest = hashlib.sha256(content)
    digest.update(b"\0only_valid_rows=" + (b"1" if only_valid_rows else b"0"))
    return digest.hexdigest()


def _reused_key() -> Problem:
    return UnprocessableContent.for_field(
        "Idempotency-Key",
        "This Idempotency-Key was already used for another request (a different file or options); "
        "use a new key for a new import.",
        code="idempotency-key-reused",
        slug="idempotency-key-reused",
    )


async def _existing(session: AsyncSession, principal: Principal, key: str) -> ImportJob | None:
    return (
        await session.exec(
            select(ImportJob).where(ImportJob.created_by == principal.sub, ImportJob.idempotency_key == key)
        )
    ).first()


async def submit_import(
    *,
    runner: JobRunner,
    principal: Principal,
    content: bytes,
    only_valid_rows: bool,
    idempotency_key: str | None,
) -> tuple[ImportJob, bool]:
    """The job for this request, and whether it is new (False: an idempotent retry)."""
    digest = request_hash(content, only_valid_rows)
    async with transaction(runner.sessionmaker, write=False) as session:
        if idempotency_key is not None:
            job = await _existing(session, principal, idempotency_key)
            if job is not None:
                if job.request_hash != digest:
                    raise _reused_key()
                return job, False
    rows = bulk.parse_csv(content)  # a malformed file: 422 now, no job
    job = ImportJob(
        id=secrets.token_hex(16),
        created_by=principal.sub,
        created_role=str(principal.role),
        idempotency_key=idempotency_key,
        request_hash=digest,
        only_valid_rows=only_valid_rows,
        content=content,
        rows_total=len(rows),
    )
    try:
        async with transaction(runner.sessionmaker, write=True) as session:
            session.add(job)
    except IntegrityError:
        # The same key sent twice at once: the other request's job is the answer.
        async with transaction(runner.sessionmaker, write=False) as session:
            existing = await _existing(session, principal, idempotency_key or "")
        if existing is None:
            raise
        if existing.request_hash != digest:
            raise _reused_key() from None
        return existing, False
    runner.start(job.id)
    return job, True


async def _claim(runner: JobRunner, job_id: str) -> ImportJob | None:
    async with transaction(runner.sessionmaker, write=True) as session:
        claimed = await session.exec(
            update(ImportJob)
            .where(col(ImportJob.id) == job_id, col(ImportJob.status) == ImportJobStatus.queued)
            .values(status=ImportJobStatus.running, runner=RUNNER, started_at=utcnow())
        )
        if claimed.rowcount != 1:
            return None
        return await session.get(ImportJob, job_id)


def _principal_of(job: ImportJob) -> Principal:
    return Principal(sub=job.created_by, role=Role(job.created_role), exp=0)


async def _finish(
    session: AsyncSession,
    job_id: str,
    *,
    status: ImportJobStatus,
    rows_done: int,
    result: ImportReport | None = None,
    errors: list[ImportRowError] | None = None,
    detail: str | None = None,
) -> None:
    job = await session.get(ImportJob, job_id)
    assert job is not None
    job.status = status
    job.rows_done = rows_done
    job.result = result.model_dump_json() if result is not None else None
    job.errors = orjson.dumps([e.model_dump() for e in errors]).decode() if errors else None
    job.detail = detail
    job.content = b""  # the file is not kept once the job has ended
    job.finished_at = utcnow()
    await session.flush()


def _row_errors(problem: Problem) -> list[ImportRowError]:
    out = []
    for error in problem.errors or []:
        parts = error.field.split(".", 2)  # rows.<line>.<column>
        line = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        out.append(
            ImportRowError(line=line, column=parts[2] if len(parts) > 2 else "", message=error.message)
        )
    return out


async def run_import(runner: JobRunner, job_id: str) -> None:
    job = await _claim(runner, job_id)
    if job is None:
        return  # another process took it, or it is no longer queued
    content, only_valid_rows = job.content, job.only_valid_rows
    runner.progress[job_id] = 0
    async with transaction(runner.sessionmaker, write=False) as session:
        ref = await load_reference(session=session)

    def progress(done: int) -> None:
        runner.progress[job_id] = done

    try:
        async with transaction(runner.sessionmaker, write=True) as session:
            report = await bulk.import_exporters(
                session=session,
                ref=ref,
                content=content,
                principal=_principal_of(job),
                only_valid_rows=only_valid_rows,
                progress=progress,
            )
            # In the import's own transaction: "succeeded" if and only if the rows are in.
            await _finish(
                session, job_id, status=ImportJobStatus.succeeded, rows_done=report.written, result=report
            )
        logger.info("import job %s succeeded: %d row(s) written", job_id, report.written)
    except Problem as problem:
        async with transaction(runner.sessionmaker, write=True) as session:
            await _finish(
                session,
                job_id,
                status=ImportJobStatus.failed,
                rows_done=0,
                result=ImportReport(
                    written=0,
                    rejected_rows=int(problem.extra.get("rejected_rows", 0)),
                    errors=[],
                ),
                errors=_row_errors(problem),
                detail=problem.detail,
            )
        logger.info("import job %s failed: %s", job_id, problem.detail)
    except Exception:
        logger.exception("import job %s failed unexpectedly", job_id)
        async with transaction(runner.sessionmaker, write=True) as session:
            await _finish(
                session,
                job_id,
                status=ImportJobStatus.failed,
                rows_done=0,
                detail="The import stopped on an internal error; nothing was written. Send it again.",
            )
    finally:
        runner.progress.pop(job_id, None)


def _runner_is_gone(runner_name: str | None) -> bool:
    """A job's runner on this host whose process is gone (or is this one, restarted)."""
    if not runner_name:
        return True
    host, _, pid_text = runner_name.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another host: it answers for its own jobs
    pid = int(pid_text)
    if pid == os.getpid():
        return runner_name != RUNNER
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


INTERRUPTED = (
    "The process running this import stopped before it finished; nothing was written. Send the file again."
)


async def _fail_orphans(session: AsyncSession, jobs: list[ImportJob], *, starting: bool) -> None:
    for job in jobs:
        gone = _runner_is_gone(job.runner) or (starting and job.runner == RUNNER)
        if job.status == ImportJobStatus.running and gone:
            await _finish(session, job.id, status=ImportJobStatus.failed, rows_done=0, detail=INTERRUPTED)
            logger.warning("import job %s was left running by %s: marked failed", job.id, job.runner)


async def recover(runner: JobRunner) -> None:
    """At start-up: fail the jobs a dead process left running, start the queued ones."""
    async with transaction(runner.sessionmaker, write=True) as session:
        running = list(
            (await session.exec(select(ImportJob).where(ImportJob.status == ImportJobStatus.running))).all()
        )
        await _fail_orphans(session, running, starting=True)
        queued = list(
            (await session.exec(select(ImportJob.id).where(ImportJob.status == ImportJobStatus.queued))).all()
        )
    for job_id in queued:
        runner.start(job_id)


async def get_job(*, runner: JobRunner, job_id: str, principal: Principal) -> ImportJobPublic:
    async with transaction(runner.sessionmaker, write=False) as session:
        job = await session.get(ImportJob, job_id)
        stale = job is not None and job.status == ImportJobStatus.running and job_id not in runner.progress
    if job is None or not (principal.is_staff or job.created_by == principal.sub):
        raise NotFound(f"No import job with id {job_id}.")
    if stale and _runner_is_gone(job.runner):
        async with transaction(runner.sessionmaker, write=True) as session:
            fresh = await session.get(ImportJob, job_id)
            if fresh is not None and fresh.status == ImportJobStatus.running:
                await _fail_orphans(session, [fresh], starting=False)
        async with transaction(runner.sessionmaker, write=False) as session:
            job = await session.get(ImportJob, job_id)
            assert job is not None
    return job_public(job, live_done=runner.progress.get(job_id))


def job_public(job: ImportJob, live_done: int | None = None) -> ImportJobPublic:
    done = live_done if live_done is not None and job.status == ImportJobStatus.running else job.rows_done
    errors: list[dict[str, Any]] = orjson.loads(job.errors) if job.errors else []
    return ImportJobPublic(
        id=job.id,
        kind=job.kind,
        status=job.status,
        progress=ImportProgress(rows_done=done, rows_total=job.rows_total),
        result=ImportReport.model_validate_json(job.result) if job.result else None,
        errors=[ImportRowError(**e) for e in errors],
        detail=job.detail,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )
