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
        photo_url (None | str | Unset): https only
        role (str | Unset): In French (the reference) Default: ''.
        role_ar (str | Unset):  Default: ''.
        role_en (str | Unset):  Default: ''.
    """

    name: str
    exporter_id: int | None | Unset = UNSET
    organisation: str | Unset = ""
    photo_url: None | str | Unset = UNSET
    role: str | Unset = ""
    role_ar: str | Unset = ""
    role_en: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        exporter_id: int | None | Unset
        if isinstance(self.exporter_id, Unset):
            exporter_id = UNSET
        else:
            exporter_id = self.exporter_id

        organisation = self.organisation

        photo_url: None | str | Unset
        if isinstance(self.photo_url, Unset):
            photo_url = UNSET
        else:
            photo_url = self.photo_url

        role = self.role

        role_ar = self.role_ar

        role_en = self.role_en

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
        if photo_url is not UNSET:
            field_dict["photo_url"] = photo_url
        if role is not UNSET:
            field_dict["role"] = role
        if role_ar is not UNSET:
            field_dict["role_ar"] = role_ar
        if role_en is not UNSET:
            field_dict["role_en"] = role_en

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

        def _parse_photo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        photo_url = _parse_photo_url(d.pop("photo_url", UNSET))

        role = d.pop("role", UNSET)

        role_ar = d.pop("role_ar", UNSET)

        role_en = d.pop("role_en", UNSET)

        speaker_in = cls(
            name=name,
            exporter_id=exporter_id,
            organisation=organisation,
            photo_url=photo_url,
            role=role,
            role_ar=role_ar,
            role_en=role_en,
        )

        return speaker_in
