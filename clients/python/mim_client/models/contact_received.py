from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ContactReceived")


@_attrs_define
class ContactReceived:
    """A confirmed request as the exporter it was sent to reads it.

    Attributes:
        company (str):
        confirmed_at (datetime.datetime):
        country (None | str):
        id (int):
        language (str):
        message (str):
        recipients (int): How many exporters the request went to (more than one: an RFQ)
        sender_email (str):
        sender_name (str):
    """

    company: str
    confirmed_at: datetime.datetime
    country: None | str
    id: int
    language: str
    message: str
    recipients: int
    sender_email: str
    sender_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        company = self.company

        confirmed_at = self.confirmed_at.isoformat()

        country: None | str
        country = self.country

        id = self.id

        language = self.language

        message = self.message

        recipients = self.recipients

        sender_email = self.sender_email

        sender_name = self.sender_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "company": company,
                "confirmed_at": confirmed_at,
                "country": country,
                "id": id,
                "language": language,
                "message": message,
                "recipients": recipients,
                "sender_email": sender_email,
                "sender_name": sender_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        company = d.pop("company")

        confirmed_at = datetime.datetime.fromisoformat(d.pop("confirmed_at"))

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        id = d.pop("id")

        language = d.pop("language")

        message = d.pop("message")

        recipients = d.pop("recipients")

        sender_email = d.pop("sender_email")

        sender_name = d.pop("sender_name")

        contact_received = cls(
            company=company,
            confirmed_at=confirmed_at,
            country=country,
            id=id,
            language=language,
            message=message,
            recipients=recipients,
            sender_email=sender_email,
            sender_name=sender_name,
        )

        contact_received.additional_properties = d
        return contact_received

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
