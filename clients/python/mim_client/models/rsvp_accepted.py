from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RsvpAccepted")


@_attrs_define
class RsvpAccepted:
    """The answer to every RSVP request that is taken: the same for a new and a known e-mail.

    Attributes:
        event_id (int):
        detail (str | Unset): Constant text; the website shows its own translation Default: 'If this address can RSVP, a
            message is on its way to it: follow its link to confirm.'.
        status (Literal['check_your_inbox'] | Unset):  Default: 'check_your_inbox'.
    """

    event_id: int
    detail: str | Unset = (
        "If this address can RSVP, a message is on its way to it: follow its link to confirm."
    )
    status: Literal["check_your_inbox"] | Unset = "check_your_inbox"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        detail = self.detail

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        detail = d.pop("detail", UNSET)

        status = cast(Literal["check_your_inbox"] | Unset, d.pop("status", UNSET))
        if status != "check_your_inbox" and not isinstance(status, Unset):
            raise ValueError(
                f"status must match const 'check_your_inbox', got '{status}'"
            )

        rsvp_accepted = cls(
            event_id=event_id,
            detail=detail,
            status=status,
        )

        rsvp_accepted.additional_properties = d
        return rsvp_accepted

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
