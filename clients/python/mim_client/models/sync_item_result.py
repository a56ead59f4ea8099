from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sync_item_result_result import SyncItemResultResult

T = TypeVar("T", bound="SyncItemResult")


@_attrs_define
class SyncItemResult:
    """
    Attributes:
        checked_in_at (datetime.datetime | None): When the check-in that counts happened
        checked_in_at_local (None | str):
        client_id (str):
        door (None | str): The door of the check-in that counts
        message (str):
        name (str):
        result (SyncItemResultResult): checked_in: this check-in is the one that counts; conflict: the guest was checked
            in earlier (at another door, or by this one); undone: an undo came after it; not_found: no such guest at this
            event; not_confirmed: the guest has no seat (cancelled...)
        rsvp_id (int | None):
    """

    checked_in_at: datetime.datetime | None
    checked_in_at_local: None | str
    client_id: str
    door: None | str
    message: str
    name: str
    result: SyncItemResultResult
    rsvp_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checked_in_at: None | str
        if isinstance(self.checked_in_at, datetime.datetime):
            checked_in_at = self.checked_in_at.isoformat()
        else:
            checked_in_at = self.checked_in_at

        checked_in_at_local: None | str
        checked_in_at_local = self.checked_in_at_local

        client_id = self.client_id

        door: None | str
        door = self.door

        message = self.message

        name = self.name

        result = self.result.value

        rsvp_id: int | None
        rsvp_id = self.rsvp_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checked_in_at": checked_in_at,
                "checked_in_at_local": checked_in_at_local,
                "client_id": client_id,
                "door": door,
                "message": message,
                "name": name,
                "result": result,
                "rsvp_id": rsvp_id,
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

        client_id = d.pop("client_id")

        def _parse_door(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        door = _parse_door(d.pop("door"))

        message = d.pop("message")

        name = d.pop("name")

        result = SyncItemResultResult(d.pop("result"))

        def _parse_rsvp_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rsvp_id = _parse_rsvp_id(d.pop("rsvp_id"))

        sync_item_result = cls(
            checked_in_at=checked_in_at,
            checked_in_at_local=checked_in_at_local,
            client_id=client_id,
            door=door,
            message=message,
            name=name,
            result=result,
            rsvp_id=rsvp_id,
        )

        sync_item_result.additional_properties = d
        return sync_item_result

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
