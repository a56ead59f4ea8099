from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FrequentGuest")


@_attrs_define
class FrequentGuest:
    """
    Attributes:
        attended (int): Events of the series the guest was checked in at
        email (str): Normalised e-mail (guests whose data is erased or purged are not listed)
        name (str):
        organisation (str):
    """

    attended: int
    email: str
    name: str
    organisation: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attended = self.attended

        email = self.email

        name = self.name

        organisation = self.organisation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attended": attended,
                "email": email,
                "name": name,
                "organisation": organisation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attended = d.pop("attended")

        email = d.pop("email")

        name = d.pop("name")

        organisation = d.pop("organisation")

        frequent_guest = cls(
            attended=attended,
            email=email,
            name=name,
            organisation=organisation,
        )

        frequent_guest.additional_properties = d
        return frequent_guest

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
