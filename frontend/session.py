"""The visitor's signed session cookie, the language, and CSRF tokens.

The cookie holds a small JSON document signed with itsdangerous (HMAC, timestamped; HttpOnly,
SameSite=Lax, Secure in production): a random id (the CSRF tokens are derived
from it), and, once signed in, the id of the website session the gateway holds
(``web_session``) with the account's role and name for display. No bearer token
is in the cookie; signing out ends the session at the gateway, so a copied
cookie stops working. The website itself has no database.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from http.cookies import SimpleCookie
from typing import Any

import orjson
from itsdangerous import BadSignature, URLSafeTimedSerializer
from itsdangerous import Signer as ItsdangerousSigner
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontend.gateway import client_ip_var
from frontend.i18n import DEFAULT_LANGUAGE, current_language, normalize_language
from services.common.client_ip import LOOPBACK, TrustedProxies, forwarded_for

SESSION_COOKIE = "mim_session"
LANG_COOKIE = "mim_lang"
SESSION_MAX_AGE = 8 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class _OrjsonSerializer:
    """itsdangerous' serializer interface, with orjson (compact, fast, no floats-as-str surprises)."""

    @staticmethod
    def dumps(obj: Any) -> str:
        return orjson.dumps(obj).decode()

    @staticmethod
    def loads(data: str | bytes) -> Any:
        return orjson.loads(data)


class Signer:
    """Signs the session cookie and derives the CSRF tokens, with itsdangerous.

    `secret` may be a list, oldest first: cookies signed with any of them are read,
    new ones are signed with the last (key rotation without signing everyone out).
    A cookie older than `max_age` seconds, or altered in any byte, is no session.
    """

    def __init__(self, secret: str | Sequence[str], *, max_age: int = SESSION_MAX_AGE) -> None:
        keys = [secret] if isinstance(secret, str) else list(secret)
        self.max_age = max_age
        self._cookie = URLSafeTimedSerializer(
            keys,
            salt="mim-frontend-session",
            serializer=_OrjsonSerializer,
            signer_kwargs={"digest_method": hashlib.sha256},
        )
        self._keys = keys
        self._token_signers: dict[str, ItsdangerousSigner] = {}

    def sign(self, payload: dict[str, Any]) -> str:
        return self._cookie.dumps(payload)

    def unsign(self, value: str) -> dict[str, Any] | None:
        try:
            data = self._cookie.loads(value, max_age=self.max_age)
        except (BadSignature, ValueError):  # expired, tampered, or not our format
            return None
        return data if isinstance(data, dict) else None

    def token(self, purpose: str, sid: str) -> str:
        """A token bound to the session id and the purpose (same id, same token)."""
        signer = self._token_signers.get(purpose)
        if signer is None:
            signer = ItsdangerousSigner(
                self._keys, salt=f"mim-frontend-{purpose}", digest_method=hashlib.sha256
            )
            self._token_signers[purpose] = signer
        return signer.get_signature(sid).decode()


class Session(dict[str, Any]):
    """The cookie's content; setting a key marks it for re-sending."""

    modified = False

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.modified = True

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.modified = True

    def clear_account(self) -> None:
        for key in ("web_session", "role", "account", "exporter_id"):
            if key in self:
                del self[key]
        # A new session id on sign-in/out: old CSRF tokens stop working.
        self["sid"] = secrets.token_urlsafe(18)


class SiteMiddleware:
    """Per request: the language (query > cookie > French), the signed session, security headers."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        secret: str,
        secure: bool,
        headers: dict[str, str] | None = None,
        trusted_proxies: TrustedProxies | None = None,
    ) -> None:
        self.app = app
        self.trusted_proxies = TrustedProxies.parse(LOOPBACK) if trusted_proxies is None else trusted_proxies
        self.headers = headers or {}
        self.signer = Signer(secret)
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies: dict[str, str] = {}
        for name, value in scope["headers"]:
            if name == b"cookie":
                parsed: SimpleCookie = SimpleCookie()
                try:
                    parsed.load(value.decode("latin-1"))
                except Exception:  # noqa: S112 - a garbled cookie header is ignored, not an error
                    continue
                cookies.update({k: m.value for k, m in parsed.items()})
        data = self.signer.unsign(cookies.get(SESSION_COOKIE, "")) if SESSION_COOKIE in cookies else None
        session = Session(data or {})
        if "sid" not in session:
            session["sid"] = secrets.token_urlsafe(18)
        else:
            session.modified = False

        query_lang = None
        for part in scope.get("query_string", b"").decode("latin-1").split("&"):
            if part.startswith("lang="):
                query_lang = normalize_language(part[5:])
        cookie_lang = normalize_language(cookies.get(LANG_COOKIE))
        language = query_lang or cookie_lang or DEFAULT_LANGUAGE
        current_language.set(language)
        # Forwarded to the gateway, which trusts the website: limits apply per visitor.
        client_ip_var.set(forwarded_for(scope, self.trusted_proxies))
        state = scope.setdefault("state", {})
        state["session"] = session
        state["signer"] = self.signer
        state["language"] = language
        set_lang = query_lang is not None and query_lang != cookie_lang

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in self.headers.items():
                    if key not in headers:
                        headers[key] = value
                flags = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if self.secure else "")
                if session.modified:
                    value = self.signer.sign(dict(session))
                    headers.append(
                        "set-cookie", f"{SESSION_COOKIE}={value}; Max-Age={SESSION_MAX_AGE}{flags}"
                    )
                if set_lang:
                    headers.append("set-cookie", f"{LANG_COOKIE}={language}; Max-Age=31536000{flags}")
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def get_session(request: Request) -> Session:
    session: Session = request.state.session
    return session


def csrf_token(request: Request) -> str:
    signer: Signer = request.state.signer
    return signer.token("csrf", get_session(request)["sid"])


def csrf_valid(request: Request, submitted: str | None) -> bool:
    if not submitted:
        return False
    return hmac.compare_digest(submitted, csrf_token(request))
