from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.size_band import SizeBand
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.certification_public import CertificationPublic
    from ..models.image_public import ImagePublic
    from ..models.label_brief import LabelBrief
    from ..models.localized_text import LocalizedText
    from ..models.region_public import RegionPublic
    from ..models.sector_public import SectorPublic


T = TypeVar("T", bound="ExporterPublic")


@_attrs_define
class ExporterPublic:
    """
    Attributes:
        certifications (list[CertificationPublic]):
        city (str):
        created_at (datetime.datetime):
        description (LocalizedText): Text that people read, once per language of the platform (French is the reference).
        email (None | str): Shown only when the exporter publishes it (`show_contact`), or to the exporter itself and
            organisers; buyers write through `POST /exporters/{slug}/contact`
        employee_band (None | str):
        export_markets (list[str]):
        founding_year (int | None):
        ice (str):
        id (int):
        label_status (str): Best label of the exporter: active, suspended, withdrawn, expired or none
        labels (list[LabelBrief]):
        legal_name (str):
        memberships (list[str]):
        phone (None | str): Like `email`: public only with `show_contact`
        product_count (int):
        region (RegionPublic):
        sectors (list[SectorPublic]):
        show_contact (bool): The exporter publishes its e-mail and phone
        size_band (SizeBand):
        slug (str):
        trade_name (str):
        updated_at (datetime.datetime):
        verified (bool):
        website (None | str):
        logo (ImagePublic | None | Unset):
    """

    certifications: list[CertificationPublic]
    city: str
    created_at: datetime.datetime
    description: LocalizedText
    email: None | str
    employee_band: None | str
    export_markets: list[str]
    founding_year: int | None
    ice: str
    id: int
    label_status: str
    labels: list[LabelBrief]
    legal_name: str
    memberships: list[str]
    phone: None | str
    product_count: int
    region: RegionPublic
    sectors: list[SectorPublic]
    show_contact: bool
    size_band: SizeBand
    slug: str
    trade_name: str
    updated_at: datetime.datetime
    verified: bool
    website: None | str
    logo: ImagePublic | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.image_public import ImagePublic

        certifications = []
        for certifications_item_data in self.certifications:
            certifications_item = certifications_item_data.to_dict()
            certifications.append(certifications_item)

        city = self.city

        created_at = self.created_at.isoformat()

        description = self.description.to_dict()

        email: None | str
        email = self.email

        employee_band: None | str
        employee_band = self.employee_band

        export_markets = self.export_markets

        founding_year: int | None
        founding_year = self.founding_year

        ice = self.ice

        id = self.id

        label_status = self.label_status

        labels = []
        for labels_item_data in self.labels:
            labels_item = labels_item_data.to_dict()
            labels.append(labels_item)

        legal_name = self.legal_name

        memberships = self.memberships

        phone: None | str
        phone = self.phone

        product_count = self.product_count

        region = self.region.to_dict()

        sectors = []
        for sectors_item_data in self.sectors:
            sectors_item = sectors_item_data.to_dict()
            sectors.append(sectors_item)

        show_contact = self.show_contact

        size_band = self.size_band.value

        slug = self.slug

        trade_name = self.trade_name

        updated_at = self.updated_at.isoformat()

        verified = self.verified

        website: None | str
        website = self.website

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
                "certifications": certifications,
                "city": city,
                "created_at": created_at,
                "description": description,
                "email": email,
                "employee_band": employee_band,
                "export_markets": export_markets,
                "founding_year": founding_year,
                "ice": ice,
                "id": id,
                "label_status": label_status,
                "labels": labels,
                "legal_name": legal_name,
                "memberships": memberships,
                "phone": phone,
                "product_count": product_count,
                "region": region,
                "sectors": sectors,
                "show_contact": show_contact,
                "size_band": size_band,
                "slug": slug,
                "trade_name": trade_name,
                "updated_at": updated_at,
                "verified": verified,
                "website": website,
            }
        )
        if logo is not UNSET:
            field_dict["logo"] = logo

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.certification_public import CertificationPublic
        from ..models.image_public import ImagePublic
        from ..models.label_brief import LabelBrief
        from ..models.localized_text import LocalizedText
        from ..models.region_public import RegionPublic
        from ..models.sector_public import SectorPublic

        d = dict(src_dict)
        certifications = []
        _certifications = d.pop("certifications")
        for certifications_item_data in _certifications:
            certifications_item = CertificationPublic.from_dict(
                certifications_item_data
            )

            certifications.append(certifications_item)

        city = d.pop("city")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = LocalizedText.from_dict(d.pop("description"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_employee_band(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        employee_band = _parse_employee_band(d.pop("employee_band"))

        export_markets = cast(list[str], d.pop("export_markets"))

        def _parse_founding_year(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        founding_year = _parse_founding_year(d.pop("founding_year"))

        ice = d.pop("ice")

        id = d.pop("id")

        label_status = d.pop("label_status")

        labels = []
        _labels = d.pop("labels")
        for labels_item_data in _labels:
            labels_item = LabelBrief.from_dict(labels_item_data)

            labels.append(labels_item)

        legal_name = d.pop("legal_name")

        memberships = cast(list[str], d.pop("memberships"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        product_count = d.pop("product_count")

        region = RegionPublic.from_dict(d.pop("region"))

        sectors = []
        _sectors = d.pop("sectors")
        for sectors_item_data in _sectors:
            sectors_item = SectorPublic.from_dict(sectors_item_data)

            sectors.append(sectors_item)

        show_contact = d.pop("show_contact")

        size_band = SizeBand(d.pop("size_band"))

        slug = d.pop("slug")

        trade_name = d.pop("trade_name")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        verified = d.pop("verified")

        def _parse_website(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        website = _parse_website(d.pop("website"))

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

        exporter_public = cls(
            certifications=certifications,
            city=city,
            created_at=created_at,
            description=description,
            email=email,
            employee_band=employee_band,
            export_markets=export_markets,
            founding_year=founding_year,
            ice=ice,
            id=id,
            label_status=label_status,
            labels=labels,
            legal_name=legal_name,
            memberships=memberships,
            phone=phone,
            product_count=product_count,
            region=region,
            sectors=sectors,
            show_contact=show_contact,
            size_band=size_band,
            slug=slug,
            trade_name=trade_name,
            updated_at=updated_at,
            verified=verified,
            website=website,
            logo=logo,
        )

        exporter_public.additional_properties = d
        return exporter_public

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
