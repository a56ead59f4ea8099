"""Bulk: CSV import of exporters, open-data exports of the public catalogue (streamed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from services.common.auth import Principal, Role, require_roles
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES, Problem
from services.registry import bulk
from services.registry.deps import ReferenceDep
from services.registry.schemas import ImportReport

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["open data"])

StaffWriter = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser))]


@router.post(
    "/exporters/import",
    summary="Import exporters from CSV (organisers): all rows or nothing, unless only_valid_rows=true",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "UTF-8 CSV with a header row; columns: "
            + ", ".join(bulk.IMPORT_COLUMNS)
            + ". List columns (sectors, export_markets, memberships) are separated by ';'.",
        }
    },
)
async def import_exporters(
    request: Request,
    session: SessionDep,
    ref: ReferenceDep,
    principal: StaffWriter,
    only_valid_rows: Annotated[bool, Query(description="Write the valid rows even if others fail")] = False,
) -> ImportReport:
    limit = request.app.state.settings.max_import_bytes
    content = bytearray()
    async for chunk in request.stream():
        content += chunk
        if len(content) > limit:
            raise Problem(f"The file is larger than {limit} bytes.", status=413, slug="payload-too-large")
    return await bulk.import_exporters(
        session=session, ref=ref, content=bytes(content), principal=principal, only_valid_rows=only_valid_rows
    )


@router.get(
    "/open-data/exporters.csv",
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
    summary="The public catalogue as a JSON array of exporter summaries (streamed)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/json": {}}}},
)
async def export_json(request: Request, ref: ReferenceDep) -> StreamingResponse:
    return StreamingResponse(
        bulk.export_json(request.app.state.sessionmaker, ref), media_type="application/json"
    )
