from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_exporter_ref import ContactExporterRef


T = TypeVar("T", bound="ContactConfirmed")


@_attrs_define
class ContactConfirmed:
    """The request is sent (now, or already before: confirming twice changes nothing).

    Attributes:
        confirmed_at (datetime.datetime):
        exporters (list[ContactExporterRef]):
        status (Literal['confirmed'] | Unset):  Default: 'confirmed'.
    """

    confirmed_at: datetime.datetime
    exporters: list[ContactExporterRef]
    status: Literal["confirmed"] | Unset = "confirmed"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confirmed_at = self.confirmed_at.isoformat()

        exporters = []
        for exporters_item_data in self.exporters:
            exporters_item = exporters_item_data.to_dict()
            exporters.append(exporters_item)

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confirmed_at": confirmed_at,
                "exporters": exporters,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_exporter_ref import ContactExporterRef

        d = dict(src_dict)
        confirmed_at = datetime.datetime.fromisoformat(d.pop("confirmed_at"))

        exporters = []
        _exporters = d.pop("exporters")
        for exporters_item_data in _exporters:
            exporters_item = ContactExporterRef.from_dict(exporters_item_data)

            exporters.append(exporters_item)

        status = cast(Literal["confirmed"] | Unset, d.pop("status", UNSET))
        if status != "confirmed" and not isinstance(status, Unset):
            raise ValueError(f"status must match const 'confirmed', got '{status}'")

        contact_confirmed = cls(
            confirmed_at=confirmed_at,
            exporters=exporters,
            status=status,
        )

        contact_confirmed.additional_properties = d
        return contact_confirmed

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
