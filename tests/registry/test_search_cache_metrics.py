"""/metrics counts search requests answered from the answer cache (hit) or searched (miss)."""

from __future__ import annotations

import re

import httpx
import pytest

pytestmark = pytest.mark.usefixtures("registry_demo")


async def _counts(client: httpx.AsyncClient) -> dict[str, float]:
    response = await client.get("/metrics")
    assert response.status_code == 200, response.text
    found = re.findall(
        r'^registry_search_cache_requests_total\{outcome="(hit|miss)"\} (\S+)$', response.text, re.M
    )
    return {outcome: float(value) for outcome, value in found}


async def test_metrics_count_cache_hits_and_misses_of_whole_requests(
    registry_client: httpx.AsyncClient,
) -> None:
    before = await _counts(registry_client)
    assert set(before) == {"hit", "miss"}
    params = {"q": "argan", "sector": "cosmetics", "per_page": 3}
    for _ in range(3):
        assert (await registry_client.get("/exporters", params=params)).status_code == 200
    assert (await registry_client.get("/products", params={"q": "huile d'argan"})).status_code == 200
    # Not a search: neither a hit nor a miss.
    assert (await registry_client.get("/regions")).status_code == 200
    after = await _counts(registry_client)
    assert after["miss"] - before["miss"] == 2  # the first /exporters and the /products search
    assert after["hit"] - before["hit"] == 2  # the second and third /exporters
