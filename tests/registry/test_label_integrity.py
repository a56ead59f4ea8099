"""Issue #14.3: a certificate, once issued, always verifies with its true status, for what was audited.

- Deleting a product or an exporter that holds a label is refused (409 ``label-held``), and the
  database refuses it too (foreign keys restrict); labels and history are never deleted.
- The label keeps a snapshot of the facts it was granted on; a change to one of them puts it
  ``in_review`` with a history entry, and verification shows the snapshot, not the new data.
- The exporter's and products' label summary (profile, ``labelled`` filter, ``label_status``
  filter, facets) always agrees with the labels: after grants, changes, withdrawal, expiry and
  refused deletes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from services.common.db import make_sync_engine
from tests.registry.conftest import STAFF, create_exporter, create_product


async def _grant(
    client: httpx.AsyncClient,
    product_id: int,
    *,
    valid_from: str | None = None,
    valid_until: str | None = None,
) -> str:
    app = await client.post("/label-applications", json={"product_id": product_id}, headers=STAFF)
    assert app.status_code == 201, app.text
    app_id = app.json()["id"]
    await client.post(f"/label-applications/{app_id}/review", json={}, headers=STAFF)
    body: dict[str, Any] = {"reason": "audit ok"}
    if valid_from:
        body |= {"valid_from": valid_from, "valid_until": valid_until}
    granted = await client.post(f"/label-applications/{app_id}/grant", json=body, headers=STAFF)
    assert granted.status_code == 200, granted.text
    return granted.json()["label"]["certificate_number"]  # type: ignore[no-any-return]


def _expected_summary(labels: list[dict[str, Any]]) -> str:
    """An exporter's label status as read from its labels alone (best first)."""
    statuses = [lb["status"] for lb in labels]
    for status in ("active", "expired", "in_review", "suspended", "withdrawn"):
        if status in statuses:
            return status
    return "none"


async def _assert_no_drift(client: httpx.AsyncClient) -> None:
    """Every denormalised label field agrees with the labels themselves."""
    exporters = (await client.get("/exporters", params={"per_page": 100})).json()
    expected_facets: dict[str, int] = {}
    labelled_expected = set()
    for item in exporters["items"]:
        profile = (await client.get(f"/exporters/{item['slug']}")).json()
        expected = _expected_summary(profile["labels"])
        assert profile["label_status"] == expected, (item["slug"], profile["labels"])
        assert item["label_status"] == expected
        expected_facets[expected] = expected_facets.get(expected, 0) + 1
        if expected == "active":
            labelled_expected.add(item["slug"])
        by_product: dict[int, str] = {}
        for label in profile["labels"]:  # oldest first: the latest label of a product wins
            by_product[label["product_id"]] = label["status"]
        products = (await client.get(f"/exporters/{item['slug']}/products")).json()["items"]
        for product in products:
            assert product["label_status"] == by_product.get(product["id"], "none"), product
    assert exporters["facets"]["label_status"] == expected_facets
    labelled = (await client.get("/exporters", params={"labelled": "true", "per_page": 100})).json()
    assert {i["slug"] for i in labelled["items"]} == labelled_expected
    for status, count in expected_facets.items():
        filtered = (await client.get("/exporters", params={"label_status": status})).json()
        assert filtered["total"] == count, status


async def test_deleting_a_labelled_product_or_exporter_is_refused(
    registry_client: httpx.AsyncClient, registry_url: str
) -> None:
    exporter = await create_exporter(registry_client, 1)
    product = await create_product(registry_client, exporter["slug"], value_added=90)
    spare = await create_product(registry_client, exporter["slug"], value_added=10, name_fr="Sans label")
    number = await _grant(registry_client, product["id"])

    for path in (f"/products/{product['id']}", f"/exporters/{exporter['slug']}"):
        refused = await registry_client.delete(path, headers=STAFF)
        assert refused.status_code == 409, refused.text
        problem = refused.json()
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert problem["code"] == "label-held" and problem["certificate_numbers"] == [number]
        assert "withdraw" in problem["detail"] and "never deleted" in problem["detail"]
    # A product without a label can still go.
    assert (await registry_client.delete(f"/products/{spare['id']}", headers=STAFF)).status_code == 204

    public = (await registry_client.get(f"/labels/{number}")).json()
    assert public["genuine"] is True and public["status"] == "active" and public["valid"] is True
    await _assert_no_drift(registry_client)

    # Withdrawal is not deletion: the record stays, and so does the refusal.
    await registry_client.post(f"/labels/{number}/withdraw", json={"reason": "Fraude"}, headers=STAFF)
    assert (await registry_client.delete(f"/products/{product['id']}", headers=STAFF)).status_code == 409
    assert (await registry_client.get(f"/labels/{number}")).json()["status"] == "withdrawn"
    await _assert_no_drift(registry_client)

    # The database refuses too, whoever asks (foreign keys ON DELETE RESTRICT).
    engine = make_sync_engine(registry_url)
    try:
        for statement in (
            f"DELETE FROM product WHERE id = {product['id']}",
            f"DELETE FROM exporter WHERE id = {exporter['id']}",
            "DELETE FROM label",
            "DELETE FROM label_application",
            "DELETE FROM label_event",
        ):
            with pytest.raises(IntegrityError), engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        engine.dispose()


async def test_a_pending_application_also_keeps_the_product(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 2)
    product = await create_product(registry_client, exporter["slug"])
    await registry_client.post("/label-applications", json={"product_id": product["id"]}, headers=STAFF)
    refused = await registry_client.delete(f"/products/{product['id']}", headers=STAFF)
    assert refused.status_code == 409 and refused.json()["code"] == "label-held"


