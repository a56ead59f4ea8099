from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attendee import Attendee


T = TypeVar("T", bound="GuestOutcome")


@_attrs_define
class GuestOutcome:
    """
    Attributes:
        changed (bool): False when the guest already was so: nothing recorded, no e-mail
        guest (Attendee):
        promoted (list[int]): RSVP ids of waitlisted guests who took a seat the change freed
    """

    changed: bool
    guest: Attendee
    promoted: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed = self.changed

        guest = self.guest.to_dict()

        promoted = self.promoted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed": changed,
                "guest": guest,
                "promoted": promoted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attendee import Attendee

        d = dict(src_dict)
        changed = d.pop("changed")

        guest = Attendee.from_dict(d.pop("guest"))

        promoted = cast(list[int], d.pop("promoted"))

        guest_outcome = cls(
            changed=changed,
            guest=guest,
            promoted=promoted,
        )

        guest_outcome.additional_properties = d
        return guest_outcome

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
