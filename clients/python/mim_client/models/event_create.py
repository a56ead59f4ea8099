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


T = TypeVar("T", bound="EventCreate")


@_attrs_define
class EventCreate:
    """
    Attributes:
        capacity (int):
        ends_at (datetime.datetime): Between 2000-01-01 and 2100-12-31; no offset: Casablanca time
        starts_at (datetime.datetime): Between 2000-01-01 and 2100-12-31; no offset: Casablanca time
        title (LocalizedLineIn): A title or a name in three languages: one line each (it becomes an e-mail subject).
        city (str | Unset):  Default: ''.
        description (OptionalLocalizedTextIn | Unset):
        format_ (EventFormat | Unset):
        latitude (float | None | Unset): The venue's latitude (WGS 84); with `longitude`
        longitude (float | None | Unset): The venue's longitude (WGS 84); with `latitude`
        online_url (None | str | Unset):
        panels (list[PanelIn] | Unset):
        partners (list[PartnerIn] | Unset):
        region_code (None | str | Unset):
        rsvp_closes_at (datetime.datetime | None | Unset):
        rsvp_opens_at (datetime.datetime | None | Unset):
        series (None | str | Unset): Slug of the series this event belongs to
        slug (None | str | Unset):
        speakers (list[SpeakerIn] | Unset): Keynotes
        theme (OptionalLocalizedLineIn | Unset):
        venue (str | Unset):  Default: ''.
    """

    capacity: int
    ends_at: datetime.datetime
    starts_at: datetime.datetime
    title: LocalizedLineIn
    city: str | Unset = ""
    description: OptionalLocalizedTextIn | Unset = UNSET
    format_: EventFormat | Unset = UNSET
    latitude: float | None | Unset = UNSET
    longitude: float | None | Unset = UNSET
    online_url: None | str | Unset = UNSET
    panels: list[PanelIn] | Unset = UNSET
    partners: list[PartnerIn] | Unset = UNSET
    region_code: None | str | Unset = UNSET
    rsvp_closes_at: datetime.datetime | None | Unset = UNSET
    rsvp_opens_at: datetime.datetime | None | Unset = UNSET
    series: None | str | Unset = UNSET
    slug: None | str | Unset = UNSET
    speakers: list[SpeakerIn] | Unset = UNSET
    theme: OptionalLocalizedLineIn | Unset = UNSET
    venue: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        ends_at = self.ends_at.isoformat()

        starts_at = self.starts_at.isoformat()

        title = self.title.to_dict()

        city = self.city

        description: dict[str, Any] | Unset = UNSET
        if not isinstance(self.description, Unset):
            description = self.description.to_dict()

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

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

        panels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.panels, Unset):
            panels = []
            for panels_item_data in self.panels:
                panels_item = panels_item_data.to_dict()
                panels.append(panels_item)

        partners: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.partners, Unset):
            partners = []
            for partners_item_data in self.partners:
                partners_item = partners_item_data.to_dict()
                partners.append(partners_item)

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

        slug: None | str | Unset
        if isinstance(self.slug, Unset):
            slug = UNSET
        else:
            slug = self.slug

        speakers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.speakers, Unset):
            speakers = []
            for speakers_item_data in self.speakers:
                speakers_item = speakers_item_data.to_dict()
                speakers.append(speakers_item)

        theme: dict[str, Any] | Unset = UNSET
        if not isinstance(self.theme, Unset):
            theme = self.theme.to_dict()

        venue = self.venue

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capacity": capacity,
                "ends_at": ends_at,
                "starts_at": starts_at,
                "title": title,
            }
        )
        if city is not UNSET:
            field_dict["city"] = city
        if description is not UNSET:
            field_dict["description"] = description
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
        if slug is not UNSET:
            field_dict["slug"] = slug
        if speakers is not UNSET:
            field_dict["speakers"] = speakers
        if theme is not UNSET:
            field_dict["theme"] = theme
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
        capacity = d.pop("capacity")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        title = LocalizedLineIn.from_dict(d.pop("title"))

        city = d.pop("city", UNSET)

        _description = d.pop("description", UNSET)
        description: OptionalLocalizedTextIn | Unset
        if isinstance(_description, Unset):
            description = UNSET
        else:
            description = OptionalLocalizedTextIn.from_dict(_description)

        _format_ = d.pop("format", UNSET)
        format_: EventFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = EventFormat(_format_)

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

        _panels = d.pop("panels", UNSET)
        panels: list[PanelIn] | Unset = UNSET
        if _panels is not UNSET:
            panels = []
            for panels_item_data in _panels:
                panels_item = PanelIn.from_dict(panels_item_data)

                panels.append(panels_item)

        _partners = d.pop("partners", UNSET)
        partners: list[PartnerIn] | Unset = UNSET
        if _partners is not UNSET:
            partners = []
            for partners_item_data in _partners:
                partners_item = PartnerIn.from_dict(partners_item_data)

                partners.append(partners_item)

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

        def _parse_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slug = _parse_slug(d.pop("slug", UNSET))

        _speakers = d.pop("speakers", UNSET)
        speakers: list[SpeakerIn] | Unset = UNSET
        if _speakers is not UNSET:
            speakers = []
            for speakers_item_data in _speakers:
                speakers_item = SpeakerIn.from_dict(speakers_item_data)

                speakers.append(speakers_item)

        _theme = d.pop("theme", UNSET)
        theme: OptionalLocalizedLineIn | Unset
        if isinstance(_theme, Unset):
            theme = UNSET
        else:
            theme = OptionalLocalizedLineIn.from_dict(_theme)

        venue = d.pop("venue", UNSET)

        event_create = cls(
            capacity=capacity,
            ends_at=ends_at,
            starts_at=starts_at,
            title=title,
            city=city,
            description=description,
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
            slug=slug,
            speakers=speakers,
            theme=theme,
            venue=venue,
        )

        return event_create
