"""RSVP rules: idempotency, waitlist, promotion, closed windows, bad input, GDPR.

An RSVP is asked for (202) and confirmed from the guest's mailbox (double opt-in, see
test_rsvp_trust.py); ``_seat`` does both, as a guest does.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from sqlmodel import select

from services.events.models import OutboxMessage
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, manage_token_of, rsvp_and_confirm


async def _rsvp(client: httpx.AsyncClient, event_id: int, n: int, **kw: object) -> httpx.Response:
    return await client.post(f"/events/{event_id}/rsvps", json=guest(n, **kw))


async def _seat(client: httpx.AsyncClient, event_id: int, n: int, **kw: object) -> dict:  # type: ignore[type-arg]
    return await rsvp_and_confirm(client, event_id, guest(n, **kw))


async def test_confirmed_then_waitlisted_with_private_token(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=2)
    answers = [await _seat(events_client, event["id"], n) for n in range(4)]
    assert [a["status"] for a in answers] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [a["waitlist_position"] for a in answers] == [None, None, 1, 2]
    tokens = {a["manage_token"] for a in answers}
    assert len(tokens) == 4 and all(len(t) >= 40 for t in tokens)
    shown = await events_client.get(f"/rsvps/{answers[0]['manage_token']}")
    assert shown.json()["email"] == "guest0@example.ma"
    assert shown.json()["checkin_token"]
    seats = (await events_client.get(f"/events/{event['id']}")).json()["seats"]
    assert seats == {"capacity": 2, "confirmed": 2, "waitlisted": 2, "available": 0}


async def test_same_email_keeps_one_rsvp_and_reveals_nothing(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    first = await _seat(events_client, event["id"], 1, email="Amina.Tazi@Example.MA")
    again = await _rsvp(events_client, event["id"], 1, email="  amina.tazi@example.ma ")
    assert again.status_code == 202 and again.json()["status"] == "check_your_inbox"
    assert "manage_token" not in again.json() and "id" not in again.json()
    assert await manage_token_of(events_app, event["id"], "amina.tazi@example.ma") == first["manage_token"]
    assert (await events_client.get(f"/events/{event['id']}")).json()["seats"]["confirmed"] == 1


async def test_cancellation_promotes_the_first_waitlisted(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=1)
    first, second, third = [await _seat(events_client, event["id"], n) for n in range(3)]
    cancelled = await events_client.post(f"/rsvps/{first['manage_token']}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert (await events_client.get(f"/rsvps/{second['manage_token']}")).json()["status"] == "confirmed"
    third_now = (await events_client.get(f"/rsvps/{third['manage_token']}")).json()
    assert (third_now["status"], third_now["waitlist_position"]) == ("waitlisted", 1)
    # Cancelling twice changes nothing.
    assert (await events_client.post(f"/rsvps/{first['manage_token']}/cancel")).status_code == 200
    seats = (await events_client.get(f"/events/{event['id']}")).json()["seats"]
    assert (seats["confirmed"], seats["waitlisted"]) == (1, 1)


async def test_raising_capacity_promotes_in_arrival_order(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=1)
    guests = [await _seat(events_client, event["id"], n) for n in range(4)]
    raised = await events_client.patch(f"/events/{event['id']}", json={"capacity": 3}, headers=STAFF)
    assert raised.status_code == 200
    statuses = [(await events_client.get(f"/rsvps/{g['manage_token']}")).json()["status"] for g in guests]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    lowered = await events_client.patch(f"/events/{event['id']}", json={"capacity": 2}, headers=STAFF)
    assert lowered.status_code == 409
    assert lowered.json()["errors"][0]["field"] == "capacity"


async def test_closed_cancelled_and_past_events_answer_409_saying_why(
    events_client: httpx.AsyncClient,
) -> None:
    now = datetime.now(UTC)
    not_yet = await create_published_event(events_client, rsvp_opens_at=(now + timedelta(days=2)).isoformat())
    response = await _rsvp(events_client, not_yet["id"], 1)
    assert response.status_code == 409 and "open on" in response.json()["detail"]

    closed = await create_published_event(
        events_client, rsvp_closes_at=(now - timedelta(hours=1)).isoformat()
    )
    response = await _rsvp(events_client, closed["id"], 1)
    assert response.status_code == 409
    assert response.json()["detail"] == "RSVPs are closed."
    assert response.headers["content-type"] == "application/problem+json"

    past = await create_published_event(
        events_client,
        starts_at=(now - timedelta(days=3)).isoformat(),
        ends_at=(now - timedelta(days=3) + timedelta(hours=2)).isoformat(),
    )
    response = await _rsvp(events_client, past["id"], 1)
    assert response.status_code == 409 and response.json()["type"].endswith("/event-past")

    cancelled = await create_published_event(events_client)
    await events_client.post(f"/events/{cancelled['id']}/cancel", json={}, headers=STAFF)
    response = await _rsvp(events_client, cancelled["id"], 1)
    assert response.status_code == 409 and "cancelled" in response.json()["detail"]


async def test_bad_guest_input_is_422_naming_the_field(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    for email in ("", "   ", "not-an-email", "a@b"):
        response = await _rsvp(events_client, event["id"], 1, email=email)
        assert response.status_code == 422, email
        assert [e["field"] for e in response.json()["errors"]] == ["email"]
    response = await _rsvp(events_client, event["id"], 1, consent=False)
    assert [e["field"] for e in response.json()["errors"]] == ["consent"]
    response = await _rsvp(events_client, event["id"], 1, website="http://spam.example")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "website"
    response = await _rsvp(events_client, event["id"], 1, language="de")
    assert response.json()["errors"][0]["field"] == "language"
    seats = (await events_client.get(f"/events/{event['id']}")).json()["seats"]
    assert seats["confirmed"] == 0, "nothing half-written"


async def test_confirmation_is_queued_in_the_guest_language(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=1)
    await _seat(events_client, event["id"], 1, language="ar")
    await _seat(events_client, event["id"], 2, language="en")

    async def outbox(session):  # type: ignore[no-untyped-def]
        return (await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all()

    messages = await run_in_session(events_app, outbox)
    assert [(m.kind, m.language, m.attach_ics) for m in messages] == [
        ("confirm_request", "ar", False),
        ("confirmation", "ar", True),
        ("confirm_request", "en", False),
        ("waitlisted", "en", False),
    ]
    assert "تأكيد" in messages[1].subject
    assert messages[2].subject.startswith("Confirm your RSVP")
    assert messages[3].subject.startswith("Waiting list")


async def test_guest_erases_own_data_and_frees_the_seat(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=1)
    first = await _seat(events_client, event["id"], 1, phone="+212 600 000 000")
    second = await _seat(events_client, event["id"], 2)
    erased = (await events_client.post(f"/rsvps/{first['manage_token']}/erase")).json()
    assert erased["erased"] is True
    assert (erased["name"], erased["email"], erased["phone"], erased["status"]) == ("", "", None, "cancelled")
    assert (await events_client.get(f"/rsvps/{second['manage_token']}")).json()["status"] == "confirmed"
    # The address is free again: the guest may come back.
    again = await _seat(events_client, event["id"], 1)
    assert again["id"] != first["id"]


async def test_organisers_purge_old_events_but_counts_stay(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    from services.events.models import Event

    event = await create_published_event(events_client, capacity=5)
    for n in range(3):
        await _seat(events_client, event["id"], n)

    async def age(session):  # type: ignore[no-untyped-def]
        row = await session.get(Event, event["id"])
        row.starts_at = datetime.now(UTC) - timedelta(days=400)
        row.ends_at = row.starts_at + timedelta(hours=2)
        session.add(row)

    await run_in_session(events_app, age)
    assert (await events_client.post("/personal-data-purges", json={})).status_code == 401
    result = await events_client.post("/personal-data-purges", json={"older_than_days": 365}, headers=STAFF)
    assert result.json() == {"older_than_days": 365, "events": 1, "rsvps": 3}
    attendees = (await events_client.get(f"/events/{event['id']}/attendees", headers=STAFF)).json()
    assert len(attendees) == 3 and all(a["email"] == "" and a["name"] == "" for a in attendees)
    counts = (await events_client.get(f"/events/{event['id']}/counts", headers=STAFF)).json()
    assert counts["confirmed"] == 3
    again = await events_client.post("/personal-data-purges", json={"older_than_days": 365}, headers=STAFF)
    assert again.json()["events"] == 0


async def test_a_guest_who_cancelled_can_come_back_at_the_end_of_the_line(
    events_client: httpx.AsyncClient,
) -> None:
    event = await create_published_event(events_client, capacity=1)
    first = await _seat(events_client, event["id"], 1)
    assert first["status"] == "confirmed"
    await _seat(events_client, event["id"], 2)  # waitlisted, then promoted by the cancellation
    assert (await events_client.post(f"/rsvps/{first['manage_token']}/cancel")).status_code == 200
    body = await _seat(events_client, event["id"], 1, name="Invité revenu", organisation="Autre coop")
    assert body["id"] == first["id"], "the same RSVP, reopened"
    assert (body["status"], body["waitlist_position"]) == ("waitlisted", 1)
    assert (body["name"], body["organisation"]) == ("Invité revenu", "Autre coop")
