"""Registry dependencies: the reference data and the search answer caches."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.common.db import transaction
from services.registry.reference import Reference, load_reference
from services.registry.search_cache import SearchCache


async def get_reference(request: Request) -> Reference:
    """Regions and sectors, read from the database once per process (they never change at runtime)."""
    cached: Reference | None = getattr(request.app.state, "reference", None)
    if cached is None or not cached.regions:
        async with transaction(request.app.state.sessionmaker, write=False) as session:
            cached = await load_reference(session=session)
        request.app.state.reference = cached
    return cached


ReferenceDep = Annotated[Reference, Depends(get_reference)]


async def get_search_cache(request: Request) -> SearchCache:
    cache: SearchCache = request.app.state.search_cache
    return cache


SearchCacheDep = Annotated[SearchCache, Depends(get_search_cache)]
