"""Issue #17.3 on the website: the organisers' webhooks desk.

It lists the endpoints (a disabled one with its reason), recent deliveries and failures; a
replay needs the form's CSRF token; replaying a disabled endpoint's message says so in the
reader's language; "enable again" then "send again" delivers it, with the same webhook-id.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.conftest import asgi_client
from tests.frontend.conftest import create_account, csrf_from, site_app
from tests.support.stack import Stack
from tests.support.waiting import wait_until
from tests.webhooks.conftest import Receiver, new_exporter, subscribe

PASSWORD = "correct horse battery staple"


@pytest.fixture
async def desk(platform: Stack) -> AsyncIterator[httpx.AsyncClient]:
    app = site_app(platform.gateway)
    async with asgi_client(app) as site:
        email = f"hooks-{uuid.uuid4().hex[:8]}@imperiales.ma"
        create_account(platform.gateway, email=email, password=PASSWORD, role="organiser")
        form = (await site.get("/signin")).text
        signed = await site.post(
            "/signin",
            data={"csrf_token": csrf_from(form), "email": email, "password": PASSWORD, "next": "/desk"},
        )
        assert signed.status_code == 303, signed.text
        yield site
    await app.state.gateway.close()


def _failed_delivery(gw: httpx.Client, endpoint_id: int) -> dict[str, Any] | None:
    rows: list[dict[str, Any]] = gw.get(
        "/api/webhooks/deliveries", params={"endpoint_id": endpoint_id, "status": "failed"}
    ).json()
    return rows[0] if rows else None


async def test_the_desk_shows_failures_and_replays_them(
    desk: httpx.AsyncClient, gw: httpx.Client, receiver: Receiver
) -> None:
    receiver.answers["/desk"] = 500
    endpoint = subscribe(gw, receiver, "/desk", ["exporter.created"])
    new_exporter(gw)
    failed = wait_until(lambda: _failed_delivery(gw, endpoint["id"]), 60, message="the message fails")

    page = await desk.get("/desk/webhooks")
    assert page.status_code == 200
    row = re.search(rf'<tr id="endpoint-{endpoint["id"]}" data-enabled="false">.*?</tr>', page.text, re.S)
    assert row and "failed 12 times" in row.group(0) and receiver.url("/desk") in row.group(0)
    assert f'id="failures-{failed["id"]}" data-status="failed"' in page.text
    assert "Standard Webhooks" in page.text
    replay = f"/desk/webhooks/deliveries/{failed['id']}/replay"

    # No CSRF token: refused, nothing sent again.
    assert (await desk.post(replay, data={})).status_code in (400, 403)
    token = csrf_from(page.text)
    # Disabled endpoint: the desk says so (in French, the site's default language).
    refused = await desk.post(replay, data={"csrf_token": token})
    assert refused.status_code == 303 and refused.headers["location"].endswith("error=disabled")
    shown = await desk.get(refused.headers["location"])
    assert "réactivez-le avant de renvoyer ses messages" in shown.text
    shown_ar = await desk.get(refused.headers["location"] + "&lang=ar")
    assert "فعّلها قبل إعادة إرسال رسائلها" in shown_ar.text

    receiver.answers["/desk"] = 200
    enabled = await desk.post(f"/desk/webhooks/endpoints/{endpoint['id']}/enable", data={"csrf_token": token})
    assert enabled.status_code == 303 and enabled.headers["location"].endswith("done=enable")
    sent = await desk.post(replay, data={"csrf_token": token})
    assert sent.status_code == 303 and sent.headers["location"].endswith("done=replay")
    wait_until(
        lambda: any(m.answered == 200 for m in receiver.at("/desk")), 30, message="replayed from the desk"
    )
    last = receiver.at("/desk")[-1]
    assert last.valid and last.headers["webhook-id"] == failed["message_id"]

    assert (
        (await desk.post("/desk/webhooks/deliveries/2147483647/replay", data={"csrf_token": token}))
        .headers["location"]
        .endswith("error=gone")
    )
    assert (
        await desk.post("/desk/webhooks/deliveries/abc/replay", data={"csrf_token": token})
    ).status_code == 404


async def test_the_desk_is_for_organisers(platform: Stack) -> None:
    app = site_app(platform.gateway)
    async with asgi_client(app) as site:
        answer = await site.get("/desk/webhooks")
        assert answer.status_code in (200, 303, 401) and "Standard Webhooks" not in answer.text
    await app.state.gateway.close()
