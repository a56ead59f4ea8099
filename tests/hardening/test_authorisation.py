"""Authorisation matrix: every write operation x every kind of caller, through the gateway.

The operations come from the merged OpenAPI document: a write operation that
has no entry in MATRIX fails `test_every_write_operation_has_a_matrix_entry`,
so a new endpoint cannot ship without saying who may call it.

Callers: anonymous, an exporter account on its own company and on another
company's, an organiser, an admin, and API keys (role organiser) read-only and
read-write. Expected: the allowed callers get the operation's success status,
anonymous callers of a protected operation 401, everyone else 403.

Then the same protected operations, called straight at the services (bypassing
the gateway): 401 without a token and 401 with a token signed by another key; a
forged bearer token is refused by the service it was forwarded to, and an
unusable Authorization header on an optional-auth read is a 401. (This file
took over tests/gateway/test_authorization.py, whose matrix this one covers.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
import pytest

from tests.hardening.conftest import CALLER_KINDS, PASSWORD, Callers
from tests.hardening.world import World, ok, unique
from tests.support.http import local_client
from tests.support.stack import Stack
from tests.support.waiting import wait_until

WRITE_METHODS = ("post", "put", "patch", "delete")

EVERYONE = frozenset(CALLER_KINDS)
STAFF = frozenset({"organiser", "admin", "key_read_write"})
OWNER_OR_STAFF = STAFF | {"exporter_own"}
ADMIN = frozenset({"admin"})


@dataclass
class Call:
    path: str
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Op:
    allowed: frozenset[str]
    ok: int
    prepare: Callable[[World], Call]
    # Checked by its own test instead (the operation would end the shared callers' sessions).
    elsewhere: str = ""

    @property
    def protected(self) -> bool:
        return "anonymous" not in self.allowed

    def expected(self, caller: str) -> int:
        if caller in self.allowed:
            return self.ok
        return 401 if caller == "anonymous" else 403


def _pending_rsvp_token(w: World) -> str:
    """A pending RSVP's private token, as its confirm e-mail carries it."""
    from tests.events.conftest import manage_tokens_in

    event_id = w.new_event()
    body = w.rsvp_body()
    assert w.client.post(f"/api/events/events/{event_id}/rsvps", json=body).status_code == 202
    return manage_tokens_in(w.events_database_url, event_id)[body["email"].lower()]


def _image_upload(path: str) -> Call:
    """A multipart upload of a small PNG (a logo or a product photo)."""
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 89, 46)).save(picture, "PNG")
    boundary = "mim-authorisation-boundary"
    content = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + picture.getvalue()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return Call(path, content=content, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})


def _with_logo(w: World) -> Call:
    call = _image_upload(f"/api/registry/exporters/{w.own_slug}/logo")
    ok(w.client.put(call.path, content=call.content, headers={**call.headers, **w.admin}), 200)
    return Call(call.path)


def _photo(w: World) -> Call:
    product_id = w.new_product()
    call = _image_upload(f"/api/registry/products/{product_id}/photos")
    photo = ok(w.client.post(call.path, content=call.content, headers={**call.headers, **w.admin}), 201)
    return Call(f"{call.path}/{photo['id']}")


def _event_rsvp_token(w: World) -> str:
    return str(w.new_rsvp()["manage_token"])


def _checkin(w: World) -> Call:
    event_id = w.new_event()
    rsvp = w.new_rsvp(event_id)
    return Call(f"/api/events/events/{event_id}/checkins", json={"token": rsvp["checkin_token"]})


def _waitlisted_guest(w: World) -> Call:
    """A full event's waitlisted guest, moved to a seat added for them."""
    event_id = w.new_event(capacity=1)
    w.new_rsvp(event_id)
    waiting = w.new_rsvp(event_id)
    assert waiting["status"] == "waitlisted"
    return Call(
        f"/api/events/events/{event_id}/guests/{waiting['id']}/move",
        json={"to": "confirmed", "when_full": "add_seat"},
    )


