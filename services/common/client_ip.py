"""The client's address, one rule for every process: the right-most untrusted hop.

A request reaches a process from its direct peer. When that peer is a trusted
proxy (the website, a load balancer, the gateway), the peer has appended the
address it saw to ``X-Forwarded-For``; walking that list from the right and
skipping trusted proxies, the first untrusted address is the client. Addresses
to the left of it were written by the client itself and are never believed.
When the peer is not trusted, the header is ignored: the peer is the client.

Trusted proxies are exact IPs or CIDR networks. In development and tests the
default is loopback; in production each process trusts only what it is told to
(the gateway refuses to start without ``GATEWAY_TRUSTED_PROXIES``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.requests import HTTPConnection
from starlette.types import Scope

LOOPBACK = "127.0.0.1,::1"
_XFF = b"x-forwarded-for"


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class TrustedProxies:
    """Addresses whose ``X-Forwarded-For`` is believed: exact IPs or CIDR networks."""

    def __init__(self, entries: Iterable[str]) -> None:
        entries = list(entries)
        self.addresses = frozenset(e for e in entries if "/" not in e)
        self.networks = tuple(ipaddress.ip_network(e, strict=False) for e in entries if "/" in e)

    @classmethod
    def parse(cls, value: str | None) -> TrustedProxies:
        return cls(split_list(value or ""))

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

    def __bool__(self) -> bool:
        return bool(self.addresses or self.networks)


def peer_address(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


def forwarded_hops(scope: Scope) -> list[str]:
    """Every X-Forwarded-For hop, left to right (several headers are one list, in order)."""
    hops: list[str] = []
    for name, value in scope["headers"]:
        if name == _XFF:
            hops.extend(h.strip() for h in value.decode("latin-1").split(",") if h.strip())
    return hops


def client_address_of(scope: Scope, trusted: TrustedProxies) -> str:
    """The right-most address not added by a trusted proxy (the peer when it is not trusted)."""
    peer = peer_address(scope)
    if peer not in trusted:
        return peer
    for hop in reversed(forwarded_hops(scope)):
        if hop not in trusted:
            return hop[:64]
    return peer


def forwarded_for(scope: Scope, trusted: TrustedProxies) -> str:
    """The X-Forwarded-For a proxy of the platform sends on: the client it resolved, alone.

    The next hop then needs to trust only this proxy (not the proxies in front of it),
    and a client's own header never travels further than the first proxy.
    """
    return client_address_of(scope, trusted)


def trusted_proxies_of(settings: object) -> TrustedProxies:
    """A process's trusted proxies: its ``trusted_proxies`` setting, else loopback outside production."""
    value = getattr(settings, "trusted_proxies", None)
    if value is None:
        value = "" if getattr(settings, "environment", "development") == "production" else LOOPBACK
    return TrustedProxies.parse(value)


def client_address(request: HTTPConnection) -> str:
    """The client's address for a request to any of the platform's apps (rate limits, logs)."""
    state = request.app.state
    trusted = getattr(state, "trusted_proxies", None)
    if trusted is None:
        trusted = state.trusted_proxies = trusted_proxies_of(getattr(state, "settings", None))
    return client_address_of(request.scope, trusted)
