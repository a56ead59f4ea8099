"""Dependencies of the events routes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import is_sqlite, transaction
from services.events.config import EventsSettings


def get_settings(request: Request) -> EventsSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


SettingsDep = Annotated[EventsSettings, Depends(get_settings)]
EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Event id")]
ManageToken = Annotated[
    str, Path(min_length=20, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="Private manage token")
]


_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _sqlite_write_lock(request: Request) -> asyncio.Lock | None:
    """One in-process queue for SQLite writers.

    SQLite allows one writer at a time; without this, every waiting request polls
    the database lock through SQLite's busy handler (sleeps of up to 100 ms), which
    wrecks latency under a burst. Correctness does not depend on it: capacity is
    still enforced by the database (BEGIN IMMEDIATE, conditional UPDATE, CHECK).
    """
    state = request.app.state
    lock = getattr(state, "sqlite_write_lock", None)
    if lock is None:
        sqlite = is_sqlite(state.settings.effective_database_url)
        lock = state.sqlite_write_lock = asyncio.Lock() if sqlite else False
    return lock or None


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """Like services.common.deps.get_session, with SQLite writers queued in-process."""
    write = request.method not in _READ_METHODS
    lock = _sqlite_write_lock(request) if write else None
    if lock is None:
        async with transaction(request.app.state.sessionmaker, write=write) as session:
            yield session
        return
    async with lock, transaction(request.app.state.sessionmaker, write=True) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