async def test_a_changed_fact_puts_the_label_in_review_and_verification_shows_the_grant(
    registry_client: httpx.AsyncClient,
) -> None:
    exporter = await create_exporter(registry_client, 3, trade_name="Atlas Textile")
    product = await create_product(registry_client, exporter["slug"], value_added=90, name_fr="Chemise lin")
    number = await _grant(registry_client, product["id"])

    # A description is not a fact the grant rested on.
    patched = await registry_client.patch(
        f"/products/{product['id']}", json={"description_fr": "Nouvelle description"}, headers=STAFF
    )
    assert patched.status_code == 200
    assert (await registry_client.get(f"/labels/{number}")).json()["status"] == "active"

    # Value added 90 -> 5, the product and the company renamed.
    await registry_client.patch(
        f"/products/{product['id']}",
        json={"value_added_pct": 5, "name_fr": "Chemise importée"},
        headers=STAFF,
    )
    await registry_client.patch(
        f"/exporters/{exporter['slug']}", json={"trade_name": "Autre Société"}, headers=STAFF
    )
    public = (await registry_client.get(f"/labels/{number}")).json()
    assert public["genuine"] is True  # the certificate exists...
    assert public["status"] == "in_review" and public["under_review"] is True
    assert public["valid"] is False  # ...but it does not say "active, valid"
    assert public["product"]["value_added_pct"] == 90 and public["product"]["name"]["fr"] == "Chemise lin"
    assert public["exporter"]["trade_name"] == "Atlas Textile"
    assert public["granted"]["value_added_pct"] == 90
    assert public["granted"]["exporter_ice"] == exporter["ice"]
    reviews = [h for h in public["history"] if h["to_status"] == "in_review"]
    assert len(reviews) == 1 and "name_fr, value_added_pct" in reviews[0]["reason"]
    assert "Chemise importée" not in str(public)  # nothing of the new data is shown
    await _assert_no_drift(registry_client)
    profile = (await registry_client.get(f"/exporters/{exporter['slug']}")).json()
    assert profile["label_status"] == "in_review"

    # The review cannot confirm a product below the rule...
    refused = await registry_client.post(f"/labels/{number}/reinstate", json={}, headers=STAFF)
    assert refused.status_code == 409 and "40" in refused.json()["detail"]
    # ...and confirms the new facts once they meet it: the snapshot is taken again.
    await registry_client.patch(f"/products/{product['id']}", json={"value_added_pct": 70}, headers=STAFF)
    confirmed = await registry_client.post(
        f"/labels/{number}/reinstate", json={"reason": "re-audit"}, headers=STAFF
    )
    assert confirmed.status_code == 200, confirmed.text
    body = confirmed.json()
    assert body["status"] == "active" and body["valid"] is True
    assert body["product"]["value_added_pct"] == 70 and body["exporter"]["trade_name"] == "Autre Société"
    await _assert_no_drift(registry_client)


async def test_the_label_summary_cannot_drift(registry_client: httpx.AsyncClient) -> None:
    """Grants, a changed fact, a withdrawal, an expired label and refused deletes, checked after each."""
    slugs, products = [], []
    for serial in range(10, 15):
        exporter = await create_exporter(registry_client, serial)
        slugs.append(exporter["slug"])
        products.append(await create_product(registry_client, exporter["slug"], value_added=80))
    await _assert_no_drift(registry_client)
    numbers = [await _grant(registry_client, p["id"]) for p in products[:3]]
    past = await _grant(
        registry_client,
        products[3]["id"],
        valid_from=(date.today() - timedelta(days=800)).isoformat(),
        valid_until=(date.today() - timedelta(days=1)).isoformat(),
    )
    await _assert_no_drift(registry_client)
    assert (await registry_client.get(f"/labels/{past}")).json()["status"] == "expired"
    # An expired label is left as it is by a change (it needs a new application anyway).
    await registry_client.patch(f"/products/{products[3]['id']}", json={"value_added_pct": 50}, headers=STAFF)
    assert (await registry_client.get(f"/labels/{past}")).json()["status"] == "expired"
    await registry_client.patch(f"/products/{products[0]['id']}", json={"hs_code": "620530"}, headers=STAFF)
    await _assert_no_drift(registry_client)
    await registry_client.post(f"/labels/{numbers[1]}/withdraw", json={"reason": "Fraude"}, headers=STAFF)
    await registry_client.post(f"/labels/{numbers[2]}/suspend", json={"reason": "Audit"}, headers=STAFF)
    await _assert_no_drift(registry_client)
    for slug in slugs[:4]:
        assert (await registry_client.delete(f"/exporters/{slug}", headers=STAFF)).status_code == 409
    assert (await registry_client.delete(f"/exporters/{slugs[4]}", headers=STAFF)).status_code == 204
    await _assert_no_drift(registry_client)
    facets = (await registry_client.get("/exporters")).json()["facets"]["label_status"]
    assert facets == {"in_review": 1, "withdrawn": 1, "suspended": 1, "expired": 1}


async def test_synthetic_labels_carry_their_grant_snapshot(registry_url: str, registry_app: Any) -> None:
    """The benchmark catalogue writes labels in bulk: each must hold the facts it was granted on."""
    from services.registry import labels
    from services.registry.models import Exporter, Label, Product
    from services.registry.synthetic import seed_synthetic
    from tests.conftest import run_in_session

    seed_synthetic(registry_url, 200, echo=False)

    async def check(session: Any) -> int:
        from sqlmodel import select

        rows = (await session.exec(select(Label))).all()
        for label in rows:
            product = await session.get(Product, label.product_id)
            exporter = await session.get(Exporter, label.exporter_id)
            assert labels.changed_facts(label, product, exporter) == [], label.certificate_number
        return len(rows)

    assert await run_in_session(registry_app, check) > 0
