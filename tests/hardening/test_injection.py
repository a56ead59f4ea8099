"""Injection and escaping: hostile text is stored as text and never runs anywhere.

- XSS payloads in every text a user can enter come back unchanged as JSON data
  (served as application/json with nosniff, never as HTML); pages that render
  them are checked by the frontend's own escaping tests (and test_pages below
  once the website is on main).
- SQL and full-text-search metacharacters in search are plain text: 200, the
  catalogue intact.
- CSV exports neutralise cells a spreadsheet would run as a formula.
- Oversize bodies are 413, overlong fields 422 naming the field.
"""

from __future__ import annotations

import csv
import io
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.hardening.conftest import Callers, problem
from tests.hardening.world import World, unique
from tests.support.stack import Stack

XSS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</textarea><svg/onload=alert(1)>",
    "{{7*7}} {% raw %}${7*7}",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
]
PAYLOAD = " ".join(XSS)


@pytest.fixture(scope="module")
def world(gw: httpx.Client, callers: Callers, platform: Stack) -> World:
    return World(gw, callers, events_database_url=platform.database_urls["events"])


def _assert_json(response: httpx.Response) -> None:
    assert response.headers["content-type"].startswith(("application/json", "application/problem+json"))
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]


def _contains_verbatim(data: Any, payload: str) -> int:
    """How many strings in ``data`` carry the payload unchanged (not escaped, not mangled)."""
    if isinstance(data, str):
        return int(payload in data)
    if isinstance(data, dict):
        return sum(_contains_verbatim(v, payload) for v in data.values())
    if isinstance(data, list):
        return sum(_contains_verbatim(v, payload) for v in data)
    return 0


def test_xss_in_every_catalogue_text_is_stored_verbatim_as_json_data(gw: httpx.Client, world: World) -> None:
    body = world.exporter_body(
        legal_name=f"Legal {XSS[0]}",
        trade_name=f"Trade {XSS[1]} {unique('t')}",
        description_fr=PAYLOAD,
        description_en=PAYLOAD,
        description_ar=PAYLOAD,
        city=XSS[1][:100],
        memberships=[XSS[0][:80]],
        certifications=[{"name": XSS[0][:120], "issuer": XSS[1][:120]}],
    )
    created = gw.post("/api/registry/exporters", json=body, headers=world.admin)
    assert created.status_code == 201, created.text
    _assert_json(created)
    slug = created.json()["slug"]
    assert "<" not in slug and ">" not in slug and '"' not in slug
    product = gw.post(
        f"/api/registry/exporters/{slug}/products",
        json=world.product_body(
            name_fr=XSS[0], name_en=XSS[1], name_ar=XSS[3], description_fr=PAYLOAD, capacity=XSS[0]
        ),
        headers=world.admin,
    )
    assert product.status_code == 201, product.text
    application = gw.post(
        "/api/registry/label-applications",
        json={"product_id": product.json()["id"], "note": PAYLOAD},
        headers=world.admin,
    )
    assert application.status_code == 201, application.text
    review = f"/api/registry/label-applications/{application.json()['id']}/review"
    assert gw.post(review, json={"reason": XSS[0]}, headers=world.admin).status_code == 200
    rejected = gw.post(
        f"/api/registry/label-applications/{application.json()['id']}/reject",
        json={"reason": PAYLOAD},
        headers=world.admin,
    )
    assert rejected.status_code == 200, rejected.text

    profile = gw.get(f"/api/registry/exporters/{slug}")
    _assert_json(profile)
    data = profile.json()
    assert data["legal_name"] == body["legal_name"]
    assert data["trade_name"] == body["trade_name"]
    assert _contains_verbatim(data, PAYLOAD) >= 3
    products = gw.get(f"/api/registry/exporters/{slug}/products").json()
    assert products["items"][0]["name"]["fr"] == XSS[0]
    history = gw.get(
        f"/api/registry/label-applications/{application.json()['id']}", headers=world.admin
    ).json()
    assert history["note"] == PAYLOAD
    assert any(entry["reason"] == PAYLOAD for entry in history["history"])
    # Search finds it by its words, and answers the payload as data too.
    found = gw.get("/api/registry/exporters", params={"q": "Legal"})
    _assert_json(found)


