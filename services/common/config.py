"""Settings shared by every process.

Each service subclasses :class:`ServiceSettings` with its own environment prefix
(``REGISTRY_``, ``EVENTS_``...). Secrets that several processes must agree on
(the token key) are read from ``MIM_*`` variables so one value serves all.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VAR_DIR = PROJECT_ROOT / "var"

# Known-weak value used only for local development; production refuses it.
DEV_JWT_SECRET = "dev-only-insecure-secret-change-me-0123456789"  # noqa: S105

Environment = Literal["development", "test", "production"]


class ServiceSettings(BaseSettings):
    """Base settings: every field can be overridden from the environment."""

    model_config = SettingsConfigDict(env_prefix="MIM_", extra="ignore", env_file=None)

    host: str = "127.0.0.1"
    port: int = 8000
    # uvicorn worker processes behind the one port (`mim serve`); more than one for a service
    # that must answer bursts with every core (compose.yaml: the events service).
    workers: int = Field(1, ge=1, le=32)
    database_url: str = ""
    log_level: str = "INFO"
    log_json: bool = True

    environment: Environment = Field("development", validation_alias="MIM_ENV")
    jwt_secret: SecretStr = Field(SecretStr(DEV_JWT_SECRET), validation_alias="MIM_JWT_SECRET")
    jwt_algorithm: str = Field("HS256", validation_alias="MIM_JWT_ALGORITHM")
    jwt_issuer: str = Field("made-in-morocco", validation_alias="MIM_JWT_ISSUER")

    @model_validator(mode="before")
    @classmethod
    def _shared_log_level(cls, data: object) -> object:
        """``MIM_LOG_LEVEL`` sets every process's level; ``<SERVICE>_LOG_LEVEL`` still wins."""
        shared = os.environ.get("MIM_LOG_LEVEL")
        if shared and isinstance(data, dict) and "log_level" not in data:
            return {**data, "log_level": shared}
        return data

    @model_validator(mode="after")
    def _refuse_weak_secrets_in_production(self) -> ServiceSettings:
        if self.environment == "production":
            secret = self.jwt_secret.get_secret_value()
            if secret == DEV_JWT_SECRET or len(secret) < 32:
                raise ValueError(
                    "MIM_JWT_SECRET must be set to a random value of at least 32 characters "
                    "when MIM_ENV=production"
                )
        return self

    @property
    def service_name(self) -> str:
        return "service"

    def sqlite_default_url(self) -> str:
        return f"sqlite:///{VAR_DIR / (self.service_name + '.db')}"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or self.sqlite_default_url()
