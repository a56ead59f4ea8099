from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.label_status import LabelStatus

T = TypeVar("T", bound="LabelBrief")


@_attrs_define
class LabelBrief:
    """
    Attributes:
        certificate_number (str):
        product_id (int):
        status (LabelStatus): A label's status. ``expired`` is never stored: an ``active`` label past its
            ``valid_until`` reads ``expired`` (``catalogue.effective_status``).
        valid_until (datetime.date):
    """

    certificate_number: str
    product_id: int
    status: LabelStatus
    valid_until: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certificate_number = self.certificate_number

        product_id = self.product_id

        status = self.status.value

        valid_until = self.valid_until.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certificate_number": certificate_number,
                "product_id": product_id,
                "status": status,
                "valid_until": valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        certificate_number = d.pop("certificate_number")

        product_id = d.pop("product_id")

        status = LabelStatus(d.pop("status"))

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        label_brief = cls(
            certificate_number=certificate_number,
            product_id=product_id,
            status=status,
            valid_until=valid_until,
        )

        label_brief.additional_properties = d
        return label_brief

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
