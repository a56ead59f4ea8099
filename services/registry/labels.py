"""The "Made in Morocco" label lifecycle.

Application: submitted -> under_review -> granted | rejected.
Label: active <-> suspended, active | suspended -> withdrawn; "expired" is not stored:
an active label past ``valid_until`` reads expired and accepts no transition.
Every transition is written to ``label_event`` (who, when, why). A transition not in
these tables answers 409; granting needs at least 40 % of value added in Morocco.
"""

from __future__ import annotations

import io
import secrets
from datetime import date, timedelta

import segno
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal
from services.common.errors import Conflict, FieldError, Forbidden, NotFound, UnprocessableContent
from services.common.models import utcnow
from services.registry.catalogue import effective_status, ensure_can_edit, exporter_ref, today_in_morocco
from services.registry.models import Exporter, Label, LabelApplication, LabelEvent, Product
from services.registry.schemas import (
    ExporterProductRef,
    HistoryEntry,
    LabelApplicationPublic,
    LabelPublic,
    LabelVerification,
    LocalizedText,
    StatusChange,
)

MIN_VALUE_ADDED_PCT = 40.0
DEFAULT_VALIDITY_YEARS = 3
OPEN_STATUSES = ("submitted", "under_review")
APPLICATION_TRANSITIONS = {"submitted": {"under_review"}, "under_review": {"granted", "rejected"}}
LABEL_TRANSITIONS = {"active": {"suspended", "withdrawn"}, "suspended": {"active", "withdrawn"}}
_CERT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed by hand


def new_certificate_number(year: int) -> str:
    body = "".join(secrets.choice(_CERT_ALPHABET) for _ in range(8))
    return f"MIM-{year}-{body[:4]}-{body[4:]}"


def verification_url(base_url: str, certificate_number: str) -> str:
    return f"{base_url.rstrip('/')}/labels/{certificate_number}"


def _event(
    application: LabelApplication,
    *,
    subject: str,
    from_status: str | None,
    to_status: str,
    principal: Principal,
    reason: str,
    label: Label | None = None,
) -> LabelEvent:
    return LabelEvent(
        application_id=application.id or 0,
        label_id=label.id if label else None,
        subject=subject,
        from_status=from_status,
        to_status=to_status,
        actor_sub=principal.sub,
        actor_role=str(principal.role),
        reason=reason,
        at=utcnow(),
    )


async def refresh_label_summary(*, session: AsyncSession, exporter_id: int) -> None:
    """Copy each product's current label (its latest) onto the product and the exporter's best onto it."""
    labels = (
        await session.exec(select(Label).where(Label.exporter_id == exporter_id).order_by(col(Label.id)))
    ).all()
    latest: dict[int, Label] = {}
    for label in labels:
        latest[label.product_id] = label
    products = (await session.exec(select(Product).where(Product.exporter_id == exporter_id))).all()
    for product in products:
        label = latest.get(product.id or 0)
        product.label_status = label.status if label else "none"
        product.label_valid_until = label.valid_until if label else None
    exporter = await session.get(Exporter, exporter_id)
    assert exporter is not None
    best_status, best_until = "none", None
    for status in ("active", "suspended", "withdrawn"):
        matching = [lb for lb in latest.values() if lb.status == status]
        if matching:
            best_status = status
            best_until = max(lb.valid_until for lb in matching)
            break
    exporter.label_status = best_status
    exporter.label_valid_until = best_until
    await session.flush()


# --------------------------------------------------------------------------- applications


async def submit(
    *, session: AsyncSession, principal: Principal, product_id: int, note: str
) -> LabelApplication:
    product = await session.get(Product, product_id)
    if product is None:
        raise UnprocessableContent.for_field("product_id", f"no product with id {product_id}")
    ensure_can_edit(principal, product.exporter_id)
    open_application = (
        await session.exec(
            select(LabelApplication.id).where(
                LabelApplication.product_id == product_id, col(LabelApplication.status).in_(OPEN_STATUSES)
            )
        )
    ).first()
    if open_application is not None:
        raise Conflict(f"Product {product_id} already has an open application ({open_application}).")
    today = today_in_morocco()
    live = (
        await session.exec(
            select(Label).where(
                Label.product_id == product_id, col(Label.status).in_(("active", "suspended"))
            )
        )
    ).all()
    if any(effective_status(lb.status, lb.valid_until, today) in ("active", "suspended") for lb in live):
        raise Conflict(
            f"Product {product_id} already holds a label; it can be renewed once expired or withdrawn."
        )
    application = LabelApplication(
        exporter_id=product.exporter_id, product_id=product_id, note=note, submitted_by=principal.sub
    )
    session.add(application)
    await session.flush()
    session.add(
        _event(
            application,
            subject="application",
            from_status=None,
            to_status="submitted",
            principal=principal,
            reason=note,
        )
    )
    await session.flush()
    return application


