from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.label_status import LabelStatus

T = TypeVar("T", bound="LabelPublic")


@_attrs_define
class LabelPublic:
    """
    Attributes:
        certificate_number (str):
        status (LabelStatus): A label's status. ``expired`` is never stored: an ``active`` label past its
            ``valid_until`` reads ``expired`` (``catalogue.effective_status``).
        valid_from (datetime.date):
        valid_until (datetime.date):
        verification_url (str):
    """

    certificate_number: str
    status: LabelStatus
    valid_from: datetime.date
    valid_until: datetime.date
    verification_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certificate_number = self.certificate_number

        status = self.status.value

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        verification_url = self.verification_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certificate_number": certificate_number,
                "status": status,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "verification_url": verification_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        certificate_number = d.pop("certificate_number")

        status = LabelStatus(d.pop("status"))

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        verification_url = d.pop("verification_url")

        label_public = cls(
            certificate_number=certificate_number,
            status=status,
            valid_from=valid_from,
            valid_until=valid_until,
            verification_url=verification_url,
        )

        label_public.additional_properties = d
        return label_public

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
