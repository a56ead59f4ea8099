"""A Morning from start to end, in Chromium (#16 "Done when").

The organiser writes the Morning in the desk (programme, speakers, a map) and publishes it; guests
RSVP on the website and confirm from the link in their mailbox (a real SMTP server, aiosmtpd); the
e-mail worker (``mim events-worker``) sends the reminder with the QR code and the calendar file;
the organiser moves the Morning by an hour in the desk and every guest gets the calendar file
again, same UID, higher SEQUENCE; two door phones go offline, check ten guests in (two of them at
both doors), come back and sync to exact counts; once the Morning is over, the desk shows the
no-shows.

Two jumps in time, made in the events database because a test cannot wait weeks: the
RSVP e-mails are dated three weeks back (so the guests are due a reminder), and at the end the
Morning is set to have taken place this morning.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy

from services.common.db import make_sync_engine
from services.common.models import UTCDateTime
from services.events.calendar import UID_DOMAIN
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Site, local_only, screenshot
from tests.e2e.test_door_browser import Door
from tests.events.itip import calendar_part, ics_of, with_icalendar
from tests.frontend.conftest import Platform, confirmed_rsvp, create_account
from tests.support.databases import DatabaseFactory
from tests.support.http import http
from tests.support.mailbox import Inbox, smtp_server
from tests.support.servers import RunningServer, start_process
from tests.support.stack import GENEROUS_LIMITS, running_stack
from tests.support.tokens import bearer
from tests.support.waiting import wait_until

PASSWORD = "correct horse battery"
CASABLANCA = ZoneInfo("Africa/Casablanca")
GUESTS_ONLINE = 3  # through the website's form, confirmed from the mailbox
GUESTS = 12  # the others through the API, as the door test does
PHOTO = "https://images.example.ma/speakers/nadia.jpg"


class Morning:
    def __init__(self, site: Site, inbox: Inbox, stack_env: dict[str, str]) -> None:
        self.site = site
        self.inbox = inbox
        self.env = stack_env

    @property
    def events_db(self) -> str:
        return self.site.platform.events_database_url

    def sql(self, statement: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
        query = sqlalchemy.text(statement)
        for name, value in params.items():  # times as the service stores them (UTC; naive on SQLite)
            if isinstance(value, datetime):
                query = query.bindparams(sqlalchemy.bindparam(name, value, type_=UTCDateTime()))
        engine = make_sync_engine(self.events_db)
        try:
            with engine.begin() as connection:
                result = connection.execute(
                    query, {k: v for k, v in params.items() if not isinstance(v, datetime)}
                )
                return [tuple(r) for r in result] if result.returns_rows else []
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def morning(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Morning]:
    """A platform of its own whose e-mail worker delivers to an SMTP server here."""
    databases = DatabaseFactory(tmp_path_factory.mktemp("morning-db"))
    logs = tmp_path_factory.mktemp("morning-logs")
    worker: RunningServer | None = None
    try:
        with smtp_server() as (inbox, smtp_port):
            env = {
                **GENEROUS_LIMITS,
                "EVENTS_SMTP_HOST": "127.0.0.1",
                "EVENTS_SMTP_PORT": str(smtp_port),
                "EVENTS_OUTBOX_POLL_SECONDS": "0.2",
                # The Morning is in twenty days: reminders go three weeks before.
                "EVENTS_REMINDER_BEFORE": "P21D",
                "EVENTS_REMINDER_POLL_SECONDS": "0.2",
            }
            with running_stack(databases, logs, extra_env=env) as stack:
                worker = start_process(
                    "events-worker", env=stack.env, log_dir=logs, argv=["events-worker"], wait=False
                )
                platform = Platform(
                    gateway_url=stack.gateway, events_database_url=stack.database_urls["events"]
                )
                yield Morning(Site(stack.frontend, platform), inbox, stack.env)
                assert worker.process.poll() is None, worker.log()[-3000:]
    finally:
        if worker is not None:
            worker.stop()
        databases.drop_all()


@pytest.fixture(scope="module")
def browser() -> Iterator:  # type: ignore[type-arg]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _local(moment: datetime) -> str:
    return moment.astimezone(CASABLANCA).strftime("%Y-%m-%dT%H:%M")


def _sign_in(page, email: str, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_url(re.compile(r"/signin"))
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(re.escape(url)))


def _write_the_morning(page, starts: datetime) -> int:  # type: ignore[no-untyped-def]
    """The organiser's desk, by hand: the Morning, its programme, two speakers, a partner."""
    fields = {
        "#f-title_fr": "Morning du Made in Morocco",
        "#f-title_ar": "لقاء صنع في المغرب",
        "#f-theme_fr": "Accélérer le climat des affaires",
        "#f-starts_at": _local(starts),
        "#f-ends_at": _local(starts + timedelta(hours=2)),
        "#f-venue": "Hôtel Atlas",
        "#f-city": "Casablanca",
        "#f-latitude": "33.5731",
        "#f-longitude": "-7.5898",
        "#f-capacity": "30",
        "#f-panel-0-title_fr": "Financer l'export",
        "#f-panel-0-title_ar": "تمويل التصدير",
        "#f-panel-0-starts": "09:00",
        "#f-panel-0-ends": "09:45",
        "#f-speaker-0-name": "Nadia Benjelloun",
        "#f-speaker-0-role_fr": "Directrice export",
        "#f-speaker-0-role_ar": "مديرة التصدير",
        "#f-speaker-0-photo_url": PHOTO,
        "#f-partner-0-name": "ASMEX",
        "#f-partner-0-url": "https://www.asmex.org",
    }
    for selector, value in fields.items():
        page.fill(selector, value)
    # One more speaker: the button re-renders the form with a new row, keeping what was typed.
    page.get_by_role("button", name="Ajouter un intervenant").click()
    page.wait_for_selector("#f-speaker-1-name")
    assert page.input_value("#f-speaker-0-photo_url") == PHOTO
    page.fill("#f-speaker-1-name", "Omar Tazi")
    page.fill("#f-speaker-1-role_fr", "Délégué régional, ASMEX")
    page.select_option("#f-speaker-1-panel", "1")
    page.locator("#save-event").click()
    page.wait_for_url(re.compile(r"/desk/events/\d+\?done=created"))
    event_id = int(re.search(r"/desk/events/(\d+)", page.url).group(1))  # type: ignore[union-attr]
    page.get_by_role("button", name="Publier").click()
    page.wait_for_url(re.compile(rf"/desk/events/{event_id}\?done=published"))
    return event_id


