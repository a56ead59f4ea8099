"""The registry's answer cache (services/common/answer_cache.py): profiles, products and an
exporter's products are answered from memory to anonymous callers, never after a write (this
process, another one, raw SQL), never to or from a caller with credentials, and never past the
day a label or certification expires."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import text

from services.common.db import make_sync_engine
from services.registry import catalogue
from services.registry.config import RegistrySettings
from services.registry.main import create_app
from tests.conftest import asgi_client
from tests.registry.conftest import STAFF, create_exporter, create_product
from tests.support.tokens import bearer

pytestmark = pytest.mark.usefixtures("registry_demo")

PROFILE = "/exporters/{slug}"
SLUG = "atlas-argan-cooperative"


def _counts(app, route: str = PROFILE) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    counts = app.state.answer_cache.counts_for(route)
    return counts.hits, counts.misses


async def _get(client: httpx.AsyncClient, path: str, **headers: str) -> httpx.Response:
    response = await client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return response


async def test_a_repeated_profile_is_served_from_the_cache_byte_for_byte(
    registry_app, registry_client: httpx.AsyncClient
) -> None:  # type: ignore[no-untyped-def]
    first = await _get(registry_client, f"/exporters/{SLUG}")
    assert _counts(registry_app) == (0, 1)
    again = await _get(registry_client, f"/exporters/{SLUG}")
    assert _counts(registry_app) == (1, 1)
    assert again.content == first.content
    drop = {"x-request-id"}
    assert [(k, v) for k, v in again.headers.items() if k not in drop] == [
        (k, v) for k, v in first.headers.items() if k not in drop
    ]
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == "public, no-cache"
    assert again.headers["content-type"] == "application/json"
    # A conditional GET answered from the cache is still a 304 with the same tag.
    conditional = await registry_client.get(
        f"/exporters/{SLUG}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert conditional.status_code == 304 and conditional.content == b""
    assert conditional.headers["etag"] == first.headers["etag"]
    assert _counts(registry_app) == (2, 1)
    # A query string is another answer; a missing exporter is never kept.
    for _ in range(2):
        assert (await registry_client.get("/exporters/no-such-exporter")).status_code == 404
    assert registry_app.state.answer_cache.counts_for(PROFILE).misses == 3
    by_id = await _get(registry_client, f"/exporters/by-id/{first.json()['id']}")
    assert by_id.content == first.content


async def test_a_write_through_the_api_is_seen_at_once(registry_client: httpx.AsyncClient) -> None:
    created = await create_exporter(registry_client, 81, slug="cache-test", city="Fès")
    path = f"/exporters/{created['slug']}"
    assert (await _get(registry_client, path)).json()["city"] == "Fès"
    await _get(registry_client, path)  # cached
    response = await registry_client.patch(path, json={"city": "Meknès"}, headers=STAFF)
    assert response.status_code == 200, response.text
    assert (await _get(registry_client, path)).json()["city"] == "Meknès"
    # A new product shows in the exporter's products and in the profile's summary, the second time too.
    products = await _get(registry_client, f"{path}/products")
    assert products.json()["total"] == 0
    product = await create_product(registry_client, created["slug"], name_fr="Tapis berbère")
    for _ in range(2):
        listed = (await _get(registry_client, f"{path}/products")).json()
        assert [p["id"] for p in listed["items"]] == [product["id"]]
    detail = f"/products/{product['id']}"
    assert (await _get(registry_client, detail)).json()["name"]["fr"] == "Tapis berbère"
    await _get(registry_client, detail)
    response = await registry_client.patch(detail, json={"name_fr": "Tapis du Haut Atlas"}, headers=STAFF)
    assert response.status_code == 200, response.text
    assert (await _get(registry_client, detail)).json()["name"]["fr"] == "Tapis du Haut Atlas"
    # Deleted: the cached profile is not served any more.
    assert (await registry_client.delete(path, headers=STAFF)).status_code == 204
    assert (await registry_client.get(path)).status_code == 404


async def test_a_write_by_another_app_instance_on_the_same_database_is_seen(
    registry_url: str, registry_client: httpx.AsyncClient
) -> None:
    path = f"/exporters/{SLUG}"
    before = (await _get(registry_client, path)).json()
    await _get(registry_client, path)
    other = create_app(RegistrySettings(database_url=registry_url, log_level="WARNING"))
    try:
        async with asgi_client(other) as second:
            response = await second.patch(path, json={"website": "https://argan.example.ma"}, headers=STAFF)
            assert response.status_code == 200, response.text
    finally:
        await other.state.engine.dispose()
    after = (await _get(registry_client, path)).json()
    assert after["website"] == "https://argan.example.ma/" != before["website"]


@pytest.mark.parametrize(
    ("statement", "check"),
    [
        ("UPDATE exporter SET city = 'Ouarzazate' WHERE slug = :slug", "city"),
        (
            "INSERT INTO certification (exporter_id, name, issuer) "
            "SELECT id, 'ISO 22000', 'Bureau Test' FROM exporter WHERE slug = :slug",
            "certifications",
        ),
        (
            "UPDATE label SET status = 'suspended' WHERE exporter_id = "
            "(SELECT id FROM exporter WHERE slug = :slug) AND status = 'active'",
            "labels",
        ),
        (
            "INSERT INTO exporter_membership (exporter_id, organisation) "
            "SELECT id, 'Club Test' FROM exporter WHERE slug = :slug",
            "memberships",
        ),
    ],
)
async def test_a_direct_sql_write_is_seen_at_once(
    registry_url: str, registry_client: httpx.AsyncClient, statement: str, check: str
) -> None:
    """Raw SQL (a psql session, a migration, the CLI): on PostgreSQL, the generation triggers."""
    path = f"/exporters/{SLUG}"
    before = (await _get(registry_client, path)).json()
    await _get(registry_client, path)
    engine = make_sync_engine(registry_url)
    try:
        with engine.begin() as conn:
            assert conn.execute(text(statement), {"slug": SLUG}).rowcount >= 1
    finally:
        engine.dispose()
    after = (await _get(registry_client, path)).json()
    assert after[check] != before[check]


async def test_a_caller_with_credentials_never_gets_nor_fills_the_anonymous_answer(
    registry_app, registry_client: httpx.AsyncClient
) -> None:  # type: ignore[no-untyped-def]
    created = await create_exporter(registry_client, 82, slug="discreet-exporter")
    path = f"/exporters/{created['slug']}"
    for _ in range(2):  # organiser first: nothing stored, nothing counted
        staff = await _get(registry_client, path, authorization=STAFF["Authorization"])
        assert staff.json()["email"] == "contact82@example.ma"
        assert staff.headers["cache-control"] == "private, no-cache"
    assert _counts(registry_app) == (0, 0)
    for _ in range(2):
        anonymous = await _get(registry_client, path)
        assert anonymous.json()["email"] is None and anonymous.json()["phone"] is None
    assert _counts(registry_app) == (1, 1)
    # The anonymous answer is cached now: the organiser and a cookie still get their own.
    staff = await _get(registry_client, path, authorization=STAFF["Authorization"])
    assert staff.json()["email"] == "contact82@example.ma"
    owner = bearer("exporter", exporter_id=created["id"])["Authorization"]
    assert (await _get(registry_client, path, authorization=owner)).json()["phone"] == "+212522123456"
    with_key = await _get(registry_client, path, **{"x-api-key": "whatever"})
    assert with_key.headers["cache-control"] == "private, no-cache"
    assert _counts(registry_app) == (1, 1)


async def test_a_label_expiring_at_midnight_expires_in_the_cached_profile(
    registry_client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    labelled = (await _get(registry_client, "/exporters?labelled=true&per_page=50")).json()["items"]
    for item in labelled:
        profile = (await _get(registry_client, f"/exporters/{item['slug']}")).json()
        dated = [lb for lb in profile["labels"] if lb["status"] == "active" and lb["valid_until"]]
        if dated:
            break
    else:
        pytest.fail("the demo has an active label with an end date")
    last_day = date.fromisoformat(dated[0]["valid_until"])
    path = f"/exporters/{item['slug']}"

    def status_on(body: dict) -> str:  # type: ignore[type-arg]
        (label,) = [lb for lb in body["labels"] if lb["certificate_number"] == dated[0]["certificate_number"]]
        return label["status"]  # type: ignore[no-any-return]

    monkeypatch.setattr(catalogue, "today_in_morocco", lambda: last_day)
    for _ in range(2):
        assert status_on((await _get(registry_client, path)).json()) == "active"
    monkeypatch.setattr(catalogue, "today_in_morocco", lambda: last_day + timedelta(days=1))
    for _ in range(2):
        assert status_on((await _get(registry_client, path)).json()) == "expired"


async def test_the_metrics_count_hits_and_misses(registry_client: httpx.AsyncClient) -> None:
    for _ in range(3):
        await _get(registry_client, f"/exporters/{SLUG}")
    metrics = (await registry_client.get("/metrics")).text
    assert 'registry_answer_cache_requests_total{outcome="hit",route="/exporters/{slug}"} 2.0' in metrics
    assert 'registry_answer_cache_requests_total{outcome="miss",route="/exporters/{slug}"} 1.0' in metrics
