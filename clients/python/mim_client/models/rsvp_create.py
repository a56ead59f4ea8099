from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rsvp_create_language import RsvpCreateLanguage
from ..types import UNSET, Unset

T = TypeVar("T", bound="RsvpCreate")


@_attrs_define
class RsvpCreate:
    """
    Attributes:
        consent (bool): The guest agrees that the Club keeps these details for this event: must be true
        email (str):
        name (str):
        exporter_id (int | None | Unset): Only with an exporter account's token whose exporter is this one (else 403
            `exporter-not-yours`)
        language (RsvpCreateLanguage | Unset):  Default: RsvpCreateLanguage.FR.
        organisation (str | Unset):  Default: ''.
        phone (None | str | Unset):
        website (str | Unset): Honeypot: leave empty (hidden in forms); anything in it is refused Default: ''.
    """

    consent: bool
    email: str
    name: str
    exporter_id: int | None | Unset = UNSET
    language: RsvpCreateLanguage | Unset = RsvpCreateLanguage.FR
    organisation: str | Unset = ""
    phone: None | str | Unset = UNSET
    website: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        consent = self.consent

        email = self.email

        name = self.name

        exporter_id: int | None | Unset
        if isinstance(self.exporter_id, Unset):
            exporter_id = UNSET
        else:
            exporter_id = self.exporter_id

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value

        organisation = self.organisation

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "consent": consent,
                "email": email,
                "name": name,
            }
        )
        if exporter_id is not UNSET:
            field_dict["exporter_id"] = exporter_id
        if language is not UNSET:
            field_dict["language"] = language
        if organisation is not UNSET:
            field_dict["organisation"] = organisation
        if phone is not UNSET:
            field_dict["phone"] = phone
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        consent = d.pop("consent")

        email = d.pop("email")

        name = d.pop("name")

        def _parse_exporter_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exporter_id = _parse_exporter_id(d.pop("exporter_id", UNSET))

        _language = d.pop("language", UNSET)
        language: RsvpCreateLanguage | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = RsvpCreateLanguage(_language)

        organisation = d.pop("organisation", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        website = d.pop("website", UNSET)

        rsvp_create = cls(
            consent=consent,
            email=email,
            name=name,
            exporter_id=exporter_id,
            language=language,
            organisation=organisation,
            phone=phone,
            website=website,
        )

        return rsvp_create
