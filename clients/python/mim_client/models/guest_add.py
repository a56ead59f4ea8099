from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.guest_add_language import GuestAddLanguage
from ..models.guest_add_when_full import GuestAddWhenFull
from ..types import UNSET, Unset

T = TypeVar("T", bound="GuestAdd")


@_attrs_define
class GuestAdd:
    """A guest the organiser puts on the list (``source = organiser``; no double opt-in).

    Attributes:
        email (str):
        name (str):
        language (GuestAddLanguage | Unset):  Default: GuestAddLanguage.FR.
        organisation (str | Unset):  Default: ''.
        phone (None | str | Unset):
        when_full (GuestAddWhenFull | Unset): With no free seat: `refuse` (409 `event-full`), `waitlist` (the end of the
            line), or `add_seat` (the capacity grows by one for this guest) Default: GuestAddWhenFull.REFUSE.
    """

    email: str
    name: str
    language: GuestAddLanguage | Unset = GuestAddLanguage.FR
    organisation: str | Unset = ""
    phone: None | str | Unset = UNSET
    when_full: GuestAddWhenFull | Unset = GuestAddWhenFull.REFUSE

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value

        organisation = self.organisation

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        when_full: str | Unset = UNSET
        if not isinstance(self.when_full, Unset):
            when_full = self.when_full.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if phone is not UNSET:
            field_dict["phone"] = phone
        if when_full is not UNSET:
            field_dict["when_full"] = when_full

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        _language = d.pop("language", UNSET)
        language: GuestAddLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = GuestAddLanguage(_language)

        organisation = d.pop("organisation", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        _when_full = d.pop("when_full", UNSET)
        when_full: GuestAddWhenFull | Unset
        if isinstance(_when_full, Unset):
            when_full = UNSET
        else:
            when_full = GuestAddWhenFull(_when_full)

        guest_add = cls(
            email=email,
            name=name,
            language=language,
            organisation=organisation,
            phone=phone,
            when_full=when_full,
        )

        return guest_add
