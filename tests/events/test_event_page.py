"""An event page worth reading (#16.4): speakers' photos and roles per language, the venue on a map."""

from __future__ import annotations

import httpx
import pytest
from icalendar import Calendar

from tests.events.conftest import STAFF, create_published_event, event_payload

PHOTO = "https://images.example.ma/speakers/nadia.jpg"
CASABLANCA = {"latitude": 33.5731, "longitude": -7.5898}


def _speaker(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "name": "Nadia Benjelloun",
        "role": "Directrice export",
        "role_en": "Export director",
        "role_ar": "مديرة التصدير",
        "organisation": "Atlas Textiles",
        "photo_url": PHOTO,
    }
    body.update(overrides)
    return body


async def _refused(client: httpx.AsyncClient, body: dict) -> set[str]:  # type: ignore[type-arg]
    """The fields a new event with ``body`` is refused for."""
    return {field for field, _ in _field_errors(await client.post("/events", json=body, headers=STAFF))}


def _field_errors(response: httpx.Response) -> set[tuple[str, str]]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return {(e["field"], e["code"]) for e in response.json()["errors"]}


async def test_programme_speakers_and_place_round_trip(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(
        events_client,
        **CASABLANCA,
        speakers=[_speaker()],
        panels=[
            {"title": {"fr": "Financer l'export", "ar": "تمويل التصدير"}, "speakers": [_speaker(name="Omar")]}
        ],
        partners=[{"name": "ASMEX", "kind": "partner", "url": "https://www.asmex.org"}],
    )
    keynote = event["speakers"][0]
    assert keynote["role"] == "Directrice export"
    roles = {"fr": "Directrice export", "en": "Export director", "ar": "مديرة التصدير"}
    assert keynote["role_localized"] == roles
    assert keynote["photo_url"] == PHOTO
    assert event["panels"][0]["speakers"][0]["name"] == "Omar"
    assert event["map"] == {
        "latitude": 33.5731,
        "longitude": -7.5898,
        "openstreetmap_url": "https://www.openstreetmap.org/?mlat=33.573100&mlon=-7.589800#map=17/33.573100/-7.589800",
        "geo_uri": "geo:33.573100,-7.589800",
    }
    public = (await events_client.get(f"/events/{event['id']}")).json()
    assert public["map"] == event["map"] and public["speakers"][0]["photo_url"] == PHOTO

    ics = Calendar.from_ical((await events_client.get(f"/events/{event['id']}/calendar.ics")).content)
    (vevent,) = ics.walk("VEVENT")
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (33.5731, -7.5898)
    assert str(vevent["LOCATION"]) == "Salle Atlas, Casablanca"


async def test_moving_the_venue_on_the_map_is_a_new_sequence_and_clearing_it_removes_geo(
    events_client: httpx.AsyncClient,
) -> None:
    event = await create_published_event(events_client, **CASABLANCA)
    moved = await events_client.patch(
        f"/events/{event['id']}", json={"latitude": 34.0209, "longitude": -6.8416}, headers=STAFF
    )
    assert moved.status_code == 200, moved.text
    ics = Calendar.from_ical((await events_client.get(f"/events/{event['id']}/calendar.ics")).content)
    (vevent,) = ics.walk("VEVENT")
    assert vevent["SEQUENCE"] == 1 and vevent["GEO"].latitude == 34.0209
    # Renaming a speaker is no calendar change: the SEQUENCE stays.
    same = await events_client.patch(f"/events/{event['id']}", json={"speakers": [_speaker()]}, headers=STAFF)
    assert same.status_code == 200
    cleared = await events_client.patch(
        f"/events/{event['id']}", json={"latitude": None, "longitude": None}, headers=STAFF
    )
    assert cleared.status_code == 200 and cleared.json()["map"] is None
    ics = Calendar.from_ical((await events_client.get(f"/events/{event['id']}/calendar.ics")).content)
    (vevent,) = ics.walk("VEVENT")
    assert "GEO" not in vevent and vevent["SEQUENCE"] == 2


@pytest.mark.parametrize(
    "photo_url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "http://images.example.ma/a.jpg",  # the page is https: no mixed content
        "https://user:pw@images.example.ma/a.jpg",
        "https://images.example.ma/a b.jpg",
        "https://images.example.ma/a\n.jpg",
        " https://",
        "//images.example.ma/a.jpg",
        "https://images.example.ma/" + "a" * 500,
        "https://images.example.ma\\@evil.example/a.jpg",
    ],
)
async def test_a_speaker_photo_must_be_a_plain_https_address(
    events_client: httpx.AsyncClient, photo_url: str
) -> None:
    response = await events_client.post(
        "/events", json=event_payload(speakers=[_speaker(photo_url=photo_url)]), headers=STAFF
    )
    assert {field for field, _ in _field_errors(response)} == {"speakers.0.photo_url"}


