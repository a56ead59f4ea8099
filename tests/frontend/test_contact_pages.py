"""The website's contact pages against the real registry and gateway, with a real SMTP server.

A buyer writes from a profile or from ticked catalogue results; the e-mail's link opens a page
whose button sends the message; the exporter reads it on its desk. In fr and ar, no JavaScript.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import asgi_client
from tests.frontend.conftest import create_account, csrf_from, site_app
from tests.support.databases import DatabaseFactory
from tests.support.http import http
from tests.support.mailbox import Inbox, smtp_server
from tests.support.stack import GENEROUS_LIMITS, running_stack
from tests.support.tokens import bearer
from tests.support.waiting import wait_until

PASSWORD = "correct horse battery"
PER_EMAIL = 3


@dataclass
class Contact:
    gateway: str
    inbox: Inbox


@pytest.fixture(scope="module")
def contact_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contact]:
    databases = DatabaseFactory(tmp_path_factory.mktemp("contact-db"))
    try:
        with smtp_server() as (inbox, port):
            env = {
                **GENEROUS_LIMITS,
                "REGISTRY_SMTP_HOST": "127.0.0.1",
                "REGISTRY_SMTP_PORT": str(port),
                "REGISTRY_OUTBOX_POLL_SECONDS": "0.2",
                "REGISTRY_CONTACT_PER_EMAIL_LIMIT": str(PER_EMAIL),
                "REGISTRY_CONTACT_PER_CLIENT_LIMIT": "1000",
            }
            logs = tmp_path_factory.mktemp("contact-logs")
            with running_stack(
                databases, logs, processes=("registry", "gateway"), demo=False, extra_env=env
            ) as s:
                yield Contact(gateway=s.gateway, inbox=inbox)
    finally:
        databases.drop_all()


@pytest.fixture
async def site(contact_platform: Contact) -> AsyncIterator[httpx.AsyncClient]:
    app = site_app(contact_platform.gateway)
    async with asgi_client(app) as client:
        yield client
    await app.state.gateway.close()


def new_exporter(gateway: str, **overrides: Any) -> dict[str, Any]:
    from tests.registry.conftest import exporter_payload

    serial = uuid.uuid4().int % 900_000
    body = exporter_payload(serial, email=f"sales-{serial}@example.ma", **overrides)
    created = http.post(
        f"{gateway}/api/registry/exporters", json=body, headers=bearer("organiser"), timeout=30
    )
    assert created.status_code == 201, created.text
    return {**created.json(), "email": body["email"]}


def typed(email: str, **overrides: str) -> dict[str, str]:
    return {
        "name": "Claire Martin",
        "email": email,
        "company": "Maison Martin",
        "country": "France",
        "message": "Bonjour, pouvez-vous m'envoyer vos prix pour 500 pièces ?",
        "website": "",
        **overrides,
    }


def mails(inbox: Inbox, address: str, count: int = 1) -> list[Any]:
    return wait_until(lambda: (found := inbox.to(address)) and len(found) >= count and found, 20)


def link(inbox: Inbox, address: str) -> str:
    (mail,) = mails(inbox, address)
    match = re.search(r"http://[^/\s]+(/contact/confirm/[A-Za-z0-9_-]+)", mail.get_content())
    assert match, mail.get_content()
    return match.group(1)


async def post_form(site: httpx.AsyncClient, page: str, action: str, data: dict[str, Any]) -> httpx.Response:
    csrf = csrf_from((await site.get(page)).text)
    return await site.post(action, data={"csrf_token": csrf, **data})


async def test_profile_form_opt_in_then_delivery_once(
    site: httpx.AsyncClient, contact_platform: Contact
) -> None:
    inbox = contact_platform.inbox
    exporter = new_exporter(contact_platform.gateway)
    profile = f"/exporters/{exporter['slug']}"
    html = (await site.get(profile)).text
    assert 'id="contact"' in html and exporter["email"] not in html  # private by default
    buyer = f"buyer-{uuid.uuid4().hex[:8]}@example.fr"
    sent = await post_form(site, profile, f"{profile}/contact", typed(buyer))
    assert sent.status_code == 303 and sent.headers["location"].startswith("/contact/sent")
    page = link(inbox, buyer)
    landing = await site.get(page)
    assert landing.status_code == 200 and "<form" in landing.text
    assert inbox.to(exporter["email"]) == []  # the link alone sends nothing (mail scanners)
    done = await post_form(site, page, page, {})
    assert done.status_code == 200 and 'id="contact-done"' in done.text
    (delivered,) = mails(inbox, exporter["email"])
    assert delivered["Reply-To"] == buyer and "500 pièces" in delivered.get_content()
    again = await post_form(site, page, page, {})
    assert again.status_code == 200 and 'id="contact-done"' in again.text
    other = new_exporter(contact_platform.gateway)  # a later message proves the worker went on
    sent = await post_form(
        site, f"/exporters/{other['slug']}", f"/exporters/{other['slug']}/contact", typed(buyer)
    )
    mails(inbox, buyer, 2)
    assert len(inbox.to(exporter["email"])) == 1


async def test_refused_fields_come_back_in_arabic_and_french(
    site: httpx.AsyncClient, contact_platform: Contact
) -> None:
    exporter = new_exporter(contact_platform.gateway)
    profile = f"/exporters/{exporter['slug']}"
    await site.get(profile, params={"lang": "ar"})
    bad = typed("not-an-address", message="court", country="Atlantide", name="")
    refused = await post_form(site, f"{profile}?lang=ar", f"{profile}/contact", bad)
    assert refused.status_code == 422
    assert "رسالتكم قصيرة جدًا" in refused.text and "Atlantide" in refused.text
    assert 'aria-invalid="true"' in refused.text and 'value="not-an-address"' in refused.text
    await site.get(profile, params={"lang": "fr"})
    refused = await post_form(site, profile, f"{profile}/contact", bad)
    assert "Votre message est trop court" in refused.text
    assert inbox_untouched(contact_platform.inbox, "not-an-address")


def inbox_untouched(inbox: Inbox, address: str) -> bool:
    return inbox.to(address) == []


async def test_honeypot_answers_like_success_and_sends_nothing(
    site: httpx.AsyncClient, contact_platform: Contact
) -> None:
    inbox = contact_platform.inbox
    exporter = new_exporter(contact_platform.gateway)
    profile = f"/exporters/{exporter['slug']}"
    robot = f"robot-{uuid.uuid4().hex[:8]}@example.fr"
    trapped = await post_form(
        site, profile, f"{profile}/contact", typed(robot, website="http://spam.example")
    )
    assert trapped.status_code == 303 and trapped.headers["location"].startswith("/contact/sent")
    human = f"human-{uuid.uuid4().hex[:8]}@example.fr"
    await post_form(site, profile, f"{profile}/contact", typed(human))
    mails(inbox, human)  # sent after the robot's: had the robot's been queued, it would be here
    assert inbox.to(robot) == []


async def test_the_limit_per_address_is_told_clearly(
    site: httpx.AsyncClient, contact_platform: Contact
) -> None:
    exporter = new_exporter(contact_platform.gateway)
    profile = f"/exporters/{exporter['slug']}"
    buyer = f"eager-{uuid.uuid4().hex[:8]}@example.fr"
    for _ in range(PER_EMAIL):
        assert (await post_form(site, profile, f"{profile}/contact", typed(buyer))).status_code == 303
    await site.get(profile, params={"lang": "ar"})
    refused = await post_form(site, profile, f"{profile}/contact", typed(buyer))
    assert refused.status_code == 429
    assert "محاولات كثيرة في وقت قصير" in refused.text
    assert f'value="{buyer}"' in refused.text  # what was typed comes back


async def test_an_rfq_from_ticked_results_reaches_both(
    site: httpx.AsyncClient, contact_platform: Contact
) -> None:
    inbox = contact_platform.inbox
    a = new_exporter(contact_platform.gateway, trade_name="Argane Souss RFQ")
    b = new_exporter(contact_platform.gateway, trade_name="Zellige Fès RFQ")
    catalogue = (await site.get("/exporters", params={"q": "RFQ"})).text
    assert 'form="rfq"' in catalogue and f'value="{a["slug"]}"' in catalogue
    page = f"/contact/rfq?to={a['slug']}&to={b['slug']}"
    html = (await site.get(page)).text
    assert "Argane Souss RFQ" in html and "Zellige Fès RFQ" in html
    buyer = f"rfq-{uuid.uuid4().hex[:8]}@example.fr"
    sent = await post_form(site, page, "/contact/rfq", {**typed(buyer), "to": [a["slug"], b["slug"]]})
    assert sent.status_code == 303, sent.text
    confirm = link(inbox, buyer)
    done = await post_form(site, confirm, confirm, {})
    assert "Argane Souss RFQ" in done.text and "Zellige Fès RFQ" in done.text
    for exporter in (a, b):
        (mail,) = mails(inbox, exporter["email"])
        assert "2 exportateurs" in mail.get_content()
    none = await post_form(site, "/contact/rfq", "/contact/rfq", typed(buyer))
    assert none.status_code == 422 and "Choisissez de 1 à 20" in none.text


async def test_a_wrong_or_expired_link_and_no_csrf(site: httpx.AsyncClient) -> None:
    page = "/contact/confirm/" + "a" * 43
    refused = await post_form(site, page, page, {})
    assert refused.status_code == 404
    assert (await site.get("/contact/confirm/short")).status_code == 404
    assert (await site.post(page, data={})).status_code == 403


async def test_the_desk_lists_received_requests_and_publishes_contact_on_choice(
    site: httpx.AsyncClient, contact_platform: Contact
) -> None:
    inbox = contact_platform.inbox
    exporter = new_exporter(contact_platform.gateway)
    account = f"owner-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(
        contact_platform.gateway,
        email=account,
        password=PASSWORD,
        role="exporter",
        exporter_id=exporter["id"],
    )
    profile = f"/exporters/{exporter['slug']}"
    buyer = f"desk-{uuid.uuid4().hex[:8]}@example.fr"
    await post_form(site, profile, f"{profile}/contact", typed(buyer, message="Demande pour le desk, merci."))
    confirm = link(inbox, buyer)
    await post_form(site, confirm, confirm, {})

    signed = await post_form(
        site, "/signin", "/signin", {"email": account, "password": PASSWORD, "next": "/desk"}
    )
    assert signed.status_code == 303
    desk = (await site.get("/desk", params={"lang": "fr"})).text
    assert "Demandes reçues" in desk and "Demande pour le desk, merci." in desk and buyer in desk
    assert f'value="{exporter["email"]}"' in desk  # its own address, though private
    form = {
        "city": "Casablanca",
        "email": exporter["email"],
        "phone": "+212522123456",
        "export_markets": "France",
        "show_contact": "on",
    }
    saved = await post_form(site, "/desk", "/desk/profile", form)
    assert saved.status_code == 303, saved.text
    assert exporter["email"] in (await site.get(profile)).text
    saved = await post_form(site, "/desk", "/desk/profile", {**form, "show_contact": ""})
    assert exporter["email"] not in (await site.get(profile)).text
