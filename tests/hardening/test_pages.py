"""XSS payloads entered through the API come back escaped on every website page that shows them.

HTML checks over plain HTTP for every page, and one page in a real browser
(Chromium): no payload runs, not even with the Content-Security-Policy bypassed.
"""

from __future__ import annotations

import re

import httpx
import pytest

from tests.e2e.conftest import local_only
from tests.hardening.conftest import PASSWORD, Callers, make_callers
from tests.hardening.world import World, unique
from tests.support.http import http
from tests.support.servers import RunningServer
from tests.support.stack import Stack
from tests.support.tokens import bearer
from tests.support.tools import require_tool

CHROMIUM = "/usr/bin/chromium"
# Each payload sets a flag if it ever runs; the raw markup must never reach a page.
RUNS = "window.__xss=(window.__xss||0)+1"
PAYLOADS = [
    f"<script>{RUNS}</script>",
    f'"><img src=x onerror="{RUNS}">',
    f"'><svg onload={RUNS}>",
    f"</title></textarea><iframe srcdoc='<script>{RUNS}</script>'>",
]
RAW = re.compile(r"<script>window\.__xss|<img src=x onerror|<svg onload|<iframe srcdoc")


@pytest.fixture(scope="module")
def site(shared_stack: Stack, shared_frontend: RunningServer) -> Stack:
    """The worker's shared platform and website: the hostile records are this module's own
    (a unique marker in their names) and every page checked is one of theirs."""
    return shared_stack


@pytest.fixture(scope="module")
def hostile(site: Stack) -> dict[str, object]:
    """Catalogue and event records whose every free text is an XSS payload."""
    with httpx.Client(base_url=site.gateway, timeout=30) as gw:
        callers: Callers = make_callers(gw)
        world = World(gw, callers, events_database_url=site.database_urls["events"])
        p = PAYLOADS
        marker = unique("zqxss").replace("-", "")
        exporter = gw.post(
            "/api/registry/exporters",
            json=world.exporter_body(
                legal_name=p[0],
                trade_name=f"{p[1]} {marker}",
                description_fr=" ".join(p),
                description_en=" ".join(p),
                description_ar=" ".join(p),
                city=p[2][:100],
                memberships=[p[0][:80]],
                certifications=[{"name": p[2][:120], "issuer": p[0][:120]}],
            ),
            headers=world.admin,
        )
        assert exporter.status_code == 201, exporter.text
        slug = exporter.json()["slug"]
        product = gw.post(
            f"/api/registry/exporters/{slug}/products",
            json=world.product_body(
                name_fr=p[0], name_en=p[1], description_fr=" ".join(p), capacity=p[2][:120]
            ),
            headers=world.admin,
        )
        assert product.status_code == 201, product.text
        event_id = world.new_event(
            title={"fr": p[0], "en": p[1], "ar": p[2]},
            theme={"fr": p[1]},
            description={"fr": " ".join(p)},
            venue=p[3],
            city=p[2][:100],
            speakers=[
                {"name": p[0], "role": p[1], "organisation": p[2], "exporter_id": exporter.json()["id"]}
            ],
            panels=[{"title": {"fr": p[3]}, "speakers": [{"name": p[1]}]}],
            partners=[{"name": p[0]}],
        )
        rsvp = world.new_rsvp(event_id, name=p[0], organisation=p[1])
        return {
            "slug": slug,
            "product_id": product.json()["id"],
            "event_id": event_id,
            "manage": rsvp["manage_token"],
            "organiser": callers.passwords["organiser"],
            "marker": marker,
        }


def _assert_escaped(response: httpx.Response, *, expect_payload: bool = True) -> None:
    assert response.status_code in (200, 404, 422), (response.request.url, response.status_code)
    assert response.headers["content-type"].startswith("text/html"), response.headers
    html = response.text
    found = RAW.search(html)
    assert found is None, (
        f"{response.request.url}: unescaped payload …{html[max(0, found.start() - 80) : found.end() + 80]}…"
    )
    if expect_payload:
        assert (
            "&lt;script&gt;window.__xss" in html
            or "&lt;img src=x onerror" in html
            or "&lt;svg onload" in html
        ), f"{response.request.url}: the payload is not shown at all, so escaping is not proven"


