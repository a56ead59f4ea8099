"""The "Made in Morocco" label lifecycle.

Application: submitted -> under_review -> granted | rejected.
Label: active <-> suspended, active | suspended | in_review -> withdrawn, in_review -> active
(the review: the rule is checked again and the facts are snapshotted again); "expired" is not
stored: an active label past ``valid_until`` reads expired and accepts no transition.
A label is never deleted. A change to a fact the grant rested on (``GRANT_FACTS``) moves a
live label to ``in_review`` by itself (``review_changed_facts``).
The exporter's and products' ``label_status`` / ``label_valid_until`` (read by search, its
filters and facets) are written by ``refresh_label_summary`` only, in the same transaction as
every change of a label.
Every transition is written to ``label_event`` (who, when, why). A transition not in
these tables answers 409; granting needs at least 40 % of value added in Morocco.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common import qr
from services.common.auth import Principal
from services.common.errors import Conflict, FieldError, Forbidden, NotFound, UnprocessableContent
from services.common.models import utcnow
from services.common.vocabulary import LocalizedText
from services.registry import changes
from services.registry.catalogue import effective_status, ensure_can_edit, exporter_ref, today_in_morocco
from services.registry.label_schemas import LabelBatchItem
from services.registry.models import (
    ApplicationStatus,
    Exporter,
    Label,
    LabelApplication,
    LabelEvent,
    LabelStatus,
    Product,
)
from services.registry.schemas import (
    ExporterProductRef,
    ExporterRef,
    GrantedFacts,
    HistoryEntry,
    LabelApplicationPublic,
    LabelPublic,
    LabelVerification,
    StatusChange,
)
from services.registry.statements import KeyRing

MIN_VALUE_ADDED_PCT = 40.0
DEFAULT_VALIDITY_YEARS = 3
OPEN_STATUSES = (ApplicationStatus.submitted, ApplicationStatus.under_review)
APPLICATION_TRANSITIONS: dict[str, set[str]] = {
    ApplicationStatus.submitted: {ApplicationStatus.under_review},
    ApplicationStatus.under_review: {ApplicationStatus.granted, ApplicationStatus.rejected},
}
LABEL_TRANSITIONS: dict[str, set[str]] = {
    LabelStatus.active: {LabelStatus.suspended, LabelStatus.withdrawn},
    LabelStatus.suspended: {LabelStatus.active, LabelStatus.withdrawn},
    LabelStatus.in_review: {LabelStatus.active, LabelStatus.withdrawn},
}
LIVE_STATUSES = (LabelStatus.active, LabelStatus.suspended, LabelStatus.in_review)
# Best first: the exporter's summary shows its best label.
SUMMARY_ORDER = (LabelStatus.active, LabelStatus.in_review, LabelStatus.suspended, LabelStatus.withdrawn)
# label column -> (product or exporter, attribute): the facts a grant rests on.
GRANT_FACTS = {
    "granted_product_name_fr": ("product", "name_fr"),
    "granted_product_name_en": ("product", "name_en"),
    "granted_product_name_ar": ("product", "name_ar"),
    "granted_hs_code": ("product", "hs_code"),
    "granted_value_added_pct": ("product", "value_added_pct"),
    "granted_exporter_ice": ("exporter", "ice"),
    "granted_exporter_legal_name": ("exporter", "legal_name"),
    "granted_exporter_trade_name": ("exporter", "trade_name"),
    "granted_exporter_region": ("exporter", "region_code"),
}
# Region is recorded (what was audited) but a move does not call for a new review.
REVIEWED_FACTS = tuple(name for name in GRANT_FACTS if name != "granted_exporter_region")
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
        current = latest.get(product.id or 0)
        product.label_status = current.status if current else "none"
        product.label_valid_until = current.valid_until if current else None
    exporter = await session.get(Exporter, exporter_id)
    assert exporter is not None
    best_status, best_until = "none", None
    for status in SUMMARY_ORDER:
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
        raise UnprocessableContent.for_field(
            "product_id", f"no product with id {product_id}", code="unknown-product"
        )
    ensure_can_edit(principal, product.exporter_id)
    open_application = (
        await session.exec(
            select(LabelApplication.id).where(
                LabelApplication.product_id == product_id, col(LabelApplication.status).in_(OPEN_STATUSES)
            )
        )
    ).first()
    if open_application is not None:
        raise Conflict(
            f"Product {product_id} already has an open application ({open_application}).",
            slug="open-application",
        )
    today = today_in_morocco()
    live = (
        await session.exec(
            select(Label).where(Label.product_id == product_id, col(Label.status).in_(LIVE_STATUSES))
        )
    ).all()
    if any(effective_status(lb.status, lb.valid_until, today) in LIVE_STATUSES for lb in live):
        raise Conflict(
            f"Product {product_id} already holds a label; it can be renewed once expired or withdrawn.",
            slug="already-labelled",
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
            to_status=ApplicationStatus.submitted,
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
    target: ApplicationStatus,
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
    if target == ApplicationStatus.granted:
        product = await session.get(Product, application.product_id)
        assert product is not None
        _check_label_rule(product)
        start = valid_from or today_in_morocco()
        end = valid_until or _add_years(start, DEFAULT_VALIDITY_YEARS) - timedelta(days=1)
        if end <= start:
            raise UnprocessableContent.for_field(
                "valid_until", "must be after valid_from", code="invalid-times"
            )
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
                to_status=LabelStatus.active,
                principal=principal,
                reason=reason,
                label=label,
            )
        )
        await session.flush()
        await refresh_label_summary(session=session, exporter_id=application.exporter_id)
        await changes.label_granted(session, label)
    await session.flush()
    return application


def _check_label_rule(product: Product) -> None:
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
                    code="label-rule",
                    params={"ge": MIN_VALUE_ADDED_PCT},
                )
            ],
        )


def take_snapshot(label: Label, product: Product, exporter: Exporter) -> None:
    """Record on the label the facts it is granted (or confirmed) on."""
    sources = {"product": product, "exporter": exporter}
    for column, (source, attribute) in GRANT_FACTS.items():
        setattr(label, column, getattr(sources[source], attribute))


def changed_facts(label: Label, product: Product, exporter: Exporter) -> list[str]:
    """The reviewed facts (attribute names) that differ from the label's snapshot."""
    sources = {"product": product, "exporter": exporter}
    changes = []
    for column in REVIEWED_FACTS:
        source, attribute = GRANT_FACTS[column]
        granted, current = getattr(label, column), getattr(sources[source], attribute)
        if granted != current:
            changes.append(attribute)
    return changes


