from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.guest_move_to import GuestMoveTo
from ..models.guest_move_when_full import GuestMoveWhenFull
from ..types import UNSET, Unset

T = TypeVar("T", bound="GuestMove")


@_attrs_define
class GuestMove:
    """
    Attributes:
        to (GuestMoveTo): `confirmed`: this waitlisted guest takes a free seat (the organiser's pick); `waitlisted`:
            this confirmed guest goes to the end of the waitlist, the seat to its head
        when_full (GuestMoveWhenFull | Unset): Moving to a seat with none free: `refuse` (409 `event-full`) or
            `add_seat` Default: GuestMoveWhenFull.REFUSE.
    """

    to: GuestMoveTo
    when_full: GuestMoveWhenFull | Unset = GuestMoveWhenFull.REFUSE

    def to_dict(self) -> dict[str, Any]:
        to = self.to.value

        when_full: str | Unset = UNSET
        if not isinstance(self.when_full, Unset):
            when_full = self.when_full.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
            }
        )
        if when_full is not UNSET:
            field_dict["when_full"] = when_full

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to = GuestMoveTo(d.pop("to"))

        _when_full = d.pop("when_full", UNSET)
        when_full: GuestMoveWhenFull | Unset
        if isinstance(_when_full, Unset):
            when_full = UNSET
        else:
            when_full = GuestMoveWhenFull(_when_full)

        guest_move = cls(
            to=to,
            when_full=when_full,
        )

        return guest_move
