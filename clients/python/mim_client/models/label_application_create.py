from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LabelApplicationCreate")


@_attrs_define
class LabelApplicationCreate:
    """
    Attributes:
        product_id (int):
        note (str | Unset):  Default: ''.
    """

    product_id: int
    note: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        product_id = self.product_id

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "product_id": product_id,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        product_id = d.pop("product_id")

        note = d.pop("note", UNSET)

        label_application_create = cls(
            product_id=product_id,
            note=note,
        )

        return label_application_create
