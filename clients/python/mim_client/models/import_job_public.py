from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_job_public_status import ImportJobPublicStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_progress import ImportProgress
    from ..models.import_report import ImportReport
    from ..models.import_row_error import ImportRowError


T = TypeVar("T", bound="ImportJobPublic")


@_attrs_define
class ImportJobPublic:
    """A CSV import running in the background: poll it until it is succeeded or failed.

    Attributes:
        created_at (datetime.datetime):
        errors (list[ImportRowError]): Why the job failed, by line and column (nothing was written)
        finished_at (datetime.datetime | None):
        id (str):
        kind (str): What is imported: exporters
        progress (ImportProgress):
        started_at (datetime.datetime | None):
        status (ImportJobPublicStatus):
        detail (None | str | Unset): Why the job failed, in a sentence
        result (ImportReport | None | Unset): Rows written and rejected, once the job has ended
    """

    created_at: datetime.datetime
    errors: list[ImportRowError]
    finished_at: datetime.datetime | None
    id: str
    kind: str
    progress: ImportProgress
    started_at: datetime.datetime | None
    status: ImportJobPublicStatus
    detail: None | str | Unset = UNSET
    result: ImportReport | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.import_report import ImportReport

        created_at = self.created_at.isoformat()

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        kind = self.kind

        progress = self.progress.to_dict()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status.value

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        else:
            detail = self.detail

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, ImportReport):
            result = self.result.to_dict()
        else:
            result = self.result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "errors": errors,
                "finished_at": finished_at,
                "id": id,
                "kind": kind,
                "progress": progress,
                "started_at": started_at,
                "status": status,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if result is not UNSET:
            field_dict["result"] = result

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.import_progress import ImportProgress
        from ..models.import_report import ImportReport
        from ..models.import_row_error import ImportRowError

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ImportRowError.from_dict(errors_item_data)

            errors.append(errors_item)

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = d.pop("id")

        kind = d.pop("kind")

        progress = ImportProgress.from_dict(d.pop("progress"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        status = ImportJobPublicStatus(d.pop("status"))

        def _parse_detail(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

        def _parse_result(data: object) -> ImportReport | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = ImportReport.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImportReport | None | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        import_job_public = cls(
            created_at=created_at,
            errors=errors,
            finished_at=finished_at,
            id=id,
            kind=kind,
            progress=progress,
            started_at=started_at,
            status=status,
            detail=detail,
            result=result,
        )

        import_job_public.additional_properties = d
        return import_job_public

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
