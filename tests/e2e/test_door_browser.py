"""The door on a phone (390×844), in Chromium: offline check-ins at two doors, the camera, sign-out.

Contexts here keep the site's Content-Security-Policy (no ``bypass_csp``): the door's scripts
are files from the site, and a CSP violation is a failure.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Site, local_only, screenshot
from tests.frontend.conftest import confirmed_rsvp, create_account, create_event
from tests.support.http import http
from tests.support.tokens import bearer

PASSWORD = "correct horse battery"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "fr-FR"}


class Door:
    """One door device: a browser context signed in as an organiser, on the event's check-in page."""

    def __init__(self, browser, site: Site, event_id: int, email: str) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(base_url=site.url, **PHONE)
        local_only(self.context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.event_id = event_id
        self.csp_errors: list[str] = []
        self.page.on(
            "console",
            lambda m: self.csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page = self.page
        page.goto(f"/desk/events/{event_id}/checkin")
        page.wait_for_url(re.compile(r"/signin"))
        page.fill("#f-email", email)
        page.fill("#f-password", PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(re.compile(rf"/desk/events/{event_id}/checkin"))
        self.wait_list()

    def wait_list(self) -> None:
        self.page.wait_for_function(
            "id => document.getElementById('door').dataset.ready === 'true'"
            " && localStorage.getItem('mim-door:list:' + id) !== null",
            arg=self.event_id,
        )

    def admit_by_name(self, query: str, rsvp_id: int) -> None:
        page = self.page
        page.fill("#f-q", query)
        page.locator(f'#door-results li[data-rsvp-id="{rsvp_id}"] form.door-admit button').click()
        page.wait_for_selector('#checkin-result [data-result="checked_in"]')
        page.wait_for_selector(f'#door-results li[data-rsvp-id="{rsvp_id}"] form.door-undo')

    def queued(self) -> str:
        return str(self.page.get_attribute("#door-status", "data-queued"))

    def count(self, name: str) -> str:
        return self.page.inner_text(f'#checkin-counts [data-count="{name}"]').strip()


@pytest.fixture
def organiser_email(site: Site) -> str:
    email = f"door-{uuid.uuid4().hex[:6]}@imperiales.ma"
    create_account(site.platform.gateway_url, email=email, password=PASSWORD, role="organiser")
    return email


def _guests(site: Site, event_id: int, count: int) -> list[dict]:  # type: ignore[type-arg]
    tag = uuid.uuid4().hex[:5]
    return [
        confirmed_rsvp(
            site.platform,
            event_id,
            {
                "name": f"Élodie Chraïbi {i:02d}{tag}",
                "email": f"elodie-{i}-{tag}@example.ma",
                "organisation": "Coopérative Tiwizi",
                "consent": True,
            },
        )
        | {"query": f"elodie chraibi {i:02d}{tag}"}
        for i in range(count)
    ]


def _server_counts(site: Site, event_id: int) -> dict:  # type: ignore[type-arg]
    url = f"{site.platform.gateway_url}/api/events/events/{event_id}/door/counts"
    return http.get(url, headers=bearer("organiser"), timeout=30).json()  # type: ignore[no-any-return]


def test_offline_check_ins_at_two_doors_sync_to_exact_counts(
    browser, site: Site, organiser_email: str
) -> None:  # type: ignore[no-untyped-def]
    event = create_event(site.platform.gateway_url, capacity=20, title="Morning hors ligne")
    guests = _guests(site, event["id"], 10)
    door_a = Door(browser, site, event["id"], organiser_email)
    door_b = Door(browser, site, event["id"], organiser_email)
    try:
        # The page shell is kept by the service worker: it opens again without the network.
        a = door_a.page
        a.wait_for_function("() => navigator.serviceWorker.controller !== null")
        a.reload()
        door_a.wait_list()
        door_a.context.set_offline(True)
        door_b.context.set_offline(True)
        a.reload()
        door_a.wait_list()
        a.wait_for_selector('#door-status[data-online="false"]')
        door_b.page.wait_for_selector('#door-status[data-online="false"]')

        for g in guests[:6]:  # door A: guests 0-5
            door_a.admit_by_name(g["query"], g["id"])
        for g in guests[4:]:  # door B: guests 4-9 (4 and 5 again, later)
            door_b.admit_by_name(g["query"], g["id"])
        assert (door_a.queued(), door_b.queued()) == ("6", "6")
        assert (door_a.count("checked_in"), door_a.count("remaining")) == ("6", "4")
        screenshot(a, "door-offline")
        # A second tap on the same guest at the same door: already checked in, not queued twice.
        a.fill("#f-q", guests[0]["query"])
        assert a.locator(f'#door-results li[data-rsvp-id="{guests[0]["id"]}"] form.door-admit').count() == 0
        assert _server_counts(site, event["id"])["checked_in"] == 0, "nothing reached the server offline"

        door_a.context.set_offline(False)
        a.wait_for_selector('#door-status[data-queued="0"]')
        door_b.context.set_offline(False)
        b = door_b.page
        b.wait_for_selector('#door-status[data-queued="0"]')
        # Door B checked guests 4 and 5 in after door A: the earliest check-in counts, B is told.
        conflicts = b.locator('#door-conflicts li[data-result="conflict"]')
        assert conflicts.count() == 2
        assert {conflicts.nth(i).get_attribute("data-rsvp-id") for i in range(2)} == {
            str(guests[4]["id"]),
            str(guests[5]["id"]),
        }
        assert a.locator("#door-conflicts li").count() == 0
        screenshot(b, "door-conflicts")
        assert _server_counts(site, event["id"]) == {"checked_in": 10, "expected": 10, "remaining": 0}
        b.wait_for_function(
            "() => document.querySelector('[data-count=\"checked_in\"]').textContent === '10'"
        )
        a.reload()
        a.wait_for_selector('#door[data-fresh="true"]')  # the kept copy shows first, then the server's
        assert (door_a.count("checked_in"), door_a.count("remaining")) == ("10", "0")
        assert door_a.csp_errors == [] and door_b.csp_errors == []
    finally:
        door_a.context.close()
        door_b.context.close()


def _y4m_of_qr(payload: str, path: Path, width: int = 640, height: int = 480) -> None:
    """A Y4M video (what Chromium's fake camera plays) showing the QR code, grayscale as I420."""
    import segno

    scale = 8
    rows = list(segno.make(payload, error="m").matrix_iter(scale=scale, border=4))
    size = len(rows)
    top, left = (height - size) // 2, (width - size) // 2
    luma = bytearray(b"\xeb" * (width * height))  # white (235 in video range)
    for y, row in enumerate(rows):
        start = (top + y) * width + left
        luma[start : start + size] = bytes(0x10 if dark else 0xEB for dark in row)
    chroma = b"\x80" * ((width // 2) * (height // 2))  # no colour
    frame = b"FRAME\n" + bytes(luma) + chroma + chroma
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame * 10)


def test_camera_scan_admits_the_guest_and_sign_out_wipes_the_list(  # type: ignore[no-untyped-def]
    browser, site: Site, organiser_email: str, tmp_path: Path
) -> None:
    event = create_event(site.platform.gateway_url, capacity=5, title="Morning caméra")
    guest = _guests(site, event["id"], 2)[0]
    video = tmp_path / "qr.y4m"
    _y4m_of_qr(f"MIM-CHECKIN:{guest['checkin_token']}", video)
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    # A browser of its own: the fake camera is chosen at launch (Playwright of the module's browser).
    camera = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    door = Door(camera, site, event["id"], organiser_email)
    try:
        page = door.page
        door.context.grant_permissions(["camera"])
        page.click("#door-scan-toggle")
        page.wait_for_selector('#checkin-result [data-result="checked_in"]', timeout=20_000)
        assert guest["name"] in page.inner_text("#checkin-result")
        screenshot(page, "door-camera")
        page.wait_for_selector('#door-status[data-queued="0"]')
        assert _server_counts(site, event["id"])["checked_in"] == 1
        page.click("#door-scan-toggle")  # the camera stops
        # The phone shows the time the server records, in Casablanca (not the browser's idea of it).
        search = f"{site.platform.gateway_url}/api/events/events/{event['id']}/door/search"
        found = http.get(search, params={"q": guest["query"]}, headers=bearer("organiser"), timeout=30)
        page.fill("#f-q", guest["query"])
        listed = page.locator(f'#door-results li[data-rsvp-id="{guest["id"]}"]')
        assert found.json()["results"][0]["checked_in_at_local"] in listed.inner_text()
        # Online, typing an e-mail (not kept on the phone) finds the guest through the server.
        page.fill("#f-q", "")
        page.fill("#f-q", guest["email"].split("@")[0])
        page.wait_for_selector(f'#door-results li[data-rsvp-id="{guest["id"]}"] form.door-undo')

        # Signing out leaves nothing of the guest list on the phone.
        assert page.evaluate("() => Object.keys(localStorage).some(k => k.startsWith('mim-door:'))")
        page.wait_for_function("async () => (await caches.keys()).includes('mim-door-v1')")
        with page.expect_response(re.compile(r"/signout$")) as signed_out:
            page.locator("form.signout button").click()
        assert signed_out.value.all_headers()["clear-site-data"] == '"cache", "storage"'
        page.wait_for_url(re.compile(r"/$"))
        assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('mim-door:'))") == []
        assert page.evaluate("async () => (await caches.keys()).filter(k => k.startsWith('mim-door'))") == []
        page.goto(f"/desk/events/{event['id']}/checkin")
        page.wait_for_url(re.compile(r"/signin"))
        assert door.csp_errors == []
    finally:
        door.context.close()
        camera.close()


def test_the_door_works_without_javascript_in_arabic(nojs_page, site: Site, organiser_email: str) -> None:  # type: ignore[no-untyped-def]
    page = nojs_page
    event = create_event(site.platform.gateway_url, capacity=2, title="Morning sans JS")
    guest = _guests(site, event["id"], 1)[0]
    page.goto(f"/desk/events/{event['id']}/checkin")
    page.wait_for_url(re.compile(r"/signin"))
    page.fill("#f-email", organiser_email)
    page.fill("#f-password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(rf"/desk/events/{event['id']}/checkin"))
    page.goto(f"/desk/events/{event['id']}/checkin?lang=ar")
    assert page.locator("#door-scan").is_hidden(), "no camera button without JavaScript"

    page.fill("#f-q", guest["query"])  # typed without accents
    page.locator("#door-search-form button").click()
    page.locator(f'#door-results li[data-rsvp-id="{guest["id"]}"] form.door-admit button').click()
    page.wait_for_selector('[data-result="checked_in"]')
    page.fill("#f-q", guest["query"])
    page.locator("#door-search-form button").click()
    page.locator(f'#door-results li[data-rsvp-id="{guest["id"]}"] form.door-undo button').click()
    assert "أُلغي تسجيل الدخول" in page.inner_text('[data-result="undone"]')
    assert _server_counts(site, event["id"])["checked_in"] == 0

    page.locator("#door-walk-in summary").click()
    page.fill("#f-walk-name", "Karim\u202e")
    page.fill("#f-walk-org", "OCP")
    page.locator("#door-walk-in-form button").click()
    assert "يرجى إدخال اسم الضيف" in page.inner_text("#walk-in-error")
    assert page.input_value("#f-walk-org") == "OCP", "what was typed stays"
    page.fill("#f-walk-name", "Youssef Alaoui")
    page.locator("#door-walk-in-form button").click()
    assert "Youssef Alaoui" in page.inner_text('[data-result="checked_in"]')
    page.locator("#door-walk-in summary").click()
    page.fill("#f-walk-name", "سارة الإدريسي")
    page.locator("#door-walk-in-form button").click()
    assert "لا توجد مقاعد شاغرة" in page.inner_text("#walk-in-error")
    screenshot(page, "door-nojs-ar")
    assert _server_counts(site, event["id"]) == {"checked_in": 1, "expected": 2, "remaining": 1}