async def review_changed_facts(*, session: AsyncSession, principal: Principal, exporter_id: int) -> int:
    """Put back ``in_review`` every live label of the exporter whose granted facts changed.

    Called by every write to a product or an exporter, in its transaction; returns how many
    labels moved. An expired label is left as it is (it needs a new application anyway).
    """
    today = today_in_morocco()
    labels = (
        await session.exec(
            select(Label).where(
                Label.exporter_id == exporter_id,
                col(Label.status).in_((LabelStatus.active, LabelStatus.suspended)),
            )
        )
    ).all()
    exporter = await session.get(Exporter, exporter_id)
    assert exporter is not None
    moved = 0
    for label in labels:
        current = effective_status(label.status, label.valid_until, today)
        if current not in (LabelStatus.active, LabelStatus.suspended):
            continue
        product = await session.get(Product, label.product_id)
        assert product is not None
        changes = changed_facts(label, product, exporter)
        if not changes:
            continue
        label.status = LabelStatus.in_review
        label.updated_at = utcnow()
        application = await session.get(LabelApplication, label.application_id)
        assert application is not None
        session.add(
            _event(
                application,
                subject="label",
                from_status=current,
                to_status=LabelStatus.in_review,
                principal=principal,
                # Names only: the public history shows what was granted, never the new values.
                reason="Changed since the grant: " + ", ".join(changes) + "; the Club reviews the label.",
                label=label,
            )
        )
        moved += 1
    if moved:
        await session.flush()
        await refresh_label_summary(session=session, exporter_id=exporter_id)
    return moved


async def ensure_no_label(*, session: AsyncSession, exporter_id: int, product_id: int | None = None) -> None:
    """Refuse to delete a product or exporter that a label or an application refers to (409)."""
    what = "product" if product_id is not None else "exporter"
    statement = select(Label.certificate_number)
    applications = select(func.count()).select_from(LabelApplication)
    if product_id is not None:
        statement = statement.where(Label.product_id == product_id)
        applications = applications.where(LabelApplication.product_id == product_id)
    else:
        statement = statement.where(Label.exporter_id == exporter_id)
        applications = applications.where(LabelApplication.exporter_id == exporter_id)
    numbers = list((await session.exec(statement.order_by(col(Label.id)))).all())
    pending = int((await session.exec(applications)).one())
    if not numbers and not pending:
        return
    held = (
        f"holds the Made in Morocco label {', '.join(numbers)}"
        if numbers
        else "has a label application on record"
    )
    raise Conflict(
        f"This {what} {held}. Labels and their history are never deleted, so neither is the "
        f"{what} they were granted to: their public verification must keep answering. To stop "
        "the label's use, withdraw it (POST /labels/{certificate_number}/withdraw); the record "
        "stays and shows the label as withdrawn.",
        slug="label-held",
        extra={"certificate_numbers": numbers},
    )


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


