from __future__ import annotations

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
    from ..models.published_key import PublishedKey


T = TypeVar("T", bound="LabelKeySet")


@_attrs_define
class LabelKeySet:
    """The keys that sign label statements (MIM1), current first; old ones stay listed.

    Attributes:
        current (str): Key id of the key that signs new statements
        keys (list[PublishedKey]):
        format_ (Literal['MIM1'] | Unset):  Default: 'MIM1'.
    """

    current: str
    keys: list[PublishedKey]
    format_: Literal["MIM1"] | Unset = "MIM1"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current = self.current

        keys = []
        for keys_item_data in self.keys:
            keys_item = keys_item_data.to_dict()
            keys.append(keys_item)

        format_ = self.format_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current": current,
                "keys": keys,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.published_key import PublishedKey

        d = dict(src_dict)
        current = d.pop("current")

        keys = []
        _keys = d.pop("keys")
        for keys_item_data in _keys:
            keys_item = PublishedKey.from_dict(keys_item_data)

            keys.append(keys_item)

        format_ = cast(Literal["MIM1"] | Unset, d.pop("format", UNSET))
        if format_ != "MIM1" and not isinstance(format_, Unset):
            raise ValueError(f"format must match const 'MIM1', got '{format_}'")

        label_key_set = cls(
            current=current,
            keys=keys,
            format_=format_,
        )

        label_key_set.additional_properties = d
        return label_key_set

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
