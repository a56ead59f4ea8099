"""Bulk: CSV import of exporters, open-data exports of the public catalogue (streamed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from services.common.auth import Staff
from services.common.errors import PROBLEM_RESPONSES, Problem
from services.registry import bulk, jobs
from services.registry.deps import ReferenceDep
from services.registry.models import ImportJobStatus
from services.registry.schemas import ImportJobPublic

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["open data"])


ImportIdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        pattern=jobs.KEY_PATTERN,
        description="Any unique string (a UUID): sending the same request again with the same key "
        "returns the same job instead of importing twice; the same key with a different file or "
        "options is a 422 (code idempotency-key-reused).",
    ),
]
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]


def _runner(request: Request) -> jobs.JobRunner:
    runner: jobs.JobRunner = request.app.state.import_jobs
    return runner


@router.post(
    "/exporters/import",
    operation_id="exporters.import",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Import exporters from CSV (organisers): answers 202 with a job to poll",
    description="The file is checked at once (encoding, CSV syntax, header, cell sizes: a 422 "
    "names the line and column); its rows are then validated and written by a background job, "
    "all of them or none (unless only_valid_rows=true). Poll the job at the `Location` address "
    "(`GET /imports/{job_id}`) until its status is `succeeded` or `failed`. With the same "
    "`Idempotency-Key`, a retry gets the same job back (202), and nothing is imported twice.",
    response_model=ImportJobPublic,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "UTF-8 CSV with a header row; columns: "
            + ", ".join(bulk.IMPORT_COLUMNS)
            + ". List columns (sectors, export_markets, memberships) are separated by ';'. "
            f"Lines end with CRLF, LF or CR; a cell holds at most {bulk.MAX_CELL_CHARS} characters.",
        }
    },
)
async def import_exporters(
    request: Request,
    principal: Staff,
    response: Response,
    idempotency_key: ImportIdempotencyKey = None,
    only_valid_rows: Annotated[bool, Query(description="Write the valid rows even if others fail")] = False,
) -> ImportJobPublic:
    limit = request.app.state.settings.max_import_bytes
    content = bytearray()
    async for chunk in request.stream():
        content += chunk
        if len(content) > limit:
            raise Problem(f"The file is larger than {limit} bytes.", status=413, slug="payload-too-large")
    runner = _runner(request)
    job, _created = await jobs.submit_import(
        runner=runner,
        principal=principal,
        content=bytes(content),
        only_valid_rows=only_valid_rows,
        idempotency_key=idempotency_key,
    )
    # An idempotent retry gets the same answer: 202 and the first request's job.
    response.headers["Location"] = f"/imports/{job.id}"
    return jobs.job_public(job, live_done=runner.progress.get(job.id))


@router.get(
    "/imports/{job_id}",
    operation_id="imports.get",
    summary="An import job: status, progress, result or errors (organisers)",
)
async def get_import(
    request: Request, job_id: JobId, principal: Staff, response: Response
) -> ImportJobPublic:
    job = await jobs.get_job(runner=_runner(request), job_id=job_id, principal=principal)
    if job.status in (ImportJobStatus.queued, ImportJobStatus.running):
        response.headers["Retry-After"] = "1"
    response.headers["Cache-Control"] = "no-store"
    return job


@router.get(
    "/open-data/exporters.csv",
    operation_id="openData.exportersCsv",
    summary="The public catalogue as CSV (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
async def export_csv(request: Request, ref: ReferenceDep) -> StreamingResponse:
    return StreamingResponse(
        bulk.export_csv(request.app.state.sessionmaker, ref),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="exporters.csv"'},
    )


@router.get(
    "/open-data/exporters.json",
    operation_id="openData.exportersJson",
    summary="The public catalogue as a JSON array of exporter summaries (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/json": {}}}},
)
async def export_json(request: Request, ref: ReferenceDep) -> StreamingResponse:
    return StreamingResponse(
        bulk.export_json(request.app.state.sessionmaker, ref), media_type="application/json"
    )
