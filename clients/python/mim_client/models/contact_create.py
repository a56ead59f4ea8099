from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.contact_create_language import ContactCreateLanguage
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactCreate")


@_attrs_define
class ContactCreate:
    """A buyer's message. Nothing reaches an exporter until the sender confirms their address.

    Attributes:
        email (str):
        message (str):
        name (str):
        company (str | Unset):  Default: ''.
        country (None | str | Unset): The buyer's country (ISO 3166-1 alpha-2)
        language (ContactCreateLanguage | Unset): The language of the e-mail to the sender Default:
            ContactCreateLanguage.FR.
        website (str | Unset): Honeypot: leave empty (hidden in forms). A request with it filled gets the same 202 and
            is dropped. Default: ''.
    """

    email: str
    message: str
    name: str
    company: str | Unset = ""
    country: None | str | Unset = UNSET
    language: ContactCreateLanguage | Unset = ContactCreateLanguage.FR
    website: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        message = self.message

        name = self.name

        company = self.company

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value

        website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "message": message,
                "name": name,
            }
        )
        if company is not UNSET:
            field_dict["company"] = company
        if country is not UNSET:
            field_dict["country"] = country
        if language is not UNSET:
            field_dict["language"] = language
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        message = d.pop("message")

        name = d.pop("name")

        company = d.pop("company", UNSET)

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        _language = d.pop("language", UNSET)
        language: ContactCreateLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = ContactCreateLanguage(_language)

        website = d.pop("website", UNSET)

        contact_create = cls(
            email=email,
            message=message,
            name=name,
            company=company,
            country=country,
            language=language,
            website=website,
        )

        return contact_create
