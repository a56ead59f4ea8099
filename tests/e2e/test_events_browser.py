"""RSVP, waitlist promotion, check-in and labels in a real browser, with and without JavaScript."""

from __future__ import annotations

import re
import uuid

from tests.e2e.conftest import Site, local_only, screenshot, wait_htmx
from tests.events.conftest import manage_tokens_in
from tests.frontend.conftest import confirmed_rsvp, create_account, create_event, demo_label

PASSWORD = "correct horse battery"


def _fill_rsvp(page, name: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#f-name", name)
    page.fill("#f-email", email)
    page.fill("#f-organisation", "Les Impériales")
    page.check('input[name="consent"]')


def _confirm_from_mailbox(page, site: Site, event_id: int, email: str) -> str:  # type: ignore[no-untyped-def]
    """The visitor is told to check their inbox; the e-mailed link (token from the database) confirms."""
    page.wait_for_url(re.compile(rf"/events/{event_id}\?rsvp=sent"))
    assert "Vérifiez votre boîte de réception" in page.inner_text("main")
    token = manage_tokens_in(site.platform.events_database_url, event_id)[email]
    page.goto(f"/rsvps/{token}")
    page.locator("#confirm-rsvp").click()
    page.wait_for_url(re.compile(r"/rsvps/[^/?]+\?new=1"))
    return f"/rsvps/{token}"


def test_full_rsvp_with_inline_validation_cancel_and_promotion(page, other_page, site: Site) -> None:  # type: ignore[no-untyped-def]
    event = create_event(site.platform.gateway_url, capacity=1, title="Morning navigateur")
    tag = uuid.uuid4().hex[:6]
    page.goto(f"/events/{event['id']}")
    wait_htmx(page)
    page.fill("#f-email", "pas-un-email")
    page.locator("#f-email").blur()
    page.wait_for_selector("#err-email .field-error")
    screenshot(page, "event-rsvp-inline-error")
    page.fill("#f-email", f"amina-{tag}@example.ma")
    page.locator("#f-email").blur()
    page.wait_for_function("() => !document.querySelector('#err-email .field-error')")
    _fill_rsvp(page, "Amina Bennani", f"amina-{tag}@example.ma")
    page.get_by_role("button", name="Réserver ma place").click()
    _confirm_from_mailbox(page, site, event["id"], f"amina-{tag}@example.ma")
    assert "Votre place est confirmée" in page.content()
    manage_link = page.locator("#manage-link").get_attribute("href")
    assert manage_link and "/rsvps/" in manage_link
    screenshot(page, "rsvp-confirmed")

    other_page.goto(f"/events/{event['id']}")
    wait_htmx(other_page)
    _fill_rsvp(other_page, "Youssef Alaoui", f"youssef-{tag}@example.ma")
    other_page.get_by_role("button", name="Réserver ma place").click()
    _confirm_from_mailbox(other_page, site, event["id"], f"youssef-{tag}@example.ma")
    assert "liste d'attente" in other_page.inner_text("main")
    waitlisted_url = other_page.url.split("?")[0]

    page.goto(manage_link)
    page.locator("#cancel-link").click()  # two steps: the question, then the answer
    page.wait_for_url(re.compile(r"/cancel$"))
    page.locator("#cancel-rsvp").click()
    page.wait_for_url(re.compile(r"cancelled=1"))
    assert "annulée" in page.inner_text("main")
    other_page.goto(waitlisted_url)
    assert other_page.locator(".status-confirmed").count() == 1, "promoted from the waiting list"
    screenshot(other_page, "rsvp-promoted")


def test_rsvp_works_without_javascript(nojs_page, site: Site) -> None:  # type: ignore[no-untyped-def]
    page = nojs_page
    event = create_event(site.platform.gateway_url, capacity=5, title="Morning sans JS")
    page.goto(f"/events/{event['id']}")
    page.get_by_role("button", name="Réserver ma place").click()
    page.wait_for_selector(".field-error")
    assert page.locator('[aria-invalid="true"]').count() >= 2
    email = f"nadia-{uuid.uuid4().hex[:6]}@example.ma"
    _fill_rsvp(page, "Nadia Tazi", email)
    page.get_by_role("button", name="Réserver ma place").click()
    _confirm_from_mailbox(page, site, event["id"], email)
    assert "Votre place est confirmée" in page.inner_text("main")


def test_check_in_by_token_on_a_phone(browser, site: Site) -> None:  # type: ignore[no-untyped-def]
    gw = site.platform.gateway_url
    event = create_event(gw, capacity=5, title="Morning accueil")
    rsvp = confirmed_rsvp(
        site.platform,
        event["id"],
        {"name": "Karim Idrissi", "email": f"karim-{uuid.uuid4().hex[:6]}@example.ma", "consent": True},
    )
    email = f"door-{uuid.uuid4().hex[:6]}@imperiales.ma"
    create_account(gw, email=email, password=PASSWORD, role="organiser")
    context = browser.new_context(
        base_url=site.url,
        bypass_csp=True,
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
    )
    local_only(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/desk/events/{event['id']}/checkin")
        page.wait_for_url(re.compile(r"/signin"))
        page.fill("#f-email", email)
        page.fill("#f-password", PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(re.compile(rf"/desk/events/{event['id']}/checkin"))
        wait_htmx(page)
        page.fill("#f-token", rsvp["checkin_token"])
        page.keyboard.press("Enter")
        page.wait_for_selector('[data-result="checked_in"]')
        assert page.evaluate("() => document.activeElement.id") == "f-token", "ready for the next guest"
        screenshot(page, "checkin-phone")
        page.fill("#f-token", rsvp["checkin_token"])
        page.keyboard.press("Enter")
        page.wait_for_selector('[data-result="already_checked_in"]')
    finally:
        context.close()


def test_label_verification_shows_each_status(page, site: Site) -> None:  # type: ignore[no-untyped-def]
    active = demo_label(site.platform.gateway_url, "active")
    suspended = demo_label(site.platform.gateway_url, "suspended")
    page.goto(f"/labels/{active}")
    assert page.locator('[data-verdict="active"]').count() == 1
    screenshot(page, "label-active")
    page.goto("/labels")
    wait_htmx(page)
    page.fill("#number", suspended.lower())
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_selector('[data-verdict="suspended"]')
    page.wait_for_url(re.compile(rf"/labels/{suspended}$"))
    screenshot(page, "label-suspended")
