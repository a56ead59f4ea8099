"""The change log: each service's ordered record of what integrators may hear about (webhooks).

A service appends a row in the SAME transaction as the change it describes (a transactional
outbox), so a change is never announced without having happened nor happen without being
announced. Rows carry a small JSON payload of ids, numbers, slugs and statuses: no personal data.

The gateway reads each service's log through ``GET /internal/changes?after=<id>&limit=`` (see
:func:`feed_router`) and fans the rows out to subscribed webhook endpoints. The feed answers
only a token the gateway mints for it (:func:`issue_feed_token`, role ``service``, audience
``services``); that role is no :class:`~services.common.auth.Role`, so such a token opens no
other route, and no client token opens the feed. The gateway never forwards ``/internal/*``
(proxy.py) and the route is left out of the OpenAPI documents.

Order: a reader that has seen id N must never later find a new row below N. SQLite admits one
writer at a time (ids are allocated and committed in order); on PostgreSQL the append takes a
transaction-scoped advisory lock first, so change-writing transactions allocate ids and commit
one after the other.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import JSON, text
from sqlmodel import Field, SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import AUDIENCE_SERVICES, decode_claims
from services.common.config import ServiceSettings
from services.common.deps import SessionDep
from services.common.errors import Forbidden, Unauthorized
from services.common.models import UTCDateTime, utcnow

FEED_PATH = "/internal/changes"
FEED_ROLE = "service"
FEED_SUBJECT = "service:gateway"
FEED_TOKEN_TTL_SECONDS = 60
MAX_FEED_LIMIT = 500
# pg_advisory_xact_lock key: "MIMCHG" read as a number; one per database.
_ADVISORY_KEY = 0x4D494D434847


class ChangeRecord(SQLModel):
    """The columns of a service's ``change_log`` table (each service declares its own table)."""

    id: int | None = Field(default=None, primary_key=True)
    type: str = Field(max_length=40, description="e.g. label.granted, event.cancelled")
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    # Set for a change that must be written once only (a label's expiry): unique.
    once_key: str | None = Field(default=None, max_length=120, unique=True)


async def serialise_changes(session: AsyncSession) -> None:
    """On PostgreSQL, wait for other change-writing transactions (held until commit)."""
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_KEY})


async def append_change(
    session: AsyncSession,
    model: type[ChangeRecord],
    type_: str,
    payload: dict[str, Any],
    *,
    once_key: str | None = None,
) -> None:
    """Add one row to ``model``'s change log in the caller's transaction."""
    await serialise_changes(session)
    session.add(model(type=type_, payload=_plain(payload), once_key=once_key, occurred_at=utcnow()))
    await session.flush()


def _plain(payload: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values (dates as ISO text)."""
    out: dict[str, Any] = {}
    for key, value in payload.items():
        out[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


# --------------------------------------------------------------------------- the feed


class ChangeOut(BaseModel):
    id: int
    type: str
    occurred_at: datetime
    data: dict[str, Any]


class ChangeFeed(BaseModel):
    changes: list[ChangeOut]
    last_id: int


def issue_feed_token(settings: ServiceSettings, ttl_seconds: int = FEED_TOKEN_TTL_SECONDS) -> str:
    """The gateway's credential for the services' feeds."""
    now = int(time.time())
    claims = {
        "sub": FEED_SUBJECT,
        "role": FEED_ROLE,
        "iat": now,
        "exp": now + ttl_seconds,
        "iss": settings.jwt_issuer,
        "aud": AUDIENCE_SERVICES,
    }
    import jwt  # here: PyJWT loads cryptography (~9 MB RSS); only the gateway mints this token

    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=settings.jwt_algorithm)


_bearer = HTTPBearer(auto_error=False)


async def require_feed_reader(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    if credentials is None:
        raise Unauthorized("The change feed needs the gateway's service token.")
    claims = decode_claims(request.app.state.settings, credentials.credentials)
    if (
        claims.get("aud") != AUDIENCE_SERVICES
        or claims.get("role") != FEED_ROLE
        or claims.get("sub") != FEED_SUBJECT
    ):
        raise Forbidden("The change feed is read by the gateway only.")


async def read_changes(
    session: AsyncSession, model: type[ChangeRecord], *, after: int, limit: int
) -> list[ChangeRecord]:
    statement = select(model).where(col(model.id) > after).order_by(col(model.id)).limit(limit)
    return list((await session.exec(statement)).all())


def feed_router(model: type[ChangeRecord]) -> APIRouter:
    """``GET /internal/changes``: the service's change log after a cursor, oldest first."""
    router = APIRouter()

    @router.get(
        FEED_PATH,
        include_in_schema=False,
        dependencies=[Depends(require_feed_reader)],
        operation_id="changes.list",
        summary="The change log after a cursor (the gateway only)",
    )
    async def list_changes(
        session: SessionDep,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_FEED_LIMIT)] = 100,
    ) -> ChangeFeed:
        rows = await read_changes(session, model, after=after, limit=limit)
        items = [
            ChangeOut(id=row.id or 0, type=row.type, occurred_at=row.occurred_at, data=row.payload)
            for row in rows
        ]
        return ChangeFeed(changes=items, last_id=items[-1].id if items else after)

    return router


__all__ = [
    "FEED_PATH",
    "ChangeFeed",
    "ChangeOut",
    "ChangeRecord",
    "append_change",
    "feed_router",
    "issue_feed_token",
    "read_changes",
    "serialise_changes",
]
