from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SpeakerIn")


@_attrs_define
class SpeakerIn:
    """
    Attributes:
        name (str):
        exporter_id (int | None | Unset):
        organisation (str | Unset):  Default: ''.
        role (str | Unset):  Default: ''.
    """

    name: str
    exporter_id: int | None | Unset = UNSET
    organisation: str | Unset = ""
    role: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        exporter_id: int | None | Unset
        if isinstance(self.exporter_id, Unset):
            exporter_id = UNSET
        else:
            exporter_id = self.exporter_id

        organisation = self.organisation

        role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if exporter_id is not UNSET:
            field_dict["exporter_id"] = exporter_id
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_exporter_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id", UNSET))

        organisation = d.pop("organisation", UNSET)

        role = d.pop("role", UNSET)

        speaker_in = cls(
            name=name,
            exporter_id=exporter_id,
            organisation=organisation,
            role=role,
        )

        return speaker_in
