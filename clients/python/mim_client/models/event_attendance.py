from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_attendance_by_source import EventAttendanceBySource


T = TypeVar("T", bound="EventAttendance")


@_attrs_define
class EventAttendance:
    """
    Attributes:
        by_source (EventAttendanceBySource): Confirmed guests by source: online, organiser, walk_in
        cancelled (int):
        capacity (int):
        checked_in (int):
        confirmed (int): Confirmed guests (every source, walk-ins included)
        event_id (int):
        is_over (bool): No-shows are final only once the event is over
        never_promoted (int): Still on the waitlist when the event ended
        no_shows (int): Confirmed but never checked in
        walk_ins (int): Admitted at the door without an RSVP (source walk_in)
    """

    by_source: EventAttendanceBySource
    cancelled: int
    capacity: int
    checked_in: int
    confirmed: int
    event_id: int
    is_over: bool
    never_promoted: int
    no_shows: int
    walk_ins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_source = self.by_source.to_dict()

        cancelled = self.cancelled

        capacity = self.capacity

        checked_in = self.checked_in

        confirmed = self.confirmed

        event_id = self.event_id

        is_over = self.is_over

        never_promoted = self.never_promoted

        no_shows = self.no_shows

        walk_ins = self.walk_ins

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_source": by_source,
                "cancelled": cancelled,
                "capacity": capacity,
                "checked_in": checked_in,
                "confirmed": confirmed,
                "event_id": event_id,
                "is_over": is_over,
                "never_promoted": never_promoted,
                "no_shows": no_shows,
                "walk_ins": walk_ins,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_attendance_by_source import EventAttendanceBySource

        d = dict(src_dict)
        by_source = EventAttendanceBySource.from_dict(d.pop("by_source"))

        cancelled = d.pop("cancelled")

        capacity = d.pop("capacity")

        checked_in = d.pop("checked_in")

        confirmed = d.pop("confirmed")

        event_id = d.pop("event_id")

        is_over = d.pop("is_over")

        never_promoted = d.pop("never_promoted")

        no_shows = d.pop("no_shows")

        walk_ins = d.pop("walk_ins")

        event_attendance = cls(
            by_source=by_source,
            cancelled=cancelled,
            capacity=capacity,
            checked_in=checked_in,
            confirmed=confirmed,
            event_id=event_id,
            is_over=is_over,
            never_promoted=never_promoted,
            no_shows=no_shows,
            walk_ins=walk_ins,
        )

        event_attendance.additional_properties = d
        return event_attendance

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
