"""Reference data and statistics (thin: validation in, service call, public shape out)."""

from __future__ import annotations

from fastapi import APIRouter

from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES
from services.registry import catalogue
from services.registry.deps import ReferenceDep
from services.registry.schemas import COUNTRY_NAMES, CountryPublic, RegionPublic, SectorPublic, Stats

router = APIRouter(responses=PROBLEM_RESPONSES)


@router.get("/regions", tags=["reference"], summary="The 12 regions of Morocco")
async def list_regions(session: SessionDep) -> list[RegionPublic]:
    return [catalogue.region_public(r) for r in await catalogue.list_regions(session=session)]


@router.get("/sectors", tags=["reference"], summary="Business sectors (ISIC sections)")
async def list_sectors(session: SessionDep) -> list[SectorPublic]:
    return [catalogue.sector_public(s) for s in await catalogue.list_sectors(session=session)]


@router.get("/countries", tags=["reference"], summary="ISO 3166-1 alpha-2 codes accepted as export markets")
async def list_countries() -> list[CountryPublic]:
    return [CountryPublic(code=c, name=n) for c, n in sorted(COUNTRY_NAMES.items()) if c != "MA"]


@router.get("/stats", tags=["catalogue"], summary="Exporters per region and sector, labels, progress to 2035")
async def get_stats(session: SessionDep, ref: ReferenceDep) -> Stats:
    return Stats.model_validate(await catalogue.stats(session=session, ref=ref))
