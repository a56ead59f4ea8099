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
    from ..models.panel_public import PanelPublic
    from ..models.partner_public import PartnerPublic
    from ..models.rsvp_window import RsvpWindow
    from ..models.seats import Seats
    from ..models.series_ref import SeriesRef
    from ..models.speaker_public import SpeakerPublic
    from ..models.venue_map import VenueMap


T = TypeVar("T", bound="EventPublic")


@_attrs_define
class EventPublic:
    """
    Attributes:
        cancellation_reason (None | str):
        city (str):
        created_at (datetime.datetime):
        description (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        ends_at (datetime.datetime): UTC
        format_ (EventFormat):
        id (int):
        is_past (bool):
        local (LocalTimes): Start and end as wall-clock times in Africa/Casablanca (ISO 8601 with the offset of that
            day).
        map_ (None | VenueMap): None when the organiser gave no coordinates
        online_url (None | str):
        panels (list[PanelPublic]):
        partners (list[PartnerPublic]):
        region_code (None | str):
        rsvp (RsvpWindow):
        seats (Seats):
        series (None | SeriesRef):
        slug (str):
        speakers (list[SpeakerPublic]): Keynote speakers, not on a panel
        starts_at (datetime.datetime): UTC
        status (EventStatus):
        theme (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        title (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        updated_at (datetime.datetime):
        venue (str):
    """

    cancellation_reason: None | str
    city: str
    created_at: datetime.datetime
    description: LocalizedText
    ends_at: datetime.datetime
    format_: EventFormat
    id: int
    is_past: bool
    local: LocalTimes
    map_: None | VenueMap
    online_url: None | str
    panels: list[PanelPublic]
    partners: list[PartnerPublic]
    region_code: None | str
    rsvp: RsvpWindow
    seats: Seats
    series: None | SeriesRef
    slug: str
    speakers: list[SpeakerPublic]
    starts_at: datetime.datetime
    status: EventStatus
    theme: LocalizedText
    title: LocalizedText
    updated_at: datetime.datetime
    venue: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.series_ref import SeriesRef
        from ..models.venue_map import VenueMap

        cancellation_reason: None | str
        cancellation_reason = self.cancellation_reason

        city = self.city

        created_at = self.created_at.isoformat()

        description = self.description.to_dict()

        ends_at = self.ends_at.isoformat()

        format_ = self.format_.value

        id = self.id

        is_past = self.is_past

        local = self.local.to_dict()

        map_: dict[str, Any] | None
        if isinstance(self.map_, VenueMap):
            map_ = self.map_.to_dict()
        else:
            map_ = self.map_

        online_url: None | str
        online_url = self.online_url

        panels = []
        for panels_item_data in self.panels:
            panels_item = panels_item_data.to_dict()
            panels.append(panels_item)

        partners = []
        for partners_item_data in self.partners:
            partners_item = partners_item_data.to_dict()
            partners.append(partners_item)

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

        speakers = []
        for speakers_item_data in self.speakers:
            speakers_item = speakers_item_data.to_dict()
            speakers.append(speakers_item)

        starts_at = self.starts_at.isoformat()

        status = self.status.value

        theme = self.theme.to_dict()

        title = self.title.to_dict()

        updated_at = self.updated_at.isoformat()

        venue = self.venue

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cancellation_reason": cancellation_reason,
                "city": city,
                "created_at": created_at,
                "description": description,
                "ends_at": ends_at,
                "format": format_,
                "id": id,
                "is_past": is_past,
                "local": local,
                "map": map_,
                "online_url": online_url,
                "panels": panels,
                "partners": partners,
                "region_code": region_code,
                "rsvp": rsvp,
                "seats": seats,
                "series": series,
                "slug": slug,
                "speakers": speakers,
                "starts_at": starts_at,
                "status": status,
                "theme": theme,
                "title": title,
                "updated_at": updated_at,
                "venue": venue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.local_times import LocalTimes
        from ..models.localized_text import LocalizedText
        from ..models.panel_public import PanelPublic
        from ..models.partner_public import PartnerPublic
        from ..models.rsvp_window import RsvpWindow
        from ..models.seats import Seats
        from ..models.series_ref import SeriesRef
        from ..models.speaker_public import SpeakerPublic
        from ..models.venue_map import VenueMap

        d = dict(src_dict)

        def _parse_cancellation_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancellation_reason = _parse_cancellation_reason(d.pop("cancellation_reason"))

        city = d.pop("city")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = LocalizedText.from_dict(d.pop("description"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        format_ = EventFormat(d.pop("format"))

        id = d.pop("id")

        is_past = d.pop("is_past")

        local = LocalTimes.from_dict(d.pop("local"))

        def _parse_map_(data: object) -> None | VenueMap:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                map_type_0 = VenueMap.from_dict(data)

                return map_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VenueMap, data)

        map_ = _parse_map_(d.pop("map"))

        def _parse_online_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        online_url = _parse_online_url(d.pop("online_url"))

        panels = []
        _panels = d.pop("panels")
        for panels_item_data in _panels:
            panels_item = PanelPublic.from_dict(panels_item_data)

            panels.append(panels_item)

        partners = []
        _partners = d.pop("partners")
        for partners_item_data in _partners:
            partners_item = PartnerPublic.from_dict(partners_item_data)

            partners.append(partners_item)

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

        speakers = []
        _speakers = d.pop("speakers")
        for speakers_item_data in _speakers:
            speakers_item = SpeakerPublic.from_dict(speakers_item_data)

            speakers.append(speakers_item)

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        status = EventStatus(d.pop("status"))

        theme = LocalizedText.from_dict(d.pop("theme"))

        title = LocalizedText.from_dict(d.pop("title"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        venue = d.pop("venue")

        event_public = cls(
            cancellation_reason=cancellation_reason,
            city=city,
            created_at=created_at,
            description=description,
            ends_at=ends_at,
            format_=format_,
            id=id,
            is_past=is_past,
            local=local,
            map_=map_,
            online_url=online_url,
            panels=panels,
            partners=partners,
            region_code=region_code,
            rsvp=rsvp,
            seats=seats,
            series=series,
            slug=slug,
            speakers=speakers,
            starts_at=starts_at,
            status=status,
            theme=theme,
            title=title,
            updated_at=updated_at,
            venue=venue,
        )

        event_public.additional_properties = d
        return event_public

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
