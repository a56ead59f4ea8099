from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="RegionPublic")


@_attrs_define
class RegionPublic:
    """
    Attributes:
        capital (str):
        code (str):
        name (LocalizedText): Text that people read, once per language of the platform (French is the reference).
    """

    capital: str
    code: str
    name: LocalizedText
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capital = self.capital

        code = self.code

        name = self.name.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capital": capital,
                "code": code,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)
        capital = d.pop("capital")

        code = d.pop("code")

        name = LocalizedText.from_dict(d.pop("name"))

        region_public = cls(
            capital=capital,
            code=code,
            name=name,
        )

        region_public.additional_properties = d
        return region_public

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
