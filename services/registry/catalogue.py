"""Catalogue rules: exporters and products (reads, writes, search, stats).

Plain keyword-only functions that take a session and return models or public shapes;
they flush, the request's session dependency commits.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from types import ModuleType
from typing import Any

from sqlalchemy import Select, Text, bindparam, func
from sqlalchemy import cast as sa_cast
from sqlalchemy import select as core_select
from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal
from services.common.errors import Conflict, Forbidden, NotFound, UnprocessableContent
from services.common.models import utcnow
from services.common.pagination import PageParams
from services.registry import changes as change_log
from services.registry import media, search
from services.registry.models import (
    Certification,
    Exporter,
    ExporterMarket,
    ExporterMembership,
    Label,
    Product,
    Sector,
)
from services.registry.reference import Reference
from services.registry.schemas import (
    CertificationPublic,
    ExporterCreate,
    ExporterPage,
    ExporterPublic,
    ExporterRef,
    ExporterSummary,
    ExporterUpdate,
    ImagePublic,
    LabelBrief,
    LocalizedText,
    ProductPage,
    ProductPublic,
    ProductUpdate,
    ProductWrite,
)
from services.registry.search import run_sql
from services.registry.search_cache import today_in_morocco
from services.registry.text import slugify

TARGET_EXPORTERS = 12_000
RESERVED_SLUGS = {"by-id", "import", "export", "search", "new"}


def effective_status(status: str, valid_until: date | None, today: date) -> str:
    if status == "active" and valid_until is not None and valid_until < today:
        return "expired"
    return status


# --------------------------------------------------------------------------- presenters


def _joined(dialect: str, values: ColumnElement[Any]) -> ColumnElement[str | None]:
    """The values of a subquery's rows, comma-separated."""
    if dialect == "sqlite":
        return func.group_concat(values, ",")
    return func.string_agg(sa_cast(values, Text), ",")


async def exporter_summaries(
    *, session: AsyncSession, ref: Reference, ids: Sequence[int], today: date
) -> list[ExporterSummary]:
    """Summaries of the given exporters, in the order of ``ids`` (one query)."""
    if not ids:
        return []
    rows = await run_sql(session, _summaries_statement(search.dialect_of(session)), {"ids": list(ids)})
    logos = await media.logos_of(session=session, exporter_ids=ids)
    by_id: dict[int, ExporterSummary] = {}
    for r in rows:
        sector_ids = sorted(int(s) for s in r.sector_ids.split(",")) if r.sector_ids else []
        by_id[r.id] = ExporterSummary(
            id=r.id,
            slug=r.slug,
            ice=r.ice,
            trade_name=r.trade_name,
            legal_name=r.legal_name,
            region=ref.public_regions[r.region_code],
            city=r.city,
            size_band=r.size_band,
            verified=bool(r.verified),
            label_status=effective_status(r.label_status, r.label_valid_until, today),
            description=LocalizedText(fr=r.description_fr, en=r.description_en, ar=r.description_ar),
            sectors=[ref.public_sectors[s] for s in sector_ids if s in ref.public_sectors],
            export_markets=sorted(r.markets.split(",")) if r.markets else [],
            product_count=int(r.product_count),
            logo=logos.get(r.id),
        )
    return [by_id[i] for i in ids if i in by_id]


_SUMMARY_COLUMNS = (
    "id",
    "slug",
    "ice",
    "trade_name",
    "legal_name",
    "region_code",
    "city",
    "size_band",
    "verified",
    "label_status",
    "label_valid_until",
    "description_fr",
    "description_en",
    "description_ar",
)