async def test_hostile_partner_address_and_roles_are_refused(events_client: httpx.AsyncClient) -> None:
    bad_partner = event_payload(partners=[{"name": "X", "url": "javascript:alert(1)"}])
    assert await _refused(events_client, bad_partner) == {"partners.0.url"}
    hidden = event_payload(speakers=[_speaker(role_ar="مديرة\u202e")])
    assert _field_errors(await events_client.post("/events", json=hidden, headers=STAFF)) == {
        ("speakers.0.role_ar", "invalid-character")
    }
    long_role = event_payload(speakers=[_speaker(role_en="x" * 201)])
    assert _field_errors(await events_client.post("/events", json=long_role, headers=STAFF)) == {
        ("speakers.0.role_en", "too-long")
    }


@pytest.mark.parametrize(
    ("place", "errors"),
    [
        ({"latitude": 90.0001, "longitude": 0}, {"latitude"}),
        ({"latitude": -91, "longitude": 0}, {"latitude"}),
        ({"latitude": 33.5, "longitude": 180.5}, {"longitude"}),
        ({"latitude": 33.5, "longitude": -1e308}, {"longitude"}),
        ({"latitude": "33.5", "longitude": "-7.5"}, {"latitude", "longitude"}),
        ({"latitude": True, "longitude": -7.5}, {"latitude"}),
        ({"latitude": 33.5}, {"body"}),  # one without the other (a rule of the whole body)
    ],
)
async def test_out_of_range_or_half_coordinates_are_refused(
    events_client: httpx.AsyncClient, place: dict, errors: set[str]
) -> None:  # type: ignore[type-arg]
    response = await events_client.post("/events", json=event_payload(**place), headers=STAFF)
    assert {field for field, _ in _field_errors(response)} == errors


async def test_non_finite_coordinates_are_refused(events_client: httpx.AsyncClient) -> None:
    body = '{"latitude": NaN, "longitude": 1}'
    payload = event_payload()
    text = httpx.Request("POST", "/", json=payload).content.decode()[:-1] + ", " + body[1:]
    response = await events_client.post(
        "/events", content=text, headers={**STAFF, "content-type": "application/json"}
    )
    assert {field for field, _ in _field_errors(response)} == {"latitude"}


async def test_a_half_place_on_edit_is_refused_and_nothing_changes(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    response = await events_client.patch(f"/events/{event['id']}", json={"latitude": 33.5}, headers=STAFF)
    assert _field_errors(response) == {("longitude", "coordinates-pair")}
    after = (await events_client.get(f"/events/{event['id']}")).json()
    assert after["map"] is None and after == {**event, "seats": after["seats"], "rsvp": after["rsvp"]}


async def test_huge_lists_are_refused_whole(events_client: httpx.AsyncClient) -> None:
    too_many = event_payload(speakers=[_speaker(name=f"S{i}") for i in range(51)])
    assert await _refused(events_client, too_many) == {"speakers"}
    panels = event_payload(panels=[{"title": {"fr": f"P{i}"}} for i in range(31)])
    assert await _refused(events_client, panels) == {"panels"}
    crowded = event_payload(panels=[{"title": {"fr": "P"}, "speakers": [_speaker()] * 51}])
    assert await _refused(events_client, crowded) == {"panels.0.speakers"}
