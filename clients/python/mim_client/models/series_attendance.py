from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attendance_counts import AttendanceCounts
    from ..models.frequent_company import FrequentCompany
    from ..models.frequent_guest import FrequentGuest
    from ..models.month_attendance import MonthAttendance


T = TypeVar("T", bound="SeriesAttendance")


@_attrs_define
class SeriesAttendance:
    """
    Attributes:
        companies (list[FrequentCompany]):
        events (int): Published events of the series that have started
        guests (list[FrequentGuest]):
        months (list[MonthAttendance]):
        series (str):
        total (AttendanceCounts):
    """

    companies: list[FrequentCompany]
    events: int
    guests: list[FrequentGuest]
    months: list[MonthAttendance]
    series: str
    total: AttendanceCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        companies = []
        for companies_item_data in self.companies:
            companies_item = companies_item_data.to_dict()
            companies.append(companies_item)

        events = self.events

        guests = []
        for guests_item_data in self.guests:
            guests_item = guests_item_data.to_dict()
            guests.append(guests_item)

        months = []
        for months_item_data in self.months:
            months_item = months_item_data.to_dict()
            months.append(months_item)

        series = self.series

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "companies": companies,
                "events": events,
                "guests": guests,
                "months": months,
                "series": series,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attendance_counts import AttendanceCounts
        from ..models.frequent_company import FrequentCompany
        from ..models.frequent_guest import FrequentGuest
        from ..models.month_attendance import MonthAttendance

        d = dict(src_dict)
        companies = []
        _companies = d.pop("companies")
        for companies_item_data in _companies:
            companies_item = FrequentCompany.from_dict(companies_item_data)

            companies.append(companies_item)

        events = d.pop("events")

        guests = []
        _guests = d.pop("guests")
        for guests_item_data in _guests:
            guests_item = FrequentGuest.from_dict(guests_item_data)

            guests.append(guests_item)

        months = []
        _months = d.pop("months")
        for months_item_data in _months:
            months_item = MonthAttendance.from_dict(months_item_data)

            months.append(months_item)

        series = d.pop("series")

        total = AttendanceCounts.from_dict(d.pop("total"))

        series_attendance = cls(
            companies=companies,
            events=events,
            guests=guests,
            months=months,
            series=series,
            total=total,
        )

        series_attendance.additional_properties = d
        return series_attendance

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
