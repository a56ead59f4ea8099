"""CSV import of exporters (all or nothing, or only the valid rows on request) and open-data exports."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal
from services.common.db import transaction
from services.common.errors import FieldError, UnprocessableContent
from services.common.vocabulary import spreadsheet_cell
from services.registry import catalogue
from services.registry.models import Exporter
from services.registry.reference import Reference
from services.registry.schemas import ExporterCreate, ImportReport, ImportRowError
from services.registry.text import slugify

IMPORT_COLUMNS = [
    "ice", "legal_name", "trade_name", "slug", "region", "city", "sectors", "size_band", "founding_year",
    "employee_band", "export_markets", "website", "email", "phone", "memberships",
    "description_fr", "description_en", "description_ar",
]  # fmt: skip
REQUIRED_COLUMNS = {"ice", "legal_name", "trade_name", "region", "city"}
LIST_COLUMNS = {"sectors", "export_markets", "memberships"}
EXPORT_COLUMNS = [
    "id", "slug", "ice", "trade_name", "legal_name", "region", "city", "sectors", "size_band",
    "export_markets", "verified", "label_status", "product_count", "description_fr", "description_en",
    "description_ar",
]  # fmt: skip


# A cell longer than this is refused with its line and column (Python's csv module would
# otherwise stop at its own 131,072-character field limit with an error that names neither).
MAX_CELL_CHARS = 131_072
# The csv module's own limit sits above ours, so that ours is the one a client meets.
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))

Row = tuple[int, dict[str, Any]]
EXPUNGE_EVERY = 200


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("|", ";").split(";") if part.strip()]


def _decode(content: bytes) -> str:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnprocessableContent.for_field("file", "the file is not UTF-8 text", code="not-utf8") from exc
    # CRLF (Windows), LF, and CR alone (Excel "CSV (Macintosh)") all end a line.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_header(fieldnames: Sequence[str] | None) -> None:
    header = [h.strip() for h in fieldnames or []]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    unknown = sorted(set(header) - set(IMPORT_COLUMNS))
    if missing or unknown:
        errors = [
            FieldError(field=f"header.{c}", message="required column is missing", code="missing-column")
            for c in missing
        ]
        errors += [
            FieldError(field=f"header.{c}", message="unknown column", code="unknown-column") for c in unknown
        ]
        raise UnprocessableContent("The CSV header is not valid.", errors=errors)


def parse_csv(content: bytes) -> list[Row]:
    """The file's rows as (line, cells), or a 422 for a file that is not a valid CSV import.

    Cheap and synchronous (no database): a malformed file is refused before a job is made.
    """
    reader = csv.DictReader(io.StringIO(_decode(content)))
    rows: list[Row] = []
    try:
        _check_header(reader.fieldnames)
        for row in reader:
            line = reader.line_num
            data: dict[str, Any] = {}
            for key, value in row.items():
                if key is None or value is None:
                    continue
                key, value = key.strip(), value.strip()
                if len(value) > MAX_CELL_CHARS:
                    raise UnprocessableContent.for_field(
                        f"rows.{line}.{key}",
                        f"a cell holds at most {MAX_CELL_CHARS} characters",
                        code="too-long",
                        field_params={"max_length": MAX_CELL_CHARS},
                    )
                if value == "":
                    continue
                data[key] = _split(value) if key in LIST_COLUMNS else value
            rows.append((line, data))
    except csv.Error as exc:
        raise UnprocessableContent.for_field(
            f"rows.{reader.line_num}", f"not valid CSV: {exc}", code="invalid-csv"
        ) from exc
    return rows


async def import_exporters(
    *,
    session: AsyncSession,
    ref: Reference,
    content: bytes,
    principal: Principal,
    only_valid_rows: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    return await import_rows(
        session=session,
        ref=ref,
        rows=parse_csv(content),
        principal=principal,
        only_valid_rows=only_valid_rows,
        progress=progress,
    )


async def import_rows(
    *,
    session: AsyncSession,
    ref: Reference,
    rows: list[Row],
    principal: Principal,
    only_valid_rows: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate every row, then write them: all or nothing (or only the valid rows on request).

    ``progress`` is called with the number of rows written so far.
    """
    row_errors: list[ImportRowError] = []
    valid: list[tuple[int, ExporterCreate]] = []
    seen: dict[str, dict[str, int]] = {"ice": {}, "slug": {}}
    for line, data in rows:
        errors_before = len(row_errors)
        try:
            exporter = ExporterCreate.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else "row"
                message = str(err["msg"]).removeprefix("Value error, ")
                row_errors.append(ImportRowError(line=line, column=column, message=message))
            continue
        if exporter.region not in ref.regions:
            row_errors.append(
                ImportRowError(line=line, column="region", message=f"unknown region '{exporter.region}'")
            )
        unknown_sectors = [s for s in exporter.sectors if s not in ref.sectors_by_slug]
        if unknown_sectors:
            row_errors.append(
                ImportRowError(
                    line=line, column="sectors", message=f"unknown sector(s): {', '.join(unknown_sectors)}"
                )
            )
        exporter.slug = exporter.slug or slugify(exporter.trade_name)
        for field in ("ice", "slug"):
            value = getattr(exporter, field)
            if value in seen[field]:
                row_errors.append(
                    ImportRowError(
                        line=line, column=field, message=f"same {field} as line {seen[field][value]}"
                    )
                )
            else:
                seen[field][value] = line
        if len(row_errors) == errors_before:
            valid.append((line, exporter))
    # Clashes with the catalogue, in two queries.
    for field in ("ice", "slug"):
        values = [getattr(e, field) for _, e in valid]
        taken = (
            set(
                (
                    await session.exec(
                        select(getattr(Exporter, field)).where(col(getattr(Exporter, field)).in_(values))
                    )
                ).all()
            )
            if values
            else set()
        )
        for line, exporter in valid:
            if getattr(exporter, field) in taken:
                row_errors.append(
                    ImportRowError(
                        line=line,
                        column=field,
                        message=f"already in the catalogue: {getattr(exporter, field)}",
                    )
                )
    bad_lines = {e.line for e in row_errors}
    row_errors.sort(key=lambda e: (e.line, e.column))
    if row_errors and not only_valid_rows:
        raise UnprocessableContent(
            f"{len(bad_lines)} row(s) are not valid; nothing was imported.",
            errors=[FieldError(field=f"rows.{e.line}.{e.column}", message=e.message) for e in row_errors],
            extra={"rejected_rows": len(bad_lines), "written": 0},
        )
    written = 0
    for line, exporter in valid:
        if line in bad_lines:
            continue
        await catalogue.create_exporter(session=session, ref=ref, data=exporter, principal=principal)
        written += 1
        if progress is not None:
            progress(written)
        if written % EXPUNGE_EVERY == 0:
            # The rows are flushed (in this transaction); forgetting them keeps each flush as
            # cheap as the first instead of growing with every object the session holds.
            session.expunge_all()
    return ImportReport(written=written, rejected_rows=len(bad_lines), errors=row_errors)


