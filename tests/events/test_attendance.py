"""Attendance after the event (#16.6): per event, and per series month by month."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlmodel import col

from services.events import clock
from services.events.models import Event, Rsvp
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, manage_token_of, rsvp_and_confirm


async def _series(client: httpx.AsyncClient, slug: str) -> None:
    made = await client.post("/series", json={"slug": slug, "name": {"fr": "Les Mornings"}}, headers=STAFF)
    assert made.status_code == 201, made.text


async def _check_in(client: httpx.AsyncClient, event_id: int, rsvp: dict) -> None:  # type: ignore[type-arg]
    answer = await client.post(
        f"/events/{event_id}/checkins", json={"token": rsvp["checkin_token"]}, headers=STAFF
    )
    assert answer.status_code == 200, answer.text


async def _walk_in(app, event_id: int, n: int) -> None:  # type: ignore[no-untyped-def]
    """A guest admitted at the door (the door's own API writes such rows; here straight to the table)."""

    async def write(session):  # type: ignore[no-untyped-def]
        now = clock.now()
        session.add(
            Rsvp(
                event_id=event_id,
                queue_position=1000 + n,
                status="confirmed",
                name=f"Walk-in {n}",
                email=f"walkin{n}@example.ma",
                email_normalised=f"walkin{n}@example.ma",
                organisation="Atlas Export",
                source="walk_in",
                manage_token=f"walk-in-manage-{event_id}-{n}-xxxxxxxxxxxx",
                checkin_token=f"walk-in-checkin-{event_id}-{n}-xxxxxxxxxxx",
                consent_at=now,
                checked_in_at=now,
            )
        )

    await run_in_session(app, write)


async def _move_to_the_past(app, event_id: int, days: int) -> None:  # type: ignore[no-untyped-def]
    async def write(session):  # type: ignore[no-untyped-def]
        start = clock.now() - timedelta(days=days)
        await session.exec(
            update(Event)
            .where(col(Event.id) == event_id)
            .values(starts_at=start, ends_at=start + timedelta(hours=2))
        )

    await run_in_session(app, write)


async def test_event_attendance_counts(events_client: httpx.AsyncClient, events_app) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=3)
    eid = event["id"]
    guests = [await rsvp_and_confirm(events_client, eid, guest(n)) for n in range(1, 6)]
    # 1, 2, 3 seated; 4, 5 wait. 1 and 2 come; 3 does not; 4 and 5 are never promoted.
    await _check_in(events_client, eid, guests[0])
    await _check_in(events_client, eid, guests[1])
    added = await events_client.post(
        f"/events/{eid}/guests",
        json={"name": "VIP", "email": "vip@example.ma", "when_full": "add_seat"},
        headers=STAFF,
    )
    assert added.status_code == 201
    await _walk_in(events_app, eid, 1)
    before = (await events_client.get(f"/events/{eid}/attendance", headers=STAFF)).json()
    assert before["is_over"] is False
    await _move_to_the_past(events_app, eid, days=1)
    report = await events_client.get(f"/events/{eid}/attendance", headers=STAFF)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["is_over"] is True and body["capacity"] == 4
    assert (
        body["confirmed"],
        body["checked_in"],
        body["no_shows"],
        body["walk_ins"],
        body["never_promoted"],
    ) == (
        5,
        3,
        2,
        1,
        2,
    )
    assert body["by_source"] == {"online": 3, "organiser": 1, "walk_in": 1}
    assert (await events_client.get("/events/999999/attendance", headers=STAFF)).status_code == 404
    assert (await events_client.get(f"/events/{eid}/attendance")).status_code == 401


async def test_series_attendance_by_month_and_the_most_frequent_guests_never_erased_ones(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    await _series(events_client, "mornings-test")
    events = [
        await create_published_event(events_client, series="mornings-test", capacity=10) for _ in range(3)
    ]
    upcoming = await create_published_event(events_client, series="mornings-test", capacity=10)
    regular = guest(1, organisation="Atlas Export")
    erased = guest(2, organisation="Secret SARL")
    for event in events:
        for body in (regular, erased, guest(3, organisation=" atlas export ")):
            rsvp = await rsvp_and_confirm(events_client, event["id"], body)
            await _check_in(events_client, event["id"], rsvp)
    await _check_in(
        events_client, upcoming["id"], await rsvp_and_confirm(events_client, upcoming["id"], guest(9))
    )
    for event, days in zip(events, (70, 40, 5), strict=True):
        await _move_to_the_past(events_app, event["id"], days=days)
        # Guest 2 erases their data: counted, never named.
        token = await manage_token_of(events_app, event["id"], "guest2@example.ma")
        assert (await events_client.post(f"/rsvps/{token}/erase")).status_code == 200
    report = await events_client.get("/series/mornings-test/attendance", headers=STAFF)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["events"] == 3, "only events that have started"
    assert body["total"]["confirmed"] == 9 and body["total"]["checked_in"] == 9
    months = body["months"]
    assert sum(m["events"] for m in months) == 3 and sum(m["checked_in"] for m in months) == 9
    assert [m["month"] for m in months] == sorted(m["month"] for m in months)
    expected_months = sorted({f"{clock.local(clock.now() - timedelta(days=d)):%Y-%m}" for d in (70, 40, 5)})
    assert [m["month"] for m in months] == expected_months
    emails = [g["email"] for g in body["guests"]]
    assert emails == ["guest1@example.ma", "guest3@example.ma"], "erased guests count, never by name"
    assert body["guests"][0]["attended"] == 3 and body["guests"][0]["name"] == "Invité 1"
    assert body["companies"] == [{"organisation": "Atlas Export", "attended": 6, "guests": 2}]
    assert "Secret" not in report.text and "guest2" not in report.text

    # After the purge of old events, their guests are counted and no longer named.
    purged = await events_client.post("/personal-data-purges", json={"older_than_days": 30}, headers=STAFF)
    assert purged.status_code == 200 and purged.json()["events"] == 2
    after = (await events_client.get("/series/mornings-test/attendance", headers=STAFF)).json()
    assert after["total"]["checked_in"] == 9
    assert [g["attended"] for g in after["guests"]] == [1, 1]
    assert (await events_client.get("/series/nope/attendance", headers=STAFF)).status_code == 404
