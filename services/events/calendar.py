"""iCalendar files: one event, or a subscribable feed per series.

Times are written as Africa/Casablanca wall-clock times. Many apps (ical.js behind Thunderbird
and web calendars, vobject, dateutil) trust the file's VTIMEZONE rather than the zone's name,
so the VTIMEZONE must be exact for every event in the file. Morocco switches between UTC+1 and
UTC+0 around Ramadan, on dates decided each year, so no RRULE can describe it: the VTIMEZONE
lists, one component each, the tz database's own transitions over the span the file's events
cover (plus a margin), with their exact onset and offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress
from icalendar import Event as IcsEvent

from services.common.text import header_value
from services.events import clock
from services.events.config import EventsSettings
from services.events.models import Event, EventStatus

PRODID = "-//Club Made in Morocco//Events//FR"
UID_DOMAIN = "events.made-in-morocco.ma"
ORGANIZER_NAME = "Club Made in Morocco"
TZID = "Africa/Casablanca"
# The VTIMEZONE covers the events' span widened by this much on each side, so an app that shows
# a day or a week around an event (or an alarm before it) still has the right offset.
TZ_MARGIN = timedelta(days=62)
_PROBE = timedelta(days=1)


# --------------------------------------------------------------------------- VTIMEZONE


def _offset(instant: datetime) -> timedelta:
    offset = instant.astimezone(clock.CASABLANCA).utcoffset()
    assert offset is not None
    return offset


def _onset(before: datetime, after: datetime) -> datetime:
    """The first instant (to the second) in (before, after] whose offset differs from before's."""
    old = _offset(before)
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        middle = middle.replace(microsecond=0)
        if middle <= before:
            break
        if _offset(middle) == old:
            before = middle
        else:
            after = middle
    return after


def transitions(start: datetime, end: datetime) -> list[tuple[datetime, timedelta, timedelta]]:
    """The tz database's offset changes in Casablanca in [start, end]: (UTC onset, from, to)."""
    found: list[tuple[datetime, timedelta, timedelta]] = []
    cursor = start
    while cursor < end:
        step = min(cursor + _PROBE, end)
        if _offset(step) != _offset(cursor):
            onset = _onset(cursor, step)
            found.append((onset, _offset(cursor), _offset(onset)))
            cursor = onset
        else:
            cursor = step
    return found


def _local_naive(instant: datetime, offset: timedelta) -> datetime:
    return (instant.astimezone(UTC) + offset).replace(tzinfo=None)


def _tzname(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}" + (f"{rest:02d}" if rest else "")


def _observance(onset: datetime, before: timedelta, after: timedelta) -> TimezoneStandard | TimezoneDaylight:
    # +01 is Morocco's standard time since 2018 and +00 the Ramadan exception; the offsets,
    # not the component's name, are what every parser uses.
    dst = onset.astimezone(clock.CASABLANCA).dst()
    component = TimezoneDaylight() if dst else TimezoneStandard()
    # DTSTART of an observance is the local time of the onset, read on the clock before it.
    component.add("dtstart", _local_naive(onset, before))
    component.add("tzoffsetfrom", before)
    component.add("tzoffsetto", after)
    component.add("tzname", _tzname(after))
    return component


def vtimezone(start: datetime, end: datetime) -> Timezone:
    """Africa/Casablanca as observed between ``start`` and ``end`` (UTC instants)."""
    start = (start.astimezone(UTC) - TZ_MARGIN).replace(hour=0, minute=0, second=0, microsecond=0)
    end = end.astimezone(UTC) + TZ_MARGIN
    zone = Timezone()
    zone.add("tzid", TZID)
    initial = _offset(start)
    # The offset in force at the start of the span, so times before the first change are defined.
    zone.add_component(_observance(start, initial, initial))
    for onset, before, after in transitions(start, end):
        zone.add_component(_observance(onset, before, after))
    return zone


# --------------------------------------------------------------------------- events


