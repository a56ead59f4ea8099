"""Every page on a phone (390 × 844 CSS pixels): nothing wider than the screen, the menu folds
into a <details> that opens without JavaScript, and axe-core finds nothing serious, in French
and in Arabic (right to left).

With ``MIM_SCREENSHOTS=1``, screenshots of every page go to test-artifacts/phone/ (artefacts
only: nothing checks them). With ``MIM_SCREENSHOTS_DIR=docs/screenshots``
the test also writes the screenshots the README shows (``profile.png``, ``catalogue.png`` on a
desktop screen, ``phone-*.png``)::

    MIM_SCREENSHOTS_DIR=docs/screenshots .venv/bin/pytest -q tests/e2e/test_phone_browser.py
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, SCREENSHOTS, Site, axe_violations, local_only, with_axe
from tests.events.conftest import manage_tokens_in
from tests.frontend.conftest import create_account, create_event
from tests.support.http import http
from tests.support.servers import PROJECT_ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "correct horse battery"
LANGS = ("fr", "ar")
SHOTS = ARTIFACTS / "phone"
README_SHOTS = os.environ.get("MIM_SCREENSHOTS_DIR")


def _committed(name: str) -> Path | None:
    """Where a README screenshot goes, when asked for (else None)."""
    if not README_SHOTS:
        return None
    folder = Path(README_SHOTS)
    folder = folder if folder.is_absolute() else PROJECT_ROOT / folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


@pytest.fixture(scope="module")
def world(site: Site) -> dict[str, str]:
    """An upcoming event with one confirmed guest, an organiser and an exporter account."""
    gw = site.platform.gateway_url
    event = create_event(gw, capacity=40, title="Morning mobile")
    email = f"phone-{uuid.uuid4().hex[:8]}@example.ma"
    body = {"name": "Salma Berrada", "email": email, "organisation": "Atlas Export", "consent": True}
    asked = http.post(f"{gw}/api/events/events/{event['id']}/rsvps", json=body, timeout=30)
    assert asked.status_code == 202, asked.text
    token = manage_tokens_in(site.platform.events_database_url, event["id"])[email]
    confirmed = http.post(f"{gw}/api/events/rsvps/{token}/confirm", timeout=30)
    assert confirmed.status_code == 200, confirmed.text
    exporter = http.get(f"{gw}/api/registry/exporters/fes-zellige-atelier", timeout=30).json()
    product = http.get(f"{gw}/api/registry/exporters/fes-zellige-atelier/products", timeout=30).json()
    organiser = f"org-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(gw, email=organiser, password=PASSWORD, role="organiser")
    owner = f"exp-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(gw, email=owner, password=PASSWORD, role="exporter", exporter_id=exporter["id"])
    return {
        "event": str(event["id"]),
        "token": token,
        "product": str(product["items"][0]["id"]),
        "organiser": organiser,
        "exporter": owner,
    }


def _context(browser, site: Site, *, viewport: dict[str, int] = PHONE, javascript: bool = True):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=site.url,
        viewport=viewport,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
        java_script_enabled=javascript,
        bypass_csp=True,
        locale="fr-FR",
    )
    local_only(context)
    return context


@pytest.fixture
def phone(browser, site: Site) -> Iterator:  # type: ignore[no-untyped-def]
    context = _context(browser, site)
    with_axe(context)  # every page it opens is audited
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/signin")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/desk"))


def _name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def _check_pages(page, paths: list[str], who: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Each page in French and Arabic: its width, axe-core (and a screenshot if asked for); the
    problems found."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, object] = {}
    for lang in LANGS:
        for path in paths:
            response = page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
            where = f"{lang} {who} {path}"
            if response is None or response.status != 200:
                problems[where] = f"status {response.status if response else None}"
                continue
            if SCREENSHOTS:  # JPEG, only looked at: a full-page PNG took 1.0-1.1 s, JPEG 0.5-0.8 s
                shot = SHOTS / f"{who}-{_name(path)}-{lang}.jpg"
                page.screenshot(path=str(shot), full_page=True, type="jpeg", quality=80)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems[where] = f"{width}px wide: " + ", ".join(page.evaluate(_WIDE_ELEMENTS))
            found = axe_violations(page)
            if found:
                problems[f"{where} (axe)"] = found
    return problems


# The elements that stick out of the screen, not counting those inside a scrolling box.
_WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + .5 && box.left >= -.5) continue;
    let up = el.parentElement, scrolled = false;
    for (; up && !scrolled; up = up.parentElement)
      scrolled = /auto|scroll|hidden/.test(getComputedStyle(up).overflowX);
    if (!scrolled) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
  }
  return out.slice(0, 6);
}"""


