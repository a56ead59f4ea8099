"""Which peers may tell the gateway the visitor's address (X-Forwarded-For)."""

from __future__ import annotations

from services.gateway.config import TrustedProxies, split_list


def test_exact_addresses_and_networks_are_trusted() -> None:
    trusted = TrustedProxies(split_list("127.0.0.1,::1,172.28.0.80,10.1.0.0/16"))
    assert "127.0.0.1" in trusted
    assert "::1" in trusted
    assert "172.28.0.80" in trusted
    assert "10.1.200.3" in trusted


def test_other_peers_and_garbage_are_not_trusted() -> None:
    trusted = TrustedProxies(split_list("127.0.0.1,10.1.0.0/16"))
    assert "172.28.0.81" not in trusted
    assert "10.2.0.1" not in trusted
    assert "not-an-ip" not in trusted
    assert None not in trusted
