"""Issue #19.2 (registry): no input gives a 500, and the OpenAPI states the rules the server applies."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest

from services.registry.config import RegistrySettings
from services.registry.demo import make_ice
from services.registry.main import create_app
from services.registry.schemas import valid_ice
from tests.conftest import asgi_client
from tests.registry.conftest import STAFF, create_exporter, create_product
from tests.support.databases import DatabaseFactory

CSV_TYPE = {"Content-Type": "text/csv"}
HEADER = "ice,legal_name,trade_name,region,city"

EXPORTER_NOT_NULL = [
    "ice", "legal_name", "trade_name", "slug", "description_fr", "description_en", "description_ar",
    "sectors", "region", "city", "size_band", "export_markets", "certifications", "memberships", "verified",
    "show_contact",
]  # fmt: skip
EXPORTER_NULLABLE = ["founding_year", "employee_band", "website", "email", "phone"]
PRODUCT_NOT_NULL = [
    "name_fr", "name_en", "name_ar", "description_fr", "description_en", "description_ar", "hs_code",
    "value_added_pct",
]  # fmt: skip
PRODUCT_NULLABLE = ["capacity", "image_url"]


@pytest.mark.parametrize("field", EXPORTER_NOT_NULL)
async def test_null_for_a_not_null_exporter_field_is_a_422(
    registry_client: httpx.AsyncClient, field: str
) -> None:
    exporter = await create_exporter(registry_client, 1)
    response = await registry_client.patch(
        f"/exporters/{exporter['slug']}", json={field: None}, headers=STAFF
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("field", PRODUCT_NOT_NULL)
async def test_null_for_a_not_null_product_field_is_a_422(
    registry_client: httpx.AsyncClient, field: str
) -> None:
    exporter = await create_exporter(registry_client, 1)
    product = await create_product(registry_client, exporter["slug"])
    response = await registry_client.patch(f"/products/{product['id']}", json={field: None}, headers=STAFF)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_nullable_fields_can_be_cleared(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 1, website="https://example.ma")
    product = await create_product(registry_client, exporter["slug"], capacity="40 t")
    cleared = await registry_client.patch(
        f"/exporters/{exporter['slug']}", json=dict.fromkeys(EXPORTER_NULLABLE), headers=STAFF
    )
    assert cleared.status_code == 200 and cleared.json()["website"] is None
    cleared = await registry_client.patch(
        f"/products/{product['id']}", json=dict.fromkeys(PRODUCT_NULLABLE), headers=STAFF
    )
    assert cleared.status_code == 200 and cleared.json()["capacity"] is None


@pytest.fixture(scope="module")
def spec(databases: DatabaseFactory) -> dict[str, Any]:
    """The registry's /openapi.json, as its app serves it: built once for the module's tests that
    read it (it does not depend on the database; generating it is the costly part of an app)."""

    async def fetch() -> dict[str, Any]:
        app = create_app(RegistrySettings(database_url=databases.fresh_url("registry"), log_level="WARNING"))
        try:
            async with asgi_client(app) as client:
                response = await client.get("/openapi.json")
        finally:
            await app.state.engine.dispose()
        assert response.status_code == 200, response.text
        document: dict[str, Any] = response.json()
        return document

    return asyncio.run(fetch())


def _accepts_null(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "null" or any(_accepts_null(s) for s in schema.get("anyOf", []))


def test_openapi_states_the_rules(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for name, not_null, nullable in (
        ("ExporterUpdate", EXPORTER_NOT_NULL, EXPORTER_NULLABLE),
        ("ProductUpdate", PRODUCT_NOT_NULL, PRODUCT_NULLABLE),
    ):
        properties = schemas[name]["properties"]
        assert set(properties) == set(not_null) | set(nullable)
        for field in not_null:
            assert not _accepts_null(properties[field]), (name, field)
            assert properties[field].get("default", "unset") is not None, (name, field)
        for field in nullable:
            assert _accepts_null(properties[field]), (name, field)
    for name in ("ExporterWrite", "ExporterCreate", "ExporterUpdate"):
        if name in schemas:
            ice = schemas[name]["properties"]["ice"]
            ice = next((s for s in ice.get("anyOf", [ice]) if s.get("type") == "string"), ice)
            assert ice["pattern"] == r"^\d{15}$" and "checksum" in ice["description"]
    for name in ("ProductWrite", "ProductUpdate"):
        hs = schemas[name]["properties"]["hs_code"]
        assert hs["pattern"] == r"^\d{6,10}$"
    import_op = spec["paths"]["/exporters/import"]["post"]
    assert "202" in import_op["responses"]
    assert any(p["name"] == "Idempotency-Key" for p in import_op["parameters"])


async def test_a_wrong_ice_checksum_is_refused_with_its_field(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 1)
    good = make_ice(123)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    response = await registry_client.patch(f"/exporters/{exporter['slug']}", json={"ice": bad}, headers=STAFF)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "ice"


async def test_csv_cell_over_the_csv_module_limit_is_a_422_with_line_and_column(
    registry_client: httpx.AsyncClient,
) -> None:
    body = (
        f"{HEADER}\n{make_ice(1)},A SARL,A,MA-06,Casablanca\n{make_ice(2)},B SARL,{'x' * 131_073},MA-06,Fès\n"
    )
    response = await registry_client.post(
        "/exporters/import", content=body.encode(), headers={**STAFF, **CSV_TYPE}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "rows.3.trade_name"


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"], ids=["cr-mac", "crlf", "lf"])
async def test_every_line_ending_is_accepted(
    registry_app: Any, registry_client: httpx.AsyncClient, newline: str
) -> None:
    lines = [HEADER, f"{make_ice(1)},A SARL,Alpha,MA-06,Casablanca", f"{make_ice(2)},B SARL,Beta,MA-03,Fès"]
    body = newline.join(lines) + newline
    response = await registry_client.post(
        "/exporters/import", content=body.encode(), headers={**STAFF, **CSV_TYPE}
    )
    assert response.status_code == 202, response.text
    await registry_app.state.import_jobs.drain()
    job = (await registry_client.get(response.headers["Location"], headers=STAFF)).json()
    assert job["status"] == "succeeded" and job["result"]["written"] == 2, job
    names = {i["trade_name"] for i in (await registry_client.get("/exporters")).json()["items"]}
    assert names == {"Alpha", "Beta"}


async def test_a_boolean_is_not_a_number(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 1)
    product = await create_product(registry_client, exporter["slug"])
    for path, body, field in (
        (f"/products/{product['id']}", {"value_added_pct": True}, "value_added_pct"),
        (f"/exporters/{exporter['slug']}", {"founding_year": True}, "founding_year"),
    ):
        response = await registry_client.patch(path, json=body, headers=STAFF)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == field
    response = await registry_client.post("/label-applications", json={"product_id": True}, headers=STAFF)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "product_id"


async def _under_review(client: httpx.AsyncClient) -> int:
    exporter = await create_exporter(client, 1)
    product = await create_product(client, exporter["slug"], value_added=60)
    applied = await client.post("/label-applications", json={"product_id": product["id"]}, headers=STAFF)
    assert applied.status_code == 201, applied.text
    app_id = applied.json()["id"]
    reviewed = await client.post(f"/label-applications/{app_id}/review", json={}, headers=STAFF)
    assert reviewed.status_code == 200, reviewed.text
    return app_id


@pytest.mark.parametrize(
    "body",
    [{"valid_from": "9999-01-01"}, {"valid_from": "0001-01-01"}, {"valid_until": "2101-01-01"}],
    ids=["year-9999", "year-1", "until-2101"],
)
async def test_a_grant_date_out_of_range_is_a_422_not_a_500(
    registry_client: httpx.AsyncClient, body: dict[str, str]
) -> None:
    app_id = await _under_review(registry_client)
    response = await registry_client.post(f"/label-applications/{app_id}/grant", json=body, headers=STAFF)
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert (error["field"], error["type"]) == (next(iter(body)), "date_out_of_range")
    # The application is untouched: it can still be granted with sensible dates.
    granted = await registry_client.post(
        f"/label-applications/{app_id}/grant", json={"valid_from": "2100-01-01"}, headers=STAFF
    )
    assert granted.status_code == 200, granted.text
    assert granted.json()["label"]["valid_until"] == "2102-12-31"


async def test_a_certificate_date_out_of_range_is_a_422(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 1)
    response = await registry_client.patch(
        f"/exporters/{exporter['slug']}",
        json={"certifications": [{"name": "ISO 9001", "valid_until": "9999-12-31"}]},
        headers=STAFF,
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["type"] == "date_out_of_range"


def test_openapi_states_the_date_range(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for name, field in (
        ("GrantIn", "valid_from"),
        ("GrantIn", "valid_until"),
        ("CertificationIn", "valid_until"),
    ):
        prop = schemas[name]["properties"][field]
        dated = next(s for s in prop.get("anyOf", [prop]) if s.get("format") == "date")
        assert dated["pattern"] == "^(20[0-9]{2}|2100)-", (name, field, prop)


async def test_openapi_lists_the_filter_values_the_server_accepts(
    registry_client: httpx.AsyncClient, spec: dict[str, Any]
) -> None:
    for path in ("/exporters", "/products"):
        parameters = {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"]}

        def items(name: str) -> dict[str, Any]:
            schema = parameters[name]  # noqa: B023
            return next(s for s in schema.get("anyOf", [schema]) if s.get("type") == "array")["items"]

        assert "MA-06" in items("region")["enum"] and "" not in items("region")["enum"]
        assert "textile" in items("sector")["enum"] and "" not in items("sector")["enum"]
        market = re.compile(items("market")["pattern"])
        assert market.fullmatch("FR") and market.fullmatch("fr") and not market.fullmatch("")
        assert not market.fullmatch("ZZ") and "enum" not in items("market")  # FR/fr: one enum name twice
        assert items("hs_chapter")["pattern"] == "^[0-9]{2}$"
        for name, value in (
            ("market", ""),
            ("hs_chapter", ""),
            ("sector", ""),
            ("region", ""),
            ("hs_chapter", "١٥"),
        ):
            response = await registry_client.get(path, params={name: value})
            assert response.status_code == 422, (path, name, value, response.text)
            assert [e["field"] for e in response.json()["errors"]] == [name]
        assert (
            await registry_client.get(path, params={"market": "fr", "hs_chapter": "15"})
        ).status_code == 200


def test_every_example_in_the_openapi_passes_the_servers_own_checks(spec: dict[str, Any]) -> None:
    found = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("pattern") == r"^\d{15}$":
                found.extend(node.get("examples", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert found
    for example in found:
        assert valid_ice(example) == example


async def test_openapi_lists_the_regions_and_sectors_an_exporter_may_have(
    registry_client: httpx.AsyncClient, spec: dict[str, Any]
) -> None:
    schemas = spec["components"]["schemas"]
    for name in ("ExporterCreate", "ExporterUpdate"):
        properties = schemas[name]["properties"]
        assert properties["region"]["enum"][0] == "MA-01" and "MA-00" not in properties["region"]["enum"]
        assert "textile" in properties["sectors"]["items"]["enum"], name
    exporter = await create_exporter(registry_client, 1)
    for body, field in (({"region": "MA-00"}, "region"), ({"sectors": ["no-such-sector"]}, "sectors")):
        response = await registry_client.patch(f"/exporters/{exporter['slug']}", json=body, headers=STAFF)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"].startswith(field)
