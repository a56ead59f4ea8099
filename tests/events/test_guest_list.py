"""The organiser's hand on the guest list (#16.5): add, move, cancel, history, e-mails, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlmodel import col, select

from services.events import clock
from services.events.models import Event, OutboxMessage, Rsvp
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, manage_token_of, rsvp_and_confirm


async def _mails(app) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    async def read(session):  # type: ignore[no-untyped-def]
        rows = await session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))
        return [(m.kind, m.to_address, m.body_text) for m in rows.all()]

    return await run_in_session(app, read)  # type: ignore[no-any-return]


async def _counts(client: httpx.AsyncClient, event_id: int) -> tuple[int, int, int]:
    counts = (await client.get(f"/events/{event_id}/counts", headers=STAFF)).json()
    return counts["capacity"], counts["confirmed"], counts["waitlisted"]


def _add(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {"name": "Invitée du Club", "email": "vip@example.ma", "language": "ar"}
    body.update(overrides)
    return body


async def test_add_a_guest_by_hand_then_full_refused_waitlisted_or_a_seat_added(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=1)
    eid = event["id"]
    added = await events_client.post(f"/events/{eid}/guests", json=_add(), headers=STAFF)
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["changed"] and body["guest"]["status"] == "confirmed"
    rsvp_id = body["guest"]["rsvp_id"]

    # The same request again: the address is on the list already.
    again = await events_client.post(
        f"/events/{eid}/guests", json=_add(email=" VIP@example.ma "), headers=STAFF
    )
    assert again.status_code == 409 and again.json()["type"].endswith("/already-listed")
    assert again.json()["errors"][0]["field"] == "email"

    # Full: refused by default, nothing written.
    full = await events_client.post(f"/events/{eid}/guests", json=_add(email="b@example.ma"), headers=STAFF)
    assert full.status_code == 409 and full.json()["type"].endswith("/event-full")
    assert await _counts(events_client, eid) == (1, 1, 0)
    waiting = await events_client.post(
        f"/events/{eid}/guests", json=_add(email="b@example.ma", when_full="waitlist"), headers=STAFF
    )
    assert waiting.status_code == 201 and waiting.json()["guest"]["status"] == "waitlisted"
    assert waiting.json()["guest"]["waitlist_position"] == 1
    seat = await events_client.post(
        f"/events/{eid}/guests",
        json=_add(email="c@example.ma", when_full="add_seat", language="en"),
        headers=STAFF,
    )
    assert seat.status_code == 201 and seat.json()["guest"]["status"] == "confirmed"
    assert await _counts(events_client, eid) == (2, 2, 1)

    async def sources(session):  # type: ignore[no-untyped-def]
        return set((await session.exec(select(Rsvp.source).where(Rsvp.event_id == eid))).all())

    assert await run_in_session(events_app, sources) == {"organiser"}
    mails = await _mails(events_app)
    assert [(k, a) for k, a, _ in mails] == [
        ("added_by_organiser", "vip@example.ma"),
        ("added_waitlisted_by_organiser", "b@example.ma"),
        ("added_by_organiser", "c@example.ma"),
    ]
    assert "سجلك فريق النادي" in mails[0][2] and "registered you" in mails[2][2]
    history = (await events_client.get(f"/events/{eid}/guests/history", headers=STAFF)).json()
    assert [h["action"] for h in history] == ["seat_added", "added", "added", "added"]
    assert history[-1]["rsvp_id"] == rsvp_id and history[-1]["to_status"] == "confirmed"
    assert history[-1]["actor"] and history[-1]["guest_name"] == "Invitée du Club"


async def test_move_between_the_waitlist_and_a_seat(events_client: httpx.AsyncClient, events_app) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=2)
    eid = event["id"]
    ids = {}
    for n in (1, 2, 3, 4):
        rsvp = await rsvp_and_confirm(events_client, eid, guest(n))
        ids[n] = rsvp["id"]
    # 1, 2 seated; 3, 4 wait. Moving 4 to a seat in a full event: refused unless a seat is added.
    move = f"/events/{eid}/guests/{ids[4]}/move"
    full = await events_client.post(move, json={"to": "confirmed"}, headers=STAFF)
    assert full.status_code == 409 and full.json()["type"].endswith("/event-full")
    assert await _counts(events_client, eid) == (2, 2, 2)
    seated = await events_client.post(move, json={"to": "confirmed", "when_full": "add_seat"}, headers=STAFF)
    assert seated.status_code == 200 and seated.json()["guest"]["status"] == "confirmed"
    assert await _counts(events_client, eid) == (3, 3, 1)
    # The same move again changes nothing, records nothing, e-mails nobody.
    before = len(await _mails(events_app))
    again = await events_client.post(move, json={"to": "confirmed", "when_full": "add_seat"}, headers=STAFF)
    assert again.status_code == 200 and again.json()["changed"] is False
    assert await _counts(events_client, eid) == (3, 3, 1) and len(await _mails(events_app)) == before

    # Guest 1 back to the waitlist: the end of the line; the seat goes to its head (guest 3).
    back = await events_client.post(
        f"/events/{eid}/guests/{ids[1]}/move", json={"to": "waitlisted"}, headers=STAFF
    )
    assert back.status_code == 200, back.text
    assert back.json()["guest"]["status"] == "waitlisted" and back.json()["guest"]["waitlist_position"] == 1
    assert back.json()["promoted"] == [ids[3]]
    assert await _counts(events_client, eid) == (3, 3, 1)
    kinds = [(k, a) for k, a, _ in (await _mails(events_app))[before:]]
    assert kinds == [("promotion", "guest3@example.ma"), ("moved_to_waitlist", "guest1@example.ma")]
    # Nobody waits once guest 1 is cancelled: moving guest 2 back would hand the seat straight back.
    cancel = await events_client.post(f"/events/{eid}/guests/{ids[1]}/cancel", headers=STAFF)
    assert cancel.status_code == 200 and cancel.json()["promoted"] == []
    alone = await events_client.post(
        f"/events/{eid}/guests/{ids[2]}/move", json={"to": "waitlisted"}, headers=STAFF
    )
    assert alone.status_code == 409 and alone.json()["type"].endswith("/nobody-waiting")
    assert await _counts(events_client, eid) == (3, 3, 0)
    history = (
        await events_client.get(f"/events/{eid}/guests/history?rsvp_id={ids[3]}", headers=STAFF)
    ).json()
    assert [(h["action"], h["from_status"], h["to_status"]) for h in history] == [
        ("promoted", "waitlisted", "confirmed")
    ]
    # Hostile ids and bodies: 404 for another event's guest, 422 for a wrong target.
    other = await create_published_event(events_client, capacity=2)
    stray = await events_client.post(
        f"/events/{other['id']}/guests/{ids[1]}/move", json={"to": "confirmed"}, headers=STAFF
    )
    assert stray.status_code == 404
    wrong = await events_client.post(move, json={"to": "cancelled"}, headers=STAFF)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "to"


async def test_cancel_on_a_guests_behalf_promotes_the_next_and_is_idempotent(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=1)
    eid = event["id"]
    first = await rsvp_and_confirm(events_client, eid, guest(1, language="fr"))
    second = await rsvp_and_confirm(events_client, eid, guest(2, language="en"))
    path = f"/events/{eid}/guests/{first['id']}/cancel"
    cancelled = await events_client.post(path, headers=STAFF)
    assert cancelled.status_code == 200 and cancelled.json()["promoted"] == [second["id"]]
    assert await _counts(events_client, eid) == (1, 1, 0)
    again = await events_client.post(path, headers=STAFF)
    assert again.status_code == 200 and again.json()["changed"] is False
    kinds = [(k, a) for k, a, _ in await _mails(events_app)][-2:]
    assert kinds == [("cancelled_by_organiser", "guest1@example.ma"), ("promotion", "guest2@example.ma")]
    history = (await events_client.get(f"/events/{eid}/guests/history", headers=STAFF)).json()
    assert [h["action"] for h in history] == ["promoted", "cancelled"]

    # The guest erases their data: the history stays, without their name.
    token = await manage_token_of(events_app, eid, "guest2@example.ma")
    assert (await events_client.post(f"/rsvps/{token}/erase")).status_code == 200
    history = (await events_client.get(f"/events/{eid}/guests/history", headers=STAFF)).json()
    assert history[0]["guest_name"] == "" and history[1]["guest_name"] == "Invité 1"

    # A cancelled event and a past event: the list no longer changes.
    assert (await events_client.post(f"/events/{eid}/cancel", json={}, headers=STAFF)).status_code == 200
    late = await events_client.post(f"/events/{eid}/guests", json=_add(), headers=STAFF)
    assert late.status_code == 409 and late.json()["type"].endswith("/event-cancelled")
    past = await create_published_event(events_client, capacity=3)

    async def end(session):  # type: ignore[no-untyped-def]
        start = clock.now() - timedelta(days=2)
        await session.exec(
            update(Event)
            .where(col(Event.id) == past["id"])
            .values(starts_at=start, ends_at=start + timedelta(hours=2))
        )

    await run_in_session(events_app, end)
    over = await events_client.post(f"/events/{past['id']}/guests", json=_add(), headers=STAFF)
    assert over.status_code == 409 and over.json()["type"].endswith("/event-past")
    anonymous = await events_client.post(f"/events/{past['id']}/guests", json=_add())
    assert anonymous.status_code == 401


async def test_attendee_csv_in_excel_fr_with_headers_in_the_organisers_language(
    events_client: httpx.AsyncClient,
) -> None:
    event = await create_published_event(events_client, capacity=5)
    await events_client.post(
        f"/events/{event['id']}/guests",
        json=_add(name='=HYPERLINK("x")', organisation="Coop; Atlas", email="x@example.ma"),
        headers=STAFF,
    )
    path = f"/events/{event['id']}/attendees.csv"
    plain = await events_client.get(path, headers=STAFF)
    assert plain.content.startswith(b"\xef\xbb\xbfrsvp_id,status,")
    fr = await events_client.get(path, params={"dialect": "excel-fr", "lang": "fr"}, headers=STAFF)
    assert fr.status_code == 200 and fr.content.startswith("\ufeffN° d'inscription;Statut;".encode())
    assert b"\r\n" in fr.content and fr.content.count(b"\r\n") == 2
    rows = list(csv.reader(io.StringIO(fr.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][1] == "confirmé" and rows[1][4] == '\'=HYPERLINK("x")' and rows[1][6] == "Coop; Atlas"
    ar = await events_client.get(path, params={"lang": "ar"}, headers=STAFF)
    assert ar.content.decode("utf-8-sig").startswith("رقم التسجيل,الحالة,")
    bad = await events_client.get(path, params={"dialect": "tsv"}, headers=STAFF)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "dialect"


async def test_a_guest_who_never_confirmed_is_taken_over_not_doubled(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=3)
    eid = event["id"]
    asked = await events_client.post(f"/events/{eid}/rsvps", json=guest(1, language="en"))
    assert asked.status_code == 202
    added = await events_client.post(
        f"/events/{eid}/guests",
        json=_add(email="GUEST1@example.ma", name="Invité 1", language="en"),
        headers=STAFF,
    )
    assert added.status_code == 201 and added.json()["guest"]["status"] == "confirmed"

    async def rows(session):  # type: ignore[no-untyped-def]
        found = await session.exec(select(Rsvp.status, Rsvp.source).where(Rsvp.event_id == eid))
        return list(found.all())

    assert await run_in_session(events_app, rows) == [("confirmed", "organiser")]
    assert await _counts(events_client, eid) == (3, 1, 0)
    history = (await events_client.get(f"/events/{eid}/guests/history", headers=STAFF)).json()
    assert [(h["action"], h["from_status"], h["to_status"]) for h in history] == [
        ("added", "pending", "confirmed")
    ]
