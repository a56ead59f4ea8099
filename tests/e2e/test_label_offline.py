"""The label page checks a QR code's signed statement in the browser (WebCrypto Ed25519, the keys
embedded in the page): with the network cut after the page loaded it still says "valid
signature, valid until ...; online check not possible", in French and in Arabic, and refuses a
tampered statement. The statement comes from the printed QR code, read back by zbarimg."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.common.test_public_url import zbar_decode
from tests.e2e.conftest import CHROMIUM, local_only, screenshot
from tests.frontend.conftest import demo_label

OUTCOME = "#statement-check"


@pytest.fixture
def scanned(site: Any, tmp_path: Path) -> tuple[str, str, dict[str, Any]]:
    """(certificate number, QR code URL as scanned, its verification) of an active demo label."""
    number = demo_label(site.platform.gateway_url, "active")
    with httpx.Client(base_url=site.platform.gateway_url, timeout=60) as api:
        png = api.get(f"/api/registry/labels/{number}/qr.png").content
        verification = api.get(f"/api/registry/labels/{number}").json()
    (url,) = zbar_decode(png, tmp_path)
    return number, url, verification


@pytest.fixture
def fresh_context(browser: Any, site: Any) -> Iterator[Any]:
    """A visitor of its own, under the site's real CSP (the check must run without bypassing it)."""
    assert Path(CHROMIUM).exists()
    context = browser.new_context(base_url=site.url, locale="fr-FR")
    local_only(context)
    yield context
    context.close()


def _outcome(page: Any) -> str:
    page.wait_for_selector(f"{OUTCOME}:not([hidden])")
    page.wait_for_function(f"() => document.querySelector('{OUTCOME}').dataset.outcome")
    return str(page.eval_on_selector(OUTCOME, "el => el.dataset.outcome"))


def _tampered(statement: str) -> str:
    prefix, payload, signature = statement.split(".")
    fields = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    fields[5] = "2099-12-31"  # a longer validity
    forged = base64.urlsafe_b64encode(json.dumps(fields, separators=(",", ":")).encode()).rstrip(b"=")
    return f"{prefix}.{forged.decode()}.{signature}"


@pytest.mark.parametrize(
    ("lang", "offline_text", "year_digits"),
    [
        ("fr", "vérification en ligne impossible", "0123456789"),
        ("ar", "التحقق عبر الإنترنت غير ممكن", "0123456789٠١٢٣٤٥٦٧٨٩"),
    ],
)
def test_the_statement_verifies_offline_in_the_readers_language(
    fresh_context: Any,
    scanned: tuple[str, str, dict[str, Any]],
    lang: str,
    offline_text: str,
    year_digits: str,
) -> None:
    number, url, verification = scanned
    statement = url.partition("#")[2]
    page = fresh_context.new_page()
    page.set_default_timeout(15_000)
    # Scanned online: the signature holds and the live verdict is there too.
    page.goto(f"/labels/{number}?lang={lang}#{statement}")
    assert _outcome(page) == "valid-online"
    assert page.locator("#verdict [data-verdict='active']").count() == 1
    assert page.locator(f"{OUTCOME} [data-field='n']").inner_text() == number
    # The network goes; the reader checks the statement again (a new scan of the same code).
    fresh_context.set_offline(True)
    try:
        page.evaluate("() => { location.hash = ''; }")
        page.wait_for_selector(f"{OUTCOME}[hidden]", state="attached")
        page.evaluate("(s) => { location.hash = s; }", statement)
        assert _outcome(page) == "valid-offline"
        title = page.locator(f"{OUTCOME} h2").inner_text()
        assert offline_text in title, title
        year = verification["valid_until"][:4]
        digits = str.maketrans("0123456789", year_digits[-10:])
        assert year in title or year.translate(digits) in title, title
        assert page.locator("html").get_attribute("lang") == lang
        # What the page says about authority is in the reader's language too.
        note = page.locator(".statement-authority").inner_text()
        assert ("fait foi" in note) if lang == "fr" else ("المرجع" in note), note
        screenshot(page, f"label-offline-{lang}")
        # A tampered statement is refused, offline as well.
        page.evaluate("(s) => { location.hash = s; }", _tampered(statement))
        page.wait_for_function(
            f"() => document.querySelector('{OUTCOME}').dataset.outcome === 'bad-signature'"
        )
        assert page.locator(f"{OUTCOME} .statement-facts").is_hidden()
        # A key id that is not published.
        prefix, payload, signature = statement.split(".")
        fields = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        fields[0] = "not-published"
        other = base64.urlsafe_b64encode(json.dumps(fields).encode()).rstrip(b"=").decode()
        page.evaluate("(s) => { location.hash = s; }", f"{prefix}.{other}.{signature}")
        page.wait_for_function(f"() => document.querySelector('{OUTCOME}').dataset.outcome === 'unknown-key'")
    finally:
        fresh_context.set_offline(False)


def test_a_statement_for_another_number_is_flagged(
    fresh_context: Any, scanned: tuple[str, str, dict[str, Any]], site: Any
) -> None:
    number, url, _ = scanned
    other = demo_label(site.platform.gateway_url, "suspended")
    page = fresh_context.new_page()
    page.goto(f"/labels/{other}#{url.partition('#')[2]}")
    assert _outcome(page) == "other-number"
    assert number in page.locator(f"{OUTCOME} h2").inner_text()
    # The live verdict of the page's own number is untouched: suspended.
    assert page.locator("#verdict [data-verdict='suspended']").count() == 1
    assert re.search(r"SUSPEND", page.locator("#verdict h2").inner_text(), re.IGNORECASE)


def test_a_scan_without_a_network_opens_the_kept_page(
    fresh_context: Any, scanned: tuple[str, str, dict[str, Any]]
) -> None:
    """A reader who visited the page once scans a label later, offline: the service worker's
    copy of the page (with the keys) opens and checks the statement, in the reader's language."""
    number, url, verification = scanned
    statement = url.partition("#")[2]
    visit = fresh_context.new_page()
    visit.set_default_timeout(15_000)
    visit.goto("/labels?lang=ar")
    visit.wait_for_function("async () => !!(await navigator.serviceWorker.ready).active")
    visit.wait_for_function("async () => !!(await caches.match('/labels'))")
    fresh_context.set_offline(True)
    try:
        scan = fresh_context.new_page()
        scan.set_default_timeout(15_000)
        scan.goto(f"/labels/{number}#{statement}")
        assert _outcome(scan) == "valid-offline"
        assert "التحقق عبر الإنترنت غير ممكن" in scan.locator(f"{OUTCOME} h2").inner_text()
        assert scan.locator(f"{OUTCOME} [data-field='n']").inner_text() == number
        assert scan.locator("html").get_attribute("dir") == "rtl"
        # No live verdict could be fetched: none is shown.
        assert scan.locator("#verdict [data-verdict]").count() == 0
        screenshot(scan, "label-offline-scan-ar")
        # Offline, a forged statement on the kept page is refused too.
        scan.goto(f"/labels/{number}#{_tampered(statement)}")
        scan.wait_for_function(
            f"() => document.querySelector('{OUTCOME}').dataset.outcome === 'bad-signature'"
        )
    finally:
        fresh_context.set_offline(False)
    assert verification["status"] == "active"
