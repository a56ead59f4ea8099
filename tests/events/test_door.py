"""The door API: search, admit, undo, walk-ins, concurrent scans and offline batches."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from services.events.clock import CASABLANCA
from tests.events.conftest import STAFF, create_published_event, guest, rsvp_and_confirm
from tests.support.tokens import bearer


def _cid() -> str:
    return uuid.uuid4().hex


def _hhmm(value: str) -> str:
    return datetime.fromisoformat(value).astimezone(CASABLANCA).strftime("%H:%M")


async def _counts(client: httpx.AsyncClient, event_id: int) -> dict:  # type: ignore[type-arg]
    answer = await client.get(f"/events/{event_id}/door/counts", headers=STAFF)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


async def _event_with_guests(client: httpx.AsyncClient, capacity: int = 10) -> tuple[dict, list[dict]]:  # type: ignore[type-arg]
    event = await create_published_event(client, capacity=capacity)
    people = [
        guest(1, name="Amina Bennani", organisation="Coopérative Argan Souss", email="amina@example.ma"),
        guest(2, name="Élodie Chraïbi", organisation="Les Impériales", email="elodie@example.ma"),
        guest(3, name="محمد العلوي", organisation="شركة الأطلس", email="mohammed@example.ma"),
    ]
    rsvps = [await rsvp_and_confirm(client, event["id"], body) for body in people]
    return event, rsvps


async def test_search_ignores_case_accents_and_arabic_marks(events_client: httpx.AsyncClient) -> None:
    event, _rsvps = await _event_with_guests(events_client)
    base = f"/events/{event['id']}/door/search"

    async def names(q: str) -> list[str]:
        answer = await events_client.get(base, params={"q": q}, headers=STAFF)
        assert answer.status_code == 200, answer.text
        assert answer.headers["cache-control"] == "no-store"
        return [r["name"] for r in answer.json()["results"]]

    assert await names("elodie") == ["Élodie Chraïbi"]
    assert await names("CHRAIBI") == ["Élodie Chraïbi"]
    assert await names("imperiales") == ["Élodie Chraïbi"]
    assert await names("argan") == ["Amina Bennani"]
    assert await names("amina@example") == ["Amina Bennani"]
    assert await names("مُحَمَّد") == ["محمد العلوي"]  # vowel marks typed or not
    assert await names("الاطلس") == ["محمد العلوي"]  # hamza seat typed or not
    assert await names("nobody") == []
    assert await names("") == []
    # Confirmed guests first: a cancelled guest of the same name comes after.
    cancelled = await rsvp_and_confirm(events_client, event["id"], guest(9, name="Amina Tazi"))
    assert (await events_client.post(f"/rsvps/{cancelled['manage_token']}/cancel")).status_code == 200
    found = (await events_client.get(base, params={"q": "amina"}, headers=STAFF)).json()["results"]
    assert [(r["name"], r["status"]) for r in found] == [
        ("Amina Bennani", "confirmed"),
        ("Amina Tazi", "cancelled"),
    ]
    assert (await events_client.get(base, params={"q": "amina"})).status_code == 401
    assert (await events_client.get(base, params={"q": "x" * 101}, headers=STAFF)).status_code == 422


async def test_admit_by_rsvp_id_then_undo_is_logged(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    eid, rid = event["id"], rsvps[0]["id"]
    first = await events_client.post(f"/events/{eid}/checkins", json={"rsvp_id": rid}, headers=STAFF)
    assert first.status_code == 200, first.text
    assert first.json()["result"] == "checked_in"
    assert first.json()["counts"] == {"checked_in": 1, "expected": 3, "remaining": 2}
    again = await events_client.post(f"/events/{eid}/checkins", json={"rsvp_id": rid}, headers=STAFF)
    assert again.json()["result"] == "already_checked_in"
    assert again.json()["message"] == f"Already checked in at {_hhmm(first.json()['checked_in_at'])}."

    desk = bearer("organiser", sub="desk-7")
    undone = await events_client.post(
        f"/events/{eid}/checkins/{rid}/undo", json={"door": "Entrée A"}, headers=desk
    )
    assert undone.status_code == 200, undone.text
    assert undone.json()["undone_by"] == "desk-7"
    assert undone.json()["counts"] == {"checked_in": 0, "expected": 3, "remaining": 3}
    twice = await events_client.post(f"/events/{eid}/checkins/{rid}/undo", headers=desk)
    assert twice.status_code == 409 and twice.json()["type"].endswith("/not-checked-in")
    unknown = await events_client.post(f"/events/{eid}/checkins/999999/undo", headers=desk)
    assert unknown.status_code == 404
    # Admitted again after the undo: counted once more, not twice.
    assert (await events_client.post(f"/events/{eid}/checkins", json={"rsvp_id": rid}, headers=STAFF)).json()[
        "result"
    ] == "checked_in"
    assert (await _counts(events_client, eid))["checked_in"] == 1

    from sqlmodel import select

    from services.events.models import CheckInLog
    from tests.conftest import run_in_session

    app = events_client._transport.app  # type: ignore[attr-defined]
    log = await run_in_session(
        app, lambda s: s.exec(select(CheckInLog).where(CheckInLog.rsvp_id == rid).order_by(CheckInLog.id))
    )
    rows = [(r.action, r.actor, r.door) for r in log.all()]
    assert rows == [("check_in", "test", ""), ("undo", "desk-7", "Entrée A"), ("check_in", "test", "")]


async def test_refusals_unknown_other_event_cancelled_erased(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    _other, other_rsvps = await _event_with_guests(events_client)
    eid = event["id"]
    post = events_client.post
    assert (await post(f"/events/{eid}/checkins", json={"rsvp_id": 999999}, headers=STAFF)).status_code == 404
    foreign = await post(
        f"/events/{eid}/checkins", json={"token": other_rsvps[0]["checkin_token"]}, headers=STAFF
    )
    assert foreign.status_code == 404 and foreign.json()["type"].endswith("/unknown-guest")
    foreign_id = await post(f"/events/{eid}/checkins", json={"rsvp_id": other_rsvps[0]["id"]}, headers=STAFF)
    assert foreign_id.status_code == 404
    both = await post(f"/events/{eid}/checkins", json={"rsvp_id": 1, "token": "x" * 43}, headers=STAFF)
    assert both.status_code == 422
    cancelled, erased = rsvps[0], rsvps[1]
    assert (await post(f"/rsvps/{cancelled['manage_token']}/cancel")).status_code == 200
    assert (await post(f"/rsvps/{erased['manage_token']}/erase")).status_code == 200
    for rsvp in (cancelled, erased):
        by_id = await post(f"/events/{eid}/checkins", json={"rsvp_id": rsvp["id"]}, headers=STAFF)
        assert by_id.status_code == 409 and by_id.json()["type"].endswith("/not-confirmed"), by_id.text
        by_token = await post(f"/events/{eid}/checkins", json={"token": rsvp["checkin_token"]}, headers=STAFF)
        assert by_token.status_code == 409
    assert (await _counts(events_client, eid)) == {"checked_in": 0, "expected": 1, "remaining": 1}
    listed = (await events_client.get(f"/events/{eid}/door/guests", headers=STAFF)).json()["guests"]
    assert [g["rsvp_id"] for g in listed] == [rsvps[2]["id"]]


async def test_concurrent_double_scan_is_counted_once(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    token = f"MIM-CHECKIN:{rsvps[0]['checkin_token']}"
    answers = await asyncio.gather(
        *[
            events_client.post(f"/events/{event['id']}/checkins", json={"token": token}, headers=STAFF)
            for _ in range(8)
        ]
    )
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    results = sorted(a.json()["result"] for a in answers)
    assert results == ["already_checked_in"] * 7 + ["checked_in"]
    assert len({a.json()["checked_in_at"] for a in answers}) == 1
    assert (await _counts(events_client, event["id"]))["checked_in"] == 1


async def test_walk_in_takes_a_free_seat_or_is_refused(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=2)
    await rsvp_and_confirm(events_client, event["id"], guest(1))
    url = f"/events/{event['id']}/walk-ins"
    admitted = await events_client.post(
        url, json={"name": "Youssef Alaoui", "organisation": "OCP"}, headers=STAFF
    )
    assert admitted.status_code == 201, admitted.text
    assert admitted.json()["counts"] == {"checked_in": 1, "expected": 2, "remaining": 1}
    full = await events_client.post(url, json={"name": "Sara Idrissi"}, headers=STAFF)
    assert full.status_code == 409 and full.json()["type"].endswith("/event-full")
    attendees = (await events_client.get(f"/events/{event['id']}/attendees", headers=STAFF)).json()
    assert [a["name"] for a in attendees if a["status"] == "confirmed"] == ["Invité 1", "Youssef Alaoui"]
    counts = (await events_client.get(f"/events/{event['id']}/counts", headers=STAFF)).json()
    assert (counts["confirmed"], counts["available"]) == (2, 0)
    found = (
        await events_client.get(f"/events/{event['id']}/door/search", params={"q": "youssef"}, headers=STAFF)
    ).json()["results"]
    assert found[0]["source"] == "walk_in" and found[0]["checked_in_at"] is not None


async def test_walk_in_hostile_and_known_values(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=5)
    known = await rsvp_and_confirm(events_client, event["id"], guest(1))
    url = f"/events/{event['id']}/walk-ins"
    for name in ("Karim\r\nBcc: x@evil.example", "Karim\x00", "moc.kcatta\u202e", "", "x" * 201):
        answer = await events_client.post(url, json={"name": name}, headers=STAFF)
        assert answer.status_code == 422, (name, answer.text)
        assert answer.json()["errors"][0]["field"] == "name"
    bad_mail = await events_client.post(url, json={"name": "Karim", "email": "nope"}, headers=STAFF)
    assert bad_mail.status_code == 422
    same = await events_client.post(url, json={"name": "Karim", "email": "GUEST1@example.ma"}, headers=STAFF)
    assert same.status_code == 409 and same.json()["rsvp_id"] == known["id"]
    assert (await _counts(events_client, event["id"])) == {"checked_in": 0, "expected": 1, "remaining": 1}
    assert (await events_client.post(url, json={"name": "Karim"})).status_code == 401
    assert (
        await events_client.post("/events/999999/walk-ins", json={"name": "K"}, headers=STAFF)
    ).status_code == 404


async def test_door_guest_list_is_minimal_and_not_stored(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    answer = await events_client.get(f"/events/{event['id']}/door/guests", headers=STAFF)
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    guests = answer.json()["guests"]
    assert set(guests[0]) == {"rsvp_id", "name", "organisation", "code_hash", "checked_in_at"}
    hashes = {g["rsvp_id"]: g["code_hash"] for g in guests}
    for rsvp in rsvps:
        assert hashes[rsvp["id"]] == hashlib.sha256(rsvp["checkin_token"].encode()).hexdigest()
    assert rsvps[0]["checkin_token"] not in answer.text and "@example.ma" not in answer.text
    assert (await events_client.get(f"/events/{event['id']}/door/guests")).status_code == 401


async def test_sync_is_idempotent_and_order_free(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    eid = event["id"]
    now = datetime.now(UTC).replace(microsecond=0)
    items = [
        {"client_id": _cid(), "happened_at": (now - timedelta(minutes=3 - i)).isoformat(), "rsvp_id": r["id"]}
        for i, r in enumerate(rsvps)
    ]
    items[2] = {**items[2], "rsvp_id": None, "token": f"MIM-CHECKIN:{rsvps[2]['checkin_token']}"}
    del items[2]["rsvp_id"]
    url = f"/events/{eid}/checkins/sync"
    first = await events_client.post(url, json={"items": list(reversed(items))}, headers=STAFF)
    assert first.status_code == 200, first.text
    assert [r["result"] for r in first.json()["results"]] == ["checked_in"] * 3
    assert first.json()["counts"] == {"checked_in": 3, "expected": 3, "remaining": 0}
    # The times are those of the door, not of the sync.
    listed = (await events_client.get(f"/events/{eid}/door/guests", headers=STAFF)).json()["guests"]
    at = {g["rsvp_id"]: datetime.fromisoformat(g["checked_in_at"]) for g in listed}
    assert at[rsvps[0]["id"]] == now - timedelta(minutes=3)
    # The same batch again, shuffled, and a part of it: nothing moves.
    for batch in (items, items[1:], [items[0], items[0]]):
        again = await events_client.post(url, json={"items": batch}, headers=STAFF)
        assert again.status_code == 200
        assert {r["result"] for r in again.json()["results"]} == {"checked_in"}
    assert (await _counts(events_client, eid))["checked_in"] == 3
    unknown = await events_client.post(
        url,
        json={"items": [{"client_id": _cid(), "happened_at": now.isoformat(), "rsvp_id": 999999}]},
        headers=STAFF,
    )
    assert unknown.json()["results"][0]["result"] == "not_found"


async def test_sync_conflict_from_two_doors_earliest_wins(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    eid, rid = event["id"], rsvps[0]["id"]
    url = f"/events/{eid}/checkins/sync"
    now = datetime.now(UTC).replace(microsecond=0)
    door_a = {
        "client_id": "a-" + _cid(),
        "happened_at": (now - timedelta(minutes=5)).isoformat(),
        "rsvp_id": rid,
    }
    door_b = {
        "client_id": "b-" + _cid(),
        "happened_at": (now - timedelta(minutes=9)).isoformat(),
        "rsvp_id": rid,
    }
    door_a["door"], door_b["door"] = "Entrée A", "Entrée B"
    first = (await events_client.post(url, json={"items": [door_a]}, headers=STAFF)).json()["results"][0]
    assert first["result"] == "checked_in"
    second = (await events_client.post(url, json={"items": [door_b]}, headers=STAFF)).json()["results"][0]
    assert second["result"] == "checked_in", "the earlier check-in counts, whatever the order of arrival"
    replay_a = (await events_client.post(url, json={"items": [door_a]}, headers=STAFF)).json()["results"][0]
    b_local = (now - timedelta(minutes=9)).astimezone(CASABLANCA).strftime("%H:%M")
    assert replay_a["result"] == "conflict"
    assert replay_a["door"] == "Entrée B" and replay_a["checked_in_at_local"] == b_local
    assert replay_a["message"] == f"Already checked in at {b_local}."
    assert (await _counts(events_client, eid))["checked_in"] == 1
    # The other order on another guest gives the same outcome.
    rid2 = rsvps[1]["id"]
    b2 = {**door_b, "client_id": "b-" + _cid(), "rsvp_id": rid2}
    a2 = {**door_a, "client_id": "a-" + _cid(), "rsvp_id": rid2}
    both = (await events_client.post(url, json={"items": [b2, a2]}, headers=STAFF)).json()["results"]
    assert [r["result"] for r in both] == ["checked_in", "conflict"]
    assert (await _counts(events_client, eid))["checked_in"] == 2
    # A scan at the door after an offline check-in of the same guest: already checked in.
    scanned = await events_client.post(f"/events/{eid}/checkins", json={"rsvp_id": rid2}, headers=STAFF)
    assert scanned.json()["result"] == "already_checked_in"
    assert scanned.json()["checked_in_at_local"] == b_local


async def test_sync_after_undo_cancel_and_hostile_bodies(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    eid, rid = event["id"], rsvps[0]["id"]
    url = f"/events/{eid}/checkins/sync"
    early = datetime.now(UTC) - timedelta(minutes=30)
    assert (
        await events_client.post(f"/events/{eid}/checkins", json={"rsvp_id": rid}, headers=STAFF)
    ).status_code == 200
    assert (await events_client.post(f"/events/{eid}/checkins/{rid}/undo", headers=STAFF)).status_code == 200
    stale = {"client_id": _cid(), "happened_at": early.isoformat(), "rsvp_id": rid}
    answer = (await events_client.post(url, json={"items": [stale]}, headers=STAFF)).json()
    assert answer["results"][0]["result"] == "undone" and answer["counts"]["checked_in"] == 0
    cancelled = rsvps[1]
    assert (await events_client.post(f"/rsvps/{cancelled['manage_token']}/cancel")).status_code == 200
    late = {"client_id": _cid(), "happened_at": datetime.now(UTC).isoformat(), "rsvp_id": cancelled["id"]}
    assert (await events_client.post(url, json={"items": [late]}, headers=STAFF)).json()["results"][0][
        "result"
    ] == "not_confirmed"
    # A clock ahead of time cannot date a check-in in the future.
    ahead = {
        "client_id": _cid(),
        "happened_at": (datetime.now(UTC) + timedelta(days=2)).isoformat(),
        "rsvp_id": rsvps[2]["id"],
    }
    dated = (await events_client.post(url, json={"items": [ahead]}, headers=STAFF)).json()["results"][0]
    assert datetime.fromisoformat(dated["checked_in_at"]) <= datetime.now(UTC)
    for body in (
        {"items": []},
        {"items": [{"client_id": "short", "happened_at": early.isoformat(), "rsvp_id": rid}]},
        {"items": [{"client_id": _cid(), "happened_at": "2026-12-02T08:00:00", "rsvp_id": rid}]},
        {"items": [{"client_id": _cid(), "happened_at": early.isoformat()}]},
        {"items": [{"client_id": _cid(), "happened_at": early.isoformat(), "rsvp_id": True}]},
    ):
        refused = await events_client.post(url, json=body, headers=STAFF)
        assert refused.status_code == 422, (body, refused.text)
    item = {"client_id": _cid(), "happened_at": early.isoformat(), "rsvp_id": rid, "door": "x" * 100_000}
    huge = await events_client.post(url, json={"items": [item] * 100}, headers=STAFF)  # ~10 MB
    assert huge.status_code in (413, 422)
    assert (await _counts(events_client, eid))["checked_in"] == 1
    assert (await events_client.post(url, json={"items": [stale]})).status_code == 401


async def test_two_doors_syncing_at_once_count_the_guest_once(events_client: httpx.AsyncClient) -> None:
    event, rsvps = await _event_with_guests(events_client)
    eid = event["id"]
    now = datetime.now(UTC).replace(microsecond=0)
    batches = [
        [
            {
                "client_id": f"{door}-{_cid()}",
                "happened_at": (now - timedelta(minutes=m)).isoformat(),
                "rsvp_id": r["id"],
            }
            for r in rsvps
        ]
        for door, m in (("a", 7), ("b", 4))
    ]
    answers = await asyncio.gather(
        *[
            events_client.post(f"/events/{eid}/checkins/sync", json={"items": b}, headers=STAFF)
            for b in batches
        ]
    )
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    assert (await _counts(events_client, eid)) == {"checked_in": 3, "expected": 3, "remaining": 0}
    # Whichever batch was written first, door A's earlier check-ins are the ones that count.
    replay = (
        await events_client.post(
            f"/events/{eid}/checkins/sync", json={"items": batches[0] + batches[1]}, headers=STAFF
        )
    ).json()["results"]
    assert [r["result"] for r in replay] == ["checked_in"] * 3 + ["conflict"] * 3
    a_local = (now - timedelta(minutes=7)).astimezone(CASABLANCA).strftime("%H:%M")
    assert {r["checked_in_at_local"] for r in replay} == {a_local}
