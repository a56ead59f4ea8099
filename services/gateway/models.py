"""Gateway tables: accounts, their refresh tokens, and API keys.

Migrations in ``migrations/gateway`` are the schema authority.
"""

# No `from __future__ import annotations` here: SQLModel resolves column types at runtime.
from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.common.models import UTCDateTime, service_metadata, utcnow


class GatewayModel(SQLModel):
    metadata = service_metadata()


class Account(GatewayModel, table=True):
    """A person who signs in: admin, organiser, or an exporter's staff (bound to one exporter)."""

    __table_args__ = (UniqueConstraint("email"),)

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, description="Stored lower-case")
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=16)
    exporter_id: int | None = Field(default=None)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class RefreshToken(GatewayModel, table=True):
    """One refresh token, stored as its SHA-256; rotated on every use, grouped in a family."""

    __tablename__ = "refresh_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64)
    family: str = Field(max_length=32, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class ApiKey(GatewayModel, table=True):
    """An integrator's key, stored as its SHA-256; only ``prefix`` is kept readable."""

    __tablename__ = "api_key"
    __table_args__ = (UniqueConstraint("key_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    prefix: str = Field(max_length=16)
    key_hash: str = Field(max_length=64)
    role: str = Field(max_length=16)
    exporter_id: int | None = Field(default=None)
    scope: str = Field(max_length=16, description="read or read-write")
    created_by: int | None = Field(default=None, foreign_key="account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


__all__ = ["Account", "ApiKey", "GatewayModel", "RefreshToken"]
