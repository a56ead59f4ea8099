from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError
    from ..models.problem_detail_params_type_0 import ProblemDetailParamsType0


T = TypeVar("T", bound="ProblemDetail")


@_attrs_define
class ProblemDetail:
    """RFC 9457 problem details.

    Attributes:
        status (int):
        title (str):
        code (None | str | Unset): Machine code of the problem (the last part of `type`), stable across releases: `bad-
            request`: the request is malformed; `unauthorized`: no valid credential; `forbidden`: the credential may not do
            this; `not-found`: no such resource; `method-not-allowed`: the path does not answer this method; `conflict`: the
            change conflicts with the current state; `gone`: the resource is no longer available; `payload-too-large`: the
            body is too large; `unsupported-media-type`: the body's media type is not accepted; `validation-error`: some
            fields are not valid: see `errors`; `too-many-requests`: too many requests: retry after `Retry-After`; `service-
            unavailable`: a service is down: retry later; `database-unavailable`: the database is busy: retry; `internal-
            error`: an unexpected error, logged with the request id; `bad-gateway`: a service behind the gateway gave no
            valid answer: retry; `gateway-timeout`: a service behind the gateway did not answer in time; `rsvp-not-open`:
            RSVPs are not open yet: they open at `opens_at`; `rsvp-closed`: RSVPs are closed for this event; `event-not-
            published`: the event is not published; `event-past`: the event is over; `event-cancelled`: the event has been
            cancelled; `confirmation-expired`: the confirmation link has expired: RSVP again; `already-checked-in`: the
            guest is already checked in; `not-confirmed`: the RSVP is not confirmed: the guest has no seat; `no-entry-pass`:
            the RSVP has no entry pass; `too-many-pending`: too many unconfirmed RSVPs from this address; `exporter-not-
            yours`: the exporter is not the caller's; `open-application`: the product already has an open label application;
            `invalid-transition`: the application cannot move to this status; `label-rule`: the product does not meet the
            label's rules; `label-held`: a labelled exporter or product cannot be deleted: withdraw the label; `already-
            labelled`: the product already holds a live label; `session-ended`: the session has ended: sign in again;
            `idempotency-key-reused`: this Idempotency-Key was used with another request; `signin-locked`: too many failed
            sign-ins: retry after `Retry-After`; `contact-expired`: the contact request's link has expired: write the
            message again; `too-many-photos`: the product has its `params.max_photos` photos already
        detail (None | str | Unset): English, for developers; show your own words for `code`
        errors (list[FieldError] | None | Unset):
        instance (None | str | Unset):
        params (None | ProblemDetailParamsType0 | Unset): Values to put in a message for `code`, e.g. `opens_at` (ISO
            8601, UTC) for `rsvp-not-open`
        request_id (None | str | Unset):
        type_ (str | Unset):  Default: 'about:blank'.
    """

    status: int
    title: str
    code: None | str | Unset = UNSET
    detail: None | str | Unset = UNSET
    errors: list[FieldError] | None | Unset = UNSET
    instance: None | str | Unset = UNSET
    params: None | ProblemDetailParamsType0 | Unset = UNSET
    request_id: None | str | Unset = UNSET
    type_: str | Unset = "about:blank"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.problem_detail_params_type_0 import ProblemDetailParamsType0

        status = self.status

        title = self.title

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        else:
            detail = self.detail

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)

        else:
            errors = self.errors

        instance: None | str | Unset
        if isinstance(self.instance, Unset):
            instance = UNSET
        else:
            instance = self.instance

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, ProblemDetailParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "title": title,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if detail is not UNSET:
            field_dict["detail"] = detail
        if errors is not UNSET:
            field_dict["errors"] = errors
        if instance is not UNSET:
            field_dict["instance"] = instance
        if params is not UNSET:
            field_dict["params"] = params
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_error import FieldError
        from ..models.problem_detail_params_type_0 import ProblemDetailParamsType0

        d = dict(src_dict)
        status = d.pop("status")

        title = d.pop("title")

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_detail(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

        def _parse_errors(data: object) -> list[FieldError] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in _errors_type_0:
                    errors_type_0_item = FieldError.from_dict(errors_type_0_item_data)

                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldError] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        def _parse_instance(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance = _parse_instance(d.pop("instance", UNSET))

        def _parse_params(data: object) -> None | ProblemDetailParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = ProblemDetailParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProblemDetailParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        type_ = d.pop("type", UNSET)

        problem_detail = cls(
            status=status,
            title=title,
            code=code,
            detail=detail,
            errors=errors,
            instance=instance,
            params=params,
            request_id=request_id,
            type_=type_,
        )

        problem_detail.additional_properties = d
        return problem_detail

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
