"""Accounts and sign-in: argon2 passwords, short access JWTs, rotating refresh tokens.

A refresh token is single use: refreshing revokes it and issues the next one of
the same family. Presenting a token that was already used means it leaked, so
the whole family is revoked (the thief and the owner both sign in again).
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import Sequence
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Role, issue_token
from services.common.errors import Conflict, NotFound, Unauthorized
from services.common.models import utcnow
from services.common.pagination import PageParams
from services.gateway.config import GatewaySettings
from services.gateway.keys import hash_secret
from services.gateway.models import Account, RefreshToken
from services.gateway.schemas import TokenPair

# argon2id with OWASP's recommended parameters (Password Storage Cheat Sheet: m=19 MiB, t=2,
# p=1). argon2-cffi's default (RFC 9106 "low memory": 64 MiB) buys the same strength with
# memory, and a sign-in then lifts the gateway's memory by 64 MiB. Hashes made with other
# parameters are upgraded at the next sign-in (check_needs_rehash).
hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    """Verified when the e-mail is unknown, so both failures take the same time."""
    return hasher.hash(secrets.token_urlsafe(16))


async def _verify(password_hash: str, password: str) -> None:
    # Tens of milliseconds of CPU: off the event loop (argon2-cffi releases the GIL).
    await asyncio.to_thread(hasher.verify, password_hash, password)


class RefreshTokenReused(Unauthorized):
    """The family was revoked: the caller must answer without rolling that revocation back."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def create_account(
    *, session: AsyncSession, email: str, password: str, role: Role | str, exporter_id: int | None = None
) -> Account:
    account = Account(
        email=normalise_email(email),
        password_hash=await asyncio.to_thread(hasher.hash, password),
        role=str(Role(role)),
        exporter_id=exporter_id,
    )
    try:
        async with session.begin_nested():
            session.add(account)
            await session.flush()
    except IntegrityError as exc:
        raise Conflict.for_field("email", f"An account with e-mail {account.email} exists already.") from exc
    return account


async def get_account(*, session: AsyncSession, account_id: int) -> Account | None:
    return await session.get(Account, account_id)


async def authenticate(*, session: AsyncSession, email: str, password: str) -> Account:
    account = (await session.exec(select(Account).where(Account.email == normalise_email(email)))).first()
    try:
        await _verify(account.password_hash if account else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        account = None
    if account is None or not account.active:
        raise Unauthorized("Wrong e-mail or password.")
    if hasher.check_needs_rehash(account.password_hash):
        account.password_hash = await asyncio.to_thread(hasher.hash, password)
        session.add(account)
    return account


async def start_session(
    *, session: AsyncSession, account: Account, settings: GatewaySettings, family: str | None = None
) -> TokenPair:
    """Issue an access token and a fresh refresh token (a new family unless given)."""
    assert account.id is not None
    raw = secrets.token_urlsafe(32)
    session.add(
        RefreshToken(
            account_id=account.id,
            token_hash=hash_secret(raw),
            family=family or uuid.uuid4().hex,
            expires_at=utcnow() + timedelta(seconds=settings.refresh_token_ttl_seconds),
        )
    )
    await session.flush()
    access = issue_token(
        settings,
        sub=f"account:{account.id}",
        role=account.role,
        exporter_id=account.exporter_id,
        ttl_seconds=settings.access_token_ttl_seconds,
        extra={"email": account.email},
    )
    return TokenPair(
        access_token=access,
        expires_in=settings.access_token_ttl_seconds,
        refresh_token=raw,
        refresh_expires_in=settings.refresh_token_ttl_seconds,
    )


async def _revoke_family(*, session: AsyncSession, family: str) -> None:
    await session.exec(  # type: ignore[call-overload]
        update(RefreshToken)
        .where(col(RefreshToken.family) == family, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


async def refresh(*, session: AsyncSession, raw_token: str, settings: GatewaySettings) -> TokenPair:
    stored = (
        await session.exec(select(RefreshToken).where(RefreshToken.token_hash == hash_secret(raw_token)))
    ).first()
    if stored is None:
        raise Unauthorized("The refresh token is not valid.")
    if stored.revoked_at is not None:
        await _revoke_family(session=session, family=stored.family)
        raise RefreshTokenReused("The refresh token was already used or revoked; sign in again.")
    if stored.expires_at <= utcnow():
        raise Unauthorized("The refresh token has expired; sign in again.")
    # Conditional update: of two concurrent refreshes with the same token, one wins.
    result = await session.exec(  # type: ignore[call-overload]
        update(RefreshToken)
        .where(col(RefreshToken.id) == stored.id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    if result.rowcount != 1:
        raise Unauthorized("The refresh token was already used; sign in again.")
    account = await session.get(Account, stored.account_id)
    if account is None or not account.active:
        raise Unauthorized("This account is deactivated.")
    return await start_session(session=session, account=account, settings=settings, family=stored.family)


async def sign_out(*, session: AsyncSession, raw_token: str) -> None:
    """Revoke the refresh token's whole family (idempotent; unknown tokens are ignored)."""
    stored = (
        await session.exec(select(RefreshToken).where(RefreshToken.token_hash == hash_secret(raw_token)))
    ).first()
    if stored is not None:
        await _revoke_family(session=session, family=stored.family)


async def list_accounts(*, session: AsyncSession, page: PageParams) -> tuple[Sequence[Account], int]:
    total = (await session.exec(select(func.count()).select_from(Account))).one()
    rows = (
        await session.exec(select(Account).order_by(col(Account.id)).offset(page.offset).limit(page.per_page))
    ).all()
    return rows, total


async def deactivate(*, session: AsyncSession, account_id: int) -> Account:
    """Deactivate an account and revoke all its refresh tokens (idempotent)."""
    account = await session.get(Account, account_id)
    if account is None:
        raise NotFound(f"No account with id {account_id}.")
    account.active = False
    session.add(account)
    await session.exec(  # type: ignore[call-overload]
        update(RefreshToken)
        .where(col(RefreshToken.account_id) == account_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    await session.flush()
    return account
