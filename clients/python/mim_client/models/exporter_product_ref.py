from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="ExporterProductRef")


@_attrs_define
class ExporterProductRef:
    """
    Attributes:
        hs_code (str):
        id (int):
        name (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        value_added_pct (float):
    """

    hs_code: str
    id: int
    name: LocalizedText
    value_added_pct: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hs_code = self.hs_code

        id = self.id

        name = self.name.to_dict()

        value_added_pct = self.value_added_pct

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hs_code": hs_code,
                "id": id,
                "name": name,
                "value_added_pct": value_added_pct,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)
        hs_code = d.pop("hs_code")

        id = d.pop("id")

        name = LocalizedText.from_dict(d.pop("name"))

        value_added_pct = d.pop("value_added_pct")

        exporter_product_ref = cls(
            hs_code=hs_code,
            id=id,
            name=name,
            value_added_pct=value_added_pct,
        )

        exporter_product_ref.additional_properties = d
        return exporter_product_ref

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
