from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WalkInCreate")


@_attrs_define
class WalkInCreate:
    """
    Attributes:
        name (str):
        door (str | Unset):  Default: ''.
        email (None | str | Unset):
        organisation (str | Unset):  Default: ''.
    """

    name: str
    door: str | Unset = ""
    email: None | str | Unset = UNSET
    organisation: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        door = self.door

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        organisation = self.organisation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if door is not UNSET:
            field_dict["door"] = door
        if email is not UNSET:
            field_dict["email"] = email
        if organisation is not UNSET:
            field_dict["organisation"] = organisation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        door = d.pop("door", UNSET)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        organisation = d.pop("organisation", UNSET)

        walk_in_create = cls(
            name=name,
            door=door,
            email=email,
            organisation=organisation,
        )

        return walk_in_create
