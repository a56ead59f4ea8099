"""Desks: sign-in through the gateway's accounts, organiser and exporter work, CSRF everywhere."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from tests.frontend.conftest import Platform, create_account, create_event, csrf_from

PASSWORD = "correct horse battery"


async def _sign_in(site: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    form = (await site.get("/signin")).text
    return await site.post(
        "/signin", data={"csrf_token": csrf_from(form), "email": email, "password": password, "next": "/desk"}
    )


@pytest.fixture
async def organiser(site: httpx.AsyncClient, platform: Platform) -> httpx.AsyncClient:
    email = f"org-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(platform.gateway_url, email=email, password=PASSWORD, role="organiser")
    response = await _sign_in(site, email)
    assert response.status_code == 303 and response.headers["location"] == "/desk"
    return site


async def test_desk_needs_sign_in(site: httpx.AsyncClient) -> None:
    response = await site.get("/desk")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/signin?next=/desk")


async def test_wrong_password_rerenders_the_form(site: httpx.AsyncClient, platform: Platform) -> None:
    email = f"org-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(platform.gateway_url, email=email, password=PASSWORD, role="organiser")
    response = await _sign_in(site, email, "wrong password!")
    assert response.status_code == 401
    assert 'role="alert"' in response.text
    assert "mim_session" not in response.headers.get("set-cookie", "") or "access_token" not in response.text


async def test_sign_in_rotates_the_session_and_old_csrf_tokens_stop_working(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    old_token = csrf_from((await site.get("/signin")).text)
    email = f"org-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(platform.gateway_url, email=email, password=PASSWORD, role="organiser")
    await site.post("/signin", data={"csrf_token": old_token, "email": email, "password": PASSWORD})
    response = await site.post("/signout", data={"csrf_token": old_token})
    assert response.status_code == 403


async def test_organiser_desk_lists_events_with_fill_rate(
    organiser: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=4, title="Morning du bureau")
    html = (await organiser.get("/desk")).text
    assert "Morning du bureau" in html
    assert "<progress" in html
    detail = await organiser.get(f"/desk/events/{event['id']}")
    assert detail.status_code == 200
    assert "0/4" in detail.text
    csv = await organiser.get(f"/desk/events/{event['id']}/attendees.csv")
    assert csv.status_code == 200 and "rsvp_id" in csv.text


async def test_organiser_creates_edits_publishes_and_cancels_an_event(organiser: httpx.AsyncClient) -> None:
    form = (await organiser.get("/desk/events/new")).text
    token = csrf_from(form)
    invalid = await organiser.post("/desk/events/new", data={"csrf_token": token, "title_fr": ""})
    assert invalid.status_code == 422
    assert 'aria-invalid="true"' in invalid.text
    created = await organiser.post(
        "/desk/events/new",
        data={
            "csrf_token": token,
            "series": "mornings-les-imperiales",
            "title_fr": "Morning créé au bureau",
            "starts_at": "2031-05-12T08:30",
            "ends_at": "2031-05-12T10:30",
            "venue": "Hôtel Atlas",
            "city": "Rabat",
            "region_code": "MA-04",
            "format": "in_person",
            "capacity": "30",
        },
    )
    assert created.status_code == 303
    location = created.headers["location"]
    event_id = int(re.search(r"/desk/events/(\d+)", location).group(1))  # type: ignore[union-attr]
    page = (await organiser.get(location)).text
    assert "Morning créé au bureau" in page and "08:30" in page, "times are Casablanca wall-clock"
    edit = (await organiser.get(f"/desk/events/{event_id}/edit")).text
    assert 'value="2031-05-12T08:30"' in edit
    saved = await organiser.post(
        f"/desk/events/{event_id}/edit",
        data={"csrf_token": token, "title_fr": "Morning renommé", "starts_at": "2031-05-12T08:30",
              "ends_at": "2031-05-12T10:30", "capacity": "40", "format": "in_person"},
    )  # fmt: skip
    assert saved.status_code == 303
    published = await organiser.post(f"/desk/events/{event_id}/publish", data={"csrf_token": token})
    assert published.status_code == 303
    assert (await organiser.get(f"/events/{event_id}")).status_code == 200, "public once published"
    cancelled = await organiser.post(
        f"/desk/events/{event_id}/cancel", data={"csrf_token": token, "reason": "Report"}
    )
    assert cancelled.status_code == 303
    assert "status-cancelled" in (await organiser.get(f"/desk/events/{event_id}")).text


async def test_check_in_by_token_then_again(organiser: httpx.AsyncClient, platform: Platform) -> None:
    event = create_event(platform.gateway_url, capacity=3)
    rsvp = httpx.post(
        f"{platform.gateway_url}/api/events/events/{event['id']}/rsvps",
        json={"name": "Karim", "email": f"karim-{uuid.uuid4().hex[:6]}@example.ma", "consent": True},
    ).json()
    page = (await organiser.get(f"/desk/events/{event['id']}/checkin")).text
    token = csrf_from(page)
    assert "autofocus" in page
    first = await organiser.post(
        f"/desk/events/{event['id']}/checkin",
        data={"csrf_token": token, "token": rsvp["checkin_token"]},
        headers={"HX-Request": "true"},
    )
    assert 'data-result="checked_in"' in first.text and "<html" not in first.text
    again = await organiser.post(
        f"/desk/events/{event['id']}/checkin",
        data={"csrf_token": token, "token": rsvp["checkin_token"]},
        headers={"HX-Request": "true"},
    )
    assert 'data-result="already_checked_in"' in again.text
    bogus = await organiser.post(
        f"/desk/events/{event['id']}/checkin", data={"csrf_token": token, "token": "nope-nope-nope"}
    )
    assert 'data-result="refused"' in bogus.text


async def test_label_queue_grant_and_reject(organiser: httpx.AsyncClient, platform: Platform) -> None:
    from tests.support.tokens import bearer

    gw = platform.gateway_url
    exporter = httpx.get(f"{gw}/api/registry/exporters/casa-textile-studio").json()
    products = httpx.get(f"{gw}/api/registry/exporters/casa-textile-studio/products").json()["items"]
    headers = bearer("exporter", exporter_id=exporter["id"])
    apps = []
    for product in products[:2]:
        r = httpx.post(
            f"{gw}/api/registry/label-applications", json={"product_id": product["id"]}, headers=headers
        )
        if r.status_code == 201:
            apps.append(r.json())
    assert apps, "the demo exporter can apply"
    queue = (await organiser.get("/desk/labels")).text
    token = csrf_from(queue)
    assert f'id="application-{apps[0]["id"]}"' in queue
    assert f'action="/desk/labels/{apps[0]["id"]}/reject"' not in queue, "review first"
    started = await organiser.post(f"/desk/labels/{apps[0]['id']}/review", data={"csrf_token": token})
    assert started.status_code == 303 and "done=review" in started.headers["location"]
    decided = await organiser.post(
        f"/desk/labels/{apps[0]['id']}/reject", data={"csrf_token": token, "reason": "Dossier incomplet"}
    )
    assert decided.status_code == 303 and "done=reject" in decided.headers["location"]
    assert f'id="application-{apps[0]["id"]}"' not in (await organiser.get("/desk/labels")).text


async def test_exporter_desk_edits_profile_and_applies(site: httpx.AsyncClient, platform: Platform) -> None:
    gw = platform.gateway_url
    exporter = httpx.get(f"{gw}/api/registry/exporters/rabat-code-factory").json()
    email = f"exp-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(gw, email=email, password=PASSWORD, role="exporter", exporter_id=exporter["id"])
    assert (await _sign_in(site, email)).status_code == 303
    desk = (await site.get("/desk")).text
    assert "Rabat Code Factory" in desk
    token = csrf_from(desk)
    bad = await site.post(
        "/desk/profile", data={"csrf_token": token, "city": "Rabat", "export_markets": "ZZ"}
    )
    assert bad.status_code == 422
    saved = await site.post(
        "/desk/profile",
        data={"csrf_token": token, "city": "Salé", "description_fr": "Éditeur de logiciels à Salé.",
              "export_markets": "fr, sn"},
    )  # fmt: skip
    assert saved.status_code == 303
    profile = httpx.get(f"{gw}/api/registry/exporters/rabat-code-factory").json()
    assert profile["city"] == "Salé" and set(profile["export_markets"]) == {"FR", "SN"}
    added = await site.post(
        "/desk/products",
        data={"csrf_token": token, "product_name_fr": "Plateforme RH", "product_hs_code": "852349",
              "product_value_added_pct": "85"},
    )  # fmt: skip
    assert added.status_code == 303
    desk = (await site.get("/desk")).text
    product_id = re.search(r'action="/desk/products/(\d+)/apply"', desk).group(1)  # type: ignore[union-attr]
    applied = await site.post(f"/desk/products/{product_id}/apply", data={"csrf_token": token})
    assert applied.status_code == 303
    assert "Application in progress" in (await site.get("/desk?lang=en")).text
