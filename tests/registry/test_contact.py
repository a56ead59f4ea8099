"""A buyer reaches an exporter: double opt-in, one e-mail per exporter, limits, privacy, outbox.

Real SMTP (aiosmtpd) and the real outbox machinery; the database is the test's own.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlmodel import select

from services.common.models import utcnow
from services.common.outbox import smtp_sender
from services.registry.contact import registry_outbox
from services.registry.models import ContactOutbox, ContactRequest
from tests.conftest import run_in_session
from tests.registry.conftest import create_exporter
from tests.support.mailbox import Inbox, smtp_server
from tests.support.servers import free_port
from tests.support.tokens import bearer

BUYER = "buyer@example.fr"


def ask(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Claire Martin",
        "email": BUYER,
        "company": "Maison Martin",
        "country": "FR",
        "message": "Bonjour, nous cherchons 2 000 pièces de zellige par mois. Pouvez-vous nous écrire ?",
        "language": "fr",
    }
    body.update(overrides)
    return body


async def _rows(app: Any, model: Any) -> list[Any]:
    return list(await run_in_session(app, lambda s: _all(s, model)))


async def _all(session: Any, model: Any) -> Any:
    return (await session.exec(select(model).order_by(model.id))).all()


async def _send(app: Any, port: int) -> Any:
    settings = app.state.settings
    return await registry_outbox(settings).process_batch(
        sessionmaker=app.state.sessionmaker, sender=smtp_sender(settings, "127.0.0.1", port)
    )


def _token(inbox: Inbox, address: str = BUYER) -> str:
    (mail,) = inbox.to(address)
    match = re.search(r"/contact/confirm/([A-Za-z0-9_-]+)", mail.get_content())
    assert match, mail.get_content()
    return match.group(1)


@pytest.fixture
def smtp() -> Any:
    with smtp_server() as (inbox, port):
        yield inbox, port


async def test_one_exporter_after_the_sender_confirms_once(
    registry_app: Any, registry_client: httpx.AsyncClient, smtp: Any
) -> None:
    inbox, port = smtp
    exporter = await create_exporter(registry_client, 1, trade_name="Zellige Fès")
    typed = ask(name="Claire\u00a0Martin", message="Prix pour 2 000 pièces ? Écrivez-moi.\nMerci")
    answer = await registry_client.post(f"/exporters/{exporter['slug']}/contact", json=typed)
    assert answer.status_code == 202, answer.text
    assert answer.json()["status"] == "check_your_inbox"

    assert (await _send(registry_app, port)).sent == 1
    (confirmation,) = inbox.to(BUYER)
    text = confirmation.get_content()
    assert "Zellige Fès" in text and "Martin" not in text and "Prix" not in text  # nothing typed
    assert inbox.to("contact1@example.ma") == []  # nothing reaches the exporter yet

    token = _token(inbox)
    first = await registry_client.post("/contact-requests/confirm", json={"token": token})
    assert first.status_code == 200, first.text
    assert [e["slug"] for e in first.json()["exporters"]] == [exporter["slug"]]
    assert (await _send(registry_app, port)).sent == 1
    (delivered,) = inbox.to("contact1@example.ma")
    assert delivered["Reply-To"] == BUYER
    assert "Claire\u00a0Martin" not in delivered["Subject"]
    assert "Prix pour 2 000 pièces ? Écrivez-moi.\r\nMerci" in delivered.get_content()

    again = await registry_client.post("/contact-requests/confirm", json={"token": token})
    assert again.status_code == 200 and again.json() == first.json()
    assert (await _send(registry_app, port)).sent == 0
    assert len(inbox.messages) == 2
    assert len(await _rows(registry_app, ContactOutbox)) == 2


async def test_an_rfq_reaches_every_exporter_and_each_desk(
    registry_app: Any, registry_client: httpx.AsyncClient, smtp: Any
) -> None:
    inbox, port = smtp
    a = await create_exporter(registry_client, 2)
    b = await create_exporter(registry_client, 3)
    quiet = await create_exporter(registry_client, 4, email=None)  # no address on file
    slugs = [a["slug"], b["slug"], quiet["slug"], a["slug"]]
    answer = await registry_client.post("/contact-requests", json=ask(exporters=slugs, language="ar"))
    assert answer.status_code == 202, answer.text
    await _send(registry_app, port)
    (confirmation,) = inbox.to(BUYER)
    assert confirmation["Content-Language"] == "ar" and "افتحوا" in confirmation.get_content()
    confirmed = await registry_client.post("/contact-requests/confirm", json={"token": _token(inbox)})
    assert len(confirmed.json()["exporters"]) == 3
    assert (await _send(registry_app, port)).sent == 2
    for address in ("contact2@example.ma", "contact3@example.ma"):
        (mail,) = inbox.to(address)
        assert "3 exportateurs" in mail.get_content()
    for exporter in (a, b, quiet):
        own = bearer("exporter", exporter_id=exporter["id"])
        page = await registry_client.get(f"/exporters/{exporter['slug']}/contact-requests", headers=own)
        assert page.status_code == 200, page.text
        (item,) = page.json()["items"]
        assert item["sender_email"] == BUYER and item["recipients"] == 3 and item["language"] == "ar"


async def test_unconfirmed_requests_are_not_on_the_desk_and_others_cannot_read_it(
    registry_client: httpx.AsyncClient,
) -> None:
    a = await create_exporter(registry_client, 5)
    b = await create_exporter(registry_client, 6)
    await registry_client.post(f"/exporters/{a['slug']}/contact", json=ask())
    path = f"/exporters/{a['slug']}/contact-requests"
    own = await registry_client.get(path, headers=bearer("exporter", exporter_id=a["id"]))
    assert own.json()["total"] == 0
    assert (await registry_client.get(path)).status_code == 401
    other = await registry_client.get(path, headers=bearer("exporter", exporter_id=b["id"]))
    assert other.status_code == 403
    assert (await registry_client.get(path, headers=bearer("organiser"))).status_code == 200


async def test_the_honeypot_is_answered_alike_and_kept_nowhere(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    exporter = await create_exporter(registry_client, 7)
    trap = await registry_client.post(
        f"/exporters/{exporter['slug']}/contact", json=ask(website="http://spam")
    )
    real = await registry_client.post(f"/exporters/{exporter['slug']}/contact", json=ask())
    assert trap.status_code == real.status_code == 202 and trap.json() == real.json()
    assert len(await _rows(registry_app, ContactRequest)) == 1


async def test_limits_per_sender_and_per_client_address(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    settings = registry_app.state.settings
    settings.contact_per_email_limit = 2
    settings.contact_per_client_limit = 3
    exporter = await create_exporter(registry_client, 8)
    path = f"/exporters/{exporter['slug']}/contact"
    assert [(await registry_client.post(path, json=ask())).status_code for _ in range(2)] == [202, 202]
    refused = await registry_client.post(path, json=ask(email=" BUYER@example.fr "))  # same address
    assert refused.status_code == 429 and refused.json()["code"] == "too-many-requests"
    assert refused.headers["retry-after"] == str(settings.contact_window_seconds)
    assert (await registry_client.post(path, json=ask(email="other@example.fr"))).status_code == 202
    # The client address has now asked 3 times (a refused request is not counted).
    client_refused = await registry_client.post(path, json=ask(email="third@example.fr"))
    assert client_refused.status_code == 429
    assert len(await _rows(registry_app, ContactRequest)) == 3


async def test_refusals_name_the_field(registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 9)
    assert (await registry_client.post("/exporters/nobody-here/contact", json=ask())).status_code == 404
    unknown = await registry_client.post(
        "/contact-requests", json=ask(exporters=[exporter["slug"], "nobody"])
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "exporters"
    assert unknown.json()["errors"][0]["code"] == "unknown-exporter"
    too_many = await registry_client.post(
        "/contact-requests", json=ask(exporters=[f"e-{n}" for n in range(21)])
    )
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "exporters"
    empty = await registry_client.post("/contact-requests", json=ask(exporters=[]))
    assert empty.status_code == 422
    for hostile in (
        {"name": "Eve\r\nBcc: everyone@example.com"},
        {"email": "a@example.fr\r\nBcc: b@example.com"},
        {"email": "a@example.fr, b@example.com"},
        {"message": "short"},
        {"country": "XX"},
    ):
        answer = await registry_client.post(f"/exporters/{exporter['slug']}/contact", json=ask(**hostile))
        assert answer.status_code == 422, (hostile, answer.text)
        assert answer.json()["errors"][0]["field"] == next(iter(hostile))


async def test_an_expired_or_unknown_link(
    registry_app: Any, registry_client: httpx.AsyncClient, smtp: Any
) -> None:
    inbox, port = smtp
    exporter = await create_exporter(registry_client, 10)
    await registry_client.post(f"/exporters/{exporter['slug']}/contact", json=ask())
    await _send(registry_app, port)
    token = _token(inbox)

    async def expire(session: Any) -> None:
        await session.exec(update(ContactRequest).values(expires_at=utcnow() - timedelta(seconds=1)))

    await run_in_session(registry_app, expire)
    late = await registry_client.post("/contact-requests/confirm", json={"token": token})
    assert late.status_code == 410 and late.json()["code"] == "contact-expired"
    unknown = await registry_client.post("/contact-requests/confirm", json={"token": "x" * 43})
    assert unknown.status_code == 404
    assert (await _send(registry_app, port)).sent == 0


async def test_smtp_down_then_up_loses_nothing(registry_app: Any, registry_client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(registry_client, 11)
    await registry_client.post(f"/exporters/{exporter['slug']}/contact", json=ask())
    port = free_port()  # nothing listens there yet
    down = await _send(registry_app, port)
    assert (down.sent, down.retried) == (0, 1)
    (row,) = await _rows(registry_app, ContactOutbox)
    assert row.status == "pending" and row.attempts == 1 and row.last_error

    async def due_now(session: Any) -> None:
        await session.exec(update(ContactOutbox).values(next_attempt_at=utcnow()))

    await run_in_session(registry_app, due_now)
    with smtp_server(port=port) as (inbox, _):
        assert (await _send(registry_app, port)).sent == 1
        assert len(inbox.to(BUYER)) == 1


async def test_the_address_is_private_unless_the_exporter_shows_it(
    registry_client: httpx.AsyncClient,
) -> None:
    exporter = await create_exporter(registry_client, 12)
    path = f"/exporters/{exporter['slug']}"
    public = (await registry_client.get(path)).json()
    assert public["email"] is None and public["phone"] is None and public["show_contact"] is False
    own = bearer("exporter", exporter_id=exporter["id"])
    mine = await registry_client.get(f"/exporters/by-id/{exporter['id']}", headers=own)
    assert mine.json()["email"] == "contact12@example.ma"
    assert mine.headers["cache-control"].startswith("private")
    shown = await registry_client.patch(path, json={"show_contact": True}, headers=own)
    assert shown.status_code == 200 and shown.json()["show_contact"] is True
    assert (await registry_client.get(path)).json()["email"] == "contact12@example.ma"
    hidden = await registry_client.patch(path, json={"show_contact": False}, headers=own)
    assert hidden.status_code == 200
    assert (await registry_client.get(path)).json()["phone"] is None
    assert (await registry_client.patch(path, json={"show_contact": None}, headers=own)).status_code == 422


async def test_unconfirmed_requests_are_forgotten_after_their_window(
    registry_app: Any, registry_client: httpx.AsyncClient, smtp: Any
) -> None:
    from services.registry.contact import forget_unconfirmed

    _inbox, port = smtp
    exporter = await create_exporter(registry_client, 13)
    path = f"/exporters/{exporter['slug']}/contact"
    await registry_client.post(path, json=ask())
    await registry_client.post(path, json=ask(email="keeps@example.fr"))
    await _send(registry_app, port)
    settings = registry_app.state.settings
    forget = lambda s: forget_unconfirmed(session=s, settings=settings)  # noqa: E731
    assert await run_in_session(registry_app, forget) == 0  # still within its link's life

    async def age_first(session: Any) -> None:
        old = utcnow() - timedelta(seconds=settings.contact_window_seconds + 60)
        await session.exec(
            update(ContactRequest)
            .where(ContactRequest.sender_email == BUYER)
            .values(expires_at=old, created_at=old)
        )

    await run_in_session(registry_app, age_first)
    assert await run_in_session(registry_app, forget) == 1
    assert [r.sender_email for r in await _rows(registry_app, ContactRequest)] == ["keeps@example.fr"]
    assert [r.to_address for r in await _rows(registry_app, ContactOutbox)] == ["keeps@example.fr"]
