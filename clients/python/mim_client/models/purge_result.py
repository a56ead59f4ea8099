from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PurgeResult")


@_attrs_define
class PurgeResult:
    """
    Attributes:
        events (int):
        older_than_days (int):
        rsvps (int):
    """

    events: int
    older_than_days: int
    rsvps: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events = self.events

        older_than_days = self.older_than_days

        rsvps = self.rsvps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events": events,
                "older_than_days": older_than_days,
                "rsvps": rsvps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        events = d.pop("events")

        older_than_days = d.pop("older_than_days")

        rsvps = d.pop("rsvps")

        purge_result = cls(
            events=events,
            older_than_days=older_than_days,
            rsvps=rsvps,
        )

        purge_result.additional_properties = d
        return purge_result

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
