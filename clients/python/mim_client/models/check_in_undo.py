from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckInUndo")


@_attrs_define
class CheckInUndo:
    """
    Attributes:
        door (str | Unset):  Default: ''.
    """

    door: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        door = self.door

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if door is not UNSET:
            field_dict["door"] = door

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        door = d.pop("door", UNSET)

        check_in_undo = cls(
            door=door,
        )

        return check_in_undo
