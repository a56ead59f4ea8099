"""Read-only catalogue endpoints (thin: validation in, service call, public shape out)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES, NotFound
from services.common.pagination import Page, PageParams, page_params
from services.registry import service
from services.registry.models import Exporter, Region, Sector
from services.registry.schemas import (
    ExporterPublic,
    ExporterSummary,
    LocalizedText,
    RegionPublic,
    SectorPublic,
)

router = APIRouter(responses=PROBLEM_RESPONSES)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def region_public(region: Region) -> RegionPublic:
    return RegionPublic(
        code=region.code,
        name=LocalizedText(fr=region.name_fr, en=region.name_en, ar=region.name_ar),
        capital=region.capital,
    )


def sector_public(sector: Sector) -> SectorPublic:
    return SectorPublic(
        slug=sector.slug,
        isic_section=sector.isic_section,
        name=LocalizedText(fr=sector.name_fr, en=sector.name_en, ar=sector.name_ar),
    )


def exporter_summary(exporter: Exporter) -> ExporterSummary:
    return ExporterSummary(
        slug=exporter.slug,
        ice=exporter.ice,
        trade_name=exporter.trade_name,
        legal_name=exporter.legal_name,
        region=region_public(exporter.region),
        city=exporter.city,
        sectors=[sector_public(s) for s in exporter.sectors],
    )


def exporter_public(exporter: Exporter) -> ExporterPublic:
    return ExporterPublic(
        **exporter_summary(exporter).model_dump(),
        description=LocalizedText(
            fr=exporter.description_fr, en=exporter.description_en, ar=exporter.description_ar
        ),
        created_at=exporter.created_at,
        updated_at=exporter.updated_at,
    )


@router.get("/regions", tags=["reference"], summary="The 12 regions of Morocco")
async def list_regions(session: SessionDep) -> list[RegionPublic]:
    return [region_public(r) for r in await service.list_regions(session=session)]


@router.get("/sectors", tags=["reference"], summary="Business sectors (ISIC sections)")
async def list_sectors(session: SessionDep) -> list[SectorPublic]:
    return [sector_public(s) for s in await service.list_sectors(session=session)]


@router.get("/exporters", tags=["exporters"], summary="Browse the exporter catalogue")
async def list_exporters(
    session: SessionDep, page: Annotated[PageParams, Depends(page_params)]
) -> Page[ExporterSummary]:
    rows, total = await service.list_exporters(session=session, page=page)
    return Page(
        items=[exporter_summary(e) for e in rows],
        total=total,
        page=page.page,
        per_page=page.per_page,
    )


@router.get("/exporters/{slug}", tags=["exporters"], summary="One exporter's public profile")
async def get_exporter(
    session: SessionDep,
    slug: Annotated[str, Path(max_length=120, pattern=SLUG_PATTERN)],
) -> ExporterPublic:
    exporter = await service.get_exporter_by_slug(session=session, slug=slug)
    if exporter is None:
        raise NotFound(f"No exporter with slug '{slug}'.")
    return exporter_public(exporter)
