from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LocalizedLineIn")


@_attrs_define
class LocalizedLineIn:
    """A title or a name in three languages: one line each (it becomes an e-mail subject).

    Attributes:
        fr (str):
        ar (str | Unset):  Default: ''.
        en (str | Unset):  Default: ''.
    """

    fr: str
    ar: str | Unset = ""
    en: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        fr = self.fr

        ar = self.ar

        en = self.en

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fr": fr,
            }
        )
        if ar is not UNSET:
            field_dict["ar"] = ar
        if en is not UNSET:
            field_dict["en"] = en

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        fr = d.pop("fr")

        ar = d.pop("ar", UNSET)

        en = d.pop("en", UNSET)

        localized_line_in = cls(
            fr=fr,
            ar=ar,
            en=en,
        )

        return localized_line_in
