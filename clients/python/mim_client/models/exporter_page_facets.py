from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exporter_page_facets_additional_property import (
        ExporterPageFacetsAdditionalProperty,
    )


T = TypeVar("T", bound="ExporterPageFacets")


@_attrs_define
class ExporterPageFacets:
    """Counts per region (code), sector (slug), market (country), label_status, and for exporters size (band) and certified
    ("true": holding a certification today), for products hs_chapter, over every result of the query, not only this
    page. Facets are disjunctive: the values of one group are alternatives (OR), and a group's counts are computed with
    every other filter but not its own, so each count is the total that adding that value to the group's filter would
    give (for an unfiltered group, the total that filtering on it would give).

    """

    additional_properties: dict[str, ExporterPageFacetsAdditionalProperty] = (
        _attrs_field(init=False, factory=dict)
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exporter_page_facets_additional_property import (
            ExporterPageFacetsAdditionalProperty,
        )

        d = dict(src_dict)
        exporter_page_facets = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = ExporterPageFacetsAdditionalProperty.from_dict(
                prop_dict
            )

            additional_properties[prop_name] = additional_property

        exporter_page_facets.additional_properties = additional_properties
        return exporter_page_facets

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ExporterPageFacetsAdditionalProperty:
        return self.additional_properties[key]

    def __setitem__(
        self, key: str, value: ExporterPageFacetsAdditionalProperty
    ) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
