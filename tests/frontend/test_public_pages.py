"""Public pages through the gateway: catalogue, profiles, labels, figures."""

from __future__ import annotations

import re

import httpx
import pytest

from services.registry.demo import DEMO_EXPORTERS
from services.registry.reference import REGIONS
from tests.frontend.conftest import Platform, demo_label
from tests.support.http import http


def _cards(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/exporters/([a-z0-9-]+)">', html)


async def test_catalogue_lists_exporters_with_filters_and_a_search_form(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    response = await site.get("/exporters")
    assert response.status_code == 200
    html = response.text
    assert len(_cards(html)) == min(12, len(DEMO_EXPORTERS)), "first page of 12"
    # The demo's exporters, plus any a desk test imported into this session's platform.
    total = http.get(f"{platform.gateway_url}/api/registry/exporters", timeout=30).json()["total"]
    assert total >= len(DEMO_EXPORTERS)
    assert f"{total} exportateurs trouvés" in html
    assert 'rel="next"' in html
    assert 'action="/exporters" method="get"' in html, "works as a plain GET form without JavaScript"
    assert 'hx-push-url="true"' in html and "delay:300ms" in html
    for code, *_ in REGIONS:
        assert f'name="region" value="{code}"' in html
    assert 'name="sector" value="textile"' in html
    assert '<label for="q">' in html


async def test_catalogue_fragment_has_results_only(site: httpx.AsyncClient) -> None:
    fragment = (await site.get("/exporters", params={"q": "x"}, headers={"HX-Request": "true"})).text
    assert fragment.lstrip().startswith('<div id="results"')
    assert "<form" not in fragment and "<header" not in fragment


async def test_catalogue_tolerates_garbage_parameters(site: httpx.AsyncClient) -> None:
    response = await site.get("/exporters", params={"page": "abc", "q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


async def test_exporter_profile(site: httpx.AsyncClient) -> None:
    response = await site.get("/exporters/fes-zellige-atelier")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Atelier Zellige de Fès</h1>" in html
    assert "Zellige taillé à la main" in html
    assert "Fès-Meknès" in html


async def test_exporter_profile_in_arabic_uses_arabic_text(site: httpx.AsyncClient) -> None:
    html = (await site.get("/exporters/fes-zellige-atelier", params={"lang": "ar"})).text
    assert '<html lang="ar" dir="rtl">' in html
    assert "زليج مصنوع يدويا" in html
    assert "فاس مكناس" in html


async def test_malicious_slug_stays_on_the_registry(site: httpx.AsyncClient) -> None:
    response = await site.get("/exporters/..%2F..%2Fhealthz")
    assert response.status_code in (404, 400)
    assert "Traceback" not in response.text


async def test_figures_draw_svg_charts_and_tables(site: httpx.AsyncClient) -> None:
    response = await site.get("/figures")
    assert response.status_code == 200
    html = response.text
    assert html.count('<svg class="chart" role="img"') == 2
    assert "Casablanca-Settat" in html
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', html)
    by_name = dict(rows)
    in_souss = sum(1 for e in DEMO_EXPORTERS if e[3] == "MA-09")
    assert by_name["Souss-Massa"] == str(in_souss)
    assert 'role="progressbar"' in html and 'aria-valuemax="12000"' in html


async def test_unknown_label_is_unmistakable(site: httpx.AsyncClient) -> None:
    response = await site.get("/labels/MIM-0000-NOPE")
    assert response.status_code == 404
    assert 'data-verdict="unknown"' in response.text


async def test_label_form_without_js_redirects_to_the_shareable_address(site: httpx.AsyncClient) -> None:
    response = await site.get("/labels", params={"number": " mim-2025-1 "})
    assert response.status_code == 303
    assert response.headers["location"] == "/labels/MIM-2025-1"


async def test_label_form_with_htmx_swaps_the_verdict_and_pushes_the_url(site: httpx.AsyncClient) -> None:
    response = await site.get("/labels", params={"number": "X"}, headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="verdict"')
    assert 'data-verdict="unknown"' in response.text
    assert response.headers["hx-push-url"] == "/labels/X"


async def test_search_narrows_results_and_shows_facet_counts(site: httpx.AsyncClient) -> None:
    html = (await site.get("/exporters", params={"q": "zellige"})).text
    cards = _cards(html)
    assert "fes-zellige-atelier" in cards
    assert 0 < len(cards) < 12
    counts = dict(
        re.findall(r'name="region" value="(MA-\d\d)"[^>]*>\s*[^<]+<span class="count">(\d+)</span>', html)
    )
    assert counts.get("MA-03") == "1" or int(counts.get("MA-03", "0")) >= 1
    assert sum(int(n) for n in counts.values()) == len(cards), "region counts add up to the results"


async def test_accents_do_not_matter_in_search(site: httpx.AsyncClient) -> None:
    plain = _cards((await site.get("/exporters", params={"q": "fes"})).text)
    accented = _cards((await site.get("/exporters", params={"q": "Fès"})).text)
    assert "fes-zellige-atelier" in plain
    assert plain == accented


async def test_facet_filter_and_pagination_links_keep_the_query(site: httpx.AsyncClient) -> None:
    html = (await site.get("/exporters", params={"region": "MA-09"})).text
    slugs = _cards(html)
    expected = {e[0] for e in DEMO_EXPORTERS if e[3] == "MA-09"}
    assert set(slugs) == expected
    assert 'name="region" value="MA-09" checked' in html
    labelled = _cards((await site.get("/exporters", params={"labelled": "true"})).text)
    assert labelled and "atlas-argan-cooperative" in labelled
    assert "settat-semoulerie" not in labelled, "a withdrawn label is no label"
    page2 = (await site.get("/exporters", params={"page": "2"})).text
    assert 'href="/exporters"' in page2 or 'href="/exporters?' in page2
    assert set(_cards(page2)).isdisjoint(_cards((await site.get("/exporters")).text))


async def test_product_page_and_label_badge_link_to_verification(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    html = (await site.get("/exporters/atlas-argan-cooperative")).text
    certificate = demo_label(platform.gateway_url, "active")
    assert f'href="/labels/{certificate}"' in html
    # The badge names the labelled product (read from the exporter's product list).
    assert re.search(rf'href="/labels/{certificate}">[^<]* · [^<\s][^<]*</a>', html), html
    product_ids = re.findall(r'href="/products/(\d+)"', html)
    assert product_ids
    product = await site.get(f"/products/{product_ids[0]}")
    assert product.status_code == 200
    assert "Coopérative Atlas Argan" in product.text
    assert (await site.get("/products/abc")).status_code == 404


@pytest.mark.parametrize("verdict", ["active", "suspended", "expired", "withdrawn", "unknown"])
async def test_each_label_status_is_unmistakable(
    site: httpx.AsyncClient, platform: Platform, verdict: str
) -> None:
    number = "MIM-2025-NOPE-0000" if verdict == "unknown" else demo_label(platform.gateway_url, verdict)
    response = await site.get(f"/labels/{number}")
    assert f'data-verdict="{verdict}"' in response.text
    assert response.status_code == (404 if verdict == "unknown" else 200)
    if verdict != "unknown":
        qr = await site.get(f"/labels/{number}/qr.svg")
        assert qr.status_code == 200 and qr.headers["content-type"].startswith("image/svg+xml")


async def test_home_shows_the_next_mornings(site: httpx.AsyncClient) -> None:
    html = (await site.get("/")).text
    assert 'href="/series/mornings-les-imperiales"' in html
    assert re.search(r'<h3><a href="/events/\d+">', html)


async def test_catalogue_shows_a_new_exporter_at_once(site: httpx.AsyncClient, platform: Platform) -> None:
    # Rendered results are kept by content (frontend/pages/catalogue.py): the same URL in the
    # same language must still show a write made a moment ago, in the page and the fragment.
    from tests.registry.conftest import exporter_payload
    from tests.support.tokens import bearer

    query = {"q": "Quokkaroo"}
    assert _cards((await site.get("/exporters", params=query)).text) == []
    body = exporter_payload(4242, trade_name="Quokkaroo Export", legal_name="Quokkaroo Export SARL")
    async with httpx.AsyncClient(base_url=platform.gateway_url) as api:
        created = await api.post("/api/registry/exporters", json=body, headers=bearer("organiser"))
        assert created.status_code == 201, created.text
    slug = created.json()["slug"]
    assert _cards((await site.get("/exporters", params=query)).text) == [slug]
    fragment = await site.get("/exporters", params=query, headers={"HX-Request": "true"})
    assert _cards(fragment.text) == [slug]
