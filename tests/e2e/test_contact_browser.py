"""A buyer reaches exporters in Chromium: the profile's form in fr and ar, an RFQ from ticked
catalogue results, SMTP down then up, the honeypot and the limit, a second click, the desk.

Real processes (registry with its outbox worker, gateway, website) and a real SMTP server
(aiosmtpd) that this module stops and starts again on the same port.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy

from tests.e2e.conftest import CHROMIUM_ARGS, local_only, screenshot  # noqa: F401  (CHROMIUM_ARGS: same browser)
from tests.frontend.conftest import create_account
from tests.support.databases import DatabaseFactory
from tests.support.http import http
from tests.support.mailbox import Inbox, smtp_server
from tests.support.servers import free_port
from tests.support.stack import GENEROUS_LIMITS, running_stack
from tests.support.tokens import bearer
from tests.support.waiting import wait_until

PASSWORD = "correct horse battery"
PER_EMAIL = 3
MAIL_WAIT = 30


class Mailbox:
    """An SMTP server that can go down and come back on the same port, keeping what it got."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self._running: AbstractContextManager[Any] | None = None

    def up(self) -> None:
        self._running = smtp_server(self.inbox, self.port)
        self._running.__enter__()

    def down(self) -> None:
        if self._running is not None:
            self._running.__exit__(None, None, None)
            self._running = None

    def mails(self, address: str, count: int = 1) -> list[Any]:
        return wait_until(
            lambda: (found := self.inbox.to(address)) and len(found) >= count and found,
            MAIL_WAIT,
            message=f"{count} e-mail(s) to {address}",
        )

    def link(self, address: str) -> str:
        mail = self.mails(address)[-1]
        match = re.search(r"http://[^/\s]+(/contact/confirm/[A-Za-z0-9_-]+)", mail.get_content())
        assert match, mail.get_content()
        return match.group(1)


@dataclass
class World:
    site: str
    gateway: str
    registry_db: str
    mailbox: Mailbox


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    databases = DatabaseFactory(tmp_path_factory.mktemp("contact-e2e-db"))
    mailbox = Mailbox()
    mailbox.up()
    env = {
        **GENEROUS_LIMITS,
        "REGISTRY_SMTP_HOST": "127.0.0.1",
        "REGISTRY_SMTP_PORT": str(mailbox.port),
        "REGISTRY_OUTBOX_POLL_SECONDS": "0.2",
        "REGISTRY_OUTBOX_BACKOFF_BASE_SECONDS": "0.2",
        "REGISTRY_OUTBOX_BACKOFF_MAX_SECONDS": "1",
        "REGISTRY_CONTACT_PER_EMAIL_LIMIT": str(PER_EMAIL),
        "REGISTRY_CONTACT_PER_CLIENT_LIMIT": "1000",
    }
    try:
        logs = tmp_path_factory.mktemp("contact-e2e-logs")
        with running_stack(
            databases, logs, processes=("registry", "gateway", "frontend"), demo=False, extra_env=env
        ) as stack:
            yield World(stack.frontend, stack.gateway, stack.database_urls["registry"], mailbox)
    finally:
        mailbox.down()
        databases.drop_all()


