"""CSV import of exporters (all or nothing, or only the valid rows on request) and open-data exports."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal
from services.common.db import transaction
from services.common.errors import FieldError, UnprocessableContent
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
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("|", ";").split(";") if part.strip()]


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnprocessableContent.for_field("file", "the file is not UTF-8 text") from exc


async def import_exporters(
    *, session: AsyncSession, ref: Reference, content: bytes, principal: Principal, only_valid_rows: bool
) -> ImportReport:
    reader = csv.DictReader(io.StringIO(_decode(content)))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = sorted(REQUIRED_COLUMNS - set(header))
    unknown = sorted(set(header) - set(IMPORT_COLUMNS))
    if missing or unknown:
        errors = [FieldError(field=f"header.{c}", message="required column is missing") for c in missing]
        errors += [FieldError(field=f"header.{c}", message="unknown column") for c in unknown]
        raise UnprocessableContent("The CSV header is not valid.", errors=errors)
    row_errors: list[ImportRowError] = []
    valid: list[tuple[int, ExporterCreate]] = []
    seen: dict[str, dict[str, int]] = {"ice": {}, "slug": {}}
    for row in reader:
        line = reader.line_num
        data: dict[str, Any] = {}
        for key, value in row.items():
            if key is None or value is None:
                continue
            key, value = key.strip(), value.strip()
            if value == "":
                continue
            data[key] = _split(value) if key in LIST_COLUMNS else value
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
    return ImportReport(written=written, rejected_rows=len(bad_lines), errors=row_errors)


def neutralise(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


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
            writer.writerow([neutralise(v) for v in _export_row(item)])
        yield buffer.getvalue().encode()


async def export_json(sessionmaker: async_sessionmaker[AsyncSession], ref: Reference) -> AsyncIterator[bytes]:
    yield b"["
    first = True
    async for page in _pages(sessionmaker, ref):
        for item in page:
            yield (b"" if first else b",\n") + orjson.dumps(item.model_dump(mode="json"))
            first = False
    yield b"]\n"
