"""The signed statement in a label's QR code: read back from the printed PNG and SVG by zbarimg,
verified with ONLY the published public key (an independent check with ``cryptography``), and
refused when tampered with, signed under an unknown key id or out of date; a rotated key keeps
old statements verifying. Format: docs/label-statement.md."""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import segno
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from services.registry import statements
from services.registry.config import RegistrySettings
from services.registry.main import create_app
from tests.common.test_public_url import render_svg, zbar_decode
from tests.conftest import asgi_client
from tests.frontend.conftest import demo_label, site_app
from tests.registry.conftest import STAFF, create_exporter, create_product
from tests.support.databases import DatabaseFactory
from tests.support.tokens import bearer

PUBLIC = "https://www.club-mim.example"
SEED_1 = statements.b64url(bytes(range(32)))
SEED_2 = statements.b64url(bytes(range(100, 132)))


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


FIELDS = ("k", "n", "p", "e", "i", "u")  # key id, number, product, exporter, issued, valid until


def independent_verify(statement: str, published: dict[str, Any]) -> dict[str, Any]:
    """The statement's payload, checked with nothing but the published keys (raises otherwise)."""
    prefix, payload_b64, signature_b64 = statement.split(".")
    assert prefix == "MIM1"
    payload = dict(zip(FIELDS, json.loads(_b64(payload_b64)), strict=True))
    (key,) = [k for k in published["keys"] if k["kid"] == payload["k"]]
    assert (key["kty"], key["crv"]) == ("OKP", "Ed25519")
    public = Ed25519PublicKey.from_public_bytes(_b64(key["x"]))
    public.verify(_b64(signature_b64), f"{prefix}.{payload_b64}".encode("ascii"))
    return payload


def _statement_of(url: str) -> str:
    fragment = url.partition("#")[2]
    assert fragment.startswith("MIM1."), url
    return fragment


def _tamper(statement: str, **changes: str) -> str:
    prefix, payload_b64, signature = statement.split(".")
    payload = {**dict(zip(FIELDS, json.loads(_b64(payload_b64)), strict=True)), **changes}
    encoded = statements.b64url(json.dumps(list(payload.values()), separators=(",", ":")).encode())
    return f"{prefix}.{encoded}.{signature}"


def _registry(url: str, tmp_path: Path, **settings: Any) -> Any:
    return create_app(
        RegistrySettings(
            database_url=url,
            log_level="WARNING",
            MIM_PUBLIC_URL=PUBLIC,
            label_key_file=tmp_path / "label-signing-key",
            **settings,
        )
    )


LONG_PRODUCT = "Huile d’argan bio pressée à froid, flacon en verre ambré de 250 ml"
LONG_EXPORTER = "Coopérative féminine Tighanimine pour l’argan et les plantes"


async def _grant(client: httpx.AsyncClient, serial: int, **grant: str) -> str:
    exporter = await create_exporter(client, serial, trade_name=f"{LONG_EXPORTER} {serial}")
    product = await create_product(client, exporter["slug"], name_fr=LONG_PRODUCT)
    owner = bearer("exporter", exporter_id=exporter["id"], sub=f"owner-{serial}")
    application = (
        await client.post("/label-applications", json={"product_id": product["id"]}, headers=owner)
    ).json()
    await client.post(f"/label-applications/{application['id']}/review", headers=STAFF)
    granted = await client.post(f"/label-applications/{application['id']}/grant", json=grant, headers=STAFF)
    assert granted.status_code == 200, granted.text
    return granted.json()["label"]["certificate_number"]  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- through the real stack


