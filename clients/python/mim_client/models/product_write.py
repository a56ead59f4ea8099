from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProductWrite")


@_attrs_define
class ProductWrite:
    """
    Attributes:
        hs_code (str): Harmonized System code: 6 to 10 digits
        name_fr (str):
        value_added_pct (float): Share of value added in Morocco, %
        capacity (None | str | Unset):
        description_ar (str | Unset):  Default: ''.
        description_en (str | Unset):  Default: ''.
        description_fr (str | Unset):  Default: ''.
        image_url (None | str | Unset):
        name_ar (str | Unset):  Default: ''.
        name_en (str | Unset):  Default: ''.
    """

    hs_code: str
    name_fr: str
    value_added_pct: float
    capacity: None | str | Unset = UNSET
    description_ar: str | Unset = ""
    description_en: str | Unset = ""
    description_fr: str | Unset = ""
    image_url: None | str | Unset = UNSET
    name_ar: str | Unset = ""
    name_en: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        hs_code = self.hs_code

        name_fr = self.name_fr

        value_added_pct = self.value_added_pct

        capacity: None | str | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        description_ar = self.description_ar

        description_en = self.description_en

        description_fr = self.description_fr

        image_url: None | str | Unset
        if isinstance(self.image_url, Unset):
            image_url = UNSET
        else:
            image_url = self.image_url

        name_ar = self.name_ar

        name_en = self.name_en

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hs_code": hs_code,
                "name_fr": name_fr,
                "value_added_pct": value_added_pct,
            }
        )
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if description_ar is not UNSET:
            field_dict["description_ar"] = description_ar
        if description_en is not UNSET:
            field_dict["description_en"] = description_en
        if description_fr is not UNSET:
            field_dict["description_fr"] = description_fr
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if name_ar is not UNSET:
            field_dict["name_ar"] = name_ar
        if name_en is not UNSET:
            field_dict["name_en"] = name_en

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        hs_code = d.pop("hs_code")

        name_fr = d.pop("name_fr")

        value_added_pct = d.pop("value_added_pct")

        def _parse_capacity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        description_ar = d.pop("description_ar", UNSET)

        description_en = d.pop("description_en", UNSET)

        description_fr = d.pop("description_fr", UNSET)

        def _parse_image_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_url = _parse_image_url(d.pop("image_url", UNSET))

        name_ar = d.pop("name_ar", UNSET)

        name_en = d.pop("name_en", UNSET)

        product_write = cls(
            hs_code=hs_code,
            name_fr=name_fr,
            value_added_pct=value_added_pct,
            capacity=capacity,
            description_ar=description_ar,
            description_en=description_en,
            description_fr=description_fr,
            image_url=image_url,
            name_ar=name_ar,
            name_en=name_en,
        )

        return product_write
