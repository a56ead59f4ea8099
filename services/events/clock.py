"""Time rules of the events service: store UTC, show Africa/Casablanca."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

CASABLANCA = ZoneInfo("Africa/Casablanca")


def now() -> datetime:
    return datetime.now(UTC)


def local(value: datetime) -> datetime:
    """The wall-clock time in Casablanca (UTC+1, or UTC+0 during Ramadan)."""
    return value.astimezone(CASABLANCA)


def local_iso(value: datetime) -> str:
    return local(value).isoformat()


def local_hhmm(value: datetime) -> str:
    return local(value).strftime("%H:%M")


def casablanca(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Casablanca wall-clock time as an aware UTC datetime (for demo data and tests)."""
    return datetime(year, month, day, hour, minute, tzinfo=CASABLANCA).astimezone(UTC)
