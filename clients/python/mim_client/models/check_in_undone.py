from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.door_counts import DoorCounts


T = TypeVar("T", bound="CheckInUndone")


@_attrs_define
class CheckInUndone:
    """
    Attributes:
        counts (DoorCounts):
        rsvp_id (int):
        undone_at (datetime.datetime):
        undone_by (str):
    """

    counts: DoorCounts
    rsvp_id: int
    undone_at: datetime.datetime
    undone_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        rsvp_id = self.rsvp_id

        undone_at = self.undone_at.isoformat()

        undone_by = self.undone_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "rsvp_id": rsvp_id,
                "undone_at": undone_at,
                "undone_by": undone_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.door_counts import DoorCounts

        d = dict(src_dict)
        counts = DoorCounts.from_dict(d.pop("counts"))

        rsvp_id = d.pop("rsvp_id")

        undone_at = datetime.datetime.fromisoformat(d.pop("undone_at"))

        undone_by = d.pop("undone_by")

        check_in_undone = cls(
            counts=counts,
            rsvp_id=rsvp_id,
            undone_at=undone_at,
            undone_by=undone_by,
        )

        check_in_undone.additional_properties = d
        return check_in_undone

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
