"""Bearer tokens: the gateway issues short JWTs, every service verifies them itself.

Claims: ``sub`` (account or key id), ``role`` (admin | organiser | exporter),
``exporter_id`` for an exporter account, ``exp``, ``iat``, ``iss``; optional
``scope`` ("read" or "read-write") for API keys.

Sessions end at once, everywhere. A signed-in account's token carries its
session (``sid``) and the audience ``gateway``: only the gateway accepts it, and
the gateway checks on every request that the session is still open (not signed
out, account not deactivated) before it forwards the call with an internal token
it mints for that call (audience ``services``, 30 s). Services accept internal
tokens and refuse ``gateway`` tokens, so a call straight to a service's port
with a client's token is refused whatever the state of its session. Tokens
without an audience (minted by operators' tools and tests) are accepted as before.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from services.common.config import ServiceSettings
from services.common.errors import Forbidden, Unauthorized

DEFAULT_TOKEN_TTL_SECONDS = 15 * 60
# Who accepts a token: `gateway` tokens are handed to clients, `services` tokens are minted by
# the gateway for one forwarded call.
AUDIENCE_GATEWAY = "gateway"
AUDIENCE_SERVICES = "services"
SERVICE_AUDIENCES = frozenset({AUDIENCE_SERVICES})


class Role(StrEnum):
    admin = "admin"
    organiser = "organiser"
    exporter = "exporter"


class Principal(BaseModel):
    """Who is calling, as proven by a verified token."""

    sub: str
    role: Role
    exporter_id: int | None = None
    scope: str = "read-write"
    exp: int
    sid: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.admin, Role.organiser)

    def can_write(self) -> bool:
        return self.scope != "read"

    def owns_exporter(self, exporter_id: int) -> bool:
        return self.role == Role.exporter and self.exporter_id == exporter_id


def issue_token(
    settings: ServiceSettings,
    *,
    sub: str,
    role: Role | str,
    exporter_id: int | None = None,
    scope: str = "read-write",
    ttl_seconds: int = DEFAULT_TOKEN_TTL_SECONDS,
    extra: dict[str, object] | None = None,
    audience: str | None = None,
    session_id: str | None = None,
) -> str:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": sub,
        "role": str(Role(role)),
        "scope": scope,
        "iat": now,
        "exp": now + ttl_seconds,
        "iss": settings.jwt_issuer,
    }
    if exporter_id is not None:
        claims["exporter_id"] = exporter_id
    if audience is not None:
        claims["aud"] = audience
    if session_id is not None:
        claims["sid"] = session_id
    if extra:
        claims.update(extra)
    import jwt  # here: PyJWT loads cryptography (~9 MB RSS, ~0.2 s CPU); anonymous reads never need it

    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=settings.jwt_algorithm)


def decode_claims(settings: ServiceSettings, token: str) -> dict[str, Any]:
    """The verified claims (signature, expiry, issuer); the audience is checked by the caller."""
    import jwt  # here: see issue_token

    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[settings.jwt_algorithm],
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "sub", "iss"], "verify_aud": False},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("The access token has expired.") from exc
    except jwt.InvalidTokenError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    return claims


def verify_token(
    settings: ServiceSettings, token: str, *, audiences: frozenset[str] = SERVICE_AUDIENCES
) -> Principal:
    claims = decode_claims(settings, token)
    audience = claims.get("aud")
    if audience is not None and (not isinstance(audience, str) or audience not in audiences):
        raise Unauthorized("This token is accepted by the gateway only: call the API through the gateway.")
    try:
        return Principal.model_validate(claims)
    except ValueError as exc:
        raise Unauthorized("The access token carries invalid claims.") from exc


_bearer = HTTPBearer(auto_error=False, description="JWT issued by the gateway (`POST /api/auth/token`).")


def _settings(request: Request) -> ServiceSettings:
    settings: ServiceSettings = request.app.state.settings
    return settings


async def optional_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    if credentials is None:
        # No header: an anonymous caller. A header that is there but is not a bearer token
        # (Basic, a bare token, "Bearer" alone) is a credential this service cannot use: a 401
        # says so (RFC 6750 section 3.1) instead of silently answering as to an anonymous
        # caller. The gateway has already turned `Session <id>` and `ApiKey <key>` into bearers.
        if request.headers.get("authorization") is not None:
            raise Unauthorized("The Authorization header must be `Bearer <token>`.")
        return None
    audiences = getattr(request.app.state, "token_audiences", SERVICE_AUDIENCES)
    return verify_token(_settings(request), credentials.credentials, audiences=audiences)


async def require_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    if principal is None:
        raise Unauthorized("This operation needs a bearer token.")
    return principal


async def require_writer(principal: Annotated[Principal, Depends(require_principal)]) -> Principal:
    if not principal.can_write():
        raise Forbidden("This credential is read-only.")
    return principal


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """Dependency factory: the caller must hold one of ``roles`` and be allowed to write."""

    allowed = set(roles)

    async def _check(principal: Annotated[Principal, Depends(require_writer)]) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(f"This operation needs one of the roles: {', '.join(sorted(allowed))}.")
        return principal

    return _check


OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]
CurrentPrincipal = Annotated[Principal, Depends(require_principal)]
Writer = Annotated[Principal, Depends(require_writer)]
Staff = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser))]
Admin = Annotated[Principal, Depends(require_roles(Role.admin))]
