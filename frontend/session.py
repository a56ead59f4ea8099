"""The visitor's signed session cookie, the language, and CSRF tokens.

The cookie holds a small JSON document signed with HMAC-SHA256 (HttpOnly,
SameSite=Lax, Secure in production): a random session id (the CSRF tokens are
derived from it), and, once signed in, the gateway's access token with the
account's role and name. Nothing is stored server-side: the website has no database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from http.cookies import SimpleCookie
from typing import Any

import orjson
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontend.gateway import client_ip_var
from frontend.i18n import DEFAULT_LANGUAGE, current_language, normalize_language

SESSION_COOKIE = "mim_session"
LANG_COOKIE = "mim_lang"
SESSION_MAX_AGE = 8 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(("mim-frontend-session:" + secret).encode()).digest()

    def sign(self, payload: dict[str, Any]) -> str:
        body = _b64(orjson.dumps(payload))
        mac = _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())
        return f"{body}.{mac}"

    def unsign(self, value: str) -> dict[str, Any] | None:
        body, _, mac = value.partition(".")
        if not body or not mac:
            return None
        expected = _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(mac, expected):
            return None
        try:
            data = orjson.loads(_unb64(body))
        except (ValueError, orjson.JSONDecodeError):
            return None
        if not isinstance(data, dict) or data.get("exp", 0) < time.time():
            return None
        return data

    def token(self, purpose: str, sid: str) -> str:
        return _b64(hmac.new(self._key, f"{purpose}:{sid}".encode(), hashlib.sha256).digest())


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
        for key in ("access_token", "refresh_token", "role", "account", "exporter_id", "token_exp"):
            if key in self:
                del self[key]
        # A new session id on sign-in/out: old CSRF tokens stop working.
        self["sid"] = secrets.token_urlsafe(18)


class SiteMiddleware:
    """Per request: the language (query > cookie > French), the signed session, security headers."""

    def __init__(
        self, app: ASGIApp, *, secret: str, secure: bool, headers: dict[str, str] | None = None
    ) -> None:
        self.app = app
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
        client = scope.get("client")
        client_ip_var.set(client[0] if client else None)
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
                    session["exp"] = int(time.time()) + SESSION_MAX_AGE
                    value = self.signer.sign(dict(session))
                    headers.append(
                        "set-cookie", f"{SESSION_COOKIE}={value}; Max-Age={SESSION_MAX_AGE}{flags}"
                    )
                if set_lang:
                    headers.append("set-cookie", f"{LANG_COOKIE}={language}; Max-Age=31536000{flags}")
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def get_session(request: Request) -> Session:
    return request.state.session  # type: ignore[no-any-return]


def csrf_token(request: Request) -> str:
    return request.state.signer.token("csrf", get_session(request)["sid"])  # type: ignore[no-any-return]


def csrf_valid(request: Request, submitted: str | None) -> bool:
    if not submitted:
        return False
    return hmac.compare_digest(submitted, csrf_token(request))
