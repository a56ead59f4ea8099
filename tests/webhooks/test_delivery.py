"""Issue #17.3: delivery is at least once, retried with back-off, and gives up visibly.

- A receiver that goes away and comes back gets every message (nothing lost); a message sent
  twice carries the same ``webhook-id`` and the same body, signed afresh.
- An endpoint that never answers 2xx is disabled after the attempts limit, with a reason;
  it hears nothing more until it is enabled again; a replay then goes through.
- A replay sends the message again with the same ``webhook-id``.
- Two endpoints on one URL each get their own message, id and signature.
- Deleting an endpoint with pending deliveries drops them: nothing more is sent to it.
- Exporter and event changes are announced; a draft event's edits are not.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from services.registry.changes import EXPORTER_TYPES
from tests.support.http import http
from tests.support.stack import Stack
from tests.support.waiting import wait_until
from tests.webhooks.conftest import Receiver, new_exporter, subscribe

MAX_ATTEMPTS = 12  # GATEWAY_WEBHOOK_MAX_ATTEMPTS in conftest


def _exporter_messages(
    receiver: Receiver, path: str, exporter_ids: set[int]
) -> dict[tuple[int, str], list[Any]]:
    found: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for message in receiver.at(path):
        data = message.json["data"]
        if data.get("exporter_id") in exporter_ids:
            found[(data["exporter_id"], message.json["type"])].append(message)
    return found


def _delivered(gw: httpx.Client, endpoint_id: int) -> list[dict[str, Any]] | None:
    rows: list[dict[str, Any]] = gw.get(
        "/api/webhooks/deliveries", params={"endpoint_id": endpoint_id}
    ).json()
    return rows if rows and all(r["status"] == "delivered" for r in rows) else None


def test_a_receiver_that_goes_away_gets_everything_when_it_comes_back(
    gw: httpx.Client, receiver: Receiver
) -> None:
    subscribe(gw, receiver, "/exporters", list(EXPORTER_TYPES))
    # First the receiver answers 500 (the gateway tries again), then it is gone, then back.
    receiver.answers["/exporters"] = 500
    first = new_exporter(gw)
    wait_until(lambda: len(receiver.at("/exporters")) >= 2, 30, message="retries while failing")
    receiver.stop()
    during = [new_exporter(gw) for _ in range(3)]
    patched = gw.patch(f"/api/registry/exporters/{during[0]['slug']}", json={"city": "Rabat"})
    assert patched.status_code == 200, patched.text
    deleted = gw.delete(f"/api/registry/exporters/{during[1]['slug']}")
    assert deleted.status_code == 204, deleted.text
    receiver.answers["/exporters"] = 200
    receiver.start()

    ids = {first["id"], *(e["id"] for e in during)}
    expected = {(e, "exporter.created") for e in ids} | {
        (during[0]["id"], "exporter.updated"),
        (during[1]["id"], "exporter.deleted"),
    }

    def delivered() -> bool:
        found = _exporter_messages(receiver, "/exporters", ids)
        return all(any(m.answered == 200 for m in found.get(key, [])) for key in expected)

    wait_until(delivered, 60, message="every message after the receiver came back")
    found = _exporter_messages(receiver, "/exporters", ids)
    assert set(found) == expected
    for copies in found.values():
        assert all(m.valid for m in copies)
        assert len({m.headers["webhook-id"] for m in copies}) == 1  # a duplicate shares its id
        assert len({m.body for m in copies}) == 1
    assert len(found[(first["id"], "exporter.created")]) >= 3  # 500, 500, ..., then 200


def test_an_endpoint_that_never_answers_2xx_is_disabled_then_replayed(
    gw: httpx.Client, receiver: Receiver
) -> None:
    receiver.answers["/broken"] = 503
    endpoint = subscribe(gw, receiver, "/broken", ["exporter.created"])
    exporter = new_exporter(gw)

    def disabled() -> dict[str, Any] | None:
        state: dict[str, Any] = gw.get(f"/api/webhooks/endpoints/{endpoint['id']}").json()
        return state if not state["enabled"] else None

    state = wait_until(disabled, 60, message="the endpoint is disabled")
    assert state["disabled_at"] and "failed 12 times" in state["disabled_reason"]
    assert "HTTP 503" in state["disabled_reason"]
    attempts = [m for m in receiver.at("/broken") if m.json["data"]["exporter_id"] == exporter["id"]]
    assert len(attempts) == MAX_ATTEMPTS and all(m.valid for m in attempts)
    assert len({m.headers["webhook-id"] for m in attempts}) == 1
    stamps = [int(m.headers["webhook-timestamp"]) for m in attempts]
    assert stamps == sorted(stamps)
    failed = gw.get(
        "/api/webhooks/deliveries", params={"endpoint_id": endpoint["id"], "status": "failed"}
    ).json()
    assert [d["message_id"] for d in failed] == [attempts[0].headers["webhook-id"]]
    assert failed[0]["attempts"] == MAX_ATTEMPTS and failed[0]["last_status_code"] == 503

    # Disabled: a replay is refused, new changes are not queued for it.
    refused = gw.post(f"/api/webhooks/deliveries/{failed[0]['id']}/replay")
    assert refused.status_code == 409 and refused.json()["type"].endswith("endpoint-disabled")
    marker = subscribe(gw, receiver, "/marker", ["exporter.created"])
    later = new_exporter(gw)
    wait_until(lambda: any(m.json["data"]["exporter_id"] == later["id"] for m in receiver.at("/marker")), 30)
    all_rows = gw.get("/api/webhooks/deliveries", params={"endpoint_id": endpoint["id"]}).json()
    assert len(all_rows) == 1

    # Fixed and enabled again: the replay goes through with the same webhook-id.
    receiver.answers["/broken"] = 204
    enabled = gw.patch(f"/api/webhooks/endpoints/{endpoint['id']}", json={"enabled": True})
    assert (
        enabled.status_code == 200 and enabled.json()["enabled"] and enabled.json()["disabled_reason"] is None
    )
    replayed = gw.post(f"/api/webhooks/deliveries/{failed[0]['id']}/replay")
    assert replayed.status_code == 202, replayed.text
    wait_until(lambda: any(m.answered == 204 for m in receiver.at("/broken")), 30, message="replayed")
    last = receiver.at("/broken")[-1]
    assert last.valid and last.headers["webhook-id"] == attempts[0].headers["webhook-id"]
    row = wait_until(lambda: _delivered(gw, endpoint["id"]), 30, message="recorded as delivered")[0]
    assert row["delivered_at"] and row["attempts"] == 1
    gw.delete(f"/api/webhooks/endpoints/{marker['id']}")


def test_a_delivered_message_can_be_replayed(gw: httpx.Client, receiver: Receiver) -> None:
    endpoint = subscribe(gw, receiver, "/replay", ["exporter.created"])
    exporter = new_exporter(gw)
    [delivery] = wait_until(lambda: _delivered(gw, endpoint["id"]), 30, message="first delivery")
    assert gw.post(f"/api/webhooks/deliveries/{delivery['id']}/replay").status_code == 202
    wait_until(lambda: len(receiver.at("/replay")) == 2, 30, message="replay")
    first, second = receiver.at("/replay")
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery["message_id"]
    assert first.body == second.body and second.valid
    assert second.json["data"]["exporter_id"] == exporter["id"]
    assert gw.post("/api/webhooks/deliveries/2147483647/replay").status_code == 404


def test_two_registrations_of_one_url_each_get_their_own_messages(
    gw: httpx.Client, receiver: Receiver
) -> None:
    one = subscribe(gw, receiver, "/twice", ["exporter.created"])
    two = gw.post(
        "/api/webhooks/endpoints", json={"url": receiver.url("/twice"), "event_types": ["exporter.created"]}
    )
    assert two.status_code == 201
    assert two.json()["secret"] != one["secret"] and two.json()["id"] != one["id"]
    # The secret is shown once: reading the endpoint again does not show it.
    assert "secret" not in gw.get(f"/api/webhooks/endpoints/{one['id']}").json()
    assert all("secret" not in e for e in gw.get("/api/webhooks/endpoints").json())
    exporter = new_exporter(gw)
    wait_until(lambda: len(receiver.at("/twice")) == 2, 30, message="two copies")
    copies = receiver.at("/twice")
    assert {c.json["data"]["exporter_id"] for c in copies} == {exporter["id"]}
    assert len({c.headers["webhook-id"] for c in copies}) == 2
    # One verifies with the first secret, the other with the second.
    valid = [c.valid for c in copies]  # checked with the first secret (receiver.secrets["/twice"])
    assert sorted(valid) == [False, True]
    receiver.secrets["/twice"] = two.json()["secret"]


def test_deleting_an_endpoint_with_pending_deliveries_stops_them(
    gw: httpx.Client, receiver: Receiver
) -> None:
    receiver.answers["/doomed"] = 500
    doomed = subscribe(gw, receiver, "/doomed", ["exporter.created"])
    marker = subscribe(gw, receiver, "/after", ["exporter.created"])
    new_exporter(gw)
    wait_until(lambda: len(receiver.at("/doomed")) >= 2, 30, message="retrying")
    pending = gw.get(
        "/api/webhooks/deliveries", params={"endpoint_id": doomed["id"], "status": "pending"}
    ).json()
    assert len(pending) == 1
    assert gw.delete(f"/api/webhooks/endpoints/{doomed['id']}").status_code == 204
    seen_at_delete = len(receiver.at("/doomed"))
    assert gw.get(f"/api/webhooks/endpoints/{doomed['id']}").status_code == 404
    assert gw.get("/api/webhooks/deliveries", params={"endpoint_id": doomed["id"]}).json() == []
    assert gw.post(f"/api/webhooks/deliveries/{pending[0]['id']}/replay").status_code == 404
    assert gw.delete(f"/api/webhooks/endpoints/{doomed['id']}").status_code == 404
    # Later changes reach the other endpoint; the deleted one hears at most the attempt in flight.
    later = new_exporter(gw)
    wait_until(lambda: any(m.json["data"]["exporter_id"] == later["id"] for m in receiver.at("/after")), 30)
    wait_until(lambda: len(receiver.at("/after")) >= 2, 30)
    assert len(receiver.at("/doomed")) <= seen_at_delete + 1
    gw.delete(f"/api/webhooks/endpoints/{marker['id']}")


def test_event_changes_are_announced(gw: httpx.Client, receiver: Receiver) -> None:
    subscribe(gw, receiver, "/events", ["event.published", "event.changed", "event.cancelled"])
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    created = gw.post(
        "/api/events/events",
        json={
            "title": {"fr": "Morning webhooks"},
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
            "venue": "Salle Atlas",
            "city": "Casablanca",
            "capacity": 50,
        },
    )
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    assert (
        gw.patch(f"/api/events/events/{event_id}", json={"city": "Rabat"}).status_code == 200
    )  # a draft: quiet
    assert gw.post(f"/api/events/events/{event_id}/publish").status_code == 200
    moved = (starts + timedelta(days=1)).isoformat()
    later_end = (starts + timedelta(days=1, hours=2)).isoformat()
    assert (
        gw.patch(
            f"/api/events/events/{event_id}", json={"starts_at": moved, "ends_at": later_end}
        ).status_code
        == 200
    )
    assert gw.post(f"/api/events/events/{event_id}/cancel", json={"reason": "storm"}).status_code == 200

    def types() -> list[str]:
        return [m.json["type"] for m in receiver.at("/events") if m.json["data"]["event_id"] == event_id]

    wait_until(lambda: len(types()) >= 3, 30, message="three event messages")
    assert sorted(types()) == ["event.cancelled", "event.changed", "event.published"]
    messages = {m.json["type"]: m for m in receiver.at("/events")}
    assert all(m.valid for m in messages.values())
    assert messages["event.changed"].json["data"]["starts_at"].startswith(moved[:16])
    assert messages["event.published"].json["data"]["city"] == "Rabat"
    assert messages["event.cancelled"].json["data"]["status"] == "cancelled"


def test_a_gateway_restart_neither_loses_nor_repeats_fan_out(
    platform: Stack, gw: httpx.Client, receiver: Receiver
) -> None:
    endpoint = subscribe(gw, receiver, "/restart", ["exporter.created"])
    before = new_exporter(gw)
    wait_until(lambda: receiver.at("/restart"), 30, message="before the restart")
    platform.restart("gateway")
    wait_until(lambda: http.get(f"{platform.gateway}/healthz", timeout=5).status_code == 200, 30)
    after = new_exporter(gw)
    wait_until(lambda: len(receiver.at("/restart")) >= 2, 60, message="after the restart")
    rows = gw.get("/api/webhooks/deliveries", params={"endpoint_id": endpoint["id"]}).json()
    assert sorted(r["message_id"] for r in rows) == sorted({r["message_id"] for r in rows})
    assert len(rows) == 2
    got = sorted(m.json["data"]["exporter_id"] for m in receiver.at("/restart"))
    assert got == sorted([before["id"], after["id"]])
