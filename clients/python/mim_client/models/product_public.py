from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exporter_ref import ExporterRef
    from ..models.image_public import ImagePublic
    from ..models.localized_text import LocalizedText


T = TypeVar("T", bound="ProductPublic")


@_attrs_define
class ProductPublic:
    """
    Attributes:
        capacity (None | str):
        created_at (datetime.datetime):
        description (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        exporter (ExporterRef):
        hs_chapter (str):
        hs_code (str):
        id (int):
        image_url (None | str):
        label_status (str):
        name (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        updated_at (datetime.datetime):
        value_added_pct (float):
        photos (list[ImagePublic] | Unset): In display order
    """

    capacity: None | str
    created_at: datetime.datetime
    description: LocalizedText
    exporter: ExporterRef
    hs_chapter: str
    hs_code: str
    id: int
    image_url: None | str
    label_status: str
    name: LocalizedText
    updated_at: datetime.datetime
    value_added_pct: float
    photos: list[ImagePublic] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        capacity: None | str
        capacity = self.capacity

        created_at = self.created_at.isoformat()

        description = self.description.to_dict()

        exporter = self.exporter.to_dict()

        hs_chapter = self.hs_chapter

        hs_code = self.hs_code

        id = self.id

        image_url: None | str
        image_url = self.image_url

        label_status = self.label_status

        name = self.name.to_dict()

        updated_at = self.updated_at.isoformat()

        value_added_pct = self.value_added_pct

        photos: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.photos, Unset):
            photos = []
            for photos_item_data in self.photos:
                photos_item = photos_item_data.to_dict()
                photos.append(photos_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "capacity": capacity,
                "created_at": created_at,
                "description": description,
                "exporter": exporter,
                "hs_chapter": hs_chapter,
                "hs_code": hs_code,
                "id": id,
                "image_url": image_url,
                "label_status": label_status,
                "name": name,
                "updated_at": updated_at,
                "value_added_pct": value_added_pct,
            }
        )
        if photos is not UNSET:
            field_dict["photos"] = photos

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exporter_ref import ExporterRef
        from ..models.image_public import ImagePublic
        from ..models.localized_text import LocalizedText

        d = dict(src_dict)

        def _parse_capacity(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        capacity = _parse_capacity(d.pop("capacity"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = LocalizedText.from_dict(d.pop("description"))

        exporter = ExporterRef.from_dict(d.pop("exporter"))

        hs_chapter = d.pop("hs_chapter")

        hs_code = d.pop("hs_code")

        id = d.pop("id")

        def _parse_image_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        image_url = _parse_image_url(d.pop("image_url"))

        label_status = d.pop("label_status")

        name = LocalizedText.from_dict(d.pop("name"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        value_added_pct = d.pop("value_added_pct")

        _photos = d.pop("photos", UNSET)
        photos: list[ImagePublic] | Unset = UNSET
        if _photos is not UNSET:
            photos = []
            for photos_item_data in _photos:
                photos_item = ImagePublic.from_dict(photos_item_data)

                photos.append(photos_item)

        product_public = cls(
            capacity=capacity,
            created_at=created_at,
            description=description,
            exporter=exporter,
            hs_chapter=hs_chapter,
            hs_code=hs_code,
            id=id,
            image_url=image_url,
            label_status=label_status,
            name=name,
            updated_at=updated_at,
            value_added_pct=value_added_pct,
            photos=photos,
        )

        product_public.additional_properties = d
        return product_public

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
