"""Accounts and sign-in: argon2 passwords, short access JWTs, rotating refresh tokens.

A refresh token is single use: refreshing revokes it and issues the next one of
the same family. Presenting a token that was already used means it leaked, so
the whole family is revoked (the thief and the owner both sign in again).
"""

from __future__ import annotations

import asyncio
import math
import secrets
import uuid
from collections.abc import Sequence
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import AUDIENCE_GATEWAY, Role, issue_token
from services.common.errors import Conflict, NotFound, Problem, Unauthorized
from services.common.models import utcnow
from services.common.pagination import PageParams
from services.gateway.config import GatewaySettings
from services.gateway.keys import hash_secret
from services.gateway.models import Account, RefreshToken, SigninBackoff, WebSession
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
        raise Conflict.for_field(
            "email", f"An account with e-mail {account.email} exists already.", code="duplicate"
        ) from exc
    return account


async def get_account(*, session: AsyncSession, account_id: int) -> Account | None:
    return await session.get(Account, account_id)


class SigninLocked(Problem):
    """Too many failed sign-ins for this e-mail: the same answer whatever the password."""

    status = 429
    slug = "signin-locked"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many failed sign-ins for this account; retry in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
            extra={"retry_after": retry_after},
            params={"retry_after": retry_after},
        )


class SigninFailed(Unauthorized):
    """Wrong e-mail or password: answered, not raised, so the failure count is committed."""


def backoff_seconds(failures: int, settings: GatewaySettings) -> float:
    """How long an e-mail stays locked after ``failures`` failures in a row (0: not locked)."""
    if failures < settings.signin_backoff_after:
        return 0.0
    exponent = min(failures - settings.signin_backoff_after, 32)
    return float(min(settings.signin_backoff_base_seconds * 2**exponent, settings.signin_backoff_max_seconds))


async def _check_lock(*, session: AsyncSession, email: str) -> None:
    backoff = await session.get(SigninBackoff, email)
    if backoff is None or backoff.locked_until is None:
        return
    left = (backoff.locked_until - utcnow()).total_seconds()
    if left > 0:
        raise SigninLocked(max(1, math.ceil(left)))


async def _record_failure(*, session: AsyncSession, email: str, settings: GatewaySettings) -> None:
    """Count one failure in the database (atomic increment), and lock the e-mail past the threshold."""
    now = utcnow()
    increment = (
        update(SigninBackoff)
        .where(col(SigninBackoff.email) == email)
        .values(failures=col(SigninBackoff.failures) + 1, last_failure_at=now)
        .returning(col(SigninBackoff.failures))
    )
    result = await session.exec(increment)
    failures = result.scalar_one_or_none()
    if failures is None:
        try:
            async with session.begin_nested():
                session.add(SigninBackoff(email=email, failures=1, last_failure_at=now))
                await session.flush()
            failures = 1
        except IntegrityError:  # a concurrent first failure inserted it: count on it
            result = await session.exec(increment)
            failures = result.scalar_one()
    delay = backoff_seconds(failures, settings)
    if delay > 0:
        await session.exec(
            update(SigninBackoff)
            .where(col(SigninBackoff.email) == email)
            .values(locked_until=now + timedelta(seconds=delay))
        )


