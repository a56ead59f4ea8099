"""The guard against slow clients (services/common/runtime.py) arms its timers lazily, once per
read: a kept-alive connection whose next request comes whole is served, and one whose next
request stops half-way is still cut off by the header time-out, as is a stalled body.

uvicorn in this process with GuardedHttpProtocol and short limits, a real socket as the client
(tests/hardening/test_slow_clients.py has the same cases against `mim serve`)."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn

from services.common.runtime import LIMITS_ENV, GuardedHttpProtocol
from tests.support.servers import free_port

LIMIT = 0.5
MARGIN = 2.5  # a loaded machine: the timer fires on time, our view of it may lag


async def app(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    answer = b"got %d" % len(body)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-length", str(len(answer)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": answer})


@asynccontextmanager
async def guarded_server() -> AsyncIterator[int]:
    saved_env = os.environ.get(LIMITS_ENV)
    names = ("header_timeout", "body_timeout", "body_total", "max_connections")
    saved = {name: getattr(GuardedHttpProtocol, name) for name in names}
    protocol = GuardedHttpProtocol.configure(
        header_timeout=LIMIT, body_timeout=LIMIT, body_total=5 * LIMIT, max_connections=100
    )
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, http=protocol, log_config=None, lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        await task
        # configure() is process-wide: put back what the other tests of this process see.
        for name, value in saved.items():
            setattr(GuardedHttpProtocol, name, value)
        if saved_env is None:
            os.environ.pop(LIMITS_ENV, None)
        else:
            os.environ[LIMITS_ENV] = saved_env


async def answer_of(reader: asyncio.StreamReader) -> bytes:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    return await asyncio.wait_for(reader.readexactly(length), 5)


async def closed_after(reader: asyncio.StreamReader) -> float:
    started = time.monotonic()
    assert await asyncio.wait_for(reader.read(), LIMIT + MARGIN + 5) == b""  # closed, no answer
    return time.monotonic() - started


async def test_kept_alive_requests_are_served_and_a_half_sent_next_one_is_cut_off() -> None:
    async with guarded_server() as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(3):  # whole requests, each in one write: served, the connection kept
            writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert await answer_of(reader) == b"got 0"
            await asyncio.sleep(LIMIT * 0.6)  # idle between requests is not a slow header
        writer.write(b"POST / HTTP/1.1\r\nHost: x\r\ncontent-length: 3\r\n\r\nabc")
        assert await answer_of(reader) == b"got 3"
        writer.write(b"GET / HTTP/1.1\r\nHost: ")  # the next request stops half-way
        assert LIMIT * 0.8 < await closed_after(reader) < LIMIT + MARGIN
        writer.close()


async def test_a_body_that_stops_is_cut_off_and_one_that_comes_in_pieces_is_served() -> None:
    async with guarded_server() as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST / HTTP/1.1\r\nHost: x\r\ncontent-length: 6\r\n\r\nab")
        await asyncio.sleep(LIMIT * 0.6)
        writer.write(b"cd")
        await asyncio.sleep(LIMIT * 0.6)  # each piece within the body time-out of the last
        writer.write(b"ef")
        assert await answer_of(reader) == b"got 6"
        writer.write(b"POST / HTTP/1.1\r\nHost: x\r\ncontent-length: 6\r\n\r\nab")  # then nothing
        assert LIMIT * 0.8 < await closed_after(reader) < LIMIT + MARGIN
        writer.close()


async def test_headers_sent_in_pieces_in_time_are_served() -> None:
    async with guarded_server() as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert await answer_of(reader) == b"got 0"
        for piece in (b"GET / HT", b"TP/1.1\r\nHo", b"st: x\r\n\r\n"):
            writer.write(piece)
            await asyncio.sleep(LIMIT * 0.2)
        assert await answer_of(reader) == b"got 0"
        writer.close()
