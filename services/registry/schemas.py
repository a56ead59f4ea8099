"""Public API shapes of the registry (never a table model straight to a client)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class LocalizedText(BaseModel):
    fr: str
    en: str
    ar: str


class RegionPublic(BaseModel):
    code: str
    name: LocalizedText
    capital: str


class SectorPublic(BaseModel):
    slug: str
    isic_section: str
    name: LocalizedText


class ExporterSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    slug: str
    ice: str
    trade_name: str
    legal_name: str
    region: RegionPublic
    city: str
    sectors: list[SectorPublic]


class ExporterPublic(ExporterSummary):
    description: LocalizedText
    created_at: datetime
    updated_at: datetime
