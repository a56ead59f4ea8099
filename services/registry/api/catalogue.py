"""Reference data and statistics (thin: validation in, service call, public shape out)."""

from __future__ import annotations

from fastapi import APIRouter

from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES
from services.registry import catalogue
from services.registry.deps import ReferenceDep
from services.registry.schemas import COUNTRY_NAMES, CountryPublic, RegionPublic, SectorPublic, Stats

router = APIRouter(responses=PROBLEM_RESPONSES)


@router.get("/regions", operation_id="regions.list", tags=["reference"], summary="The 12 regions of Morocco")
async def list_regions(ref: ReferenceDep) -> list[RegionPublic]:
    return [ref.public_regions[code] for code in sorted(ref.public_regions)]


@router.get(
    "/sectors", operation_id="sectors.list", tags=["reference"], summary="Business sectors (ISIC sections)"
)
async def list_sectors(ref: ReferenceDep) -> list[SectorPublic]:
    sectors = sorted(ref.sectors_by_id.values(), key=lambda s: s.name_fr)
    return [ref.public_sectors[s.id] for s in sectors if s.id is not None]


@router.get(
    "/countries",
    operation_id="countries.list",
    tags=["reference"],
    summary="ISO 3166-1 alpha-2 codes accepted as export markets",
)
async def list_countries() -> list[CountryPublic]:
    return [CountryPublic(code=c, name=n) for c, n in sorted(COUNTRY_NAMES.items()) if c != "MA"]


@router.get(
    "/stats",
    operation_id="stats.get",
    tags=["catalogue"],
    summary="Exporters per region and sector, labels, progress to 2035",
)
async def get_stats(session: SessionDep, ref: ReferenceDep) -> Stats:
    return Stats.model_validate(await catalogue.stats(session=session, ref=ref))
