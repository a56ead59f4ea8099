"""The webhook dispatcher: a background task in the gateway's lifespan (see webhooks.py).

Every ``webhook_dispatch_interval_seconds`` it reads each service's change feed after its
cursor and fans the changes out (cursor and deliveries in one transaction), then claims due
deliveries (conditional UPDATE + lease: several gateway workers never send one at once) and
sends them concurrently. A receiver that is down, slow or answers non-2xx only delays its own
messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.changes import FEED_PATH, issue_feed_token
from services.common.db import transaction
from services.gateway import webhooks
from services.gateway.config import GatewaySettings
from services.gateway.upstream import Upstream

logger = logging.getLogger("mim.gateway.webhooks")

FEED_PAGE = 200
MAX_PAGES_PER_TICK = 10
USER_AGENT = "MadeInMorocco-Webhooks/1"


class PublicOnlyResolver(AbstractResolver):
    """Production: a host that resolves to a private, loopback or reserved address is refused
    at connection time too (a name that changed since the endpoint was saved)."""

    def __init__(self) -> None:
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        public = [r for r in results if webhooks._is_public(r["host"])]
        if not public:
            raise OSError(f"{host} resolves to no public address")
        return public

    async def close(self) -> None:
        await self._inner.close()


def make_webhook_session(settings: GatewaySettings) -> aiohttp.ClientSession:
    production = settings.environment == "production"
    connector = aiohttp.TCPConnector(
        limit=50, limit_per_host=4, resolver=PublicOnlyResolver() if production else None
    )
    return aiohttp.ClientSession(
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=settings.webhook_timeout_seconds),
        headers={"User-Agent": USER_AGENT},
    )


async def pull_feed(
    *,
    http: aiohttp.ClientSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: GatewaySettings,
    upstream: Upstream,
) -> int:
    """Fan out what the service changed since the cursor; the number of changes read."""
    read = 0
    for _ in range(MAX_PAGES_PER_TICK):
        async with transaction(sessionmaker, write=False) as session:
            known = await webhooks.read_cursor(session, upstream.name)
        if known is None:
            async with transaction(sessionmaker, write=True) as session:
                known = await webhooks.cursor_of(session, upstream.name)
        after = known
        url = f"{upstream.base_url}{FEED_PATH}"
        headers = {"Authorization": f"Bearer {issue_feed_token(settings)}"}
        async with http.get(
            url,
            params={"after": str(after), "limit": str(FEED_PAGE)},
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=max(upstream.seconds, 3.0)),
        ) as response:
            if response.status != 200:
                logger.warning(
                    "change feed refused", extra={"upstream": upstream.name, "status": response.status}
                )
                return read
            page: dict[str, Any] = await response.json()
        changes = [
            webhooks.FeedChange(
                id=int(item["id"]),
                type=str(item["type"]),
                occurred_at=datetime.fromisoformat(item["occurred_at"]),
                data=dict(item.get("data") or {}),
            )
            for item in page.get("changes", [])
        ]
        if not changes:
            return read
        async with transaction(sessionmaker, write=True) as session:
            written = await webhooks.fan_out(
                session=session, source=upstream.name, after=after, changes=changes
            )
        if written < 0:  # another worker fanned this page out
            return read
        read += len(changes)
        if len(changes) < FEED_PAGE:
            return read
    return read


async def send_one(
    *,
    http: aiohttp.ClientSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: GatewaySettings,
    claimed: webhooks.Claimed,
) -> None:
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "webhook-id": claimed.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": webhooks.sign(claimed.secret, claimed.message_id, timestamp, claimed.body),
    }
    status: int | None = None
    error: str | None = None
    try:
        if settings.environment == "production":
            host = urlsplit(claimed.url).hostname or ""
            await webhooks.resolve_public(host, 443)
        async with http.post(
            claimed.url, data=claimed.body.encode(), headers=headers, allow_redirects=False
        ) as resp:
            status = resp.status
            with contextlib.suppress(Exception):
                await resp.content.read(1024)
    except TimeoutError:
        error = "timed out"
    except (aiohttp.ClientError, OSError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    async with transaction(sessionmaker, write=True) as session:
        await webhooks.record_attempt(
            session=session, settings=settings, claimed=claimed, status_code=status, error=error
        )


async def deliver_due(
    *, http: aiohttp.ClientSession, sessionmaker: async_sessionmaker[AsyncSession], settings: GatewaySettings
) -> int:
    async with transaction(sessionmaker, write=False) as session:
        due = await webhooks.due_deliveries(session=session, settings=settings)
    if not due:
        return 0
    async with transaction(sessionmaker, write=True) as session:
        claimed = await webhooks.claim(session=session, settings=settings, due=due)
    if claimed:
        await asyncio.gather(
            *(send_one(http=http, sessionmaker=sessionmaker, settings=settings, claimed=c) for c in claimed)
        )
    return len(claimed)


async def dispatch_once(app: FastAPI, http: aiohttp.ClientSession) -> None:
    settings: GatewaySettings = app.state.settings
    sessionmaker = app.state.sessionmaker
    upstreams: dict[str, Upstream] = app.state.upstreams
    for upstream in upstreams.values():
        try:
            await pull_feed(
                http=app.state.http, sessionmaker=sessionmaker, settings=settings, upstream=upstream
            )
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            logger.info("change feed unavailable", extra={"upstream": upstream.name, "error": str(exc)})
    while (
        await deliver_due(http=http, sessionmaker=sessionmaker, settings=settings)
        >= settings.webhook_batch_size
    ):
        pass


async def _run(app: FastAPI, http: aiohttp.ClientSession, interval: float) -> None:
    while True:
        try:
            await dispatch_once(app, http)
        except Exception:  # never let the dispatcher die
            logger.exception("webhook dispatch failed")
        await asyncio.sleep(interval)


@asynccontextmanager
async def webhook_dispatcher(app: FastAPI, settings: GatewaySettings) -> AsyncIterator[None]:
    """Runs the dispatcher for the app's life (not at all when the interval is 0)."""
    if settings.webhook_dispatch_interval_seconds <= 0:
        yield
        return
    http = make_webhook_session(settings)
    task = asyncio.create_task(_run(app, http, settings.webhook_dispatch_interval_seconds))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await http.close()