async def authenticate(
    *, session: AsyncSession, email: str, password: str, settings: GatewaySettings
) -> Account:
    """The account, or SigninLocked (429) while the e-mail is backed off, or SigninFailed (401).

    The lock is checked before the password, so the answer during a lock-out is the
    same whether the password is right or wrong.
    """
    email = normalise_email(email)[:254]
    await _check_lock(session=session, email=email)
    account = (await session.exec(select(Account).where(Account.email == email))).first()
    try:
        await _verify(account.password_hash if account else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        account = None
    if account is None or not account.active:
        await _record_failure(session=session, email=email, settings=settings)
        raise SigninFailed("Wrong e-mail or password.")
    await session.exec(delete(SigninBackoff).where(col(SigninBackoff.email) == email))
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
    family = family or uuid.uuid4().hex
    session.add(
        RefreshToken(
            account_id=account.id,
            token_hash=hash_secret(raw),
            family=family,
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
        # Only the gateway accepts it, and checks on every call that this session is open.
        audience=AUDIENCE_GATEWAY,
        session_id=f"{REFRESH_SESSION}{family}",
    )
    return TokenPair(
        access_token=access,
        expires_in=settings.access_token_ttl_seconds,
        refresh_token=raw,
        refresh_expires_in=settings.refresh_token_ttl_seconds,
    )


async def _revoke_family(*, session: AsyncSession, family: str) -> None:
    await session.exec(
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
    result = await session.exec(
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
    await session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.account_id) == account_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    await session.exec(
        update(WebSession)
        .where(col(WebSession.account_id) == account_id, col(WebSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )
    await session.flush()
    return account


# ---- sessions: which ones are open (checked by the gateway on every authenticated call) ----

# A session id names where the session lives: a refresh-token family (API clients) or a
# website session (the website's cookie).
REFRESH_SESSION = "r:"
WEB_SESSION = "w:"


async def start_web_session(
    *, session: AsyncSession, account: Account, settings: GatewaySettings
) -> tuple[str, WebSession]:
    """A new website session: the random id (given once to the website) and its row."""
    assert account.id is not None
    raw = secrets.token_urlsafe(32)
    web = WebSession(
        account_id=account.id,
        token_hash=hash_secret(raw),
        expires_at=utcnow() + timedelta(seconds=settings.web_session_ttl_seconds),
    )
    session.add(web)
    await session.flush()
    return raw, web


async def end_session(*, session: AsyncSession, sid: str) -> None:
    """Sign out the session ``sid`` (idempotent)."""
    kind, value = sid[:2], sid[2:]
    if kind == REFRESH_SESSION:
        await _revoke_family(session=session, family=value)
    elif kind == WEB_SESSION and value.isdigit():
        await session.exec(
            update(WebSession)
            .where(col(WebSession.id) == int(value), col(WebSession.revoked_at).is_(None))
            .values(revoked_at=utcnow())
        )


async def session_is_open(*, session: AsyncSession, sid: str) -> bool:
    """Whether ``sid`` is neither signed out nor expired, and its account is active."""
    kind, value = sid[:2], sid[2:]
    now = utcnow()
    if kind == REFRESH_SESSION:
        query = (
            select(func.count())
            .select_from(RefreshToken)
            .join(Account, col(Account.id) == col(RefreshToken.account_id))
            .where(
                col(RefreshToken.family) == value,
                col(RefreshToken.revoked_at).is_(None),
                col(RefreshToken.expires_at) > now,
                col(Account.active).is_(True),
            )
        )
    elif kind == WEB_SESSION and value.isdigit():
        query = (
            select(func.count())
            .select_from(WebSession)
            .join(Account, col(Account.id) == col(WebSession.account_id))
            .where(
                col(WebSession.id) == int(value),
                col(WebSession.revoked_at).is_(None),
                col(WebSession.expires_at) > now,
                col(Account.active).is_(True),
            )
        )
    else:
        return False
    return bool((await session.exec(query)).one())


async def find_web_session(*, session: AsyncSession, raw: str) -> tuple[WebSession, Account] | None:
    """The open website session with this id and its (active) account."""
    if not raw or len(raw) > 100:
        return None
    row = (
        await session.exec(
            select(WebSession, Account)
            .join(Account, col(Account.id) == col(WebSession.account_id))
            .where(
                col(WebSession.token_hash) == hash_secret(raw),
                col(WebSession.revoked_at).is_(None),
                col(WebSession.expires_at) > utcnow(),
                col(Account.active).is_(True),
            )
        )
    ).first()
    return (row[0], row[1]) if row is not None else None
