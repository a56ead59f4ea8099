from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.label_status import LabelStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exporter_product_ref import ExporterProductRef
    from ..models.exporter_ref import ExporterRef
    from ..models.granted_facts import GrantedFacts
    from ..models.status_change import StatusChange


T = TypeVar("T", bound="LabelVerification")


@_attrs_define
class LabelVerification:
    """What the public verification page shows for a certificate number.

    ``exporter`` and ``product`` show what was granted (the snapshot taken at the grant, or at
    the last review), never later edits; a change to one of those facts puts the label
    ``in_review``, and it is not valid until an organiser has reviewed it again.

        Attributes:
            certificate_number (str):
            exporter (ExporterRef):
            granted (GrantedFacts): The facts the label was granted on, as audited (not today's catalogue data).
            history (list[StatusChange]): Status changes of the label, oldest first
            product (ExporterProductRef):
            status (LabelStatus): A label's status. ``expired`` is never stored: an ``active`` label past its
                ``valid_until`` reads ``expired`` (``catalogue.effective_status``).
            valid (bool): True only while the label is active and within its dates
            valid_from (datetime.date):
            valid_until (datetime.date):
            verification_url (str):
            genuine (bool | Unset): The certificate number exists (it is not a counterfeit) Default: True.
            under_review (bool | Unset): A fact the grant rested on has changed since; an organiser reviews it Default:
                False.
    """

    certificate_number: str
    exporter: ExporterRef
    granted: GrantedFacts
    history: list[StatusChange]
    product: ExporterProductRef
    status: LabelStatus
    valid: bool
    valid_from: datetime.date
    valid_until: datetime.date
    verification_url: str
    genuine: bool | Unset = True
    under_review: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certificate_number = self.certificate_number

        exporter = self.exporter.to_dict()

        granted = self.granted.to_dict()

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        product = self.product.to_dict()

        status = self.status.value

        valid = self.valid

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        verification_url = self.verification_url

        genuine = self.genuine

        under_review = self.under_review

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certificate_number": certificate_number,
                "exporter": exporter,
                "granted": granted,
                "history": history,
                "product": product,
                "status": status,
                "valid": valid,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "verification_url": verification_url,
            }
        )
        if genuine is not UNSET:
            field_dict["genuine"] = genuine
        if under_review is not UNSET:
            field_dict["under_review"] = under_review

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exporter_product_ref import ExporterProductRef
        from ..models.exporter_ref import ExporterRef
        from ..models.granted_facts import GrantedFacts
        from ..models.status_change import StatusChange

        d = dict(src_dict)
        certificate_number = d.pop("certificate_number")

        exporter = ExporterRef.from_dict(d.pop("exporter"))

        granted = GrantedFacts.from_dict(d.pop("granted"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = StatusChange.from_dict(history_item_data)

            history.append(history_item)

        product = ExporterProductRef.from_dict(d.pop("product"))

        status = LabelStatus(d.pop("status"))

        valid = d.pop("valid")

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        verification_url = d.pop("verification_url")

        genuine = d.pop("genuine", UNSET)

        under_review = d.pop("under_review", UNSET)

        label_verification = cls(
            certificate_number=certificate_number,
            exporter=exporter,
            granted=granted,
            history=history,
            product=product,
            status=status,
            valid=valid,
            valid_from=valid_from,
            valid_until=valid_until,
            verification_url=verification_url,
            genuine=genuine,
            under_review=under_review,
        )

        label_verification.additional_properties = d
        return label_verification

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
