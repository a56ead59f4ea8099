from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText
    from ..models.speaker_public import SpeakerPublic


T = TypeVar("T", bound="PanelPublic")


@_attrs_define
class PanelPublic:
    """
    Attributes:
        ends_at (datetime.datetime | None):
        id (int):
        position (int):
        speakers (list[SpeakerPublic]):
        starts_at (datetime.datetime | None):
        title (LocalizedText): Text that people read, once per language of the platform (French is the reference).
    """

    ends_at: datetime.datetime | None
    id: int
    position: int
    speakers: list[SpeakerPublic]
    starts_at: datetime.datetime | None
    title: LocalizedText
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ends_at: None | str
        if isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        id = self.id

        position = self.position

        speakers = []
        for speakers_item_data in self.speakers:
            speakers_item = speakers_item_data.to_dict()
            speakers.append(speakers_item)

        starts_at: None | str
        if isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        title = self.title.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ends_at": ends_at,
                "id": id,
                "position": position,
                "speakers": speakers,
                "starts_at": starts_at,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_text import LocalizedText
        from ..models.speaker_public import SpeakerPublic

        d = dict(src_dict)

        def _parse_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ends_at = _parse_ends_at(d.pop("ends_at"))

        id = d.pop("id")

        position = d.pop("position")

        speakers = []
        _speakers = d.pop("speakers")
        for speakers_item_data in _speakers:
            speakers_item = SpeakerPublic.from_dict(speakers_item_data)

            speakers.append(speakers_item)

        def _parse_starts_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        starts_at = _parse_starts_at(d.pop("starts_at"))

        title = LocalizedText.from_dict(d.pop("title"))

        panel_public = cls(
            ends_at=ends_at,
            id=id,
            position=position,
            speakers=speakers,
            starts_at=starts_at,
            title=title,
        )

        panel_public.additional_properties = d
        return panel_public

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
