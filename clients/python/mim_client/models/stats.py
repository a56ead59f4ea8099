from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.stats_by_region import StatsByRegion
    from ..models.stats_by_sector import StatsBySector


T = TypeVar("T", bound="Stats")


@_attrs_define
class Stats:
    """
    Attributes:
        active_labels (int):
        by_region (StatsByRegion):
        by_sector (StatsBySector):
        exporters (int):
        labelled_exporters (int):
        products (int):
        progress_pct (float):
        target_exporters (int | Unset):  Default: 12000.
        target_year (int | Unset):  Default: 2035.
    """

    active_labels: int
    by_region: StatsByRegion
    by_sector: StatsBySector
    exporters: int
    labelled_exporters: int
    products: int
    progress_pct: float
    target_exporters: int | Unset = 12000
    target_year: int | Unset = 2035
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_labels = self.active_labels

        by_region = self.by_region.to_dict()

        by_sector = self.by_sector.to_dict()

        exporters = self.exporters

        labelled_exporters = self.labelled_exporters

        products = self.products

        progress_pct = self.progress_pct

        target_exporters = self.target_exporters

        target_year = self.target_year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_labels": active_labels,
                "by_region": by_region,
                "by_sector": by_sector,
                "exporters": exporters,
                "labelled_exporters": labelled_exporters,
                "products": products,
                "progress_pct": progress_pct,
            }
        )
        if target_exporters is not UNSET:
            field_dict["target_exporters"] = target_exporters
        if target_year is not UNSET:
            field_dict["target_year"] = target_year

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stats_by_region import StatsByRegion
        from ..models.stats_by_sector import StatsBySector

        d = dict(src_dict)
        active_labels = d.pop("active_labels")

        by_region = StatsByRegion.from_dict(d.pop("by_region"))

        by_sector = StatsBySector.from_dict(d.pop("by_sector"))

        exporters = d.pop("exporters")

        labelled_exporters = d.pop("labelled_exporters")

        products = d.pop("products")

        progress_pct = d.pop("progress_pct")

        target_exporters = d.pop("target_exporters", UNSET)

        target_year = d.pop("target_year", UNSET)

        stats = cls(
            active_labels=active_labels,
            by_region=by_region,
            by_sector=by_sector,
            exporters=exporters,
            labelled_exporters=labelled_exporters,
            products=products,
            progress_pct=progress_pct,
            target_exporters=target_exporters,
            target_year=target_year,
        )

        stats.additional_properties = d
        return stats

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
