from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.guest_change_action import GuestChangeAction

T = TypeVar("T", bound="GuestChange")


@_attrs_define
class GuestChange:
    """
    Attributes:
        action (GuestChangeAction):
        actor (str): The organiser's account
        at (datetime.datetime):
        at_local (str): YYYY-MM-DD HH:MM in Africa/Casablanca
        from_status (str):
        guest_name (str): Empty once the guest's personal data is erased
        id (int):
        rsvp_id (int):
        to_status (str):
    """

    action: GuestChangeAction
    actor: str
    at: datetime.datetime
    at_local: str
    from_status: str
    guest_name: str
    id: int
    rsvp_id: int
    to_status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        actor = self.actor

        at = self.at.isoformat()

        at_local = self.at_local

        from_status = self.from_status

        guest_name = self.guest_name

        id = self.id

        rsvp_id = self.rsvp_id

        to_status = self.to_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "at": at,
                "at_local": at_local,
                "from_status": from_status,
                "guest_name": guest_name,
                "id": id,
                "rsvp_id": rsvp_id,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = GuestChangeAction(d.pop("action"))

        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        at_local = d.pop("at_local")

        from_status = d.pop("from_status")

        guest_name = d.pop("guest_name")

        id = d.pop("id")

        rsvp_id = d.pop("rsvp_id")

        to_status = d.pop("to_status")

        guest_change = cls(
            action=action,
            actor=actor,
            at=at,
            at_local=at_local,
            from_status=from_status,
            guest_name=guest_name,
            id=id,
            rsvp_id=rsvp_id,
            to_status=to_status,
        )

        guest_change.additional_properties = d
        return guest_change

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
