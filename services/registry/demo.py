"""Demo catalogue for `make run`: plausible, clearly fictional exporters."""

from __future__ import annotations

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registry.models import Exporter, Sector
from services.registry.reference import ensure_reference_data


def make_ice(serial: int) -> str:
    """A checksum-valid 15-digit ICE built from a serial number (fictional)."""
    body = f"{serial:013d}"
    # ICE validates when the whole 15-digit number is divisible by 97 (stdnum.ma.ice).
    return f"{body}{(-int(body) * 100) % 97:02d}"


# (slug, trade name, legal name, region, city, sectors, description fr, description en, description ar)
DEMO_EXPORTERS: list[tuple[str, str, str, str, str, list[str], str, str, str]] = [
    (
        "atlas-argan-cooperative",
        "Coopérative Atlas Argan",
        "Coopérative Atlas Argan",
        "MA-09",
        "Agadir",
        ["cosmetics", "agriculture"],
        "Coopérative féminine qui presse et certifie l'huile d'argan de la région d'Agadir.",
        "Women's cooperative pressing and certifying argan oil from the Agadir region.",
        "تعاونية نسائية لعصر زيت الأركان بجهة أكادير.",
    ),
    (
        "fes-zellige-atelier",
        "Atelier Zellige de Fès",
        "Atelier Zellige de Fès SARL",
        "MA-03",
        "Fès",
        ["crafts", "building-materials"],
        "Zellige taillé à la main pour l'architecture d'intérieur, exporté en Europe et au Golfe.",
        "Hand-cut zellige tiles for interior architecture, exported to Europe and the Gulf.",
        "زليج مصنوع يدويا للهندسة الداخلية.",
    ),
    (
        "casa-textile-studio",
        "Casa Textile Studio",
        "Casa Textile Studio SA",
        "MA-06",
        "Casablanca",
        ["textile"],
        "Confection de prêt-à-porter en séries courtes pour les marques européennes.",
        "Short-run ready-to-wear manufacturing for European brands.",
        "صناعة الألبسة الجاهزة بسلاسل قصيرة.",
    ),
    (
        "tanger-auto-cables",
        "Tanger Auto Câblage",
        "Tanger Auto Câblage SARL",
        "MA-01",
        "Tanger",
        ["automotive"],
        "Faisceaux électriques pour constructeurs automobiles, zone franche de Tanger.",
        "Wiring harnesses for car makers in the Tangier free zone.",
        "حزم الأسلاك الكهربائية لمصنعي السيارات.",
    ),
    (
        "souss-primeurs",
        "Souss Primeurs",
        "Souss Primeurs SA",
        "MA-09",
        "Taroudant",
        ["agriculture", "agrifood"],
        "Tomates, agrumes et fruits rouges du Souss, conditionnés pour l'export.",
        "Tomatoes, citrus and berries from the Souss, packed for export.",
        "طماطم وحوامض وفواكه حمراء من سوس.",
    ),
    (
        "dakhla-oyster-farm",
        "Dakhla Oyster Farm",
        "Dakhla Oyster Farm SARL",
        "MA-12",
        "Dakhla",
        ["fisheries"],
        "Huîtres de la baie de Dakhla, élevées et expédiées fraîches.",
        "Oysters from Dakhla bay, farmed and shipped fresh.",
        "محار خليج الداخلة.",
    ),
    (
        "rabat-code-factory",
        "Rabat Code Factory",
        "Rabat Code Factory SARL",
        "MA-04",
        "Rabat",
        ["digital"],
        "Développement logiciel et centres de services numériques en nearshore.",
        "Software development and nearshore digital service centres.",
        "تطوير البرمجيات ومراكز الخدمات الرقمية.",
    ),
    (
        "marrakech-cuirs",
        "Maroquinerie Marrakech",
        "Maroquinerie Marrakech SARL",
        "MA-07",
        "Marrakech",
        ["leather", "crafts"],
        "Sacs et babouches en cuir tanné végétal, finis à la main.",
        "Vegetable-tanned leather bags and babouches, hand-finished.",
        "حقائب وبلاغي من الجلد المدبوغ نباتيا.",
    ),
]


async def load_demo(*, session: AsyncSession) -> bool:
    """Load the demo catalogue into an empty registry; returns False if data was already there."""
    await ensure_reference_data(session=session)
    if (await session.exec(select(func.count()).select_from(Exporter))).one() > 0:
        return False
    sectors = {s.slug: s for s in (await session.exec(select(Sector))).all()}
    for serial, (slug, trade, legal, region, city, sector_slugs, fr, en, ar) in enumerate(DEMO_EXPORTERS, 1):
        session.add(
            Exporter(
                ice=make_ice(1_000_000 + serial),
                slug=slug,
                trade_name=trade,
                legal_name=legal,
                region_code=region,
                city=city,
                description_fr=fr,
                description_en=en,
                description_ar=ar,
                sectors=[sectors[s] for s in sector_slugs],
            )
        )
    await session.flush()
    return True
