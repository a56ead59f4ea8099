"""Gateway settings (env prefix ``GATEWAY_``): upstreams, time-outs, limits, tokens."""

from __future__ import annotations

from pydantic import model_validator
from pydantic_settings import SettingsConfigDict

from services.common.client_ip import TrustedProxies, split_list
from services.common.config import ServiceSettings

__all__ = ["GatewaySettings", "TrustedProxies", "split_list"]


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    port: int = 8000

    # Upstream services and how long the gateway waits for each (seconds).
    registry_url: str = "http://127.0.0.1:8001"
    events_url: str = "http://127.0.0.1:8002"
    registry_timeout: float = 10.0
    events_timeout: float = 10.0
    # Writes (POST, PUT, PATCH, DELETE) may take longer: an RSVP confirm in a burst (never less
    # than the service's read time-out).
    registry_write_timeout: float = 30.0
    events_write_timeout: float = 30.0
    connect_timeout: float = 1.0
    upstream_pool_size: int = 100
    # Admission (README, "Bursts"): at most this many requests at each service at once; the
    # next ones wait at the gateway, first come first served, at most ``upstream_queue_size``
    # of them per service and each at most ``upstream_queue_seconds`` (else 503 + Retry-After).
    # The upstream time-out starts when a request leaves the queue.
    # Events: 256, since its confirms are written in batches of those that arrive together
    # (services/events/confirmations.py): 32 at a time cut a 1,000-guest burst into small
    # batches, and the burst through the gateway kept 0.4x of direct throughput with 3x its p99;
    # at 256 it matched direct (bench/report.md). The registry's work is CPU per request: more
    # at once would only hold more memory.
    registry_max_in_flight: int = 32
    events_max_in_flight: int = 256
    upstream_queue_size: int = 2000
    upstream_queue_seconds: float = 60.0
    # Circuit breaker: this many consecutive failures (connection refused or broken, a broken
    # answer, a service's 5xx but 503, a time-out while the service answered nothing else) open
    # it; it lets a trial request through after ``breaker_reset_seconds``.
    breaker_threshold: int = 3
    breaker_reset_seconds: float = 5.0
    # Background probe of every upstream's /healthz (closes the breaker, refreshes OpenAPI).
    health_interval_seconds: float = 5.0

    # Tokens the gateway issues.
    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    api_key_token_ttl_seconds: int = 5 * 60
    # A website session (the website's cookie keeps only its id); the cookie lives as long.
    web_session_ttl_seconds: int = 8 * 3600
    # Tokens the gateway mints for one forwarded call (services accept only these from clients'
    # sessions); and how long the gateway trusts its last look at a session being open.
    internal_token_ttl_seconds: int = 30
    session_check_cache_seconds: float = 1.0

    # Per-account sign-in back-off (whatever the address): after this many failures in a row
    # an e-mail is locked for base * 2^(failures - after) seconds, at most max; a success resets.
    signin_backoff_after: int = 5
    signin_backoff_base_seconds: float = 2.0
    signin_backoff_max_seconds: float = 15 * 60

    # Limits: "<count>/<second|minute|hour>" per client (API key, else IP).
    max_body_bytes: int = 1_048_576
    # The limit for image uploads (PUT .../exporters/{slug}/logo, POST .../products/{id}/photos),
    # which need more than max_body_bytes; the registry refuses a file over its own
    # REGISTRY_MEDIA_MAX_BYTES (8 MiB) with a problem naming the field, this allows the multipart framing.
    max_upload_bytes: int = 9 * 1_048_576
    rate_limit_enabled: bool = True
    rate_limit_default: str = "600/minute"
    rate_limit_signin: str = "10/minute"
    rate_limit_rsvp: str = "20/minute"
    # POST /api/registry/labels/verify (up to 100 numbers a call), on top of the default rule:
    # 30 batches = 3,000 numbers a minute at most, against 600 single reads.
    rate_limit_label_batch: str = "30/minute"
    redis_url: str = ""
    # Peers whose X-Forwarded-For is believed: IPs or CIDR networks, comma-separated (the
    # website, a load balancer). Unset: loopback in development; production refuses to start
    # without it (an empty value is allowed there and means "trust no one").
    trusted_proxies: str | None = None

    # Webhooks (webhooks.py, dispatcher.py): how often the services' change feeds are read and
    # due deliveries sent (0: no dispatcher in this process), attempts per message before the
    # endpoint is disabled, back-off base * 2^(attempt-1) up to max, the receiver's time limit,
    # and how long a worker holds a claimed delivery.
    webhook_dispatch_interval_seconds: float = 2.0
    webhook_max_attempts: int = 8
    webhook_retry_base_seconds: float = 30.0
    webhook_retry_max_seconds: float = 6 * 3600
    webhook_timeout_seconds: float = 10.0
    webhook_lease_seconds: float = 60.0
    webhook_batch_size: int = 50

    # Comma-separated origins allowed by CORS ("*" for any); empty turns CORS off.
    cors_origins: str = ""
    hsts: bool = False

    @model_validator(mode="after")
    def _explicit_trusted_proxies_in_production(self) -> GatewaySettings:
        if self.environment == "production" and self.trusted_proxies is None:
            raise ValueError(
                "GATEWAY_TRUSTED_PROXIES must be set when MIM_ENV=production: the addresses of the "
                "website and of any load balancer in front of the gateway (empty: trust none)"
            )
        return self

    @property
    def service_name(self) -> str:
        return "gateway"

    def upstreams(self) -> dict[str, tuple[str, float]]:
        """Public prefix name -> (base URL, time-out)."""
        return {
            "registry": (self.registry_url.rstrip("/"), self.registry_timeout),
            "events": (self.events_url.rstrip("/"), self.events_timeout),
        }

    def upstream_limits(self, name: str) -> tuple[float, int]:
        """A service's write time-out and its in-flight limit."""
        if name == "registry":
            return self.registry_write_timeout, self.registry_max_in_flight
        return self.events_write_timeout, self.events_max_in_flight