def _mail_to(inbox: Inbox, address: str, subject: str) -> EmailMessage:
    found = wait_until(lambda: inbox.to(address, subject), 30, message=f"{subject!r} to {address}")
    assert len(found) == 1, [m["Subject"] for m in found]
    return found[0]


def _rsvp_on_the_website(browser, morning: Morning, event_id: int, name: str, email: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=morning.site.url, locale="fr-FR")
    local_only(context)
    page = context.new_page()
    try:
        page.goto(f"/events/{event_id}")
        page.fill("#f-name", name)
        page.fill("#f-email", email)
        page.check('input[name="consent"]')
        page.get_by_role("button", name="Réserver ma place").click()
        page.wait_for_selector("#rsvp-sent")
        mail = _mail_to(morning.inbox, email, "Confirmez votre inscription")
        body = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        link = re.search(r"https?://\S+/rsvps/[A-Za-z0-9_-]+", body).group(0)  # type: ignore[union-attr]
        assert link.startswith(morning.site.url), "the link leads to this website"
        page.goto(link)
        page.locator("#confirm-rsvp").click()
        page.wait_for_url(re.compile(r"/rsvps/[^/?]+\?new=1"))
        assert "Votre place est confirmée" in page.inner_text("main")
    finally:
        context.close()


def _door_counts(morning: Morning, event_id: int) -> dict:  # type: ignore[type-arg]
    url = f"{morning.site.platform.gateway_url}/api/events/events/{event_id}/door/counts"
    return http.get(url, headers=bearer("organiser"), timeout=30).json()  # type: ignore[no-any-return]


