from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rsvp_public_status import RsvpPublicStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rsvp_event_ref import RsvpEventRef


T = TypeVar("T", bound="RsvpPublic")


@_attrs_define
class RsvpPublic:
    """What the guest sees through the private manage link.

    Attributes:
        cancelled_at (datetime.datetime | None):
        checked_in_at (datetime.datetime | None):
        created_at (datetime.datetime):
        email (str):
        erased (bool):
        event (RsvpEventRef):
        exporter_id (int | None):
        id (int):
        language (str):
        manage_token (str): Private: anyone with it can see and cancel this RSVP
        name (str):
        organisation (str):
        phone (None | str):
        status (RsvpPublicStatus):
        checkin_token (None | str | Unset): Carried by the QR code; only while the guest holds an entry pass
        confirm_by (datetime.datetime | None | Unset): A pending RSVP must be confirmed before this
        entry_pass (bool | Unset): Confirmed, not erased, and the event neither cancelled nor over: the QR code opens
            the door. Calendar links are only offered then (or on the waitlist). Default: False.
        waitlist_position (int | None | Unset): 1 = next to be promoted
    """

    cancelled_at: datetime.datetime | None
    checked_in_at: datetime.datetime | None
    created_at: datetime.datetime
    email: str
    erased: bool
    event: RsvpEventRef
    exporter_id: int | None
    id: int
    language: str
    manage_token: str
    name: str
    organisation: str
    phone: None | str
    status: RsvpPublicStatus
    checkin_token: None | str | Unset = UNSET
    confirm_by: datetime.datetime | None | Unset = UNSET
    entry_pass: bool | Unset = False
    waitlist_position: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        checked_in_at: None | str
        if isinstance(self.checked_in_at, datetime.datetime):
            checked_in_at = self.checked_in_at.isoformat()
        else:
            checked_in_at = self.checked_in_at

        created_at = self.created_at.isoformat()

        email = self.email

        erased = self.erased

        event = self.event.to_dict()

        exporter_id: int | None
        exporter_id = self.exporter_id

        id = self.id

        language = self.language

        manage_token = self.manage_token

        name = self.name

        organisation = self.organisation

        phone: None | str
        phone = self.phone

        status = self.status.value

        checkin_token: None | str | Unset
        if isinstance(self.checkin_token, Unset):
            checkin_token = UNSET
        else:
            checkin_token = self.checkin_token

        confirm_by: None | str | Unset
        if isinstance(self.confirm_by, Unset):
            confirm_by = UNSET
        elif isinstance(self.confirm_by, datetime.datetime):
            confirm_by = self.confirm_by.isoformat()
        else:
            confirm_by = self.confirm_by

        entry_pass = self.entry_pass

        waitlist_position: int | None | Unset
        if isinstance(self.waitlist_position, Unset):
            waitlist_position = UNSET
        else:
            waitlist_position = self.waitlist_position

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cancelled_at": cancelled_at,
                "checked_in_at": checked_in_at,
                "created_at": created_at,
                "email": email,
                "erased": erased,
                "event": event,
                "exporter_id": exporter_id,
                "id": id,
                "language": language,
                "manage_token": manage_token,
                "name": name,
                "organisation": organisation,
                "phone": phone,
                "status": status,
            }
        )
        if checkin_token is not UNSET:
            field_dict["checkin_token"] = checkin_token
        if confirm_by is not UNSET:
            field_dict["confirm_by"] = confirm_by
        if entry_pass is not UNSET:
            field_dict["entry_pass"] = entry_pass
        if waitlist_position is not UNSET:
            field_dict["waitlist_position"] = waitlist_position

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rsvp_event_ref import RsvpEventRef

        d = dict(src_dict)

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        erased = d.pop("erased")

        event = RsvpEventRef.from_dict(d.pop("event"))

        def _parse_exporter_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id"))

        id = d.pop("id")

        language = d.pop("language")

        manage_token = d.pop("manage_token")

        name = d.pop("name")

        organisation = d.pop("organisation")

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        status = RsvpPublicStatus(d.pop("status"))

        def _parse_checkin_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        checkin_token = _parse_checkin_token(d.pop("checkin_token", UNSET))

        def _parse_confirm_by(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirm_by_type_0 = datetime.datetime.fromisoformat(data)

                return confirm_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        confirm_by = _parse_confirm_by(d.pop("confirm_by", UNSET))

        entry_pass = d.pop("entry_pass", UNSET)

        def _parse_waitlist_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        waitlist_position = _parse_waitlist_position(d.pop("waitlist_position", UNSET))

        rsvp_public = cls(
            cancelled_at=cancelled_at,
            checked_in_at=checked_in_at,
            created_at=created_at,
            email=email,
            erased=erased,
            event=event,
            exporter_id=exporter_id,
            id=id,
            language=language,
            manage_token=manage_token,
            name=name,
            organisation=organisation,
            phone=phone,
            status=status,
            checkin_token=checkin_token,
            confirm_by=confirm_by,
            entry_pass=entry_pass,
            waitlist_position=waitlist_position,
        )

        rsvp_public.additional_properties = d
        return rsvp_public

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
