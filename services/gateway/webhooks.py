"""Webhooks for integrators, after the Standard Webhooks specification (standardwebhooks.com).

The services append what changed to their own change logs (services/common/changes.py); the
gateway reads them (``/internal/changes``), writes one ``webhook_delivery`` per subscribed
enabled endpoint and change, moving its per-service cursor in the same transaction (a restart
neither loses nor repeats the fan-out), and sends each delivery until a 2xx:

- ``POST <url>`` with the JSON body ``{"type", "timestamp", "data"}``;
- headers ``webhook-id`` (the message id, the same on every attempt and on a replay),
  ``webhook-timestamp`` (the attempt's Unix time) and ``webhook-signature``
  ``v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`` where the key is the base64
  part of the endpoint's secret ``whsec_<base64>``, decoded;
- retried with exponential back-off; after ``webhook_max_attempts`` the delivery is
  ``failed`` and the endpoint disabled with a reason, shown by the API and the desk (the
  gateway sends no e-mail).

Outgoing URLs: https, or http to 127.0.0.1/localhost outside production; in production an
address that is not public (loopback, private, link-local, reserved) is refused when the
endpoint is saved and again when a message is sent (the resolver drops such addresses).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import Conflict, FieldError, NotFound, UnprocessableContent
from services.common.models import utcnow
from services.gateway.config import GatewaySettings
from services.gateway.models import WebhookCursor, WebhookDelivery, WebhookEndpoint

# Change type -> the service whose change log has it. The services' own lists
# (services/registry/changes.py, services/events/changes.py) are checked against it in tests.
EVENT_TYPES: dict[str, str] = {
    "label.granted": "registry",
    "label.suspended": "registry",
    "label.reinstated": "registry",
    "label.withdrawn": "registry",
    "label.expired": "registry",
    "exporter.created": "registry",
    "exporter.updated": "registry",
    "exporter.deleted": "registry",
    "event.published": "events",
    "event.changed": "events",
    "event.cancelled": "events",
}
SECRET_PREFIX = "whsec_"  # noqa: S105 (the Standard Webhooks prefix, not a secret)
SECRET_BYTES = 24
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class DeliveryStatus:
    pending = "pending"
    delivered = "delivered"
    failed = "failed"


# --------------------------------------------------------------------------- signing


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secret: str, message_id: str, timestamp: int, body: str) -> str:
    """The ``webhook-signature`` header value for one attempt."""
    content = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def message_id(source: str, change_id: int, endpoint_id: int) -> str:
    """Stable per change and endpoint: a receiver de-duplicates on it."""
    return f"msg_{source}_{change_id}_{endpoint_id}"


def message_body(type_: str, occurred_at: str, data: dict[str, Any]) -> str:
    return json.dumps({"type": type_, "timestamp": occurred_at, "data": data}, separators=(",", ":"))


# --------------------------------------------------------------------------- URLs


def _url_error(code: str, message: str) -> UnprocessableContent:
    return UnprocessableContent(
        message, slug=code, errors=[FieldError(field="url", message=message, type=code.replace("-", "_"))]
    )


def _is_public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url_shape(url: str, *, production: bool) -> str:
    """The URL as stored, or a 422 naming ``url``: scheme, a host name or address, no credentials,
    no control character or space anywhere (urlsplit keeps them; a host of control characters
    passed outside production, where no DNS lookup judges it)."""
    url = url.strip()
    if any(ord(c) < 0x21 or 0x7F <= ord(c) <= 0x9F or c.isspace() for c in url):
        raise _url_error("invalid-url", "must not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise _url_error("invalid-url", "is not a valid URL") from exc
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or parts.username or parts.password:
        raise _url_error("invalid-url", "must be an absolute http(s) URL with a host and no credentials")
    if not _is_host(host):
        raise _url_error("invalid-url", "has an invalid host name")
    if port == 0:
        raise _url_error("invalid-url", "has an invalid port")
    if parts.scheme == "http" and (production or host not in LOCAL_HOSTS):
        raise _url_error(
            "insecure-url",
            "must use https" if production else "must use https (http is allowed for 127.0.0.1 only)",
        )
    return url


def _is_host(host: str) -> bool:
    """An IP address, or a name whose IDNA form is letters, digits, hyphens (not first or last)
    and underscores (found in real host names) per label."""
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return False
    labels = ascii_host.rstrip(".").split(".")
    return all(
        0 < len(label) <= 63
        and not label.startswith("-")
        and not label.endswith("-")
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in label)
        for label in labels
    )


async def resolve_public(host: str, port: int) -> list[str]:
    """The host's addresses, all public, or ValueError saying why not."""
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise ValueError("its host does not resolve") from exc
        addresses = sorted({str(info[4][0]) for info in infos})
    if not addresses or not all(_is_public(a) for a in addresses):
        raise ValueError("points to a private, loopback or reserved address")
    return addresses


