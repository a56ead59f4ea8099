"""Reference data every registry database holds: the 12 regions and the sector list."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.vocabulary import LocalizedText
from services.registry.models import Region, Sector
from services.registry.schemas import RegionPublic, SectorPublic

# ISO 3166-2:MA codes since the 2015 reform: (code, fr, en, ar, capital)
REGIONS: list[tuple[str, str, str, str, str]] = [
    (
        "MA-01",
        "Tanger-Tétouan-Al Hoceïma",
        "Tangier-Tetouan-Al Hoceima",
        "طنجة تطوان الحسيمة",
        "Tanger",
    ),
    ("MA-02", "L'Oriental", "Oriental", "الشرق", "Oujda"),
    ("MA-03", "Fès-Meknès", "Fez-Meknes", "فاس مكناس", "Fès"),
    ("MA-04", "Rabat-Salé-Kénitra", "Rabat-Sale-Kenitra", "الرباط سلا القنيطرة", "Rabat"),
    ("MA-05", "Béni Mellal-Khénifra", "Beni Mellal-Khenifra", "بني ملال خنيفرة", "Béni Mellal"),
    ("MA-06", "Casablanca-Settat", "Casablanca-Settat", "الدار البيضاء سطات", "Casablanca"),
    ("MA-07", "Marrakech-Safi", "Marrakesh-Safi", "مراكش آسفي", "Marrakech"),
    ("MA-08", "Drâa-Tafilalet", "Draa-Tafilalet", "درعة تافيلالت", "Errachidia"),
    ("MA-09", "Souss-Massa", "Souss-Massa", "سوس ماسة", "Agadir"),
    ("MA-10", "Guelmim-Oued Noun", "Guelmim-Oued Noun", "كلميم واد نون", "Guelmim"),
    (
        "MA-11",
        "Laâyoune-Sakia El Hamra",
        "Laayoune-Sakia El Hamra",
        "العيون الساقية الحمراء",
        "Laâyoune",
    ),
    ("MA-12", "Dakhla-Oued Ed-Dahab", "Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب", "Dakhla"),
]

# Sectors of the label's industries, each tied to its ISIC Rev.4 section: (slug, section, fr, en, ar)
SECTORS: list[tuple[str, str, str, str, str]] = [
    ("agrifood", "C", "Agroalimentaire", "Agrifood", "الصناعات الغذائية"),
    ("agriculture", "A", "Agriculture et arboriculture", "Agriculture", "الفلاحة"),
    ("fisheries", "A", "Pêche et produits de la mer", "Fisheries and seafood", "الصيد البحري"),
    ("textile", "C", "Textile et habillement", "Textile and clothing", "النسيج والألبسة"),
    ("leather", "C", "Cuir et chaussure", "Leather and footwear", "الجلد والأحذية"),
    ("automotive", "C", "Automobile", "Automotive", "صناعة السيارات"),
    ("aeronautics", "C", "Aéronautique", "Aeronautics", "صناعة الطيران"),
    ("pharma", "C", "Industrie pharmaceutique", "Pharmaceuticals", "الصناعة الدوائية"),
    ("chemicals", "C", "Chimie et parachimie", "Chemicals", "الكيمياء وشبه الكيمياء"),
    ("mining", "B", "Mines et phosphates", "Mining and phosphates", "المعادن والفوسفاط"),
    ("building-materials", "C", "Matériaux de construction", "Building materials", "مواد البناء"),
    ("renewable-energy", "D", "Énergies renouvelables", "Renewable energy", "الطاقات المتجددة"),
    ("digital", "J", "Numérique et offshoring", "Digital and offshoring", "الرقمنة والأوفشورينغ"),
    ("crafts", "C", "Artisanat", "Crafts", "الصناعة التقليدية"),
    ("cosmetics", "C", "Cosmétique et argan", "Cosmetics and argan", "مستحضرات التجميل والأركان"),
    (
        "media-communication",
        "M",
        "Médias et communication",
        "Media and communication",
        "الإعلام والتواصل",
    ),
    ("logistics", "H", "Transport et logistique", "Transport and logistics", "النقل واللوجستيك"),
]


async def ensure_reference_data(*, session: AsyncSession) -> None:
    """Insert any missing region or sector (idempotent)."""
    existing_regions = set((await session.exec(select(Region.code))).all())
    for code, fr, en, ar, capital in REGIONS:
        if code not in existing_regions:
            session.add(Region(code=code, name_fr=fr, name_en=en, name_ar=ar, capital=capital))
    existing_sectors = set((await session.exec(select(Sector.slug))).all())
    for slug, section, fr, en, ar in SECTORS:
        if slug not in existing_sectors:
            session.add(Sector(slug=slug, isic_section=section, name_fr=fr, name_en=en, name_ar=ar))
    await session.flush()


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


class Reference:
    """Regions and sectors by key, loaded once per app: reference data never changes at runtime."""

    def __init__(self, regions: list[Region], sectors: list[Sector]) -> None:
        self.regions = {r.code: r for r in regions}
        self.sectors_by_id = {s.id: s for s in sectors if s.id is not None}
        self.sectors_by_slug = {s.slug: s for s in sectors}
        # Their public shapes, built once and shared by every answer that embeds them
        # (a search page has one region and a few sectors per exporter).
        self.public_regions = {code: region_public(r) for code, r in self.regions.items()}
        self.public_sectors = {sector_id: sector_public(s) for sector_id, s in self.sectors_by_id.items()}

    def region_names(self, code: str) -> list[str]:
        region = self.regions.get(code)
        return [region.name_fr, region.name_en, region.name_ar] if region else []

    def sector_names(self, sector_ids: list[int]) -> list[str]:
        out: list[str] = []
        for sector_id in sector_ids:
            s = self.sectors_by_id.get(sector_id)
            if s:
                out += [s.name_fr, s.name_en, s.name_ar]
        return out


async def load_reference(*, session: AsyncSession) -> Reference:
    regions = list((await session.exec(select(Region))).all())
    sectors = list((await session.exec(select(Sector))).all())
    for row in (*regions, *sectors):
        session.expunge(row)
    return Reference(regions, sectors)
