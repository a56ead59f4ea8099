"""The organiser desk's guest list and attendance pages (#16.5, #16.6), in fr and ar."""

from __future__ import annotations

import re

import httpx

from tests.frontend.conftest import Platform, confirmed_rsvp, create_event, csrf_from
from tests.frontend.test_desk import organiser  # noqa: F401 - the signed-in organiser fixture


def _rsvp_ids(html: str, action: str) -> list[int]:
    return [int(n) for n in re.findall(rf'/guests/(\d+)/{action}"', html)]


async def test_add_move_cancel_and_history_from_the_desk(
    organiser: httpx.AsyncClient,  # noqa: F811
    platform: Platform,
) -> None:
    event = create_event(platform.gateway_url, capacity=1, title="Morning de la liste")
    eid = event["id"]
    first = confirmed_rsvp(
        platform, eid, {"name": "Première Invitée", "email": "first@example.ma", "consent": True}
    )
    page = await organiser.get(f"/desk/events/{eid}")
    assert page.status_code == 200 and "Ajouter un invité" in page.text
    token = csrf_from(page.text)
    url = f"/desk/events/{eid}/guests"

    # A wrong address: the form comes back with the error in French and what was typed.
    bad = await organiser.post(url, data={"csrf_token": token, "name": "Karim", "email": "karim-at-example"})
    assert bad.status_code == 422 and "Saisissez une adresse e-mail valide." in bad.text
    assert 'value="Karim"' in bad.text and 'aria-invalid="true"' in bad.text
    # The event is full and the organiser asked not to add: 409, the form kept, said in French.
    body = {"csrf_token": token, "name": "Karim", "email": "karim@example.ma", "organisation": "Atlas"}
    full = await organiser.post(url, data=body)
    assert full.status_code == 409 and "L&#39;événement est complet" in full.text
    assert 'value="karim@example.ma"' in full.text
    waiting = await organiser.post(url, data={**body, "when_full": "waitlist"})
    assert waiting.status_code == 303 and "done=guest-waitlisted" in waiting.headers["location"]
    # The same request again: the address is on the list already.
    again = await organiser.post(url, data={**body, "when_full": "waitlist"})
    assert again.status_code == 409 and "Cette adresse e-mail est déjà sur la liste." in again.text

    page = (await organiser.get(f"/desk/events/{eid}")).text
    (karim,) = [n for n in _rsvp_ids(page, "move") if n != first["id"]]
    assert "Ajouter une place pour cette personne" in page, "no free seat: the button adds one"
    seat = await organiser.post(
        f"/desk/events/{eid}/guests/{karim}/move",
        data={"csrf_token": token, "to": "confirmed", "when_full": "add_seat"},
    )
    assert seat.status_code == 303 and "done=moved-confirmed" in seat.headers["location"]
    back = await organiser.post(
        f"/desk/events/{eid}/guests/{first['id']}/move", data={"csrf_token": token, "to": "waitlisted"}
    )
    # Nobody else waits: refused, and the page says why in French.
    assert back.status_code == 303 and "error=nobody-waiting" in back.headers["location"]
    refused = (await organiser.get(back.headers["location"])).text
    assert "Personne d&#39;autre n&#39;est en liste d&#39;attente" in refused
    cancel = await organiser.post(f"/desk/events/{eid}/guests/{karim}/cancel", data={"csrf_token": token})
    assert cancel.status_code == 303 and "done=guest-cancelled" in cancel.headers["location"]

    ar = (await organiser.get(f"/desk/events/{eid}", params={"lang": "ar"})).text
    assert 'dir="rtl"' in ar and "تعديلات لائحة الضيوف" in ar
    assert "أضيف يدويا" in ar and "مُنح مقعدا" in ar and "إلغاء نيابة عن الضيف" in ar
    assert "الحضور" in ar

    csv = await organiser.get(
        f"/desk/events/{eid}/attendees.csv", params={"dialect": "excel-fr", "lang": "fr"}
    )
    assert csv.status_code == 200 and csv.content.startswith("\ufeffN° d'inscription;Statut;".encode())
    assert "\r\n" in csv.text and "Première Invitée" in csv.text


async def test_series_attendance_page_has_a_chart_in_ar(organiser: httpx.AsyncClient) -> None:  # noqa: F811
    home = (await organiser.get("/desk", params={"lang": "fr"})).text
    assert "Présence par série" in home and "/desk/series/mornings-les-imperiales/attendance" in home
    page = await organiser.get("/desk/series/mornings-les-imperiales/attendance", params={"lang": "ar"})
    assert page.status_code == 200, page.text
    assert 'class="chart"' in page.text and "الضيوف الحاضرون شهرا بشهر" in page.text
    assert "الشركات الأكثر حضورا" in page.text
    missing = await organiser.get("/desk/series/no-such-series/attendance")
    assert missing.status_code == 404
