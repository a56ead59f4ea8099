"""FastAPI dependencies shared by services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's transaction: committed when the endpoint returns, rolled back on error.

    Used with ``scope="function"`` so the commit happens before the response is
    sent: a client never sees 201 for a write that then failed to commit.
    """
    async with transaction(
        request.app.state.sessionmaker, write=request.method not in _READ_METHODS
    ) as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
