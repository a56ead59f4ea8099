"""Batch verification: POST /labels/verify answers each number in order, in a fixed number of
queries; the batch as a whole is refused only when empty, too large or with duplicates; the
gateway gives it a stricter rate of its own (429 problem+json with Retry-After)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from tests.conftest import asgi_client
from tests.frontend.conftest import demo_label
from tests.gateway.conftest import gateway_settings  # noqa: F401  (a fixture)
from tests.registry.conftest import STAFF, create_exporter, create_product

# The window never turns over during the test (see tests/gateway/test_limits.py).
LONG = 10 * 365 * 86400


async def _grant_labels(client: httpx.AsyncClient, count: int, serial: int = 1) -> list[str]:
    exporter = await create_exporter(client, serial)
    numbers = []
    for index in range(count):
        product = await create_product(client, exporter["slug"], name_fr=f"Produit {index}")
        application = await client.post(
            "/label-applications", json={"product_id": product["id"]}, headers=STAFF
        )
        app_id = application.json()["id"]
        await client.post(f"/label-applications/{app_id}/review", headers=STAFF)
        granted = await client.post(f"/label-applications/{app_id}/grant", headers=STAFF)
        assert granted.status_code == 200, granted.text
        numbers.append(granted.json()["label"]["certificate_number"])
    return numbers


async def _batch(client: httpx.AsyncClient, certificates: Any) -> httpx.Response:
    return await client.post("/labels/verify", json={"certificates": certificates})


@contextmanager
def _counting_queries(app: Any) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = app.state.engine.sync_engine

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_mixed_batch_answers_each_number_in_order(registry_client: httpx.AsyncClient) -> None:
    first, second = await _grant_labels(registry_client, 2)
    asked = [second, "MIM-2020-ZZZZ-ZZZZ", "not a number!", f"  {first.lower()} ", "x" * 500]
    response = await _batch(registry_client, asked)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [item["outcome"] for item in items] == [
        "found",
        "unknown",
        "invalid-format",
        "found",
        "invalid-format",
    ]
    assert [item["certificate"] for item in items[:4]] == asked[:4]
    assert items[4]["certificate"] == "x" * 64  # echoed, but cut
    assert items[0]["label"]["certificate_number"] == second
    assert items[3]["label"]["certificate_number"] == first
    assert items[1]["label"] is None and items[2]["label"] is None
    # The same fields as the single verification, item by item.
    single = (await registry_client.get(f"/labels/{first}")).json()
    assert items[3]["label"] == single
    # The second identical call answers the same.
    again = await _batch(registry_client, asked)
    assert again.json() == response.json()


async def test_one_query_for_the_batch_not_one_per_number(registry_app: Any) -> None:
    async with asgi_client(registry_app) as client:
        numbers = await _grant_labels(client, 6)
        with _counting_queries(registry_app) as few:
            assert (await _batch(client, numbers[:2])).status_code == 200
        with _counting_queries(registry_app) as many:
            big = [*numbers, *(f"MIM-2024-AAAA-{i:04d}" for i in range(94))]
            response = await _batch(client, big)
        assert response.status_code == 200 and len(response.json()["items"]) == 100
    labels_read = [s for s in many if "FROM label " in s or "FROM label\n" in s]
    assert len(many) == len(few), (len(few), len(many))
    assert len(labels_read) == 1, labels_read


async def test_100_items_pass_and_101_are_refused_naming_the_field(
    registry_client: httpx.AsyncClient,
) -> None:
    hundred = [f"MIM-2024-AAAA-{i:04d}" for i in range(100)]
    response = await _batch(registry_client, hundred)
    assert response.status_code == 200
    assert {item["outcome"] for item in response.json()["items"]} == {"unknown"}
    refused = await _batch(registry_client, [*hundred, "MIM-2024-AAAA-9999"])
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["type"].endswith("/batch-too-large")
    assert [e["field"] for e in problem["errors"]] == ["certificates"]


async def test_empty_duplicate_and_malformed_bodies_are_422(registry_client: httpx.AsyncClient) -> None:
    empty = await _batch(registry_client, [])
    assert empty.status_code == 422 and empty.json()["type"].endswith("/batch-empty")
    assert empty.json()["errors"][0]["field"] == "certificates"
    # Duplicates are refused (case and spaces do not make a number different): the caller's bug.
    duplicated = await _batch(registry_client, ["MIM-2024-AAAA-0001", "x", " mim-2024-aaaa-0001"])
    assert duplicated.status_code == 422 and duplicated.json()["type"].endswith("/batch-duplicates")
    assert duplicated.json()["errors"][0]["field"] == "certificates"
    assert "items 0 and 2" in duplicated.json()["errors"][0]["message"]
    # The same malformed string twice is a duplicate too (the document says uniqueItems)...
    twice = await _batch(registry_client, ["?", "MIM-2024-AAAA-0001", "?"])
    assert twice.status_code == 422 and twice.json()["type"].endswith("/batch-duplicates")
    assert "items 0 and 2" in twice.json()["errors"][0]["message"]
    # ...while two different malformed items are each reported.
    different = await _batch(registry_client, ["?", "??"])
    assert different.status_code == 200
    assert [item["outcome"] for item in different.json()["items"]] == ["invalid-format", "invalid-format"]
    for body in ({}, {"certificates": "MIM-2024-AAAA-0001"}, {"certificates": [1, 2]}, {"x": 1}):
        response = await registry_client.post("/labels/verify", json=body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
    hostile = await registry_client.post(
        "/labels/verify", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert hostile.status_code == 422


async def test_status_follows_suspension_and_a_refused_product_delete(
    registry_client: httpx.AsyncClient,
) -> None:
    (number,) = await _grant_labels(registry_client, 1)
    assert (await _batch(registry_client, [number])).json()["items"][0]["label"]["status"] == "active"
    suspended = await registry_client.post(
        f"/labels/{number}/suspend", json={"reason": "Audit"}, headers=STAFF
    )
    assert suspended.status_code == 200
    item = (await _batch(registry_client, [number])).json()["items"][0]
    assert (item["outcome"], item["label"]["status"], item["label"]["valid"]) == ("found", "suspended", False)
    # The labelled product cannot be deleted (a label is never deleted): the batch still answers.
    product_id = item["label"]["product"]["id"]
    deleted = await registry_client.delete(f"/products/{product_id}", headers=STAFF)
    assert deleted.status_code == 409
    assert (await _batch(registry_client, [number])).json()["items"][0]["label"]["status"] == "suspended"
    await registry_client.post(f"/labels/{number}/withdraw", json={"reason": "Fraude"}, headers=STAFF)
    assert (await _batch(registry_client, [number])).json()["items"][0]["label"]["status"] == "withdrawn"


async def test_an_unlabelled_product_deleted_leaves_the_batch_unchanged(
    registry_client: httpx.AsyncClient,
) -> None:
    (number,) = await _grant_labels(registry_client, 1)
    exporter_slug = (await registry_client.get(f"/labels/{number}")).json()["exporter"]["slug"]
    spare = await create_product(registry_client, exporter_slug, name_fr="Sans label")
    before = (await _batch(registry_client, [number, "MIM-2024-AAAA-0001"])).json()
    assert (await registry_client.delete(f"/products/{spare['id']}", headers=STAFF)).status_code == 204
    assert (await _batch(registry_client, [number, "MIM-2024-AAAA-0001"])).json() == before


def test_the_batch_is_public_through_the_gateway(shared_stack: Any) -> None:
    with httpx.Client(base_url=shared_stack.gateway, timeout=60) as client:
        asked = [demo_label(shared_stack.gateway, "active"), "MIM-2020-ZZZZ-ZZZZ", "<script>"]
        response = client.post("/api/registry/labels/verify", json={"certificates": asked})
    assert response.status_code == 200, response.text
    assert [i["outcome"] for i in response.json()["items"]] == ["found", "unknown", "invalid-format"]


async def test_the_gateway_gives_batches_a_stricter_rate(gateway_settings: Any) -> None:  # noqa: F811
    from services.gateway.main import create_app

    app = create_app(gateway_settings.model_copy(update={"rate_limit_label_batch": f"2/{LONG}"}))
    async with app.router.lifespan_context(app), asgi_client(app) as client:
        body = {"certificates": ["MIM-2024-AAAA-0001"]}
        statuses = [
            (await client.post("/api/registry/labels/verify", json=body)).status_code for _ in range(3)
        ]
        # The registry is down in this test: 503 until the batch rule trips.
        assert statuses[:2] == [503, 503] and statuses[2] == 429
        limited = await client.post("/api/registry/labels/verify/", json=body)
        assert limited.status_code == 429
        assert limited.headers["content-type"] == "application/problem+json"
        assert 1 <= int(limited.headers["retry-after"]) <= LONG
        assert "label-batch" in limited.json()["detail"]
        assert limited.json()["type"].endswith("/too-many-requests")
        # Single verifications are on the default rule only: still through (to the down registry).
        assert (await client.get("/api/registry/labels/MIM-2024-AAAA-0001")).status_code == 503
        # Another client has its own budget.
        other = await client.post(
            "/api/registry/labels/verify", json=body, headers={"X-Forwarded-For": "203.0.113.9"}
        )
        assert other.status_code == 503
