"""Catalogue search over the demo data: text, filters, facets, ranking, paging."""

from __future__ import annotations

import httpx
import pytest

from tests.registry.conftest import create_exporter

pytestmark = pytest.mark.usefixtures("registry_demo")


async def _slugs(client: httpx.AsyncClient, path: str = "/exporters", **params: object) -> list[str]:
    response = await client.get(path, params={"per_page": 100, **params})
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["items"]]


async def test_accents_and_case_are_ignored(registry_client: httpx.AsyncClient) -> None:
    assert "fes-zellige-atelier" in await _slugs(registry_client, q="fes")
    assert "fes-zellige-atelier" in await _slugs(registry_client, q="FÈS")
    cooperatives = await _slugs(registry_client, q="cooperative")
    assert "atlas-argan-cooperative" in cooperatives
    assert cooperatives == await _slugs(registry_client, q="Coopérative")
    assert "khenifra-bois-atlas" in await _slugs(registry_client, q="khenifra")


async def test_arabic_is_normalised(registry_client: httpx.AsyncClient) -> None:
    plain = await _slugs(registry_client, q="زيت الزيتون")
    assert "oujda-huilerie-oriental" in plain
    # Diacritics, tatweel and alef variants do not matter.
    assert await _slugs(registry_client, q="زَيْت الـزيتون") == plain
    assert "atlas-argan-cooperative" in await _slugs(registry_client, q="أكادير")
    assert "atlas-argan-cooperative" in await _slugs(registry_client, q="اكادير")


async def test_prefix_matches_as_you_type(registry_client: httpx.AsyncClient) -> None:
    assert "tanger-auto-cables" in await _slugs(registry_client, q="fais")
    assert "marrakech-cuirs" in await _slugs(registry_client, q="Marrak")


async def test_a_one_letter_word_matches_only_that_word(registry_client: httpx.AsyncClient) -> None:
    """Prefixes start at two characters: "c" alone would expand to most of the vocabulary."""
    from tests.registry.conftest import STAFF

    assert "atlas-argan-cooperative" in await _slugs(registry_client, q="co")
    assert await _slugs(registry_client, q="c") == []
    await create_exporter(registry_client, 7, trade_name="Vitamine C Atlas", slug="vitamine-c-atlas")
    for path in ("/exporters", "/products"):  # the products search reads the same rule
        assert (await registry_client.get(path, params={"q": "c"})).status_code == 200
    single = await _slugs(registry_client, q="C")
    assert single == ["vitamine-c-atlas"]
    assert "atlas-argan-cooperative" not in single
    assert await _slugs(registry_client, q="vitamine c") == ["vitamine-c-atlas"]
    # A two-character word still matches as a prefix, and after a rename "c" finds nothing.
    assert "vitamine-c-atlas" in await _slugs(registry_client, q="vi")
    renamed = {"trade_name": "Vitamines Atlas"}
    response = await registry_client.patch("/exporters/vitamine-c-atlas", json=renamed, headers=STAFF)
    assert response.status_code == 200, response.text
    assert await _slugs(registry_client, q="c") == []


async def test_one_typo_is_forgiven_in_long_words(registry_client: httpx.AsyncClient) -> None:
    response = await registry_client.get("/exporters", params={"q": "clementnies"})
    body = response.json()
    assert body["typo_corrected"] is True
    assert "berkane-agrumes" in [i["slug"] for i in body["items"]]
    assert "oujda-huilerie-oriental" in await _slugs(registry_client, q="olvie")  # "olive", swapped letters
    # Short words are not widened, and two typos are not forgiven.
    assert await _slugs(registry_client, q="fzs") == []
    assert await _slugs(registry_client, q="clemantnies") == []


@pytest.mark.parametrize("q", ["*", '"', "AND", "OR NOT", "(", "huile*", "NEAR(", "a:b", "-", "'"])
async def test_operators_and_punctuation_are_plain_text(registry_client: httpx.AsyncClient, q: str) -> None:
    response = await registry_client.get("/exporters", params={"q": q})
    assert response.status_code == 200
    response = await registry_client.get("/products", params={"q": q})
    assert response.status_code == 200


async def test_punctuation_only_matches_nothing(registry_client: httpx.AsyncClient) -> None:
    body = (await registry_client.get("/exporters", params={"q": "?!*"})).json()
    assert body["total"] == 0 and body["items"] == []


async def test_ranking_puts_name_matches_first(registry_client: httpx.AsyncClient) -> None:
    # "Dattes" is in the name of one exporter's product and the description of another.
    await create_exporter(
        registry_client, 1, trade_name="Dattes du Sud", slug="dattes-du-sud", description_fr="Négoce."
    )
    slugs = await _slugs(registry_client, q="dattes")
    assert slugs[0] == "dattes-du-sud"
    assert "errachidia-dattes" in slugs