@pytest.fixture
def page(browser, world: World) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=world.site, bypass_csp=True, locale="fr-FR")
    local_only(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def new_exporter(world: World, trade_name: str) -> dict[str, Any]:
    from tests.registry.conftest import exporter_payload

    serial = uuid.uuid4().int % 900_000
    email = f"sales-{serial}@example.ma"
    body = exporter_payload(serial, trade_name=trade_name, email=email)
    created = http.post(
        f"{world.gateway}/api/registry/exporters", json=body, headers=bearer("organiser"), timeout=30
    )
    assert created.status_code == 201, created.text
    return {**created.json(), "email": email}


def fill(
    page: Any, email: str, message: str, *, name: str = "Claire Martin", country: str = "France"
) -> None:
    page.fill("#f-name", name)
    page.fill("#f-email", email)
    page.fill("#f-company", "Maison Martin")
    page.fill("#f-country", country)
    page.fill("#f-message", message)


def outbox_attempts(world: World, kind: str) -> int:
    """How often the registry's worker has tried its latest message of ``kind`` (read from its database)."""
    engine = sqlalchemy.create_engine(world.registry_db.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            row = connection.execute(
                sqlalchemy.text(
                    "SELECT attempts, status FROM contact_outbox WHERE kind = :kind ORDER BY id DESC"
                ),
                {"kind": kind},
            ).first()
            return int(row[0]) if row and row[1] == "pending" else 0
    finally:
        engine.dispose()


def confirm_in_browser(page: Any, path: str, button: str) -> None:
    page.goto(path)
    page.get_by_role("button", name=button).click()
    page.wait_for_selector("#contact-done")


def test_contact_an_exporter_in_french_then_arabic_and_click_twice(page: Any, world: World) -> None:
    mailbox = world.mailbox
    exporter = new_exporter(world, "Zellige Fès Navigateur")
    profile = f"/exporters/{exporter['slug']}"
    cases = [
        ("fr", "Envoyer mon message", "Bonjour, quel est votre prix pour 200 m² de zellige ?"),
        ("ar", "إرسال رسالتي", "مرحبًا، ما سعر 200 متر مربع من الزليج؟"),
    ]
    for count, (lang, button, message) in enumerate(cases, start=1):
        buyer = f"buyer-{lang}-{uuid.uuid4().hex[:6]}@example.fr"
        page.goto(f"{profile}?lang={lang}")
        assert exporter["email"] not in page.content()  # the address stays private
        fill(page, buyer, message, country="فرنسا" if lang == "ar" else "France")
        page.locator("#contact").get_by_role("button", name=button).click()
        page.wait_for_url(re.compile(r"/contact/sent"))
        assert page.locator("#contact-sent").is_visible()
        screenshot(page, f"contact-sent-{lang}")
        (confirmation,) = mailbox.mails(buyer)
        assert confirmation["Content-Language"] == lang
        link = mailbox.link(buyer)
        assert len(mailbox.inbox.to(exporter["email"])) == count - 1  # nothing before the click
        confirm_in_browser(page, link, button)
        screenshot(page, f"contact-done-{lang}")
        delivered = mailbox.mails(exporter["email"], count)[-1]
        assert delivered["Reply-To"] == buyer and message in delivered.get_content()
        confirm_in_browser(page, link, button)  # the second click: the same page, nothing more sent
    # Every message queued after the second clicks has arrived: a duplicate would be here too.
    assert len(mailbox.inbox.to(exporter["email"])) == 2


def test_an_rfq_to_two_exporters_ticked_in_the_catalogue(page: Any, world: World) -> None:
    mailbox = world.mailbox
    tag = uuid.uuid4().hex[:6]
    first = new_exporter(world, f"Argane Souss {tag}")
    second = new_exporter(world, f"Cuir Fès {tag}")
    page.goto(f"/exporters?q={tag}")
    for exporter in (first, second):
        page.locator(f"#rfq-{exporter['slug']}").check()
    page.wait_for_load_state("networkidle")  # the search re-runs on each tick; the ticks stay
    assert page.locator(f"#rfq-{first['slug']}").is_checked()
    page.get_by_role("button", name="Demander un devis aux exportateurs cochés").click()
    page.wait_for_url(re.compile(r"/contact/rfq\?"))
    assert f"Argane Souss {tag}" in page.content() and f"Cuir Fès {tag}" in page.content()
    buyer = f"rfq-{tag}@example.fr"
    fill(page, buyer, "Devis pour 1 000 pièces par mois, livraison Marseille.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url(re.compile(r"/contact/sent"))
    confirm_in_browser(page, mailbox.link(buyer), "Envoyer mon message")
    for exporter in (first, second):
        (mail,) = mailbox.mails(exporter["email"])
        assert "2 exportateurs" in mail.get_content() and mail["Reply-To"] == buyer


def test_smtp_down_then_up_loses_nothing(page: Any, world: World) -> None:
    mailbox = world.mailbox
    exporter = new_exporter(world, "Tapis Atlas Panne")
    buyer = f"patient-{uuid.uuid4().hex[:6]}@example.fr"
    mailbox.down()
    try:
        page.goto(f"/exporters/{exporter['slug']}")
        fill(page, buyer, "Message écrit pendant que le serveur de mail est arrêté.")
        page.locator("#contact").get_by_role("button", name="Envoyer mon message").click()
        page.wait_for_url(re.compile(r"/contact/sent"))
        wait_until(lambda: outbox_attempts(world, "contact_confirm") >= 2, MAIL_WAIT, message="retries")
    finally:
        mailbox.up()
    link = mailbox.link(buyer)
    mailbox.down()
    try:
        confirm_in_browser(page, link, "Envoyer mon message")
        wait_until(lambda: outbox_attempts(world, "contact_message") >= 2, MAIL_WAIT, message="retries")
        assert mailbox.inbox.to(exporter["email"]) == []
    finally:
        mailbox.up()
    (delivered,) = mailbox.mails(exporter["email"])
    assert "pendant que le serveur de mail est arrêté" in delivered.get_content()


def test_the_honeypot_is_quiet_and_the_limit_is_clear(page: Any, world: World) -> None:
    mailbox = world.mailbox
    exporter = new_exporter(world, "Huile Argan Limite")
    profile = f"/exporters/{exporter['slug']}"
    robot = f"robot-{uuid.uuid4().hex[:6]}@example.fr"
    page.goto(profile)
    fill(page, robot, "Achetez nos liens, offre exceptionnelle aujourd'hui.")
    page.locator("#f-website").evaluate("input => { input.value = 'http://spam.example' }")
    page.locator("#contact").get_by_role("button", name="Envoyer mon message").click()
    page.wait_for_url(re.compile(r"/contact/sent"))  # answered like any request
    eager = f"eager-{uuid.uuid4().hex[:6]}@example.fr"
    for _ in range(PER_EMAIL):
        page.goto(profile)
        fill(page, eager, "Bonjour, je relance ma demande de prix.")
        page.locator("#contact").get_by_role("button", name="Envoyer mon message").click()
        page.wait_for_url(re.compile(r"/contact/sent"))
    mailbox.mails(eager, PER_EMAIL)  # queued after the robot's: the robot's would be here already
    assert mailbox.inbox.to(robot) == []
    page.goto(f"{profile}?lang=ar")
    fill(page, eager, "مرحبًا، أعيد طلب السعر مرة أخرى.")
    page.locator("#contact").get_by_role("button", name="إرسال رسالتي").click()
    alert = page.locator("#contact [role=alert]")
    assert "محاولات كثيرة في وقت قصير" in alert.inner_text()
    assert page.input_value("#f-email") == eager  # what was typed comes back
    screenshot(page, "contact-limit-ar")


def test_the_exporter_desk_lists_received_requests(page: Any, world: World) -> None:
    mailbox = world.mailbox
    exporter = new_exporter(world, "Céramique Safi Bureau")
    account = f"owner-{uuid.uuid4().hex[:6]}@example.ma"
    create_account(
        world.gateway, email=account, password=PASSWORD, role="exporter", exporter_id=exporter["id"]
    )
    buyer = f"desk-{uuid.uuid4().hex[:6]}@example.fr"
    page.goto(f"/exporters/{exporter['slug']}")
    fill(page, buyer, "Nous voulons 300 tajines décorés pour juin.", name="Jean Dupont")
    page.locator("#contact").get_by_role("button", name="Envoyer mon message").click()
    page.wait_for_url(re.compile(r"/contact/sent"))
    confirm_in_browser(page, mailbox.link(buyer), "Envoyer mon message")
    page.goto("/signin?next=/desk")
    page.fill("#f-email", account)
    page.fill("#f-password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/desk"))
    received = page.locator("#received")
    assert "Nous voulons 300 tajines décorés pour juin." in received.inner_text()
    assert "Jean Dupont" in received.inner_text() and buyer in received.inner_text()
    screenshot(page, "desk-requests-received")
