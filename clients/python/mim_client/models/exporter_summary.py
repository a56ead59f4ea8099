from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.size_band import SizeBand
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_public import ImagePublic
    from ..models.localized_text import LocalizedText
    from ..models.region_public import RegionPublic
    from ..models.sector_public import SectorPublic


T = TypeVar("T", bound="ExporterSummary")


@_attrs_define
class ExporterSummary:
    """
    Attributes:
        city (str):
        description (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        export_markets (list[str]):
        ice (str):
        id (int):
        label_status (str): Best label of the exporter: active, suspended, withdrawn, expired or none
        legal_name (str):
        product_count (int):
        region (RegionPublic):
        sectors (list[SectorPublic]):
        size_band (SizeBand):
        slug (str):
        trade_name (str):
        verified (bool):
        logo (ImagePublic | None | Unset):
    """

    city: str
    description: LocalizedText
    export_markets: list[str]
    ice: str
    id: int
    label_status: str
    legal_name: str
    product_count: int
    region: RegionPublic
    sectors: list[SectorPublic]
    size_band: SizeBand
    slug: str
    trade_name: str
    verified: bool
    logo: ImagePublic | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.image_public import ImagePublic

        city = self.city

        description = self.description.to_dict()

        export_markets = self.export_markets

        ice = self.ice

        id = self.id

        label_status = self.label_status

        legal_name = self.legal_name

        product_count = self.product_count

        region = self.region.to_dict()

        sectors = []
        for sectors_item_data in self.sectors:
            sectors_item = sectors_item_data.to_dict()
            sectors.append(sectors_item)

        size_band = self.size_band.value

        slug = self.slug

        trade_name = self.trade_name

        verified = self.verified

        logo: dict[str, Any] | None | Unset
        if isinstance(self.logo, Unset):
            logo = UNSET
        elif isinstance(self.logo, ImagePublic):
            logo = self.logo.to_dict()
        else:
            logo = self.logo

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "city": city,
                "description": description,
                "export_markets": export_markets,
                "ice": ice,
                "id": id,
                "label_status": label_status,
                "legal_name": legal_name,
                "product_count": product_count,
                "region": region,
                "sectors": sectors,
                "size_band": size_band,
                "slug": slug,
                "trade_name": trade_name,
                "verified": verified,
            }
        )
        if logo is not UNSET:
            field_dict["logo"] = logo

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.image_public import ImagePublic
        from ..models.localized_text import LocalizedText
        from ..models.region_public import RegionPublic
        from ..models.sector_public import SectorPublic

        d = dict(src_dict)
        city = d.pop("city")

        description = LocalizedText.from_dict(d.pop("description"))

        export_markets = cast(list[str], d.pop("export_markets"))

        ice = d.pop("ice")

        id = d.pop("id")

        label_status = d.pop("label_status")

        legal_name = d.pop("legal_name")

        product_count = d.pop("product_count")

        region = RegionPublic.from_dict(d.pop("region"))

        sectors = []
        _sectors = d.pop("sectors")
        for sectors_item_data in _sectors:
            sectors_item = SectorPublic.from_dict(sectors_item_data)

            sectors.append(sectors_item)

        size_band = SizeBand(d.pop("size_band"))

        slug = d.pop("slug")

        trade_name = d.pop("trade_name")

        verified = d.pop("verified")

        def _parse_logo(data: object) -> ImagePublic | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                logo_type_0 = ImagePublic.from_dict(data)

                return logo_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImagePublic | None | Unset, data)

        logo = _parse_logo(d.pop("logo", UNSET))

        exporter_summary = cls(
            city=city,
            description=description,
            export_markets=export_markets,
            ice=ice,
            id=id,
            label_status=label_status,
            legal_name=legal_name,
            product_count=product_count,
            region=region,
            sectors=sectors,
            size_band=size_band,
            slug=slug,
            trade_name=trade_name,
            verified=verified,
            logo=logo,
        )

        exporter_summary.additional_properties = d
        return exporter_summary

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
