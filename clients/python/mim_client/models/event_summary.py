from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_format import EventFormat
from ..models.event_status import EventStatus

if TYPE_CHECKING:
    from ..models.local_times import LocalTimes
    from ..models.localized_text import LocalizedText
    from ..models.rsvp_window import RsvpWindow
    from ..models.seats import Seats
    from ..models.series_ref import SeriesRef


T = TypeVar("T", bound="EventSummary")


@_attrs_define
class EventSummary:
    """
    Attributes:
        city (str):
        ends_at (datetime.datetime): UTC
        format_ (EventFormat):
        id (int):
        is_past (bool):
        local (LocalTimes): Start and end as wall-clock times in Africa/Casablanca (ISO 8601 with the offset of that
            day).
        region_code (None | str):
        rsvp (RsvpWindow):
        seats (Seats):
        series (None | SeriesRef):
        slug (str):
        starts_at (datetime.datetime): UTC
        status (EventStatus):
        theme (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        title (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        venue (str):
    """

    city: str
    ends_at: datetime.datetime
    format_: EventFormat
    id: int
    is_past: bool
    local: LocalTimes
    region_code: None | str
    rsvp: RsvpWindow
    seats: Seats
    series: None | SeriesRef
    slug: str
    starts_at: datetime.datetime
    status: EventStatus
    theme: LocalizedText
    title: LocalizedText
    venue: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.series_ref import SeriesRef

        city = self.city

        ends_at = self.ends_at.isoformat()

        format_ = self.format_.value

        id = self.id

        is_past = self.is_past

        local = self.local.to_dict()

        region_code: None | str
        region_code = self.region_code

        rsvp = self.rsvp.to_dict()

        seats = self.seats.to_dict()

        series: dict[str, Any] | None
        if isinstance(self.series, SeriesRef):
            series = self.series.to_dict()
        else:
            series = self.series

        slug = self.slug

        starts_at = self.starts_at.isoformat()

        status = self.status.value

        theme = self.theme.to_dict()

        title = self.title.to_dict()

        venue = self.venue

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "city": city,
                "ends_at": ends_at,
                "format": format_,
                "id": id,
                "is_past": is_past,
                "local": local,
                "region_code": region_code,
                "rsvp": rsvp,
                "seats": seats,
                "series": series,
                "slug": slug,
                "starts_at": starts_at,
                "status": status,
                "theme": theme,
                "title": title,
                "venue": venue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.local_times import LocalTimes
        from ..models.localized_text import LocalizedText
        from ..models.rsvp_window import RsvpWindow
        from ..models.seats import Seats
        from ..models.series_ref import SeriesRef

        d = dict(src_dict)
        city = d.pop("city")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        format_ = EventFormat(d.pop("format"))

        id = d.pop("id")

        is_past = d.pop("is_past")

        local = LocalTimes.from_dict(d.pop("local"))

        def _parse_region_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        region_code = _parse_region_code(d.pop("region_code"))

        rsvp = RsvpWindow.from_dict(d.pop("rsvp"))

        seats = Seats.from_dict(d.pop("seats"))

        def _parse_series(data: object) -> None | SeriesRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                series_type_0 = SeriesRef.from_dict(data)

                return series_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SeriesRef, data)

        series = _parse_series(d.pop("series"))

        slug = d.pop("slug")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        status = EventStatus(d.pop("status"))

        theme = LocalizedText.from_dict(d.pop("theme"))

        title = LocalizedText.from_dict(d.pop("title"))

        venue = d.pop("venue")

        event_summary = cls(
            city=city,
            ends_at=ends_at,
            format_=format_,
            id=id,
            is_past=is_past,
            local=local,
            region_code=region_code,
            rsvp=rsvp,
            seats=seats,
            series=series,
            slug=slug,
            starts_at=starts_at,
            status=status,
            theme=theme,
            title=title,
            venue=venue,
        )

        event_summary.additional_properties = d
        return event_summary

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
