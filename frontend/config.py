"""Website settings (env prefix FRONTEND_). The website has no database of its own."""

from __future__ import annotations

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from services.common.config import DEV_JWT_SECRET, ServiceSettings

HTMX_VERSION = "2.0.11"
# Subresource integrity of dist/htmx.min.js in the npm package htmx.org@2.0.11, the same
# bytes as frontend/static/vendor/htmx.min.js (the same-origin fallback).
HTMX_INTEGRITY = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"


class FrontendSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="FRONTEND_", extra="ignore")

    port: int = 8080
    gateway_url: str = "http://127.0.0.1:8000"
    # A page is rendered from a few gateway calls; each one gives up after this long.
    gateway_timeout_seconds: float = 5.0
    gateway_connect_timeout_seconds: float = 1.0
    gateway_pool_size: int = 100
    # Signs the session cookie and the CSRF tokens.
    secret_key: SecretStr = Field(SecretStr(DEV_JWT_SECRET + "-frontend"))
    cookie_secure: bool = False
    # <url> entries per sitemap file (the protocol allows 50,000; tests set a few to see paging).
    sitemap_max_urls: int = Field(50_000, ge=3, le=50_000)
    # The largest logo or photo form the website reads (the registry refuses a file over its own
    # 8 MiB limit, in words the form shows); a bigger body is refused before it is read.
    max_upload_bytes: int = 9 * 1024 * 1024

    @model_validator(mode="after")
    def _refuse_dev_secret_in_production(self) -> FrontendSettings:
        if self.environment == "production":
            value = self.secret_key.get_secret_value()
            if value.startswith(DEV_JWT_SECRET) or len(value) < 32:
                raise ValueError("FRONTEND_SECRET_KEY must be a random value of at least 32 characters")
            self.cookie_secure = True
        return self

    @property
    def service_name(self) -> str:
        return "frontend"
