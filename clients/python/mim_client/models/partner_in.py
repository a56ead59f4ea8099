from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.partner_in_kind import PartnerInKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartnerIn")


@_attrs_define
class PartnerIn:
    """
    Attributes:
        name (str):
        kind (PartnerInKind | Unset):  Default: PartnerInKind.PARTNER.
        url (None | str | Unset):
    """

    name: str
    kind: PartnerInKind | Unset = PartnerInKind.PARTNER
    url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        _kind = d.pop("kind", UNSET)
        kind: PartnerInKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = PartnerInKind(_kind)

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        partner_in = cls(
            name=name,
            kind=kind,
            url=url,
        )

        return partner_in
