from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OptionalLocalizedLineIn")


@_attrs_define
class OptionalLocalizedLineIn:
    """
    Attributes:
        ar (str | Unset):  Default: ''.
        en (str | Unset):  Default: ''.
        fr (str | Unset):  Default: ''.
    """

    ar: str | Unset = ""
    en: str | Unset = ""
    fr: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        ar = self.ar

        en = self.en

        fr = self.fr

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ar is not UNSET:
            field_dict["ar"] = ar
        if en is not UNSET:
            field_dict["en"] = en
        if fr is not UNSET:
            field_dict["fr"] = fr

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ar = d.pop("ar", UNSET)

        en = d.pop("en", UNSET)

        fr = d.pop("fr", UNSET)

        optional_localized_line_in = cls(
            ar=ar,
            en=en,
            fr=fr,
        )

        return optional_localized_line_in
