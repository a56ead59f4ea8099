# ruff: noqa: F811  (the smtp fixture is imported, then named as a parameter)
"""Issue #14 items 1, 2, 6: an RSVP belongs to its guest, bots cannot fill a Morning, a
cancelled or past event looks it everywhere, and waitlist places agree everywhere.

Real SMTP (aiosmtpd) and the real app on its own database; nothing mocked.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import httpx
from sqlmodel import select

from services.events import clock
from services.events.models import OutboxMessage, Rsvp
from services.events.outbox import process_batch, smtp_sender
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event, guest, manage_token_of, rsvp_and_confirm
from tests.events.test_outbox import smtp  # noqa: F401  (fixture)
from tests.support.tokens import bearer

REAL_NOW = clock.now


def shift(monkeypatch, delta: timedelta) -> None:  # type: ignore[no-untyped-def]
    """The service's clock, moved ahead (the test's own HTTP client is unaffected)."""
    monkeypatch.setattr(clock, "now", lambda: REAL_NOW() + delta)


PHISH = "Your account is suspended, verify at http://phish.example"


def _comparable(response: httpx.Response) -> tuple[int, bytes, list[tuple[str, str]]]:
    headers = sorted((k, v) for k, v in response.headers.items() if k.lower() not in ("x-request-id", "date"))
    return response.status_code, response.content, headers


async def _outbox(app) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    async def read(session):  # type: ignore[no-untyped-def]
        return list((await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())

    return await run_in_session(app, read)  # type: ignore[no-any-return]


async def _rsvps(app, event_id: int) -> list[Rsvp]:  # type: ignore[no-untyped-def]
    async def read(session):  # type: ignore[no-untyped-def]
        return list((await session.exec(select(Rsvp).where(Rsvp.event_id == event_id))).all())

    return await run_in_session(app, read)  # type: ignore[no-any-return]


# ---- item 1: an RSVP belongs to its guest ----------------------------------------------------


async def test_a_known_email_gets_the_same_answer_as_a_new_one_byte_for_byte(
    events_client: httpx.AsyncClient, events_app, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    victim = await rsvp_and_confirm(events_client, event["id"], guest(1, name="Amina Tazi"))
    assert victim["status"] == "confirmed"
    shift(monkeypatch, timedelta(minutes=11))  # past the window of the victim's own confirm e-mail
    new = await events_client.post(f"/events/{event['id']}/rsvps", json=guest(2, name="Curious"))
    known = await events_client.post(
        f"/events/{event['id']}/rsvps", json=guest(1, name="Curious", email="  GUEST1@example.ma ")
    )
    assert new.status_code == known.status_code == 202
    assert _comparable(new) == _comparable(known)
    body = known.json()
    assert body["status"] == "check_your_inbox" and body["event_id"] == event["id"]
    text = known.text
    for secret in (victim["manage_token"], victim["checkin_token"], "Amina", "confirmed"):
        assert secret not in text
    # The victim's RSVP is untouched and keeps its seat.
    shown = (await events_client.get(f"/rsvps/{victim['manage_token']}")).json()
    assert (shown["name"], shown["status"]) == ("Amina Tazi", "confirmed")
    # The known address was sent its own manage link again, to its own mailbox.
    messages = await _outbox(events_app)
    resent = [m for m in messages if m.kind == "manage_link"]
    assert len(resent) == 1 and resent[0].to_address == "guest1@example.ma"
    assert victim["manage_token"] in resent[0].body_text


async def test_the_manage_link_is_resent_at_most_once_per_window(
    events_client: httpx.AsyncClient, events_app, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    await rsvp_and_confirm(events_client, event["id"], guest(1))
    for _ in range(5):
        answer = await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1))
        assert answer.status_code == 202
    assert [m.kind for m in await _outbox(events_app)].count("manage_link") == 0, (
        "the first request's confirm e-mail was less than 10 minutes ago: nothing more is sent"
    )
    shift(monkeypatch, timedelta(minutes=11))
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1))
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1))
    assert [m.kind for m in await _outbox(events_app)].count("manage_link") == 1


async def test_a_pending_rsvp_holds_no_seat_and_confirming_takes_one(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=1)
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1))
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(2))
    seats = (await events_client.get(f"/events/{event['id']}")).json()["seats"]
    assert (seats["confirmed"], seats["waitlisted"]) == (0, 0)
    second = await manage_token_of(events_app, event["id"], "guest2@example.ma")
    shown = (await events_client.get(f"/rsvps/{second}")).json()
    assert shown["status"] == "pending" and shown["checkin_token"] is None and not shown["entry_pass"]
    assert (await events_client.get(f"/rsvps/{second}/qr.svg")).status_code == 410
    # Whoever confirms first gets the seat.
    assert (await events_client.post(f"/rsvps/{second}/confirm")).json()["status"] == "confirmed"
    first = await manage_token_of(events_app, event["id"], "guest1@example.ma")
    late = (await events_client.post(f"/rsvps/{first}/confirm")).json()
    assert (late["status"], late["waitlist_position"]) == ("waitlisted", 1)
    again = await events_client.post(f"/rsvps/{second}/confirm")
    assert again.json()["status"] == "confirmed", "confirming twice is harmless"
    attendees = (await events_client.get(f"/events/{event['id']}/attendees", headers=STAFF)).json()
    assert len(attendees) == 2


async def test_an_unconfirmed_rsvp_expires_and_can_be_asked_again(
    events_client: httpx.AsyncClient, events_app, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1))
    token = await manage_token_of(events_app, event["id"], "guest1@example.ma")
    shift(monkeypatch, timedelta(hours=25))
    expired = await events_client.post(f"/rsvps/{token}/confirm")
    assert expired.status_code == 410 and expired.json()["type"].endswith("/confirmation-expired")
    again = await events_client.post(f"/events/{event['id']}/rsvps", json=guest(1))
    assert again.status_code == 202
    assert (await events_client.post(f"/rsvps/{token}/confirm")).json()["status"] == "confirmed"


async def test_erased_rsvp_shows_no_qr_and_no_confirmed(events_client: httpx.AsyncClient, events_app) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    rsvp = await rsvp_and_confirm(events_client, event["id"], guest(1))
    token = rsvp["manage_token"]
    erased = (await events_client.post(f"/rsvps/{token}/erase")).json()
    assert erased["erased"] and erased["status"] != "confirmed" and erased["checkin_token"] is None
    assert not erased["entry_pass"]
    assert (await events_client.get(f"/rsvps/{token}/qr.svg")).status_code == 410
    assert (await events_client.get(f"/rsvps/{token}/qr.png")).status_code == 410


async def test_a_purged_confirmed_rsvp_has_no_entry_pass(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    event = await create_published_event(events_client)
    rsvp = await rsvp_and_confirm(events_client, event["id"], guest(1))
    from services.events.rsvp_service import purge_personal_data

    await run_in_session(
        events_app,
        lambda s: purge_personal_data(session=s, older_than_days=0, at=now + timedelta(days=30)),
    )
    shown = (await events_client.get(f"/rsvps/{rsvp['manage_token']}")).json()
    assert shown["erased"] and not shown["entry_pass"] and shown["checkin_token"] is None
    assert (await events_client.get(f"/rsvps/{rsvp['manage_token']}/qr.svg")).status_code == 410


async def test_exporter_id_needs_that_exporters_own_token(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    url = f"/events/{event['id']}/rsvps"
    anonymous = await events_client.post(url, json=guest(1, exporter_id=7))
    assert anonymous.status_code == 403 and anonymous.json()["type"].endswith("/exporter-not-yours")
    assert anonymous.json()["errors"][0]["field"] == "exporter_id"
    other = await events_client.post(
        url, json=guest(2, exporter_id=7), headers=bearer("exporter", exporter_id=8)
    )
    assert other.status_code == 403
    staff = await events_client.post(url, json=guest(3, exporter_id=7), headers=STAFF)
    assert staff.status_code == 403
    own = await events_client.post(
        url, json=guest(4, exporter_id=7), headers=bearer("exporter", exporter_id=7)
    )
    assert own.status_code == 202


async def test_openapi_documents_the_202_and_its_problems(events_client: httpx.AsyncClient) -> None:
    spec = (await events_client.get("/openapi.json")).json()
    operation = spec["paths"]["/events/{event_id}/rsvps"]["post"]
    assert set(operation["responses"]) >= {"202", "403", "409", "422", "429"}
    assert "201" not in operation["responses"] and "200" not in operation["responses"]
    schema = operation["responses"]["202"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/RsvpAccepted")
    assert "/rsvps/{token}/confirm" in spec["paths"]


# ---- item 2: bots cannot fill a Morning; nobody can use the Club to mail strangers -----------


async def test_openapi_states_consent_and_honeypot_rules(events_client: httpx.AsyncClient) -> None:
    schema = (await events_client.get("/openapi.json")).json()["components"]["schemas"]["RsvpCreate"]
    assert schema["properties"]["consent"]["const"] is True
    assert schema["properties"]["website"]["maxLength"] == 0


async def test_only_json_true_is_consent_and_the_honeypot_must_be_empty(
    events_client: httpx.AsyncClient,
) -> None:
    event = await create_published_event(events_client)
    path = f"/events/{event['id']}/rsvps"
    for n, body, field in (
        (1, {"consent": "1"}, "consent"),
        (2, {"consent": 1}, "consent"),
        (3, {"consent": "true"}, "consent"),
        (4, {"consent": False}, "consent"),
        (5, {"website": " "}, "website"),
        (6, {"website": "http://spam.example"}, "website"),
    ):
        response = await events_client.post(path, json=guest(n, **body))
        assert response.status_code == 422, (body, response.text)
        assert [e["field"] for e in response.json()["errors"]] == [field], body
    assert (await events_client.post(path, json=guest(7, website=""))).status_code == 202


async def test_200_addresses_with_made_up_emails_take_no_seat(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client, capacity=100)
    taken = 0
    for n in range(200):
        answer = await events_client.post(
            f"/events/{event['id']}/rsvps",
            json=guest(n, email=f"bot{n}@nowhere-{n}.example"),
            headers={"X-Forwarded-For": f"198.51.{n // 250}.{n % 250 + 1}"},
        )
        assert answer.status_code == 202, answer.text
        taken += 1
    assert taken == 200
    seats = (await events_client.get(f"/events/{event['id']}")).json()["seats"]
    assert (seats["confirmed"], seats["waitlisted"], seats["available"]) == (0, 0, 100)


async def test_one_client_address_is_limited_but_30_colleagues_pass(
    events_client: httpx.AsyncClient,
    events_app,
    events_settings,
    smtp,  # type: ignore[no-untyped-def]
) -> None:
    inbox, port = smtp
    event = await create_published_event(events_client, capacity=100)
    office = {"X-Forwarded-For": "203.0.113.7"}
    for n in range(30):
        answer = await events_client.post(
            f"/events/{event['id']}/rsvps",
            json=guest(n, email=f"colleague{n}@office.example"),
            headers=office,
        )
        assert answer.status_code == 202, (n, answer.text)
    refused = await events_client.post(f"/events/{event['id']}/rsvps", json=guest(99), headers=office)
    assert refused.status_code == 429 and refused.json()["type"].endswith("/too-many-requests")
    assert "retry-after" in refused.headers
    # Another address is not affected.
    elsewhere = await events_client.post(
        f"/events/{event['id']}/rsvps", json=guest(98), headers={"X-Forwarded-For": "203.0.113.8"}
    )
    assert elsewhere.status_code == 202
    # Every colleague gets the e-mail in a real inbox and confirms from its link.
    sender = smtp_sender(events_settings, "127.0.0.1", port)
    while (
        await process_batch(
            sessionmaker=events_app.state.sessionmaker, settings=events_settings, sender=sender
        )
    ).sent:
        pass
    to_colleagues = [m for m in inbox.messages if m["To"].endswith("@office.example")]
    assert len(to_colleagues) == 30
    for message in to_colleagues:
        body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        token = body.split("/rsvps/")[1].split()[0]
        assert (await events_client.post(f"/rsvps/{token}/confirm")).json()["status"] == "confirmed"
    seats = (await events_client.get(f"/events/{event['id']}")).json()["seats"]
    assert seats["confirmed"] == 30


async def test_an_untrusted_peer_cannot_choose_its_address(events_settings) -> None:  # type: ignore[no-untyped-def]
    from services.common.client_ip import client_address_of, trusted_proxies_of

    trusted = trusted_proxies_of(events_settings)

    def scope(peer: str, forwarded: str) -> dict:  # type: ignore[type-arg]
        return {"type": "http", "client": (peer, 1), "headers": [(b"x-forwarded-for", forwarded.encode())]}

    assert client_address_of(scope("192.0.2.1", "10.9.9.9"), trusted) == "192.0.2.1"
    # Through trusted proxies the right-most untrusted hop counts, not what the client wrote first.
    assert client_address_of(scope("127.0.0.1", "6.6.6.6, 192.0.2.5, 127.0.0.1"), trusted) == "192.0.2.5"


async def test_the_pending_cap_bounds_unconfirmed_rsvps_per_event(
    events_client: httpx.AsyncClient, events_app
) -> None:  # type: ignore[no-untyped-def]
    events_app.state.settings.rsvp_pending_cap = 3
    event = await create_published_event(events_client)
    answers = [
        await events_client.post(
            f"/events/{event['id']}/rsvps", json=guest(n), headers={"X-Forwarded-For": f"192.0.2.{n + 1}"}
        )
        for n in range(4)
    ]
    assert [a.status_code for a in answers] == [202, 202, 202, 429]
    assert answers[3].json()["type"].endswith("/too-many-pending")


async def test_guest_typed_text_never_reaches_a_mailbox(
    events_client: httpx.AsyncClient,
    events_app,
    events_settings,
    smtp,  # type: ignore[no-untyped-def]
) -> None:
    inbox, port = smtp
    event = await create_published_event(events_client, capacity=1)
    for n, language in enumerate(("fr", "en", "ar")):
        await rsvp_and_confirm(
            events_client, event["id"], guest(n, name=PHISH, organisation=PHISH, language=language)
        )
    await events_client.post(f"/events/{event['id']}/rsvps", json=guest(0, name=PHISH))  # manage link again
    await events_client.post(f"/events/{event['id']}/cancel", json={}, headers=STAFF)
    sender = smtp_sender(events_settings, "127.0.0.1", port)
    while (
        await process_batch(
            sessionmaker=events_app.state.sessionmaker, settings=events_settings, sender=sender
        )
    ).sent:
        pass
    kinds = {m.kind for m in await _outbox(events_app)}
    assert {"confirm_request", "confirmation", "waitlisted", "event_cancelled"} <= kinds
    assert len(inbox.messages) >= 9
    for message in inbox.messages:
        raw = message.as_string()
        assert "phish" not in raw.lower() and "suspended" not in raw.lower()
        body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        assert body.splitlines()[0].strip() in ("Bonjour,", "Hello,", "مرحبا،")


# ---- item 6: a cancelled or past event looks it; waitlist places agree ----------------------


async def test_a_cancelled_event_takes_the_entry_pass_away(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    rsvp = await rsvp_and_confirm(events_client, event["id"], guest(1))
    token = rsvp["manage_token"]
    assert (await events_client.get(f"/rsvps/{token}/qr.svg")).status_code == 200
    await events_client.post(f"/events/{event['id']}/cancel", json={"reason": "Storm"}, headers=STAFF)
    shown = (await events_client.get(f"/rsvps/{token}")).json()
    assert shown["event"]["status"] == "cancelled"
    assert not shown["entry_pass"] and shown["checkin_token"] is None
    assert (await events_client.get(f"/rsvps/{token}/qr.svg")).status_code == 410
    assert "STATUS:CANCELLED" in (await events_client.get(f"/rsvps/{token}/calendar.ics")).text
    assert (await events_client.get(f"/events/{event['id']}")).json()["status"] == "cancelled"


async def test_a_past_event_has_no_entry_pass(events_client: httpx.AsyncClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    event = await create_published_event(events_client)
    rsvp = await rsvp_and_confirm(events_client, event["id"], guest(1))
    shift(monkeypatch, timedelta(days=11))
    shown = (await events_client.get(f"/rsvps/{rsvp['manage_token']}")).json()
    assert shown["event"]["is_past"] and not shown["entry_pass"]
    assert (await events_client.get(f"/rsvps/{rsvp['manage_token']}/qr.svg")).status_code == 410


async def test_waitlist_places_agree_between_guest_desk_and_csv(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client, capacity=1)
    guests = [await rsvp_and_confirm(events_client, event["id"], guest(n)) for n in range(6)]
    # Holes in the queue: one waitlisted guest cancels, the confirmed one too (a promotion).
    await events_client.post(f"/rsvps/{guests[2]['manage_token']}/cancel")
    await events_client.post(f"/rsvps/{guests[0]['manage_token']}/cancel")
    on_page = {}
    for g in guests:
        shown = (await events_client.get(f"/rsvps/{g['manage_token']}")).json()
        if shown["status"] == "waitlisted":
            on_page[shown["id"]] = shown["waitlist_position"]
    assert sorted(on_page.values()) == [1, 2, 3]
    desk = {
        a["rsvp_id"]: a["waitlist_position"]
        for a in (await events_client.get(f"/events/{event['id']}/attendees", headers=STAFF)).json()
        if a["status"] == "waitlisted"
    }
    sheet = (await events_client.get(f"/events/{event['id']}/attendees.csv", headers=STAFF)).content
    rows = list(csv.DictReader(io.StringIO(sheet.decode("utf-8-sig"))))
    in_csv = {int(r["rsvp_id"]): int(r["waitlist_position"]) for r in rows if r["status"] == "waitlisted"}
    assert on_page == desk == in_csv
