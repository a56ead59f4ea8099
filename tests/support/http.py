"""The suite's own one-off HTTP calls to the servers it started (never a client under test).

``httpx.get()`` and friends build a client per call, and a client loads the CA bundle as it is
made: 20-45 ms of CPU per call, a few hundred times a run (py-spy, `make test-fast`: 7 % of the
workers' CPU). ``http`` is one client for the whole process instead. Every URL it is given is
plain http on 127.0.0.1, hence no certificate checks; and no keep-alive, so each call opens its
own connection as ``httpx.get`` did, and a test that restarts a server never meets a connection
the server has just closed. Nor does it keep cookies: a call made with ``httpx.get`` sent none,
and one the website set must not turn a later call to the gateway (same host, another port)
into a signed-in visitor's.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar, DefaultCookiePolicy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

DEFAULT_TIMEOUT = 5.0  # httpx's own default, which the calls this replaces relied on


def one_off_client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    return httpx.Client(
        verify=False,
        timeout=timeout,
        limits=httpx.Limits(max_keepalive_connections=0),
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),  # keeps none
    )


http = one_off_client()


def local_client(base_url: str, **options: object) -> httpx.Client:
    """A client of its own (base URL, headers, keep-alive) for a server this suite started on
    127.0.0.1: plain http, so no CA bundle to load (``httpx.Client()`` loads it as it is made)."""
    return httpx.Client(base_url=base_url, verify=False, **options)  # type: ignore[arg-type]


@contextmanager
def scripted_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A plain ``http.server`` on a free port of 127.0.0.1, its base URL while the block runs: a
    stand-in whose handler scripts the answers and records what it was sent."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
