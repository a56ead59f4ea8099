from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attendee_status import AttendeeStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Attendee")


@_attrs_define
class Attendee:
    """
    Attributes:
        checked_in_at (datetime.datetime | None):
        checked_in_at_local (None | str):
        created_at (datetime.datetime):
        created_at_local (str):
        email (str):
        exporter_id (int | None):
        language (str):
        name (str):
        organisation (str):
        phone (None | str):
        queue_position (int):
        rsvp_id (int):
        status (AttendeeStatus):
        waitlist_position (int | None | Unset): 1 = next to be promoted; the guest sees the same
    """

    checked_in_at: datetime.datetime | None
    checked_in_at_local: None | str
    created_at: datetime.datetime
    created_at_local: str
    email: str
    exporter_id: int | None
    language: str
    name: str
    organisation: str
    phone: None | str
    queue_position: int
    rsvp_id: int
    status: AttendeeStatus
    waitlist_position: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checked_in_at: None | str
        if isinstance(self.checked_in_at, datetime.datetime):
            checked_in_at = self.checked_in_at.isoformat()
        else:
            checked_in_at = self.checked_in_at

        checked_in_at_local: None | str
        checked_in_at_local = self.checked_in_at_local

        created_at = self.created_at.isoformat()

        created_at_local = self.created_at_local

        email = self.email

        exporter_id: int | None
        exporter_id = self.exporter_id

        language = self.language

        name = self.name

        organisation = self.organisation

        phone: None | str
        phone = self.phone

        queue_position = self.queue_position

        rsvp_id = self.rsvp_id

        status = self.status.value

        waitlist_position: int | None | Unset
        if isinstance(self.waitlist_position, Unset):
            waitlist_position = UNSET
        else:
            waitlist_position = self.waitlist_position

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checked_in_at": checked_in_at,
                "checked_in_at_local": checked_in_at_local,
                "created_at": created_at,
                "created_at_local": created_at_local,
                "email": email,
                "exporter_id": exporter_id,
                "language": language,
                "name": name,
                "organisation": organisation,
                "phone": phone,
                "queue_position": queue_position,
                "rsvp_id": rsvp_id,
                "status": status,
            }
        )
        if waitlist_position is not UNSET:
            field_dict["waitlist_position"] = waitlist_position

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_at_local = d.pop("created_at_local")

        email = d.pop("email")

        def _parse_exporter_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id"))

        language = d.pop("language")

        name = d.pop("name")

        organisation = d.pop("organisation")

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        queue_position = d.pop("queue_position")

        rsvp_id = d.pop("rsvp_id")

        status = AttendeeStatus(d.pop("status"))

        def _parse_waitlist_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        waitlist_position = _parse_waitlist_position(d.pop("waitlist_position", UNSET))

        attendee = cls(
            checked_in_at=checked_in_at,
            checked_in_at_local=checked_in_at_local,
            created_at=created_at,
            created_at_local=created_at_local,
            email=email,
            exporter_id=exporter_id,
            language=language,
            name=name,
            organisation=organisation,
            phone=phone,
            queue_position=queue_position,
            rsvp_id=rsvp_id,
            status=status,
            waitlist_position=waitlist_position,
        )

        attendee.additional_properties = d
        return attendee

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
