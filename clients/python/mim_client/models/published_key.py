from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.published_key_status import PublishedKeyStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="PublishedKey")


@_attrs_define
class PublishedKey:
    """One verification key, JWK-shaped (RFC 8037: ``kty`` OKP, ``crv`` Ed25519, ``x``).

    Attributes:
        kid (str):
        status (PublishedKeyStatus): current: signs new statements; verify-only: an older key, kept for printed labels
        x (str): The raw 32-byte public key, base64url without padding
        alg (Literal['EdDSA'] | Unset):  Default: 'EdDSA'.
        crv (Literal['Ed25519'] | Unset):  Default: 'Ed25519'.
        kty (Literal['OKP'] | Unset):  Default: 'OKP'.
        use (Literal['sig'] | Unset):  Default: 'sig'.
    """

    kid: str
    status: PublishedKeyStatus
    x: str
    alg: Literal["EdDSA"] | Unset = "EdDSA"
    crv: Literal["Ed25519"] | Unset = "Ed25519"
    kty: Literal["OKP"] | Unset = "OKP"
    use: Literal["sig"] | Unset = "sig"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kid = self.kid

        status = self.status.value

        x = self.x

        alg = self.alg

        crv = self.crv

        kty = self.kty

        use = self.use

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kid": kid,
                "status": status,
                "x": x,
            }
        )
        if alg is not UNSET:
            field_dict["alg"] = alg
        if crv is not UNSET:
            field_dict["crv"] = crv
        if kty is not UNSET:
            field_dict["kty"] = kty
        if use is not UNSET:
            field_dict["use"] = use

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kid = d.pop("kid")

        status = PublishedKeyStatus(d.pop("status"))

        x = d.pop("x")

        alg = cast(Literal["EdDSA"] | Unset, d.pop("alg", UNSET))
        if alg != "EdDSA" and not isinstance(alg, Unset):
            raise ValueError(f"alg must match const 'EdDSA', got '{alg}'")

        crv = cast(Literal["Ed25519"] | Unset, d.pop("crv", UNSET))
        if crv != "Ed25519" and not isinstance(crv, Unset):
            raise ValueError(f"crv must match const 'Ed25519', got '{crv}'")

        kty = cast(Literal["OKP"] | Unset, d.pop("kty", UNSET))
        if kty != "OKP" and not isinstance(kty, Unset):
            raise ValueError(f"kty must match const 'OKP', got '{kty}'")

        use = cast(Literal["sig"] | Unset, d.pop("use", UNSET))
        if use != "sig" and not isinstance(use, Unset):
            raise ValueError(f"use must match const 'sig', got '{use}'")

        published_key = cls(
            kid=kid,
            status=status,
            x=x,
            alg=alg,
            crv=crv,
            kty=kty,
            use=use,
        )

        published_key.additional_properties = d
        return published_key

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
