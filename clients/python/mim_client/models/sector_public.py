from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="SectorPublic")


@_attrs_define
class SectorPublic:
    """
    Attributes:
        isic_section (str):
        name (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        slug (str):
    """

    isic_section: str
    name: LocalizedText
    slug: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        isic_section = self.isic_section

        name = self.name.to_dict()

        slug = self.slug

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "isic_section": isic_section,
                "name": name,
                "slug": slug,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)
        isic_section = d.pop("isic_section")

        name = LocalizedText.from_dict(d.pop("name"))

        slug = d.pop("slug")

        sector_public = cls(
            isic_section=isic_section,
            name=name,
            slug=slug,
        )

        sector_public.additional_properties = d
        return sector_public

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
