"""The proxy's HTTP/1.1 client (services/gateway/http1.py) against a real scripted server on a
free port: framing (length, chunked, until close, HEAD, 1xx), keep-alive reuse and its limits,
and every way a service can fail (refuses, closes early, breaks off, stalls, talks nonsense)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from services.gateway.http1 import ConnectFailed, Disconnected, InvalidAnswer, Origin, Pool
from tests.support.servers import free_port

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, "Server"], Awaitable[None]]


class Server:
    """Counts connections and keeps every request it read (head, body)."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests: list[tuple[bytes, bytes]] = []


async def read_request(reader: asyncio.StreamReader, server: Server) -> tuple[bytes, bytes] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lower = head.lower()
    body = b""
    if b"content-length:" in lower:
        length = int(lower.split(b"content-length:")[1].split(b"\r\n")[0])
        body = await reader.readexactly(length)
    elif b"transfer-encoding: chunked" in lower:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
    server.requests.append((head, body))
    return head, body


def ok(body: bytes = b'{"ok":true}', extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n%b\r\n%b" % (len(body), extra, body)


async def answering(*answers: bytes) -> Handler:
    """Answers each request on a connection with the next of ``answers`` (the last one repeats)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        index = 0
        while await read_request(reader, server) is not None:
            writer.write(answers[min(index, len(answers) - 1)])
            await writer.drain()
            index += 1

    return handle


@asynccontextmanager
async def serving(handler: Handler, *, keepalive: float = 30.0) -> AsyncIterator[tuple[Pool, Server]]:
    server = Server()

    async def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.connections += 1
        try:
            await handler(reader, writer, server)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # the client went, or the test is over
        finally:
            writer.close()

    port = free_port()
    listener = await asyncio.start_server(on_connection, "127.0.0.1", port)
    pool = Pool(Origin(f"http://127.0.0.1:{port}/base"), keepalive=keepalive)
    try:
        yield pool, server
    finally:
        pool.close()
        listener.close()
        await listener.wait_closed()


async def get(pool: Pool, target: str = "/x", method: str = "GET", **kwargs) -> tuple[int, bytes]:  # type: ignore[no-untyped-def]
    answer = await pool.request(method, target, [("Accept", "*/*")], total=2, connect=1, **kwargs)
    try:
        return answer.status, await answer.read()
    finally:
        answer.release()


async def test_a_sized_answer_and_keep_alive_reuse() -> None:
    async with serving(await answering(ok(b"hello", b"etag: a\r\n"))) as (pool, server):
        for _ in range(3):
            assert await get(pool, "/regions?q=a%20b") == (200, b"hello")
        answer = await pool.request("GET", "/x", [], total=2, connect=1)
        assert (b"etag", b"a") in answer.raw_headers and answer.content_length == 5
        await answer.read()
        answer.release()
    assert server.connections == 1  # one connection, reused
    head = server.requests[0][0]
    assert head.startswith(b"GET /base/regions?q=a%20b HTTP/1.1\r\nHost: 127.0.0.1:")
    assert b"Accept: */*\r\n" in head and b"content-length" not in head.lower()


async def test_a_chunked_answer_read_whole_or_in_chunks_then_reuse() -> None:
    chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    async with serving(await answering(chunked)) as (pool, server):
        assert await get(pool) == (200, b"hello world")
        answer = await pool.request("GET", "/x", [], total=2, connect=1)
        assert answer.content_length is None
        assert b"".join([chunk async for chunk in answer.iter_chunks()]) == b"hello world"
        answer.release()
        assert await get(pool) == (200, b"hello world")
    assert server.connections == 1


async def test_an_answer_without_length_ends_with_the_connection_which_is_not_reused() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        await read_request(reader, server)
        writer.write(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nuntil the end")
        await writer.drain()

    async with serving(handle) as (pool, server):
        assert await get(pool) == (200, b"until the end")
        assert await get(pool) == (200, b"until the end")
    assert server.connections == 2


async def test_head_interim_and_bodiless_answers() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        while (request := await read_request(reader, server)) is not None:
            if request[0].startswith(b"HEAD"):
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 1234\r\n\r\n")
            elif b"/interim" in request[0]:
                writer.write(b"HTTP/1.1 103 Early Hints\r\nlink: </a.css>\r\n\r\n" + ok(b"final"))
            else:
                writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")

    async with serving(handle) as (pool, server):
        answer = await pool.request("HEAD", "/x", [], total=2, connect=1)
        assert answer.status == 200 and answer.content_length == 1234
        assert await answer.read() == b""  # at once: no body follows a HEAD answer
        answer.release()
        status, body = await get(pool, "/interim")
        assert (status, body) == (200, b"final")
        assert await get(pool) == (204, b"")
        assert await get(pool) == (204, b"")
    # HEAD's connection is not reused (its parser expected a body); the others are.
    assert server.connections == 2


async def test_request_bodies_sized_streamed_with_length_and_chunked() -> None:
    async def parts() -> AsyncIterator[bytes]:
        for part in (b"one,", b"two,", b"three"):
            yield part

    async with serving(await answering(ok())) as (pool, server):
        await get(pool, method="POST", body=b"whole")
        await get(pool, method="POST", body=b"")
        await get(pool, method="PUT", body=parts())
        answer = await pool.request("PUT", "/x", [("Content-Length", "13")], parts(), total=2, connect=1)
        await answer.read()
        answer.release()
    (h1, b1), (h2, b2), (h3, b3), (h4, b4) = server.requests
    assert b"Content-Length: 5\r\n" in h1 and b1 == b"whole"
    assert b"Content-Length: 0\r\n" in h2 and b2 == b""
    assert b"Transfer-Encoding: chunked\r\n" in h3 and b3 == b"one,two,three"
    assert b"Content-Length: 13\r\n" in h4 and b"chunked" not in h4 and b4 == b"one,two,three"
    assert server.connections == 1


async def test_a_large_answer_streams_whole_with_back_pressure() -> None:
    big = bytes(range(256)) * 8 * 1024  # 2 MiB, past the client's high-water mark
    async with serving(await answering(ok(big))) as (pool, server):
        answer = await pool.request("GET", "/x", [], total=5, connect=1)
        received = []
        async for chunk in answer.iter_chunks():
            received.append(chunk)
            await asyncio.sleep(0)  # a slow reader: the client pauses and resumes reading
        answer.release()
        assert b"".join(received) == big
        assert await get(pool) == (200, big)
    assert server.connections == 1


async def test_a_refused_connection_is_connect_failed() -> None:
    pool = Pool(Origin(f"http://127.0.0.1:{free_port()}"), keepalive=30)
    with pytest.raises(ConnectFailed):
        await get(pool)


async def test_closed_before_answering_then_a_new_connection_works() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        await read_request(reader, server)
        if server.connections == 1:
            return  # closes without a word
        writer.write(ok(b"second"))
        await writer.drain()
        await read_request(reader, server)

    async with serving(handle) as (pool, server):
        with pytest.raises(Disconnected):
            await get(pool)
        assert await get(pool) == (200, b"second")
    assert server.connections == 2


async def test_an_answer_broken_off_mid_body_is_disconnected_and_not_reused() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        await read_request(reader, server)
        if server.connections == 1:
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly part")
            await writer.drain()
            return  # and closes
        writer.write(ok(b"whole"))
        await writer.drain()
        await read_request(reader, server)

    async with serving(handle) as (pool, server):
        answer = await pool.request("GET", "/x", [], total=2, connect=1)
        assert answer.status == 200
        with pytest.raises(Disconnected):
            await answer.read()
        answer.release()
        assert await get(pool) == (200, b"whole")
    assert server.connections == 2


async def test_a_stalled_service_times_out_on_time_and_the_next_call_works() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        await read_request(reader, server)
        if server.connections == 1:
            await asyncio.sleep(10)  # says nothing
        elif server.connections == 2:
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nslo")
            await writer.drain()
            await asyncio.sleep(10)  # the body never ends
        writer.write(ok(b"prompt"))
        await writer.drain()
        await read_request(reader, server)

    async with serving(handle) as (pool, server):
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            await pool.request("GET", "/x", [], total=0.3, connect=1)
        assert 0.25 < time.monotonic() - started < 2
        answer = await pool.request("GET", "/x", [], total=0.3, connect=1)
        with pytest.raises(TimeoutError):  # the deadline covers the body too
            await answer.read()
        answer.release()
        assert await get(pool) == (200, b"prompt")
    assert server.connections == 3


async def test_a_connection_the_service_closed_while_idle_is_not_reused() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        await read_request(reader, server)
        writer.write(ok(b"once"))
        await writer.drain()  # then closes: an idle keep-alive connection timed out by the service

    async with serving(handle) as (pool, server):
        assert await get(pool) == (200, b"once")
        await asyncio.sleep(0.1)
        assert await get(pool) == (200, b"once")  # no error: a fresh connection
    assert server.connections == 2


async def test_a_connection_idle_past_keepalive_is_not_reused() -> None:
    async with serving(await answering(ok()), keepalive=0.2) as (pool, server):
        await get(pool)
        await get(pool)
        await asyncio.sleep(0.3)
        await get(pool)
    assert server.connections == 2


async def test_nonsense_and_a_second_answer_are_invalid_and_end_the_connection() -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: Server) -> None:
        await read_request(reader, server)
        if server.connections == 1:
            writer.write(b"SMTP ready\r\n\r\n")
        else:
            writer.write(ok(b"one") + ok(b"two"))  # two answers to one request
        await writer.drain()
        await read_request(reader, server)

    async with serving(handle) as (pool, server):
        with pytest.raises(InvalidAnswer):
            await get(pool)
        assert await get(pool) == (200, b"one")
        assert await get(pool) == (200, b"one")  # not "two": the spoiled connection was closed
    assert server.connections == 3


async def test_a_line_break_in_a_header_is_refused_before_sending() -> None:
    async with serving(await answering(ok())) as (pool, server):
        with pytest.raises(ValueError):
            await pool.request("GET", "/x", [("X-A", "a\r\nX-Injected: 1")], total=1, connect=1)
        with pytest.raises(ValueError):
            await pool.request("GET", "/x HTTP/1.1\r\nX: y", [], total=1, connect=1)
    assert server.requests == []