async def _create_label(
    session: AsyncSession, application: LabelApplication, start: date, end: date
) -> Label:
    product = await session.get(Product, application.product_id)
    exporter = await session.get(Exporter, application.exporter_id)
    assert product is not None and exporter is not None
    for _ in range(5):
        label = Label(
            certificate_number=new_certificate_number(start.year),
            application_id=application.id or 0,
            exporter_id=application.exporter_id,
            product_id=application.product_id,
            valid_from=start,
            valid_until=end,
        )
        take_snapshot(label, product, exporter)
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
    *, session: AsyncSession, label: Label, target: LabelStatus, principal: Principal, reason: str
) -> Label:
    if not principal.is_staff:
        raise Forbidden("Only organisers change a label's status.")
    current = effective_status(label.status, label.valid_until, today_in_morocco())
    _check_transition(current, target, LABEL_TRANSITIONS, "label")
    if current == LabelStatus.in_review and target == LabelStatus.active:
        # The review: today's facts must meet the rule, and become what the label certifies.
        product = await session.get(Product, label.product_id)
        exporter = await session.get(Exporter, label.exporter_id)
        assert product is not None and exporter is not None
        _check_label_rule(product)
        take_snapshot(label, product, exporter)
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
    await changes.label_moved(session, label, current)
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
        status=effective_status(label.status, label.valid_until, today_in_morocco()),
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
        status=application.status,
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


def granted_facts(label: Label) -> GrantedFacts:
    return GrantedFacts(
        product_name=LocalizedText(
            fr=label.granted_product_name_fr or "",
            en=label.granted_product_name_en or "",
            ar=label.granted_product_name_ar or "",
        ),
        hs_code=label.granted_hs_code or "",
        value_added_pct=label.granted_value_added_pct or 0.0,
        exporter_ice=label.granted_exporter_ice or "",
        exporter_legal_name=label.granted_exporter_legal_name or "",
        exporter_trade_name=label.granted_exporter_trade_name or "",
        exporter_region=label.granted_exporter_region or "",
    )


async def verification(*, session: AsyncSession, label: Label, base_url: str) -> LabelVerification:
    """What a certificate certifies: the granted facts (not today's edits) and its live status."""
    return (await verifications(session=session, labels=[label], base_url=base_url))[0]


async def verifications(
    *, session: AsyncSession, labels: Sequence[Label], base_url: str
) -> list[LabelVerification]:
    """``verification`` of many labels in three queries (labels given, exporters, events)."""
    exporter_ids = {label.exporter_id for label in labels}
    exporters = {
        e.id: e
        for e in (await session.exec(select(Exporter).where(col(Exporter.id).in_(exporter_ids)))).all()
    }
    label_ids = [label.id for label in labels]
    events: dict[int, list[LabelEvent]] = {}
    if label_ids:
        statement = (
            select(LabelEvent)
            .where(col(LabelEvent.label_id).in_(label_ids), LabelEvent.subject == "label")
            .order_by(col(LabelEvent.at), col(LabelEvent.id))
        )
        for event in (await session.exec(statement)).all():
            events.setdefault(event.label_id or 0, []).append(event)
    today = today_in_morocco()
    return [
        _verification(label, exporters[label.exporter_id], events.get(label.id or 0, []), base_url, today)
        for label in labels
    ]