async def get_application(
    *, session: AsyncSession, application_id: int, principal: Principal
) -> LabelApplication:
    application = await session.get(LabelApplication, application_id)
    if application is None:
        raise NotFound(f"No label application with id {application_id}.")
    if not (principal.is_staff or principal.owns_exporter(application.exporter_id)):
        raise Forbidden("This application belongs to another exporter.")
    return application


async def list_applications(
    *, session: AsyncSession, principal: Principal, status: str | None, limit: int, offset: int
) -> tuple[list[LabelApplication], int]:
    statement = select(LabelApplication)
    if not principal.is_staff:
        if principal.exporter_id is None:
            raise Forbidden("Only organisers and exporters see label applications.")
        statement = statement.where(LabelApplication.exporter_id == principal.exporter_id)
    if status:
        statement = statement.where(LabelApplication.status == status)
    total = (await session.exec(select(func.count()).select_from(statement.subquery()))).one()
    rows = (
        await session.exec(statement.order_by(col(LabelApplication.id).desc()).offset(offset).limit(limit))
    ).all()
    return list(rows), int(total)


def _check_transition(current: str, target: str, allowed: dict[str, set[str]], what: str) -> None:
    if target not in allowed.get(current, set()):
        raise Conflict(
            f"A {what} cannot go from '{current}' to '{target}'.",
            slug="invalid-transition",
            extra={"current_status": current, "requested_status": target},
        )


