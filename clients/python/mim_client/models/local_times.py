from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LocalTimes")


@_attrs_define
class LocalTimes:
    """Start and end as wall-clock times in Africa/Casablanca (ISO 8601 with the offset of that day).

    Attributes:
        ends_at (str):
        starts_at (str):
        timezone (str | Unset):  Default: 'Africa/Casablanca'.
    """

    ends_at: str
    starts_at: str
    timezone: str | Unset = "Africa/Casablanca"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ends_at = self.ends_at

        starts_at = self.starts_at

        timezone = self.timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ends_at": ends_at,
                "starts_at": starts_at,
            }
        )
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ends_at = d.pop("ends_at")

        starts_at = d.pop("starts_at")

        timezone = d.pop("timezone", UNSET)

        local_times = cls(
            ends_at=ends_at,
            starts_at=starts_at,
            timezone=timezone,
        )

        local_times.additional_properties = d
        return local_times

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