def test_public_pages_fit_a_phone(phone, world: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    paths = [
        "/",
        "/exporters",
        "/exporters/fes-zellige-atelier",
        f"/products/{world['product']}",
        "/events",
        f"/events/{world['event']}",
        f"/rsvps/{world['token']}",
        "/labels",
        "/figures",
        "/series/mornings-les-imperiales",
        "/signin",
    ]
    assert _check_pages(phone, paths, "public") == {}


def test_organiser_desk_pages_fit_a_phone(phone, world: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _sign_in(phone, world["organiser"])
    event = world["event"]
    paths = [
        "/desk",
        f"/desk/events/{event}",  # the guest list
        "/desk/events/new",
        f"/desk/events/{event}/edit",
        f"/desk/events/{event}/checkin",
        "/desk/labels",
        "/desk/import",
        "/desk/webhooks",
        "/desk/series/mornings-les-imperiales/attendance",
    ]
    assert _check_pages(phone, paths, "organiser") == {}


def test_exporter_desk_fits_a_phone(phone, world: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    _sign_in(phone, world["exporter"])
    assert _check_pages(phone, ["/desk"], "exporter") == {}


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_folds_and_opens(browser, site: Site, javascript: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, site, javascript=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/events?lang={lang}")
        menu = page.locator("details.menu")
        links = page.get_by_role("navigation", name=re.compile("Principal|الرئيسية")).get_by_role("link")
        assert menu.get_attribute("open") is None
        assert not links.first.is_visible(), "folded on a phone"
        page.locator("details.menu > summary").click()
        assert menu.get_attribute("open") is not None
        assert links.count() >= 5 and all(links.nth(i).is_visible() for i in range(links.count()))
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        if javascript:
            assert axe_violations(page) == [], "the open menu too"
        if SCREENSHOTS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"menu-{lang}-{'js' if javascript else 'nojs'}.png"))
        links.first.click()
        page.wait_for_url(re.compile(r"/exporters"))
        assert page.locator("details.menu").get_attribute("open") is None, "a new page starts folded"
    finally:
        context.close()


def test_the_menu_is_a_plain_bar_on_a_wide_screen(browser, site: Site) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, site, viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto("/exporters")
        assert not page.locator("details.menu > summary").is_visible()
        nav = page.get_by_role("navigation", name="Principal")
        assert nav.get_by_role("link", name="Événements").is_visible()
    finally:
        context.close()


def test_readme_screenshots(browser, site: Site, world: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """The README's pictures: the profile and the catalogue on a desktop, a few phone pages."""
    wanted = [
        ("profile.png", DESKTOP, "/exporters/fes-zellige-atelier", False),
        ("catalogue.png", DESKTOP, "/exporters", False),
        ("phone-home.png", PHONE, "/", False),
        ("phone-menu.png", PHONE, "/events", True),
        ("phone-profile.png", PHONE, "/exporters/fes-zellige-atelier", False),
        ("phone-event.png", PHONE, f"/events/{world['event']}", False),
    ]
    # One visitor per screen size (the pages are public, nobody signs in): a context is a renderer.
    contexts = {id(size): _context(browser, site, viewport=size) for size in (DESKTOP, PHONE)}
    pages = {key: context.new_page() for key, context in contexts.items()}
    try:
        for name, viewport, path, open_menu in wanted:
            page = pages[id(viewport)]
            page.goto(path)
            page.wait_for_function("() => window.htmx !== undefined")
            if open_menu:
                page.locator("details.menu > summary").click()
            target = _committed(name) or SHOTS / f"readme-{name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target))
            assert target.stat().st_size > 10_000, "a real picture"
    finally:
        for context in contexts.values():
            context.close()
