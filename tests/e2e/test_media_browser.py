"""Logos and photos in a real browser (#15.3): an exporter uploads them in its desk and sees
them on its profile (French and Arabic) and on the product page, under the site's real
Content-Security-Policy (images from this origin only); a refused file is explained on the form.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import CHROMIUM_ARGS, Site, local_only, screenshot  # noqa: F401
from tests.frontend.conftest import create_account
from tests.registry.test_media import SVG, jpeg_with_gps
from tests.support.http import http
from tests.support.tokens import bearer

PASSWORD = "correct horse battery"


@pytest.fixture
def csp_page(browser, site: Site) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A visitor whose browser enforces the site's CSP (no bypass), CDN blocked."""
    context = browser.new_context(base_url=site.url, locale="fr-FR")
    local_only(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _exporter_with_product(gw: str) -> tuple[dict[str, Any], int]:
    from services.registry.demo import make_ice

    name = f"Poterie {uuid.uuid4().hex[:6]}"
    body = {
        "ice": make_ice(6_000_000 + uuid.uuid4().int % 900_000),
        "legal_name": f"{name} SARL",
        "trade_name": name,
        "region": "MA-07",
        "city": "Safi",
        "sectors": ["textile"],
        "phone": "+212522123456",
        "description_fr": "Poterie de Safi.",
        "description_ar": "فخار آسفي.",
    }
    headers = bearer("organiser")
    exporter = http.post(f"{gw}/api/registry/exporters", json=body, headers=headers, timeout=30)
    assert exporter.status_code == 201, exporter.text
    product = http.post(
        f"{gw}/api/registry/exporters/{exporter.json()['slug']}/products",
        json={
            "name_fr": "Tajine émaillé",
            "name_ar": "طاجين مزجج",
            "hs_code": "691200",
            "value_added_pct": 80,
        },
        headers=headers,
        timeout=30,
    )
    assert product.status_code == 201, product.text
    return exporter.json(), int(product.json()["id"])


def _loaded_image(page: Any, selector: str) -> dict[str, Any]:
    """The image once the browser has decoded it: its alt, source and natural size."""
    page.wait_for_function(
        "(sel) => { const i = document.querySelector(sel); return i && i.complete && i.naturalWidth > 0; }",
        arg=selector,
    )
    return page.eval_on_selector(  # type: ignore[no-any-return]
        selector,
        "i => ({alt: i.alt, src: i.currentSrc, width: i.naturalWidth, box: i.getBoundingClientRect().x})",
    )


def test_exporter_uploads_a_logo_and_photos_and_sees_them(csp_page, site: Site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = csp_page
    gw = site.platform.gateway_url
    exporter, product_id = _exporter_with_product(gw)
    email = f"browser-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(gw, email=email, password=PASSWORD, role="exporter", exporter_id=exporter["id"])
    logo = tmp_path / "logo.jpg"
    logo.write_bytes(jpeg_with_gps(800, 800, (176, 31, 37)))
    photo = tmp_path / "tajine.jpg"
    photo.write_bytes(jpeg_with_gps(1200, 900, (0, 89, 46)))
    svg = tmp_path / "logo.svg"
    svg.write_bytes(SVG)

    page.goto("/desk?lang=fr")
    page.wait_for_url(re.compile(r"/signin"))
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/desk"))

    # A refused file first: an SVG (it could hold scripts) is explained on the form, in French.
    page.set_input_files("#f-logo_file", str(svg))
    page.click("form[action$='/logo'] button[type=submit]")
    error = page.locator("#err-logo_file .field-error")
    error.wait_for()
    assert "JPEG, PNG ou WebP" in error.inner_text()

    page.set_input_files("#f-logo_file", str(logo))
    page.fill("#f-logo-alt_fr", "Logo de la poterie")
    page.fill("#f-logo-alt_ar", "شعار الفخار")
    page.click("form[action$='/logo'] button[type=submit]")
    page.wait_for_url(re.compile(r"/desk\?done=media"))
    assert page.locator(".desk-logo img").count() == 1

    field = f"#f-photo_{product_id}_file"
    page.locator(f"details:has({field}) summary").click()
    page.set_input_files(field, str(photo))
    page.fill(f"#f-photo_{product_id}_file-alt_fr", "Tajine vert émaillé")
    page.click(f"form[action$='/products/{product_id}/photos'] button[type=submit]")
    page.wait_for_url(re.compile(r"/desk\?done=media"))

    page.goto(f"/exporters/{exporter['slug']}?lang=fr")
    shown = _loaded_image(page, ".profile-logo img")
    assert shown["alt"] == "Logo de la poterie"
    assert re.search(r"/media/[0-9a-f]{32}-\d+\.(avif|webp)$", shown["src"]), shown  # a modern format won
    card = _loaded_image(page, ".product-card img")
    assert card["alt"] == "Tajine vert émaillé"
    ltr_logo_x = shown["box"]
    screenshot(page, "media-profile-fr")

    page.goto(f"/exporters/{exporter['slug']}?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    shown = _loaded_image(page, ".profile-logo img")
    assert shown["alt"] == "شعار الفخار"
    title_x = page.eval_on_selector(".profile-id h1", "h => h.getBoundingClientRect().x")
    assert shown["box"] > title_x > 0 or shown["box"] > ltr_logo_x  # the logo sits on the right in Arabic
    screenshot(page, "media-profile-ar")

    page.goto(f"/products/{product_id}?lang=fr")
    shown = _loaded_image(page, ".product-photo img")
    assert shown["alt"] == "Tajine vert émaillé"
    assert shown["width"] > 0
    assert "691200" in page.inner_text(".product-info")
    screenshot(page, "media-product-fr")
