from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.month_attendance_by_source import MonthAttendanceBySource


T = TypeVar("T", bound="MonthAttendance")


@_attrs_define
class MonthAttendance:
    """
    Attributes:
        by_source (MonthAttendanceBySource): Confirmed guests by source: online, organiser, walk_in
        cancelled (int):
        checked_in (int):
        confirmed (int): Confirmed guests (every source, walk-ins included)
        events (int):
        month (str): YYYY-MM (Casablanca time)
        never_promoted (int): Still on the waitlist when the event ended
        no_shows (int): Confirmed but never checked in
        walk_ins (int): Admitted at the door without an RSVP (source walk_in)
    """

    by_source: MonthAttendanceBySource
    cancelled: int
    checked_in: int
    confirmed: int
    events: int
    month: str
    never_promoted: int
    no_shows: int
    walk_ins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_source = self.by_source.to_dict()

        cancelled = self.cancelled

        checked_in = self.checked_in

        confirmed = self.confirmed

        events = self.events

        month = self.month

        never_promoted = self.never_promoted

        no_shows = self.no_shows

        walk_ins = self.walk_ins

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_source": by_source,
                "cancelled": cancelled,
                "checked_in": checked_in,
                "confirmed": confirmed,
                "events": events,
                "month": month,
                "never_promoted": never_promoted,
                "no_shows": no_shows,
                "walk_ins": walk_ins,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.month_attendance_by_source import MonthAttendanceBySource

        d = dict(src_dict)
        by_source = MonthAttendanceBySource.from_dict(d.pop("by_source"))

        cancelled = d.pop("cancelled")

        checked_in = d.pop("checked_in")

        confirmed = d.pop("confirmed")

        events = d.pop("events")

        month = d.pop("month")

        never_promoted = d.pop("never_promoted")

        no_shows = d.pop("no_shows")

        walk_ins = d.pop("walk_ins")

        month_attendance = cls(
            by_source=by_source,
            cancelled=cancelled,
            checked_in=checked_in,
            confirmed=confirmed,
            events=events,
            month=month,
            never_promoted=never_promoted,
            no_shows=no_shows,
            walk_ins=walk_ins,
        )

        month_attendance.additional_properties = d
        return month_attendance

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
