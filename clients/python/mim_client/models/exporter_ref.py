from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExporterRef")


@_attrs_define
class ExporterRef:
    """
    Attributes:
        city (str):
        id (int):
        region (str):
        slug (str):
        trade_name (str):
    """

    city: str
    id: int
    region: str
    slug: str
    trade_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        id = self.id

        region = self.region

        slug = self.slug

        trade_name = self.trade_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "city": city,
                "id": id,
                "region": region,
                "slug": slug,
                "trade_name": trade_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        city = d.pop("city")

        id = d.pop("id")

        region = d.pop("region")

        slug = d.pop("slug")

        trade_name = d.pop("trade_name")

        exporter_ref = cls(
            city=city,
            id=id,
            region=region,
            slug=slug,
            trade_name=trade_name,
        )

        exporter_ref.additional_properties = d
        return exporter_ref

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
