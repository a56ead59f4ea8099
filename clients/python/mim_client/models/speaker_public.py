from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        role (str):
    """

    exporter_id: int | None
    id: int
    name: str
    organisation: str
    panel_id: int | None
    role: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exporter_id: int | None
        exporter_id = self.exporter_id

        id = self.id

        name = self.name

        organisation = self.organisation

        panel_id: int | None
        panel_id = self.panel_id

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exporter_id": exporter_id,
                "id": id,
                "name": name,
                "organisation": organisation,
                "panel_id": panel_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
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

        role = d.pop("role")

        speaker_public = cls(
            exporter_id=exporter_id,
            id=id,
            name=name,
            organisation=organisation,
            panel_id=panel_id,
            role=role,
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
