"""No input gives a 500 (#19.2, events): far dates and booleans for numbers are 422s."""

from __future__ import annotations

import httpx
import pytest

from tests.events.conftest import STAFF, create_published_event, event_payload


@pytest.mark.parametrize(
    "moment",
    [
        "9999-12-31T23:59:59-12:00",  # year 10000 in UTC: OverflowError before
        "0001-01-01T00:00:00+14:00",  # year 0 in UTC
        "9999-12-31T23:59:59",  # naive: Casablanca time
        "1999-12-31T23:00:00Z",
        "2101-01-01T00:00:00Z",
    ],
)
@pytest.mark.parametrize("field", ["starts_at", "ends_at", "rsvp_opens_at", "rsvp_closes_at"])
async def test_event_dates_out_of_range_are_refused(
    events_client: httpx.AsyncClient, field: str, moment: str
) -> None:
    response = await events_client.post("/events", json=event_payload(**{field: moment}), headers=STAFF)
    assert response.status_code == 422, response.text
    errors = {e["field"]: e["type"] for e in response.json()["errors"]}
    assert errors.get(field) == "date_out_of_range", errors


async def test_far_dates_are_refused_on_update_and_in_panels(events_client: httpx.AsyncClient) -> None:
    event = await create_published_event(events_client)
    update = await events_client.patch(
        f"/events/{event['id']}", json={"ends_at": "9999-12-31T23:59:59-12:00"}, headers=STAFF
    )
    assert update.status_code == 422 and update.json()["errors"][0]["type"] == "date_out_of_range"
    panel = event_payload(panels=[{"title": {"fr": "P"}, "starts_at": "0001-01-01T00:00:00+14:00"}])
    created = await events_client.post("/events", json=panel, headers=STAFF)
    assert created.status_code == 422
    assert created.json()["errors"][0]["field"] == "panels.0.starts_at"


async def test_the_openapi_document_states_the_range(events_client: httpx.AsyncClient) -> None:
    schema = (await events_client.get("/openapi.json")).json()["components"]["schemas"]
    assert "2000-01-01" in schema["EventCreate"]["properties"]["starts_at"]["description"]


@pytest.mark.parametrize("value", [True, False, "1", 1.5, "true"])
async def test_purge_days_must_be_an_integer(events_client: httpx.AsyncClient, value: object) -> None:
    response = await events_client.post(
        "/personal-data-purges", json={"older_than_days": value}, headers=STAFF
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "older_than_days"


async def test_capacity_true_is_not_one_seat(events_client: httpx.AsyncClient) -> None:
    response = await events_client.post("/events", json=event_payload(capacity=True), headers=STAFF)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "capacity"
    purge = await events_client.post("/personal-data-purges", json={"older_than_days": 400}, headers=STAFF)
    assert purge.status_code == 200 and purge.json()["older_than_days"] == 400
    # 400.0 is an integer for JSON Schema, so for the API too.
    whole = await events_client.post("/personal-data-purges", json={"older_than_days": 400.0}, headers=STAFF)
    assert whole.status_code == 200 and whole.json()["older_than_days"] == 400


async def test_method_not_allowed_lists_every_method_of_the_path(events_client: httpx.AsyncClient) -> None:
    # GET /series and POST /series live in two routers; Starlette's 405 named only the first.
    response = await events_client.request("OPTIONS", "/series")
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    put = await events_client.put("/events/1")
    assert {"GET", "PATCH"} <= set(put.headers["allow"].split(", "))


async def test_public_reads_say_that_anonymous_callers_are_welcome(events_client: httpx.AsyncClient) -> None:
    paths = (await events_client.get("/openapi.json")).json()["paths"]
    assert {} in paths["/events"]["get"]["security"]
    assert {} in paths["/events/{event_id}"]["get"]["security"]
    assert {} not in paths["/events"]["post"]["security"]


async def test_openapi_states_the_year_range_of_every_event_time(events_client: httpx.AsyncClient) -> None:
    schemas = (await events_client.get("/openapi.json")).json()["components"]["schemas"]
    for name, fields in (
        ("EventCreate", ["starts_at", "ends_at", "rsvp_opens_at", "rsvp_closes_at"]),
        ("EventUpdate", ["starts_at", "ends_at", "rsvp_opens_at", "rsvp_closes_at"]),
        ("PanelIn", ["starts_at", "ends_at"]),
    ):
        for field in fields:
            prop = schemas[name]["properties"][field]
            timed = next(s for s in prop.get("anyOf", [prop]) if s.get("format") == "date-time")
            assert timed["pattern"] == "^(20[0-9]{2}|2100)-", (name, field)
