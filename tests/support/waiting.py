"""Wait for something observable instead of sleeping for a guessed while."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float, *, interval: float = 0.05, message: str = "") -> T:
    """Call ``predicate`` until it returns something truthy, and return that; AssertionError
    (with ``message``) when ``timeout`` seconds pass first. Errors the predicate raises propagate."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(message or f"condition not met within {timeout} s")
        time.sleep(interval)
