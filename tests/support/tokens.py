"""Tokens for tests, signed the way the gateway signs them."""

from __future__ import annotations

from services.common.auth import Role, issue_token
from services.common.config import ServiceSettings


def bearer(
    role: Role | str = Role.organiser,
    *,
    sub: str = "test",
    exporter_id: int | None = None,
    scope: str = "read-write",
    # Long enough for a token minted at collection time to outlive a slow full suite.
    ttl: int = 4 * 3600,
) -> dict[str, str]:
    token = issue_token(
        ServiceSettings(), sub=sub, role=role, exporter_id=exporter_id, scope=scope, ttl_seconds=ttl
    )
    return {"Authorization": f"Bearer {token}"}
