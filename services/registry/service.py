"""Catalogue rules: plain functions that take a session and return models."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.orm import selectinload
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.pagination import PageParams
from services.registry.models import Exporter, Region, Sector


async def list_regions(*, session: AsyncSession) -> Sequence[Region]:
    return (await session.exec(select(Region).order_by(col(Region.code)))).all()


async def list_sectors(*, session: AsyncSession) -> Sequence[Sector]:
    return (await session.exec(select(Sector).order_by(col(Sector.name_fr)))).all()


def _with_relations():  # type: ignore[no-untyped-def]
    return (selectinload(Exporter.region), selectinload(Exporter.sectors))  # type: ignore[arg-type]


async def list_exporters(*, session: AsyncSession, page: PageParams) -> tuple[Sequence[Exporter], int]:
    total = (await session.exec(select(func.count()).select_from(Exporter))).one()
    rows = (
        await session.exec(
            select(Exporter)
            .options(*_with_relations())
            .order_by(col(Exporter.trade_name), col(Exporter.id))
            .offset(page.offset)
            .limit(page.per_page)
        )
    ).all()
    return rows, total


async def get_exporter_by_slug(*, session: AsyncSession, slug: str) -> Exporter | None:
    return (
        await session.exec(select(Exporter).where(Exporter.slug == slug).options(*_with_relations()))
    ).first()
