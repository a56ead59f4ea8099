from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_key_public_scope import ApiKeyPublicScope
from ..models.role import Role

T = TypeVar("T", bound="ApiKeyPublic")


@_attrs_define
class ApiKeyPublic:
    """
    Attributes:
        created_at (datetime.datetime):
        exporter_id (int | None):
        id (int):
        name (str):
        prefix (str): The key's first characters, to recognise it
        revoked_at (datetime.datetime | None):
        role (Role):
        scope (ApiKeyPublicScope):
    """

    created_at: datetime.datetime
    exporter_id: int | None
    id: int
    name: str
    prefix: str
    revoked_at: datetime.datetime | None
    role: Role
    scope: ApiKeyPublicScope
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        exporter_id: int | None
        exporter_id = self.exporter_id

        id = self.id

        name = self.name

        prefix = self.prefix

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        role = self.role.value

        scope = self.scope.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "exporter_id": exporter_id,
                "id": id,
                "name": name,
                "prefix": prefix,
                "revoked_at": revoked_at,
                "role": role,
                "scope": scope,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_exporter_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id"))

        id = d.pop("id")

        name = d.pop("name")

        prefix = d.pop("prefix")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        role = Role(d.pop("role"))

        scope = ApiKeyPublicScope(d.pop("scope"))

        api_key_public = cls(
            created_at=created_at,
            exporter_id=exporter_id,
            id=id,
            name=name,
            prefix=prefix,
            revoked_at=revoked_at,
            role=role,
            scope=scope,
        )

        api_key_public.additional_properties = d
        return api_key_public

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
