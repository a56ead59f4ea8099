from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="GrantedFacts")


@_attrs_define
class GrantedFacts:
    """The facts the label was granted on, as audited (not today's catalogue data).

    Attributes:
        exporter_ice (str):
        exporter_legal_name (str):
        exporter_region (str):
        exporter_trade_name (str):
        hs_code (str):
        product_name (LocalizedText): Text that people read, once per language of the platform (French is the
            reference).
        value_added_pct (float):
    """

    exporter_ice: str
    exporter_legal_name: str
    exporter_region: str
    exporter_trade_name: str
    hs_code: str
    product_name: LocalizedText
    value_added_pct: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exporter_ice = self.exporter_ice

        exporter_legal_name = self.exporter_legal_name

        exporter_region = self.exporter_region

        exporter_trade_name = self.exporter_trade_name

        hs_code = self.hs_code

        product_name = self.product_name.to_dict()

        value_added_pct = self.value_added_pct

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exporter_ice": exporter_ice,
                "exporter_legal_name": exporter_legal_name,
                "exporter_region": exporter_region,
                "exporter_trade_name": exporter_trade_name,
                "hs_code": hs_code,
                "product_name": product_name,
                "value_added_pct": value_added_pct,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)
        exporter_ice = d.pop("exporter_ice")

        exporter_legal_name = d.pop("exporter_legal_name")

        exporter_region = d.pop("exporter_region")

        exporter_trade_name = d.pop("exporter_trade_name")

        hs_code = d.pop("hs_code")

        product_name = LocalizedText.from_dict(d.pop("product_name"))

        value_added_pct = d.pop("value_added_pct")

        granted_facts = cls(
            exporter_ice=exporter_ice,
            exporter_legal_name=exporter_legal_name,
            exporter_region=exporter_region,
            exporter_trade_name=exporter_trade_name,
            hs_code=hs_code,
            product_name=product_name,
            value_added_pct=value_added_pct,
        )

        granted_facts.additional_properties = d
        return granted_facts

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
