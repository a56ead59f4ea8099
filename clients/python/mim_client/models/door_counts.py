from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DoorCounts")


@_attrs_define
class DoorCounts:
    """
    Attributes:
        checked_in (int):
        expected (int): Confirmed guests (walk-ins included)
        remaining (int): Expected guests not checked in yet
    """

    checked_in: int
    expected: int
    remaining: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checked_in = self.checked_in

        expected = self.expected

        remaining = self.remaining

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checked_in": checked_in,
                "expected": expected,
                "remaining": remaining,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        checked_in = d.pop("checked_in")

        expected = d.pop("expected")

        remaining = d.pop("remaining")

        door_counts = cls(
            checked_in=checked_in,
            expected=expected,
            remaining=remaining,
        )

        door_counts.additional_properties = d
        return door_counts

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
