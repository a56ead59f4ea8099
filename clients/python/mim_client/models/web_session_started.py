from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_public import AccountPublic


T = TypeVar("T", bound="WebSessionStarted")


@_attrs_define
class WebSessionStarted:
    """A website session: the website keeps ``session`` (its cookie holds nothing else that grants).

    Attributes:
        account (AccountPublic):
        expires_in (int): Seconds the session stays open unless signed out
        session (str): Send as `Authorization: Session <session>`; shown once
    """

    account: AccountPublic
    expires_in: int
    session: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account.to_dict()

        expires_in = self.expires_in

        session = self.session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "expires_in": expires_in,
                "session": session,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account_public import AccountPublic

        d = dict(src_dict)
        account = AccountPublic.from_dict(d.pop("account"))

        expires_in = d.pop("expires_in")

        session = d.pop("session")

        web_session_started = cls(
            account=account,
            expires_in=expires_in,
            session=session,
        )

        web_session_started.additional_properties = d
        return web_session_started

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
