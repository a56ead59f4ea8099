"""The catalogue in Chromium (#15.5, #15.6): two sectors, chips, clear all, "more" markets, the
typo notice, Arabic, paging to the top of the results, and the phone drawer with and without
JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import Site, local_only, screenshot, wait_htmx
from tests.support.http import http

PHONE = {"width": 390, "height": 844}
WORDS = {
    "fr": {"crafts": "Artisanat", "clear": "Tout effacer", "for": "Résultats pour", "exact": "mots exacts"},
    "ar": {"crafts": "الصناعة التقليدية", "clear": "مسح الكل", "for": "عرض نتائج", "exact": "بالضبط"},
}


def _cards(page) -> int:
    return page.locator("#results article.exporter-card").count()


def _total(site: Site, **params: str | list[str]) -> int:
    url = f"{site.platform.gateway_url}/api/registry/exporters"
    return int(http.get(url, params={"per_page": 1, **params}, timeout=30).json()["total"])


def _wait_total(page, total: int) -> None:
    # The heading states the total in the page's digits; compare the digits only.
    page.wait_for_function(
        "n => document.querySelector('#results-title').textContent.replace(/\\D/g, '') === String(n)",
        arg=total,
    )


@pytest.fixture
def phone(browser, site: Site) -> Iterator:
    context = browser.new_context(
        base_url=site.url, bypass_csp=True, locale="fr-FR", viewport=PHONE, is_mobile=True, has_touch=True
    )
    local_only(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def nojs_phone(browser, site: Site) -> Iterator:
    context = browser.new_context(
        base_url=site.url, java_script_enabled=False, locale="fr-FR", viewport=PHONE
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_two_sectors_a_chip_removed_then_clear_all(page, site: Site, lang: str) -> None:
    words = WORDS[lang]
    page.goto(f"/exporters?lang={lang}")
    wait_htmx(page)
    page.locator('input[name="sector"][value="crafts"]').check()
    page.wait_for_url(re.compile(r"sector=crafts"))
    _wait_total(page, _total(site, sector="crafts"))
    page.locator('input[name="sector"][value="cosmetics"]').check()
    page.wait_for_url(re.compile(r"sector=crafts.*sector=cosmetics"))
    _wait_total(page, _total(site, sector=["crafts", "cosmetics"]))
    assert _total(site, sector=["crafts", "cosmetics"]) > _total(site, sector="crafts")
    chips = page.locator("#results .chips a.chip:not(.clear-all)")
    assert chips.count() == 2
    screenshot(page, f"catalogue-two-sectors-{lang}")
    chips.filter(has_text=words["crafts"]).click()
    page.wait_for_url(lambda url: "sector=crafts" not in url and "sector=cosmetics" in url)
    _wait_total(page, _total(site, sector="cosmetics"))
    assert not page.locator('input[name="sector"][value="crafts"]').is_checked()
    assert page.locator('input[name="sector"][value="cosmetics"]').is_checked()
    page.locator('input[name="region"][value="MA-09"]').check()
    page.wait_for_url(re.compile(r"region=MA-09"))
    _wait_total(page, _total(site, sector="cosmetics", region="MA-09"))
    page.get_by_role("link", name=words["clear"]).click()
    page.wait_for_url(lambda url: "sector=" not in url and "region=" not in url)
    _wait_total(page, _total(site))
    assert page.locator("#results .chips").count() == 0
    assert page.locator("#results input:checked").count() == 0


def test_more_markets_open_and_every_market_can_be_ticked(page, site: Site) -> None:
    page.goto("/exporters")
    wait_htmx(page)
    hidden = page.locator("#more-markets input[name=market]")
    assert hidden.count() > 0 and not hidden.first.is_visible()
    page.locator("#more-markets > summary").click()
    assert hidden.first.is_visible()
    code = hidden.last.get_attribute("value")
    assert code
    hidden.last.check()
    page.wait_for_url(re.compile(rf"market={code}"))
    _wait_total(page, _total(site, market=code))
    assert page.locator(f'input[name="market"][value="{code}"]').is_checked()
    screenshot(page, "catalogue-more-markets")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_typo_notice_offers_the_words_as_typed(page, lang: str) -> None:
    words = WORDS[lang]
    page.goto(f"/exporters?lang={lang}")
    wait_htmx(page)
    page.fill("#q", "clementnies")
    notice = page.locator("#results .typo-notice")
    notice.wait_for()
    assert words["for"] in notice.inner_text() and "clementines" in notice.inner_text()
    assert _cards(page) >= 1
    screenshot(page, f"catalogue-typo-{lang}")
    notice.get_by_role("link", name="clementnies").click()
    page.wait_for_url(re.compile(r"exact=clementnies"))
    page.wait_for_function("() => document.querySelector('#results .typo-notice').textContent.length > 0")
    page.wait_for_function(
        "w => document.querySelector('#results .typo-notice').textContent.includes(w)", arg=words["exact"]
    )
    assert _cards(page) == 0


@pytest.mark.parametrize("q", ["أركان", "الأركان", "وأركان"])
def test_arabic_argan_is_found_without_correction(page, q: str) -> None:
    page.goto("/exporters?lang=ar")
    wait_htmx(page)
    page.fill("#q", q)
    page.wait_for_function(
        "() => document.querySelector('#results a[href=\"/exporters/atlas-argan-cooperative\"]') !== null"
    )
    assert page.locator("#results .typo-notice").count() == 0


def test_paging_scrolls_to_the_top_of_the_results(page) -> None:
    page.goto("/exporters")
    wait_htmx(page)
    page.locator(".pagination a[rel=next]").scroll_into_view_if_needed()
    assert page.evaluate("() => window.scrollY") > 200
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    page.wait_for_function(
        "() => document.querySelector('.pagination [aria-current]').textContent.trim() === '2'"
    )
    page.wait_for_function(
        "() => Math.abs(document.getElementById('results').getBoundingClientRect().top) < 40"
    )


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_phone_drawer_results_first_never_wider_than_the_screen(phone, site: Site, lang: str) -> None:
    page = phone
    page.goto(f"/exporters?lang={lang}")
    wait_htmx(page)
    drawer = page.locator("#filter-drawer > summary")
    region = page.locator('input[name="region"][value="MA-09"]')
    assert drawer.is_visible() and not region.is_visible()
    # Results come first: the first card is on the first screen.
    first_card = page.locator("#results article.exporter-card").first.bounding_box()
    assert first_card and first_card["y"] < PHONE["height"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    drawer.click()
    assert region.is_visible()
    region.check()
    page.wait_for_url(re.compile(r"region=MA-09"))
    _wait_total(page, _total(site, region="MA-09"))
    assert page.locator("#filter-drawer").evaluate("d => d.open"), "the drawer stays open while filtering"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.fill("#q", "clementnies")
    page.locator("#results .typo-notice").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, f"catalogue-phone-{lang}")


def test_phone_drawer_works_without_javascript(nojs_phone, site: Site) -> None:
    page = nojs_phone
    page.goto("/exporters")
    region = page.locator('input[name="region"][value="MA-09"]')
    assert not region.is_visible()
    page.locator("#filter-drawer > summary").click()
    region.check()
    page.locator("#filter-drawer").get_by_role("button").click()
    page.wait_for_url(re.compile(r"region=MA-09"))
    assert (
        page.locator("#results-title")
        .inner_text()
        .replace("\u202f", " ")
        .startswith(str(_total(site, region="MA-09")))
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
