"""CoalescingTransport (services/common/runtime.py) on a real socket pair: every byte arrives,
in order, whether a write is held, joined to the next, large, or followed by close()."""

from __future__ import annotations

import asyncio
import socket

from services.common.runtime import CoalescingTransport


async def _pair() -> tuple[CoalescingTransport, asyncio.Transport, socket.socket]:
    ours, theirs = socket.socketpair()
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_connection(asyncio.Protocol, sock=ours)
    return CoalescingTransport(transport, loop), transport, theirs


async def _read(sock: socket.socket, size: int) -> bytes:
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    data = b""
    while len(data) < size:
        chunk = await asyncio.wait_for(loop.sock_recv(sock, 1 << 20), 5)
        if not chunk:
            break
        data += chunk
    return data


async def test_a_small_write_alone_is_sent_at_the_end_of_the_loop_turn() -> None:
    coalescing, raw, peer = await _pair()
    coalescing.write(b"HTTP/1.1 204 No Content\r\n\r\n")
    assert raw.get_write_buffer_size() == 0 and coalescing.get_write_buffer_size() > 0  # held
    assert await _read(peer, 27) == b"HTTP/1.1 204 No Content\r\n\r\n"  # no second write needed
    coalescing.close()
    peer.close()


async def test_head_and_body_arrive_together_and_in_order_then_large_writes_pass_through() -> None:
    coalescing, _raw, peer = await _pair()
    big = bytes(range(256)) * 1024  # 256 KiB: not held
    coalescing.write(b"head\r\n\r\n")
    coalescing.write(b"body")
    coalescing.write(b"next")
    coalescing.write(big)
    coalescing.write(b"tail")
    coalescing.close()  # flushes what is held
    expected = b"head\r\n\r\nbodynext" + big + b"tail"
    assert await _read(peer, len(expected)) == expected
    peer.close()
