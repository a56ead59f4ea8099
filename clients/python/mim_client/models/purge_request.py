from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PurgeRequest")


@_attrs_define
class PurgeRequest:
    """
    Attributes:
        older_than_days (int | None | Unset): Defaults to EVENTS_PURGE_AFTER_DAYS
    """

    older_than_days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        older_than_days: int | None | Unset
        if isinstance(self.older_than_days, Unset):
            older_than_days = UNSET
        else:
            older_than_days = self.older_than_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if older_than_days is not UNSET:
            field_dict["older_than_days"] = older_than_days

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_older_than_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        older_than_days = _parse_older_than_days(d.pop("older_than_days", UNSET))

        purge_request = cls(
            older_than_days=older_than_days,
        )

        return purge_request
