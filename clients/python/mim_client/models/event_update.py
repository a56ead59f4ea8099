from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.event_format import EventFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_line_in import LocalizedLineIn
    from ..models.optional_localized_line_in import OptionalLocalizedLineIn
    from ..models.optional_localized_text_in import OptionalLocalizedTextIn
    from ..models.panel_in import PanelIn
    from ..models.partner_in import PartnerIn
    from ..models.speaker_in import SpeakerIn


T = TypeVar("T", bound="EventUpdate")


@_attrs_define
class EventUpdate:
    """Every field optional; lists (panels, speakers, partners) replace the current ones when given.

    Attributes:
        capacity (int | None | Unset):
        city (None | str | Unset):
        description (None | OptionalLocalizedTextIn | Unset):
        ends_at (datetime.datetime | None | Unset):
        format_ (EventFormat | None | Unset):
        latitude (float | None | Unset):
        longitude (float | None | Unset):
        online_url (None | str | Unset):
        panels (list[PanelIn] | None | Unset):
        partners (list[PartnerIn] | None | Unset):
        region_code (None | str | Unset):
        rsvp_closes_at (datetime.datetime | None | Unset):
        rsvp_opens_at (datetime.datetime | None | Unset):
        series (None | str | Unset):
        speakers (list[SpeakerIn] | None | Unset):
        starts_at (datetime.datetime | None | Unset):
        theme (None | OptionalLocalizedLineIn | Unset):
        title (LocalizedLineIn | None | Unset):
        venue (None | str | Unset):
    """

    capacity: int | None | Unset = UNSET
    city: None | str | Unset = UNSET
    description: None | OptionalLocalizedTextIn | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    format_: EventFormat | None | Unset = UNSET
    latitude: float | None | Unset = UNSET
    longitude: float | None | Unset = UNSET
    online_url: None | str | Unset = UNSET
    panels: list[PanelIn] | None | Unset = UNSET
    partners: list[PartnerIn] | None | Unset = UNSET
    region_code: None | str | Unset = UNSET
    rsvp_closes_at: datetime.datetime | None | Unset = UNSET
    rsvp_opens_at: datetime.datetime | None | Unset = UNSET
    series: None | str | Unset = UNSET
    speakers: list[SpeakerIn] | None | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    theme: None | OptionalLocalizedLineIn | Unset = UNSET
    title: LocalizedLineIn | None | Unset = UNSET
    venue: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.localized_line_in import LocalizedLineIn
        from ..models.optional_localized_line_in import OptionalLocalizedLineIn
        from ..models.optional_localized_text_in import OptionalLocalizedTextIn

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        description: dict[str, Any] | None | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        elif isinstance(self.description, OptionalLocalizedTextIn):
            description = self.description.to_dict()
        else:
            description = self.description

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        elif isinstance(self.format_, EventFormat):
            format_ = self.format_.value
        else:
            format_ = self.format_

        latitude: float | None | Unset
        if isinstance(self.latitude, Unset):
            latitude = UNSET
        else:
            latitude = self.latitude

        longitude: float | None | Unset
        if isinstance(self.longitude, Unset):
            longitude = UNSET
        else:
            longitude = self.longitude

        online_url: None | str | Unset
        if isinstance(self.online_url, Unset):
            online_url = UNSET
        else:
            online_url = self.online_url

        panels: list[dict[str, Any]] | None | Unset
        if isinstance(self.panels, Unset):
            panels = UNSET
        elif isinstance(self.panels, list):
            panels = []
            for panels_type_0_item_data in self.panels:
                panels_type_0_item = panels_type_0_item_data.to_dict()
                panels.append(panels_type_0_item)

        else:
            panels = self.panels

        partners: list[dict[str, Any]] | None | Unset
        if isinstance(self.partners, Unset):
            partners = UNSET
        elif isinstance(self.partners, list):
            partners = []
            for partners_type_0_item_data in self.partners:
                partners_type_0_item = partners_type_0_item_data.to_dict()
                partners.append(partners_type_0_item)

        else:
            partners = self.partners

        region_code: None | str | Unset
        if isinstance(self.region_code, Unset):
            region_code = UNSET
        else:
            region_code = self.region_code

        rsvp_closes_at: None | str | Unset
        if isinstance(self.rsvp_closes_at, Unset):
            rsvp_closes_at = UNSET
        elif isinstance(self.rsvp_closes_at, datetime.datetime):
            rsvp_closes_at = self.rsvp_closes_at.isoformat()
        else:
            rsvp_closes_at = self.rsvp_closes_at

        rsvp_opens_at: None | str | Unset
        if isinstance(self.rsvp_opens_at, Unset):
            rsvp_opens_at = UNSET
        elif isinstance(self.rsvp_opens_at, datetime.datetime):
            rsvp_opens_at = self.rsvp_opens_at.isoformat()
        else:
            rsvp_opens_at = self.rsvp_opens_at

        series: None | str | Unset
        if isinstance(self.series, Unset):
            series = UNSET
        else:
            series = self.series

        speakers: list[dict[str, Any]] | None | Unset
        if isinstance(self.speakers, Unset):
            speakers = UNSET
        elif isinstance(self.speakers, list):
            speakers = []
            for speakers_type_0_item_data in self.speakers:
                speakers_type_0_item = speakers_type_0_item_data.to_dict()
                speakers.append(speakers_type_0_item)

        else:
            speakers = self.speakers

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        theme: dict[str, Any] | None | Unset
        if isinstance(self.theme, Unset):
            theme = UNSET
        elif isinstance(self.theme, OptionalLocalizedLineIn):
            theme = self.theme.to_dict()
        else:
            theme = self.theme

        title: dict[str, Any] | None | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        elif isinstance(self.title, LocalizedLineIn):
            title = self.title.to_dict()
        else:
            title = self.title

        venue: None | str | Unset
        if isinstance(self.venue, Unset):
            venue = UNSET
        else:
            venue = self.venue

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if city is not UNSET:
            field_dict["city"] = city
        if description is not UNSET:
            field_dict["description"] = description
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if format_ is not UNSET:
            field_dict["format"] = format_
        if latitude is not UNSET:
            field_dict["latitude"] = latitude
        if longitude is not UNSET:
            field_dict["longitude"] = longitude
        if online_url is not UNSET:
            field_dict["online_url"] = online_url
        if panels is not UNSET:
            field_dict["panels"] = panels
        if partners is not UNSET:
            field_dict["partners"] = partners
        if region_code is not UNSET:
            field_dict["region_code"] = region_code
        if rsvp_closes_at is not UNSET:
            field_dict["rsvp_closes_at"] = rsvp_closes_at
        if rsvp_opens_at is not UNSET:
            field_dict["rsvp_opens_at"] = rsvp_opens_at
        if series is not UNSET:
            field_dict["series"] = series
        if speakers is not UNSET:
            field_dict["speakers"] = speakers
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if theme is not UNSET:
            field_dict["theme"] = theme
        if title is not UNSET:
            field_dict["title"] = title
        if venue is not UNSET:
            field_dict["venue"] = venue

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_line_in import LocalizedLineIn
        from ..models.optional_localized_line_in import OptionalLocalizedLineIn
        from ..models.optional_localized_text_in import OptionalLocalizedTextIn
        from ..models.panel_in import PanelIn
        from ..models.partner_in import PartnerIn
        from ..models.speaker_in import SpeakerIn

        d = dict(src_dict)

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        def _parse_description(data: object) -> None | OptionalLocalizedTextIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                description_type_0 = OptionalLocalizedTextIn.from_dict(data)

                return description_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OptionalLocalizedTextIn | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_format_(data: object) -> EventFormat | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                format_type_0 = EventFormat(data)

                return format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventFormat | None | Unset, data)

        format_ = _parse_format_(d.pop("format", UNSET))

        def _parse_latitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        latitude = _parse_latitude(d.pop("latitude", UNSET))

        def _parse_longitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        longitude = _parse_longitude(d.pop("longitude", UNSET))

        def _parse_online_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        online_url = _parse_online_url(d.pop("online_url", UNSET))

        def _parse_panels(data: object) -> list[PanelIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                panels_type_0 = []
                _panels_type_0 = data
                for panels_type_0_item_data in _panels_type_0:
                    panels_type_0_item = PanelIn.from_dict(panels_type_0_item_data)

                    panels_type_0.append(panels_type_0_item)

                return panels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PanelIn] | None | Unset, data)

        panels = _parse_panels(d.pop("panels", UNSET))

        def _parse_partners(data: object) -> list[PartnerIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                partners_type_0 = []
                _partners_type_0 = data
                for partners_type_0_item_data in _partners_type_0:
                    partners_type_0_item = PartnerIn.from_dict(
                        partners_type_0_item_data
                    )

                    partners_type_0.append(partners_type_0_item)

                return partners_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PartnerIn] | None | Unset, data)

        partners = _parse_partners(d.pop("partners", UNSET))

        def _parse_region_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region_code = _parse_region_code(d.pop("region_code", UNSET))

        def _parse_rsvp_closes_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rsvp_closes_at_type_0 = datetime.datetime.fromisoformat(data)

                return rsvp_closes_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        rsvp_closes_at = _parse_rsvp_closes_at(d.pop("rsvp_closes_at", UNSET))

        def _parse_rsvp_opens_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rsvp_opens_at_type_0 = datetime.datetime.fromisoformat(data)

                return rsvp_opens_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        rsvp_opens_at = _parse_rsvp_opens_at(d.pop("rsvp_opens_at", UNSET))

        def _parse_series(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        series = _parse_series(d.pop("series", UNSET))

        def _parse_speakers(data: object) -> list[SpeakerIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                speakers_type_0 = []
                _speakers_type_0 = data
                for speakers_type_0_item_data in _speakers_type_0:
                    speakers_type_0_item = SpeakerIn.from_dict(
                        speakers_type_0_item_data
                    )

                    speakers_type_0.append(speakers_type_0_item)

                return speakers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SpeakerIn] | None | Unset, data)

        speakers = _parse_speakers(d.pop("speakers", UNSET))

        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_theme(data: object) -> None | OptionalLocalizedLineIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                theme_type_0 = OptionalLocalizedLineIn.from_dict(data)

                return theme_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OptionalLocalizedLineIn | Unset, data)

        theme = _parse_theme(d.pop("theme", UNSET))

        def _parse_title(data: object) -> LocalizedLineIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                title_type_0 = LocalizedLineIn.from_dict(data)

                return title_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LocalizedLineIn | None | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_venue(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        venue = _parse_venue(d.pop("venue", UNSET))

        event_update = cls(
            capacity=capacity,
            city=city,
            description=description,
            ends_at=ends_at,
            format_=format_,
            latitude=latitude,
            longitude=longitude,
            online_url=online_url,
            panels=panels,
            partners=partners,
            region_code=region_code,
            rsvp_closes_at=rsvp_closes_at,
            rsvp_opens_at=rsvp_opens_at,
            series=series,
            speakers=speakers,
            starts_at=starts_at,
            theme=theme,
            title=title,
            venue=venue,
        )

        return event_update
