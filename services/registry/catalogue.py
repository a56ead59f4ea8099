"""Catalogue rules: exporters and products (reads, writes, search, stats).

Plain keyword-only functions that take a session and return models or public shapes;
they flush, the request's session dependency commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal
from services.common.errors import Conflict, FieldError, Forbidden, NotFound, UnprocessableContent
from services.common.models import utcnow
from services.registry import search
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
    LabelBrief,
    LocalizedText,
    ProductPage,
    ProductPublic,
    ProductUpdate,
    ProductWrite,
)
from services.registry.search import run_sql
from services.registry.search_cache import SearchCache, request_key, today_in_morocco
from services.registry.text import slugify

TARGET_EXPORTERS = 12_000
RESERVED_SLUGS = {"by-id", "import", "export", "search", "new"}


def effective_status(status: str, valid_until: date | None, today: date) -> str:
    if status == "active" and valid_until is not None and valid_until < today:
        return "expired"
    return status


# --------------------------------------------------------------------------- presenters


def _agg(session: AsyncSession, expr: str) -> str:
    if search.dialect_of(session) == "sqlite":
        return f"group_concat({expr}, ',')"
    return f"string_agg(CAST({expr} AS TEXT), ',')"


async def exporter_summaries(
    *, session: AsyncSession, ref: Reference, ids: Sequence[int], today: date
) -> list[ExporterSummary]:
    """Summaries of the given exporters, in the order of ``ids`` (one query)."""
    if not ids:
        return []
    placeholders = ", ".join(f":i{n}" for n in range(len(ids)))
    rows = await run_sql(
        session,
        sql(
            "SELECT e.id, e.slug, e.ice, e.trade_name, e.legal_name, e.region_code, e.city, e.size_band, "  # noqa: S608 -- fixed fragments, bound values
            "e.verified, e.label_status, e.label_valid_until, e.description_fr, e.description_en, "
            "e.description_ar, "
            f"(SELECT {_agg(session, 'sector_id')} FROM exporter_sector WHERE exporter_id = e.id), "
            f"(SELECT {_agg(session, 'country_code')} FROM exporter_market WHERE exporter_id = e.id), "
            "(SELECT count(*) FROM product p WHERE p.exporter_id = e.id) "
            f"FROM exporter e WHERE e.id IN ({placeholders})"
        ),
        {f"i{n}": v for n, v in enumerate(ids)},
    )
    by_id: dict[int, ExporterSummary] = {}
    for r in rows:
        valid_until = r[10]
        if isinstance(valid_until, str):
            valid_until = date.fromisoformat(valid_until)
        sector_ids = sorted(int(s) for s in r[14].split(",")) if r[14] else []
        by_id[r[0]] = ExporterSummary(
            id=r[0],
            slug=r[1],
            ice=r[2],
            trade_name=r[3],
            legal_name=r[4],
            region=ref.public_regions[r[5]],
            city=r[6],
            size_band=r[7],
            verified=bool(r[8]),
            label_status=effective_status(r[9], valid_until, today),
            description=LocalizedText(fr=r[11], en=r[12], ar=r[13]),
            sectors=[ref.public_sectors[s] for s in sector_ids if s in ref.public_sectors],
            export_markets=sorted(r[15].split(",")) if r[15] else [],
            product_count=int(r[16]),
        )
    return [by_id[i] for i in ids if i in by_id]


def exporter_ref(exporter: Exporter) -> ExporterRef:
    return ExporterRef(
        id=exporter.id or 0,
        slug=exporter.slug,
        trade_name=exporter.trade_name,
        region=exporter.region_code,
        city=exporter.city,
    )


def product_public(product: Product, exporter: Exporter, today: date) -> ProductPublic:
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
        label_status=effective_status(product.label_status, product.label_valid_until, today),
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


async def exporter_public(
    *, session: AsyncSession, ref: Reference, exporter: Exporter, today: date
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
        email=exporter.email,
        phone=exporter.phone,
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
                status=effective_status(lb.status, lb.valid_until, today),  # type: ignore[arg-type]
                valid_until=lb.valid_until,
                product_id=lb.product_id,
            )
            for lb in labels
        ],
        created_at=exporter.created_at,
        updated_at=exporter.updated_at,
    )


# --------------------------------------------------------------------------- reads


def _exporter_options():  # type: ignore[no-untyped-def]
    return (
        selectinload(Exporter.region),  # type: ignore[arg-type]
        selectinload(Exporter.sectors),  # type: ignore[arg-type]
        selectinload(Exporter.markets),  # type: ignore[arg-type]
        selectinload(Exporter.memberships),  # type: ignore[arg-type]
        selectinload(Exporter.certifications),  # type: ignore[arg-type]
        selectinload(Exporter.products),  # type: ignore[arg-type]
    )


async def get_exporter(
    *, session: AsyncSession, slug: str | None = None, exporter_id: int | None = None
) -> Exporter:
    statement = select(Exporter).options(*_exporter_options())
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


def resolve_filters(
    ref: Reference,
    *,
    regions: list[str] | None = None,
    sectors: list[str] | None = None,
    markets: list[str] | None = None,
    sizes: list[str] | None = None,
    hs_chapters: list[str] | None = None,
    label_statuses: list[str] | None = None,
    labelled: bool | None = None,
    verified: bool | None = None,
    exporter_id: int | None = None,
) -> search.Filters:
    errors = []
    for code in regions or []:
        if code not in ref.regions:
            errors.append(FieldError(field="region", message=f"unknown region '{code}'"))
    sector_ids = []
    for slug in sectors or []:
        sector = ref.sectors_by_slug.get(slug)
        if sector is None:
            errors.append(FieldError(field="sector", message=f"unknown sector '{slug}'"))
        else:
            sector_ids.append(sector.id or 0)
    if errors:
        raise UnprocessableContent("Unknown filter values.", errors=errors)
    return search.Filters(
        regions=list(regions or []),
        sector_ids=sector_ids,
        markets=[m.upper() for m in markets or []],
        sizes=list(sizes or []),
        hs_chapters=list(hs_chapters or []),
        label_statuses=list(label_statuses or []),
        labelled=labelled,
        verified=verified,
        exporter_id=exporter_id,
    )


def _facets_public(ref: Reference, facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    sectors = {}
    for key, count in facets.get("sector", {}).items():
        sector = ref.sectors_by_id.get(int(key))
        if sector:
            sectors[sector.slug] = count
    return {**facets, "sector": sectors}


async def _ranked_hits(
    kind: str,
    *,
    session: AsyncSession,
    ref: Reference,
    q: str | None,
    filters: search.Filters,
    sort: str | None,
    limit: int,
    offset: int,
    cache: SearchCache | None,
    version: int | None,
) -> tuple[search.Hits, date]:
    """The matched ids and public facets of one search, and the day label expiry was judged on."""
    today = today_in_morocco()
    hits = await search.search(
        session=session,
        kind=kind,
        q=q,
        filters=filters,
        sort=sort,
        limit=limit,
        offset=offset,
        today=today,
        cache=cache,
        version=version,
    )
    hits.facets = _facets_public(ref, hits.facets)
    return hits, today


async def search_exporters(
    *,
    session: AsyncSession,
    ref: Reference,
    q: str | None,
    filters: search.Filters,
    sort: str | None,
    limit: int,
    offset: int,
    cache: SearchCache | None = None,
    version: int | None = None,
) -> tuple[list[ExporterSummary], search.Hits]:
    hits, today = await _ranked_hits(
        "exporter",
        session=session,
        ref=ref,
        q=q,
        filters=filters,
        sort=sort,
        limit=limit,
        offset=offset,
        cache=cache,
        version=version,
    )
    return await exporter_summaries(session=session, ref=ref, ids=hits.ids, today=today), hits


async def search_products(
    *,
    session: AsyncSession,
    ref: Reference,
    q: str | None,
    filters: search.Filters,
    sort: str | None,
    limit: int,
    offset: int,
    cache: SearchCache | None = None,
    version: int | None = None,
) -> tuple[list[ProductPublic], search.Hits]:
    hits, today = await _ranked_hits(
        "product",
        session=session,
        ref=ref,
        q=q,
        filters=filters,
        sort=sort,
        limit=limit,
        offset=offset,
        cache=cache,
        version=version,
    )
    return await products_by_ids(session=session, ids=hits.ids, today=today), hits


async def search_page_json(
    *,
    session: AsyncSession,
    ref: Reference,
    cache: SearchCache,
    request_path: str,
    query_string: bytes,
    kind: str,
    q: str | None,
    filters: search.Filters,
    sort: str | None,
    page: int,
    per_page: int,
) -> bytes:
    """A search page (``ExporterPage`` or ``ProductPage``) as JSON, cached for the catalogue version.

    The version is read before searching (see search_cache.py); the answer is stored under the
    request's exact path and query string and today's date, which is all it depends on.
    """
    today = today_in_morocco()
    version = await cache.version()
    key = request_key(request_path, query_string, today)
    body: bytes | None = cache.get(key, version)
    if body is not None:
        return body
    offset = (page - 1) * per_page
    result: ExporterPage | ProductPage
    if kind == "exporter":
        exporters, hits = await search_exporters(
            session=session,
            ref=ref,
            q=q,
            filters=filters,
            sort=sort,
            limit=per_page,
            offset=offset,
            cache=cache,
            version=version,
        )
        result = ExporterPage(
            items=exporters,
            total=hits.total,
            page=page,
            per_page=per_page,
            facets=hits.facets,
            typo_corrected=hits.typo_corrected,
        )
    else:
        products, hits = await search_products(
            session=session,
            ref=ref,
            q=q,
            filters=filters,
            sort=sort,
            limit=per_page,
            offset=offset,
            cache=cache,
            version=version,
        )
        result = ProductPage(
            items=products,
            total=hits.total,
            page=page,
            per_page=per_page,
            facets=hits.facets,
            typo_corrected=hits.typo_corrected,
        )
    body = result.__pydantic_serializer__.to_json(result)
    cache.put(key, version, body)
    return body


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
    by_id = {p.id: product_public(p, e, today) for p, e in rows}
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
        raise Conflict.for_field(field, f"An exporter with this {field} already exists.") from exc


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
            raise UnprocessableContent.for_field("sectors", f"unknown sector(s): {', '.join(unknown)}")
        rows = (await session.exec(select(Sector).where(col(Sector.slug).in_(sectors)))).all()
        exporter.sectors = sorted(rows, key=lambda s: sectors.index(s.slug))
    if markets is not None:
        keep = [m for m in exporter.markets if m.country_code in markets]
        have = {m.country_code for m in keep}
        exporter.markets = keep + [ExporterMarket(country_code=c) for c in markets if c not in have]
    if memberships is not None:
        keep_m = [m for m in exporter.memberships if m.organisation in memberships]
        have = {m.organisation for m in keep_m}
        exporter.memberships = keep_m + [
            ExporterMembership(organisation=o) for o in memberships if o not in have
        ]
    if certifications is not None:
        exporter.certifications = [
            Certification(name=c.name, issuer=c.issuer, valid_until=c.valid_until) for c in certifications
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
        raise UnprocessableContent.for_field("region", f"unknown region '{data.region}'")
    slug = data.slug or slugify(data.trade_name)
    if not slug:
        raise UnprocessableContent.for_field("slug", "cannot derive a slug from this trade name; send one")
    if slug in RESERVED_SLUGS:
        raise UnprocessableContent.for_field("slug", f"'{slug}' is reserved")
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
    return exporter


async def update_exporter(
    *, session: AsyncSession, ref: Reference, exporter: Exporter, data: ExporterUpdate, principal: Principal
) -> Exporter:
    ensure_can_edit(principal, exporter.id or 0)
    changes = data.model_dump(exclude_unset=True)
    if "verified" in changes and not principal.is_staff:
        raise Forbidden.for_field("verified", "Only organisers verify exporters.", status=403)
    for field in ("ice", "legal_name", "trade_name", "slug", "city", "size_band", "verified"):
        if field in changes and changes[field] is None:
            raise UnprocessableContent.for_field(field, "may not be null")
    if changes.get("slug") in RESERVED_SLUGS:
        raise UnprocessableContent.for_field("slug", f"'{changes['slug']}' is reserved")
    if "region" in changes:
        if changes["region"] not in ref.regions:
            raise UnprocessableContent.for_field("region", f"unknown region '{changes['region']}'")
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
    return exporter


async def delete_exporter(*, session: AsyncSession, exporter: Exporter, principal: Principal) -> None:
    if not principal.is_staff:
        raise Forbidden("Only organisers delete exporter records.")
    await session.delete(exporter)
    await session.flush()


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
            raise UnprocessableContent.for_field(field, "may not be null")
    for field, value in changes.items():
        if field == "image_url":
            value = str(data.image_url) if data.image_url else None
        setattr(product, field, value)
    if "hs_code" in changes:
        product.hs_chapter = _hs_chapter(product.hs_code)
    product.updated_at = utcnow()
    _reindex(ref, exporter)
    await session.flush()
    return product


async def delete_product(
    *, session: AsyncSession, ref: Reference, product: Product, exporter: Exporter, principal: Principal
) -> None:
    ensure_can_edit(principal, exporter.id or 0)
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
