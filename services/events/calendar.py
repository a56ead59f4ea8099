"""iCalendar files: one event, or a subscribable feed per series.

Times are written as Africa/Casablanca wall-clock times with a VTIMEZONE built
from the tz database, so calendar apps get Morocco's switch between UTC+1 and
UTC+0 around Ramadan right (the rules change every year; a fixed offset would not).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from icalendar import Calendar
from icalendar import Event as IcsEvent

from services.events import clock
from services.events.models import Event, EventStatus

PRODID = "-//Club Made in Morocco//Events//FR"
UID_DOMAIN = "events.made-in-morocco.ma"


def _location(event: Event) -> str:
    return ", ".join(p for p in (event.venue, event.city) if p) or (event.online_url or "")


def _component(event: Event, *, url: str | None = None) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", f"event-{event.id}@{UID_DOMAIN}")
    item.add("dtstamp", event.updated_at)
    item.add("summary", event.title_fr)
    item.add("dtstart", clock.local(event.starts_at))
    item.add("dtend", clock.local(event.ends_at))
    description = "\n\n".join(t for t in (event.theme_fr, event.description_fr) if t)
    if description:
        item.add("description", description)
    location = _location(event)
    if location:
        item.add("location", location)
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if event.status == EventStatus.cancelled.value else "CONFIRMED")
    item.add("sequence", int(event.updated_at.timestamp()) // 60 % 2**31)
    return item


def _calendar(name: str, events: Iterable[Event], *, method: str | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Africa/Casablanca")
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for event in events:
        cal.add_component(_component(event))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_ics(event: Event) -> bytes:
    return _calendar(event.title_fr, [event], method="PUBLISH")


def series_ics(name: str, events: Iterable[Event]) -> bytes:
    return _calendar(name, events)
