"""Bearer tokens: the gateway issues short JWTs, every service verifies them itself.

Claims: ``sub`` (account or key id), ``role`` (admin | organiser | exporter),
``exporter_id`` for an exporter account, ``exp``, ``iat``, ``iss``; optional
``scope`` ("read" or "read-write") for API keys.
"""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Annotated

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from services.common.config import ServiceSettings
from services.common.errors import Forbidden, Unauthorized

DEFAULT_TOKEN_TTL_SECONDS = 15 * 60


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
    if extra:
        claims.update(extra)
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=settings.jwt_algorithm)


def verify_token(settings: ServiceSettings, token: str) -> Principal:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[settings.jwt_algorithm],
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "sub", "iss"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("The access token has expired.") from exc
    except jwt.InvalidTokenError as exc:
        raise Unauthorized("The access token is not valid.") from exc
    try:
        return Principal.model_validate(claims)
    except ValueError as exc:
        raise Unauthorized("The access token carries invalid claims.") from exc


_bearer = HTTPBearer(auto_error=False, description="JWT issued by the gateway (`POST /api/auth/token`).")


def _settings(request: Request) -> ServiceSettings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def optional_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    if credentials is None:
        return None
    return verify_token(_settings(request), credentials.credentials)


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


def require_roles(*roles: Role):  # type: ignore[no-untyped-def]
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
