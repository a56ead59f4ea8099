"""Exporter and product names people read refuse hidden characters (#19.9)."""

from __future__ import annotations

import httpx
import pytest

from tests.registry.conftest import STAFF, create_exporter, exporter_payload


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"trade_name": "Atlas\u202eetropxE"}, "trade_name", "format_character"),
        ({"legal_name": "Atlas\r\nSARL"}, "legal_name", "control_character"),
        ({"city": "Fes\u200b"}, "city", "format_character"),
        ({"description_fr": "Texte\u2066cache\u2069"}, "description_fr", "format_character"),
        ({"certifications": [{"name": "ISO\u200b9001"}]}, "certifications.0.name", "format_character"),
    ],
)
async def test_exporter_text_with_hidden_characters_is_refused(
    registry_client: httpx.AsyncClient, overrides: dict, field: str, code: str
) -> None:  # type: ignore[type-arg]
    response = await registry_client.post("/exporters", json=exporter_payload(1, **overrides), headers=STAFF)
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    assert (error["field"], error["type"]) == (field, code)


async def test_product_names_are_checked_and_arabic_joiners_kept(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 2, description_fr="Ligne 1\r\nLigne 2")
    assert exporter["description"]["fr"] == "Ligne 1\nLigne 2"
    url = f"/exporters/{exporter['slug']}/products"
    bad = {"name_fr": "Huile\u202e", "hs_code": "151090", "value_added_pct": 60}
    refused = await registry_client.post(url, json=bad, headers=STAFF)
    assert refused.status_code == 422 and refused.json()["errors"][0]["type"] == "format_character"
    good = {**bad, "name_fr": "Huile d'argan", "name_ar": "زيت\u200cالأركان"}
    created = await registry_client.post(url, json=good, headers=STAFF)
    assert created.status_code == 201, created.text
    assert created.json()["name"]["ar"] == "زيت\u200cالأركان"
