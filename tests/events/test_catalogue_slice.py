"""Series and events reads over a real (clean) database with the demo programme."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import httpx
import pytest

from services.events.demo import MORNING_THEMES, MORNINGS_SLUG, _mornings_dates
from tests.conftest import run_in_session

pytestmark = pytest.mark.usefixtures("events_demo")


async def test_series_lists_the_mornings_the_national_day_and_moroccotech(
    events_client: httpx.AsyncClient,
) -> None:
    response = await events_client.get("/series")
    assert response.status_code == 200
    series = {s["slug"]: s for s in response.json()}
    assert set(series) == {MORNINGS_SLUG, "journee-nationale-industrie", "moroccotech"}
    assert series[MORNINGS_SLUG]["cadence"] == "monthly"
    assert series[MORNINGS_SLUG]["organiser"] == "Les Impériales"
    one = await events_client.get(f"/series/{MORNINGS_SLUG}")
    assert one.json()["name"]["fr"] == series[MORNINGS_SLUG]["name"]["fr"]


async def test_events_come_upcoming_first_then_past_most_recent_first(
    events_client: httpx.AsyncClient,
) -> None:
    body = (await events_client.get("/events", params={"per_page": 100})).json()
    assert body["total"] == len(body["items"]) > 5
    flags = [e["is_past"] for e in body["items"]]
    assert flags == sorted(flags), "upcoming events must all come before past ones"
    upcoming = [datetime.fromisoformat(e["starts_at"]) for e in body["items"] if not e["is_past"]]
    past = [datetime.fromisoformat(e["starts_at"]) for e in body["items"] if e["is_past"]]
    assert upcoming == sorted(upcoming)
    assert past == sorted(past, reverse=True)
    assert body["items"][-1]["slug"] == "moroccotech-launch-2022"


async def test_filters_by_series_and_by_past_or_upcoming(events_client: httpx.AsyncClient) -> None:
    mornings = (await events_client.get("/events", params={"series": MORNINGS_SLUG, "per_page": 100})).json()
    assert mornings["items"] and all(e["series"]["slug"] == MORNINGS_SLUG for e in mornings["items"])
    past = (await events_client.get("/events", params={"series": MORNINGS_SLUG, "when": "past"})).json()
    upcoming = (
        await events_client.get("/events", params={"series": MORNINGS_SLUG, "when": "upcoming"})
    ).json()
    assert past["total"] > 0 and upcoming["total"] > 0
    assert past["total"] + upcoming["total"] == mornings["total"]
    assert all(e["is_past"] for e in past["items"])
    assert not any(e["is_past"] for e in upcoming["items"])


async def test_paging_envelope(events_client: httpx.AsyncClient) -> None:
    first = (await events_client.get("/events", params={"per_page": 2})).json()
    second = (await events_client.get("/events", params={"per_page": 2, "page": 2})).json()
    assert (first["page"], first["per_page"], len(first["items"])) == (1, 2, 2)
    assert {e["id"] for e in first["items"]}.isdisjoint({e["id"] for e in second["items"]})


async def test_first_morning_is_in_december_with_the_founding_theme(events_client: httpx.AsyncClient) -> None:
    past = (await events_client.get("/events", params={"series": MORNINGS_SLUG, "per_page": 100})).json()
    first = min(past["items"], key=lambda e: e["starts_at"])
    assert first["theme"]["fr"] == MORNING_THEMES[0][0]
    assert first["local"]["starts_at"][5:7] == "12"
    assert first["local"]["starts_at"][11:16] == "08:30"
    assert first["local"]["timezone"] == "Africa/Casablanca"


async def test_national_industry_day_has_five_panels_with_speakers(events_client: httpx.AsyncClient) -> None:
    listing = (await events_client.get("/events", params={"series": "journee-nationale-industrie"})).json()
    (edition,) = listing["items"]
    detail = (await events_client.get(f"/events/{edition['id']}")).json()
    assert [p["position"] for p in detail["panels"]] == [1, 2, 3, 4, 5]
    assert all(len(p["speakers"]) >= 2 for p in detail["panels"])
    assert len(detail["speakers"]) == 1  # keynote, not on a panel
    assert {"CGEM", "OMPIC"} <= {p["name"] for p in detail["partners"]}


async def test_moroccotech_launch_is_a_past_event_on_14_january_2022(
    events_client: httpx.AsyncClient,
) -> None:
    listing = (await events_client.get("/events", params={"series": "moroccotech"})).json()
    (launch,) = listing["items"]
    assert launch["is_past"] is True
    assert launch["local"]["starts_at"].startswith("2022-01-14T10:00")
    assert launch["rsvp"]["is_open"] is False


async def test_drafts_are_invisible_to_the_public(events_client: httpx.AsyncClient, events_app) -> None:  # type: ignore[no-untyped-def]
    from services.events.models import Event

    async def make_draft(session):  # type: ignore[no-untyped-def]
        event = Event(
            slug="secret-draft",
            title_fr="Brouillon",
            starts_at=datetime.fromisoformat("2030-01-01T09:00:00+00:00"),
            ends_at=datetime.fromisoformat("2030-01-01T10:00:00+00:00"),
            capacity=10,
        )
        session.add(event)
        await session.flush()
        return event.id

    draft_id = await run_in_session(events_app, make_draft)
    assert (await events_client.get(f"/events/{draft_id}")).status_code == 404
    listing = (await events_client.get("/events", params={"per_page": 100})).json()
    assert draft_id not in {e["id"] for e in listing["items"]}


async def test_unknown_and_malformed_ids_are_problems(events_client: httpx.AsyncClient) -> None:
    missing = await events_client.get("/events/999999")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    malformed = await events_client.get("/events/abc")
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "event_id"
    bad_filter = await events_client.get("/events", params={"when": "tomorrow"})
    assert bad_filter.status_code == 422
    assert bad_filter.json()["errors"][0]["field"] == "when"


def test_mornings_start_in_a_december_and_are_monthly() -> None:
    dates = _mornings_dates(date(2026, 11, 22))
    assert dates[0].month == 12
    assert all((b.year * 12 + b.month) - (a.year * 12 + a.month) == 1 for a, b in itertools.pairwise(dates))
    assert all(d.weekday() == 3 for d in dates)
