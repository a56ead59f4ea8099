"""Organisers create, edit, publish and cancel; the public never sees drafts."""

from __future__ import annotations

import httpx

from tests.events.conftest import STAFF, create_published_event, event_payload
from tests.support.tokens import bearer


async def test_create_is_a_draft_invisible_until_published(events_client: httpx.AsyncClient) -> None:
    payload = event_payload(
        panels=[
            {
                "title": {"fr": "Panel export"},
                "speakers": [{"name": "Amina Tazi", "role": "Directrice", "organisation": "Atlas SA"}],
            },
            {"title": {"fr": "Panel brevets"}},
        ],
        speakers=[{"name": "Keynote Fictif"}],
        partners=[{"name": "CGEM", "kind": "partner", "url": "https://example.org"}],
    )
    created = await events_client.post("/events", json=payload, headers=STAFF)
    assert created.status_code == 201, created.text
    event = created.json()
    assert event["status"] == "draft"
    assert [p["title"]["fr"] for p in event["panels"]] == ["Panel export", "Panel brevets"]
    assert event["panels"][0]["speakers"][0]["name"] == "Amina Tazi"
    assert [s["name"] for s in event["speakers"]] == ["Keynote Fictif"]
    assert event["slug"].startswith("morning-de-test-")

    assert (await events_client.get(f"/events/{event['id']}")).status_code == 404
    assert (await events_client.get(f"/events/{event['id']}", headers=STAFF)).status_code == 200
    rsvp = await events_client.post(
        f"/events/{event['id']}/rsvps",
        json={"name": "A", "email": "a@example.ma", "consent": True},
    )
    assert rsvp.status_code == 404

    published = await events_client.post(f"/events/{event['id']}/publish", headers=STAFF)
    assert published.json()["status"] == "published"
    assert (await events_client.get(f"/events/{event['id']}")).status_code == 200


async def test_writes_need_a_staff_token(events_client: httpx.AsyncClient) -> None:
    assert (await events_client.post("/events", json=event_payload())).status_code == 401
    exporter = bearer("exporter", exporter_id=3)
    assert (await events_client.post("/events", json=event_payload(), headers=exporter)).status_code == 403
    read_only = bearer("organiser", scope="read")
    assert (await events_client.post("/events", json=event_payload(), headers=read_only)).status_code == 403


async def test_edit_replaces_programme_and_keeps_times_consistent(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    edited = await events_client.patch(
        f"/events/{event['id']}",
        json={"venue": "Nouvelle salle", "panels": [{"title": {"fr": "Seul panel"}}]},
        headers=STAFF,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["venue"] == "Nouvelle salle"
    assert [p["title"]["fr"] for p in edited.json()["panels"]] == ["Seul panel"]
    bad = await events_client.patch(
        f"/events/{event['id']}", json={"ends_at": "2000-01-01T00:00:00Z"}, headers=STAFF
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "ends_at"


async def test_naive_times_are_casablanca_wall_clock(events_client: httpx.AsyncClient) -> None:
    created = await events_client.post(
        "/events",
        json=event_payload(starts_at="2031-07-10T08:30:00", ends_at="2031-07-10T10:30:00"),
        headers=STAFF,
    )
    body = created.json()
    assert body["starts_at"].startswith("2031-07-10T07:30:00")  # UTC+1 in July
    assert body["local"]["starts_at"] == "2031-07-10T08:30:00+01:00"


async def test_invalid_input_is_a_422_naming_the_field(events_client: httpx.AsyncClient) -> None:
    response = await events_client.post(
        "/events", json=event_payload(capacity=-1, region_code="XX-99"), headers=STAFF
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"capacity", "region_code"}
    response = await events_client.post("/events", json=event_payload(series="no-such-series"), headers=STAFF)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "series"


async def test_series_creation_and_duplicate_slug(events_client: httpx.AsyncClient) -> None:
    body = {"slug": "rencontres-regionales", "name": {"fr": "Rencontres régionales"}, "cadence": "annual"}
    assert (await events_client.post("/series", json=body, headers=STAFF)).status_code == 201
    again = await events_client.post("/series", json=body, headers=STAFF)
    assert again.status_code == 409
    event = await create_published_event(events_client, series="rencontres-regionales")
    assert event["series"]["slug"] == "rencontres-regionales"


async def test_cancelled_event_cannot_be_republished(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    cancelled = await events_client.post(
        f"/events/{event['id']}/cancel", json={"reason": "Salle indisponible"}, headers=STAFF
    )
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancellation_reason"] == "Salle indisponible"
    again = await events_client.post(f"/events/{event['id']}/publish", headers=STAFF)
    assert again.status_code == 409
    # Cancelled events stay visible to the public, marked as such.
    assert (await events_client.get(f"/events/{event['id']}")).json()["status"] == "cancelled"


async def test_null_clears_optional_fields_and_is_ignored_for_required_ones(
    events_client: httpx.AsyncClient,
) -> None:
    event = await create_published_event(events_client)
    edited = await events_client.patch(
        f"/events/{event['id']}",
        json={"venue": None, "title": None, "region_code": None, "starts_at": None},
        headers=STAFF,
    )
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["venue"], body["region_code"]) == ("Salle Atlas", None)
    assert body["title"] == event["title"] and body["starts_at"] == event["starts_at"]
