from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="SeriesPublic")


@_attrs_define
class SeriesPublic:
    """
    Attributes:
        cadence (str): monthly | annual | one-off
        description (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        id (int):
        name (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        organiser (str):
        slug (str):
    """

    cadence: str
    description: LocalizedText
    id: int
    name: LocalizedText
    organiser: str
    slug: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cadence = self.cadence

        description = self.description.to_dict()

        id = self.id

        name = self.name.to_dict()

        organiser = self.organiser

        slug = self.slug

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cadence": cadence,
                "description": description,
                "id": id,
                "name": name,
                "organiser": organiser,
                "slug": slug,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)
        cadence = d.pop("cadence")

        description = LocalizedText.from_dict(d.pop("description"))

        id = d.pop("id")

        name = LocalizedText.from_dict(d.pop("name"))

        organiser = d.pop("organiser")

        slug = d.pop("slug")

        series_public = cls(
            cadence=cadence,
            description=description,
            id=id,
            name=name,
            organiser=organiser,
            slug=slug,
        )

        series_public.additional_properties = d
        return series_public

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
