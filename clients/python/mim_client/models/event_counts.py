from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EventCounts")


@_attrs_define
class EventCounts:
    """
    Attributes:
        available (int):
        cancelled (int):
        capacity (int):
        checked_in (int):
        confirmed (int):
        event_id (int):
        waitlisted (int):
    """

    available: int
    cancelled: int
    capacity: int
    checked_in: int
    confirmed: int
    event_id: int
    waitlisted: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        cancelled = self.cancelled

        capacity = self.capacity

        checked_in = self.checked_in

        confirmed = self.confirmed

        event_id = self.event_id

        waitlisted = self.waitlisted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "cancelled": cancelled,
                "capacity": capacity,
                "checked_in": checked_in,
                "confirmed": confirmed,
                "event_id": event_id,
                "waitlisted": waitlisted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        available = d.pop("available")

        cancelled = d.pop("cancelled")

        capacity = d.pop("capacity")

        checked_in = d.pop("checked_in")

        confirmed = d.pop("confirmed")

        event_id = d.pop("event_id")

        waitlisted = d.pop("waitlisted")

        event_counts = cls(
            available=available,
            cancelled=cancelled,
            capacity=capacity,
            checked_in=checked_in,
            confirmed=confirmed,
            event_id=event_id,
            waitlisted=waitlisted,
        )

        event_counts.additional_properties = d
        return event_counts

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