def _verification(
    label: Label, exporter: Exporter, events: list[LabelEvent], base_url: str, today: date
) -> LabelVerification:
    status = effective_status(label.status, label.valid_until, today)
    history = [
        StatusChange(
            subject=e.subject, from_status=e.from_status, to_status=e.to_status, reason=e.reason, at=e.at
        )
        for e in events
    ]
    granted = granted_facts(label)
    return LabelVerification(
        genuine=True,
        certificate_number=label.certificate_number,
        status=status,
        valid=status == LabelStatus.active and label.valid_from <= today,
        under_review=status == LabelStatus.in_review,
        valid_from=label.valid_from,
        valid_until=label.valid_until,
        exporter=ExporterRef(
            id=exporter.id or 0,
            slug=exporter.slug,
            trade_name=granted.exporter_trade_name,
            region=granted.exporter_region,
            city=exporter.city,
        ),
        product=ExporterProductRef(
            id=label.product_id,
            name=granted.product_name,
            hs_code=granted.hs_code,
            value_added_pct=granted.value_added_pct,
        ),
        granted=granted,
        verification_url=verification_url(base_url, label.certificate_number),
        history=history,
    )


# --------------------------------------------------------------------------- batch verification

MAX_BATCH = 100
# What a certificate number may look like to be looked up (the same as the single route's path).
CERTIFICATE_RE = re.compile(r"^[A-Z0-9-]{1,24}$")
_ECHO_CHARS = 64


def _batch_numbers(certificates: Sequence[str]) -> list[str | None]:
    """Each item normalised for the lookup (None: malformed); 422 for the batch as a whole."""
    if not certificates:
        raise UnprocessableContent(
            "Give at least one certificate number.",
            slug="batch-empty",
            errors=[FieldError(field="certificates", message="at least one certificate number")],
        )
    if len(certificates) > MAX_BATCH:
        raise UnprocessableContent(
            f"At most {MAX_BATCH} certificate numbers per batch; {len(certificates)} were given.",
            slug="batch-too-large",
            errors=[
                FieldError(
                    field="certificates",
                    message=f"at most {MAX_BATCH} certificate numbers",
                    type="too_long",
                )
            ],
        )
    numbers = [n if CERTIFICATE_RE.match(n := raw.strip().upper()) else None for raw in certificates]
    # The document says `uniqueItems`: the same string twice is refused, and so is one number
    # written twice (case and surrounding spaces do not make it another).
    seen: dict[str, int] = {}
    for index, (raw, number) in enumerate(zip(certificates, numbers, strict=True)):
        key = number if number is not None else "\0" + raw
        if key in seen:
            raise UnprocessableContent(
                f"Certificate number {number or raw!r} is given twice (items {seen[key]} and {index}); "
                "each number may appear once in a batch.",
                slug="batch-duplicates",
                errors=[
                    FieldError(
                        field="certificates",
                        message=f"duplicate certificate number at items {seen[key]} and {index}",
                        type="duplicate",
                    )
                ],
            )
        seen[key] = index
    return numbers


async def verify_batch(
    *, session: AsyncSession, certificates: Sequence[str], base_url: str
) -> list[LabelBatchItem]:
    """Each certificate's verification, in the order given; unknown or malformed ones per item."""
    numbers = _batch_numbers(certificates)
    wanted = [n for n in numbers if n is not None]
    found = (
        (await session.exec(select(Label).where(col(Label.certificate_number).in_(wanted)))).all()
        if wanted
        else []
    )
    by_number = {
        v.certificate_number: v for v in await verifications(session=session, labels=found, base_url=base_url)
    }
    items = []
    for raw, number in zip(certificates, numbers, strict=True):
        echo = raw[:_ECHO_CHARS]
        if number is None:
            items.append(LabelBatchItem(certificate=echo, outcome="invalid-format"))
        elif number not in by_number:
            items.append(LabelBatchItem(certificate=echo, outcome="unknown"))
        else:
            items.append(LabelBatchItem(certificate=echo, outcome="found", label=by_number[number]))
    return items


# --------------------------------------------------------------------------- QR codes


def statement(label: Label, keys: KeyRing) -> str:
    """The signed statement a label's QR code carries (statements.py): what was granted, until when."""
    return keys.sign(
        certificate_number=label.certificate_number,
        product=label.granted_product_name_fr or "",
        exporter=label.granted_exporter_trade_name or "",
        issued=label.valid_from,
        valid_until=label.valid_until,
    )


def qr_url(base_url: str, label: Label, keys: KeyRing) -> str:
    """What a label's QR code encodes: its verification page, the signed statement in the fragment."""
    return f"{verification_url(base_url, label.certificate_number)}#{statement(label, keys)}"


def qr_code(url: str, kind: str) -> bytes:
    """The QR code of ``url`` as SVG or PNG bytes (white background, 4-module quiet zone)."""
    return qr.render(url, "svg" if kind == "svg" else "png")
