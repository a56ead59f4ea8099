from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LabelBatchIn")


@_attrs_define
class LabelBatchIn:
    """
    Attributes:
        certificates (list[str]): 1 to 100 certificate numbers, each at most once (case and surrounding spaces ignored)
    """

    certificates: list[str]

    def to_dict(self) -> dict[str, Any]:
        certificates = self.certificates

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "certificates": certificates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        certificates = cast(list[str], d.pop("certificates"))

        label_batch_in = cls(
            certificates=certificates,
        )

        return label_batch_in
