"""The event page's answer cache (services/common/answer_cache.py): answered from memory to
anonymous callers, never after a write (API, another app instance, raw SQL, a seat taken),
never to or from an organiser, and never past the moment the clock changes the page (RSVPs
open, close, the event ends)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text

from services.common.db import make_sync_engine
from services.events import clock
from services.events.config import EventsSettings
from services.events.main import create_app
from tests.conftest import asgi_client
from tests.events.conftest import STAFF, create_published_event, event_payload, guest, rsvp_and_confirm

ROUTE = "/events/{event_id}"


def _counts(app) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    counts = app.state.answer_cache.counts_for(ROUTE)
    return counts.hits, counts.misses


async def _page(client: httpx.AsyncClient, event_id: int, **headers: str) -> httpx.Response:
    response = await client.get(f"/events/{event_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response


async def test_a_repeated_event_page_is_served_from_the_cache_and_304_still_works(
    events_app, events_client: httpx.AsyncClient
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    first = await _page(events_client, event["id"])
    again = await _page(events_client, event["id"])
    assert _counts(events_app) == (1, 1)
    assert again.content == first.content
    assert [(k, v) for k, v in again.headers.items() if k != "x-request-id"] == [
        (k, v) for k, v in first.headers.items() if k != "x-request-id"
    ]
    conditional = await events_client.get(
        f"/events/{event['id']}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert conditional.status_code == 304 and conditional.headers["etag"] == first.headers["etag"]
    metrics = (await events_client.get("/metrics")).text
    assert 'events_answer_cache_requests_total{outcome="hit",route="/events/{event_id}"} 2.0' in metrics
    assert 'events_answer_cache_requests_total{outcome="miss",route="/events/{event_id}"} 1.0' in metrics


async def test_writes_through_the_api_are_seen_at_once(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    await _page(events_client, event["id"])
    edited = await events_client.patch(
        f"/events/{event['id']}",
        json={"venue": "Nouvelle salle", "panels": [{"title": {"fr": "Seul panel"}}]},
        headers=STAFF,
    )
    assert edited.status_code == 200, edited.text
    for _ in range(2):
        page = (await _page(events_client, event["id"])).json()
        assert page["venue"] == "Nouvelle salle" and [p["title"]["fr"] for p in page["panels"]] == [
            "Seul panel"
        ]
    # A seat taken by a guest changes the seats shown.
    await rsvp_and_confirm(events_client, event["id"], guest(1))
    assert (await _page(events_client, event["id"])).json()["seats"]["confirmed"] == 1
    # Cancelled: the cached page says so at once.
    cancelled = await events_client.post(
        f"/events/{event['id']}/cancel", json={"reason": "Intempéries"}, headers=STAFF
    )
    assert cancelled.status_code == 200, cancelled.text
    page = (await _page(events_client, event["id"])).json()
    assert page["status"] == "cancelled" and page["rsvp"]["closed_code"] == "event-cancelled"


async def test_writes_by_another_instance_and_raw_sql_are_seen_at_once(
    events_url: str, events_settings: EventsSettings, events_client: httpx.AsyncClient
) -> None:
    event = await create_published_event(events_client)
    await _page(events_client, event["id"])
    await _page(events_client, event["id"])
    other = create_app(events_settings)
    try:
        async with asgi_client(other) as second:
            response = await second.patch(f"/events/{event['id']}", json={"capacity": 80}, headers=STAFF)
            assert response.status_code == 200, response.text
    finally:
        await other.state.engine.dispose()
    assert (await _page(events_client, event["id"])).json()["seats"]["capacity"] == 80
    engine = make_sync_engine(events_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE event SET city = 'Tanger' WHERE id = :id"), {"id": event["id"]})
        assert (await _page(events_client, event["id"])).json()["city"] == "Tanger"
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO partner (event_id, position, name, kind) "
                    "VALUES (:id, 0, 'Partenaire SQL', 'sponsor')"
                ),
                {"id": event["id"]},
            )
        assert [p["name"] for p in (await _page(events_client, event["id"])).json()["partners"]] == [
            "Partenaire SQL"
        ]
    finally:
        engine.dispose()


async def test_an_organiser_never_gets_nor_fills_the_anonymous_page(
    events_app, events_client: httpx.AsyncClient
) -> None:  # type: ignore[no-untyped-def]
    draft = await events_client.post("/events", json=event_payload(), headers=STAFF)
    assert draft.status_code == 201, draft.text
    event_id = draft.json()["id"]
    for _ in range(2):
        staff = await _page(events_client, event_id, authorization=STAFF["Authorization"])
        assert staff.json()["status"] == "draft"
        assert staff.headers["cache-control"] == "private, no-cache"
        assert (await events_client.get(f"/events/{event_id}")).status_code == 404
    assert _counts(events_app) == (0, 2)  # the 404s were computed, never kept
    published = await events_client.post(f"/events/{event_id}/publish", headers=STAFF)
    assert published.status_code == 200
    await _page(events_client, event_id)
    await _page(events_client, event_id)
    assert _counts(events_app) == (1, 3)
    staff = await _page(events_client, event_id, authorization=STAFF["Authorization"])
    assert staff.headers["cache-control"] == "private, no-cache"
    assert _counts(events_app) == (1, 3)


async def test_the_page_changes_when_rsvps_open_close_and_the_event_ends(
    events_client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_now = clock.now().replace(microsecond=0)
    opens = real_now + timedelta(days=2)
    starts = real_now + timedelta(days=5)
    event = await create_published_event(
        events_client,
        starts_at=starts.isoformat(),
        ends_at=(starts + timedelta(hours=2)).isoformat(),
        rsvp_opens_at=opens.isoformat(),
    )
    moment = opens - timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: moment)

    async def rsvp() -> dict:  # type: ignore[type-arg]
        return (await _page(events_client, event["id"])).json()["rsvp"]  # type: ignore[no-any-return]

    for _ in range(2):
        assert (await rsvp())["closed_code"] == "rsvp-not-open"
    moment = opens  # RSVPs open at that very second, with no write
    for _ in range(2):
        assert (await rsvp())["is_open"] is True
    moment = starts - timedelta(microseconds=1)
    assert (await rsvp())["is_open"] is True
    moment = starts  # closing time (the start, when no closing time is set)
    for _ in range(2):
        assert (await rsvp())["closed_code"] == "rsvp-closed"
    ends = starts + timedelta(hours=2)
    moment = ends - timedelta(seconds=1)
    assert (await _page(events_client, event["id"])).json()["is_past"] is False
    moment = ends  # over: closed for good, is_past flips just after
    page = (await _page(events_client, event["id"])).json()
    assert page["rsvp"]["closed_code"] == "event-past" and page["is_past"] is False
    moment = ends + timedelta(microseconds=1)
    for _ in range(2):
        assert (await _page(events_client, event["id"])).json()["is_past"] is True
