"""Reading the calendar files e-mailed to guests: icalendar in Python, ical.js under node."""

from __future__ import annotations

import email.message
import json
import os
import subprocess
from typing import Any

from icalendar import Calendar

from tests.events.test_calendar_tz import ICALJS, TOOLS, _node


def calendar_part(message: email.message.EmailMessage) -> email.message.EmailMessage | None:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) <= 1
    return parts[0] if parts else None  # type: ignore[return-value]


def ics_of(message: email.message.EmailMessage) -> bytes:
    part = calendar_part(message)
    assert part is not None, f"no calendar file in {message['Subject']!r}"
    return part.get_payload(decode=True)  # type: ignore[no-any-return]


def with_icalendar(ics: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees] if attendees else []
    return {
        "method": str(calendar["METHOD"]),
        "uid": str(event["UID"]),
        "sequence": int(event["SEQUENCE"]),
        "status": str(event["STATUS"]),
        "organizer": str(event["ORGANIZER"]),
        "attendees": [str(a) for a in attendees],
        "partstat": [a.params.get("PARTSTAT") for a in attendees],
        "summary": str(event["SUMMARY"]),
        "start": event["DTSTART"].dt,
    }


def with_icaljs(ics: bytes) -> dict[str, Any]:
    result = subprocess.run(
        [_node(), str(TOOLS / "ics_itip.mjs")],
        input=ics,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "ICALJS_PATH": str(ICALJS)},
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)  # type: ignore[no-any-return]
