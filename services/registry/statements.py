"""Signed label statements: the part of a label's QR code that verifies without a network.

A statement is ``MIM1.<payload>.<signature>`` (both base64url without padding):

- payload: compact UTF-8 JSON list ``[key id, certificate number, product (fr), exporter
  (trade name), issued (valid_from, YYYY-MM-DD), valid until]``; names are cut to
  ``NAME_CHARS`` characters so the QR code stays easy to scan;
- signature: Ed25519 over the ASCII text ``MIM1.<payload>`` (what is signed is what is
  printed: no canonical JSON needed to verify).

The QR code carries it in the URL fragment (``{public}/labels/{number}#MIM1....``): a phone
opens the live verification page (the fragment never reaches a server), and a reader without a
network checks the signature with the published keys (``GET /labels/keys``). Online
verification stays the authority: a signature cannot say that a label was since suspended or
withdrawn. See docs/label-statement.md.

Keys: ``REGISTRY_LABEL_SIGNING_KEYS`` = ``kid:<base64url 32-byte Ed25519 seed>`` entries,
comma-separated, the first one signs; the others, and ``REGISTRY_LABEL_RETIRED_KEYS``
(``kid:<base64url public key>``, for keys whose private half is destroyed), stay published as
verify-only so statements already printed keep verifying after a rotation.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

# cryptography (~6 MB of RSS, ~0.2 s of CPU to import) is loaded where a key is first used: a
# registry process that signs or verifies no label statement never loads it (issue #18).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "MIM1"
NAME_CHARS = 32
# The payload: a JSON list, in this order (a list, not an object, keeps the QR code small).
FIELDS = ("kid", "certificate_number", "product", "exporter", "issued", "valid_until")
KID_RE = re.compile(r"^[A-Za-z0-9._-]{1,32}$")
MAX_STATEMENT_CHARS = 1024


class KeyConfigError(ValueError):
    """A key setting that cannot be used (the message never contains key material)."""


class StatementError(ValueError):
    """A statement that does not verify: ``reason`` is a machine code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class LabelKey:
    """A key by its raw material: the 32-byte Ed25519 ``seed`` of a signing key, or the raw public
    key of a verify-only one. Any 32 bytes are a valid seed, and the raw public key is checked only
    when it verifies: the key objects are built at first use."""

    kid: str
    seed: bytes | None = None
    raw_public: bytes | None = None

    @cached_property
    def private(self) -> Ed25519PrivateKey | None:
        if self.seed is None:
            return None
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @cached_property
    def public(self) -> Ed25519PublicKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        if self.private is not None:
            return self.private.public_key()
        assert self.raw_public is not None
        return Ed25519PublicKey.from_public_bytes(self.raw_public)

    @property
    def x(self) -> str:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        return b64url(self.public.public_bytes(Encoding.Raw, PublicFormat.Raw))


class PublishedKey(BaseModel):
    """One verification key, JWK-shaped (RFC 8037: ``kty`` OKP, ``crv`` Ed25519, ``x``)."""

    kid: str
    kty: Literal["OKP"] = "OKP"
    crv: Literal["Ed25519"] = "Ed25519"
    alg: Literal["EdDSA"] = "EdDSA"
    use: Literal["sig"] = "sig"
    x: str = Field(description="The raw 32-byte public key, base64url without padding")
    status: Literal["current", "verify-only"] = Field(
        description="current: signs new statements; verify-only: an older key, kept for printed labels"
    )


class LabelKeySet(BaseModel):
    """The keys that sign label statements (MIM1), current first; old ones stay listed."""

    format: Literal["MIM1"] = "MIM1"
    current: str = Field(description="Key id of the key that signs new statements")
    keys: list[PublishedKey]


class Statement(BaseModel):
    """What a verified statement says."""

    kid: str
    certificate_number: str
    product: str
    exporter: str
    issued: date
    valid_until: date


