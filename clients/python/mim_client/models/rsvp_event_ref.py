from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_status import EventStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.local_times import LocalTimes
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="RsvpEventRef")


@_attrs_define
class RsvpEventRef:
    """
    Attributes:
        city (str):
        ends_at (datetime.datetime):
        id (int):
        local (LocalTimes): Start and end as wall-clock times in Africa/Casablanca (ISO 8601 with the offset of that
            day).
        slug (str):
        starts_at (datetime.datetime):
        status (EventStatus):
        title (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        venue (str):
        is_past (bool | Unset): The event has ended Default: False.
    """

    city: str
    ends_at: datetime.datetime
    id: int
    local: LocalTimes
    slug: str
    starts_at: datetime.datetime
    status: EventStatus
    title: LocalizedText
    venue: str
    is_past: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        ends_at = self.ends_at.isoformat()

        id = self.id

        local = self.local.to_dict()

        slug = self.slug

        starts_at = self.starts_at.isoformat()

        status = self.status.value

        title = self.title.to_dict()

        venue = self.venue

        is_past = self.is_past

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "city": city,
                "ends_at": ends_at,
                "id": id,
                "local": local,
                "slug": slug,
                "starts_at": starts_at,
                "status": status,
                "title": title,
                "venue": venue,
            }
        )
        if is_past is not UNSET:
            field_dict["is_past"] = is_past

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.local_times import LocalTimes
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)
        city = d.pop("city")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        id = d.pop("id")

        local = LocalTimes.from_dict(d.pop("local"))

        slug = d.pop("slug")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        status = EventStatus(d.pop("status"))

        title = LocalizedText.from_dict(d.pop("title"))

        venue = d.pop("venue")

        is_past = d.pop("is_past", UNSET)

        rsvp_event_ref = cls(
            city=city,
            ends_at=ends_at,
            id=id,
            local=local,
            slug=slug,
            starts_at=starts_at,
            status=status,
            title=title,
            venue=venue,
            is_past=is_past,
        )

        rsvp_event_ref.additional_properties = d
        return rsvp_event_ref

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
