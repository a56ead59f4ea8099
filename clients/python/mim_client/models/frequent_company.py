from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FrequentCompany")


@_attrs_define
class FrequentCompany:
    """
    Attributes:
        attended (int): Check-ins of the company's guests
        guests (int): Different guests of the company
        organisation (str):
    """

    attended: int
    guests: int
    organisation: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attended = self.attended

        guests = self.guests

        organisation = self.organisation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attended": attended,
                "guests": guests,
                "organisation": organisation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attended = d.pop("attended")

        guests = d.pop("guests")

        organisation = d.pop("organisation")

        frequent_company = cls(
            attended=attended,
            guests=guests,
            organisation=organisation,
        )

        frequent_company.additional_properties = d
        return frequent_company

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
