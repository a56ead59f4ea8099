"""Sessions end at once: the gateway's check on every call made with an account's session.

A client's account token (audience ``gateway``, with a ``sid``) and a website
session id (``Authorization: Session <id>``) are checked against the gateway's
database: the session must be open (not signed out, not expired) and the account
active. The answer is kept for ``session_check_cache_seconds`` (1 s), and
forgotten at once when this gateway signs a session out or deactivates an
account; another gateway replica sees the change within that second.

A call that passes is forwarded with an internal token minted for it (audience
``services``, 30 s), the only kind of account token the services accept.
"""

from __future__ import annotations

import time
from typing import Any

from cachetools import TLRUCache, TTLCache
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import AUDIENCE_SERVICES, decode_claims, issue_token
from services.common.db import transaction
from services.common.errors import Unauthorized
from services.gateway import accounts
from services.gateway.config import GatewaySettings
from services.gateway.keys import hash_secret

_MAX_ENTRIES = 20_000


class SessionEnded(Unauthorized):
    slug = "session-ended"

    def __init__(self) -> None:
        super().__init__(
            "This session has ended (signed out, expired or the account was deactivated); sign in again.",
        )


class SessionGuard:
    def __init__(self, settings: GatewaySettings, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.ttl = settings.session_check_cache_seconds
        # Bounded caches (least recently used out first), each entry for its own time.
        # sid -> open?
        self._open: TTLCache[str, bool] = TTLCache(_MAX_ENTRIES, ttl=self.ttl, timer=time.monotonic)
        # hash of a website session id -> claims or None
        self._web: TTLCache[str, dict[str, Any] | None] = TTLCache(
            _MAX_ENTRIES, ttl=self.ttl, timer=time.monotonic
        )
        # a verified bearer token -> its claims, until it expires (at most 10 minutes)
        self._verified: TLRUCache[str, dict[str, Any]] = TLRUCache(
            _MAX_ENTRIES, ttu=_verified_until, timer=time.time
        )
        # the credential presented -> its internal token, reused for a third of its life
        self._minted: TTLCache[str, str] = TTLCache(
            _MAX_ENTRIES, ttl=settings.internal_token_ttl_seconds / 3, timer=time.monotonic
        )

    def forget(self) -> None:
        """A session was signed out or an account deactivated here: look again from now on."""
        self._open.clear()
        self._web.clear()
        self._minted.clear()

    def claims(self, token: str) -> dict[str, Any] | None:
        """A bearer token's verified claims, or None (an invalid token goes on to be refused).

        A verified token is remembered until it expires (at most 10 minutes), so that a
        client's repeated calls cost a dictionary look-up, not a signature check.
        """
        hit = self._verified.get(token)
        if hit is not None:
            return hit
        try:
            claims = decode_claims(self.settings, token)
        except Unauthorized:
            return None
        self._verified[token] = claims
        return claims

    async def is_open(self, sid: str) -> bool:
        hit = self._open.get(sid)
        if hit is not None:
            return hit
        async with transaction(self.sessionmaker, write=False) as session:
            result = await accounts.session_is_open(session=session, sid=sid)
        self._open[sid] = result
        return result

    async def web_session(self, raw: str) -> dict[str, Any]:
        """The claims of an open website session, or SessionEnded."""
        key = hash_secret(raw)
        if key in self._web:
            claims = self._web[key]
        else:
            async with transaction(self.sessionmaker, write=False) as session:
                found = await accounts.find_web_session(session=session, raw=raw)
            claims = None
            if found is not None:
                web, account = found
                claims = {
                    "sub": f"account:{account.id}",
                    "role": account.role,
                    "exporter_id": account.exporter_id,
                    "email": account.email,
                    "sid": f"{accounts.WEB_SESSION}{web.id}",
                }
            self._web[key] = claims
        if claims is None:
            raise SessionEnded
        return claims

    def internal_token(self, credential: str, claims: dict[str, Any]) -> str:
        """A token for one forwarded call (reused for a third of its life for the same credential)."""
        ttl = self.settings.internal_token_ttl_seconds
        hit = self._minted.get(credential)
        if hit is not None:
            return hit
        extra = {"email": claims["email"]} if "email" in claims else None
        token = issue_token(
            self.settings,
            sub=str(claims["sub"]),
            role=str(claims["role"]),
            exporter_id=claims.get("exporter_id"),
            scope=str(claims.get("scope", "read-write")),
            ttl_seconds=ttl,
            extra=extra,
            audience=AUDIENCE_SERVICES,
            session_id=claims.get("sid"),
        )
        self._minted[credential] = token
        return token


def _verified_until(_token: str, claims: dict[str, Any], now: float) -> float:
    return min(float(claims["exp"]), now + 600)