async def test_printed_qr_codes_verify_with_only_the_well_known_key(
    shared_stack: Any, tmp_path: Path
) -> None:
    number = demo_label(shared_stack.gateway, "active")
    website = site_app(shared_stack.gateway)
    async with (
        asgi_client(website) as site,
        httpx.AsyncClient(base_url=shared_stack.gateway, timeout=60) as api,
    ):
        published = await site.get("/.well-known/mim-label-keys.json")
        assert published.status_code == 200
        assert published.headers["content-type"].startswith("application/json")
        keys = published.json()
        assert keys == (await api.get("/api/registry/labels/keys")).json()
        png = (await api.get(f"/api/registry/labels/{number}/qr.png")).content
        svg = (await site.get(f"/labels/{number}/qr.svg")).content
        verification = (await api.get(f"/api/registry/labels/{number}")).json()
    await website.state.gateway.close()
    (from_png,) = zbar_decode(png, tmp_path)
    (from_svg,) = zbar_decode(await asyncio.to_thread(render_svg, svg), tmp_path)
    assert from_png == from_svg
    assert from_png.partition("#")[0] == f"{shared_stack.env['MIM_PUBLIC_URL']}/labels/{number}"
    payload = independent_verify(_statement_of(from_png), keys)
    assert payload == {
        "k": keys["current"],
        "n": number,
        "p": verification["granted"]["product_name"]["fr"][: statements.NAME_CHARS],
        "e": verification["granted"]["exporter_trade_name"][: statements.NAME_CHARS],
        "i": verification["valid_from"],
        "u": verification["valid_until"],
    }
    # A second scan reads the same (Ed25519 signatures are deterministic: a stable print).
    assert zbar_decode(png, tmp_path) == [from_png]


# --------------------------------------------------------------------------- in-process registry


@pytest.fixture
async def signed(databases: DatabaseFactory, tmp_path: Path):  # type: ignore[no-untyped-def]
    url = databases.fresh_url("registry")
    app = _registry(url, tmp_path, label_signing_keys=f"k1:{SEED_1}")
    async with asgi_client(app) as client:
        yield url, client
    await app.state.engine.dispose()


async def _qr_statement(client: httpx.AsyncClient, number: str, tmp_path: Path) -> str:
    response = await client.get(f"/labels/{number}/qr.png")
    assert response.status_code == 200
    (url,) = zbar_decode(response.content, tmp_path)
    assert urlsplit(url).netloc == urlsplit(PUBLIC).netloc
    return _statement_of(url)


async def test_tampered_wrong_key_and_expired_statements_are_refused(signed: Any, tmp_path: Path) -> None:
    _, client = signed
    number = await _grant(client, 1)
    keys = (await client.get("/labels/keys")).json()
    statement = await _qr_statement(client, number, tmp_path)
    independent_verify(statement, keys)
    ring = statements.KeyRing(statements.signing_keys(f"k1:{SEED_1}"), [])
    assert ring.verify(statement, today=date.today()).certificate_number == number
    # Tampered: another valid-until, another certificate number, one flipped signature byte.
    for forged in (
        _tamper(statement, u="2099-12-31"),
        _tamper(statement, n="MIM-2026-AAAA-BBBB"),
        statement[:-2] + ("A" if statement[-2] != "A" else "B") + statement[-1],
    ):
        with pytest.raises(InvalidSignature):
            independent_verify(forged, keys)
        with pytest.raises(statements.StatementError) as refused:
            ring.verify(forged, today=date.today())
        assert refused.value.reason in ("bad-signature", "malformed")
    # A key id nobody publishes.
    wrong_kid = _tamper(statement, k="k9")
    with pytest.raises(ValueError):  # no such key in the published set
        independent_verify(wrong_kid, keys)
    with pytest.raises(statements.StatementError) as unknown:
        ring.verify(wrong_kid, today=date.today())
    assert unknown.value.reason == "unknown-key"
    # Garbage in the fragment.
    for junk in (
        "",
        "MIM1",
        "MIM1.a.b",
        "MIM2.e30.AA",
        "MIM1.!!.??",
        "MIM1.e30.AA",
        "MIM1.WzEsMl0.AA",
        "x" * 5000,
    ):
        with pytest.raises(statements.StatementError) as bad:
            ring.verify(junk, today=date.today())
        assert bad.value.reason == "malformed"


async def test_an_expired_label_signs_its_past_valid_until(signed: Any, tmp_path: Path) -> None:
    _, client = signed
    start, end = date.today() - timedelta(days=800), date.today() - timedelta(days=1)
    number = await _grant(client, 2, valid_from=start.isoformat(), valid_until=end.isoformat())
    statement = await _qr_statement(client, number, tmp_path)
    payload = independent_verify(statement, (await client.get("/labels/keys")).json())
    assert (
        payload["u"] == end.isoformat() < date.today().isoformat()
    )  # the signature holds; the date does not
    ring = statements.KeyRing(statements.signing_keys(f"k1:{SEED_1}"), [])
    with pytest.raises(statements.StatementError) as expired:
        ring.verify(statement, today=date.today())
    assert expired.value.reason == "expired"
    assert ring.verify(statement, today=end).valid_until == end  # on its last day it was valid


