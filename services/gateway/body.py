"""The gateway's one request-body limit: every path that reads a body reads it through here.

A body over ``max_body_bytes`` is refused with one 413 problem (:class:`BodyTooLarge`),
whether its Content-Length announced it or the bytes gave it away (chunked, or a lying
length), and whether the request is proxied to a service or answered by the gateway's
own routes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from starlette.types import Message, Receive

from services.common.errors import Problem


class BodyTooLarge(Problem):
    status = 413
    slug = "payload-too-large"

    def __init__(self, limit: int) -> None:
        super().__init__(f"The request body may not exceed {limit} bytes.")


class BodyLimit:
    """Wraps an ASGI ``receive``: counts the body's bytes and raises :class:`BodyTooLarge` past ``limit``.

    ``exceeded`` stays set once the limit was crossed, so a caller that sees the error come
    back wrapped (aiohttp reports an aborted upload as a connection error) still knows why.
    """

    def __init__(self, receive: Receive, limit: int, *, declared: int | None = None) -> None:
        self._receive = receive
        self.limit = limit
        self.declared = declared
        self.size = 0
        self.exceeded = False

    def check_declared(self) -> None:
        """Refuse an announced Content-Length over the limit before reading a byte."""
        if self.declared is not None and self.declared > self.limit:
            self._refuse()

    async def receive(self) -> Message:
        self.check_declared()
        message = await self._receive()
        self.size += len(message.get("body", b""))
        if self.size > self.limit:
            self._refuse()
        return message

    async def read_all(self) -> bytes:
        """The whole body (raises ConnectionResetError if the client goes away)."""
        return b"".join([chunk async for chunk in self.stream()])

    async def stream(self) -> AsyncIterator[bytes]:
        """The body chunk by chunk, as it arrives (raises ConnectionResetError if the client goes away)."""
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise ConnectionResetError("client went away")
            chunk: bytes = message.get("body", b"")
            if chunk:
                yield chunk
            if not message.get("more_body", False):
                return

    def _refuse(self) -> None:
        self.exceeded = True
        raise BodyTooLarge(self.limit)
