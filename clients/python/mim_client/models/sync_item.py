from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncItem")


@_attrs_define
class SyncItem:
    """A check-in made at the door, maybe offline: who (rsvp id or token) and when it happened.

    Attributes:
        client_id (str):
        happened_at (datetime.datetime):
        door (str | Unset):  Default: ''.
        rsvp_id (int | None | Unset):
        token (None | str | Unset):
    """

    client_id: str
    happened_at: datetime.datetime
    door: str | Unset = ""
    rsvp_id: int | None | Unset = UNSET
    token: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        happened_at = self.happened_at.isoformat()

        door = self.door

        rsvp_id: int | None | Unset
        if isinstance(self.rsvp_id, Unset):
            rsvp_id = UNSET
        else:
            rsvp_id = self.rsvp_id

        token: None | str | Unset
        if isinstance(self.token, Unset):
            token = UNSET
        else:
            token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "happened_at": happened_at,
            }
        )
        if door is not UNSET:
            field_dict["door"] = door
        if rsvp_id is not UNSET:
            field_dict["rsvp_id"] = rsvp_id
        if token is not UNSET:
            field_dict["token"] = token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        happened_at = datetime.datetime.fromisoformat(d.pop("happened_at"))

        door = d.pop("door", UNSET)

        def _parse_rsvp_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rsvp_id = _parse_rsvp_id(d.pop("rsvp_id", UNSET))

        def _parse_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token = _parse_token(d.pop("token", UNSET))

        sync_item = cls(
            client_id=client_id,
            happened_at=happened_at,
            door=door,
            rsvp_id=rsvp_id,
            token=token,
        )

        return sync_item
