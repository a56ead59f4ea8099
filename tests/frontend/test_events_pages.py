"""Events and RSVP through the website and the real gateway + events service."""

from __future__ import annotations

import re
import uuid

import httpx

from tests.frontend.conftest import Platform, create_event, csrf_from


async def test_event_list_and_fragment(site: httpx.AsyncClient) -> None:
    html = (await site.get("/events")).text
    assert re.search(r'<h3><a href="/events/\d+">', html)
    assert 'href="/series/mornings-les-imperiales"' in html
    past = (await site.get("/events", params={"when": "past"})).text
    assert "MoroccoTech" in past
    fragment = (await site.get("/events", headers={"HX-Request": "true"})).text
    assert fragment.lstrip().startswith('<section id="event-list"')


async def test_series_page_and_feed(site: httpx.AsyncClient) -> None:
    response = await site.get("/series/mornings-les-imperiales")
    assert response.status_code == 200
    assert 'href="/series/mornings-les-imperiales/calendar.ics"' in response.text
    feed = await site.get("/series/mornings-les-imperiales/calendar.ics")
    assert feed.status_code == 200 and "BEGIN:VCALENDAR" in feed.text
    assert (await site.get("/series/no-such-series")).status_code == 404


async def test_event_page_with_panels_speakers_and_calendar(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    events = httpx.get(f"{platform.gateway_url}/api/events/events", params={"per_page": 50}).json()["items"]
    with_panels = [e for e in events if "journee" in e["slug"]]
    assert with_panels
    html = (await site.get(f"/events/{with_panels[0]['id']}")).text
    assert 'id="panels-title"' in html
    assert "<strong>" in html, "speakers are listed"
    assert "calendar.google.com" in html
    ics = await site.get(f"/events/{with_panels[0]['id']}/calendar.ics")
    assert ics.status_code == 200 and "BEGIN:VEVENT" in ics.text
    assert (await site.get("/events/abc")).status_code == 404
    assert (await site.get("/events/999999")).status_code == 404


async def test_rsvp_inline_validation_returns_only_the_field_message(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=5)
    page = (await site.get(f"/events/{event['id']}")).text
    token = csrf_from(page)
    assert 'hx-trigger="change, keyup changed delay:500ms"' in page
    bad = await site.post(
        f"/events/{event['id']}/rsvp/validate",
        data={"csrf_token": token, "field": "email", "email": "not-an-email"},
        headers={"HX-Request": "true"},
    )
    assert bad.status_code == 200
    assert "field-error" in bad.text and "<html" not in bad.text
    good = await site.post(
        f"/events/{event['id']}/rsvp/validate",
        data={"csrf_token": token, "field": "email", "email": "guest@example.ma"},
        headers={"HX-Request": "true"},
    )
    assert good.text.strip() == ""


async def test_rsvp_without_csrf_is_refused(site: httpx.AsyncClient, platform: Platform) -> None:
    event = create_event(platform.gateway_url, capacity=5)
    response = await site.post(
        f"/events/{event['id']}/rsvp", data={"name": "Eve", "email": "eve@example.ma", "consent": "on"}
    )
    assert response.status_code == 403


async def test_rsvp_form_errors_are_shown_next_to_the_fields(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=5)
    token = csrf_from((await site.get(f"/events/{event['id']}")).text)
    response = await site.post(
        f"/events/{event['id']}/rsvp", data={"csrf_token": token, "name": "A", "email": "nope"}
    )
    assert response.status_code == 422
    assert response.text.count('class="field-error"') == 3, "name, e-mail and consent"
    assert 'aria-invalid="true"' in response.text


async def test_full_rsvp_flow_confirm_manage_cancel_and_promotion(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=1)
    token = csrf_from((await site.get(f"/events/{event['id']}")).text)
    tag = uuid.uuid4().hex[:6]

    async def rsvp(name: str) -> str:
        response = await site.post(
            f"/events/{event['id']}/rsvp",
            data={
                "csrf_token": token,
                "name": name,
                "email": f"{name.lower()}-{tag}@example.ma",
                "consent": "on",
                "organisation": "Les Impériales",
                "website": "",
            },
        )
        assert response.status_code == 303, response.text
        return response.headers["location"]

    first = await rsvp("Amina")
    second = await rsvp("Youssef")
    confirmed = (await site.get(first)).text
    assert "Votre place est confirmée" in confirmed
    assert 'id="manage-link"' in confirmed and "/qr.svg" in confirmed
    waitlisted = (await site.get(second)).text
    assert "liste d&#39;attente" in waitlisted or "liste d'attente" in waitlisted

    manage_path = first.split("?")[0]
    qr = await site.get(f"{manage_path}/qr.svg")
    assert qr.status_code == 200 and qr.headers["content-type"].startswith("image/svg+xml")
    ics = await site.get(f"{manage_path}/calendar.ics")
    assert "BEGIN:VCALENDAR" in ics.text

    cancelled = await site.post(f"{manage_path}/cancel", data={"csrf_token": token})
    assert cancelled.status_code == 303
    assert "annulée" in (await site.get(cancelled.headers["location"])).text
    promoted = (await site.get(second.split("?")[0])).text
    assert "status-confirmed" in promoted, "the waitlisted guest took the freed seat"


async def test_rsvp_with_htmx_redirects_through_hx_redirect(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=3)
    token = csrf_from((await site.get(f"/events/{event['id']}")).text)
    response = await site.post(
        f"/events/{event['id']}/rsvp",
        data={
            "csrf_token": token,
            "name": "Salma",
            "email": f"salma-{uuid.uuid4().hex[:6]}@example.ma",
            "consent": "on",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    assert response.headers["hx-redirect"].startswith("/rsvps/")


async def test_unknown_manage_token_is_a_friendly_404(site: httpx.AsyncClient) -> None:
    response = await site.get("/rsvps/" + "x" * 40)
    assert response.status_code == 404
    assert "Traceback" not in response.text
