"""Webhooks end to end: the real platform on free ports, and a real receiver that checks signatures.

The receiver verifies each message the way the Standard Webhooks specification tells a
receiver to (an implementation of its own here, not the gateway's ``sign``): the HMAC-SHA256
of ``{webhook-id}.{webhook-timestamp}.{body}`` with the base64-decoded part of the endpoint's
``whsec_`` secret, compared in constant time, and a timestamp within five minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from services.registry.demo import make_ice
from tests.support.databases import DatabaseFactory
from tests.support.http import local_client
from tests.support.servers import free_port
from tests.support.stack import SHARED_ENV, Stack, running_stack
from tests.support.tokens import bearer

STAFF = bearer("organiser", sub="account:1")
# Fast retries so "keeps trying", "gives up" and "comes back" are proven in seconds.
WEBHOOK_ENV = {
    **SHARED_ENV,
    "GATEWAY_WEBHOOK_DISPATCH_INTERVAL_SECONDS": "0.2",
    "GATEWAY_WEBHOOK_MAX_ATTEMPTS": "12",
    "GATEWAY_WEBHOOK_RETRY_BASE_SECONDS": "0.1",
    "GATEWAY_WEBHOOK_RETRY_MAX_SECONDS": "0.4",
    "GATEWAY_WEBHOOK_TIMEOUT_SECONDS": "2",
    "REGISTRY_LABEL_EXPIRY_INTERVAL_SECONDS": "0.5",
}
TOLERANCE_SECONDS = 5 * 60


def verify_signature(secret: str, headers: dict[str, str], body: bytes) -> bool:
    message_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not message_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in headers.get("webhook-signature", "").split():
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return True
    return False


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    valid: bool
    answered: int

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records every POST; per path: its secret and its answer."""

    port: int = field(default_factory=free_port)
    secrets: dict[str, str] = field(default_factory=dict)
    answers: dict[str, int] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                secret = receiver.secrets.get(self.path)
                valid = secret is not None and verify_signature(secret, headers, body)
                answer = receiver.answers.get(self.path, 200)
                with receiver._lock:
                    receiver.received.append(Received(self.path, headers, body, valid, answer))
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        # stop() waits for the serving loop to look at its shutdown flag, which it does every
        # poll_interval (0.5 s by default: half a second lost per receiver stopped).
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def at(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == path]


@pytest.fixture(scope="package")
def platform(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(
        databases,
        tmp_path_factory.mktemp("webhook-logs"),
        processes=("registry", "events", "gateway"),
        demo=False,
        extra_env=WEBHOOK_ENV,
    ) as stack:
        yield stack


@pytest.fixture
def gw(platform: Stack) -> Iterator[httpx.Client]:
    with local_client(platform.gateway, timeout=60, headers=STAFF) as client:
        yield client


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


def subscribe(gw: httpx.Client, receiver: Receiver, path: str, types: list[str]) -> dict[str, Any]:
    answer = gw.post("/api/webhooks/endpoints", json={"url": receiver.url(path), "event_types": types})
    assert answer.status_code == 201, answer.text
    endpoint: dict[str, Any] = answer.json()
    receiver.secrets[path] = endpoint["secret"]
    return endpoint


_serial = iter(range(1, 10_000))


def new_exporter(gw: httpx.Client, **overrides: Any) -> dict[str, Any]:
    serial = next(_serial)
    body = {
        "ice": make_ice(7_000_000 + serial),
        "legal_name": f"Webhook Test {serial} SARL",
        "trade_name": f"Webhook Test {serial}",
        "region": "MA-06",
        "city": "Casablanca",
        "sectors": ["textile"],
        "size_band": "small",
        "export_markets": ["FR"],
        **overrides,
    }
    answer = gw.post("/api/registry/exporters", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


def grant_label(
    gw: httpx.Client, slug: str, *, valid_from: str | None = None, valid_until: str | None = None
) -> str:
    product = gw.post(
        f"/api/registry/exporters/{slug}/products",
        json={"name_fr": "Produit test", "hs_code": "620520", "value_added_pct": 60},
    )
    assert product.status_code == 201, product.text
    application = gw.post("/api/registry/label-applications", json={"product_id": product.json()["id"]})
    assert application.status_code == 201, application.text
    app_id = application.json()["id"]
    assert gw.post(f"/api/registry/label-applications/{app_id}/review", json={}).status_code == 200
    body: dict[str, Any] = {"reason": "audit ok"}
    if valid_from:
        body |= {"valid_from": valid_from, "valid_until": valid_until}
    granted = gw.post(f"/api/registry/label-applications/{app_id}/grant", json=body)
    assert granted.status_code == 200, granted.text
    return granted.json()["label"]["certificate_number"]  # type: ignore[no-any-return]