def _webhook_endpoint(w: World) -> int:
    """An endpoint (nobody listens there) for exporters created from now on."""
    body = {"url": "http://127.0.0.1:9/hook", "event_types": ["exporter.created"]}
    return int(ok(w.client.post("/api/webhooks/endpoints", json=body, headers=w.admin), 201)["id"])


_replayable: dict[str, int] = {}


def _replay_delivery(w: World) -> Call:
    """A delivery made once (a new exporter announced to a new endpoint), replayed by each caller."""
    if "id" not in _replayable:
        endpoint = _webhook_endpoint(w)
        w.new_exporter()

        def delivered() -> list[dict[str, Any]]:
            answer = w.client.get(
                "/api/webhooks/deliveries", params={"endpoint_id": endpoint}, headers=w.admin
            )
            return list(ok(answer, 200))

        _replayable["id"] = int(wait_until(delivered, 60, interval=0.5)[0]["id"])
    return Call(f"/api/webhooks/deliveries/{_replayable['id']}/replay")


def _undo_checkin(w: World) -> Call:
    event_id = w.new_event()
    rsvp = w.new_rsvp(event_id)
    ok(
        w.client.post(
            f"/api/events/events/{event_id}/checkins", json={"rsvp_id": rsvp["id"]}, headers=w.admin
        ),
        200,
    )
    return Call(f"/api/events/events/{event_id}/checkins/{rsvp['id']}/undo", json={})


def _sync_checkins(w: World) -> Call:
    event_id = w.new_event()
    rsvp = w.new_rsvp(event_id)
    item = {"client_id": unique("device"), "happened_at": "2026-01-01T08:00:00+00:00", "rsvp_id": rsvp["id"]}
    return Call(f"/api/events/events/{event_id}/checkins/sync", json={"items": [item]})


def _web_session(w: World) -> str:
    account = w.new_account()
    started = w.client.post(
        "/api/auth/sessions", json={"email": account["email"], "password": account["password"]}
    )
    assert started.status_code == 201, started.text
    return str(started.json()["session"])


def _sign_in(w: World) -> Call:
    account = w.new_account()
    return Call("/api/auth/token", json={"email": account["email"], "password": account["password"]})


