"""Issue #17.3: a label's whole life reaches a subscribed integrator, signed (Standard Webhooks).

Granted, suspended, reinstated, withdrawn by organisers, and expired by the registry's job
(once per label, however often the job runs) each arrive as one message whose signature the
receiver verifies with the endpoint's secret; the change types are the gateway's catalogue.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import httpx

from services.events.changes import EVENT_TYPES as EVENTS_TYPES
from services.gateway.webhooks import EVENT_TYPES
from services.registry.changes import EXPORTER_TYPES, LABEL_TYPES
from tests.support.waiting import wait_until
from tests.webhooks.conftest import Receiver, grant_label, new_exporter, subscribe


def _types_for(receiver: Receiver, path: str, certificate: str) -> list[str]:
    return sorted(
        r.json["type"] for r in receiver.at(path) if r.json["data"].get("certificate_number") == certificate
    )


def test_a_label_lifecycle_arrives_signed(gw: httpx.Client, receiver: Receiver) -> None:
    endpoint = subscribe(gw, receiver, "/labels", list(LABEL_TYPES))
    assert endpoint["secret"].startswith("whsec_")
    exporter = new_exporter(gw)
    certificate = grant_label(gw, exporter["slug"])
    assert (
        gw.post(f"/api/registry/labels/{certificate}/suspend", json={"reason": "audit pending"}).status_code
        == 200
    )
    assert gw.post(f"/api/registry/labels/{certificate}/reinstate", json={}).status_code == 200
    assert (
        gw.post(f"/api/registry/labels/{certificate}/withdraw", json={"reason": "closed down"}).status_code
        == 200
    )
    # A label whose end date has passed: the registry's job announces it expired.
    expired = grant_label(gw, exporter["slug"], valid_from="2020-01-01", valid_until="2020-12-31")

    lifecycle = sorted(["label.granted", "label.suspended", "label.reinstated", "label.withdrawn"])
    wait_until(lambda: _types_for(receiver, "/labels", certificate) == lifecycle, 30, message="lifecycle")
    wait_until(
        lambda: _types_for(receiver, "/labels", expired) == ["label.expired", "label.granted"],
        30,
        message="expiry",
    )

    messages = receiver.at("/labels")
    assert messages and all(m.valid for m in messages), [m.headers for m in messages if not m.valid]
    assert len({m.headers["webhook-id"] for m in messages}) == len(messages)  # all answered 200 at once
    for message in messages:
        body = message.json
        assert set(body) == {"type", "timestamp", "data"}
        datetime.fromisoformat(body["timestamp"])
        assert message.headers["content-type"] == "application/json"
        assert body["data"]["exporter_slug"] == exporter["slug"]
        assert "email" not in body["data"] and "phone" not in body["data"]
    by_type = {
        m.json["type"]: m.json["data"]
        for m in messages
        if m.json["data"]["certificate_number"] == certificate
    }
    assert by_type["label.suspended"]["status"] == "suspended"
    assert by_type["label.withdrawn"]["status"] == "withdrawn"
    assert by_type["label.reinstated"]["status"] == "active"

    # The job keeps running: a later expired label is announced, the first one is not again.
    later = grant_label(gw, exporter["slug"], valid_from="2021-01-01", valid_until="2021-06-30")
    wait_until(lambda: "label.expired" in _types_for(receiver, "/labels", later), 30, message="later expiry")
    counts = Counter(
        r.json["data"]["certificate_number"]
        for r in receiver.at("/labels")
        if r.json["type"] == "label.expired"
    )
    assert counts == {expired: 1, later: 1}

    # The receiver hears a message a moment before the dispatcher records its 200.
    def settled() -> list[dict[str, object]] | None:
        rows = gw.get("/api/webhooks/deliveries", params={"endpoint_id": endpoint["id"]}).json()
        return rows if {d["status"] for d in rows} == {"delivered"} else None

    deliveries = wait_until(settled, 30, message="deliveries recorded")
    assert len(deliveries) == len(receiver.at("/labels"))
    assert all(d["attempts"] == 1 for d in deliveries)


def test_an_endpoint_hears_only_the_types_it_subscribed_to(gw: httpx.Client, receiver: Receiver) -> None:
    subscribe(gw, receiver, "/withdrawn-only", ["label.withdrawn"])
    exporter = new_exporter(gw)
    certificate = grant_label(gw, exporter["slug"])
    assert (
        gw.post(f"/api/registry/labels/{certificate}/withdraw", json={"reason": "closed down"}).status_code
        == 200
    )
    wait_until(lambda: receiver.at("/withdrawn-only"), 30, message="withdrawal")
    assert [m.json["type"] for m in receiver.at("/withdrawn-only")] == ["label.withdrawn"]


def test_the_services_announce_only_types_the_gateway_knows() -> None:
    assert set(LABEL_TYPES) | set(EXPORTER_TYPES) | set(EVENTS_TYPES) == set(EVENT_TYPES)
    assert {t for t, s in EVENT_TYPES.items() if s == "events"} == set(EVENTS_TYPES)
