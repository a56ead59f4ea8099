"""In Arabic, in a real browser: the RSVP form's and the exporter desk's errors are Arabic words,
the typed values stay, and axe-core finds nothing serious on the pages with their errors shown."""

from __future__ import annotations

import re
import uuid

from tests.e2e.conftest import Site, axe_violations, screenshot, wait_htmx
from tests.frontend.conftest import create_account, create_event
from tests.support.http import http

PASSWORD = "correct horse battery"
ARABIC = re.compile(r"[\u0600-\u06ff]")


def _assert_arabic(texts: list[str]) -> None:
    assert texts, "an error is shown"
    for text in texts:
        assert ARABIC.search(text), f"not Arabic: {text!r}"
        stray = [w for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"«[^»]*»", "", text)) if w not in {"ES"}]
        assert stray == [], f"English words in an Arabic message: {text!r}"


def _errors(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.strip() for t in page.locator(".field-error").all_inner_texts() if t.strip()]


def test_rsvp_errors_in_arabic(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    event = create_event(site.platform.gateway_url, capacity=3, title="Morning des mots")
    page.goto(f"/events/{event['id']}?lang=ar")
    wait_htmx(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#f-email", "ليس-بريدا")
    page.locator("#f-email").blur()
    page.wait_for_selector("#err-email .field-error")
    _assert_arabic(_errors(page))
    page.fill("#f-organisation", "x" * 250)
    page.get_by_role("button", name=re.compile("احجز")).click()
    page.wait_for_selector("#err-name .field-error")
    page.wait_for_selector("#err-consent .field-error")
    _assert_arabic(_errors(page))
    assert len(_errors(page)) >= 4  # name, e-mail, organisation, consent
    assert page.input_value("#f-email") == "ليس-بريدا", "what was typed stays"
    assert page.locator("#f-name").get_attribute("dir") == "auto"
    screenshot(page, "words-rsvp-errors-ar")
    assert axe_violations(page) == []


def test_exporter_desk_product_errors_in_arabic(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    gw = site.platform.gateway_url
    exporter = http.get(f"{gw}/api/registry/exporters/safi-ceramiques", timeout=30).json()
    email = f"exp-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(gw, email=email, password=PASSWORD, role="exporter", exporter_id=exporter["id"])
    page.goto("/signin?lang=ar")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.locator('form button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/desk"))
    page.goto("/desk?lang=ar")
    page.fill("#f-product_name_fr", "Tajine « Safi »")
    page.fill("#f-product_name_ar", "طاجين آسفي")
    page.fill("#f-product_hs_code", "44-20")
    page.fill("#f-product_value_added_pct", "سبعون")
    page.locator('form[action="/desk/products"] button[type="submit"]').click()
    page.wait_for_selector("#err-product_hs_code .field-error")
    _assert_arabic(_errors(page))
    assert page.input_value("#f-product_hs_code") == "44-20"
    assert page.input_value("#f-product_name_ar") == "طاجين آسفي"
    assert page.input_value("#f-product_name_fr") == "Tajine « Safi »"
    assert page.locator("#f-product_value_added_pct").get_attribute("aria-invalid") == "true"
    # A market written in Arabic is understood; an unknown one is flagged in Arabic.
    page.fill("#f-export_markets", "إسبانيا، أطلانتس")
    page.locator('form[action="/desk/profile"] button[type="submit"]').click()
    page.wait_for_selector("#err-export_markets .field-error")
    _assert_arabic(_errors(page))
    assert page.input_value("#f-export_markets") == "إسبانيا، أطلانتس"
    screenshot(page, "words-exporter-desk-errors-ar")
    assert axe_violations(page) == []
