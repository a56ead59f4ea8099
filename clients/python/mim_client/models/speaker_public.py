from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="SpeakerPublic")


@_attrs_define
class SpeakerPublic:
    """
    Attributes:
        exporter_id (int | None):
        id (int):
        name (str):
        organisation (str):
        panel_id (int | None):
        photo_url (None | str): An https address of the speaker's photo
        role (str): In French; `role_localized` has every language
        role_localized (LocalizedText): Text that people read, once per language of the platform (French is the
            reference).
    """

    exporter_id: int | None
    id: int
    name: str
    organisation: str
    panel_id: int | None
    photo_url: None | str
    role: str
    role_localized: LocalizedText
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exporter_id: int | None
        exporter_id = self.exporter_id

        id = self.id

        name = self.name

        organisation = self.organisation

        panel_id: int | None
        panel_id = self.panel_id

        photo_url: None | str
        photo_url = self.photo_url

        role = self.role

        role_localized = self.role_localized.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exporter_id": exporter_id,
                "id": id,
                "name": name,
                "organisation": organisation,
                "panel_id": panel_id,
                "photo_url": photo_url,
                "role": role,
                "role_localized": role_localized,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)

        def _parse_exporter_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id"))

        id = d.pop("id")

        name = d.pop("name")

        organisation = d.pop("organisation")

        def _parse_panel_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        panel_id = _parse_panel_id(d.pop("panel_id"))

        def _parse_photo_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        photo_url = _parse_photo_url(d.pop("photo_url"))

        role = d.pop("role")

        role_localized = LocalizedText.from_dict(d.pop("role_localized"))

        speaker_public = cls(
            exporter_id=exporter_id,
            id=id,
            name=name,
            organisation=organisation,
            panel_id=panel_id,
            photo_url=photo_url,
            role=role,
            role_localized=role_localized,
        )

        speaker_public.additional_properties = d
        return speaker_public

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
