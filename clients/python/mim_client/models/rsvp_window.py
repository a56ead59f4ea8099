from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RsvpWindow")


@_attrs_define
class RsvpWindow:
    """
    Attributes:
        closes_at (datetime.datetime | None):
        is_open (bool): True when a guest can RSVP right now
        opens_at (datetime.datetime | None):
        closed_code (None | str | Unset): Machine code of why RSVPs are not open (show your own words for it): `rsvp-
            not-open` (they open at `opens_at`), `rsvp-closed`, `event-past`, `event-cancelled`, `event-not-published`
        closed_reason (None | str | Unset): Why RSVPs are not open, when they are not
    """

    closes_at: datetime.datetime | None
    is_open: bool
    opens_at: datetime.datetime | None
    closed_code: None | str | Unset = UNSET
    closed_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closes_at: None | str
        if isinstance(self.closes_at, datetime.datetime):
            closes_at = self.closes_at.isoformat()
        else:
            closes_at = self.closes_at

        is_open = self.is_open

        opens_at: None | str
        if isinstance(self.opens_at, datetime.datetime):
            opens_at = self.opens_at.isoformat()
        else:
            opens_at = self.opens_at

        closed_code: None | str | Unset
        if isinstance(self.closed_code, Unset):
            closed_code = UNSET
        else:
            closed_code = self.closed_code

        closed_reason: None | str | Unset
        if isinstance(self.closed_reason, Unset):
            closed_reason = UNSET
        else:
            closed_reason = self.closed_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closes_at": closes_at,
                "is_open": is_open,
                "opens_at": opens_at,
            }
        )
        if closed_code is not UNSET:
            field_dict["closed_code"] = closed_code
        if closed_reason is not UNSET:
            field_dict["closed_reason"] = closed_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_closes_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closes_at_type_0 = datetime.datetime.fromisoformat(data)

                return closes_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closes_at = _parse_closes_at(d.pop("closes_at"))

        is_open = d.pop("is_open")

        def _parse_opens_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opens_at_type_0 = datetime.datetime.fromisoformat(data)

                return opens_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        opens_at = _parse_opens_at(d.pop("opens_at"))

        def _parse_closed_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closed_code = _parse_closed_code(d.pop("closed_code", UNSET))

        def _parse_closed_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closed_reason = _parse_closed_reason(d.pop("closed_reason", UNSET))

        rsvp_window = cls(
            closes_at=closes_at,
            is_open=is_open,
            opens_at=opens_at,
            closed_code=closed_code,
            closed_reason=closed_reason,
        )

        rsvp_window.additional_properties = d
        return rsvp_window

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
