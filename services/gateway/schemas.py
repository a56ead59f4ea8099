"""Public API shapes of the gateway (never a table model straight to a client)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator

from services.common.auth import Role

Scope = Literal["read", "read-write"]


class SignIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=256)


class PasswordForm(BaseModel):
    """The OAuth2 password grant (form-encoded), as sent by Swagger UI's Authorize."""

    grant_type: Literal["password"] | None = "password"
    username: EmailStr
    password: str = Field(min_length=1, max_length=256)
    scope: str = ""


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=16, max_length=200)


class TokenPair(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int = Field(description="Seconds the access token stays valid")
    refresh_token: str = Field(description="Single use: each refresh returns a new one")
    refresh_expires_in: int


class AccountCreate(BaseModel):
    email: EmailStr
    password: str = Field(min_length=10, max_length=256)
    role: Role
    exporter_id: int | None = Field(default=None, ge=1, description="Required for (and only for) exporters")

    @model_validator(mode="after")
    def _exporter_binding(self) -> AccountCreate:
        if self.role == Role.exporter and self.exporter_id is None:
            raise ValueError("an exporter account needs exporter_id")
        if self.role != Role.exporter and self.exporter_id is not None:
            raise ValueError("only an exporter account has an exporter_id")
        return self


class AccountPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    role: Role
    exporter_id: int | None
    active: bool
    created_at: datetime


class ApiKeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120, description="Who or what uses the key")
    role: Role
    scope: Scope = "read"
    exporter_id: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _exporter_binding(self) -> ApiKeyCreate:
        if self.role == Role.exporter and self.exporter_id is None:
            raise ValueError("an exporter key needs exporter_id")
        if self.role != Role.exporter and self.exporter_id is not None:
            raise ValueError("only an exporter key has an exporter_id")
        return self


class ApiKeyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str = Field(description="The key's first characters, to recognise it")
    role: Role
    scope: Scope
    exporter_id: int | None
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="The secret: shown this once, store it now")


class WebSessionStarted(BaseModel):
    """A website session: the website keeps ``session`` (its cookie holds nothing else that grants)."""

    session: str = Field(description="Send as `Authorization: Session <session>`; shown once")
    expires_in: int = Field(description="Seconds the session stays open unless signed out")
    account: AccountPublic