# Keyed by (METHOD, public path template) exactly as in /openapi.json.
MATRIX: dict[tuple[str, str], Op] = {
    # ---- gateway: accounts, keys, sign-in
    ("POST", "/api/auth/accounts"): Op(
        ADMIN, 201, lambda w: Call("/api/auth/accounts", json=w.account_body())
    ),
    ("POST", "/api/auth/accounts/{account_id}/deactivate"): Op(
        ADMIN, 200, lambda w: Call(f"/api/auth/accounts/{w.new_account()['id']}/deactivate")
    ),
    ("POST", "/api/auth/keys"): Op(
        ADMIN, 201, lambda w: Call("/api/auth/keys", json={"name": unique("k"), "role": "organiser"})
    ),
    ("DELETE", "/api/auth/keys/{key_id}"): Op(
        ADMIN, 204, lambda w: Call(f"/api/auth/keys/{w.new_key()['id']}")
    ),
    ("POST", "/api/auth/token"): Op(EVERYONE, 200, _sign_in),
    # The website's sign-in: a session kept at the gateway, its id the credential.
    ("POST", "/api/auth/sessions"): Op(
        EVERYONE, 201, lambda w: Call("/api/auth/sessions", json=_sign_in(w).json)
    ),
    # Ends the caller's own session, whatever its credential: run on the shared callers, it would
    # sign them out. Its rules (the session id, a bearer token's session) have their own tests.
    ("DELETE", "/api/auth/sessions/current"): Op(
        EVERYONE,
        204,
        lambda w: Call("/api/auth/sessions/current", headers={"Authorization": f"Session {_web_session(w)}"}),
        elsewhere="tests/hardening/test_sessions_end.py",
    ),
    ("POST", "/api/auth/refresh"): Op(
        EVERYONE, 200, lambda w: Call("/api/auth/refresh", json={"refresh_token": w.new_refresh_token()})
    ),
    ("POST", "/api/auth/signout"): Op(
        EVERYONE, 204, lambda w: Call("/api/auth/signout", json={"refresh_token": w.new_refresh_token()})
    ),
    # ---- events: organisers
    ("POST", "/api/events/series"): Op(
        STAFF,
        201,
        lambda w: Call("/api/events/series", json={"slug": unique("serie"), "name": {"fr": "Série"}}),
    ),
    ("POST", "/api/events/events"): Op(STAFF, 201, lambda w: Call("/api/events/events", json=w.event_body())),
    ("PATCH", "/api/events/events/{event_id}"): Op(
        STAFF, 200, lambda w: Call(f"/api/events/events/{w.new_event()}", json={"venue": "Hôtel Hyatt"})
    ),
    ("POST", "/api/events/events/{event_id}/publish"): Op(
        STAFF, 200, lambda w: Call(f"/api/events/events/{w.new_event(published=False)}/publish")
    ),
    ("POST", "/api/events/events/{event_id}/cancel"): Op(
        STAFF, 200, lambda w: Call(f"/api/events/events/{w.new_event()}/cancel", json={"reason": "weather"})
    ),
    ("POST", "/api/events/events/{event_id}/checkins"): Op(STAFF, 200, _checkin),
    ("POST", "/api/events/events/{event_id}/guests"): Op(
        STAFF,
        201,
        lambda w: Call(
            f"/api/events/events/{w.new_event()}/guests",
            json={"name": "Guest", "email": f"{unique('added')}@example.ma"},
        ),
    ),
    ("POST", "/api/events/events/{event_id}/guests/{rsvp_id}/move"): Op(STAFF, 200, _waitlisted_guest),
    ("POST", "/api/events/events/{event_id}/guests/{rsvp_id}/cancel"): Op(
        STAFF,
        200,
        lambda w: Call(f"/api/events/events/{(r := w.new_rsvp())['event']['id']}/guests/{r['id']}/cancel"),
    ),
    # ---- gateway: webhooks (organisers and admins, or a read-write key)
    ("POST", "/api/webhooks/endpoints"): Op(
        STAFF,
        201,
        lambda w: Call(
            "/api/webhooks/endpoints",
            json={"url": "http://127.0.0.1:9/hook", "event_types": ["label.granted"]},
        ),
    ),
    ("PATCH", "/api/webhooks/endpoints/{endpoint_id}"): Op(
        STAFF, 200, lambda w: Call(f"/api/webhooks/endpoints/{_webhook_endpoint(w)}", json={"enabled": False})
    ),
    ("DELETE", "/api/webhooks/endpoints/{endpoint_id}"): Op(
        STAFF, 204, lambda w: Call(f"/api/webhooks/endpoints/{_webhook_endpoint(w)}")
    ),
    ("POST", "/api/webhooks/deliveries/{delivery_id}/replay"): Op(STAFF, 202, _replay_delivery),
    ("POST", "/api/events/events/{event_id}/checkins/{rsvp_id}/undo"): Op(STAFF, 200, _undo_checkin),
    ("POST", "/api/events/events/{event_id}/checkins/sync"): Op(STAFF, 200, _sync_checkins),
    ("POST", "/api/events/events/{event_id}/walk-ins"): Op(
        STAFF, 201, lambda w: Call(f"/api/events/events/{w.new_event()}/walk-ins", json={"name": "Walk-in"})
    ),
    ("POST", "/api/events/personal-data-purges"): Op(
        STAFF, 200, lambda w: Call("/api/events/personal-data-purges", json={"older_than_days": 3650})
    ),
    # ---- events: guests (public, or holding the private manage token)
    # ---- registry: buyers write to exporters (anyone; the sender confirms by e-mail)
    ("POST", "/api/registry/exporters/{slug}/contact"): Op(
        EVERYONE, 202, lambda w: Call(f"/api/registry/exporters/{w.own_slug}/contact", json=w.contact_body())
    ),
    ("POST", "/api/registry/contact-requests"): Op(
        EVERYONE,
        202,
        lambda w: Call("/api/registry/contact-requests", json=w.contact_body(exporters=[w.own_slug])),
    ),
    ("POST", "/api/registry/contact-requests/confirm"): Op(
        EVERYONE,
        200,
        lambda w: Call("/api/registry/contact-requests/confirm", json={"token": w.pending_contact_token()}),
    ),
    ("POST", "/api/events/events/{event_id}/rsvps"): Op(
        EVERYONE, 202, lambda w: Call(f"/api/events/events/{w.new_event()}/rsvps", json=w.rsvp_body())
    ),
    ("POST", "/api/events/rsvps/{token}/confirm"): Op(
        EVERYONE, 200, lambda w: Call(f"/api/events/rsvps/{_pending_rsvp_token(w)}/confirm")
    ),
    ("POST", "/api/events/rsvps/{token}/cancel"): Op(
        EVERYONE, 200, lambda w: Call(f"/api/events/rsvps/{_event_rsvp_token(w)}/cancel")
    ),
    ("POST", "/api/events/rsvps/{token}/erase"): Op(
        EVERYONE, 200, lambda w: Call(f"/api/events/rsvps/{_event_rsvp_token(w)}/erase")
    ),
    # ---- registry: catalogue writes (targets always belong to the "own" exporter)
    ("POST", "/api/registry/exporters"): Op(
        STAFF, 201, lambda w: Call("/api/registry/exporters", json=w.exporter_body())
    ),
    ("PATCH", "/api/registry/exporters/{slug}"): Op(
        OWNER_OR_STAFF,
        200,
        lambda w: Call(f"/api/registry/exporters/{w.own_slug}", json={"description_en": unique("Updated")}),
    ),
    ("DELETE", "/api/registry/exporters/{slug}"): Op(
        STAFF, 204, lambda w: Call(f"/api/registry/exporters/{w.new_exporter()['slug']}")
    ),
    ("POST", "/api/registry/exporters/{slug}/products"): Op(
        OWNER_OR_STAFF,
        201,
        lambda w: Call(f"/api/registry/exporters/{w.own_slug}/products", json=w.product_body()),
    ),
    ("PATCH", "/api/registry/products/{product_id}"): Op(
        OWNER_OR_STAFF,
        200,
        lambda w: Call(f"/api/registry/products/{w.new_product()}", json={"capacity": "9 t"}),
    ),
    ("DELETE", "/api/registry/products/{product_id}"): Op(
        OWNER_OR_STAFF, 204, lambda w: Call(f"/api/registry/products/{w.new_product()}")
    ),
    # ---- registry: logos and product photos (multipart uploads)
    ("PUT", "/api/registry/exporters/{slug}/logo"): Op(
        OWNER_OR_STAFF, 200, lambda w: _image_upload(f"/api/registry/exporters/{w.own_slug}/logo")
    ),
    ("DELETE", "/api/registry/exporters/{slug}/logo"): Op(OWNER_OR_STAFF, 204, _with_logo),
    ("POST", "/api/registry/products/{product_id}/photos"): Op(
        OWNER_OR_STAFF, 201, lambda w: _image_upload(f"/api/registry/products/{w.new_product()}/photos")
    ),
    ("DELETE", "/api/registry/products/{product_id}/photos/{photo_id}"): Op(OWNER_OR_STAFF, 204, _photo),
    ("POST", "/api/registry/exporters/import"): Op(
        STAFF,
        202,
        lambda w: Call(
            "/api/registry/exporters/import?only_valid_rows=true",
            content=b"ice,legal_name,trade_name,region,city\n",
            headers={"Content-Type": "text/csv"},
        ),
    ),
    # ---- registry: the label
    ("POST", "/api/registry/label-applications"): Op(
        OWNER_OR_STAFF,
        201,
        lambda w: Call("/api/registry/label-applications", json={"product_id": w.new_product()}),
    ),
    ("POST", "/api/registry/label-applications/{application_id}/review"): Op(
        STAFF, 200, lambda w: Call(f"/api/registry/label-applications/{w.new_application()}/review", json={})
    ),
    ("POST", "/api/registry/label-applications/{application_id}/grant"): Op(
        STAFF,
        200,
        lambda w: Call(
            f"/api/registry/label-applications/{w.new_application('under_review')}/grant", json={}
        ),
    ),
    ("POST", "/api/registry/label-applications/{application_id}/reject"): Op(
        STAFF,
        200,
        lambda w: Call(
            f"/api/registry/label-applications/{w.new_application('under_review')}/reject",
            json={"reason": "insufficient value added"},
        ),
    ),
    # Public: batch verification reads only (its own rate limit at the gateway).
    ("POST", "/api/registry/labels/verify"): Op(
        EVERYONE, 200, lambda w: Call("/api/registry/labels/verify", json={"certificates": [w.new_label()]})
    ),
    ("POST", "/api/registry/labels/{certificate_number}/suspend"): Op(
        STAFF, 200, lambda w: Call(f"/api/registry/labels/{w.new_label()}/suspend", json={"reason": "audit"})
    ),
    ("POST", "/api/registry/labels/{certificate_number}/reinstate"): Op(
        STAFF, 200, lambda w: Call(f"/api/registry/labels/{w.new_label('suspended')}/reinstate", json={})
    ),
    ("POST", "/api/registry/labels/{certificate_number}/withdraw"): Op(
        STAFF, 200, lambda w: Call(f"/api/registry/labels/{w.new_label()}/withdraw", json={"reason": "fraud"})
    ),
}


