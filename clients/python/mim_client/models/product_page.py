from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_page_facets import ProductPageFacets
    from ..models.product_public import ProductPublic


T = TypeVar("T", bound="ProductPage")


@_attrs_define
class ProductPage:
    """
    Attributes:
        facets (ProductPageFacets): Counts per region (code), sector (slug), market (country), label_status, and for
            exporters size (band) and certified ("true": holding a certification today), for products hs_chapter, over every
            result of the query, not only this page. Facets are disjunctive: the values of one group are alternatives (OR),
            and a group's counts are computed with every other filter but not its own, so each count is the total that
            adding that value to the group's filter would give (for an unfiltered group, the total that filtering on it
            would give).
        items (list[ProductPublic]):
        page (int):
        per_page (int):
        total (int):
        corrected_query (None | str | Unset): With typo_corrected: the words searched, each corrected word replaced by
            the indexed word it was taken for (normalised: no case, no accents). Search again with exact=true to search for
            the original words only.
        query (None | str | Unset): The query text as received (q)
        typo_corrected (bool | Unset): True when results come from the one-typo fallback Default: False.
    """

    facets: ProductPageFacets
    items: list[ProductPublic]
    page: int
    per_page: int
    total: int
    corrected_query: None | str | Unset = UNSET
    query: None | str | Unset = UNSET
    typo_corrected: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        facets = self.facets.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        page = self.page

        per_page = self.per_page

        total = self.total

        corrected_query: None | str | Unset
        if isinstance(self.corrected_query, Unset):
            corrected_query = UNSET
        else:
            corrected_query = self.corrected_query

        query: None | str | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        else:
            query = self.query

        typo_corrected = self.typo_corrected

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "facets": facets,
                "items": items,
                "page": page,
                "per_page": per_page,
                "total": total,
            }
        )
        if corrected_query is not UNSET:
            field_dict["corrected_query"] = corrected_query
        if query is not UNSET:
            field_dict["query"] = query
        if typo_corrected is not UNSET:
            field_dict["typo_corrected"] = typo_corrected

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.product_page_facets import ProductPageFacets
        from ..models.product_public import ProductPublic

        d = dict(src_dict)
        facets = ProductPageFacets.from_dict(d.pop("facets"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ProductPublic.from_dict(items_item_data)

            items.append(items_item)

        page = d.pop("page")

        per_page = d.pop("per_page")

        total = d.pop("total")

        def _parse_corrected_query(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        corrected_query = _parse_corrected_query(d.pop("corrected_query", UNSET))

        def _parse_query(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        query = _parse_query(d.pop("query", UNSET))

        typo_corrected = d.pop("typo_corrected", UNSET)

        product_page = cls(
            facets=facets,
            items=items,
            page=page,
            per_page=per_page,
            total=total,
            corrected_query=corrected_query,
            query=query,
            typo_corrected=typo_corrected,
        )

        product_page.additional_properties = d
        return product_page

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