def test_a_morning_from_start_to_end(browser, morning: Morning) -> None:  # type: ignore[no-untyped-def]
    site, inbox = morning.site, morning.inbox
    organiser = f"morning-{uuid.uuid4().hex[:6]}@imperiales.ma"
    create_account(site.platform.gateway_url, email=organiser, password=PASSWORD, role="organiser")
    starts = (datetime.now(UTC) + timedelta(days=20)).astimezone(CASABLANCA)
    starts = starts.replace(hour=8, minute=30, second=0, microsecond=0)

    # 1. The organiser writes and publishes the Morning; its page is worth reading.
    desk = browser.new_context(base_url=site.url, locale="fr-FR")
    local_only(desk)
    page = desk.new_page()
    page.set_default_timeout(15_000)
    _sign_in(page, organiser, "/desk/events/new")
    event_id = _write_the_morning(page, starts)
    page.goto(f"/events/{event_id}?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    programme = page.inner_text("#programme")
    assert "09:00–09:45 · تمويل التصدير" in programme and "Omar Tazi, Délégué régional, ASMEX" in programme
    assert "Nadia Benjelloun, مديرة التصدير" in page.inner_text("#speakers")
    assert page.get_attribute("#venue-map", "href").startswith(
        "https://www.openstreetmap.org/?mlat=33.573100"
    )  # type: ignore[union-attr]
    photo = page.locator("#speakers img")
    assert photo.get_attribute("referrerpolicy") == "no-referrer" and photo.get_attribute("loading") == "lazy"
    screenshot(page, "morning-page-ar")

    # 2. Guests RSVP: three on the website (confirmed from their mailbox), nine more.
    tag = uuid.uuid4().hex[:5]
    guests: list[dict] = []  # type: ignore[type-arg]
    for i in range(GUESTS):
        name, email = f"Invitée {i:02d}{tag}", f"invitee-{i}-{tag}@example.ma"
        if i < GUESTS_ONLINE:
            _rsvp_on_the_website(browser, morning, event_id, name, email)
            (rsvp_id,) = morning.sql("SELECT id FROM rsvp WHERE email_normalised = :e", e=email)[0]
            guest = {"id": rsvp_id}
        else:
            body = {"name": name, "email": email, "consent": True, "language": "fr"}
            guest = confirmed_rsvp(site.platform, event_id, body)
        guests.append(guest | {"name": name, "email": email, "query": f"invitee {i:02d}{tag}"})
    for g in guests:
        _mail_to(inbox, g["email"], "Inscription confirmée")

    # 3. Three weeks before the Morning: the worker sends each guest the reminder, QR code and calendar.
    wait_until(
        lambda: not morning.sql("SELECT 1 FROM outbox_message WHERE status != 'sent'"),
        30,
        message="outbox sent",
    )
    weeks_ago = datetime.now(UTC) - timedelta(days=21)
    morning.sql(
        "UPDATE outbox_message SET created_at = :t, sent_at = :t WHERE event_id = :e", t=weeks_ago, e=event_id
    )
    uid = f"event-{event_id}@{UID_DOMAIN}"
    for g in guests:
        reminder = _mail_to(inbox, g["email"], "Rappel")
        kinds = sorted(p.get_content_type() for p in reminder.iter_attachments())
        assert kinds == ["image/png", "text/calendar"]
        read = with_icalendar(ics_of(reminder))
        assert (read["uid"], read["sequence"]) == (uid, 0)
        assert read["start"].astimezone(UTC) == starts.astimezone(UTC)

    # 4. The organiser moves the Morning by an hour: everyone's calendar follows (same UID, SEQUENCE 1).
    later = starts + timedelta(hours=1)
    page.goto(f"/desk/events/{event_id}/edit")
    page.fill("#f-starts_at", _local(later))
    page.fill("#f-ends_at", _local(later + timedelta(hours=2)))
    page.fill("#f-panel-0-starts", "10:00")
    page.fill("#f-panel-0-ends", "10:45")
    page.locator("#save-event").click()
    page.wait_for_url(re.compile(rf"/desk/events/{event_id}\?done=saved"))
    for g in guests:
        update = _mail_to(inbox, g["email"], "Changement")
        part = calendar_part(update)
        assert part is not None and part.get_param("method") == "REQUEST"
        read = with_icalendar(ics_of(update))
        assert (read["method"], read["uid"], read["sequence"]) == ("REQUEST", uid, 1)
        assert read["start"].astimezone(UTC) == later.astimezone(UTC)
        assert read["attendees"] == [f"mailto:{g['email']}"]
    assert len(inbox.to(guests[0]["email"], "Rappel")) == 1, "no second reminder: they just heard"

    # 5. The door: two phones go offline, ten guests come in, two of them at both doors.
    door_a = Door(browser, site, event_id, organiser)
    door_b = Door(browser, site, event_id, organiser)
    try:
        door_a.context.set_offline(True)
        door_b.context.set_offline(True)
        door_a.page.wait_for_selector('#door-status[data-online="false"]')
        door_b.page.wait_for_selector('#door-status[data-online="false"]')
        for g in guests[:6]:
            door_a.admit_by_name(g["query"], g["id"])
        for g in guests[4:10]:
            door_b.admit_by_name(g["query"], g["id"])
        assert (door_a.queued(), door_b.queued()) == ("6", "6")
        assert _door_counts(morning, event_id)["checked_in"] == 0, "nothing reached the server offline"
        door_a.context.set_offline(False)
        door_a.page.wait_for_selector('#door-status[data-queued="0"]')
        door_b.context.set_offline(False)
        door_b.page.wait_for_selector('#door-status[data-queued="0"]')
        conflicts = door_b.page.locator('#door-conflicts li[data-result="conflict"]')
        assert {conflicts.nth(i).get_attribute("data-rsvp-id") for i in range(conflicts.count())} == {
            str(guests[4]["id"]),
            str(guests[5]["id"]),
        }
        assert door_a.page.locator("#door-conflicts li").count() == 0
        assert _door_counts(morning, event_id) == {"checked_in": 10, "expected": 12, "remaining": 2}
        screenshot(door_b.page, "morning-door-conflicts")
    finally:
        door_a.context.close()
        door_b.context.close()
    (logged,) = morning.sql(
        "SELECT count(*), count(DISTINCT rsvp_id) FROM checkin_log"
        " WHERE event_id = :e AND action = 'check_in'",
        e=event_id,
    )
    assert logged == (12, 10), "every tap is logged; ten guests are in"

    # 6. The Morning is over: the desk shows who came and who did not.
    morning.sql(
        "UPDATE event SET starts_at = :s, ends_at = :e WHERE id = :id",
        s=datetime.now(UTC) - timedelta(hours=3),
        e=datetime.now(UTC) - timedelta(hours=1),
        id=event_id,
    )
    page.goto(f"/desk/events/{event_id}?lang=fr")
    stats = dict(
        page.eval_on_selector_all(
            "section[aria-labelledby=attendance-h] .stat",
            "els => els.map(e => [e.lastChild.textContent.trim(),"
            " e.querySelector('strong').textContent.trim()])",
        )
    )
    assert stats == {
        "confirmés": "12",
        "entrés": "10",
        "absents": "2",
        "sans inscription": "0",
        "jamais sortis de la liste d'attente": "0",
    }, (stats, page.inner_text("main")[:1500])
    screenshot(page, "morning-attendance")
    desk.close()
