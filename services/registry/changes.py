"""What the registry appends to its change log (read by the gateway's webhooks).

One call per write path, in the transaction of the change. Payloads name things by id,
slug and certificate number, with statuses and dates: never a person's data.
"""

from __future__ import annotations

from sqlalchemy import exists
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.changes import append_change, serialise_changes
from services.common.models import utcnow
from services.registry.models import Change, Exporter, Label, LabelStatus

LABEL_TYPES = ("label.granted", "label.suspended", "label.reinstated", "label.withdrawn", "label.expired")
EXPORTER_TYPES = ("exporter.created", "exporter.updated", "exporter.deleted")
# A label's target status -> the change announced (in_review is internal to the registry).
_LABEL_MOVES = {
    LabelStatus.suspended: "label.suspended",
    LabelStatus.withdrawn: "label.withdrawn",
    LabelStatus.active: "label.reinstated",
}


async def _label_payload(session: AsyncSession, label: Label, status: str) -> dict[str, object]:
    exporter = await session.get(Exporter, label.exporter_id)
    return {
        "certificate_number": label.certificate_number,
        "status": status,
        "exporter_id": label.exporter_id,
        "exporter_slug": exporter.slug if exporter else None,
        "product_id": label.product_id,
        "valid_from": label.valid_from,
        "valid_until": label.valid_until,
    }


async def label_granted(session: AsyncSession, label: Label) -> None:
    await append_change(session, Change, "label.granted", await _label_payload(session, label, "active"))


async def label_moved(session: AsyncSession, label: Label, previous: str) -> None:
    """A transition by an organiser; ``in_review -> active`` after a review is announced only
    when the label was out of view (review is not announced on the way in)."""
    change = _LABEL_MOVES.get(LabelStatus(label.status))
    if change is None or (change == "label.reinstated" and previous == LabelStatus.in_review):
        return
    await append_change(session, Change, change, await _label_payload(session, label, label.status))


def exporter_payload(exporter: Exporter) -> dict[str, object]:
    return {"exporter_id": exporter.id, "slug": exporter.slug, "verified": exporter.verified}


async def exporter_changed(session: AsyncSession, type_: str, exporter: Exporter) -> None:
    await append_change(session, Change, type_, exporter_payload(exporter))


async def record_expired_labels(session: AsyncSession, today: object) -> int:
    """Write ``label.expired`` once per active label past its end date; the number written.

    "expired" is not a stored status (it is read from ``valid_until``), so the once-only key
    of the change log is what marks a label as announced; a second run writes nothing.
    """
    await serialise_changes(session)
    announced = exists().where(col(Change.once_key) == "label.expired:" + Label.certificate_number)
    statement = (
        select(Label)
        .where(Label.status == LabelStatus.active, col(Label.valid_until) < today, ~announced)
        .order_by(col(Label.id))
        .limit(500)
    )
    labels = (await session.exec(statement)).all()
    for label in labels:
        payload = await _label_payload(session, label, "expired")
        payload["expired_at"] = utcnow()
        await append_change(
            session, Change, "label.expired", payload, once_key=f"label.expired:{label.certificate_number}"
        )
    return len(labels)
