from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.door_counts import DoorCounts
    from ..models.guest_match import GuestMatch


T = TypeVar("T", bound="GuestSearchResult")


@_attrs_define
class GuestSearchResult:
    """
    Attributes:
        counts (DoorCounts):
        query (str):
        results (list[GuestMatch]):
    """

    counts: DoorCounts
    query: str
    results: list[GuestMatch]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        query = self.query

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "query": query,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.door_counts import DoorCounts
        from ..models.guest_match import GuestMatch

        d = dict(src_dict)
        counts = DoorCounts.from_dict(d.pop("counts"))

        query = d.pop("query")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = GuestMatch.from_dict(results_item_data)

            results.append(results_item)

        guest_search_result = cls(
            counts=counts,
            query=query,
            results=results,
        )

        guest_search_result.additional_properties = d
        return guest_search_result

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
