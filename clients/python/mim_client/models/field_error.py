from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error_params_type_0 import FieldErrorParamsType0


T = TypeVar("T", bound="FieldError")


@_attrs_define
class FieldError:
    """
    Attributes:
        field (str): Dotted path of the offending field, e.g. `email` or `items.0.ice`
        message (str): English, for developers; show your own words for `code`
        code (str | Unset): Machine code of the error, stable across releases: `missing`: the field is required and was
            not sent, or sent empty; `too-short`: text shorter than `params.min_length`; `too-long`: text longer than
            `params.max_length`; `too-few`: a list with fewer than `params.min_length` items; `too-many`: a list with more
            than `params.max_length` items; `too-small`: a number below `params.ge` / `params.gt`; `too-large`: a number
            above `params.le` / `params.lt`; `not-a-number`: a number was expected; `not-an-integer`: a whole number was
            expected; `not-a-boolean`: true or false was expected; `invalid-date`: not a date or date-time in ISO 8601;
            `invalid-url`: not an absolute http(s) URL; `invalid-email`: not an e-mail address; `invalid-phone`: not a valid
            phone number; `invalid-ice`: not a valid ICE (15 digits with a valid checksum); `invalid-slug`: not a slug
            (lower-case letters, digits and hyphens); `invalid-format`: does not match the expected format; `invalid-
            character`: a control or invisible character that text may not hold; `invalid-choice`: not one of the allowed
            values; `invalid-json`: the body is not valid JSON; `wrong-type`: a value of another type was expected;
            `unknown-field`: a field the operation does not accept; `hs-code-format`: an HS code has 6 to 10 digits; `hs-
            chapter-format`: an HS chapter has two digits; `unknown-country`: not an ISO 3166-1 alpha-2 country code;
            `market-is-morocco`: an export market is a country other than Morocco; `unknown-region`: no region with this
            code; `unknown-sector`: no sector with this slug; `unknown-series`: no event series with this slug; `unknown-
            exporter`: no exporter with this id; `unknown-product`: no product with this id; `exporter-not-yours`: the
            exporter is not the caller's; `duplicate`: the value must be unique and is already used; `duplicates`: a list
            repeats a value; `reserved`: the value is reserved; `not-null`: the field may not be null; `forbidden-field`:
            the caller may not change this field; `invalid-times`: the times are not in order (e.g. an end before its
            start); `coordinates-pair`: a latitude without a longitude, or the other way round; `year-out-of-range`: a year
            before 1800 or in the future; `not-utf8`: the file is not UTF-8 text; `invalid-csv`: the file is not valid CSV;
            `missing-column`: a required CSV column is missing; `unknown-column`: a CSV column that is not expected;
            `idempotency-key-reused`: this Idempotency-Key was used with another request; `label-rule`: the product does not
            meet a rule of the label; `file-too-large`: the file is larger than `params.max_bytes` (`params.max_mb` MiB);
            `image-type`: not a JPEG, PNG or WebP image, judged by its bytes (SVG, HTML... are refused); `image-too-many-
            pixels`: more than `params.max_pixels` pixels (`params.max_megapixels` MP); `image-trailing-data`: bytes after
            the image's end (a polyglot file); `image-damaged`: a truncated or damaged image; `invalid`: any other invalid
            value Default: 'invalid'.
        params (FieldErrorParamsType0 | None | Unset): Values to put in a message for `code` (`min_length`,
            `max_length`, `ge`, `le`, `value`...)
        type_ (str | Unset):  Default: 'value_error'.
    """

    field: str
    message: str
    code: str | Unset = "invalid"
    params: FieldErrorParamsType0 | None | Unset = UNSET
    type_: str | Unset = "value_error"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.field_error_params_type_0 import FieldErrorParamsType0

        field = self.field

        message = self.message

        code = self.code

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, FieldErrorParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if params is not UNSET:
            field_dict["params"] = params
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_error_params_type_0 import FieldErrorParamsType0

        d = dict(src_dict)
        field = d.pop("field")

        message = d.pop("message")

        code = d.pop("code", UNSET)

        def _parse_params(data: object) -> FieldErrorParamsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = FieldErrorParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FieldErrorParamsType0 | None | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        type_ = d.pop("type", UNSET)

        field_error = cls(
            field=field,
            message=message,
            code=code,
            params=params,
            type_=type_,
        )

        field_error.additional_properties = d
        return field_error

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
