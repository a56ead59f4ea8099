"""Names and titles people read: no line breaks, no bidi overrides, no zero-width tricks (#19.1, #19.9)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import update

from services.events.models import Event
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, event_payload, guest


def _field_error(response: httpx.Response) -> tuple[str, str]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    return error["field"], error["type"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": {"fr": "T\r\nX"}}, "title.fr", "control_character"),
        ({"title": {"fr": "Morning", "ar": "لقاء\u202e"}}, "title.ar", "format_character"),
        ({"theme": {"fr": "Une\nquestion"}}, "theme.fr", "control_character"),
        ({"venue": "Salle\u200bAtlas"}, "venue", "format_character"),
        ({"city": "Casa\tblanca"}, "city", "control_character"),
        ({"speakers": [{"name": "Dr\u2066 X"}]}, "speakers.0.name", "format_character"),
        ({"partners": [{"name": "P\r\nBcc: x"}]}, "partners.0.name", "control_character"),
        ({"panels": [{"title": {"fr": "Panel\u202d"}}]}, "panels.0.title.fr", "format_character"),
        ({"description": {"fr": "Para\u202e"}}, "description.fr", "format_character"),
    ],
)
async def test_event_text_with_hidden_characters_is_refused(
    events_client: httpx.AsyncClient, overrides: dict, field: str, code: str
) -> None:  # type: ignore[type-arg]
    response = await events_client.post("/events", json=event_payload(**overrides), headers=STAFF)
    assert _field_error(response) == (field, code)


async def test_descriptions_keep_their_paragraphs_and_titles_are_nfc(
    events_client: httpx.AsyncClient,
) -> None:
    created = await events_client.post(
        "/events",
        json=event_payload(
            title={"fr": "Cafe\u0301 export", "ar": "لقاء"},
            description={"fr": "Premier paragraphe.\r\n\r\nSecond."},
        ),
        headers=STAFF,
    )
    assert created.status_code == 201, created.text
    assert created.json()["title"]["fr"] == "Caf\u00e9 export"
    assert created.json()["description"]["fr"] == "Premier paragraphe.\n\nSecond."


async def test_series_name_and_cancel_reason_are_checked(events_client: httpx.AsyncClient) -> None:
    series = await events_client.post(
        "/series", json={"slug": "s-bidi", "name": {"fr": "Les \u202eImpériales"}}, headers=STAFF
    )
    assert _field_error(series) == ("name.fr", "format_character")
    event = await create_published_event(events_client)
    cancel = await events_client.post(
        f"/events/{event['id']}/cancel", json={"reason": "Plu\u200bie"}, headers=STAFF
    )
    assert _field_error(cancel) == ("reason", "format_character")


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"name": "Amina\r\nBcc: all@example.ma"}, "name", "control_character"),
        ({"name": "Amina \u202eadmin"}, "name", "format_character"),
        ({"organisation": "Coop\u200b"}, "organisation", "format_character"),
    ],
)
async def test_rsvp_name_and_organisation_are_checked(
    events_client: httpx.AsyncClient, overrides: dict, field: str, code: str
) -> None:  # type: ignore[type-arg]
    event = await create_published_event(events_client)
    response = await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1, **overrides))
    assert _field_error(response) == (field, code)


async def test_arabic_and_persian_joiners_are_accepted(events_client: httpx.AsyncClient) -> None:
    name = "نرگس می\u200cخواهد"
    created = await events_client.post(
        "/events",
        json=event_payload(title={"fr": "Morning", "ar": "لقاء\u200cتجريبي"}, speakers=[{"name": name}]),
        headers=STAFF,
    )
    assert created.status_code == 201, created.text
    assert created.json()["speakers"][0]["name"] == name
    assert created.json()["title"]["ar"] == "لقاء\u200cتجريبي"


async def test_calendar_of_an_old_event_with_a_line_break_in_its_title_answers(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)

    async def poison(session):  # type: ignore[no-untyped-def]
        # Written before the API refused it (old data): the ICS must still answer.
        await session.exec(
            update(Event)
            .where(Event.id == event["id"])
            .values(title_fr="T\r\nPOISON:1", venue="Salle\r\nPOISON:2")
        )

    await run_in_session(events_app, poison)
    response = await events_client.get(f"/events/{event['id']}/calendar.ics")
    assert response.status_code == 200, response.text
    lines = response.text.split("\r\n")
    assert not any(line.startswith("POISON") for line in lines), "a line break opened a new line"
    summary = next(line for line in lines if line.startswith("SUMMARY"))
    assert summary.startswith("SUMMARY:T")