class KeyRing:
    def __init__(self, signing: list[LabelKey], retired: list[LabelKey]) -> None:
        if not signing or signing[0].seed is None:
            raise KeyConfigError("a label signing key is needed")
        kids = [k.kid for k in (*signing, *retired)]
        if len(set(kids)) != len(kids):
            raise KeyConfigError("label key ids must be unique")
        self.current = signing[0]
        self.keys = {k.kid: k for k in (*signing, *retired)}

    def published(self) -> LabelKeySet:
        return LabelKeySet(
            current=self.current.kid,
            keys=[
                PublishedKey(kid=k.kid, x=k.x, status="current" if k is self.current else "verify-only")
                for k in self.keys.values()
            ],
        )

    def sign(
        self, *, certificate_number: str, product: str, exporter: str, issued: date, valid_until: date
    ) -> str:
        payload = [
            self.current.kid,
            certificate_number,
            product.strip()[:NAME_CHARS].strip(),
            exporter.strip()[:NAME_CHARS].strip(),
            issued.isoformat(),
            valid_until.isoformat(),
        ]
        signed = f"{PREFIX}.{b64url(json.dumps(payload, ensure_ascii=False, separators=(',', ':')).encode())}"
        assert self.current.private is not None
        return f"{signed}.{b64url(self.current.private.sign(signed.encode('ascii')))}"

    def verify(self, statement: str, *, today: date) -> Statement:
        """The statement's content if its signature holds under a published key and it is in date."""
        parsed, signed, signature = parse(statement)
        key = self.keys.get(parsed.kid)
        if key is None:
            raise StatementError("unknown-key", f"no published key has the id {parsed.kid!r}")
        from cryptography.exceptions import InvalidSignature

        try:
            key.public.verify(signature, signed.encode("ascii"))
        except InvalidSignature:
            raise StatementError("bad-signature", "the signature does not match the statement") from None
        if parsed.valid_until < today:
            raise StatementError("expired", f"the label was valid until {parsed.valid_until.isoformat()}")
        if parsed.issued > today:
            raise StatementError("not-yet-valid", f"the label is valid from {parsed.issued.isoformat()}")
        return parsed


def parse(statement: str) -> tuple[Statement, str, bytes]:
    """(content, signed text, signature) of a well-formed statement; its signature is NOT checked."""
    text = statement.strip().removeprefix("#")
    if len(text) > MAX_STATEMENT_CHARS:
        raise StatementError("malformed", "the statement is too long")
    parts = text.split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise StatementError("malformed", f"a statement reads {PREFIX}.<payload>.<signature>")
    try:
        payload = json.loads(unb64url(parts[1]))
        signature = unb64url(parts[2])
        if not isinstance(payload, list) or len(payload) != len(FIELDS):
            raise ValueError("a statement's payload is a list of six strings")
        if not all(isinstance(value, str) for value in payload):
            raise ValueError("a statement's payload is a list of six strings")
        kid, number, product, exporter, issued, valid_until = payload
        content = Statement(
            kid=kid,
            certificate_number=number,
            product=product,
            exporter=exporter,
            issued=date.fromisoformat(issued),
            valid_until=date.fromisoformat(valid_until),
        )
    except (ValueError, TypeError, binascii.Error):
        raise StatementError("malformed", "the statement's payload cannot be read") from None
    return content, f"{parts[0]}.{parts[1]}", signature


# --------------------------------------------------------------------------- keys from settings


def _entries(text: str, what: str) -> list[tuple[str, bytes]]:
    entries = []
    for raw in text.split(","):
        if not raw.strip():
            continue
        kid, sep, material = raw.strip().partition(":")
        if not sep or not KID_RE.match(kid):
            raise KeyConfigError(
                f"{what}: each entry reads <key id>:<base64url key> (key id: A-Z a-z 0-9 . _ -)"
            )
        try:
            key_bytes = unb64url(material.strip())
        except (ValueError, binascii.Error):
            raise KeyConfigError(f"{what}: the key of {kid!r} is not base64url") from None
        if len(key_bytes) != 32:
            raise KeyConfigError(f"{what}: the key of {kid!r} must be 32 bytes")
        entries.append((kid, key_bytes))
    return entries


def signing_keys(text: str) -> list[LabelKey]:
    """``kid:seed,kid:seed`` -> keys with their private half (first = current)."""
    return [LabelKey(kid=kid, seed=seed) for kid, seed in _entries(text, "REGISTRY_LABEL_SIGNING_KEYS")]


def retired_keys(text: str) -> list[LabelKey]:
    """``kid:x,kid:x`` -> public keys only (verify-only)."""
    return [LabelKey(kid=kid, raw_public=x) for kid, x in _entries(text, "REGISTRY_LABEL_RETIRED_KEYS")]


def new_key_entry(kid: str | None = None) -> str:
    """A fresh ``kid:seed`` entry (``mim label-key`` prints one; development stores one in var/)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes_raw()
    if kid is None:
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        kid = "dev-" + hashlib.sha256(public).hexdigest()[:8]
    return f"{kid}:{b64url(seed)}"


def development_key(path: Path) -> str:
    """The key entry stored at ``path``, created on first use (development and tests only).

    Several processes may start at once: the file is created exclusively, and a loser reads
    the winner's key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(new_key_entry() + "\n")
    for _ in range(50):
        text = path.read_text().strip()
        if text:
            return text
        time.sleep(0.02)  # the winner is still writing its one line
    raise KeyConfigError(f"the development label key file {path} is empty")
