"""Issue #14.3 on the website: a label whose granted facts changed reads "under review", never
"genuine, currently valid", and shows what was granted, not the new data."""

from __future__ import annotations

import uuid

import httpx

from tests.frontend.conftest import Platform


async def test_a_label_under_review_is_shown_as_such(site: httpx.AsyncClient, platform: Platform) -> None:
    from tests.registry.conftest import exporter_payload
    from tests.support.tokens import bearer

    staff = bearer("organiser")
    async with httpx.AsyncClient(base_url=platform.gateway_url, headers=staff, timeout=30) as api:
        serial = 40_000 + uuid.uuid4().int % 50_000  # the stack's database outlives one test run
        body = exporter_payload(
            serial, trade_name=f"Revue Textile {serial}", legal_name=f"Revue {serial} SARL"
        )
        created = await api.post("/api/registry/exporters", json=body)
        assert created.status_code == 201, created.text
        exporter = created.json()
        product = (
            await api.post(
                f"/api/registry/exporters/{exporter['slug']}/products",
                json={"name_fr": "Chemise auditée", "hs_code": "620520", "value_added_pct": 90},
            )
        ).json()
        app_id = (
            await api.post("/api/registry/label-applications", json={"product_id": product["id"]})
        ).json()["id"]
        await api.post(f"/api/registry/label-applications/{app_id}/review", json={})
        granted = (await api.post(f"/api/registry/label-applications/{app_id}/grant", json={})).json()
        number = granted["label"]["certificate_number"]
        patched = await api.patch(
            f"/api/registry/products/{product['id']}",
            json={"value_added_pct": 5, "name_fr": "Chemise importée"},
        )
        assert patched.status_code == 200, patched.text
    page = await site.get(f"/labels/{number}")
    assert page.status_code == 200
    assert 'data-verdict="in_review"' in page.text
    assert 'data-verdict="active"' not in page.text
    assert "Chemise auditée" in page.text and "Chemise importée" not in page.text
