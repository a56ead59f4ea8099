from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_rendition import ImageRendition
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="ImagePublic")


@_attrs_define
class ImagePublic:
    """A logo or photo: its renditions (each width in AVIF, WebP and a JPEG/PNG fallback) for
    `srcset`, and its alternative text per language.

        Attributes:
            alt (LocalizedText): Text that people read, once per language of the platform (French is the reference).
            hash_ (str): Content hash: the same upload always gives the same hash and URLs
            height (int): Height of the largest rendition, px
            renditions (list[ImageRendition]):
            width (int): Width of the largest rendition, px
            id (int | None | Unset): The photo's id (to delete it); null for a logo
    """

    alt: LocalizedText
    hash_: str
    height: int
    renditions: list[ImageRendition]
    width: int
    id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alt = self.alt.to_dict()

        hash_ = self.hash_

        height = self.height

        renditions = []
        for renditions_item_data in self.renditions:
            renditions_item = renditions_item_data.to_dict()
            renditions.append(renditions_item)

        width = self.width

        id: int | None | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alt": alt,
                "hash": hash_,
                "height": height,
                "renditions": renditions,
                "width": width,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.image_rendition import ImageRendition
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)
        alt = LocalizedText.from_dict(d.pop("alt"))

        hash_ = d.pop("hash")

        height = d.pop("height")

        renditions = []
        _renditions = d.pop("renditions")
        for renditions_item_data in _renditions:
            renditions_item = ImageRendition.from_dict(renditions_item_data)

            renditions.append(renditions_item)

        width = d.pop("width")

        def _parse_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        image_public = cls(
            alt=alt,
            hash_=hash_,
            height=height,
            renditions=renditions,
            width=width,
            id=id,
        )

        image_public.additional_properties = d
        return image_public

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
