"""Demo catalogue for `make run`: plausible, clearly fictional exporters, products and labels.

Loaded through the same service functions as the API (validation, search index, history).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal, Role
from services.registry import catalogue, labels
from services.registry.demo_data import DEMO_EXPORTERS
from services.registry.models import ApplicationStatus, Exporter, Label, LabelStatus
from services.registry.reference import ensure_reference_data, load_reference
from services.registry.schemas import CertificationIn, ExporterCreate, ProductWrite

DEMO_PRINCIPAL = Principal(sub="demo-loader", role=Role.organiser, exp=2**31 - 1)

# (exporter slug, product index, final label status, demo certificate number)
DEMO_LABELS = [
    ("atlas-argan-cooperative", 0, LabelStatus.active, "MIM-2025-DEMO-0001"),
    ("fes-zellige-atelier", 0, LabelStatus.active, "MIM-2025-DEMO-0002"),
    ("souss-primeurs", 1, LabelStatus.active, "MIM-2025-DEMO-0003"),
    ("oujda-huilerie-oriental", 0, LabelStatus.active, "MIM-2025-DEMO-0004"),
    ("el-jadida-conserverie", 0, LabelStatus.active, "MIM-2025-DEMO-0005"),
    ("errachidia-dattes", 0, LabelStatus.active, "MIM-2025-DEMO-0006"),
    ("tiznit-argent", 0, LabelStatus.active, "MIM-2025-DEMO-0007"),
    ("marrakech-cuirs", 0, LabelStatus.suspended, "MIM-2025-DEMO-0008"),
    ("safi-ceramiques", 0, LabelStatus.expired, "MIM-2021-DEMO-0009"),
    ("settat-semoulerie", 0, LabelStatus.withdrawn, "MIM-2024-DEMO-0010"),
]
CERTIFICATIONS = {
    "souss-primeurs": [("GLOBALG.A.P.", "FoodPLUS", 2027), ("ISO 22000", "Bureau Veritas", 2026)],
    "tanger-auto-cables": [("IATF 16949", "TÜV", 2027), ("ISO 14001", "TÜV", 2026)],
    "kenitra-aero-composites": [("EN 9100", "AFNOR", 2027)],
    "sale-pharma-generiques": [("BPF / GMP", "DMP", 2026), ("ISO 9001", "SGS", 2027)],
    "el-jadida-conserverie": [("IFS Food", "Ecocert", 2026)],
    "casa-digital-offshore": [("ISO 27001", "Bureau Veritas", 2027)],
    "atlas-argan-cooperative": [("Ecocert bio", "Ecocert", 2026)],
    "safi-ceramiques": [("ISO 9001", "IMANOR", 2023)],
}


def make_ice(serial: int) -> str:
    """A checksum-valid 15-digit ICE built from a serial number (fictional)."""
    body = f"{serial:013d}"
    # ICE validates when the whole 15-digit number is divisible by 97 (stdnum.ma.ice).
    return f"{body}{(-int(body) * 100) % 97:02d}"


def _phone(serial: int) -> str:
    return f"+2125{22 + (serial % 4) * 2}{serial:06d}"


async def load_demo(*, session: AsyncSession) -> bool:
    """Load the demo catalogue into an empty registry; returns False if data was already there."""
    await ensure_reference_data(session=session)
    if (await session.exec(select(func.count()).select_from(Exporter))).one() > 0:
        return False
    ref = await load_reference(session=session)
    products_by_slug: dict[str, list[int]] = {}
    for serial, row in enumerate(DEMO_EXPORTERS, 1):
        slug, trade, form, region, city, sectors, size, founded, markets, members, fr, en, ar, products = row
        certifications = [
            CertificationIn(name=name, issuer=issuer, valid_until=date(year, 12, 31))
            for name, issuer, year in CERTIFICATIONS.get(slug, [])
        ]
        exporter = await catalogue.create_exporter(
            session=session,
            ref=ref,
            principal=None,
            data=ExporterCreate(
                ice=make_ice(1_000_000 + serial),
                slug=slug,
                trade_name=trade,
                legal_name=trade if form == "Coopérative" else f"{trade} {form}",
                region=region,
                city=city,
                sectors=sectors,
                size_band=size,
                founding_year=founded,
                export_markets=markets,
                memberships=members,
                certifications=certifications,
                description_fr=fr,
                description_en=en,
                description_ar=ar,
                website=f"https://{slug}.example.ma",
                email=f"contact@{slug}.example.ma",
                phone=_phone(serial),
                verified=serial % 3 != 0,
            ),
        )
        ids = []
        for name_fr, name_en, name_ar, hs, value_added, capacity in products:
            product = await catalogue.create_product(
                session=session,
                ref=ref,
                exporter=exporter,
                principal=DEMO_PRINCIPAL,
                data=ProductWrite(
                    name_fr=name_fr,
                    name_en=name_en,
                    name_ar=name_ar,
                    description_fr=f"{name_fr} — {fr}",
                    description_en=f"{name_en} — {en}",
                    hs_code=hs,
                    value_added_pct=value_added,
                    capacity=capacity,
                ),
            )
            ids.append(product.id or 0)
        products_by_slug[slug] = ids
    await _load_labels(session, products_by_slug)
    return True


async def _load_labels(session: AsyncSession, products_by_slug: dict[str, list[int]]) -> None:
    today = catalogue.today_in_morocco()
    for slug, index, final, number in DEMO_LABELS:
        application = await labels.submit(
            session=session,
            principal=DEMO_PRINCIPAL,
            product_id=products_by_slug[slug][index],
            note="Dossier déposé avec l'analyse de la valeur ajoutée.",
        )
        await labels.move_application(
            session=session,
            application=application,
            target=ApplicationStatus.under_review,
            principal=DEMO_PRINCIPAL,
            reason="Dossier complet, audit programmé.",
        )
        start = today - timedelta(days=120)
        end = None
        if final == LabelStatus.expired:
            start, end = today - timedelta(days=4 * 365), today - timedelta(days=30)
        await labels.move_application(
            session=session,
            application=application,
            target=ApplicationStatus.granted,
            principal=DEMO_PRINCIPAL,
            reason="Audit concluant.",
            valid_from=start,
            valid_until=end,
        )
        label = (await session.exec(select(Label).where(Label.application_id == application.id))).one()
        # Stable, recognisable demo numbers: MIM-<year granted>-DEMO-<n>.
        label.certificate_number = f"MIM-{start.year}-{number.split('-', 2)[2]}"
        if final == LabelStatus.suspended:
            await labels.move_label(
                session=session,
                label=label,
                target=LabelStatus.suspended,
                principal=DEMO_PRINCIPAL,
                reason="Non-conformité constatée lors de l'audit de suivi.",
            )
        elif final == LabelStatus.withdrawn:
            await labels.move_label(
                session=session,
                label=label,
                target=LabelStatus.withdrawn,
                principal=DEMO_PRINCIPAL,
                reason="Production délocalisée : la valeur ajoutée au Maroc est passée sous 40 %.",
            )
    await session.flush()
