"""Registry tables. Migrations in ``migrations/registry`` are the schema authority."""

# No `from __future__ import annotations` here: SQLModel resolves relationship types at runtime.

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from services.common.models import UTCDateTime, service_metadata, utcnow


class RegistryModel(SQLModel):
    metadata = service_metadata()


class Region(RegistryModel, table=True):
    """One of Morocco's 12 regions (ISO 3166-2:MA)."""

    code: str = Field(primary_key=True, max_length=5)
    name_fr: str
    name_en: str
    name_ar: str
    capital: str


class ExporterSector(RegistryModel, table=True):
    __tablename__ = "exporter_sector"

    exporter_id: int = Field(foreign_key="exporter.id", primary_key=True, ondelete="CASCADE")
    sector_id: int = Field(foreign_key="sector.id", primary_key=True, ondelete="CASCADE")


class Sector(RegistryModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=64)
    isic_section: str = Field(max_length=1, description="ISIC Rev.4 section letter")
    name_fr: str
    name_en: str
    name_ar: str

    exporters: list["Exporter"] = Relationship(back_populates="sectors", link_model=ExporterSector)


class Exporter(RegistryModel, table=True):
    __table_args__ = (UniqueConstraint("ice"), UniqueConstraint("slug"))

    id: int | None = Field(default=None, primary_key=True)
    ice: str = Field(max_length=15)
    slug: str = Field(max_length=120)
    legal_name: str = Field(max_length=200)
    trade_name: str = Field(max_length=200)
    description_fr: str = ""
    description_en: str = ""
    description_ar: str = ""
    region_code: str = Field(foreign_key="region.code", index=True, max_length=5)
    city: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))

    region: Region = Relationship()
    sectors: list[Sector] = Relationship(back_populates="exporters", link_model=ExporterSector)


__all__ = ["Exporter", "ExporterSector", "Region", "RegistryModel", "Sector"]