def test_xss_in_every_event_text_is_stored_verbatim_as_json_data(gw: httpx.Client, world: World) -> None:
    body = world.event_body(
        title={"fr": XSS[0], "en": XSS[1], "ar": XSS[3]},
        theme={"fr": PAYLOAD},
        description={"fr": PAYLOAD, "en": PAYLOAD, "ar": PAYLOAD},
        venue=XSS[1],
        city=XSS[0][:100],
        speakers=[{"name": XSS[0], "role": XSS[1], "organisation": XSS[3]}],
        panels=[{"title": {"fr": XSS[1]}, "speakers": [{"name": XSS[3]}]}],
        partners=[{"name": XSS[0], "kind": "partner"}],
    )
    created = gw.post("/api/events/events", json=body, headers=world.admin)
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    assert gw.post(f"/api/events/events/{event_id}/publish", headers=world.admin).status_code == 200
    event = gw.get(f"/api/events/events/{event_id}")
    _assert_json(event)
    data = event.json()
    assert data["title"]["fr"] == XSS[0]
    assert data["speakers"][0]["name"] == XSS[0]
    assert data["partners"][0]["name"] == XSS[0]
    assert _contains_verbatim(data, PAYLOAD) >= 4
    rsvp = world.new_rsvp(event_id, name=XSS[0], organisation=XSS[1])
    manage = gw.get(f"/api/events/rsvps/{rsvp['manage_token']}")
    _assert_json(manage)
    assert manage.json()["name"] == XSS[0]
    # The calendar file carries the title as iCalendar text, not markup that runs.
    ics = gw.get(f"/api/events/events/{event_id}/calendar.ics")
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.headers["x-content-type-options"] == "nosniff"


def test_problem_answers_do_not_reflect_markup_unescaped_as_html(gw: httpx.Client) -> None:
    response = gw.get("/api/registry/exporters/<script>alert(1)</script>")
    assert response.status_code in (404, 422)
    _assert_json(response)
    response = gw.get("/api/registry/exporters", params={"region": XSS[0]})
    assert response.status_code in (200, 422)
    _assert_json(response)


SEARCH_METACHARACTERS = [
    "'",
    '"',
    "' OR '1'='1",
    "'; DROP TABLE exporter; --",
    "1; SELECT * FROM exporter",
    "%",
    "_",
    "\\",
    "*",
    "argan*",
    '"argan',
    "NEAR(argan huile)",
    "argan OR huile",
    "argan AND NOT huile",
    "NOT",
    "-argan",
    "^argan",
    "name:argan",
    "(",
    ")",
    "{}",
    "[]",
    ":*",
    "&|!",
    "<->",
    "@@",
    "ـــ",
    "\u0000",
    "🙂",
    "a" * 200,
]


@pytest.mark.parametrize("resource", ["exporters", "products"])
def test_search_metacharacters_are_plain_text(gw: httpx.Client, resource: str) -> None:
    before = gw.get(f"/api/registry/{resource}", params={"per_page": 1}).json()["total"]
    assert before > 0
    for q in SEARCH_METACHARACTERS:
        response = gw.get(f"/api/registry/{resource}", params={"q": q})
        if q == "\u0000":
            # A NUL cannot be text in PostgreSQL; refused cleanly or treated as nothing.
            assert response.status_code in (200, 422), response.text
            continue
        assert response.status_code == 200, (q, response.text)
        page = response.json()
        assert isinstance(page["items"], list) and page["total"] >= 0
    # An operator is not an operator: "argan OR huile" finds no more than the words together would.
    either = gw.get(f"/api/registry/{resource}", params={"q": "argan OR zzzzqqq"}).json()["total"]
    assert either == 0 or either <= gw.get(f"/api/registry/{resource}", params={"q": "argan"}).json()["total"]
    assert gw.get(f"/api/registry/{resource}", params={"per_page": 1}).json()["total"] == before


def test_literal_punctuation_in_a_name_is_found_as_text(gw: httpx.Client, world: World) -> None:
    marker = unique("zq").replace("-", "")
    body = world.exporter_body(
        trade_name=f'{marker} 100% "Pure" d\'Argan (OR) *', legal_name=f"{marker} SARL"
    )
    assert gw.post("/api/registry/exporters", json=body, headers=world.admin).status_code == 201
    for q in (marker, f"{marker} 100%", f'"{marker}', f"{marker} (OR)", f"{marker}*"):
        response = gw.get("/api/registry/exporters", params={"q": q})
        assert response.status_code == 200, (q, response.text)
        assert [e["trade_name"] for e in response.json()["items"]][:1] == [body["trade_name"]], q


FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+2", "-2+3", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]


def test_attendee_csv_neutralises_formulas(gw: httpx.Client, world: World) -> None:
    event_id = world.new_event()
    for index, formula in enumerate(FORMULAS):
        world.new_rsvp(
            event_id, name=formula, organisation=formula, email=f"f{index}-{unique('x')}@example.ma"
        )
    response = gw.get(f"/api/events/events/{event_id}/attendees.csv", headers=world.admin)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column in ("name", "organisation"):
            assert row[column][0] not in "=+-@", row
            assert row[column][1:] in FORMULAS, row


def test_open_data_csv_neutralises_formulas_when_published(gw: httpx.Client, world: World) -> None:
    paths = gw.get("/openapi.json").json()["paths"]
    assert "/api/registry/open-data/exporters.csv" in paths
    body = world.exporter_body(trade_name='=HYPERLINK("http://evil")', legal_name="+SUM(1)", city="@evil")
    assert gw.post("/api/registry/exporters", json=body, headers=world.admin).status_code == 201
    response = gw.get("/api/registry/open-data/exporters.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell or cell[0] not in "=+-@", row


# --------------------------------------------------------------------------- sizes


def test_oversize_bodies_are_413(gw: httpx.Client, world: World) -> None:
    event_id = world.new_event()
    huge = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = gw.post(
        f"/api/events/events/{event_id}/rsvps", content=huge, headers={"Content-Type": "application/json"}
    )
    problem(response, 413)
    # Announced honestly or not: a chunked body without Content-Length is cut off too.

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 65536

    response = gw.post(
        "/api/registry/exporters",
        content=chunks(),
        headers={"Content-Type": "application/json", **world.admin},
    )
    problem(response, 413)
    response = gw.post("/api/auth/token", content=huge, headers={"Content-Type": "application/json"})
    problem(response, 413)


def test_lying_content_length_is_refused_without_a_hang(gw: httpx.Client) -> None:
    parts = urlsplit(str(gw.base_url))
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/events/events/1/rsvps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 99999999999\r\n\r\n{}"
        )
        answer = sock.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/events/events/{event}/rsvps", {"name": "n" * 201}, "name"),
        ("/api/events/events/{event}/rsvps", {"organisation": "o" * 201}, "organisation"),
        ("/api/events/events/{event}/rsvps", {"email": "e" * 300 + "@example.ma"}, "email"),
        ("/api/registry/exporters", {"description_fr": "d" * 5001}, "description_fr"),
        ("/api/registry/exporters", {"trade_name": "t" * 201}, "trade_name"),
        ("/api/registry/exporters", {"memberships": ["m" * 81]}, "memberships.0"),
        ("/api/events/events", {"title": {"fr": "t" * 5001}}, "title.fr"),
        ("/api/events/events", {"venue": "v" * 301}, "venue"),
        ("/api/registry/label-applications", {"note": "n" * 2001}, "note"),
        ("/api/auth/token", {"email": "a@example.ma", "password": "p" * 257}, "password"),
    ],
)
def test_overlong_fields_are_422_naming_the_field(
    gw: httpx.Client, world: World, path: str, body: dict[str, Any], field: str
) -> None:
    if "{event}" in path:
        path = path.format(event=world.new_event())
        base = world.rsvp_body()
    elif path.endswith("/exporters"):
        base = world.exporter_body()
    elif path.endswith("/events"):
        base = world.event_body()
    elif path.endswith("label-applications"):
        base = {"product_id": world.new_product()}
    else:
        base = {}
    response = gw.post(path, json={**base, **body}, headers=world.admin)
    details = problem(response, 422)
    assert field in [e["field"] for e in details["errors"]], details


def test_overlong_search_query_is_422(gw: httpx.Client) -> None:
    details = problem(gw.get("/api/registry/exporters", params={"q": "q" * 201}), 422)
    assert [e["field"] for e in details["errors"]] == ["q"]
