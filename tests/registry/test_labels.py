"""The label lifecycle: transitions and history, the 40 % rule, expiry, verification and QR codes."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest

from tests.registry.conftest import STAFF, create_exporter, create_product
from tests.support.tokens import bearer


async def _applied(client: httpx.AsyncClient, value_added: float = 60) -> tuple[dict, dict, dict]:
    exporter = await create_exporter(client, 1)
    product = await create_product(client, exporter["slug"], value_added=value_added)
    owner = bearer("exporter", exporter_id=exporter["id"], sub="owner-1")
    response = await client.post(
        "/label-applications", json={"product_id": product["id"], "note": "Dossier"}, headers=owner
    )
    assert response.status_code == 201, response.text
    return exporter, product, response.json()


async def test_application_flow_with_history(registry_client: httpx.AsyncClient) -> None:
    exporter, product, application = await _applied(registry_client)
    assert application["status"] == "submitted"
    app_id = application["id"]
    # Granting straight from "submitted" is not a valid transition.
    response = await registry_client.post(f"/label-applications/{app_id}/grant", json={}, headers=STAFF)
    assert response.status_code == 409
    assert response.json()["current_status"] == "submitted"
    reviewed = await registry_client.post(
        f"/label-applications/{app_id}/review", json={"reason": "audit"}, headers=STAFF
    )
    assert reviewed.json()["status"] == "under_review"
    granted = (
        await registry_client.post(
            f"/label-applications/{app_id}/grant", json={"reason": "ok"}, headers=STAFF
        )
    ).json()
    assert granted["status"] == "granted"
    label = granted["label"]
    assert label["status"] == "active" and label["certificate_number"].startswith("MIM-")
    history = [(h["subject"], h["from_status"], h["to_status"], h["actor"]) for h in granted["history"]]
    assert history == [
        ("application", None, "submitted", "owner-1"),
        ("application", "submitted", "under_review", "test"),
        ("application", "under_review", "granted", "test"),
        ("label", None, "active", "test"),
    ]
    # A second application for a labelled product is refused, and so is rejecting a granted one.
    response = await registry_client.post(
        "/label-applications", json={"product_id": product["id"]}, headers=STAFF
    )
    assert response.status_code == 409
    response = await registry_client.post(
        f"/label-applications/{app_id}/reject", json={"reason": "late"}, headers=STAFF
    )
    assert response.status_code == 409
    profile = (await registry_client.get(f"/exporters/{exporter['slug']}")).json()
    assert profile["label_status"] == "active"
    assert profile["labels"][0]["certificate_number"] == label["certificate_number"]


async def test_grant_requires_forty_percent_value_added(registry_client: httpx.AsyncClient) -> None:
    _, product, application = await _applied(registry_client, value_added=39.5)
    app_id = application["id"]
    await registry_client.post(f"/label-applications/{app_id}/review", headers=STAFF)
    response = await registry_client.post(f"/label-applications/{app_id}/grant", headers=STAFF)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "value_added_pct"
    await registry_client.patch(f"/products/{product['id']}", json={"value_added_pct": 40}, headers=STAFF)
    response = await registry_client.post(f"/label-applications/{app_id}/grant", headers=STAFF)
    assert response.status_code == 200


async def test_only_staff_review_and_exporters_see_only_their_applications(
    registry_client: httpx.AsyncClient,
) -> None:
    exporter, _, application = await _applied(registry_client)
    owner = bearer("exporter", exporter_id=exporter["id"])
    other = bearer("exporter", exporter_id=exporter["id"] + 100)
    assert (
        await registry_client.post(f"/label-applications/{application['id']}/review", headers=owner)
    ).status_code == 403
    assert (
        await registry_client.get(f"/label-applications/{application['id']}", headers=other)
    ).status_code == 403
    assert (await registry_client.get("/label-applications", headers=other)).json()["total"] == 0
    assert (await registry_client.get("/label-applications", headers=owner)).json()["total"] == 1
    assert (await registry_client.get("/label-applications")).status_code == 401


async def _granted(client: httpx.AsyncClient, **grant: str) -> str:
    _, _, application = await _applied(client)
    await client.post(f"/label-applications/{application['id']}/review", headers=STAFF)
    response = await client.post(f"/label-applications/{application['id']}/grant", json=grant, headers=STAFF)
    assert response.status_code == 200, response.text
    return response.json()["label"]["certificate_number"]  # type: ignore[no-any-return]


async def test_label_status_changes_and_public_verification(registry_client: httpx.AsyncClient) -> None:
    number = await _granted(registry_client)
    public = (await registry_client.get(f"/labels/{number}")).json()
    assert public["genuine"] is True and public["status"] == "active" and public["valid"] is True
    assert public["verification_url"] == f"http://127.0.0.1:8080/labels/{number}"
    assert (await registry_client.post(f"/labels/{number}/reinstate", headers=STAFF)).status_code == 409
    assert (
        await registry_client.post(f"/labels/{number}/suspend", json={"reason": "x"}, headers=STAFF)
    ).status_code == 422
    suspended = await registry_client.post(
        f"/labels/{number}/suspend", json={"reason": "Audit négatif"}, headers=STAFF
    )
    assert suspended.json()["status"] == "suspended" and suspended.json()["valid"] is False
    assert (await registry_client.get("/exporters", params={"labelled": "true"})).json()["total"] == 0
    await registry_client.post(f"/labels/{number}/reinstate", headers=STAFF)
    withdrawn = await registry_client.post(
        f"/labels/{number}/withdraw", json={"reason": "Fraude"}, headers=STAFF
    )
    assert withdrawn.json()["status"] == "withdrawn"
    assert (await registry_client.post(f"/labels/{number}/reinstate", headers=STAFF)).status_code == 409
    history = [(h["from_status"], h["to_status"]) for h in withdrawn.json()["history"]]
    assert history == [
        (None, "active"),
        ("active", "suspended"),
        ("suspended", "active"),
        ("active", "withdrawn"),
    ]
    unknown = await registry_client.get("/labels/MIM-2026-ZZZZ-ZZZZ")
    assert unknown.status_code == 404 and unknown.json()["genuine"] is False


async def test_expiry_follows_the_date(registry_client: httpx.AsyncClient) -> None:
    past_start = (date.today() - timedelta(days=800)).isoformat()
    past_end = (date.today() - timedelta(days=2)).isoformat()
    number = await _granted(registry_client, valid_from=past_start, valid_until=past_end)
    public = (await registry_client.get(f"/labels/{number}")).json()
    assert public["status"] == "expired" and public["valid"] is False
    assert (
        await registry_client.post(f"/labels/{number}/suspend", json={"reason": "trop tard"}, headers=STAFF)
    ).status_code == 409
    facets = (await registry_client.get("/exporters")).json()["facets"]["label_status"]
    assert facets == {"expired": 1}


@pytest.mark.parametrize(("kind", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG")])
async def test_qr_codes(registry_client: httpx.AsyncClient, kind: str, magic: bytes) -> None:
    number = await _granted(registry_client)
    response = await registry_client.get(f"/labels/{number}/qr.{kind}")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert response.headers["content-type"].startswith("image/")
    assert (await registry_client.get(f"/labels/MIM-0000-NONE-NONE/qr.{kind}")).status_code == 404


async def test_qr_svg_encodes_the_verification_url(registry_app, registry_client: httpx.AsyncClient) -> None:  # type: ignore[no-untyped-def]
    from services.common import qr
    from services.registry import labels
    from tests.conftest import run_in_session

    number = await _granted(registry_client)
    response = await registry_client.get(f"/labels/{number}/qr.svg")
    # Same rendering of the expected URL, byte for byte: the code carries exactly that URL, with
    # the signed statement in its fragment (tests/common/test_public_url.py and
    # tests/registry/test_label_statement.py decode it with zbarimg).
    label = await run_in_session(
        registry_app, lambda s: labels.get_label(session=s, certificate_number=number)
    )
    url = labels.qr_url("http://127.0.0.1:8080", label, registry_app.state.label_keys)
    assert url.startswith(f"http://127.0.0.1:8080/labels/{number}#MIM1.")
    assert response.content == qr.svg(url)
