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

T = TypeVar("T", bound="ContactAccepted")


@_attrs_define
class ContactAccepted:
    """The answer to every contact request that is taken: the same whatever the recipients hold.

    Attributes:
        detail (str | Unset): Constant text; the website shows its own translation Default: "A message is on its way to
            the sender's address: follow its link to send the request.".
        status (Literal['check_your_inbox'] | Unset):  Default: 'check_your_inbox'.
    """

    detail: str | Unset = (
        "A message is on its way to the sender's address: follow its link to send the request."
    )
    status: Literal["check_your_inbox"] | Unset = "check_your_inbox"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if detail is not UNSET:
            field_dict["detail"] = detail
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        detail = d.pop("detail", UNSET)

        status = cast(Literal["check_your_inbox"] | Unset, d.pop("status", UNSET))
        if status != "check_your_inbox" and not isinstance(status, Unset):
            raise ValueError(
                f"status must match const 'check_your_inbox', got '{status}'"
            )

        contact_accepted = cls(
            detail=detail,
            status=status,
        )

        contact_accepted.additional_properties = d
        return contact_accepted

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
