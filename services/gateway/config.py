"""Gateway settings (env prefix ``GATEWAY_``): upstreams, time-outs, limits, tokens."""

from __future__ import annotations

import ipaddress

from pydantic_settings import SettingsConfigDict

from services.common.config import ServiceSettings


class TrustedProxies:
    """Addresses whose ``X-Forwarded-For`` the gateway believes: exact IPs or CIDR networks."""

    def __init__(self, entries: list[str]) -> None:
        self.addresses = frozenset(e for e in entries if "/" not in e)
        self.networks = tuple(ipaddress.ip_network(e, strict=False) for e in entries if "/" in e)

    def __contains__(self, address: object) -> bool:
        if address in self.addresses:
            return True
        if not self.networks or not isinstance(address, str):
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    port: int = 8000

    # Upstream services and how long the gateway waits for each (seconds).
    registry_url: str = "http://127.0.0.1:8001"
    events_url: str = "http://127.0.0.1:8002"
    registry_timeout: float = 10.0
    events_timeout: float = 10.0
    connect_timeout: float = 1.0
    upstream_pool_size: int = 100
    # Circuit breaker: this many consecutive connection failures open it; it lets a
    # trial request through after ``breaker_reset_seconds``.
    breaker_threshold: int = 3
    breaker_reset_seconds: float = 5.0
    # Background probe of every upstream's /healthz (closes the breaker, refreshes OpenAPI).
    health_interval_seconds: float = 5.0

    # Tokens the gateway issues.
    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_seconds: int = 30 * 24 * 3600
    api_key_token_ttl_seconds: int = 5 * 60

    # Limits: "<count>/<second|minute|hour>" per client (API key, else IP).
    max_body_bytes: int = 1_048_576
    rate_limit_enabled: bool = True
    rate_limit_default: str = "600/minute"
    rate_limit_signin: str = "10/minute"
    rate_limit_rsvp: str = "20/minute"
    redis_url: str = ""
    # Peers whose X-Forwarded-For is believed (the frontend runs on loopback).
    trusted_proxies: str = "127.0.0.1,::1"

    # Comma-separated origins allowed by CORS ("*" for any); empty turns CORS off.
    cors_origins: str = ""
    hsts: bool = False

    @property
    def service_name(self) -> str:
        return "gateway"

    def upstreams(self) -> dict[str, tuple[str, float]]:
        """Public prefix name -> (base URL, time-out)."""
        return {
            "registry": (self.registry_url.rstrip("/"), self.registry_timeout),
            "events": (self.events_url.rstrip("/"), self.events_timeout),
        }
