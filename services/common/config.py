"""Settings shared by every process.

Each service subclasses :class:`ServiceSettings` with its own environment prefix
(``REGISTRY_``, ``EVENTS_``...). Secrets that several processes must agree on
(the token key) are read from ``MIM_*`` variables so one value serves all.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VAR_DIR = PROJECT_ROOT / "var"

# Known-weak value used only for local development; production refuses it.
DEV_JWT_SECRET = "dev-only-insecure-secret-change-me-0123456789"  # noqa: S105

Environment = Literal["development", "test", "production"]

# Settings one ``MIM_<NAME>`` variable gives every process (``<SERVICE>_<NAME>`` still wins).
SHARED_FIELDS = (
    "log_level",
    "header_timeout_seconds",
    "body_timeout_seconds",
    "body_total_seconds",
    "keep_alive_seconds",
    "max_connections",
)


def _upper_environ() -> set[str]:
    return {key.upper() for key in os.environ}


# The website's address in development (`mim up`); production refuses it (see public_url_problem).
DEV_PUBLIC_URL = "http://127.0.0.1:8080"
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def public_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the public address of the site in production, or None if it can."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an absolute http(s) URL such as https://www.made-in-morocco.ma"
    host = parts.hostname.rstrip(".").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return f"points at this machine ({host}), not at an address visitors can reach"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if address.is_loopback or address.is_unspecified:
        return f"points at this machine ({host}), not at an address visitors can reach"
    return None


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
    # Proxies in front of this process whose X-Forwarded-For it believes (IPs or CIDR networks,
    # comma-separated); unset: loopback outside production, none in production.
    # See services/common/client_ip.py.
    trusted_proxies: str | None = None

    # Slow and idle clients (`mim serve`, see services/common/runtime.py). Each can be set for
    # every process at once with MIM_<NAME> (e.g. MIM_HEADER_TIMEOUT_SECONDS); <SERVICE>_<NAME> wins.
    # A request's headers must arrive whole within this long of its first byte (or of the
    # connection opening): a half-sent request line or header block is cut off.
    header_timeout_seconds: float = Field(10.0, gt=0, le=300)
    # A request body must keep arriving: at most this long between two chunks...
    body_timeout_seconds: float = Field(30.0, gt=0, le=600)
    # ...and all of it within this long of the end of the headers.
    body_total_seconds: float = Field(120.0, gt=0, le=3600)
    # An idle keep-alive connection is closed after this long. Longer than the idle time-out of
    # our own clients' pools (gateway and website: 30 s), so a proxy never reuses a connection
    # the server has just closed (a 502 on a POST).
    keep_alive_seconds: int = Field(75, ge=1, le=3600)
    # Open connections per server process. At the cap, the connection idle the longest (no
    # request in flight) is dropped for the new one; with none idle, the new one gets a 503.
    max_connections: int = Field(1000, ge=8, le=100_000)

    # /metrics answers only with ``Authorization: Bearer <token>`` when set. Unset: open in
    # development and test, closed (404) in production.
    metrics_token: SecretStr | None = Field(None, validation_alias="MIM_METRICS_TOKEN")

    environment: Environment = Field("development", validation_alias="MIM_ENV")
    jwt_secret: SecretStr = Field(SecretStr(DEV_JWT_SECRET), validation_alias="MIM_JWT_SECRET")
    jwt_algorithm: str = Field("HS256", validation_alias="MIM_JWT_ALGORITHM")
    jwt_issuer: str = Field("made-in-morocco", validation_alias="MIM_JWT_ISSUER")
    # The one public address of the website. Every link that leaves the system is built
    # from it: label QR codes and verification URLs, manage links in e-mails, calendar URLs.
    public_url: str = Field(DEV_PUBLIC_URL, validation_alias="MIM_PUBLIC_URL")

    @model_validator(mode="before")
    @classmethod
    def _shared_settings(cls, data: object) -> object:
        """``MIM_LOG_LEVEL`` (and the other ``SHARED_FIELDS``) set every process's value;
        ``<SERVICE>_LOG_LEVEL`` still wins."""
        if not isinstance(data, dict):
            return data
        prefix = str(cls.model_config.get("env_prefix") or "")
        shared = {}
        for field in SHARED_FIELDS:
            value = os.environ.get(f"MIM_{field.upper()}")
            if value and field not in data and f"{prefix}{field}".upper() not in _upper_environ():
                shared[field] = value
        return {**data, **shared} if shared else data

    @field_validator("metrics_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value

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

    @model_validator(mode="after")
    def _refuse_local_public_url_in_production(self) -> ServiceSettings:
        self.public_url = self.public_url.strip().rstrip("/")
        if self.environment == "production":
            problem = public_url_problem(self.public_url)
            if self.public_url == DEV_PUBLIC_URL:
                problem = f"is not set (the development default {DEV_PUBLIC_URL} is this machine)"
            if problem:
                raise ValueError(
                    f"MIM_PUBLIC_URL {problem}: set it to the address people use for the website "
                    "(e.g. https://www.made-in-morocco.ma) when MIM_ENV=production"
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


class MailServiceSettings(ServiceSettings):
    """A service that sends e-mail through its outbox (services/common/outbox.py).

    With no ``smtp_host``, the worker runs a local sink that writes each message as an .eml
    file under ``mail_dir`` (harmless for `make run`).
    """

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Club Made in Morocco <contact@made-in-morocco.ma>"
    mail_dir: str = str(VAR_DIR / "mail")
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 20
    outbox_max_attempts: int = 12
    outbox_backoff_base_seconds: float = 2.0
    outbox_backoff_max_seconds: float = 3600.0
