"""Gateway tables: accounts, their refresh tokens, API keys, and webhook subscriptions.

Migrations in ``migrations/gateway`` are the schema authority.
"""

# No `from __future__ import annotations` here: SQLModel resolves column types at runtime.
from datetime import datetime

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
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


class SigninBackoff(GatewayModel, table=True):
    """Failed sign-ins in a row for one e-mail (known or not, so a lock reveals no account).

    After ``signin_backoff_after`` failures the e-mail is locked for an exponentially
    growing delay, whatever address the attempts come from; a success deletes the row.
    """

    __tablename__ = "signin_backoff"

    email: str = Field(max_length=254, primary_key=True, description="Stored lower-case")
    failures: int = 0
    locked_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    last_failure_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class WebSession(GatewayModel, table=True):
    """A website sign-in: the website's cookie holds only the random id, stored here as its SHA-256.

    The website calls the gateway with ``Authorization: Session <id>``; signing out or
    deactivating the account revokes the row, so a copied cookie stops working at once.
    """

    __tablename__ = "web_session"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class WebhookEndpoint(GatewayModel, table=True):
    """An integrator's receiving URL and the change types it subscribes to (Standard Webhooks).

    ``secret`` (``whsec_<base64>``) signs every message; it is shown once, at creation.
    After ``webhook_max_attempts`` failed attempts of one message the endpoint is disabled
    (``disabled_at``, ``disabled_reason``) until someone enables it again.
    """

    __tablename__ = "webhook_endpoint"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=64, description="Who created it: account:<id> or apikey:<id>")
    url: str = Field(max_length=2000)
    description: str = Field(default="", max_length=200)
    event_types: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    secret: str = Field(max_length=80)
    enabled: bool = True
    failure_count: int = 0
    disabled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    disabled_reason: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class WebhookDelivery(GatewayModel, table=True):
    """One message for one endpoint: sent until a 2xx (or the attempts run out), then kept as a record.

    ``message_id`` is the ``webhook-id`` header: the same on every attempt and on a replay.
    A worker claims a due row by setting ``lease_until``/``lease_token`` with a conditional
    UPDATE, so two gateway workers never send it at once.
    """

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        UniqueConstraint("message_id"),
        Index("ix_webhook_delivery_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    endpoint_id: int = Field(foreign_key="webhook_endpoint.id", index=True, ondelete="CASCADE")
    message_id: str = Field(max_length=80)
    event_type: str = Field(max_length=40)
    source: str = Field(max_length=16)
    change_id: int
    body: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="pending", max_length=12, description="pending, delivered or failed")
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    lease_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    lease_token: str | None = Field(default=None, max_length=32)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=300)
    last_attempt_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class WebhookCursor(GatewayModel, table=True):
    """How far a service's change log has been fanned out; moved in the same transaction."""

    __tablename__ = "webhook_cursor"

    source: str = Field(max_length=16, primary_key=True)
    last_id: int = 0
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


__all__ = [
    "Account",
    "ApiKey",
    "GatewayModel",
    "RefreshToken",
    "SigninBackoff",
    "WebSession",
    "WebhookCursor",
    "WebhookDelivery",
    "WebhookEndpoint",
]
