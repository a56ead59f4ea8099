"""An honest catalogue (#15.5): disjunctive facets, size and certification, sorts, typo notice, Arabic.

Runs on SQLite and, with MIM_TEST_DB=postgres, on PostgreSQL (the two search engines).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.usefixtures("registry_demo")


async def _get(client: httpx.AsyncClient, path: str = "/exporters", **params: Any) -> dict[str, Any]:
    response = await client.get(path, params={"per_page": 100, **params})
    assert response.status_code == 200, response.text
    return response.json()


def _slugs(body: dict[str, Any]) -> set[str]:
    return {item["slug"] for item in body["items"]}


@pytest.mark.parametrize("q", [None, "de"], ids=["browse", "text"])
async def test_two_sectors_give_the_union(registry_client: httpx.AsyncClient, q: str | None) -> None:
    text = {"q": q} if q else {}
    crafts = _slugs(await _get(registry_client, sector="crafts", **text))
    cosmetics = _slugs(await _get(registry_client, sector="cosmetics", **text))
    both = await _get(registry_client, sector=["crafts", "cosmetics"], **text)
    assert crafts and cosmetics and crafts != cosmetics
    assert _slugs(both) == crafts | cosmetics
    assert both["total"] == len(crafts | cosmetics)


@pytest.mark.parametrize("q", [None, "de"], ids=["browse", "text"])
async def test_a_group_counts_without_its_own_filter_but_with_the_others(
    registry_client: httpx.AsyncClient, q: str | None
) -> None:
    text = {"q": q} if q else {}
    region_only = await _get(registry_client, region="MA-09", **text)
    sector_only = await _get(registry_client, sector="cosmetics", **text)
    both = await _get(registry_client, region="MA-09", sector="cosmetics", **text)
    # Sector counts ignore the sector filter and honour the region filter...
    assert both["facets"]["sector"] == region_only["facets"]["sector"]
    assert both["facets"]["sector"]["cosmetics"] == both["total"]
    assert len(both["facets"]["sector"]) > 1  # the other sectors stay offered
    # ... and region counts ignore the region filter and honour the sector filter.
    assert both["facets"]["region"] == sector_only["facets"]["region"]
    # Groups with no filter of their own count the whole result.
    assert sum(both["facets"]["size"].values()) == both["total"]
    assert sum(both["facets"]["label_status"].values()) == both["total"]


@pytest.mark.parametrize("q", [None, "de"], ids=["browse", "text"])
async def test_every_count_is_what_clicking_gives(registry_client: httpx.AsyncClient, q: str | None) -> None:
    text = {"q": q} if q else {}
    chosen: dict[str, Any] = {"sector": "agriculture", "market": "FR", **text}
    body = await _get(registry_client, **chosen)
    assert body["total"] > 0
    # A value of a filtered group: its count is what that value alone (with the other filters) gives.
    for slug, count in body["facets"]["sector"].items():
        assert (await _get(registry_client, **{**chosen, "sector": slug}))["total"] == count, slug
    for market, count in body["facets"]["market"].items():
        assert (await _get(registry_client, **{**chosen, "market": market}))["total"] == count, market
    # A value of a group without a filter: its count is the total once it is ticked.
    for region, count in body["facets"]["region"].items():
        assert (await _get(registry_client, **chosen, region=region))["total"] == count, region
    for size, count in body["facets"]["size"].items():
        assert (await _get(registry_client, **chosen, size=size))["total"] == count, size
    certified = body["facets"]["certified"].get("true", 0)
    assert (await _get(registry_client, **chosen, certified="true"))["total"] == certified


async def test_size_band_filter_and_facet(registry_client: httpx.AsyncClient) -> None:
    everyone = await _get(registry_client)
    sizes = everyone["facets"]["size"]
    assert set(sizes) <= {"micro", "small", "medium", "large"} and sum(sizes.values()) == everyone["total"]
    micro = await _get(registry_client, size="micro")
    assert micro["total"] == sizes["micro"]
    assert "atlas-argan-cooperative" in _slugs(micro)
    two = await _get(registry_client, size=["micro", "large"])
    assert two["total"] == sizes["micro"] + sizes["large"]
    assert two["facets"]["size"] == sizes  # its own group: counted without it


async def test_certified_filter(registry_client: httpx.AsyncClient) -> None:
    everyone = await _get(registry_client)
    certified = await _get(registry_client, certified="true")
    uncertified = await _get(registry_client, certified="false")
    assert certified["total"] == everyone["facets"]["certified"]["true"]
    assert certified["total"] + uncertified["total"] == everyone["total"]
    assert "kenitra-aero-composites" in _slugs(certified)  # EN 9100 until 2027
    assert "safi-ceramiques" in _slugs(uncertified)  # its ISO 9001 ended in 2023


async def test_hostile_new_parameters_are_refused(registry_client: httpx.AsyncClient) -> None:
    for params in ({"certified": "maybe"}, {"exact": "'; drop table exporter"}, {"size": "huge"}):
        response = await registry_client.get("/exporters", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [("name", "trade_name", False), ("-name", "trade_name", True)],
)
async def test_sort_by_name(registry_client: httpx.AsyncClient, sort: str, key: str, reverse: bool) -> None:
    import unicodedata

    def folded(name: str) -> str:
        decomposed = unicodedata.normalize("NFKD", name.casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    names = [item[key] for item in (await _get(registry_client, sort=sort))["items"]]
    assert len(names) > 10
    assert [folded(n) for n in names] == sorted((folded(n) for n in names), reverse=reverse)


async def test_sort_newest_and_oldest_are_opposites(registry_client: httpx.AsyncClient) -> None:
    newest = [i["slug"] for i in (await _get(registry_client, sort="newest"))["items"]]
    oldest = [i["slug"] for i in (await _get(registry_client, sort="oldest"))["items"]]
    assert newest == list(reversed(oldest))
    # The demo loads the argan cooperative first.
    assert oldest[0] == "atlas-argan-cooperative"


async def test_relevance_puts_the_name_match_first(registry_client: httpx.AsyncClient) -> None:
    body = await _get(registry_client, q="zellige", sort="relevance")
    assert body["items"][0]["slug"] == "fes-zellige-atelier"


async def test_typo_correction_says_what_it_searched_and_can_be_refused(
    registry_client: httpx.AsyncClient,
) -> None:
    corrected = await _get(registry_client, q="Clementnies")
    assert corrected["typo_corrected"] is True
    assert corrected["query"] == "Clementnies"
    assert corrected["corrected_query"] == "clementines"
    assert "berkane-agrumes" in _slugs(corrected)
    # "Search instead for" the words as typed: no fallback, so nothing here.
    exact = await _get(registry_client, q="Clementnies", exact="true")
    assert exact["typo_corrected"] is False and exact["corrected_query"] is None
    assert exact["total"] == 0 and exact["query"] == "Clementnies"
    # A word that matches is never "corrected", exact or not.
    plain = await _get(registry_client, q="clementines")
    assert plain["typo_corrected"] is False and plain["corrected_query"] is None
    assert _slugs(plain) == _slugs(await _get(registry_client, q="clementines", exact="true"))


@pytest.mark.parametrize("q", ["أركان", "الأركان", "وأركان", "بالأركان", "زيت أركان"])
async def test_arabic_article_and_prefixes_find_the_argan_cooperative(
    registry_client: httpx.AsyncClient, q: str
) -> None:
    body = await _get(registry_client, q=q)
    assert "atlas-argan-cooperative" in _slugs(body), q
    assert body["typo_corrected"] is False, q
    products = await _get(registry_client, "/products", q=q)
    assert products["total"] >= 2 and products["typo_corrected"] is False, q


async def test_arabic_short_words_are_not_cut(registry_client: httpx.AsyncClient) -> None:
    # "فاس" (Fès) starts with ف, which is also a prefix: a three-letter word keeps it.
    from services.registry.text import forms

    assert forms("فاس") == ["فاس"]
    assert forms("بيت") == ["بيت"]
    assert forms("الاركان") == ["الاركان", "اركان"]
    assert forms("للتصدير") == ["للتصدير", "تصدير"]
    assert forms("argan") == ["argan"]


async def test_label_status_is_disjunctive_too(registry_client: httpx.AsyncClient) -> None:
    everyone = await _get(registry_client)
    active = await _get(registry_client, label_status="active")
    assert active["facets"]["label_status"] == everyone["facets"]["label_status"]
    assert active["total"] == everyone["facets"]["label_status"]["active"]
    two = await _get(registry_client, label_status=["active", "suspended"])
    statuses = everyone["facets"]["label_status"]
    assert two["total"] == statuses["active"] + statuses["suspended"]


async def test_products_facets_are_disjunctive(registry_client: httpx.AsyncClient) -> None:
    one = await _get(registry_client, "/products", hs_chapter="15")
    other = await _get(registry_client, "/products", hs_chapter="69")
    both = await _get(registry_client, "/products", hs_chapter=["15", "69"])
    assert both["total"] == one["total"] + other["total"] > 0
    assert both["facets"]["hs_chapter"] == (await _get(registry_client, "/products"))["facets"]["hs_chapter"]


async def test_the_answer_cache_keeps_new_parameters_apart(registry_client: httpx.AsyncClient) -> None:
    for _ in range(2):  # the second time from the cache
        assert (await _get(registry_client, q="Clementnies"))["typo_corrected"] is True
        assert (await _get(registry_client, q="Clementnies", exact="true"))["total"] == 0
        certified = (await _get(registry_client, certified="true"))["total"]
        assert certified < (await _get(registry_client))["total"]
        assert (await _get(registry_client, certified="false"))["total"] != certified


async def test_etag_follows_the_new_parameters(registry_client: httpx.AsyncClient) -> None:
    corrected = await registry_client.get("/exporters", params={"q": "Clementnies"})
    exact = await registry_client.get("/exporters", params={"q": "Clementnies", "exact": "true"})
    tag = corrected.headers["etag"]
    assert tag != exact.headers["etag"]
    again = await registry_client.get(
        "/exporters", params={"q": "Clementnies"}, headers={"If-None-Match": tag}
    )
    assert again.status_code == 304
    other = await registry_client.get(
        "/exporters", params={"q": "Clementnies", "exact": "true"}, headers={"If-None-Match": tag}
    )
    assert other.status_code == 200 and other.json()["total"] == 0


async def test_products_of_certified_exporters(registry_client: httpx.AsyncClient) -> None:
    certified = _slugs(await _get(registry_client, certified="true"))
    products = (await _get(registry_client, "/products", certified="true"))["items"]
    assert products and {p["exporter"]["slug"] for p in products} <= certified
    others = (await _get(registry_client, "/products", certified="false"))["items"]
    assert others and not {p["exporter"]["slug"] for p in others} & certified
