"""What the events service appends to its change log (read by the gateway's webhooks).

One call per write path, in the transaction of the change: an event published, a published
event's time, place or content changed, an event cancelled. No guest's data, no online link.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.changes import append_change
from services.events.models import Change, Event, EventStatus

EVENT_TYPES = ("event.published", "event.changed", "event.cancelled")


def event_payload(event: Event) -> dict[str, object]:
    return {
        "event_id": event.id,
        "slug": event.slug,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "city": event.city,
        "format": event.format,
        "sequence": event.sequence,
    }


async def event_changed(session: AsyncSession, type_: str, event: Event) -> None:
    """Announce ``type_``; a change to a draft (or to a cancelled event) is nobody's news."""
    if type_ == "event.changed" and event.status != EventStatus.published:
        return
    await append_change(session, Change, type_, event_payload(event))
