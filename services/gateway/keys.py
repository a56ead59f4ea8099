"""API keys for integrators: created and revoked by admins, stored as SHA-256, shown once.

A key is 32 random bytes, so a fast hash is enough (no dictionary to guess from);
the lookup is one indexed equality on the hash.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.errors import NotFound
from services.common.models import utcnow
from services.common.pagination import PageParams
from services.gateway.models import ApiKey

KEY_PREFIX = "mim_"


def hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_secret() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


async def create_key(
    *,
    session: AsyncSession,
    name: str,
    role: str,
    scope: str,
    exporter_id: int | None,
    created_by: int | None,
) -> tuple[ApiKey, str]:
    """The stored key and its secret (returned to the admin once, never stored)."""
    raw = new_secret()
    key = ApiKey(
        name=name,
        prefix=raw[: len(KEY_PREFIX) + 6],
        key_hash=hash_secret(raw),
        role=role,
        scope=scope,
        exporter_id=exporter_id,
        created_by=created_by,
    )
    session.add(key)
    await session.flush()
    return key, raw


async def list_keys(*, session: AsyncSession, page: PageParams) -> tuple[Sequence[ApiKey], int]:
    total = (await session.exec(select(func.count()).select_from(ApiKey))).one()
    rows = (
        await session.exec(select(ApiKey).order_by(col(ApiKey.id)).offset(page.offset).limit(page.per_page))
    ).all()
    return rows, total


async def revoke_key(*, session: AsyncSession, key_id: int) -> ApiKey:
    """Revoke (idempotent): from the next request on, the key is refused."""
    await session.exec(
        update(ApiKey)
        .where(col(ApiKey.id) == key_id, col(ApiKey.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    key = await session.get(ApiKey, key_id, populate_existing=True)
    if key is None:
        raise NotFound(f"No API key with id {key_id}.")
    return key


async def find_active_key(*, session: AsyncSession, raw_key: str) -> ApiKey | None:
    if not raw_key.startswith(KEY_PREFIX) or len(raw_key) > 100:
        return None
    return (
        await session.exec(
            select(ApiKey).where(ApiKey.key_hash == hash_secret(raw_key), col(ApiKey.revoked_at).is_(None))
        )
    ).first()