async def move_application(
    *,
    session: AsyncSession,
    application: LabelApplication,
    target: str,
    principal: Principal,
    reason: str,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> LabelApplication:
    if not principal.is_staff:
        raise Forbidden("Only organisers review label applications.")
    current = application.status
    _check_transition(current, target, APPLICATION_TRANSITIONS, "label application")
    label: Label | None = None
    if target == "granted":
        product = await session.get(Product, application.product_id)
        assert product is not None
        if product.value_added_pct < MIN_VALUE_ADDED_PCT:
            raise Conflict(
                f"The label needs at least {MIN_VALUE_ADDED_PCT:g} % of value added in Morocco; "
                f"this product declares {product.value_added_pct:g} %.",
                slug="label-rule",
                errors=[
                    FieldError(
                        field="value_added_pct",
                        message=f"at least {MIN_VALUE_ADDED_PCT:g} % is required",
                        type="label_rule",
                    )
                ],
            )
        start = valid_from or today_in_morocco()
        end = valid_until or _add_years(start, DEFAULT_VALIDITY_YEARS) - timedelta(days=1)
        if end <= start:
            raise UnprocessableContent.for_field("valid_until", "must be after valid_from")
        label = await _create_label(session, application, start, end)
    application.status = target
    application.updated_at = utcnow()
    session.add(
        _event(
            application,
            subject="application",
            from_status=current,
            to_status=target,
            principal=principal,
            reason=reason,
            label=label,
        )
    )
    if label is not None:
        session.add(
            _event(
                application,
                subject="label",
                from_status=None,
                to_status="active",
                principal=principal,
                reason=reason,
                label=label,
            )
        )
        await session.flush()
        await refresh_label_summary(session=session, exporter_id=application.exporter_id)
    await session.flush()
    return application


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


async def _create_label(
    session: AsyncSession, application: LabelApplication, start: date, end: date
) -> Label:
    for _ in range(5):
        label = Label(
            certificate_number=new_certificate_number(start.year),
            application_id=application.id or 0,
            exporter_id=application.exporter_id,
            product_id=application.product_id,
            valid_from=start,
            valid_until=end,
        )
        try:
            async with session.begin_nested():
                session.add(label)
                await session.flush()
        except IntegrityError:
            continue  # a certificate number drawn twice: draw again
        return label
    raise Conflict("Could not allocate a certificate number; please retry.")


# --------------------------------------------------------------------------- labels


async def get_label(*, session: AsyncSession, certificate_number: str) -> Label:
    label = (
        await session.exec(select(Label).where(Label.certificate_number == certificate_number.upper()))
    ).first()
    if label is None:
        raise NotFound(
            f"No label has the certificate number '{certificate_number}': it is not genuine.",
            extra={"genuine": False},
        )
    return label


async def move_label(
    *, session: AsyncSession, label: Label, target: str, principal: Principal, reason: str
) -> Label:
    if not principal.is_staff:
        raise Forbidden("Only organisers change a label's status.")
    current = effective_status(label.status, label.valid_until, today_in_morocco())
    _check_transition(current, target, LABEL_TRANSITIONS, "label")
    label.status = target
    label.updated_at = utcnow()
    application = await session.get(LabelApplication, label.application_id)
    assert application is not None
    session.add(
        _event(
            application,
            subject="label",
            from_status=current,
            to_status=target,
            principal=principal,
            reason=reason,
            label=label,
        )
    )
    await session.flush()
    await refresh_label_summary(session=session, exporter_id=label.exporter_id)
    return label


# --------------------------------------------------------------------------- shapes


async def _events(
    session: AsyncSession, *, application_id: int | None = None, label_id: int | None = None
) -> list[LabelEvent]:
    statement = select(LabelEvent).order_by(col(LabelEvent.at), col(LabelEvent.id))
    if application_id is not None:
        statement = statement.where(LabelEvent.application_id == application_id)
    if label_id is not None:
        statement = statement.where(LabelEvent.label_id == label_id, LabelEvent.subject == "label")
    return list((await session.exec(statement)).all())


def label_public(label: Label, base_url: str) -> LabelPublic:
    return LabelPublic(
        certificate_number=label.certificate_number,
        status=effective_status(label.status, label.valid_until, today_in_morocco()),  # type: ignore[arg-type]
        valid_from=label.valid_from,
        valid_until=label.valid_until,
        verification_url=verification_url(base_url, label.certificate_number),
    )


async def application_public(
    *, session: AsyncSession, application: LabelApplication, base_url: str
) -> LabelApplicationPublic:
    exporter = await session.get(Exporter, application.exporter_id)
    product = await session.get(Product, application.product_id)
    assert exporter is not None and product is not None
    label = (await session.exec(select(Label).where(Label.application_id == application.id))).first()
    events = await _events(session, application_id=application.id)
    return LabelApplicationPublic(
        id=application.id or 0,
        exporter=exporter_ref(exporter),
        product_id=product.id or 0,
        product_name=product.name_fr,
        value_added_pct=product.value_added_pct,
        status=application.status,  # type: ignore[arg-type]
        note=application.note,
        label=label_public(label, base_url) if label else None,
        history=[
            HistoryEntry(
                subject=e.subject,
                from_status=e.from_status,
                to_status=e.to_status,
                reason=e.reason,
                at=e.at,
                actor=e.actor_sub,
                actor_role=e.actor_role,
            )
            for e in events
        ],
        created_at=application.created_at,
        updated_at=application.updated_at,
    )


async def verification(*, session: AsyncSession, label: Label, base_url: str) -> LabelVerification:
    exporter = await session.get(Exporter, label.exporter_id)
    product = await session.get(Product, label.product_id)
    assert exporter is not None and product is not None
    status = effective_status(label.status, label.valid_until, today_in_morocco())
    events = await _events(session, label_id=label.id)
    history = [
        StatusChange(
            subject=e.subject, from_status=e.from_status, to_status=e.to_status, reason=e.reason, at=e.at
        )
        for e in events
    ]
    return LabelVerification(
        genuine=True,
        certificate_number=label.certificate_number,
        status=status,  # type: ignore[arg-type]
        valid=status == "active" and label.valid_from <= today_in_morocco(),
        valid_from=label.valid_from,
        valid_until=label.valid_until,
        exporter=exporter_ref(exporter),
        product=ExporterProductRef(
            id=product.id or 0,
            name=LocalizedText(fr=product.name_fr, en=product.name_en, ar=product.name_ar),
            hs_code=product.hs_code,
            value_added_pct=product.value_added_pct,
        ),
        verification_url=verification_url(base_url, label.certificate_number),
        history=history,
    )


def qr_code(url: str, kind: str) -> bytes:
    """The QR code of ``url`` as SVG or PNG bytes."""
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind=kind, scale=6 if kind == "png" else 4, border=2)
    return buffer.getvalue()
