from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VenueMap")


@_attrs_define
class VenueMap:
    """Where the venue is (WGS 84), with links to show it on a map.

    Attributes:
        geo_uri (str): RFC 5870 `geo:` URI (opens the phone's map app)
        latitude (float):
        longitude (float):
        openstreetmap_url (str):
    """

    geo_uri: str
    latitude: float
    longitude: float
    openstreetmap_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        geo_uri = self.geo_uri

        latitude = self.latitude

        longitude = self.longitude

        openstreetmap_url = self.openstreetmap_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "geo_uri": geo_uri,
                "latitude": latitude,
                "longitude": longitude,
                "openstreetmap_url": openstreetmap_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        geo_uri = d.pop("geo_uri")

        latitude = d.pop("latitude")

        longitude = d.pop("longitude")

        openstreetmap_url = d.pop("openstreetmap_url")

        venue_map = cls(
            geo_uri=geo_uri,
            latitude=latitude,
            longitude=longitude,
            openstreetmap_url=openstreetmap_url,
        )

        venue_map.additional_properties = d
        return venue_map

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
