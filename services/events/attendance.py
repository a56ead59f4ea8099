"""Attendance after the event: per event, and per series (month by month, who comes most often).

Numbers count every RSVP, erased or purged ones included (their statuses and check-ins stay).
Names, addresses and companies come only from RSVPs whose personal data is still there: an
erased or purged guest is counted, never named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlalchemy import select as sa_select  # five columns: more than sqlmodel's select types
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events import clock
from services.events.models import Event, EventSeries, EventStatus, Rsvp, RsvpSource, RsvpStatus


@dataclass
class Tally:
    confirmed: int = 0
    checked_in: int = 0
    no_shows: int = 0
    walk_ins: int = 0
    never_promoted: int = 0
    cancelled: int = 0
    by_source: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in RsvpSource})

    def add(self, *, status: str, source: str, checked_in: bool, count: int) -> None:
        if status == RsvpStatus.confirmed:
            self.confirmed += count
            self.by_source[source] = self.by_source.get(source, 0) + count
            if not checked_in:
                self.no_shows += count
        if checked_in:
            self.checked_in += count
        if source == RsvpSource.walk_in:
            self.walk_ins += count
        if status == RsvpStatus.waitlisted:
            self.never_promoted += count
        if status == RsvpStatus.cancelled:
            self.cancelled += count

    def merge(self, other: Tally) -> None:
        for name in ("confirmed", "checked_in", "no_shows", "walk_ins", "never_promoted", "cancelled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for source, count in other.by_source.items():
            self.by_source[source] = self.by_source.get(source, 0) + count


async def tallies(*, session: AsyncSession, event_ids: list[int]) -> dict[int, Tally]:
    """One tally per event, from one grouped query."""
    result: dict[int, Tally] = {event_id: Tally() for event_id in event_ids}
    if not event_ids:
        return result
    checked = col(Rsvp.checked_in_at).is_not(None).label("checked")
    connection = await session.connection()
    rows = await connection.execute(
        sa_select(col(Rsvp.event_id), col(Rsvp.status), col(Rsvp.source), checked, func.count())
        .where(col(Rsvp.event_id).in_(event_ids), col(Rsvp.status) != RsvpStatus.pending)
        .group_by(col(Rsvp.event_id), col(Rsvp.status), col(Rsvp.source), checked)
    )
    for event_id, status, source, is_checked, count in rows.all():
        result[event_id].add(status=status, source=source, checked_in=bool(is_checked), count=int(count))
    return result


@dataclass
class MonthRow:
    month: str  # YYYY-MM, Casablanca time
    events: int = 0
    tally: Tally = field(default_factory=Tally)


@dataclass
class FrequentGuest:
    email: str
    name: str
    organisation: str
    attended: int


@dataclass
class FrequentCompany:
    organisation: str
    attended: int
    guests: int


@dataclass
class SeriesAttendance:
    series: EventSeries
    events: int
    total: Tally
    months: list[MonthRow]
    guests: list[FrequentGuest]
    companies: list[FrequentCompany]


async def series_attendance(
    *, session: AsyncSession, series: EventSeries, top: int = 10, at: datetime | None = None
) -> SeriesAttendance:
    """The series' published events that have started, month by month, and who comes most often."""
    moment = at or clock.now()
    events = (
        await session.exec(
            select(Event)
            .where(
                col(Event.series_id) == series.id,
                col(Event.status) == EventStatus.published,
                col(Event.starts_at) <= moment,
            )
            .order_by(col(Event.starts_at))
        )
    ).all()
    ids = [e.id for e in events if e.id is not None]
    per_event = await tallies(session=session, event_ids=ids)
    months: dict[str, MonthRow] = {}
    total = Tally()
    for event in events:
        assert event.id is not None
        key = f"{clock.local(event.starts_at):%Y-%m}"
        row = months.setdefault(key, MonthRow(month=key))
        row.events += 1
        row.tally.merge(per_event[event.id])
        total.merge(per_event[event.id])
    guests: list[FrequentGuest] = []
    companies: list[FrequentCompany] = []
    if ids:
        came = (
            col(Rsvp.event_id).in_(ids),
            col(Rsvp.checked_in_at).is_not(None),
            col(Rsvp.erased_at).is_(None),
        )
        attended = func.count(func.distinct(Rsvp.event_id))
        guest_rows = await session.exec(
            select(Rsvp.email_normalised, func.max(Rsvp.name), func.max(Rsvp.organisation), attended)
            .where(*came, col(Rsvp.email_normalised).not_like("erased:%"))
            .group_by(col(Rsvp.email_normalised))
            .order_by(attended.desc(), col(Rsvp.email_normalised))
            .limit(top)
        )
        guests = [
            FrequentGuest(email=email, name=name or "", organisation=org or "", attended=int(n))
            for email, name, org, n in guest_rows.all()
        ]
        company = func.lower(func.trim(Rsvp.organisation))
        visits = func.count()
        company_rows = await session.exec(
            select(func.min(Rsvp.organisation), visits, func.count(func.distinct(Rsvp.email_normalised)))
            .where(*came, func.trim(Rsvp.organisation) != "")
            .group_by(company)
            .order_by(visits.desc(), company)
            .limit(top)
        )
        companies = [
            FrequentCompany(organisation=(name or "").strip(), attended=int(n), guests=int(people))
            for name, n, people in company_rows.all()
        ]
    return SeriesAttendance(
        series=series,
        events=len(events),
        total=total,
        months=[months[k] for k in sorted(months)],
        guests=guests,
        companies=companies,
    )