def _write_operations(document: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in WRITE_METHODS
    )


@pytest.fixture(scope="module")
def document(gw: httpx.Client) -> dict[str, Any]:
    response = gw.get("/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def world(gw: httpx.Client, callers: Callers, platform: Stack) -> World:
    return World(
        gw,
        callers,
        events_database_url=platform.database_urls["events"],
        registry_database_url=platform.database_urls["registry"],
    )


def _send(client: httpx.Client, method: str, call: Call, headers: dict[str, str]) -> httpx.Response:
    return client.request(
        method, call.path, json=call.json, content=call.content, headers={**call.headers, **headers}
    )


def test_every_write_operation_has_a_matrix_entry(document: dict[str, Any]) -> None:
    missing = [op for op in _write_operations(document) if op not in MATRIX]
    assert not missing, f"write operations without an authorisation entry: {missing}"
    assert len(_write_operations(document)) >= 25


def test_authorisation_matrix(
    gw: httpx.Client, callers: Callers, world: World, document: dict[str, Any]
) -> None:
    mismatches = []
    checked = 0
    for method, path in _write_operations(document):
        op = MATRIX[(method, path)]
        if op.elsewhere:
            continue
        # An allowed caller changes what it is given (deletes it, confirms it...): each gets a
        # fresh one. A refused call changes nothing, so the refused callers share one; should one
        # of them wrongly succeed, its own answer is already a mismatch.
        refused_call: Call | None = None
        for caller in CALLER_KINDS:
            if caller in op.allowed:
                call = op.prepare(world)
            else:
                refused_call = refused_call or op.prepare(world)
                call = refused_call
            response = _send(gw, method, call, callers[caller])
            checked += 1
            expected = op.expected(caller)
            if response.status_code != expected:
                mismatches.append(
                    f"{caller:15} {method} {call.path}: {response.status_code} != {expected} "
                    f"{response.text[:200]}"
                )
            elif expected in (401, 403):
                assert response.headers["content-type"].startswith("application/problem+json")
    assert not mismatches, "\n".join(mismatches)
    assert checked >= 25 * len(CALLER_KINDS)


def _forged(role: str = "admin") -> dict[str, str]:
    now = int(time.time())
    claims = {
        "sub": "account:1",
        "role": role,
        "scope": "read-write",
        "iat": now,
        "exp": now + 600,
        "iss": "made-in-morocco",
    }
    token = jwt.encode(claims, "another-secret-that-is-long-enough-0123456789", algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


def _none_alg() -> dict[str, str]:
    now = int(time.time())
    claims = {
        "sub": "account:1",
        "role": "admin",
        "scope": "read-write",
        "exp": now + 600,
        "iss": "made-in-morocco",
    }
    return {"Authorization": f"Bearer {jwt.encode(claims, None, algorithm='none')}"}


def test_bypassing_the_gateway_needs_a_valid_token_too(
    platform: Stack, world: World, document: dict[str, Any]
) -> None:
    checked = 0
    for method, path in _write_operations(document):
        service = path.split("/")[2]
        op = MATRIX[(method, path)]
        if service not in ("registry", "events") or not op.protected:
            continue
        call = op.prepare(world)
        direct = call.path.removeprefix(f"/api/{service}")
        with local_client(platform.url(service), timeout=15) as client:
            for headers in ({}, _forged(), _none_alg(), {"Authorization": "Bearer not-a-jwt"}):
                response = _send(client, method, Call(direct, call.json, call.content, call.headers), headers)
                assert response.status_code == 401, (method, direct, headers, response.text)
                assert response.headers["content-type"].startswith("application/problem+json")
                checked += 1
    assert checked >= 4 * 20


def test_forged_and_revoked_credentials_through_the_gateway(gw: httpx.Client, world: World) -> None:
    for headers in (_forged(), _none_alg(), {"X-API-Key": "mim_not-a-real-key-0123456789"}):
        response = gw.post("/api/events/events", json=world.event_body(), headers=headers)
        assert response.status_code == 401, response.text
    key = world.new_key()
    assert (
        gw.post("/api/events/events", json=world.event_body(), headers={"X-API-Key": key["key"]}).status_code
        == 201
    )
    assert gw.delete(f"/api/auth/keys/{key['id']}", headers=world.admin).status_code == 204
    response = gw.post("/api/events/events", json=world.event_body(), headers={"X-API-Key": key["key"]})
    assert response.status_code == 401, response.text


def test_a_bearer_token_is_forwarded_as_is_and_verified_by_the_service(
    gw: httpx.Client, callers: Callers
) -> None:
    token = callers["organiser"]["Authorization"]
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = gw.post("/api/registry/exporters", json={}, headers={"Authorization": forged})
    assert response.status_code == 401  # the registry refused it, not the gateway
    assert response.json()["instance"] == "/exporters"


def test_an_unusable_authorization_header_is_a_401_and_every_real_credential_still_reads(
    gw: httpx.Client, callers: Callers
) -> None:
    """Optional-auth reads (the events list) answer a present-but-unusable Authorization with a
    401 instead of silently serving an anonymous page; the gateway's own credentials (a website
    session `Session <id>`, an API key, `ApiKey <key>`) still reach them as bearer tokens."""
    started = gw.post(
        "/api/auth/sessions", json={"email": callers.passwords["organiser"], "password": PASSWORD}
    )
    assert started.status_code == 201, started.text
    key = callers.raw_keys["key_read_write"]
    for headers in (
        {},
        callers["organiser"],
        callers["key_read_write"],
        {"Authorization": f"ApiKey {key}"},
        {"Authorization": f"Session {started.json()['session']}"},
    ):
        response = gw.get("/api/events/events", headers=headers)
        assert response.status_code == 200, (headers, response.text)
    for value in ("Basic dXNlcjpwYXNz", "Token abc", "Bearer", ""):
        response = gw.get("/api/events/events", headers={"Authorization": value})
        assert response.status_code == 401, (value, response.text)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
