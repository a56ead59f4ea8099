"""Process-level tuning shared by every server process."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
from typing import Any

from fastapi.telemetry import TelemetryConfig
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

logger = logging.getLogger("mim.server")

# FastAPI's native OpenTelemetry, switched off: the platform reports through Prometheus
# (/metrics) and JSON logs with request ids. Left on but unconfigured, it still asks the
# OpenTelemetry API on every request whether a provider has appeared since (about 5 % of
# the gateway's CPU per proxied request, py-spy). Pass a config of your own to turn it on.
NO_NATIVE_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def freeze_startup_heap() -> None:
    """Keep the objects that live as long as the process out of the garbage collector's way.

    After start-up a service holds a few hundred thousand long-lived objects (FastAPI routes,
    SQLAlchemy and pydantic models, templates). CPython's oldest-generation collection
    walks all of them whenever enough new objects have survived, stalling the event loop:
    80-90 ms per collection for the registry here, in the middle of whatever request was
    running. ``gc.freeze()`` moves them to a permanent generation that collections skip; what
    requests allocate afterwards is collected as before.

    Only in a process that ``mim serve`` runs (``served()``): an app started inside another
    program (the test suite runs hundreds in one process) would collect that program's whole
    heap at each start (20-50 ms in a pytest worker) and freeze its garbage for good.
    """
    if not served():
        return
    gc.collect()
    gc.freeze()


# --------------------------------------------------------------------------- slow and idle clients

LIMITS_ENV = "MIM_SERVER_LIMITS"  # how `mim serve` hands the limits to uvicorn's worker processes


def served() -> bool:
    """Whether this process serves an app for `mim serve` (it or one of its uvicorn workers)."""
    return LIMITS_ENV in os.environ


SERVICE_UNAVAILABLE = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"content-length: 34\r\n"
    b"retry-after: 1\r\n"
    b"connection: close\r\n\r\n"
    b"Too many connections; retry soon.\n"
)


class CoalescingTransport:
    """A transport that sends a small write together with the next one made in the same turn
    of the event loop: uvicorn writes the status line and headers, then the body, as two
    ``send()`` calls; this makes them one (one TCP segment, one wake-up of the reader).

    Only a write under ``HOLD_BYTES`` is held, and only until the next write or the end of
    the current loop turn (``call_soon``), so nothing waits for more data and back-pressure
    is the real transport's, as before. Everything else is the wrapped transport's.
    """

    HOLD_BYTES = 16 * 1024
    __slots__ = ("_held", "_loop", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        held = self._held
        if held is not None:
            self._held = None
            self._transport.write(held + bytes(data))
        elif len(data) < self.HOLD_BYTES:
            self._held = bytes(data)
            self._loop.call_soon(self._flush)
        else:
            self._transport.write(data)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def _flush(self) -> None:
        held = self._held
        if held is not None:
            self._held = None
            if not self._transport.is_closing():
                self._transport.write(held)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + len(self._held or b"")

    def write_eof(self) -> None:
        self._flush()
        self._transport.write_eof()

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def abort(self) -> None:
        self._held = None
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol, plus what it lacks against slow and idle clients.

    uvicorn closes an idle keep-alive connection, but a connection that sends nothing, half a
    request line, or half a body is kept for as long as the client likes, and it accepts
    connections without limit. Here, per connection:

    - headers: the request line and headers must arrive within ``header_timeout`` of the
      connection opening (or of the first byte of the next request on a kept-alive one);
    - body: at most ``body_timeout`` between two chunks, and ``body_total`` for the whole body
      (while the application is not reading, the server stops reading too and the wait is
      not the client's fault: the clock is not running then);
    - connections: at ``max_connections``, the connection waiting the longest without a
      request in flight (idle keep-alive or still sending its headers) is closed to make room;
      when every connection has a request in flight, the new one gets a 503 and is closed.

    A connection cut off for slowness is closed without an answer, as nginx does for its
    ``client_header_timeout`` (a 408 would be read by nobody).
    Settings come from ``GuardedHttpProtocol.configure`` (``mim serve``, one call per process).
    """

    header_timeout: float = 10.0
    body_timeout: float = 30.0
    body_total: float = 120.0
    max_connections: int = 1000
    _configured = False

    @classmethod
    def configure(
        cls, *, header_timeout: float, body_timeout: float, body_total: float, max_connections: int
    ) -> type[GuardedHttpProtocol]:
        """Set the limits for this process and the worker processes it starts (by environment:
        uvicorn's workers import this class afresh)."""
        limits = {
            "header_timeout": header_timeout,
            "body_timeout": body_timeout,
            "body_total": body_total,
            "max_connections": max_connections,
        }
        os.environ[LIMITS_ENV] = json.dumps(limits)
        cls._configured = False
        cls._load()
        return cls

    @classmethod
    def _load(cls) -> None:
        if cls._configured:
            return
        cls._configured = True
        raw = os.environ.get(LIMITS_ENV)
        if raw:
            limits = json.loads(raw)
            cls.header_timeout = float(limits["header_timeout"])
            cls.body_timeout = float(limits["body_timeout"])
            cls.body_total = float(limits["body_total"])
            cls.max_connections = int(limits["max_connections"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._load()
        self._guard_timer: asyncio.TimerHandle | None = None
        self._body_deadline = 0.0
        self._in_request = False  # from the end of the headers to the end of the response
        self._reading_body = False
        self._body_progress = False  # a body chunk (or the headers) came in this read
        self._idle_since = 0.0

    # -- connection life
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]
        self._idle_since = self.loop.time()
        if len(self.connections) > self.max_connections and not self._make_room():
            logger.warning("connection refused: %d open connections", len(self.connections))
            transport.write(SERVICE_UNAVAILABLE)
            transport.close()
            self.connections.discard(self)
            return
        self._arm(self.header_timeout, self._header_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _make_room(self) -> bool:
        """Close the connection that has waited the longest without a request in flight."""
        oldest: GuardedHttpProtocol | None = None
        for conn in self.connections:
            if conn is self or not isinstance(conn, GuardedHttpProtocol) or conn._in_request:
                continue
            if conn.transport is None or conn.transport.is_closing():
                continue
            if oldest is None or conn._idle_since < oldest._idle_since:
                oldest = conn
        if oldest is None:
            return False
        oldest.transport.close()
        oldest.connections.discard(oldest)
        return True

    # -- timers
    def _arm(self, delay: float, callback: Any) -> None:
        self._disarm()
        self._guard_timer = self.loop.call_later(delay, callback)

    def _disarm(self) -> None:
        if self._guard_timer is not None:
            self._guard_timer.cancel()
            self._guard_timer = None

    def _close_slow(self, what: str) -> None:
        self._disarm()
        if self.transport is not None and not self.transport.is_closing():
            client = f"{self.client[0]}:{self.client[1]}" if self.client else "?"
            logger.info("closing a slow connection (%s) from %s", what, client)
            self.transport.close()

    def _header_timed_out(self) -> None:
        self._guard_timer = None
        if not self._in_request:
            self._close_slow(f"headers not received within {self.header_timeout:g} s")

    def _body_timed_out(self) -> None:
        self._guard_timer = None
        if not self._reading_body:
            return
        if self.flow is not None and self.flow.read_paused:
            # The application has not read what came: not the client's fault. Check again later.
            self._body_deadline += self.body_timeout
            self._arm(self.body_timeout, self._body_timed_out)
            return
        self._close_slow("request body too slow")

    def _arm_body(self) -> None:
        now = self.loop.time()
        delay = min(self.body_timeout, max(0.0, self._body_deadline - now))
        self._arm(delay, self._body_timed_out)

    # -- data
    # The timers are armed once per read, after the parser has seen the bytes, and only for
    # what is still missing: a request that arrives whole (a GET in one segment, the usual
    # case) arms and cancels nothing, where arming on each parser event cost two timers
    # set and cancelled per request.
    def data_received(self, data: bytes) -> None:
        # First bytes of a new request on a kept-alive connection: the header clock starts.
        new_request = not self._in_request and self._guard_timer is None
        self._body_progress = False
        super().data_received(data)
        if self._reading_body:
            if self._body_progress or self._guard_timer is None:
                self._arm_body()
        elif new_request and not self._in_request and self._guard_timer is None and self._open():
            self._arm(self.header_timeout, self._header_timed_out)  # headers still incomplete

    def _open(self) -> bool:
        return self.transport is not None and not self.transport.is_closing()

    def on_headers_complete(self) -> None:
        self._disarm()  # the header clock (a new connection's, or a request sent in pieces)
        self._in_request = True
        self._reading_body = True
        self._body_progress = True
        self._body_deadline = self.loop.time() + self.body_total
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        self._body_progress = True
        super().on_body(body)

    def on_message_complete(self) -> None:
        if self._reading_body:
            self._reading_body = False
            self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        self._in_request = False
        self._idle_since = self.loop.time()
        if not self._reading_body:
            self._disarm()
        super().on_response_complete()
