from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodyProductsAddPhoto")


@_attrs_define
class BodyProductsAddPhoto:
    """
    Attributes:
        file (str): A JPEG, PNG or WebP image (read from its bytes); no SVG. Metadata is removed.
        alt_ar (str | Unset):  Default: ''.
        alt_en (str | Unset):  Default: ''.
        alt_fr (str | Unset):  Default: ''.
    """

    file: str
    alt_ar: str | Unset = ""
    alt_en: str | Unset = ""
    alt_fr: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file

        alt_ar = self.alt_ar

        alt_en = self.alt_en

        alt_fr = self.alt_fr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if alt_ar is not UNSET:
            field_dict["alt_ar"] = alt_ar
        if alt_en is not UNSET:
            field_dict["alt_en"] = alt_en
        if alt_fr is not UNSET:
            field_dict["alt_fr"] = alt_fr

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", (None, str(self.file).encode(), "text/plain")))

        if not isinstance(self.alt_ar, Unset):
            files.append(("alt_ar", (None, str(self.alt_ar).encode(), "text/plain")))

        if not isinstance(self.alt_en, Unset):
            files.append(("alt_en", (None, str(self.alt_en).encode(), "text/plain")))

        if not isinstance(self.alt_fr, Unset):
            files.append(("alt_fr", (None, str(self.alt_fr).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file = d.pop("file")

        alt_ar = d.pop("alt_ar", UNSET)

        alt_en = d.pop("alt_en", UNSET)

        alt_fr = d.pop("alt_fr", UNSET)

        body_products_add_photo = cls(
            file=file,
            alt_ar=alt_ar,
            alt_en=alt_en,
            alt_fr=alt_fr,
        )

        body_products_add_photo.additional_properties = d
        return body_products_add_photo

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
