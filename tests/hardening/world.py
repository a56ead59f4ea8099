"""Fresh resources made through the gateway's public API, for tests that need a target per call."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from stdnum.iso7064 import mod_97_10

from tests.hardening.conftest import Callers

_counter = itertools.count(1)


def valid_ice(seed: int) -> str:
    """A 15-digit ICE whose mod 97-10 checksum is 0 (what stdnum.ma.ice validates)."""
    base = f"{900000000000 + seed:013d}"[-13:]
    for suffix in range(100):
        number = f"{base}{suffix:02d}"
        if mod_97_10.checksum(number) == 0:
            return number
    raise AssertionError("no check digits")  # pragma: no cover


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}-{uuid.uuid4().hex[:6]}"


def ok(response: httpx.Response, *statuses: int) -> Any:
    assert response.status_code in statuses, (
        f"{response.request.method} {response.request.url}: {response.text}"
    )
    return response.json() if response.content else None


class World:
    """Creates what a call needs (as admin), so every caller meets the same fresh state."""

    def __init__(
        self,
        client: httpx.Client,
        callers: Callers,
        *,
        events_database_url: str = "",
        registry_database_url: str = "",
    ) -> None:
        self.client = client
        self.callers = callers
        self.admin = callers["admin"]
        # Where a guest's confirm link is read (the e-mail it goes out in is not opened here).
        self.events_database_url = events_database_url
        self.registry_database_url = registry_database_url

    # ---- registry
    def contact_body(self, **overrides: Any) -> dict[str, Any]:
        body = {
            "name": "Hardening Buyer",
            "email": f"{unique('buyer')}@example.fr",
            "message": "A message long enough to be taken.",
        }
        body.update(overrides)
        return body

    def pending_contact_token(self) -> str:
        """A pending contact request's link token. The API keeps only its hash and the e-mail that
        carries it is not opened here: the request's hash is set to that of a token made here."""
        import hashlib
        import secrets

        import sqlalchemy

        body = self.contact_body()
        ok(self.client.post(f"/api/registry/exporters/{self.own_slug}/contact", json=body), 202)
        token = secrets.token_urlsafe(32)
        url = self.registry_database_url.replace("postgresql://", "postgresql+psycopg://", 1)
        engine = sqlalchemy.create_engine(url)
        try:
            with engine.begin() as connection:
                connection.execute(
                    sqlalchemy.text(
                        "UPDATE contact_request SET token_hash = :hash WHERE sender_email = :email"
                    ),
                    {"hash": hashlib.sha256(token.encode()).hexdigest(), "email": body["email"]},
                )
        finally:
            engine.dispose()
        return token

    @property
    def own_slug(self) -> str:
        return str(self.callers.own_exporter["slug"])

    def exporter_body(self, **overrides: Any) -> dict[str, Any]:
        n = next(_counter)
        body = {
            "ice": valid_ice(n * 7919 + uuid.uuid4().int % 100_000),
            "legal_name": f"Hardening SARL {n}",
            "trade_name": unique("Hardening"),
            "region": "MA-06",
            "city": "Casablanca",
        }
        body.update(overrides)
        return body

    def new_exporter(self) -> dict[str, Any]:
        return ok(  # type: ignore[no-any-return]
            self.client.post("/api/registry/exporters", json=self.exporter_body(), headers=self.admin), 201
        )

    def product_body(self, **overrides: Any) -> dict[str, Any]:
        body = {"name_fr": unique("Produit"), "hs_code": "151090", "value_added_pct": 60}
        body.update(overrides)
        return body

    def new_product(self, slug: str | None = None) -> int:
        product = ok(
            self.client.post(
                f"/api/registry/exporters/{slug or self.own_slug}/products",
                json=self.product_body(),
                headers=self.admin,
            ),
            201,
        )
        return int(product["id"])

    def new_application(self, status: str = "submitted") -> int:
        application = ok(
            self.client.post(
                "/api/registry/label-applications",
                json={"product_id": self.new_product()},
                headers=self.admin,
            ),
            201,
        )
        app_id = int(application["id"])
        if status == "under_review":
            self.move_application(app_id, "review")
        return app_id

    def move_application(self, app_id: int, action: str, body: dict[str, Any] | None = None) -> Any:
        return ok(
            self.client.post(
                f"/api/registry/label-applications/{app_id}/{action}", json=body or {}, headers=self.admin
            ),
            200,
        )

    def new_label(self, status: str = "active") -> str:
        app_id = self.new_application("under_review")
        granted = self.move_application(app_id, "grant")
        number = str(granted["label"]["certificate_number"])
        if status == "suspended":
            ok(
                self.client.post(
                    f"/api/registry/labels/{number}/suspend", json={"reason": "audit"}, headers=self.admin
                ),
                200,
            )
        return number

    # ---- events
    def event_body(self, **overrides: Any) -> dict[str, Any]:
        start = datetime.now(UTC) + timedelta(days=30)
        body = {
            "title": {"fr": unique("Matinale")},
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=3)).isoformat(),
            "capacity": 50,
            "city": "Casablanca",
        }
        body.update(overrides)
        return body

    def new_event(self, *, published: bool = True, **overrides: Any) -> int:
        event = ok(
            self.client.post("/api/events/events", json=self.event_body(**overrides), headers=self.admin), 201
        )
        event_id = int(event["id"])
        if published:
            ok(self.client.post(f"/api/events/events/{event_id}/publish", headers=self.admin), 200)
        return event_id

    def rsvp_body(self, **overrides: Any) -> dict[str, Any]:
        body = {"name": "Guest", "email": f"{unique('guest')}@example.ma", "consent": True}
        body.update(overrides)
        return body

    def new_rsvp(self, event_id: int | None = None, **overrides: Any) -> dict[str, Any]:
        """A confirmed RSVP: asked for (202, nothing told), then confirmed from the e-mailed link."""
        from tests.events.conftest import manage_tokens_in

        event_id = event_id or self.new_event()
        body = self.rsvp_body(**overrides)
        ok(self.client.post(f"/api/events/events/{event_id}/rsvps", json=body), 202)
        token = manage_tokens_in(self.events_database_url, event_id)[body["email"].lower()]
        return ok(self.client.post(f"/api/events/rsvps/{token}/confirm"), 200)  # type: ignore[no-any-return]

    # ---- gateway
    def account_body(self) -> dict[str, Any]:
        return {"email": f"{unique('acct')}@example.ma", "password": "a-long-password-1", "role": "organiser"}

    def new_account(self) -> dict[str, Any]:
        body = self.account_body()
        account = ok(self.client.post("/api/auth/accounts", json=body, headers=self.admin), 201)
        return {**account, "password": body["password"]}

    def new_key(self, scope: str = "read-write") -> dict[str, Any]:
        return ok(  # type: ignore[no-any-return]
            self.client.post(
                "/api/auth/keys",
                json={"name": unique("key"), "role": "organiser", "scope": scope},
                headers=self.admin,
            ),
            201,
        )

    def new_refresh_token(self) -> str:
        account = self.new_account()
        pair = ok(
            self.client.post(
                "/api/auth/token", json={"email": account["email"], "password": account["password"]}
            ),
            200,
        )
        return str(pair["refresh_token"])