async def _pages(
    sessionmaker: async_sessionmaker[AsyncSession], ref: Reference, chunk: int = 500
) -> AsyncIterator[list[Any]]:
    last_id = 0
    today = catalogue.today_in_morocco()
    while True:
        async with transaction(sessionmaker, write=False) as session:
            ids = list(
                (
                    await session.exec(
                        select(Exporter.id)
                        .where(col(Exporter.id) > last_id)
                        .order_by(col(Exporter.id))
                        .limit(chunk)
                    )
                ).all()
            )
            if not ids:
                return
            yield await catalogue.exporter_summaries(
                session=session, ref=ref, ids=[i for i in ids if i], today=today
            )
        last_id = ids[-1] or 0


def _export_row(item: Any) -> list[Any]:
    return [
        item.id, item.slug, item.ice, item.trade_name, item.legal_name, item.region.code, item.city,
        ";".join(s.slug for s in item.sectors), item.size_band, ";".join(item.export_markets), item.verified,
        item.label_status, item.product_count, item.description.fr, item.description.en, item.description.ar,
    ]  # fmt: skip


async def export_csv(sessionmaker: async_sessionmaker[AsyncSession], ref: Reference) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    yield ("\ufeff" + buffer.getvalue()).encode()
    async for page in _pages(sessionmaker, ref):
        buffer.seek(0)
        buffer.truncate()
        for item in page:
            writer.writerow([spreadsheet_cell(v) for v in _export_row(item)])
        yield buffer.getvalue().encode()


async def export_json(sessionmaker: async_sessionmaker[AsyncSession], ref: Reference) -> AsyncIterator[bytes]:
    yield b"["
    first = True
    async for page in _pages(sessionmaker, ref):
        for item in page:
            yield (b"" if first else b",\n") + orjson.dumps(item.model_dump(mode="json"))
            first = False
    yield b"]\n"
