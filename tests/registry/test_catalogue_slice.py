"""The catalogue's read endpoints over a real (clean) database."""

from __future__ import annotations

import httpx
import pytest
from stdnum.ma import ice

from services.registry.demo import DEMO_EXPORTERS
from services.registry.reference import REGIONS


@pytest.mark.usefixtures("registry_demo")
async def test_regions_lists_the_twelve_iso_regions(registry_client: httpx.AsyncClient) -> None:
    response = await registry_client.get("/regions")
    assert response.status_code == 200
    regions = response.json()
    assert [r["code"] for r in regions] == [f"MA-{n:02d}" for n in range(1, 13)]
    fes = next(r for r in regions if r["code"] == "MA-03")
    assert fes["name"] == {"fr": "Fès-Meknès", "en": "Fez-Meknes", "ar": "فاس مكناس"}


@pytest.mark.usefixtures("registry_demo")
async def test_exporters_are_paged_in_the_envelope(registry_client: httpx.AsyncClient) -> None:
    first = (await registry_client.get("/exporters", params={"per_page": 3})).json()
    second = (await registry_client.get("/exporters", params={"per_page": 3, "page": 2})).json()
    assert first["total"] == len(DEMO_EXPORTERS)
    assert (first["page"], first["per_page"], len(first["items"])) == (1, 3, 3)
    assert {e["slug"] for e in first["items"]}.isdisjoint({e["slug"] for e in second["items"]})


@pytest.mark.usefixtures("registry_demo")
async def test_exporter_profile_by_slug(registry_client: httpx.AsyncClient) -> None:
    response = await registry_client.get("/exporters/fes-zellige-atelier")
    assert response.status_code == 200
    body = response.json()
    assert body["region"]["code"] == "MA-03"
    assert {s["slug"] for s in body["sectors"]} == {"crafts", "building-materials"}
    assert ice.is_valid(body["ice"])
    assert body["created_at"].endswith("Z") or body["created_at"].endswith("+00:00")


async def test_unknown_slug_is_a_404_problem(registry_client: httpx.AsyncClient) -> None:
    response = await registry_client.get("/exporters/no-such-company", headers={"X-Request-ID": "abc-123"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 404
    assert "no-such-company" in problem["detail"]
    assert problem["request_id"] == "abc-123"
    assert response.headers["x-request-id"] == "abc-123"


async def test_malformed_slug_and_paging_are_422_naming_the_field(
    registry_client: httpx.AsyncClient,
) -> None:
    response = await registry_client.get("/exporters/Not A Slug!")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "slug"
    response = await registry_client.get("/exporters", params={"per_page": 1000})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["per_page"]


async def test_unknown_path_is_a_404_problem(registry_client: httpx.AsyncClient) -> None:
    response = await registry_client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_reference_regions_match_the_domain() -> None:
    assert len(REGIONS) == 12
    assert len({code for code, *_ in REGIONS}) == 12
