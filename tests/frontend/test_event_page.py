"""The event page worth reading (#16.4), and the desk form that writes it, without JavaScript."""

from __future__ import annotations

import html as html_lib
import re
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from frontend.i18n import TIMEZONE
from tests.frontend.conftest import Platform, create_account, csrf_from
from tests.support.http import http

PASSWORD = "correct horse battery"
PHOTO = "https://images.example.ma/speakers/nadia.jpg"


@pytest.fixture
async def organiser(site: httpx.AsyncClient, platform: Platform) -> httpx.AsyncClient:
    email = f"page-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(platform.gateway_url, email=email, password=PASSWORD, role="organiser")
    form = (await site.get("/signin")).text
    signed = await site.post(
        "/signin", data={"csrf_token": csrf_from(form), "email": email, "password": PASSWORD, "next": "/desk"}
    )
    assert signed.status_code == 303
    return site


def _exporter(platform: Platform) -> dict:  # type: ignore[type-arg]
    listed = http.get(f"{platform.gateway_url}/api/registry/exporters", timeout=30).json()
    return listed["items"][0]  # type: ignore[no-any-return]


def _count_titled(platform: Platform, title: str) -> int:
    """Events (drafts too) with this French title, read straight from the events database."""
    import sqlalchemy

    url = platform.events_database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:
            query = sqlalchemy.text("SELECT count(*) FROM event WHERE title_fr = :title")
            return int(connection.execute(query, {"title": title}).scalar_one())
    finally:
        engine.dispose()


def _local(moment: datetime) -> str:
    return moment.astimezone(TIMEZONE).strftime("%Y-%m-%dT%H:%M")


def _form(token: str, exporter_id: int) -> dict[str, str]:
    """A Morning with a programme of two panels, two speakers, a partner; RSVPs open in 3 days."""
    start = (datetime.now(UTC) + timedelta(days=30)).replace(hour=8, minute=0, second=0, microsecond=0)
    return {
        "csrf_token": token,
        "title_fr": "Morning du Made in Morocco",
        "title_en": "Made in Morocco Morning",
        "title_ar": "لقاء صنع في المغرب",
        "description_fr": "Petit-déjeuner du Club.",
        "description_ar": "فطور النادي.",
        "starts_at": _local(start),
        "ends_at": _local(start + timedelta(hours=3)),
        "venue": "Hôtel Atlas",
        "city": "Casablanca",
        "latitude": "33,5731",  # a French comma is a decimal point
        "longitude": "-7.5898",
        "format": "in_person",
        "capacity": "40",
        "rsvp_opens_at": _local(datetime.now(UTC) + timedelta(days=3)),
        "panel_rows": "2",
        "panel-0-title_fr": "Financer l'export",
        "panel-0-title_ar": "تمويل التصدير",
        "panel-0-starts": "09:00",
        "panel-0-ends": "09:45",
        "panel-1-title_fr": "Logistique",
        "panel-1-starts": "10:00",
        "speaker_rows": "3",
        "speaker-0-name": "Nadia Benjelloun",
        "speaker-0-role_fr": "Directrice export",
        "speaker-0-role_en": "Export director",
        "speaker-0-role_ar": "مديرة التصدير",
        "speaker-0-organisation": "Atlas Textiles",
        "speaker-0-exporter_id": str(exporter_id),
        "speaker-0-photo_url": PHOTO,
        "speaker-0-panel": "0",
        "speaker-1-name": "Omar Tazi",
        "speaker-1-role_fr": "Délégué régional",
        "speaker-1-panel": "1",
        "speaker-2-panel": "0",  # an empty row: left out
        "partner_rows": "2",
        "partner-0-name": "ASMEX",
        "partner-0-kind": "partner",
        "partner-0-url": "https://www.asmex.org",
        "partner-1-kind": "partner",
    }


def _errors(page: str) -> dict[str, str]:
    """input name -> its error text, from the re-rendered form."""
    found = re.findall(
        r'<div id="err-([^"]+)" aria-live="polite"><p class="field-error">(.*?)</p>', page, re.S
    )
    return {name: html_lib.unescape(text) for name, text in found}


async def _create(organiser: httpx.AsyncClient, form: dict[str, str]) -> int:
    created = await organiser.post("/desk/events/new", data=form)
    assert created.status_code == 303, _errors(created.text) or created.text[:2000]
    event_id = int(re.search(r"/desk/events/(\d+)", created.headers["location"]).group(1))  # type: ignore[union-attr]
    published = await organiser.post(
        f"/desk/events/{event_id}/publish", data={"csrf_token": form["csrf_token"]}
    )
    assert published.status_code == 303
    return event_id


