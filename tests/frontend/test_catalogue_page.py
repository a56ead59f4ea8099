"""The catalogue page (#15.5, #15.6): disjunctive filters, chips, sort, "more" markets, typo
notice, the filters' drawer; in French and Arabic, server-rendered (no JavaScript needed)."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import parse_qsl, urlsplit

import httpx

from tests.frontend.conftest import Platform
from tests.support.http import http


def _cards(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/exporters/([a-z0-9-]+)">', html)


def _chips(html: str) -> dict[str, str]:
    """The active-filter chips: label -> the URL that removes it."""
    chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+?) <span aria-hidden="true">', html)
    return {html_lib.unescape(label).strip(): html_lib.unescape(url) for url, label in chips}


def _clear_all(html: str) -> str:
    match = re.search(r'<a class="chip clear-all" href="([^"]+)"', html)
    assert match, "a clear-all link"
    return html_lib.unescape(match.group(1))


async def _all_cards(site: httpx.AsyncClient, url: str, **params: str | list[str]) -> set[str]:
    """Every card of a search, page after page (the site shows 12 a page)."""
    found: set[str] = set()
    page = 1
    while True:
        html = (await site.get(url, params={**params, "page": str(page)})).text
        cards = _cards(html)
        found.update(cards)
        if 'rel="next"' not in html:
            return found
        page += 1


async def test_two_sectors_show_the_union_with_chips_and_clear_all(site: httpx.AsyncClient) -> None:
    crafts = await _all_cards(site, "/exporters", sector="crafts")
    cosmetics = await _all_cards(site, "/exporters", sector="cosmetics")
    both = await _all_cards(site, "/exporters", sector=["crafts", "cosmetics"], region=[])
    assert both == crafts | cosmetics and crafts != cosmetics
    html = (await site.get("/exporters", params={"sector": ["crafts", "cosmetics"], "q": "a"})).text
    # Both sector boxes ticked, each other sector still offered with its count.
    assert (
        'name="sector" value="crafts" checked' in html and 'name="sector" value="cosmetics" checked' in html
    )
    assert re.search(r'name="sector" value="textile" >\s*Textile', html) or 'value="agriculture"' in html
    chips = _chips(html)
    assert set(chips) == {"Artisanat", "Cosmétique et argan"}, chips
    # Removing one chip keeps the other filter and the words.
    removed = dict(parse_qsl(urlsplit(chips["Artisanat"]).query))
    assert removed == {"q": "a", "sector": "cosmetics"}
    # Clear all keeps the words and drops every filter.
    assert _clear_all(html) == "/exporters?q=a"


async def test_chips_for_every_kind_of_filter_in_arabic(site: httpx.AsyncClient) -> None:
    params = {
        "lang": "ar",
        "region": "MA-09",
        "market": "fr",
        "size": "micro",
        "certified": "true",
        "labelled": "true",
    }
    html = (await site.get("/exporters", params=params)).text
    chips = _chips(html)
    assert "فرنسا" in chips and "مقاولة صغيرة جدا" in chips and "حاصلة على شهادة" in chips
    assert len(chips) == 5, chips
    assert "مسح الكل" in html and "المرشحات المفعّلة" in html
    assert "Clear all" not in html and "Company size" not in html


async def test_size_and_certification_filters(site: httpx.AsyncClient, platform: Platform) -> None:
    html = (await site.get("/exporters", params={"size": "micro"})).text
    api = http.get(
        f"{platform.gateway_url}/api/registry/exporters", params={"size": "micro"}, timeout=30
    ).json()
    assert f"{api['total']} exportateur" in html
    assert "atlas-argan-cooperative" in _cards(html)
    for size in ("micro", "small", "medium", "large"):
        assert f'name="size" value="{size}"' in html  # its own group: every band stays offered
    certified = await _all_cards(site, "/exporters", certified="true")
    assert "kenitra-aero-composites" in certified and "safi-ceramiques" not in certified
    assert 'name="certified" value="true" checked' in (await site.get("/exporters?certified=true")).text


async def test_sort_control(site: httpx.AsyncClient) -> None:
    html = (await site.get("/exporters")).text
    options = re.findall(r'<option value="([^"]*)"', html)
    assert options == ["", "-name", "newest"], "without words: name (default), name reversed, newest"
    first = _cards((await site.get("/exporters")).text)
    reverse = _cards((await site.get("/exporters", params={"sort": "-name"})).text)
    assert first and reverse and first[0] != reverse[0]
    searched = (await site.get("/exporters", params={"q": "huile", "sort": "newest"})).text
    assert re.findall(r'<option value="([^"]*)"', searched) == ["", "name", "-name", "newest"]
    assert '<option value="newest" selected>' in searched
    assert "Pertinence" in searched
    # A sort the page does not offer is ignored, never passed on.
    assert (await site.get("/exporters", params={"sort": "'; drop"})).status_code == 200


async def test_every_market_is_reachable(site: httpx.AsyncClient, platform: Platform) -> None:
    api = http.get(
        f"{platform.gateway_url}/api/registry/exporters", params={"per_page": 1}, timeout=30
    ).json()
    markets = set(api["facets"]["market"])
    assert len(markets) > 10
    html = (await site.get("/exporters")).text
    offered = set(re.findall(r'name="market" value="([A-Z]{2})"', html))
    assert offered == markets
    more = re.search(r'<details class="more" id="more-markets">\s*<summary>([^<]+)</summary>', html)
    assert more and f"{len(markets) - 10} autres marchés" in more.group(1)
    ar = (await site.get("/exporters", params={"lang": "ar"})).text
    assert "أسواق أخرى" in ar or "سوقا أخرى" in ar or "سوق أخرى" in ar


async def test_typo_notice_offers_the_original_words(site: httpx.AsyncClient) -> None:
    html = (await site.get("/exporters", params={"q": "clementnies"})).text
    assert "Résultats pour" in html and '<strong dir="auto">clementines</strong>' in html
    link = re.search(r'Rechercher plutôt <a href="([^"]+)"', html)
    assert link, "a link to search for the words as typed"
    url = html_lib.unescape(link.group(1))
    assert dict(parse_qsl(urlsplit(url).query)) == {"q": "clementnies", "exact": "clementnies"}
    exact = (await site.get(url)).text
    assert _cards(exact) == [] and "Résultats pour ces mots exacts uniquement" in exact
    assert '<input type="hidden" name="exact" value="clementnies">' in exact
    # New words: the "exact" choice was for the old ones, so the correction is back.
    again = (await site.get("/exporters", params={"q": "mandarnies", "exact": "clementnies"})).text
    assert 'name="exact"' not in again
    ar = (await site.get("/exporters", params={"q": "clementnies", "lang": "ar"})).text
    assert "عرض نتائج" in ar and "البحث بدلا من ذلك عن" in ar


async def test_arabic_words_with_the_article_find_the_argan_cooperative(site: httpx.AsyncClient) -> None:
    for q in ("أركان", "الأركان", "وأركان"):
        html = (await site.get("/exporters", params={"q": q, "lang": "ar"})).text
        assert "atlas-argan-cooperative" in _cards(html), q
        assert "عرض نتائج" not in html, q  # found as typed, not "corrected"


async def test_the_filters_are_a_drawer_and_paging_jumps_to_the_results(site: httpx.AsyncClient) -> None:
    html = (await site.get("/exporters")).text
    assert '<details class="filter-drawer" id="filter-drawer">' in html
    assert '<link rel="stylesheet" href="/static/css/catalogue.css">' in html
    assert (await site.get("/static/css/catalogue.css")).status_code == 200
    assert (await site.get("/static/js/catalogue.js")).status_code == 200
    assert 'href="/exporters?page=2#results" rel="next"' in html
    assert 'hx-swap="outerHTML show:#results:top"' in html


async def test_hostile_values_are_escaped_and_dropped(site: httpx.AsyncClient) -> None:
    params = {"q": "<script>x</script>", "exact": "<script>x</script>", "size": "<b>", "sort": "<i>"}
    response = await site.get("/exporters", params=params)
    assert response.status_code == 200
    assert "<script>x</script>" not in response.text and "&lt;script&gt;x&lt;/script&gt;" in response.text
    assert 'name="size" value="&lt;b&gt;"' not in response.text and "<i>" not in response.text
    # An unknown market is the API's 422: a page in the reader's language, not a 500.
    refused = await site.get("/exporters", params={"market": "zz", "lang": "ar"})
    assert refused.status_code == 400 and 'lang="ar"' in refused.text
