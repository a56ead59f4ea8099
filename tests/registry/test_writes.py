"""Exporter and product writes: validation, uniqueness, authorisation, search kept in sync."""

from __future__ import annotations

import httpx

from services.registry.demo import make_ice
from tests.registry.conftest import STAFF, create_exporter, create_product, exporter_payload
from tests.support.tokens import bearer


async def test_create_exporter_normalises_and_is_searchable(registry_client: httpx.AsyncClient) -> None:
    body = await create_exporter(
        registry_client,
        1,
        trade_name="Société Générale des Épices",
        slug=None,
        phone="0522 12 34 56",
        export_markets=["fr", "sn"],
        memberships=["ASMEX"],
        certifications=[{"name": "ISO 9001", "valid_until": "2020-01-01"}],
    )
    assert body["slug"] == "societe-generale-des-epices"
    assert body["phone"] == "+212522123456"
    assert body["export_markets"] == ["FR", "SN"]
    assert body["certifications"][0]["valid"] is False
    assert isinstance(body["id"], int)
    by_id = await registry_client.get(f"/exporters/by-id/{body['id']}")
    assert by_id.json()["slug"] == body["slug"]
    found = (await registry_client.get("/exporters", params={"q": "epices"})).json()
    assert [i["slug"] for i in found["items"]] == ["societe-generale-des-epices"]


async def test_bad_input_is_422_naming_the_field(registry_client: httpx.AsyncClient) -> None:
    cases = [
        ({"ice": "123456789012345"}, "ice"),
        ({"export_markets": ["ZZ"]}, "export_markets.0"),
        ({"export_markets": ["MA"]}, "export_markets.0"),
        ({"phone": "12"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"size_band": "huge"}, "size_band"),
        ({"founding_year": 3000}, "founding_year"),
        ({"region": "MA-13"}, "region"),
        ({"sectors": ["space-mining"]}, "sectors"),
        ({"slug": "Bad Slug"}, "slug"),
        ({"unexpected": 1}, "unexpected"),
    ]
    for overrides, field in cases:
        response = await registry_client.post(
            "/exporters", json=exporter_payload(1, **overrides), headers=STAFF
        )
        assert response.status_code == 422, (overrides, response.text)
        assert field in [e["field"] for e in response.json()["errors"]], (overrides, response.json())
    exporter = await create_exporter(registry_client, 2)
    for overrides, field in [({"hs_code": "12"}, "hs_code"), ({"value_added_pct": 120}, "value_added_pct")]:
        body = {"name_fr": "X", "hs_code": "620520", "value_added_pct": 50, **overrides}
        response = await registry_client.post(
            f"/exporters/{exporter['slug']}/products", json=body, headers=STAFF
        )
        assert response.status_code == 422
        assert field in [e["field"] for e in response.json()["errors"]]
    assert (await registry_client.get("/exporters")).json()["total"] == 1


async def test_ice_and_slug_clashes_are_409_naming_the_field(registry_client: httpx.AsyncClient) -> None:
    first = await create_exporter(registry_client, 1)
    same_ice = exporter_payload(2, ice=first["ice"])
    response = await registry_client.post("/exporters", json=same_ice, headers=STAFF)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "ice"
    same_slug = exporter_payload(3, slug=first["slug"])
    response = await registry_client.post("/exporters", json=same_slug, headers=STAFF)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "slug"
    other = await create_exporter(registry_client, 4)
    response = await registry_client.patch(
        f"/exporters/{other['slug']}", json={"ice": first["ice"]}, headers=STAFF
    )
    assert response.status_code == 409 and response.json()["errors"][0]["field"] == "ice"


async def test_authorisation(registry_client: httpx.AsyncClient) -> None:
    a = await create_exporter(registry_client, 1)
    b = await create_exporter(registry_client, 2)
    change = {"city": "Rabat"}
    assert (await registry_client.patch(f"/exporters/{a['slug']}", json=change)).status_code == 401
    read_only = bearer("organiser", scope="read")
    assert (
        await registry_client.patch(f"/exporters/{a['slug']}", json=change, headers=read_only)
    ).status_code == 403
    as_a = bearer("exporter", exporter_id=a["id"])
    assert (
        await registry_client.patch(f"/exporters/{b['slug']}", json=change, headers=as_a)
    ).status_code == 403
    mine = await registry_client.patch(f"/exporters/{a['slug']}", json=change, headers=as_a)
    assert mine.status_code == 200 and mine.json()["city"] == "Rabat"
    # An exporter cannot verify itself, create or delete records, or touch B's products.
    assert (
        await registry_client.patch(f"/exporters/{a['slug']}", json={"verified": True}, headers=as_a)
    ).status_code == 403
    assert (
        await registry_client.post("/exporters", json=exporter_payload(3), headers=as_a)
    ).status_code == 403
    assert (await registry_client.delete(f"/exporters/{a['slug']}", headers=as_a)).status_code == 403
    product_b = await create_product(registry_client, b["slug"])
    response = await registry_client.patch(
        f"/products/{product_b['id']}", json={"name_fr": "Volé"}, headers=as_a
    )
    assert response.status_code == 403
    body = {"name_fr": "Mon produit", "hs_code": "620520", "value_added_pct": 55}
    assert (
        await registry_client.post(f"/exporters/{b['slug']}/products", json=body, headers=as_a)
    ).status_code == 403
    assert (
        await registry_client.post(f"/exporters/{a['slug']}/products", json=body, headers=as_a)
    ).status_code == 201
    assert (await registry_client.get(f"/exporters/{b['slug']}")).json()["city"] == "Casablanca"


async def test_updates_and_deletes_keep_search_in_sync(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 1, trade_name="Ancien Nom", slug="maison-test")
    product = await create_product(registry_client, "maison-test", name_fr="Tapis berbère", hs_code="570110")
    assert (await registry_client.get("/exporters", params={"q": "tapis"})).json()["total"] == 1
    assert (await registry_client.get("/products", params={"hs_chapter": "57"})).json()["total"] == 1
    await registry_client.patch("/exporters/maison-test", json={"trade_name": "Nouveau Nom"}, headers=STAFF)
    assert (await registry_client.get("/exporters", params={"q": "ancien"})).json()["total"] == 0
    assert (await registry_client.get("/exporters", params={"q": "nouveau"})).json()["total"] == 1
    assert (await registry_client.get("/products", params={"q": "nouveau tapis"})).json()["total"] == 1
    response = await registry_client.patch(
        f"/products/{product['id']}", json={"name_fr": "Pouf en cuir", "hs_code": "940490"}, headers=STAFF
    )
    assert response.json()["hs_chapter"] == "94"
    assert (await registry_client.get("/exporters", params={"q": "tapis"})).json()["total"] == 0
    assert (await registry_client.get("/exporters", params={"q": "pouf"})).json()["total"] == 1
    assert (await registry_client.delete(f"/products/{product['id']}", headers=STAFF)).status_code == 204
    assert (await registry_client.get("/products", params={"q": "pouf"})).json()["total"] == 0
    assert (await registry_client.get("/exporters", params={"q": "pouf"})).json()["total"] == 0
    assert (await registry_client.delete("/exporters/maison-test", headers=STAFF)).status_code == 204
    assert (await registry_client.get("/exporters", params={"q": "nouveau"})).json()["total"] == 0
    assert (await registry_client.get(f"/exporters/by-id/{exporter['id']}")).status_code == 404


async def test_ice_helper_builds_valid_numbers() -> None:
    from stdnum.ma import ice

    assert all(ice.is_valid(make_ice(n)) for n in range(1, 200))
