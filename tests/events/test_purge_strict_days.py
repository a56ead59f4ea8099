"""Issue #19.2: ``{"older_than_days": true}`` is not taken as 1 day (a purge is irreversible)."""

from __future__ import annotations

import httpx

from tests.events.conftest import STAFF


async def test_older_than_days_true_is_refused(events_client: httpx.AsyncClient) -> None:
    for value in (True, False, "30", 1.5):
        response = await events_client.post(
            "/personal-data-purges", json={"older_than_days": value}, headers=STAFF
        )
        assert response.status_code == 422, (value, response.text)
        assert response.json()["errors"][0]["field"] == "older_than_days"
