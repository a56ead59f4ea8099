"""Calendar files give the right instant in every calendar app, and say what changed.

The files are read back by parsers that use the file's own VTIMEZONE, not the zone's name:
- ical.js under node (the parser behind Thunderbird and many web calendars);
- icalendar's own VTIMEZONE transitions (``Timezone.get_transitions``);
- dateutil's ``tzical`` (what icalendar's ``to_tz(lookup_tzid=False)`` and many scripts use).
Ramadan moves Morocco from UTC+1 to UTC+0 on dates set each year (2026: 15 Feb - 22 Mar,
2027: 7 Feb - 14 Mar in the tz database), so a Morning at 08:30 is 07:30 or 08:30 UTC.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from dateutil import tz as dateutil_tz
from icalendar import Calendar
from sqlmodel import select

from services.events import clock
from services.events.models import Event, EventSeries, EventStatus, Rsvp
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest
from tests.support.tools import require_tool

TOOLS = Path(__file__).resolve().parents[1] / "tools"
NODE_DIR = TOOLS / "node"
ICALJS = NODE_DIR / "node_modules" / "ical.js" / "dist" / "ical.es5.cjs"

# (Casablanca wall clock of a Morning, the UTC instant it is)
MORNINGS = [
    ((2026, 2, 10, 8, 30), datetime(2026, 2, 10, 7, 30, tzinfo=UTC)),  # before Ramadan 2026: UTC+1
    ((2026, 3, 1, 8, 30), datetime(2026, 3, 1, 8, 30, tzinfo=UTC)),  # Ramadan 2026: UTC+0
    ((2026, 4, 2, 8, 30), datetime(2026, 4, 2, 7, 30, tzinfo=UTC)),  # after Ramadan 2026
    ((2026, 12, 10, 8, 30), datetime(2026, 12, 10, 7, 30, tzinfo=UTC)),  # December 2026
    ((2027, 2, 6, 8, 30), datetime(2027, 2, 6, 7, 30, tzinfo=UTC)),  # the eve of Ramadan 2027
    ((2027, 2, 20, 8, 30), datetime(2027, 2, 20, 8, 30, tzinfo=UTC)),  # Ramadan 2027: UTC+0
    ((2027, 3, 13, 8, 30), datetime(2027, 3, 13, 8, 30, tzinfo=UTC)),  # last day of it
    ((2027, 4, 1, 8, 30), datetime(2027, 4, 1, 7, 30, tzinfo=UTC)),  # after Ramadan 2027
]


def test_the_test_data_agrees_with_the_tz_database() -> None:
    for wall, instant in MORNINGS:
        assert clock.casablanca(*wall) == instant


# --------------------------------------------------------------------------- parsers


def _node() -> str:
    node = require_tool("node")
    if not ICALJS.exists():
        npm = shutil.which("npm")
        assert npm, "npm is missing: cannot install ical.js (npm ci --prefix tests/tools/node)"
        subprocess.run(
            [npm, "ci", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return node


def icaljs_instants(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    result = subprocess.run(
        [_node(), str(TOOLS / "ics_instants.mjs")],
        input=ics,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "ICALJS_PATH": str(ICALJS)},
    )
    assert result.returncode == 0, result.stderr.decode()
    return {
        row["uid"]: (
            datetime.fromisoformat(row["start"].replace("Z", "+00:00")),
            datetime.fromisoformat(row["end"].replace("Z", "+00:00")),
        )
        for row in json.loads(result.stdout)
    }


def _local(component, name: str) -> datetime:  # type: ignore[no-untyped-def]
    prop = component[name]
    assert prop.params["TZID"] == "Africa/Casablanca"
    return prop.dt.replace(tzinfo=None)  # type: ignore[no-any-return]


def icalendar_instants(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    """Local times resolved with icalendar's own reading of the VTIMEZONE's transitions."""
    calendar = Calendar.from_ical(ics)
    (zone,) = calendar.walk("VTIMEZONE")
    times, infos = zone.get_transitions()
    onsets = [t.replace(tzinfo=UTC) for t in times]
    offsets = [info[0] for info in infos]

    def to_utc(local: datetime) -> datetime:
        for i in reversed(range(len(onsets))):
            candidate = local.replace(tzinfo=UTC) - offsets[i]
            if candidate >= onsets[i]:
                return candidate
        raise AssertionError(f"{local} is before the VTIMEZONE's first observance")

    return {
        str(ev["UID"]): (to_utc(_local(ev, "DTSTART")), to_utc(_local(ev, "DTEND")))
        for ev in calendar.walk("VEVENT")
    }


def dateutil_instants(ics: bytes) -> dict[str, tuple[datetime, datetime]]:
    zones = dateutil_tz.tzical(io.StringIO(ics.decode()))
    assert zones.keys() == ["Africa/Casablanca"]
    zone = zones.get("Africa/Casablanca")
    calendar = Calendar.from_ical(ics)
    return {
        str(ev["UID"]): tuple(  # type: ignore[misc]
            _local(ev, name).replace(tzinfo=zone).astimezone(UTC) for name in ("DTSTART", "DTEND")
        )
        for ev in calendar.walk("VEVENT")
    }


PARSERS = {"ical.js": icaljs_instants, "icalendar": icalendar_instants, "dateutil": dateutil_instants}


# --------------------------------------------------------------------------- fixtures


async def _insert_mornings(events_app) -> dict[str, datetime]:  # type: ignore[no-untyped-def]
    """A series with a Morning on each date (written straight to the database: some are past)."""

    async def insert(session):  # type: ignore[no-untyped-def]
        series = EventSeries(slug="mornings", name_fr="Les Mornings")
        session.add(series)
        await session.flush()
        expected = {}
        for n, (_wall, instant) in enumerate(MORNINGS):
            event = Event(
                series_id=series.id,
                slug=f"morning-{n}",
                title_fr=f"Morning {n}",
                starts_at=instant,
                ends_at=instant + timedelta(hours=2),
                venue="Salle Atlas",
                city="Casablanca",
                capacity=100,
                status=EventStatus.published.value,
            )
            session.add(event)
            await session.flush()
            expected[f"event-{event.id}@events.made-in-morocco.ma"] = instant
        return expected

    return await run_in_session(events_app, insert)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- instants


@pytest.mark.parametrize("parser", sorted(PARSERS))
async def test_series_feed_instants_inside_and_outside_ramadan(
    events_app, events_client: httpx.AsyncClient, parser: str
) -> None:  # type: ignore[no-untyped-def]
    expected = await _insert_mornings(events_app)
    feed = await events_client.get("/series/mornings/calendar.ics")
    assert feed.status_code == 200
    got = PARSERS[parser](feed.content)
    assert {uid: start for uid, (start, _) in got.items()} == expected
    assert all(end - start == timedelta(hours=2) for start, end in got.values())


@pytest.mark.parametrize("parser", sorted(PARSERS))
async def test_single_event_files_instants(events_app, events_client: httpx.AsyncClient, parser: str) -> None:  # type: ignore[no-untyped-def]
    expected = await _insert_mornings(events_app)
    for uid, instant in expected.items():
        event_id = uid.removeprefix("event-").partition("@")[0]
        ics = (await events_client.get(f"/events/{event_id}/calendar.ics")).content
        assert PARSERS[parser](ics) == {uid: (instant, instant + timedelta(hours=2))}


async def test_vtimezone_has_every_tz_database_transition_of_the_span(
    events_app, events_client: httpx.AsyncClient
) -> None:  # type: ignore[no-untyped-def]
    await _insert_mornings(events_app)
    ics = (await events_client.get("/series/mornings/calendar.ics")).content
    (zone,) = Calendar.from_ical(ics).walk("VTIMEZONE")
    assert "RRULE" not in zone.to_ical().decode(), "Morocco's switches follow no rule"
    times, infos = zone.get_transitions()
    onsets = [t.replace(tzinfo=UTC) for t in times]
    # Hour by hour over the span the file covers: the file's offset is the tz database's.
    hour = max(onsets[0], min(i for _, i in MORNINGS) - timedelta(days=30))
    end = max(i for _, i in MORNINGS) + timedelta(days=30)
    while hour < end:
        index = max(i for i, onset in enumerate(onsets) if onset <= hour)
        assert infos[index][0] == hour.astimezone(clock.CASABLANCA).utcoffset(), hour
        hour += timedelta(hours=1)
    changes = {t.date() for t in times[1:]}
    for switch in ("2026-02-15", "2026-03-22", "2027-02-07", "2027-03-14"):
        assert datetime.fromisoformat(switch).date() in changes, switch


# ------------------------------------------------------------------ URL, ORGANIZER, DTSTAMP, SEQUENCE


def _vevent(ics: bytes):  # type: ignore[no-untyped-def]
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    return event


async def test_url_organizer_dtstamp_sequence_and_cancellation(
    events_app, events_client: httpx.AsyncClient
) -> None:  # type: ignore[no-untyped-def]
    settings = events_app.state.settings
    event = await create_published_event(events_client)
    path = f"/events/{event['id']}/calendar.ics"
    first = (await events_client.get(path)).content
    assert first == (await events_client.get(path)).content, "the same event gives the same bytes"
    item = _vevent(first)
    assert str(item["URL"]) == f"{settings.public_url}/events/{event['id']}"
    assert str(item["ORGANIZER"]) == "mailto:mornings@made-in-morocco.ma"
    assert item["ORGANIZER"].params["CN"] == "Club Made in Morocco"
    assert item["SEQUENCE"] == 0 and str(item["STATUS"]) == "CONFIRMED"
    stamp = item["DTSTAMP"].dt
    assert stamp.utcoffset() == timedelta(0) and b"DTSTAMP:" in first and b"Z\r\n" in first

    retitled = await events_client.patch(
        f"/events/{event['id']}", json={"title": {"fr": "Nouveau titre"}}, headers=STAFF
    )
    assert retitled.status_code == 200, retitled.text
    item = _vevent((await events_client.get(path)).content)
    assert item["SEQUENCE"] == 0, "a new title is not a new time or place"
    assert item["DTSTAMP"].dt >= stamp

    later = datetime.fromisoformat(event["starts_at"].replace("Z", "+00:00")) + timedelta(hours=1)
    moved = await events_client.patch(
        f"/events/{event['id']}",
        json={"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=2)).isoformat()},
        headers=STAFF,
    )
    assert moved.status_code == 200, moved.text
    item = _vevent((await events_client.get(path)).content)
    assert item["SEQUENCE"] == 1
    assert item["DTSTART"].dt.astimezone(UTC) == later
    assert item["DTSTAMP"].dt >= stamp

    replaced = await events_client.patch(f"/events/{event['id']}", json={"venue": "Salle Rif"}, headers=STAFF)
    assert replaced.status_code == 200, replaced.text
    assert _vevent((await events_client.get(path)).content)["SEQUENCE"] == 2

    answer = await events_client.post(f"/events/{event['id']}/rsvps", json=guest(7))
    assert answer.status_code in (200, 201, 202), answer.text

    async def token(session):  # type: ignore[no-untyped-def]
        return (await session.exec(select(Rsvp.manage_token))).one()

    manage_token = await run_in_session(events_app, token)
    cancelled = await events_client.post(
        f"/events/{event['id']}/cancel", json={"reason": "Salle indisponible"}, headers=STAFF
    )
    assert cancelled.status_code == 200, cancelled.text
    for ics_path in (path, f"/rsvps/{manage_token}/calendar.ics"):
        item = _vevent((await events_client.get(ics_path)).content)
        assert str(item["STATUS"]) == "CANCELLED", ics_path
        assert item["SEQUENCE"] == 3, ics_path
