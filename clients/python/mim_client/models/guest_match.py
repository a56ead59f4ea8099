from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GuestMatch")


@_attrs_define
class GuestMatch:
    """
    Attributes:
        checked_in_at (datetime.datetime | None):
        checked_in_at_local (None | str):
        email (str):
        name (str):
        organisation (str):
        rsvp_id (int):
        source (str):
        status (str):
    """

    checked_in_at: datetime.datetime | None
    checked_in_at_local: None | str
    email: str
    name: str
    organisation: str
    rsvp_id: int
    source: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checked_in_at: None | str
        if isinstance(self.checked_in_at, datetime.datetime):
            checked_in_at = self.checked_in_at.isoformat()
        else:
            checked_in_at = self.checked_in_at

        checked_in_at_local: None | str
        checked_in_at_local = self.checked_in_at_local

        email = self.email

        name = self.name

        organisation = self.organisation

        rsvp_id = self.rsvp_id

        source = self.source

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checked_in_at": checked_in_at,
                "checked_in_at_local": checked_in_at_local,
                "email": email,
                "name": name,
                "organisation": organisation,
                "rsvp_id": rsvp_id,
                "source": source,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_checked_in_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checked_in_at_type_0 = datetime.datetime.fromisoformat(data)

                return checked_in_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        checked_in_at = _parse_checked_in_at(d.pop("checked_in_at"))

        def _parse_checked_in_at_local(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        checked_in_at_local = _parse_checked_in_at_local(d.pop("checked_in_at_local"))

        email = d.pop("email")

        name = d.pop("name")

        organisation = d.pop("organisation")

        rsvp_id = d.pop("rsvp_id")

        source = d.pop("source")

        status = d.pop("status")

        guest_match = cls(
            checked_in_at=checked_in_at,
            checked_in_at_local=checked_in_at_local,
            email=email,
            name=name,
            organisation=organisation,
            rsvp_id=rsvp_id,
            source=source,
            status=status,
        )

        guest_match.additional_properties = d
        return guest_match

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