async def test_a_rotated_key_keeps_old_statements_verifying(signed: Any, tmp_path: Path) -> None:
    url, client = signed
    number = await _grant(client, 3)
    old_statement = await _qr_statement(client, number, tmp_path)
    x1 = (await client.get("/labels/keys")).json()["keys"][0]["x"]
    # Rotation: k2 signs from now on, k1 stays listed (verify-only).
    rotated = _registry(url, tmp_path, label_signing_keys=f"k2:{SEED_2},k1:{SEED_1}")
    async with asgi_client(rotated) as after:
        keys = (await after.get("/labels/keys")).json()
        new_statement = await _qr_statement(after, number, tmp_path)
    await rotated.state.engine.dispose()
    assert keys["current"] == "k2"
    assert [(k["kid"], k["status"]) for k in keys["keys"]] == [("k2", "current"), ("k1", "verify-only")]
    assert independent_verify(old_statement, keys)["k"] == "k1"
    assert independent_verify(new_statement, keys)["k"] == "k2"
    # k1's private half destroyed: listed as a retired public key, still verifies old prints.
    retired = _registry(url, tmp_path, label_signing_keys=f"k2:{SEED_2}", label_retired_keys=f"k1:{x1}")
    async with asgi_client(retired) as later:
        keys = (await later.get("/labels/keys")).json()
    await retired.state.engine.dispose()
    assert [(k["kid"], k["status"]) for k in keys["keys"]] == [("k2", "current"), ("k1", "verify-only")]
    assert independent_verify(old_statement, keys)["n"] == number
    # Without k1 published, the old statement no longer verifies: the list is what counts.
    alone = {**keys, "keys": [k for k in keys["keys"] if k["kid"] == "k2"]}
    with pytest.raises(ValueError):
        independent_verify(old_statement, alone)


async def test_the_qr_code_stays_small_enough_to_scan(signed: Any, tmp_path: Path) -> None:
    _, client = signed
    number = await _grant(client, 4)
    statement = await _qr_statement(client, number, tmp_path)
    url = f"https://www.made-in-morocco.ma/labels/{number}#{statement}"
    # Long names (accents: 2 bytes each) are cut to 32 characters; at most version 13 (69 x 69).
    assert independent_verify(statement, (await client.get("/labels/keys")).json())["p"] == LONG_PRODUCT[:32]
    assert len(url.encode()) < 330, len(url.encode())
    assert segno.make(url, error="m", micro=False).version <= 13
    small = await asyncio.to_thread(render_svg, (await client.get(f"/labels/{number}/qr.svg")).content, 220)
    assert [u.partition("#")[2] for u in zbar_decode(small, tmp_path)] == [statement]


# --------------------------------------------------------------------------- keys from settings


def test_production_refuses_to_start_without_a_signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIM_ENV", "production")
    monkeypatch.setenv("MIM_JWT_SECRET", "j" * 48)
    monkeypatch.setenv("MIM_PUBLIC_URL", PUBLIC)
    monkeypatch.delenv("REGISTRY_LABEL_SIGNING_KEYS", raising=False)
    with pytest.raises(ValueError, match="REGISTRY_LABEL_SIGNING_KEYS must be set"):
        RegistrySettings()
    monkeypatch.setenv("REGISTRY_LABEL_SIGNING_KEYS", f"prod:{SEED_1}")
    assert RegistrySettings().label_key_ring().current.kid == "prod"


@pytest.mark.parametrize(
    "value", ["nokid", f"bad kid!:{SEED_1}", "k1:not-base64!", "k1:AAAA", f"k1:{SEED_1},k1:{SEED_2}"]
)
def test_a_malformed_key_setting_is_refused_without_echoing_it(value: str) -> None:
    with pytest.raises(ValueError) as refused:
        RegistrySettings(label_signing_keys=value)
    assert SEED_1 not in str(refused.value) and SEED_2 not in str(refused.value)


def test_development_generates_one_key_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "var" / "label-signing-key"
    first = RegistrySettings(label_key_file=path).label_key_ring()
    second = RegistrySettings(label_key_file=path).label_key_ring()
    assert first.current.kid == second.current.kid and first.current.x == second.current.x
    assert first.current.kid.startswith("dev-")
    assert (path.stat().st_mode & 0o777) == 0o600
