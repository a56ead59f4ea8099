"""The suite's shared client for one-off calls (tests/support/http.py) behaves as httpx.get did."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from tests.support.http import http, scripted_server


class _SetsACookie(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str | None, int]]] = []

    def do_GET(self) -> None:
        type(self).seen.append((self.headers.get("cookie"), self.client_address[1]))
        self.send_response(200)
        self.send_header("set-cookie", "session=signed-in; Path=/")
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def cookie_server() -> Iterator[str]:
    _SetsACookie.seen = []
    with scripted_server(_SetsACookie) as url:
        yield url


def test_the_shared_client_keeps_no_cookie_and_no_connection(cookie_server: str) -> None:
    for _ in range(2):
        assert http.get(cookie_server).status_code == 200
    assert [cookie for cookie, _ in _SetsACookie.seen] == [None, None]
    assert not http.cookies
    assert len({port for _, port in _SetsACookie.seen}) == 2, "each call on its own connection"
