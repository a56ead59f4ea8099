"""Table models -> public API shapes."""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.answer_cache import JUST_AFTER, next_boundary
from services.events import clock
from services.events.models import (
    Event,
    EventFormat,
    EventSeries,
    EventStatus,
    Panel,
    Partner,
    Rsvp,
    RsvpRow,
    RsvpStatus,
    Speaker,
)
from services.events.schemas import (
    Attendee,
    EventPublic,
    EventSummary,
    LocalizedText,
    LocalTimes,
    PanelPublic,
    PartnerPublic,
    RsvpEventRef,
    RsvpPublic,
    RsvpWindow,
    Seats,
    SeriesPublic,
    SeriesRef,
    SpeakerPublic,
    VenueMap,
)


def series_public(series: EventSeries) -> SeriesPublic:
    assert series.id is not None
    return SeriesPublic(
        id=series.id,
        slug=series.slug,
        name=LocalizedText(fr=series.name_fr, en=series.name_en, ar=series.name_ar),
        description=LocalizedText(
            fr=series.description_fr, en=series.description_en, ar=series.description_ar
        ),
        organiser=series.organiser,
        cadence=series.cadence,
    )


def rsvp_closed_reason(event: Event, at: datetime | None = None) -> str | None:
    """Why a guest cannot RSVP right now, or None when they can."""
    moment = at or clock.now()
    if event.status == EventStatus.cancelled:
        return "The event has been cancelled."
    if event.status != EventStatus.published:
        return "The event is not published."
    if event.ends_at <= moment:
        return "The event is over."
    if event.rsvp_opens_at is not None and moment < event.rsvp_opens_at:
        return f"RSVPs open on {clock.local(event.rsvp_opens_at):%Y-%m-%d %H:%M} (Casablanca time)."
    closes = event.rsvp_closes_at or event.starts_at
    if moment >= closes:
        return "RSVPs are closed."
    return None


def next_change(event: Event, moment: datetime) -> datetime | None:
    """The first moment after ``moment`` at which :func:`event_public` would say something else
    by the clock alone (``None``: never). The comparisons above and in :func:`event_summary` flip
    at ``rsvp_opens_at``, at the closing time and at ``ends_at`` (``moment >= t``), and just after
    ``ends_at`` (``is_past``: ``ends_at < moment``). Cached answers are kept until then."""
    closes = event.rsvp_closes_at or event.starts_at
    return next_boundary(moment, (event.rsvp_opens_at, closes, event.ends_at, event.ends_at + JUST_AFTER))


def closed_slug(event: Event, now: datetime) -> str:
    """The problem type (machine code) of :func:`rsvp_closed_reason`'s answer."""
    if event.status == EventStatus.cancelled:
        return "event-cancelled"
    if event.status != EventStatus.published:
        return "event-not-published"
    if event.ends_at <= now:
        return "event-past"
    if event.rsvp_opens_at is not None and now < event.rsvp_opens_at:
        return "rsvp-not-open"
    return "rsvp-closed"


def closed_params(event: Event, now: datetime) -> dict[str, str | int | float] | None:
    """The values a client puts in its own message for :func:`closed_slug` (`opens_at`, UTC)."""
    if closed_slug(event, now) == "rsvp-not-open" and event.rsvp_opens_at is not None:
        return {"opens_at": event.rsvp_opens_at.astimezone(UTC).isoformat().replace("+00:00", "Z")}
    return None


def local_times(event: Event) -> LocalTimes:
    """Start and end as Casablanca wall-clock times."""
    return LocalTimes(starts_at=clock.local_iso(event.starts_at), ends_at=clock.local_iso(event.ends_at))


def event_summary(event: Event, at: datetime | None = None) -> EventSummary:
    assert event.id is not None
    moment = at or clock.now()
    series = event.series
    reason = rsvp_closed_reason(event, moment)
    return EventSummary(
        id=event.id,
        slug=event.slug,
        series=(
            SeriesRef(
                id=series.id,
                slug=series.slug,
                name=LocalizedText(fr=series.name_fr, en=series.name_en, ar=series.name_ar),
            )
            if series is not None and series.id is not None
            else None
        ),
        title=LocalizedText(fr=event.title_fr, en=event.title_en, ar=event.title_ar),
        theme=LocalizedText(fr=event.theme_fr, en=event.theme_en, ar=event.theme_ar),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        local=local_times(event),
        venue=event.venue,
        city=event.city,
        region_code=event.region_code,
        format=EventFormat(event.format),
        status=EventStatus(event.status),
        is_past=event.ends_at < moment,
        seats=Seats(
            capacity=event.capacity,
            confirmed=event.confirmed_count,
            waitlisted=event.waitlisted_count,
            available=max(0, event.capacity - event.confirmed_count),
        ),
        rsvp=RsvpWindow(
            opens_at=event.rsvp_opens_at,
            closes_at=event.rsvp_closes_at or event.starts_at,
            is_open=reason is None,
            closed_reason=reason,
            closed_code=closed_slug(event, moment) if reason is not None else None,
        ),
    )