async def check_url(url: str, *, production: bool) -> str:
    url = check_url_shape(url, production=production)
    if production:
        parts = urlsplit(url)
        try:
            await resolve_public(parts.hostname or "", parts.port or 443)
        except ValueError as exc:
            raise _url_error("private-address", str(exc)) from exc
    return url


def check_event_types(types: Sequence[str]) -> list[str]:
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise UnprocessableContent(
            f"Unknown event type(s): {', '.join(unknown)}.",
            slug="unknown-event-type",
            errors=[
                FieldError(
                    field="event_types", message=f"unknown event type '{t}'", type="unknown_event_type"
                )
                for t in unknown
            ],
        )
    if not types:
        raise UnprocessableContent.for_field("event_types", "name at least one event type")
    return sorted(set(types))


# --------------------------------------------------------------------------- endpoints


async def create_endpoint(
    *,
    session: AsyncSession,
    settings: GatewaySettings,
    owner: str,
    url: str,
    event_types: Sequence[str],
    description: str,
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(
        owner=owner,
        url=await check_url(url, production=settings.environment == "production"),
        event_types=check_event_types(event_types),
        description=description,
        secret=new_secret(),
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def get_endpoint(*, session: AsyncSession, endpoint_id: int) -> WebhookEndpoint:
    endpoint = await session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise NotFound(f"No webhook endpoint with id {endpoint_id}.")
    return endpoint


async def list_endpoints(*, session: AsyncSession) -> list[WebhookEndpoint]:
    return list((await session.exec(select(WebhookEndpoint).order_by(col(WebhookEndpoint.id)))).all())


async def update_endpoint(
    *,
    session: AsyncSession,
    settings: GatewaySettings,
    endpoint_id: int,
    changes: dict[str, Any],
) -> WebhookEndpoint:
    endpoint = await get_endpoint(session=session, endpoint_id=endpoint_id)
    if "url" in changes:
        endpoint.url = await check_url(changes["url"], production=settings.environment == "production")
    if "event_types" in changes:
        endpoint.event_types = check_event_types(changes["event_types"])
    if "description" in changes:
        endpoint.description = changes["description"]
    if "enabled" in changes:
        if changes["enabled"] and not endpoint.enabled:
            endpoint.failure_count = 0
            endpoint.disabled_at = None
            endpoint.disabled_reason = None
        elif not changes["enabled"] and endpoint.enabled:
            endpoint.disabled_at = utcnow()
            endpoint.disabled_reason = "disabled by hand"
        endpoint.enabled = bool(changes["enabled"])
    endpoint.updated_at = utcnow()
    session.add(endpoint)
    await session.flush()
    return endpoint


async def delete_endpoint(*, session: AsyncSession, endpoint_id: int) -> None:
    """The endpoint and its deliveries, pending ones included: nothing more is sent to it."""
    endpoint = await get_endpoint(session=session, endpoint_id=endpoint_id)
    await session.exec(delete(WebhookDelivery).where(col(WebhookDelivery.endpoint_id) == endpoint_id))
    await session.delete(endpoint)
    await session.flush()


async def list_deliveries(
    *, session: AsyncSession, endpoint_id: int | None, status: str | None, limit: int
) -> list[WebhookDelivery]:
    statement = select(WebhookDelivery).order_by(col(WebhookDelivery.id).desc()).limit(limit)
    if endpoint_id is not None:
        statement = statement.where(WebhookDelivery.endpoint_id == endpoint_id)
    if status is not None:
        statement = statement.where(WebhookDelivery.status == status)
    return list((await session.exec(statement)).all())


async def count_deliveries(*, session: AsyncSession, endpoint_id: int, status: str) -> int:
    statement = select(func.count()).where(
        WebhookDelivery.endpoint_id == endpoint_id, WebhookDelivery.status == status
    )
    return int((await session.exec(statement)).one())


async def replay(*, session: AsyncSession, delivery_id: int) -> WebhookDelivery:
    """Send the message again (same ``webhook-id``), with a fresh allowance of attempts."""
    delivery = await session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise NotFound(f"No webhook delivery with id {delivery_id}.")
    endpoint = await get_endpoint(session=session, endpoint_id=delivery.endpoint_id)
    if not endpoint.enabled:
        raise Conflict(
            "The endpoint is disabled: enable it before replaying its messages.", slug="endpoint-disabled"
        )
    delivery.status = DeliveryStatus.pending
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    delivery.lease_until = None
    delivery.lease_token = None
    delivery.delivered_at = None
    session.add(delivery)
    await session.flush()
    return delivery


# --------------------------------------------------------------------------- fan-out


@dataclass(frozen=True)
class FeedChange:
    id: int
    type: str
    occurred_at: datetime
    data: dict[str, Any]


async def read_cursor(session: AsyncSession, source: str) -> int | None:
    cursor = await session.get(WebhookCursor, source)
    return None if cursor is None else cursor.last_id


async def cursor_of(session: AsyncSession, source: str) -> int:
    cursor = await session.get(WebhookCursor, source)
    if cursor is not None:
        return cursor.last_id
    try:
        async with session.begin_nested():
            session.add(WebhookCursor(source=source, last_id=0))
    except IntegrityError:  # another worker made it first
        pass
    return 0


async def fan_out(*, session: AsyncSession, source: str, after: int, changes: Sequence[FeedChange]) -> int:
    """Deliveries for ``changes`` (read after ``after``); the cursor moves in the same transaction.

    The cursor moves by a conditional UPDATE first: a worker that read the same page as
    another one finds the cursor moved and writes nothing (the caller's transaction rolls
    back). The number of deliveries written, or -1 when another worker was first.
    """
    if not changes:
        return 0
    moved = await session.exec(
        update(WebhookCursor)
        .where(col(WebhookCursor.source) == source, col(WebhookCursor.last_id) == after)
        .values(last_id=changes[-1].id, updated_at=utcnow())
    )
    if moved.rowcount != 1:
        return -1
    endpoints = (await session.exec(select(WebhookEndpoint).where(col(WebhookEndpoint.enabled)))).all()
    written = 0
    for change in changes:
        if EVENT_TYPES.get(change.type) != source:
            continue
        for endpoint in endpoints:
            # An endpoint hears what happens from its creation on.
            if change.type not in endpoint.event_types or change.occurred_at < endpoint.created_at:
                continue
            session.add(
                WebhookDelivery(
                    endpoint_id=endpoint.id or 0,
                    message_id=message_id(source, change.id, endpoint.id or 0),
                    event_type=change.type,
                    source=source,
                    change_id=change.id,
                    body=message_body(change.type, change.occurred_at.isoformat(), change.data),
                )
            )
            written += 1
    await session.flush()
    return written


# --------------------------------------------------------------------------- delivery


@dataclass(frozen=True)
class Claimed:
    delivery_id: int
    lease_token: str
    message_id: str
    body: str
    url: str
    secret: str
    attempts: int


async def due_deliveries(
    *, session: AsyncSession, settings: GatewaySettings
) -> list[tuple[WebhookDelivery, WebhookEndpoint]]:
    """Deliveries of enabled endpoints whose time has come and that no worker holds (a read)."""
    now = utcnow()
    return list(
        (
            await session.exec(
                select(WebhookDelivery, WebhookEndpoint)
                .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
                .where(
                    WebhookDelivery.status == DeliveryStatus.pending,
                    col(WebhookDelivery.next_attempt_at) <= now,
                    (col(WebhookDelivery.lease_until).is_(None)) | (col(WebhookDelivery.lease_until) < now),
                    col(WebhookEndpoint.enabled),
                )
                .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
                .limit(settings.webhook_batch_size)
            )
        ).all()
    )


async def claim(
    *, session: AsyncSession, settings: GatewaySettings, due: list[tuple[WebhookDelivery, WebhookEndpoint]]
) -> list[Claimed]:
    """Take each of ``due`` with a lease only this worker holds (a conditional UPDATE: a row
    another worker claimed meanwhile is skipped)."""
    now = utcnow()
    claimed: list[Claimed] = []
    lease_until = now + timedelta(seconds=settings.webhook_lease_seconds)
    for delivery, endpoint in due:
        token = secrets.token_hex(16)
        result = await session.exec(
            update(WebhookDelivery)
            .where(
                col(WebhookDelivery.id) == delivery.id,
                col(WebhookDelivery.status) == DeliveryStatus.pending,
                (col(WebhookDelivery.lease_until).is_(None)) | (col(WebhookDelivery.lease_until) < now),
            )
            .values(lease_until=lease_until, lease_token=token)
        )
        if result.rowcount == 1:
            claimed.append(
                Claimed(
                    delivery_id=delivery.id or 0,
                    lease_token=token,
                    message_id=delivery.message_id,
                    body=delivery.body,
                    url=endpoint.url,
                    secret=endpoint.secret,
                    attempts=delivery.attempts,
                )
            )
    return claimed


def backoff_seconds(settings: GatewaySettings, attempts: int) -> float:
    return min(
        settings.webhook_retry_base_seconds * 2 ** max(attempts - 1, 0), settings.webhook_retry_max_seconds
    )


async def record_attempt(
    *,
    session: AsyncSession,
    settings: GatewaySettings,
    claimed: Claimed,
    status_code: int | None,
    error: str | None,
) -> None:
    """The attempt's outcome, if this worker still holds the lease (the endpoint may be gone)."""
    delivery = (
        await session.exec(
            select(WebhookDelivery).where(
                WebhookDelivery.id == claimed.delivery_id, WebhookDelivery.lease_token == claimed.lease_token
            )
        )
    ).first()
    if delivery is None:
        return
    endpoint = await session.get(WebhookEndpoint, delivery.endpoint_id)
    now = utcnow()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = status_code
    delivery.lease_until = None
    delivery.lease_token = None
    ok = status_code is not None and 200 <= status_code < 300
    if ok:
        delivery.status = DeliveryStatus.delivered
        delivery.delivered_at = now
        delivery.last_error = None
        if endpoint is not None and endpoint.failure_count:
            endpoint.failure_count = 0
            session.add(endpoint)
    else:
        delivery.last_error = (error or f"HTTP {status_code}")[:300]
        if endpoint is not None:
            endpoint.failure_count += 1
            session.add(endpoint)
        if delivery.attempts >= settings.webhook_max_attempts:
            delivery.status = DeliveryStatus.failed
            if endpoint is not None and endpoint.enabled:
                endpoint.enabled = False
                endpoint.disabled_at = now
                endpoint.disabled_reason = (
                    f"message {delivery.message_id} failed {delivery.attempts} times "
                    f"(last: {delivery.last_error})"
                )[:300]
        else:
            delivery.next_attempt_at = now + timedelta(seconds=backoff_seconds(settings, delivery.attempts))
    session.add(delivery)
    await session.flush()


__all__ = [
    "EVENT_TYPES",
    "Claimed",
    "DeliveryStatus",
    "FeedChange",
    "check_url",
    "claim",
    "create_endpoint",
    "due_deliveries",
    "fan_out",
    "record_attempt",
    "sign",
]
