"""Events and RSVP through the website and the real gateway + events service."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone

import httpx

from frontend.web import iso_datetime
from services.events.demo import JNI_SLUG
from tests.events.conftest import manage_tokens_in
from tests.frontend.conftest import Platform, create_event, csrf_from
from tests.support.http import http


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
    # The demo's Journée nationale de l'industrie has panels and speakers; its series finds it
    # whatever other tests have added to the list.
    with_panels = http.get(
        f"{platform.gateway_url}/api/events/events", params={"series": JNI_SLUG, "per_page": 50}
    ).json()["items"]
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
        f"/events/{event['id']}/rsvp", data={"csrf_token": token, "name": "", "email": "nope"}
    )
    assert response.status_code == 422
    assert response.text.count('class="field-error"') == 3, "name, e-mail and consent"
    assert 'aria-invalid="true"' in response.text


async def _ask(site: httpx.AsyncClient, event_id: int, csrf: str, name: str, email: str) -> httpx.Response:
    return await site.post(
        f"/events/{event_id}/rsvp",
        data={
            "csrf_token": csrf,
            "name": name,
            "email": email,
            "consent": "on",
            "organisation": "Les Impériales",
            "website": "",
        },
    )


async def _confirm(site: httpx.AsyncClient, platform: Platform, event_id: int, email: str, csrf: str) -> str:
    """Follow the link of the confirm e-mail (its token read from the database) and confirm."""
    token = manage_tokens_in(platform.events_database_url, event_id)[email]
    page = (await site.get(f"/rsvps/{token}")).text
    assert 'id="confirm-rsvp"' in page and "/qr.svg" not in page, "pending: no seat, no QR"
    confirmed = await site.post(f"/rsvps/{token}/confirm", data={"csrf_token": csrf})
    assert confirmed.status_code == 303, confirmed.text
    return confirmed.headers["location"]  # type: ignore[no-any-return]


async def test_full_rsvp_flow_confirm_manage_cancel_and_promotion(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=1)
    token = csrf_from((await site.get(f"/events/{event['id']}")).text)
    tag = uuid.uuid4().hex[:6]

    async def rsvp(name: str) -> str:
        email = f"{name.lower()}-{tag}@example.ma"
        response = await _ask(site, event["id"], token, name, email)
        assert response.status_code == 303, response.text
        assert response.headers["location"] == f"/events/{event['id']}?rsvp=sent#rsvp-sent"
        return await _confirm(site, platform, event["id"], email, token)

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

    # Cancelling is two steps: a GET only asks.
    asked = await site.get(f"{manage_path}/cancel")
    assert asked.status_code == 200 and 'id="confirm-cancel"' in asked.text
    assert "status-confirmed" in (await site.get(manage_path)).text, "a GET changes nothing"
    cancelled = await site.post(f"{manage_path}/cancel", data={"csrf_token": token})
    assert cancelled.status_code == 303
    assert "annulée" in (await site.get(cancelled.headers["location"])).text
    promoted = (await site.get(second.split("?")[0])).text
    assert "status-confirmed" in promoted, "the waitlisted guest took the freed seat"


async def test_a_known_address_gets_the_same_page_as_a_new_one(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=5)
    csrf = csrf_from((await site.get(f"/events/{event['id']}")).text)
    email = f"owner-{uuid.uuid4().hex[:6]}@example.ma"
    first = await _ask(site, event["id"], csrf, "Owner", email)
    again = await _ask(site, event["id"], csrf, "Intruder", email)
    new = await _ask(site, event["id"], csrf, "Newcomer", f"new-{uuid.uuid4().hex[:6]}@example.ma")
    assert first.status_code == again.status_code == new.status_code == 303
    assert first.headers["location"] == again.headers["location"] == new.headers["location"]
    page = (await site.get(again.headers["location"])).text
    assert 'id="rsvp-sent"' in page and "Vérifiez votre boîte" in page
    assert "/rsvps/" not in page and "Intruder" not in page and "Owner" not in page


async def test_erase_is_two_steps_and_an_erased_page_shows_nothing(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    event = create_event(platform.gateway_url, capacity=5)
    csrf = csrf_from((await site.get(f"/events/{event['id']}")).text)
    email = f"erase-{uuid.uuid4().hex[:6]}@example.ma"
    await _ask(site, event["id"], csrf, "Leila", email)
    manage = (await _confirm(site, platform, event["id"], email, csrf)).split("?")[0]
    asked = await site.get(f"{manage}/erase")
    assert 'id="confirm-erase"' in asked.text
    assert "Leila" in (await site.get(manage)).text, "a GET erases nothing"
    assert (await site.post(f"{manage}/erase")).status_code == 403, "no CSRF, no erasure"
    erased = await site.post(f"{manage}/erase", data={"csrf_token": csrf})
    assert erased.status_code == 303
    page = (await site.get(manage)).text
    assert 'id="rsvp-erased"' in page
    assert "/qr.svg" not in page and "status-confirmed" not in page and "Confirmé" not in page
    assert (await site.get(f"{manage}/qr.svg")).status_code >= 400


async def test_a_cancelled_event_shows_no_entry_pass_and_no_calendar(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    from tests.support.tokens import bearer

    event = create_event(platform.gateway_url, capacity=5)
    csrf = csrf_from((await site.get(f"/events/{event['id']}")).text)
    email = f"storm-{uuid.uuid4().hex[:6]}@example.ma"
    await _ask(site, event["id"], csrf, "Nadia", email)
    manage = (await _confirm(site, platform, event["id"], email, csrf)).split("?")[0]
    cancelled = http.post(
        f"{platform.gateway_url}/api/events/events/{event['id']}/cancel",
        json={"reason": "Tempête"},
        headers=bearer("organiser"),
        timeout=30,
    )
    assert cancelled.status_code == 200, cancelled.text
    page = (await site.get(manage)).text
    assert 'id="event-cancelled"' in page
    assert "/qr.svg" not in page and "calendar.google.com" not in page and "Confirmé" not in page
    assert (await site.get(f"{manage}/qr.svg")).status_code >= 400
    event_page = (await site.get(f"/events/{event['id']}")).text
    assert "calendar.google.com" not in event_page
    assert "STATUS:CANCELLED" in (await site.get(f"{manage}/calendar.ics")).text


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
    assert response.headers["hx-redirect"] == f"/events/{event['id']}?rsvp=sent#rsvp-sent"


async def test_unknown_manage_token_is_a_friendly_404(site: httpx.AsyncClient) -> None:
    response = await site.get("/rsvps/" + "x" * 40)
    assert response.status_code == 404
    assert "Traceback" not in response.text


async def test_event_times_are_written_as_the_api_writes_them(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    """The pages read datetimes through the API's models; `<time datetime>` keeps the API's own text."""
    event = create_event(platform.gateway_url, capacity=5)
    api = http.get(f"{platform.gateway_url}/api/events/events/{event['id']}").json()
    assert api["starts_at"].endswith("Z")
    html = (await site.get(f"/events/{event['id']}")).text
    assert f'<time datetime="{api["starts_at"]}">' in html
    stamp = api["starts_at"].replace("-", "").replace(":", "")[:15] + "Z"
    assert f"dates={stamp}%2F" in html.replace("&amp;", "&"), "the Google Calendar link starts at the event"


def test_iso_filter_writes_utc_as_z_and_leaves_text_alone() -> None:
    assert iso_datetime(datetime(2026, 3, 5, 8, 30, tzinfo=UTC)) == "2026-03-05T08:30:00Z"
    plus_one = timezone(timedelta(hours=1))
    assert iso_datetime(datetime(2026, 3, 5, 9, 30, tzinfo=plus_one)) == "2026-03-05T09:30:00+01:00"
    assert iso_datetime("2026-03-05T08:30:00Z") == "2026-03-05T08:30:00Z"
