"""What search engines read: canonical and hreflang links, JSON-LD, the sitemaps, robots.txt.

The website runs in-process in front of the real platform (demo data), with a public address
that is not the test machine's, and a sitemap size of a few URLs so that the paging of the
sitemap index is exercised by the demo's few dozen exporters instead of 50,000.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httpx
import pytest

from frontend import seo
from tests.conftest import asgi_client
from tests.frontend.conftest import Platform, demo_label, site_app
from tests.support.http import http

PUBLIC = "https://www.club-mim.example"
MAX_URLS = 6  # two items per sitemap file (each written once per language)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOSTILE = 'Evil </script><script>alert(1)</script> <!-- & "Co"'


@pytest.fixture
async def public_site(platform: Platform) -> AsyncIterator[httpx.AsyncClient]:
    app = site_app(platform.gateway_url, MIM_PUBLIC_URL=PUBLIC + "/", sitemap_max_urls=MAX_URLS)
    async with asgi_client(app) as client:
        yield client
    await app.state.gateway.close()


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def _head_links(html: str) -> tuple[list[str], dict[str, str]]:
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    return canonical, alternates


def _html_lang(html: str) -> str:
    match = re.search(r'<html lang="(\w+)"', html)
    assert match
    return match.group(1)


def _local(url: str) -> str:
    """A public URL as a request path for the in-process site, checking it is on PUBLIC."""
    assert url.startswith(PUBLIC + "/"), url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- canonical and hreflang ------------------------------------------------------------------


async def test_profile_has_canonical_and_alternates_that_really_serve_each_language(
    public_site: httpx.AsyncClient,
) -> None:
    page = await public_site.get("/exporters/fes-zellige-atelier?lang=ar")
    assert page.status_code == 200
    canonical, alternates = _head_links(page.text)
    assert canonical == [f"{PUBLIC}/exporters/fes-zellige-atelier?lang=ar"]
    assert set(alternates) == {"fr", "en", "ar", "x-default"}
    assert alternates["x-default"] == f"{PUBLIC}/exporters/fes-zellige-atelier"
    # Each alternate serves its language whatever language the visitor's cookie holds.
    for code, url in alternates.items():
        if code == "x-default":
            continue
        for cookie in ("fr", "en", "ar"):
            public_site.cookies.set("mim_lang", cookie)
            served = await public_site.get(_local(url))
            assert served.status_code == 200
            assert _html_lang(served.text) == code, (url, cookie)
            assert _head_links(served.text)[0] == [url], "each language's page names itself canonical"
    # x-default: the bare URL, French for a crawler (no cookie), its own canonical (its
    # language is the visitor's: it is no copy of one language's page).
    public_site.cookies.clear()
    bare = await public_site.get(_local(alternates["x-default"]))
    assert _html_lang(bare.text) == "fr"
    assert _head_links(bare.text)[0] == [alternates["x-default"]]
    public_site.cookies.set("mim_lang", "ar")
    remembered = await public_site.get(_local(alternates["x-default"]))
    assert _html_lang(remembered.text) == "ar"
    assert _head_links(remembered.text)[0] == [alternates["x-default"]]


async def test_canonical_keeps_the_query_but_not_the_language_twice(public_site: httpx.AsyncClient) -> None:
    page = await public_site.get("/exporters", params={"q": "argan", "lang": "en", "page": "1"})
    canonical, alternates = _head_links(page.text)
    assert canonical == [f"{PUBLIC}/exporters?q=argan&amp;page=1&amp;lang=en"]
    assert alternates["x-default"] == f"{PUBLIC}/exporters?q=argan&amp;page=1"


async def test_desk_and_error_pages_are_not_offered_to_search_engines(public_site: httpx.AsyncClient) -> None:
    signin = await public_site.get("/signin")
    assert '<meta name="robots" content="noindex">' in signin.text
    assert _head_links(signin.text) == ([], {})
    missing = await public_site.get("/exporters/no-such-exporter-anywhere")
    assert missing.status_code == 404
    assert _head_links(missing.text)[0] == []


# --- JSON-LD ---------------------------------------------------------------------------------


async def test_profile_carries_an_organization(public_site: httpx.AsyncClient) -> None:
    page = await public_site.get("/exporters/fes-zellige-atelier?lang=en")
    [data] = _json_ld(page.text)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Atelier Zellige de Fès"
    assert data["url"] == f"{PUBLIC}/exporters/fes-zellige-atelier?lang=en"
    assert data["address"]["@type"] == "PostalAddress"
    assert data["address"]["addressCountry"] == "MA"
    assert data["address"]["addressRegion"] == "Fez-Meknes"
    assert data["sameAs"] and all(url.startswith("https://") for url in data["sameAs"])


async def test_product_carries_a_product_made_by_the_organization_with_its_label(
    public_site: httpx.AsyncClient, platform: Platform
) -> None:
    number = demo_label(platform.gateway_url, "active")
    verification = http.get(f"{platform.gateway_url}/api/registry/labels/{number}", timeout=30).json()
    slug = verification["exporter"]["slug"]
    profile = http.get(f"{platform.gateway_url}/api/registry/exporters/{slug}", timeout=30).json()
    product_id = next(lb["product_id"] for lb in profile["labels"] if lb["certificate_number"] == number)

    page = await public_site.get(f"/products/{product_id}?lang=fr")
    [data] = _json_ld(page.text)
    assert data["@type"] == "Product"
    assert data["url"] == f"{PUBLIC}/products/{product_id}?lang=fr"
    assert data["name"]
    assert data["manufacturer"]["@type"] == "Organization"
    assert data["manufacturer"]["name"] == profile["trade_name"]
    assert data["manufacturer"]["@id"] == f"{PUBLIC}/exporters/{slug}#organization"
    assert data["brand"] == {"@type": "Brand", "name": profile["trade_name"]}
    certification = data["hasCertification"]
    assert certification["@type"] == "Certification"
    assert certification["certificationIdentification"] == number
    assert certification["url"].startswith(f"{PUBLIC}/labels/")


async def test_a_hostile_name_cannot_leave_the_json_ld_block(
    public_site: httpx.AsyncClient, platform: Platform
) -> None:
    from tests.registry.conftest import exporter_payload
    from tests.support.tokens import bearer

    serial = 60_000 + uuid.uuid4().int % 30_000  # the platform outlives one test run
    body = exporter_payload(
        serial, trade_name=f"{HOSTILE} {serial}", website="https://evil.example/</script>"
    )
    async with httpx.AsyncClient(
        base_url=platform.gateway_url, headers=bearer("organiser"), timeout=30
    ) as api:
        created = await api.post("/api/registry/exporters", json=body)
        assert created.status_code == 201, created.text
        slug = created.json()["slug"]
        product = await api.post(
            f"/api/registry/exporters/{slug}/products",
            json={
                "name_fr": "</script><script>alert(2)</script>",
                "hs_code": "620520",
                "value_added_pct": 80,
            },
        )
        assert product.status_code == 201, product.text
    for path in (f"/exporters/{slug}", f"/products/{product.json()['id']}"):
        html = (await public_site.get(path)).text
        assert "<script>alert(" not in html
        assert html.count("</script>") == html.count("<script"), "every script ends where it should"
        [data] = _json_ld(html)
        text = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)  # type: ignore[union-attr]
        assert "<" not in text and ">" not in text and "\u2028" not in text
        name = data["name"] if data["@type"] == "Organization" else data["manufacturer"]["name"]
        assert name == f"{HOSTILE} {serial}", "the JSON still says exactly what the exporter wrote"
        if data["@type"] == "Product":
            assert data["name"] == "</script><script>alert(2)</script>"
            assert "hasCertification" not in data, "a product without a live label claims none"


def test_json_ld_escaping_keeps_the_value() -> None:
    value = {"name": "a</script><!--b&c\u2028d\u2029e", "ar": "زليج"}
    markup = str(seo.json_ld_script(value))
    inner = markup.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert "زليج" in inner, "Arabic stays readable"
    assert json.loads(inner) == value


# --- sitemaps and robots.txt -----------------------------------------------------------------


def _parse(body: bytes, root: str) -> ET.Element:
    tree = ET.fromstring(body)  # a real XML parser: well-formed or it raises
    assert tree.tag == f"{SM}{root}", "the sitemap protocol's namespace and root element"
    return tree


async def _all_items(platform: Platform, path: str, params: dict[str, str]) -> list[dict]:
    items: list[dict] = []
    async with httpx.AsyncClient(base_url=platform.gateway_url, timeout=30) as api:
        page = 1
        while True:
            answer = (await api.get(path, params={**params, "page": page, "per_page": 100})).json()
            items += answer["items"]
            if page * 100 >= answer["total"]:
                return items
            page += 1


async def test_sitemap_index_pages_every_list_within_the_size_limit(
    public_site: httpx.AsyncClient, platform: Platform
) -> None:
    response = await public_site.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    index = _parse(response.content, "sitemapindex")
    locs = [el.text or "" for el in index.iter(f"{SM}loc")]
    assert all(loc.startswith(f"{PUBLIC}/sitemaps/") and loc.endswith(".xml") for loc in locs)
    exporter_files = [loc for loc in locs if "/sitemaps/exporters-" in loc]
    exporters = await _all_items(platform, "/api/registry/exporters", {"sort": "oldest"})
    per_file = seo.items_per_sitemap(MAX_URLS)
    assert per_file == 2
    assert len(exporters) > 2 * per_file, "the demo data spans several sitemap files"
    assert len(exporter_files) == -(-len(exporters) // per_file)

    seen: list[str] = []
    for loc in locs:
        body = await public_site.get(_local(loc))
        assert body.status_code == 200, loc
        urlset = _parse(body.content, "urlset")
        urls = urlset.findall(f"{SM}url")
        assert 0 < len(urls) <= MAX_URLS, loc
        for url in urls:
            target = url.findtext(f"{SM}loc") or ""
            assert target.startswith(PUBLIC + "/"), "absolute, on the public address"
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
            assert set(alternates) == {"fr", "en", "ar", "x-default"}
            assert target in alternates.values()
            if "/sitemaps/exporters-" in loc and target.endswith("?lang=fr"):
                seen.append(urlsplit(target).path.removeprefix("/exporters/"))
    assert sorted(seen) == sorted(e["slug"] for e in exporters), "every exporter once, none twice"
    assert any(loc.endswith("/sitemaps/products-1.xml") for loc in locs)
    assert any(loc.endswith("/sitemaps/events-1.xml") for loc in locs)

    beyond = await public_site.get(f"/sitemaps/exporters-{len(exporter_files) + 1}.xml")
    assert beyond.status_code == 404
    pages = sum(1 for loc in locs if "/sitemaps/pages-" in loc)
    assert pages >= 3, "the site's own pages and series are paged too"
    for name in ("exporters-0", "nothing-1", f"pages-{pages + 1}", "exporters-1x", "exporters-9999999"):
        assert (await public_site.get(f"/sitemaps/{name}.xml")).status_code == 404, name


def test_a_full_size_sitemap_stays_under_the_protocol_limit() -> None:
    per_file = seo.items_per_sitemap(50_000)
    assert per_file % 100 == 0, "slices start on an API page"
    paths = [f"/exporters/e{n}" for n in range(per_file)]
    urlset = _parse(seo.url_set(PUBLIC, paths), "urlset")
    assert len(urlset.findall(f"{SM}url")) < seo.SITEMAP_MAX_URLS


async def test_robots_keeps_desks_out_and_names_the_sitemap(public_site: httpx.AsyncClient) -> None:
    response = await public_site.get("/robots.txt")
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /desk" in lines
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in lines
    assert "127.0.0.1" not in response.text and "localhost" not in response.text


async def test_favicon_is_served_and_linked(public_site: httpx.AsyncClient) -> None:
    ico = await public_site.get("/favicon.ico")
    assert ico.status_code == 200
    assert ico.content[:4] == b"\x00\x00\x01\x00", "an ICO file"
    svg = await public_site.get("/static/favicon.svg")
    assert svg.status_code == 200
    ET.fromstring(svg.content)
    home = (await public_site.get("/")).text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in home
    assert '<link rel="icon" href="/favicon.ico"' in home
