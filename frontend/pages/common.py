"""Small helpers shared by page modules."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

from pydantic import BaseModel

from frontend.gateway import ApiError, GatewayUnavailable

T = TypeVar("T")
ModelT = TypeVar("ModelT", bound=BaseModel)
logger = logging.getLogger("mim.frontend")


class Missing:
    """A page section whose data could not be fetched (shown as 'unavailable')."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __bool__(self) -> bool:
        return False


async def optional(call: Awaitable[T]) -> T | Missing:
    """A secondary section: on a 4xx or an unavailable upstream the page still renders."""
    try:
        return await call
    except GatewayUnavailable:
        return Missing("unavailable")
    except ApiError as exc:
        logger.info("optional section missing", extra={"status": exc.status})
        return Missing("missing")


async def gather(*calls: Awaitable[Any]) -> list[Any]:
    return list(await asyncio.gather(*calls))


def int_param(value: str | None, default: int, *, lo: int = 1, hi: int = 10_000) -> int:
    """A forgiving integer from a query string (a page number typed by hand)."""
    try:
        number = int(value) if value not in (None, "") else default
    except ValueError:
        return default
    return max(lo, min(hi, number))
