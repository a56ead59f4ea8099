"""The public pages in a real browser: htmx fallback, search as you type, facets, RTL, no-JS."""

from __future__ import annotations

import re

from tests.e2e.conftest import axe_violations, screenshot, wait_htmx, with_axe
from tests.frontend.conftest import demo_label


def _cards(page) -> int:  # type: ignore[no-untyped-def]
    return page.locator("#results article.exporter-card").count()


def test_htmx_loads_from_the_local_copy_when_the_cdn_is_blocked(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    wait_htmx(page)
    assert page.evaluate("() => htmx.version").startswith("2.")
    screenshot(page, "home-fr")


def test_search_as_you_type_narrows_results_and_updates_the_url(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/exporters")
    wait_htmx(page)
    before = _cards(page)
    assert before == 12, "the first page of the catalogue"
    page.fill("#q", "zellige")
    page.wait_for_url(re.compile(r"q=zellige"))
    page.wait_for_function("() => document.querySelectorAll('#results article.exporter-card').length < 12")
    assert page.locator("#results").inner_text().count("Zellige") >= 1
    screenshot(page, "catalogue-search")
    shared = page.url
    page.goto(shared)
    assert page.locator("#q").input_value() == "zellige"
    assert _cards(page) < before


def test_facet_filter_narrows_results(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/exporters")
    wait_htmx(page)
    page.locator('input[name="region"][value="MA-09"]').check()
    page.wait_for_url(re.compile(r"region=MA-09"))
    page.wait_for_function(
        "() => [...document.querySelectorAll('#results .exporter-card .meta')]"
        ".every(m => m.textContent.includes('Souss'))"
    )
    assert page.locator('input[name="region"][value="MA-09"]').is_checked()
    screenshot(page, "catalogue-facet")


def test_search_works_without_javascript(nojs_page) -> None:  # type: ignore[no-untyped-def]
    page = nojs_page
    page.goto("/exporters")
    page.fill("#q", "zellige")
    page.locator('input[name="region"][value="MA-03"]').check()
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"q=zellige.*region=MA-03"))
    assert page.locator("#results article.exporter-card").count() >= 1


def test_arabic_pages_are_right_to_left(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/exporters?lang=ar")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    # Mirrored layout: the brand sits on the right-hand side.
    box = page.locator(".brand").bounding_box()
    assert box is not None and box["x"] > page.viewport_size["width"] / 2
    screenshot(page, "catalogue-ar")
    page.goto("/figures")
    assert page.evaluate("() => document.documentElement.lang") == "ar", "the language is remembered"
    screenshot(page, "figures-ar")


def test_language_switcher_keeps_the_page(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/exporters/fes-zellige-atelier")
    page.get_by_role("navigation", name=re.compile("Langue|Language")).get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url(re.compile(r"/exporters/fes-zellige-atelier\?lang=en"))
    assert page.evaluate("() => document.documentElement.lang") == "en"


def test_label_verification_unknown_number(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/labels")
    wait_htmx(page)
    page.fill("#number", "MIM-NOPE-1")
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_selector('[data-verdict="unknown"]')
    page.wait_for_url(re.compile(r"/labels/MIM-NOPE-1$"))
    screenshot(page, "label-unknown")


def test_main_pages_have_no_serious_accessibility_violation(page, site) -> None:  # type: ignore[no-untyped-def]
    active = demo_label(site.platform.gateway_url, "active")
    with_axe(page.context)  # loaded by each of the 24 pages, not sent through Playwright 24 times
    problems = {}
    for lang in ("fr", "en", "ar"):
        for path in (
            "/",
            "/exporters",
            "/exporters/fes-zellige-atelier",
            f"/labels/{active}",
            "/figures",
            "/events",
            "/series/mornings-les-imperiales",
            "/signin",
        ):
            page.goto(f"{path}?lang={lang}")
            found = axe_violations(page)
            if found:
                problems[f"{lang} {path}"] = found
    assert problems == {}