def speaker_public(speaker: Speaker) -> SpeakerPublic:
    assert speaker.id is not None
    return SpeakerPublic(
        id=speaker.id,
        name=speaker.name,
        role=speaker.role,
        role_localized=LocalizedText(fr=speaker.role, en=speaker.role_en, ar=speaker.role_ar),
        organisation=speaker.organisation,
        exporter_id=speaker.exporter_id,
        panel_id=speaker.panel_id,
        photo_url=speaker.photo_url,
    )


def panel_public(panel: Panel, speakers: list[Speaker]) -> PanelPublic:
    assert panel.id is not None
    return PanelPublic(
        id=panel.id,
        position=panel.position,
        title=LocalizedText(fr=panel.title_fr, en=panel.title_en, ar=panel.title_ar),
        starts_at=panel.starts_at,
        ends_at=panel.ends_at,
        speakers=[speaker_public(s) for s in speakers if s.panel_id == panel.id],
    )


def partner_public(partner: Partner) -> PartnerPublic:
    assert partner.id is not None
    return PartnerPublic(id=partner.id, name=partner.name, kind=partner.kind, url=partner.url)


def venue_map(event: Event) -> VenueMap | None:
    """The venue on OpenStreetMap and as a ``geo:`` URI, when the organiser placed it."""
    if event.latitude is None or event.longitude is None:
        return None
    lat, lon = f"{event.latitude:.6f}", f"{event.longitude:.6f}"
    return VenueMap(
        latitude=event.latitude,
        longitude=event.longitude,
        openstreetmap_url=f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
        geo_uri=f"geo:{lat},{lon}",
    )


def event_public(event: Event, at: datetime | None = None) -> EventPublic:
    speakers = list(event.speakers)
    return EventPublic(
        **event_summary(event, at).model_dump(),
        description=LocalizedText(fr=event.description_fr, en=event.description_en, ar=event.description_ar),
        online_url=event.online_url,
        map=venue_map(event),
        cancellation_reason=event.cancellation_reason or None,
        panels=[panel_public(p, speakers) for p in event.panels],
        speakers=[speaker_public(s) for s in speakers if s.panel_id is None],
        partners=[partner_public(p) for p in event.partners],
        created_at=event.created_at,
        updated_at=event.updated_at,
    )


def rsvp_event_ref(event: Event) -> RsvpEventRef:
    """The event as a guest's RSVP shows it (the same for every guest of the event)."""
    assert event.id is not None
    return RsvpEventRef(
        id=event.id,
        slug=event.slug,
        title=LocalizedText(fr=event.title_fr, en=event.title_en, ar=event.title_ar),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        local=local_times(event),
        venue=event.venue,
        city=event.city,
        status=EventStatus(event.status),
        is_past=event.ends_at <= clock.now(),
    )


def has_entry_pass(rsvp: RsvpRow, event: Event | RsvpEventRef) -> bool:
    """THE rule for the QR code: a confirmed, not erased guest of an event still to happen."""
    ends_at = event.ends_at
    return (
        rsvp.status == RsvpStatus.confirmed
        and rsvp.erased_at is None
        and event.status == EventStatus.published
        and ends_at > clock.now()
    )


def rsvp_public(rsvp: RsvpRow, event: Event | RsvpEventRef, waitlist_position: int | None) -> RsvpPublic:
    """The guest's view of an RSVP; ``event`` may be its reference already built (a batch shares one)."""
    assert rsvp.id is not None
    entry_pass = has_entry_pass(rsvp, event)
    return RsvpPublic(
        id=rsvp.id,
        status=rsvp.status,
        waitlist_position=waitlist_position,
        event=event if isinstance(event, RsvpEventRef) else rsvp_event_ref(event),
        name=rsvp.name,
        email=rsvp.email,
        organisation=rsvp.organisation,
        phone=rsvp.phone,
        exporter_id=rsvp.exporter_id,
        language=rsvp.language,
        manage_token=rsvp.manage_token,
        checkin_token=rsvp.checkin_token if entry_pass else None,
        entry_pass=entry_pass,
        confirm_by=rsvp.confirm_by,
        created_at=rsvp.created_at,
        checked_in_at=rsvp.checked_in_at,
        cancelled_at=rsvp.cancelled_at,
        erased=rsvp.erased_at is not None,
    )


def attendee(rsvp: Rsvp, waitlist_position: int | None = None) -> Attendee:
    assert rsvp.id is not None
    return Attendee(
        rsvp_id=rsvp.id,
        status=rsvp.status,
        queue_position=rsvp.queue_position,
        waitlist_position=waitlist_position,
        name=rsvp.name,
        email=rsvp.email,
        organisation=rsvp.organisation,
        phone=rsvp.phone,
        exporter_id=rsvp.exporter_id,
        language=rsvp.language,
        created_at=rsvp.created_at,
        created_at_local=clock.local(rsvp.created_at).strftime("%Y-%m-%d %H:%M"),
        checked_in_at=rsvp.checked_in_at,
        checked_in_at_local=clock.local(rsvp.checked_in_at).strftime("%Y-%m-%d %H:%M")
        if rsvp.checked_in_at
        else None,
    )
