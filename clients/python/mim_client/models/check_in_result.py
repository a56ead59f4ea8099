from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.check_in_result_result import CheckInResultResult

if TYPE_CHECKING:
    from ..models.door_counts import DoorCounts


T = TypeVar("T", bound="CheckInResult")


@_attrs_define
class CheckInResult:
    """
    Attributes:
        checked_in_at (datetime.datetime):
        checked_in_at_local (str): HH:MM in Africa/Casablanca
        counts (DoorCounts):
        message (str):
        name (str):
        organisation (str):
        result (CheckInResultResult):
        rsvp_id (int):
    """

    checked_in_at: datetime.datetime
    checked_in_at_local: str
    counts: DoorCounts
    message: str
    name: str
    organisation: str
    result: CheckInResultResult
    rsvp_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checked_in_at = self.checked_in_at.isoformat()

        checked_in_at_local = self.checked_in_at_local

        counts = self.counts.to_dict()

        message = self.message

        name = self.name

        organisation = self.organisation

        result = self.result.value

        rsvp_id = self.rsvp_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checked_in_at": checked_in_at,
                "checked_in_at_local": checked_in_at_local,
                "counts": counts,
                "message": message,
                "name": name,
                "organisation": organisation,
                "result": result,
                "rsvp_id": rsvp_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.door_counts import DoorCounts

        d = dict(src_dict)
        checked_in_at = datetime.datetime.fromisoformat(d.pop("checked_in_at"))

        checked_in_at_local = d.pop("checked_in_at_local")

        counts = DoorCounts.from_dict(d.pop("counts"))

        message = d.pop("message")

        name = d.pop("name")

        organisation = d.pop("organisation")

        result = CheckInResultResult(d.pop("result"))

        rsvp_id = d.pop("rsvp_id")

        check_in_result = cls(
            checked_in_at=checked_in_at,
            checked_in_at_local=checked_in_at_local,
            counts=counts,
            message=message,
            name=name,
            organisation=organisation,
            result=result,
            rsvp_id=rsvp_id,
        )

        check_in_result.additional_properties = d
        return check_in_result

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
