"""Public pages through the gateway: catalogue, profiles, labels, figures."""

from __future__ import annotations

import re

import httpx

from services.registry.demo import DEMO_EXPORTERS
from services.registry.reference import REGIONS


def _cards(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/exporters/([a-z0-9-]+)">', html)


async def test_catalogue_lists_exporters_with_filters_and_a_search_form(site: httpx.AsyncClient) -> None:
    response = await site.get("/exporters")
    assert response.status_code == 200
    html = response.text
    assert len(_cards(html)) == len(DEMO_EXPORTERS)
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
    assert by_name["Souss-Massa"] == "2", "two demo exporters in Souss-Massa"
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
