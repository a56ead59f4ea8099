"""HTTP caching for every process: an ``ETag`` on each complete ``GET``/``HEAD`` answer, a
``Cache-Control`` that says who may keep it, and ``304 Not Modified`` for a matching
``If-None-Match`` (RFC 9110 §8.8.3, §13.1.2, §15.4.5; RFC 9111 §5.2).

The tag is a hash of the answer's bytes, so it changes exactly when the answer does, on every
replica, with no version to keep in step. Answers may be kept but must be revalidated
(``no-cache``): a suspended label or a full event is seen on the next request, and an unchanged
one costs a 304 with no body. Anonymous answers are ``public`` (a shared cache may keep them);
answers to a caller who sent credentials or a cookie are ``private``. A route that sets its own
``Cache-Control`` (QR images, ``no-store`` pages) keeps it. Streamed answers (CSV, the gateway's
proxied bodies, which carry the service's own tag) pass through untouched.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CREDENTIAL_HEADERS = (b"authorization", b"cookie", b"x-api-key")
# Headers a 304 repeats from the 200 it stands for (RFC 9110 §15.4.5), plus cookies and the id.
KEPT_ON_304 = frozenset(
    {"cache-control", "content-location", "date", "etag", "expires", "vary", "set-cookie", "x-request-id"}
)


def entity_tag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def matches(if_none_match: str, tag: str) -> bool:
    """Weak comparison, as If-None-Match uses: ``W/`` prefixes are ignored; ``*`` matches."""
    wanted = tag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


class ConditionalGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        if_none_match = request_headers.get("if-none-match")
        credentials = any(name in CREDENTIAL_HEADERS for name, _ in scope["headers"])
        start: Message | None = None

        async def send_with_tag(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if message["status"] != 200:
                    await send(message)
                    return
                start = message  # held until the body says whether it is complete
                return
            if start is None or message["type"] != "http.response.body":  # not a 200, or decided
                await send(message)
                return
            held, start = start, None
            if message.get("more_body", False):  # streamed: no tag (the body is not known yet)
                await send(held)
                await send(message)
                return
            headers = MutableHeaders(scope=held)
            if "etag" not in headers:
                headers["etag"] = entity_tag(message.get("body", b""))
            if "cache-control" not in headers:
                private = credentials or "set-cookie" in headers
                headers["cache-control"] = "private, no-cache" if private else "public, no-cache"
            if if_none_match is not None and matches(if_none_match, headers["etag"]):
                kept = [(k, v) for k, v in held["headers"] if k.decode("latin-1").lower() in KEPT_ON_304]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
            await send(held)
            await send(message)

        await self.app(scope, receive, send_with_tag)