async def test_filters_combine_and_facets_count_the_whole_result(registry_client: httpx.AsyncClient) -> None:
    body = (await registry_client.get("/exporters", params={"region": "MA-09", "per_page": 2})).json()
    assert body["total"] == 4 and len(body["items"]) == 2
    # Disjunctive: the region counts ignore the region filter (every region, as if unfiltered).
    assert body["facets"]["region"]["MA-09"] == 4 and len(body["facets"]["region"]) > 1
    assert body["facets"]["sector"]["cosmetics"] == 1
    assert sum(body["facets"]["label_status"].values()) == 4
    both = (await registry_client.get("/exporters", params={"region": "MA-09", "sector": "crafts"})).json()
    assert [i["slug"] for i in both["items"]] == ["tiznit-argent"]
    markets = (await registry_client.get("/exporters", params={"market": "jp", "sector": "fisheries"})).json()
    assert {i["slug"] for i in markets["items"]} == {"dakhla-poulpe", "tan-tan-peche"}
    chapter = await _slugs(registry_client, hs_chapter="15", region="MA-02")
    assert chapter == ["oujda-huilerie-oriental"]
    large = await _slugs(registry_client, size="large", region="MA-01")
    assert sorted(large) == ["tanger-auto-cables", "tanger-logistique-med"]


async def test_labelled_filter_and_label_facets(registry_client: httpx.AsyncClient) -> None:
    body = (await registry_client.get("/exporters", params={"per_page": 100})).json()
    assert body["facets"]["label_status"] == {
        "active": 7,
        "suspended": 1,
        "expired": 1,
        "withdrawn": 1,
        "none": 31,
    }
    labelled = await _slugs(registry_client, labelled="true")
    assert len(labelled) == 7 and "marrakech-cuirs" not in labelled and "safi-ceramiques" not in labelled
    assert await _slugs(registry_client, label_status="expired") == ["safi-ceramiques"]
    products = (await registry_client.get("/products", params={"labelled": "true"})).json()
    assert products["total"] == 7


async def test_product_search(registry_client: httpx.AsyncClient) -> None:
    body = (await registry_client.get("/products", params={"q": "huile olive"})).json()
    names = [i["name"]["fr"] for i in body["items"]]
    # Products with both words in their name come before those with them in the description only.
    assert set(names[:2]) == {"Huile d'olive vierge extra", "Sardines à l'huile d'olive"}
    assert body["facets"]["hs_chapter"]["15"] >= 1
    sardines = (await registry_client.get("/products", params={"q": "sardine", "region": "MA-06"})).json()
    assert {i["exporter"]["slug"] for i in sardines["items"]} == {"el-jadida-conserverie"}


async def test_sorting_and_paging(registry_client: httpx.AsyncClient) -> None:
    names = [
        i["trade_name"]
        for i in (await registry_client.get("/exporters", params={"per_page": 100})).json()["items"]
    ]
    assert len(names) == 41
    reverse = (await registry_client.get("/exporters", params={"per_page": 100, "sort": "-name"})).json()
    assert [i["trade_name"] for i in reverse["items"]] == names[::-1]
    page2 = (await registry_client.get("/exporters", params={"per_page": 10, "page": 2})).json()
    assert [i["trade_name"] for i in page2["items"]] == names[10:20]


async def test_bad_search_parameters_are_422_naming_the_field(registry_client: httpx.AsyncClient) -> None:
    for params, field in [
        ({"per_page": 101}, "per_page"),
        ({"region": "MA-99"}, "region"),
        ({"sector": "unknown"}, "sector"),
        ({"market": "XX"}, "market"),
        ({"hs_chapter": "1"}, "hs_chapter"),
        ({"size": "huge"}, "size.0"),
        ({"sort": "random"}, "sort"),
    ]:
        response = await registry_client.get("/exporters", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"
        assert field in [e["field"] for e in response.json()["errors"]], response.json()


async def test_text_with_filters_follows_every_change_of_region_sectors_and_markets(
    registry_client: httpx.AsyncClient,
) -> None:
    # On SQLite the filters of a text search are read from the text index (search.filter_tags):
    # each write must keep them in step with the exporter's region, sectors and markets.
    from tests.registry.conftest import STAFF

    created = await create_exporter(
        registry_client,
        77,
        trade_name="Quokka Tapis",
        region="MA-06",
        sectors=["textile"],
        export_markets=["FR"],
    )
    slug = created["slug"]
    assert await _slugs(registry_client, q="quokka", region="MA-06", sector="textile", market="fr") == [slug]
    assert await _slugs(registry_client, q="quokka", region="MA-07") == []
    # Any one of several values of the same filter will do; different filters must all hold.
    assert await _slugs(registry_client, q="quokka", sector=["crafts", "textile"], market=["JP", "FR"]) == [
        slug
    ]
    assert await _slugs(registry_client, q="quokka", sector="textile", market="JP") == []

    change = {"region": "MA-07", "sectors": ["crafts"], "export_markets": ["JP", "DE"]}
    response = await registry_client.patch(f"/exporters/{slug}", json=change, headers=STAFF)
    assert response.status_code == 200, response.text
    assert await _slugs(registry_client, q="quokka", region="MA-06") == []
    assert await _slugs(registry_client, q="quokka", sector="textile") == []
    assert await _slugs(registry_client, q="quokka", market="FR") == []
    assert await _slugs(registry_client, q="quokka", region="MA-07", sector="crafts", market=["de"]) == [slug]
    body = (await registry_client.get("/exporters", params={"q": "quokka", "market": "JP"})).json()
    assert body["facets"]["region"] == {"MA-07": 1} and body["facets"]["market"] == {"DE": 1, "JP": 1}
    # The filter words are not searchable text.
    assert await _slugs(registry_client, q="zzregionma07") == []
