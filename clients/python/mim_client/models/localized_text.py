from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LocalizedText")


@_attrs_define
class LocalizedText:
    """Text that people read, once per language of the platform (French is the reference).

    Attributes:
        ar (str):
        en (str):
        fr (str):
    """

    ar: str
    en: str
    fr: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ar = self.ar

        en = self.en

        fr = self.fr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ar": ar,
                "en": en,
                "fr": fr,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ar = d.pop("ar")

        en = d.pop("en")

        fr = d.pop("fr")

        localized_text = cls(
            ar=ar,
            en=en,
            fr=fr,
        )

        localized_text.additional_properties = d
        return localized_text

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
