from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.label_batch_item_outcome import LabelBatchItemOutcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.label_verification import LabelVerification


T = TypeVar("T", bound="LabelBatchItem")


@_attrs_define
class LabelBatchItem:
    """
    Attributes:
        certificate (str): The number as given (cut to 64 characters)
        outcome (LabelBatchItemOutcome): found: `label` has its verification; unknown: no label has this number (not
            genuine); invalid-format: not a certificate number at all
        label (LabelVerification | None | Unset):
    """

    certificate: str
    outcome: LabelBatchItemOutcome
    label: LabelVerification | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.label_verification import LabelVerification

        certificate = self.certificate

        outcome = self.outcome.value

        label: dict[str, Any] | None | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        elif isinstance(self.label, LabelVerification):
            label = self.label.to_dict()
        else:
            label = self.label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certificate": certificate,
                "outcome": outcome,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.label_verification import LabelVerification

        d = dict(src_dict)
        certificate = d.pop("certificate")

        outcome = LabelBatchItemOutcome(d.pop("outcome"))

        def _parse_label(data: object) -> LabelVerification | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                label_type_0 = LabelVerification.from_dict(data)

                return label_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LabelVerification | None | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        label_batch_item = cls(
            certificate=certificate,
            outcome=outcome,
            label=label,
        )

        label_batch_item.additional_properties = d
        return label_batch_item

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
