from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckInCreate")


@_attrs_define
class CheckInCreate:
    """One check-in: the token of the guest's QR code (bare or as scanned), or their RSVP id.

    Attributes:
        door (str | Unset):  Default: ''.
        rsvp_id (int | None | Unset):
        token (None | str | Unset):
    """

    door: str | Unset = ""
    rsvp_id: int | None | Unset = UNSET
    token: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        field_dict.update({})
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

        check_in_create = cls(
            door=door,
            rsvp_id=rsvp_id,
            token=token,
        )

        return check_in_create
