"""Dependencies of the events routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request

from services.common.deps import SessionDep
from services.events.config import EventsSettings
from services.events.registry_client import RegistryLookup


async def get_settings(request: Request) -> EventsSettings:
    # A coroutine: FastAPI runs a plain function dependency in its thread pool.
    return request.app.state.settings


async def get_registry(request: Request) -> RegistryLookup:
    return request.app.state.registry


SettingsDep = Annotated[EventsSettings, Depends(get_settings)]
RegistryDep = Annotated[RegistryLookup, Depends(get_registry)]
EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="Event id")]
ManageToken = Annotated[
    str, Path(min_length=20, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="Private manage token")
]


# The kernel's session: SQLite writers already queue in-process there (services/common/db.py).
__all__ = [
    "EventId",
    "ManageToken",
    "RegistryDep",
    "SessionDep",
    "SettingsDep",
    "get_registry",
    "get_settings",
]
