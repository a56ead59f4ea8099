from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_key_create_scope import ApiKeyCreateScope
from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKeyCreate")


@_attrs_define
class ApiKeyCreate:
    """
    Attributes:
        name (str): Who or what uses the key
        role (Role):
        exporter_id (int | None | Unset):
        scope (ApiKeyCreateScope | Unset):  Default: ApiKeyCreateScope.READ.
    """

    name: str
    role: Role
    exporter_id: int | None | Unset = UNSET
    scope: ApiKeyCreateScope | Unset = ApiKeyCreateScope.READ
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        exporter_id: int | None | Unset
        if isinstance(self.exporter_id, Unset):
            exporter_id = UNSET
        else:
            exporter_id = self.exporter_id

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "role": role,
            }
        )
        if exporter_id is not UNSET:
            field_dict["exporter_id"] = exporter_id
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        role = Role(d.pop("role"))

        def _parse_exporter_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id", UNSET))

        _scope = d.pop("scope", UNSET)
        scope: ApiKeyCreateScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = ApiKeyCreateScope(_scope)

        api_key_create = cls(
            name=name,
            role=role,
            exporter_id=exporter_id,
            scope=scope,
        )

        api_key_create.additional_properties = d
        return api_key_create

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
