from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.door_counts import DoorCounts
    from ..models.door_guest import DoorGuest


T = TypeVar("T", bound="DoorGuestList")


@_attrs_define
class DoorGuestList:
    """
    Attributes:
        counts (DoorCounts):
        event_id (int):
        generated_at (datetime.datetime):
        guests (list[DoorGuest]):
    """

    counts: DoorCounts
    event_id: int
    generated_at: datetime.datetime
    guests: list[DoorGuest]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        event_id = self.event_id

        generated_at = self.generated_at.isoformat()

        guests = []
        for guests_item_data in self.guests:
            guests_item = guests_item_data.to_dict()
            guests.append(guests_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "event_id": event_id,
                "generated_at": generated_at,
                "guests": guests,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.door_counts import DoorCounts
        from ..models.door_guest import DoorGuest

        d = dict(src_dict)
        counts = DoorCounts.from_dict(d.pop("counts"))

        event_id = d.pop("event_id")

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        guests = []
        _guests = d.pop("guests")
        for guests_item_data in _guests:
            guests_item = DoorGuest.from_dict(guests_item_data)

            guests.append(guests_item)

        door_guest_list = cls(
            counts=counts,
            event_id=event_id,
            generated_at=generated_at,
            guests=guests,
        )

        door_guest_list.additional_properties = d
        return door_guest_list

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