def _page_showing(
    gateway: str, event_id: object, *, path: str, when: str, per_page: int, **headers: str
) -> str:
    """The page of a website event list (``path``) that shows the event: the shared stack holds
    other tests' events too, and the lists are in date order."""
    page = 1
    while True:
        listed = http.get(
            f"{gateway}/api/events/events",
            params={"when": when, "page": page, "per_page": per_page},
            headers=headers,
            timeout=30,
        )
        assert listed.status_code == 200, listed.text
        items = listed.json()["items"]
        assert items, f"event {event_id} is in no page of {path}"
        if any(item["id"] == event_id for item in items):
            return f"{path}?page={page}"
        page += 1


def _events_page_of(gateway: str, event_id: object) -> str:
    from frontend.pages.events import PER_PAGE

    return _page_showing(gateway, event_id, path="/events", when="upcoming", per_page=PER_PAGE)


def _desk_page_of(gateway: str, event_id: object) -> str:
    from frontend.pages.desk.events import PER_PAGE

    staff = bearer("organiser", sub="account:hardening-pages")
    return _page_showing(gateway, event_id, path="/desk", when="all", per_page=PER_PAGE, **staff)


def test_every_public_page_escapes_the_payloads(site: Stack, hostile: dict[str, object]) -> None:
    pages = [
        f"/exporters/{hostile['slug']}",
        f"/products/{hostile['product_id']}",
        f"/events/{hostile['event_id']}",
        _events_page_of(site.gateway, hostile["event_id"]),
        f"/rsvps/{hostile['manage']}",
        f"/exporters?q={hostile['marker']}",
    ]
    with httpx.Client(base_url=site.frontend, timeout=30) as client:
        for lang in ("fr", "en", "ar"):
            for path in pages:
                sep = "&" if "?" in path else "?"
                _assert_escaped(client.get(f"{path}{sep}lang={lang}"))
            # The HTMX fragment of the search gets the same escaping.
            _assert_escaped(
                client.get(
                    "/exporters",
                    params={"q": hostile["marker"], "lang": lang},
                    headers={"HX-Request": "true"},
                )
            )


def test_reflected_input_is_escaped(site: Stack) -> None:
    with httpx.Client(base_url=site.frontend, timeout=30, follow_redirects=True) as client:
        for payload in PAYLOADS:
            _assert_escaped(client.get("/exporters", params={"q": payload[:200]}), expect_payload=False)
            _assert_escaped(client.get("/labels", params={"number": payload[:60]}), expect_payload=False)
            _assert_escaped(client.get("/signin", params={"next": payload}), expect_payload=False)


def test_organiser_desk_escapes_guest_input(site: Stack, hostile: dict[str, object]) -> None:
    with httpx.Client(base_url=site.frontend, timeout=30, follow_redirects=False) as client:
        form = client.get("/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        assert token, form.text[:2000]
        signed_in = client.post(
            "/signin",
            data={"email": hostile["organiser"], "password": PASSWORD, "csrf_token": token.group(1)},
        )
        assert signed_in.status_code == 303, signed_in.text[:2000]
        _assert_escaped(client.get(_desk_page_of(site.gateway, hostile["event_id"])))
        desk = client.get(f"/desk/events/{hostile['event_id']}")
        _assert_escaped(desk)
        _assert_escaped(client.get(f"/desk/events/{hostile['event_id']}/edit"))


def test_no_payload_runs_in_a_real_browser(site: Stack, hostile: dict[str, object]) -> None:
    from playwright.sync_api import sync_playwright

    chromium = require_tool(CHROMIUM, "Chromium")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic"]
        )
        try:
            # CSP bypassed on purpose: escaping alone must keep the page safe.
            context = browser.new_context(base_url=site.frontend, bypass_csp=True, java_script_enabled=True)
            local_only(context)
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in (f"/exporters/{hostile['slug']}", f"/events/{hostile['event_id']}"):
                page.goto(path, wait_until="load")
                page.wait_for_timeout(300)
                assert page.evaluate("window.__xss || 0") == 0, path
                assert page.locator("iframe").count() == 0 and page.locator("img[src=x]").count() == 0
                assert PAYLOADS[0] in page.inner_text("body"), "the payload shows as text"
            assert dialogs == []
            context.close()
        finally:
            browser.close()
