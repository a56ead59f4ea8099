"""Desks: sign-in through the gateway's accounts, organiser and exporter work, CSRF everywhere."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest

from tests.frontend.conftest import Platform, confirmed_rsvp, create_account, create_event, csrf_from
from tests.support.http import http

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
    rsvp = confirmed_rsvp(
        platform,
        event["id"],
        {"name": "Karim", "email": f"karim-{uuid.uuid4().hex[:6]}@example.ma", "consent": True},
    )
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
    exporter = http.get(f"{gw}/api/registry/exporters/casa-textile-studio").json()
    products = http.get(f"{gw}/api/registry/exporters/casa-textile-studio/products").json()["items"]
    headers = bearer("exporter", exporter_id=exporter["id"])
    apps = []
    for product in products[:2]:
        r = http.post(
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
    exporter = http.get(f"{gw}/api/registry/exporters/rabat-code-factory").json()
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
    profile = http.get(f"{gw}/api/registry/exporters/rabat-code-factory").json()
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


# ---- import of exporters: a job the desk follows ------------------------------------------------


def _import_csv(serial: int, rows: int = 3) -> bytes:
    from services.registry.demo import make_ice

    lines = ["ice,legal_name,trade_name,region,city"]
    lines += [
        f"{make_ice(3_000_000 + serial * 1000 + n)},Desk {serial}-{n} SARL,Desk {serial}-{n},MA-06,Casablanca"
        for n in range(rows)
    ]
    return ("\r".join(lines) + "\r").encode()  # Excel "CSV (Macintosh)" line endings


async def test_organiser_imports_a_csv_and_follows_the_job(organiser: httpx.AsyncClient) -> None:
    import asyncio

    form = (await organiser.get("/desk/import")).text
    token = csrf_from(form)
    key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', form)
    assert key is not None
    fields = {"csrf_token": token, "idempotency_key": key.group(1)}
    files = {"file": ("exporters.csv", _import_csv(int(uuid.uuid4().int % 1000)), "text/csv")}
    uploaded = await organiser.post("/desk/import", data=fields, files=files)
    assert uploaded.status_code == 303, uploaded.text
    job_url = uploaded.headers["location"]
    assert re.fullmatch(r"/desk/imports/[0-9a-f]{32}", job_url)
    # The same form sent again (double click, back and resubmit): the same job, no second import.
    again = await organiser.post("/desk/import", data=fields, files=files)
    assert again.headers["location"] == job_url
    page = ""
    for _ in range(100):  # HTMX polls the fragment every second; the test polls faster
        fragment = await organiser.get(job_url, headers={"HX-Request": "true"})
        assert fragment.status_code == 200
        page = fragment.text
        assert "<html" not in page  # the fragment only
        if 'data-status="succeeded"' in page or 'data-status="failed"' in page:
            break
        assert 'hx-trigger="every 1s"' in page and f'href="{job_url}"' in page  # JS or a plain link
        await asyncio.sleep(0.1)
    assert 'data-status="succeeded"' in page, page
    assert "hx-trigger" not in page  # polling stops once the job has ended
    full = await organiser.get(job_url)
    assert "<html" in full.text and 'data-status="succeeded"' in full.text
    assert '<progress max="3" value="3">' in full.text and "3 exportateur(s)" in full.text  # fr by default


async def test_a_malformed_import_is_refused_on_the_form(organiser: httpx.AsyncClient) -> None:
    form = (await organiser.get("/desk/import")).text
    files = {"file": ("bad.csv", b"ice,name\n1,2\n", "text/csv")}
    response = await organiser.post("/desk/import", data={"csrf_token": csrf_from(form)}, files=files)
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "header.legal_name" in response.text


async def test_desk_waitlist_places_are_the_guests_own(
    organiser: httpx.AsyncClient, platform: Platform
) -> None:
    """The desk numbers the waiting list as each guest's own page does (not by arrival number)."""
    event = create_event(platform.gateway_url, capacity=1)
    tag = uuid.uuid4().hex[:6]
    guests = [
        confirmed_rsvp(
            platform, event["id"], {"name": f"G{n}", "email": f"g{n}-{tag}@example.ma", "consent": True}
        )
        for n in range(4)
    ]
    # A hole in the line: the first waitlisted guest leaves.
    http.post(f"{platform.gateway_url}/api/events/rsvps/{guests[1]['manage_token']}/cancel", timeout=30)
    html = (await organiser.get(f"/desk/events/{event['id']}")).text
    for g in guests[2:]:
        own = http.get(f"{platform.gateway_url}/api/events/rsvps/{g['manage_token']}", timeout=30).json()
        row = re.search(rf'<td class="num">(\d+)</td><th scope="row">{own["name"]}</th>', html)
        assert row and int(row.group(1)) == own["waitlist_position"], own["name"]


# ---- the role check is a dependency of every desk route -------------------------------------


def test_every_desk_route_checks_the_role() -> None:
    from fastapi.routing import APIRoute

    from frontend.pages.desk import DESKS

    routes = [r for desk in DESKS for r in desk.router.routes if isinstance(r, APIRoute)]
    desk_routes = [r for r in routes if r.path.startswith("/desk")]
    assert len(desk_routes) >= 16
    unguarded = [
        r.path
        for r in desk_routes
        if not any(d.call is not None and d.call.__qualname__.startswith("require_role")
                   for d in r.dependant.dependencies)
    ]  # fmt: skip
    assert unguarded == []


async def test_a_desk_page_for_another_role_is_forbidden(site: httpx.AsyncClient, platform: Platform) -> None:
    gw = platform.gateway_url
    exporter = http.get(f"{gw}/api/registry/exporters/rabat-code-factory").json()
    email = f"exp-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(gw, email=email, password=PASSWORD, role="exporter", exporter_id=exporter["id"])
    assert (await _sign_in(site, email)).status_code == 303
    for path in ("/desk/labels", "/desk/import", "/desk/events/new", "/desk/events/1/checkin"):
        assert (await site.get(path)).status_code == 403, path
    token = csrf_from((await site.get("/desk")).text)
    assert (await site.post("/desk/events/new", data={"csrf_token": token})).status_code == 403


async def test_an_organiser_has_no_exporter_desk(organiser: httpx.AsyncClient) -> None:
    token = csrf_from((await organiser.get("/desk")).text)
    response = await organiser.post("/desk/profile", data={"csrf_token": token, "city": "Fès"})
    assert response.status_code == 403


async def test_a_deep_desk_page_sends_to_sign_in_and_back(site: httpx.AsyncClient) -> None:
    response = await site.get("/desk/events/7/checkin")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/desk/events/7/checkin"
    htmx = await site.get("/desk/labels", headers={"HX-Request": "true"})
    assert htmx.status_code == 204 and htmx.headers["HX-Redirect"] == "/signin?next=/desk/labels"