def event_url(settings: EventsSettings, event: Event) -> str:
    """The event's public page on the website (MIM_PUBLIC_URL)."""
    return f"{settings.public_url}/events/{event.id}"


def organizer(settings: EventsSettings) -> vCalAddress:
    name, address = parseaddr(settings.mail_from)
    value = vCalAddress(f"mailto:{address or 'mornings@made-in-morocco.ma'}")
    value.params["CN"] = name or ORGANIZER_NAME
    return value


def _location(event: Event) -> str:
    return ", ".join(p for p in (event.venue, event.city) if p) or (event.online_url or "")


def _line(text: str) -> str:
    """One line of calendar text: an old row's control or bidi characters become spaces."""
    return header_value(text)


def _component(event: Event, settings: EventsSettings) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", f"event-{event.id}@{UID_DOMAIN}")
    # The event's last change, in UTC: the same file twice is byte-identical, and a calendar
    # app sees a newer DTSTAMP (with SEQUENCE) only when the event really changed.
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("last-modified", event.updated_at.astimezone(UTC))
    item.add("created", event.created_at.astimezone(UTC))
    item.add("sequence", event.sequence)
    item.add("summary", _line(event.title_fr))
    item.add("dtstart", clock.local(event.starts_at))
    item.add("dtend", clock.local(event.ends_at))
    description = "\n\n".join(t for t in (event.theme_fr, event.description_fr) if t)
    if description:
        item.add("description", description)
    location = _location(event)
    if location:
        item.add("location", _line(location))
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (event.latitude, event.longitude))
    item.add("url", event_url(settings, event))
    item.add("organizer", organizer(settings))
    cancelled = event.status == EventStatus.cancelled
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return item


def _calendar(
    name: str, events: Sequence[Event], *, settings: EventsSettings, method: str | None = None
) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", header_value(name))  # not escaped by icalendar: keep it one line
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    if events:
        cal.add_component(vtimezone(min(e.starts_at for e in events), max(e.ends_at for e in events)))
    for event in events:
        cal.add_component(_component(event, settings))
    return cal.to_ical()


def event_ics(event: Event, *, settings: EventsSettings) -> bytes:
    return _calendar(event.title_fr, [event], settings=settings, method="PUBLISH")


def attendee(email: str, name: str, *, partstat: str) -> vCalAddress:
    """The guest as an ATTENDEE: their address, their name (one line, no quotes), their answer."""
    value = vCalAddress(f"mailto:{email}")
    common_name = _line(name).replace('"', "'")
    if common_name:
        value.params["CN"] = common_name
    value.params["ROLE"] = "REQ-PARTICIPANT"
    value.params["PARTSTAT"] = partstat
    value.params["RSVP"] = "FALSE"
    return value


def guest_ics(
    event: Event,
    *,
    settings: EventsSettings,
    email: str,
    name: str = "",
    waitlisted: bool = False,
) -> tuple[bytes, str]:
    """The calendar file e-mailed to one guest, and its iTIP METHOD.

    ``REQUEST`` while the event is on (the same UID, and a higher SEQUENCE after a new time or
    place, so the guest's calendar app replaces its copy), ``CANCEL`` with ``STATUS:CANCELLED``
    once it is cancelled. Unlike the public file (``PUBLISH``), it names the guest as ATTENDEE
    beside the ORGANIZER (RFC 5546 wants both in a REQUEST or a CANCEL).
    """
    cancelled = event.status == EventStatus.cancelled
    method = "CANCEL" if cancelled else "REQUEST"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(vtimezone(event.starts_at, event.ends_at))
    item = _component(event, settings)
    partstat = "TENTATIVE" if waitlisted else "ACCEPTED"
    item.add("attendee", attendee(email, name, partstat=partstat))
    cal.add_component(item)
    return cal.to_ical(), method


def series_ics(name: str, events: Iterable[Event], *, settings: EventsSettings) -> bytes:
    return _calendar(name, list(events), settings=settings)