async def test_add_a_row_without_javascript_keeps_what_was_typed(organiser: httpx.AsyncClient) -> None:
    page = (await organiser.get("/desk/events/new")).text
    token = csrf_from(page)
    assert 'id="panel-0"' in page and 'id="panel-1"' not in page
    assert page.index('name="save"') < page.index('name="add" value="panel"'), "Enter saves, never adds"
    more = await organiser.post(
        "/desk/events/new",
        data={"csrf_token": token, "title_fr": "Brouillon", "panel_rows": "1", "speaker_rows": "1",
              "partner_rows": "1", "panel-0-title_fr": "Ouverture", "add": "panel"},
    )  # fmt: skip
    assert more.status_code == 200
    assert (
        'id="panel-1"' in more.text and 'value="Ouverture"' in more.text and 'value="Brouillon"' in more.text
    )
    assert _errors(more.text) == {}, "adding a row checks nothing yet"
    # A forged count never makes more rows than the API takes.
    many = await organiser.post(
        "/desk/events/new", data={"csrf_token": token, "panel_rows": "9999", "add": "panel"}
    )
    assert many.text.count('<fieldset id="panel-') == 30 and 'value="panel"' not in many.text


async def test_the_event_page_in_three_languages(
    organiser: httpx.AsyncClient, site: httpx.AsyncClient, platform: Platform
) -> None:
    exporter = _exporter(platform)
    token = csrf_from((await organiser.get("/desk/events/new")).text)
    event_id = await _create(organiser, _form(token, exporter["id"]))

    fr = (await site.get(f"/events/{event_id}?lang=fr")).text
    assert "Financer l&#39;export" in fr and "Directrice export" in fr and "Logistique" in fr
    assert re.search(r'<time datetime="[^"]+">09:00</time>–<time datetime="[^"]+">09:45</time>', fr)
    img = re.search(r"<img [^>]*>", fr).group(0)  # type: ignore[union-attr]
    for attribute in (f'src="{PHOTO}"', 'alt="Photo de Nadia Benjelloun"', 'width="64"', 'height="64"',
                      'loading="lazy"', 'referrerpolicy="no-referrer"'):  # fmt: skip
        assert attribute in img, (attribute, img)
    assert f'<a href="/exporters/{exporter["slug"]}">Atlas Textiles</a>' in fr
    assert "https://www.openstreetmap.org/?mlat=33.573100&amp;mlon=-7.589800#map=17/33.573100/-7.589800" in fr
    assert 'href="geo:33.573100,-7.589800"' in fr
    assert 'href="https://www.asmex.org" rel="noopener noreferrer nofollow"' in fr
    assert "Les réservations ouvrent le" in fr or "ouvre" in fr.lower()
    assert re.search(r'id="rsvp-closed">[^<]*\d', fr), "the opening date is shown"

    ar = (await site.get(f"/events/{event_id}?lang=ar")).text
    assert re.search(r'<html[^>]+dir="rtl"', ar) and re.search(r'<html[^>]+lang="ar"', ar)
    assert "تمويل التصدير" in ar and "مديرة التصدير" in ar and "لقاء صنع في المغرب" in ar
    assert "يُفتح الحجز في" in ar
    assert 'alt="صورة Nadia Benjelloun"' in ar
    # "Logistique" has no Arabic title: shown in French, marked so.
    assert re.search(r'<span lang="fr"[^>]*>Logistique</span>', ar), ar[ar.find("Logistique") - 200 :][:300]

    en = (await site.get(f"/events/{event_id}?lang=en")).text
    assert "Export director" in en and "Reservations open on" in en
    assert "See the venue on a map (OpenStreetMap)" in en

    # The desk form shows it all back; saving it unchanged changes nothing a guest's calendar holds.
    api = f"{platform.gateway_url}/api/events/events/{event_id}"
    before = http.get(api, timeout=30).json()
    edit = (await organiser.get(f"/desk/events/{event_id}/edit")).text
    assert 'value="09:45"' in edit and f'value="{PHOTO}"' in edit and 'value="33.5731"' in edit
    assert re.search(r'<option value="1" selected>', edit), "Omar speaks on panel 1"
    values = dict(re.findall(r'<input id="f-[^"]+" name="([^"]+)" type="[^"]+" value="([^"]*)"', edit))
    for name, options in re.findall(r'<select id="f-[^"]+" name="([^"]+)">(.*?)</select>', edit, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        values[name] = chosen.group(1) if chosen else re.search(r'<option value="([^"]*)"', options).group(1)  # type: ignore[union-attr]
    values |= {
        "csrf_token": token,
        "format": "in_person",
        "panel_rows": "3",
        "speaker_rows": "3",
        "partner_rows": "2",
    }
    values = {k: html_lib.unescape(v) for k, v in values.items()}
    saved = await organiser.post(f"/desk/events/{event_id}/edit", data=values)
    assert saved.status_code == 303, _errors(saved.text)
    after = http.get(api, timeout=30).json()
    assert after["local"] == before["local"] and after["map"] == before["map"]
    assert [p["title"] for p in after["panels"]] == [p["title"] for p in before["panels"]]
    assert [(s["name"], s["photo_url"]) for s in after["speakers"]] == [("Nadia Benjelloun", PHOTO)]
    assert [s["name"] for s in after["panels"][0]["speakers"]] == ["Omar Tazi"]
    ics = http.get(f"{api}/calendar.ics", timeout=30).text
    assert "SEQUENCE:0" in ics and "GEO:33.5731;-7.5898" in ics

    # A form without rows (an older page) leaves the programme alone.
    plain = {k: values[k] for k in ("csrf_token", "title_fr", "starts_at", "ends_at", "capacity", "format")}
    assert (await organiser.post(f"/desk/events/{event_id}/edit", data=plain)).status_code == 303
    kept = http.get(api, timeout=30).json()
    assert len(kept["panels"]) == 2 and kept["map"] == before["map"] and kept["rsvp"] == before["rsvp"]


async def test_bad_rows_are_refused_in_the_readers_language_and_nothing_is_saved(
    organiser: httpx.AsyncClient, platform: Platform
) -> None:
    token = csrf_from((await organiser.get("/desk/events/new?lang=ar")).text)
    before = _count_titled(platform, "Morning du Made in Morocco")
    form = _form(token, _exporter(platform)["id"]) | {
        "speaker-0-photo_url": "javascript:alert(1)",
        "panel-1-starts": "25:00",
        "latitude": "95",
        "partner-1-url": "ftp://x",
        "speaker-1-name": "",
        "speaker-1-role_fr": "Délégué régional",
    }
    refused = await organiser.post("/desk/events/new?lang=ar", data=form)
    assert refused.status_code == 422
    errors = _errors(refused.text)
    assert set(errors) == {
        "speaker-0-photo_url",
        "panel-1-starts",
        "latitude",
        "partner-1-name",
        "partner-1-url",
        "speaker-1-name",
    }
    for text in errors.values():
        assert not re.search(r"[A-Za-z]{4,}", text.replace("https://", "").replace("http://", "")), text
    assert 'value="javascript:alert(1)"' in refused.text, "what was typed stays, escaped"

    # The API's own rule (a plain https host, no credentials) comes back on the row it was typed in.
    sneaky = _form(token, 1) | {"speaker-0-photo_url": "https://user:pw@images.example.ma/a.jpg"}
    refused = await organiser.post("/desk/events/new?lang=fr", data=sneaky)
    assert refused.status_code == 422
    assert set(_errors(refused.text)) == {"speaker-0-photo_url"}
    assert "https://" in _errors(refused.text)["speaker-0-photo_url"]
    assert _count_titled(platform, "Morning du Made in Morocco") == before, "nothing was saved"


async def test_a_photo_address_with_quotes_stays_an_address(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    """The API takes any path after an https host; the page escapes it inside the attribute."""
    from tests.frontend.conftest import create_event
    from tests.support.tokens import bearer

    event = create_event(platform.gateway_url, capacity=5, title="Morning échappé")
    hostile = 'https://images.example.ma/a"onerror="alert(1)"<script>.jpg'
    patched = http.patch(
        f"{platform.gateway_url}/api/events/events/{event['id']}",
        json={"speakers": [{"name": "<b>Nadia</b>", "role": "Dir", "photo_url": hostile}]},
        headers=bearer("organiser"),
        timeout=30,
    )
    assert patched.status_code == 200, patched.text
    page = (await site.get(f"/events/{event['id']}")).text
    assert "onerror=" not in page.replace("onerror=&#34;", "") and "<script>.jpg" not in page
    assert 'src="https://images.example.ma/a&#34;onerror=&#34;alert(1)&#34;&lt;script&gt;.jpg"' in page
    assert "&lt;b&gt;Nadia&lt;/b&gt;" in page
