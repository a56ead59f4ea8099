from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_line_in import LocalizedLineIn
    from ..models.speaker_in import SpeakerIn


T = TypeVar("T", bound="PanelIn")


@_attrs_define
class PanelIn:
    """
    Attributes:
        title (LocalizedLineIn): A title or a name in three languages: one line each (it becomes an e-mail subject).
        ends_at (datetime.datetime | None | Unset):
        speakers (list[SpeakerIn] | Unset):
        starts_at (datetime.datetime | None | Unset):
    """

    title: LocalizedLineIn
    ends_at: datetime.datetime | None | Unset = UNSET
    speakers: list[SpeakerIn] | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title.to_dict()

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        speakers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.speakers, Unset):
            speakers = []
            for speakers_item_data in self.speakers:
                speakers_item = speakers_item_data.to_dict()
                speakers.append(speakers_item)

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if speakers is not UNSET:
            field_dict["speakers"] = speakers
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_line_in import LocalizedLineIn
        from ..models.speaker_in import SpeakerIn

        d = dict(src_dict)
        title = LocalizedLineIn.from_dict(d.pop("title"))

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

        _speakers = d.pop("speakers", UNSET)
        speakers: list[SpeakerIn] | Unset = UNSET
        if _speakers is not UNSET:
            speakers = []
            for speakers_item_data in _speakers:
                speakers_item = SpeakerIn.from_dict(speakers_item_data)

                speakers.append(speakers_item)

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

        panel_in = cls(
            title=title,
            ends_at=ends_at,
            speakers=speakers,
            starts_at=starts_at,
        )

        return panel_in