@functools.cache
def _summaries_statement(dialect: str) -> Select[Any]:
    """The exporters ``:ids`` with their sectors, markets and product count (made once: the
    statement is the same for every request)."""
    e, es, em, p = search.EXPORTER.alias("e"), search.EXPORTER_SECTOR, search.EXPORTER_MARKET, search.PRODUCT
    sectors = select(_joined(dialect, es.c.sector_id)).where(es.c.exporter_id == e.c.id)
    markets = select(_joined(dialect, em.c.country_code)).where(em.c.exporter_id == e.c.id)
    product_count = select(func.count()).select_from(p).where(p.c.exporter_id == e.c.id)
    return core_select(
        *(e.c[name] for name in _SUMMARY_COLUMNS),
        sectors.scalar_subquery().label("sector_ids"),
        markets.scalar_subquery().label("markets"),
        product_count.scalar_subquery().label("product_count"),
    ).where(e.c.id.in_(bindparam("ids", expanding=True)))


def exporter_ref(exporter: Exporter) -> ExporterRef:
    return ExporterRef(
        id=exporter.id or 0,
        slug=exporter.slug,
        trade_name=exporter.trade_name,
        region=exporter.region_code,
        city=exporter.city,
    )


def product_public(
    product: Product, exporter: Exporter, today: date, photos: list[ImagePublic] | None = None
) -> ProductPublic:
    return ProductPublic(
        id=product.id or 0,
        exporter=exporter_ref(exporter),
        name=LocalizedText(fr=product.name_fr, en=product.name_en, ar=product.name_ar),
        description=LocalizedText(
            fr=product.description_fr, en=product.description_en, ar=product.description_ar
        ),
        hs_code=product.hs_code,
        hs_chapter=product.hs_chapter,
        value_added_pct=product.value_added_pct,
        capacity=product.capacity,
        image_url=product.image_url,
        photos=photos or [],
        label_status=effective_status(product.label_status, product.label_valid_until, today),
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


def may_see_contact(principal: Principal | None, exporter: Exporter) -> bool:
    """The exporter's e-mail and phone: public when it publishes them, else its own and staff's."""
    if exporter.show_contact:
        return True
    return principal is not None and (principal.is_staff or principal.owns_exporter(exporter.id or 0))


async def product_detail(
    *, session: AsyncSession, product: Product, exporter: Exporter, today: date
) -> ProductPublic:
    """One product as read alone: with its photos."""
    photos = await media.photos_of(session=session, product_ids=[product.id or 0])
    return product_public(product, exporter, today, photos[product.id or 0])


async def exporter_public(
    *,
    session: AsyncSession,
    ref: Reference,
    exporter: Exporter,
    today: date,
    principal: Principal | None = None,
) -> ExporterPublic:
    (summary,) = await exporter_summaries(session=session, ref=ref, ids=[exporter.id or 0], today=today)
    labels = (
        await session.exec(select(Label).where(Label.exporter_id == exporter.id).order_by(col(Label.id)))
    ).all()
    return ExporterPublic(
        **summary.model_dump(),
        founding_year=exporter.founding_year,
        employee_band=exporter.employee_band,
        website=exporter.website,
        email=exporter.email if may_see_contact(principal, exporter) else None,
        phone=exporter.phone if may_see_contact(principal, exporter) else None,
        show_contact=exporter.show_contact,
        memberships=sorted(m.organisation for m in exporter.memberships),
        certifications=[
            CertificationPublic(
                name=c.name,
                issuer=c.issuer,
                valid_until=c.valid_until,
                valid=c.valid_until is None or c.valid_until >= today,
            )
            for c in exporter.certifications
        ],
        labels=[
            LabelBrief(
                certificate_number=lb.certificate_number,
                status=effective_status(lb.status, lb.valid_until, today),
                valid_until=lb.valid_until,
                product_id=lb.product_id,
            )
            for lb in labels
        ],
        created_at=exporter.created_at,
        updated_at=exporter.updated_at,
    )


# --------------------------------------------------------------------------- reads


EVERY_RELATION = ("region", "sectors", "markets", "memberships", "certifications", "products")
# What exporter_public reads from the ORM object (sectors, markets, region, product count and
# logo come from exporter_summaries' one query): a profile loads these only.
PROFILE_RELATIONS = ("memberships", "certifications")


def _exporter_options(related: tuple[str, ...]) -> tuple[_AbstractLoad, ...]:
    return tuple(selectinload(getattr(Exporter, name)) for name in related)


async def get_exporter(
    *,
    session: AsyncSession,
    slug: str | None = None,
    exporter_id: int | None = None,
    related: tuple[str, ...] = EVERY_RELATION,
) -> Exporter:
    """The exporter with ``related`` relations loaded (any other is not loaded: never read it)."""
    statement = select(Exporter).options(*_exporter_options(related))
    if slug is not None:
        statement = statement.where(Exporter.slug == slug)
        missing = f"No exporter with slug '{slug}'."
    else:
        statement = statement.where(Exporter.id == exporter_id)
        missing = f"No exporter with id {exporter_id}."
    exporter = (await session.exec(statement)).first()
    if exporter is None:
        raise NotFound(missing)
    return exporter


def _facets_public(ref: Reference, facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    sectors = {}
    for key, count in facets.get("sector", {}).items():
        sector = ref.sectors_by_id.get(int(key))
        if sector:
            sectors[sector.slug] = count
    return {**facets, "sector": sectors}


async def search_page(
    *,
    session: AsyncSession,
    ref: Reference,
    kind: str,
    hits: search.Hits,
    page: PageParams,
    today: date,
    q: str | None = None,
) -> ExporterPage | ProductPage:
    """The public page of a search's hits: exporters' summaries or products, with facets."""
    present = exporter_page if kind == "exporter" else product_page
    result = await present(session=session, ref=ref, hits=hits, page=page, today=today)
    result.query = q
    if hits.corrected_words is not None:
        result.corrected_query = " ".join(hits.corrected_words)
    return result


async def exporter_page(
    *, session: AsyncSession, ref: Reference, hits: search.Hits, page: PageParams, today: date
) -> ExporterPage:
    return ExporterPage(
        items=await exporter_summaries(session=session, ref=ref, ids=hits.ids, today=today),
        total=hits.total,
        page=page.page,
        per_page=page.per_page,
        facets=_facets_public(ref, hits.facets),
        typo_corrected=hits.typo_corrected,
    )


async def product_page(
    *, session: AsyncSession, ref: Reference, hits: search.Hits, page: PageParams, today: date
) -> ProductPage:
    return ProductPage(
        items=await products_by_ids(session=session, ids=hits.ids, today=today),
        total=hits.total,
        page=page.page,
        per_page=page.per_page,
        facets=_facets_public(ref, hits.facets),
        typo_corrected=hits.typo_corrected,
    )


async def products_by_ids(*, session: AsyncSession, ids: Sequence[int], today: date) -> list[ProductPublic]:
    if not ids:
        return []
    rows = (
        await session.exec(
            select(Product, Exporter)
            .join(Exporter, col(Exporter.id) == col(Product.exporter_id))
            .where(col(Product.id).in_(ids))
        )
    ).all()
    photos = await media.photos_of(session=session, product_ids=ids)
    by_id = {p.id: product_public(p, e, today, photos.get(p.id or 0)) for p, e in rows}
    return [by_id[i] for i in ids if i in by_id]


# --------------------------------------------------------------------------- writes


def ensure_can_edit(principal: Principal, exporter_id: int) -> None:
    if principal.is_staff or principal.owns_exporter(exporter_id):
        return
    raise Forbidden("You may only change your own company's profile and products.")


def _reindex(ref: Reference, exporter: Exporter) -> None:
    search.index_exporter(
        exporter,
        region_names=ref.region_names(exporter.region_code),
        sector_names=ref.sector_names([s.id or 0 for s in exporter.sectors]),
    )
    for product in exporter.products:
        search.index_product(product, exporter)


async def _check_unique(
    session: AsyncSession, *, ice: str | None, slug: str | None, exclude_id: int | None
) -> None:
    for field, value in (("ice", ice), ("slug", slug)):
        if value is None:
            continue
        statement = select(Exporter.id).where(getattr(Exporter, field) == value)
        if exclude_id is not None:
            statement = statement.where(Exporter.id != exclude_id)
        if (await session.exec(statement)).first() is not None:
            raise Conflict.for_field(
                field,
                f"An exporter with this {'ICE' if field == 'ice' else field} already exists: {value}.",
                code="duplicate",
            )


def _unique_field_of(exc: IntegrityError) -> str | None:
    message = str(exc.orig)
    constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None) or ""
    for field in ("ice", "slug"):
        if f"exporter.{field}" in message or constraint == f"uq_exporter_{field}":
            return field
    return None


async def _flush(session: AsyncSession) -> None:
    """Flush; a uniqueness race lost to another writer becomes the same 409 as the pre-check."""
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        field = _unique_field_of(exc)
        if field is None:
            raise
        raise Conflict.for_field(
            field, f"An exporter with this {field} already exists.", code="duplicate"
        ) from exc


async def _apply_collections(
    session: AsyncSession,
    exporter: Exporter,
    ref: Reference,
    *,
    sectors: list[str] | None,
    markets: list[str] | None,
    memberships: list[str] | None,
    certifications: list[Any] | None,
) -> None:
    if sectors is not None:
        unknown = [s for s in sectors if s not in ref.sectors_by_slug]
        if unknown:
            raise UnprocessableContent.for_field(
                "sectors", f"unknown sector(s): {', '.join(unknown)}", code="unknown-sector"
            )
        rows = (await session.exec(select(Sector).where(col(Sector.slug).in_(sectors)))).all()
        exporter.sectors = sorted(rows, key=lambda s: sectors.index(s.slug))
    # exporter_id: a new exporter has no id yet; the relationship sets it at flush.
    if markets is not None:
        keep = [m for m in exporter.markets if m.country_code in markets]
        have = {m.country_code for m in keep}
        exporter.markets = keep + [
            ExporterMarket(exporter_id=exporter.id or 0, country_code=c) for c in markets if c not in have
        ]
    if memberships is not None:
        keep_m = [m for m in exporter.memberships if m.organisation in memberships]
        have = {m.organisation for m in keep_m}
        exporter.memberships = keep_m + [
            ExporterMembership(exporter_id=exporter.id or 0, organisation=o)
            for o in memberships
            if o not in have
        ]
    if certifications is not None:
        exporter.certifications = [
            Certification(
                exporter_id=exporter.id or 0, name=c.name, issuer=c.issuer, valid_until=c.valid_until
            )
            for c in certifications
        ]


SCALAR_FIELDS = (
    "ice",
    "legal_name",
    "trade_name",
    "slug",
    "description_fr",
    "description_en",
    "description_ar",
    "city",
    "size_band",
    "founding_year",
    "employee_band",
    "email",
    "phone",
    "verified",
)


async def create_exporter(
    *, session: AsyncSession, ref: Reference, data: ExporterCreate, principal: Principal | None
) -> Exporter:
    if principal is not None and not principal.is_staff:
        raise Forbidden("Only organisers create exporter records.")
    if data.region not in ref.regions:
        raise UnprocessableContent.for_field(
            "region", f"unknown region '{data.region}'", code="unknown-region"
        )
    slug = data.slug or slugify(data.trade_name)
    if not slug:
        raise UnprocessableContent.for_field(
            "slug", "cannot derive a slug from this trade name; send one", code="invalid-slug"
        )
    if slug in RESERVED_SLUGS:
        raise UnprocessableContent.for_field("slug", f"'{slug}' is reserved", code="reserved")
    await _check_unique(session, ice=data.ice, slug=slug, exclude_id=None)
    exporter = Exporter(
        ice=data.ice,
        slug=slug,
        legal_name=data.legal_name,
        trade_name=data.trade_name,
        description_fr=data.description_fr,
        description_en=data.description_en,
        description_ar=data.description_ar,
        region_code=data.region,
        city=data.city,
        size_band=str(data.size_band),
        founding_year=data.founding_year,
        employee_band=str(data.employee_band) if data.employee_band else None,
        website=str(data.website) if data.website else None,
        email=str(data.email) if data.email else None,
        phone=data.phone,
        verified=data.verified,
    )
    exporter.sectors = []
    exporter.markets = []
    exporter.memberships = []
    exporter.certifications = []
    exporter.products = []
    await _apply_collections(
        session,
        exporter,
        ref,
        sectors=data.sectors,
        markets=data.export_markets,
        memberships=data.memberships,
        certifications=data.certifications,
    )
    _reindex(ref, exporter)
    session.add(exporter)
    await _flush(session)
    await change_log.exporter_changed(session, "exporter.created", exporter)
    return exporter


async def update_exporter(
    *, session: AsyncSession, ref: Reference, exporter: Exporter, data: ExporterUpdate, principal: Principal
) -> Exporter:
    ensure_can_edit(principal, exporter.id or 0)
    changes = data.model_dump(exclude_unset=True)
    if "verified" in changes and not principal.is_staff:
        raise Forbidden.for_field(
            "verified", "Only organisers verify exporters.", code="forbidden-field", status=403
        )
    for field in ("ice", "legal_name", "trade_name", "slug", "city", "size_band", "verified", "show_contact"):
        if field in changes and changes[field] is None:
            raise UnprocessableContent.for_field(field, "may not be null", code="not-null")
    if changes.get("slug") in RESERVED_SLUGS:
        raise UnprocessableContent.for_field("slug", f"'{changes['slug']}' is reserved", code="reserved")
    if "region" in changes:
        if changes["region"] not in ref.regions:
            raise UnprocessableContent.for_field(
                "region", f"unknown region '{changes['region']}'", code="unknown-region"
            )
        exporter.region_code = changes["region"]
    await _check_unique(session, ice=changes.get("ice"), slug=changes.get("slug"), exclude_id=exporter.id)
    for field in SCALAR_FIELDS:
        if field in changes:
            value = changes[field]
            setattr(exporter, field, str(value) if hasattr(value, "value") else value)
    if "website" in changes:
        exporter.website = str(data.website) if data.website else None
    if "email" in changes:
        exporter.email = str(data.email) if data.email else None
    if "show_contact" in changes:
        exporter.show_contact = bool(changes["show_contact"])
    await _apply_collections(
        session,
        exporter,
        ref,
        sectors=changes.get("sectors"),
        markets=changes.get("export_markets"),
        memberships=changes.get("memberships"),
        certifications=data.certifications if "certifications" in changes else None,
    )
    exporter.updated_at = utcnow()
    _reindex(ref, exporter)
    await _flush(session)
    await _labels().review_changed_facts(session=session, principal=principal, exporter_id=exporter.id or 0)
    await change_log.exporter_changed(session, "exporter.updated", exporter)
    return exporter


async def delete_exporter(*, session: AsyncSession, exporter: Exporter, principal: Principal) -> None:
    if not principal.is_staff:
        raise Forbidden("Only organisers delete exporter records.")
    await _labels().ensure_no_label(session=session, exporter_id=exporter.id or 0)
    await change_log.exporter_changed(session, "exporter.deleted", exporter)
    await session.delete(exporter)
    await session.flush()


def _labels() -> ModuleType:
    """The label rules module (it imports this one, so it is imported when first needed)."""
    from services.registry import labels

    return labels


def _hs_chapter(hs_code: str) -> str:
    return hs_code[:2]


async def create_product(
    *, session: AsyncSession, ref: Reference, exporter: Exporter, data: ProductWrite, principal: Principal
) -> Product:
    ensure_can_edit(principal, exporter.id or 0)
    product = Product(
        exporter_id=exporter.id or 0,
        name_fr=data.name_fr,
        name_en=data.name_en,
        name_ar=data.name_ar,
        description_fr=data.description_fr,
        description_en=data.description_en,
        description_ar=data.description_ar,
        hs_code=data.hs_code,
        hs_chapter=_hs_chapter(data.hs_code),
        value_added_pct=data.value_added_pct,
        capacity=data.capacity,
        image_url=str(data.image_url) if data.image_url else None,
    )
    exporter.products.append(product)
    exporter.updated_at = utcnow()
    _reindex(ref, exporter)
    await session.flush()
    return product


async def get_product(*, session: AsyncSession, product_id: int) -> tuple[Product, Exporter]:
    product = await session.get(Product, product_id)
    if product is None:
        raise NotFound(f"No product with id {product_id}.")
    exporter = await get_exporter(session=session, exporter_id=product.exporter_id)
    return product, exporter


async def update_product(
    *,
    session: AsyncSession,
    ref: Reference,
    product: Product,
    exporter: Exporter,
    data: ProductUpdate,
    principal: Principal,
) -> Product:
    ensure_can_edit(principal, exporter.id or 0)
    changes = data.model_dump(exclude_unset=True)
    for field in ("name_fr", "hs_code", "value_added_pct"):
        if field in changes and changes[field] is None:
            raise UnprocessableContent.for_field(field, "may not be null", code="not-null")
    for field, value in changes.items():
        if field == "image_url":
            value = str(data.image_url) if data.image_url else None
        setattr(product, field, value)
    if "hs_code" in changes:
        product.hs_chapter = _hs_chapter(product.hs_code)
    product.updated_at = utcnow()
    _reindex(ref, exporter)
    await session.flush()
    await _labels().review_changed_facts(session=session, principal=principal, exporter_id=exporter.id or 0)
    return product


async def delete_product(
    *, session: AsyncSession, ref: Reference, product: Product, exporter: Exporter, principal: Principal
) -> None:
    ensure_can_edit(principal, exporter.id or 0)
    await _labels().ensure_no_label(session=session, exporter_id=exporter.id or 0, product_id=product.id)
    exporter.products.remove(product)
    await session.delete(product)
    _reindex(ref, exporter)
    await session.flush()


# --------------------------------------------------------------------------- stats


async def stats(*, session: AsyncSession, ref: Reference) -> dict[str, Any]:
    today = today_in_morocco()
    today_param = today.isoformat() if search.dialect_of(session) == "sqlite" else today
    total = (await session.exec(select(func.count()).select_from(Exporter))).one()
    products = (await session.exec(select(func.count()).select_from(Product))).one()
    by_region = {code: 0 for code in sorted(ref.regions)}
    for code, count in await run_sql(
        session, sql("SELECT region_code, count(*) FROM exporter GROUP BY region_code")
    ):
        by_region[code] = int(count)
    by_sector = {s.slug: 0 for s in ref.sectors_by_slug.values()}
    for sector_id, count in await run_sql(
        session, sql("SELECT sector_id, count(*) FROM exporter_sector GROUP BY sector_id")
    ):
        sector = ref.sectors_by_id.get(sector_id)
        if sector:
            by_sector[sector.slug] = int(count)
    labelled = (
        await run_sql(
            session,
            sql("SELECT count(*) FROM exporter WHERE label_status = 'active' AND label_valid_until >= :t"),
            {"t": today_param},
        )
    ).scalar_one()
    active_labels = (
        await run_sql(
            session,
            sql("SELECT count(*) FROM label WHERE status = 'active' AND valid_until >= :t"),
            {"t": today_param},
        )
    ).scalar_one()
    return {
        "exporters": int(total),
        "products": int(products),
        "labelled_exporters": int(labelled),
        "active_labels": int(active_labels),
        "by_region": by_region,
        "by_sector": by_sector,
        "target_exporters": TARGET_EXPORTERS,
        "progress_pct": round(100 * int(total) / TARGET_EXPORTERS, 2),
    }
