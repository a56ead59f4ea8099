from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status import ApplicationStatus

if TYPE_CHECKING:
    from ..models.exporter_ref import ExporterRef
    from ..models.history_entry import HistoryEntry
    from ..models.label_public import LabelPublic


T = TypeVar("T", bound="LabelApplicationPublic")


@_attrs_define
class LabelApplicationPublic:
    """
    Attributes:
        created_at (datetime.datetime):
        exporter (ExporterRef):
        history (list[HistoryEntry]):
        id (int):
        label (LabelPublic | None):
        note (str):
        product_id (int):
        product_name (str):
        status (ApplicationStatus):
        updated_at (datetime.datetime):
        value_added_pct (float):
    """

    created_at: datetime.datetime
    exporter: ExporterRef
    history: list[HistoryEntry]
    id: int
    label: LabelPublic | None
    note: str
    product_id: int
    product_name: str
    status: ApplicationStatus
    updated_at: datetime.datetime
    value_added_pct: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.label_public import LabelPublic

        created_at = self.created_at.isoformat()

        exporter = self.exporter.to_dict()

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        id = self.id

        label: dict[str, Any] | None
        if isinstance(self.label, LabelPublic):
            label = self.label.to_dict()
        else:
            label = self.label

        note = self.note

        product_id = self.product_id

        product_name = self.product_name

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        value_added_pct = self.value_added_pct

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "exporter": exporter,
                "history": history,
                "id": id,
                "label": label,
                "note": note,
                "product_id": product_id,
                "product_name": product_name,
                "status": status,
                "updated_at": updated_at,
                "value_added_pct": value_added_pct,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exporter_ref import ExporterRef
        from ..models.history_entry import HistoryEntry
        from ..models.label_public import LabelPublic

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        exporter = ExporterRef.from_dict(d.pop("exporter"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = HistoryEntry.from_dict(history_item_data)

            history.append(history_item)

        id = d.pop("id")

        def _parse_label(data: object) -> LabelPublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                label_type_0 = LabelPublic.from_dict(data)

                return label_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LabelPublic | None, data)

        label = _parse_label(d.pop("label"))

        note = d.pop("note")

        product_id = d.pop("product_id")

        product_name = d.pop("product_name")

        status = ApplicationStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        value_added_pct = d.pop("value_added_pct")

        label_application_public = cls(
            created_at=created_at,
            exporter=exporter,
            history=history,
            id=id,
            label=label,
            note=note,
            product_id=product_id,
            product_name=product_name,
            status=status,
            updated_at=updated_at,
            value_added_pct=value_added_pct,
        )

        label_application_public.additional_properties = d
        return label_application_public

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
