from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="AccountPublic")


@_attrs_define
class AccountPublic:
    """
    Attributes:
        active (bool):
        created_at (datetime.datetime):
        email (str):
        exporter_id (int | None):
        id (int):
        role (Role):
    """

    active: bool
    created_at: datetime.datetime
    email: str
    exporter_id: int | None
    id: int
    role: Role
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        email = self.email

        exporter_id: int | None
        exporter_id = self.exporter_id

        id = self.id

        role = self.role.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "email": email,
                "exporter_id": exporter_id,
                "id": id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        def _parse_exporter_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id"))

        id = d.pop("id")

        role = Role(d.pop("role"))

        account_public = cls(
            active=active,
            created_at=created_at,
            email=email,
            exporter_id=exporter_id,
            id=id,
            role=role,
        )

        account_public.additional_properties = d
        return account_public

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
