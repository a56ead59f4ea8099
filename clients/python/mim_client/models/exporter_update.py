from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.employee_band import EmployeeBand
from ..models.exporter_update_region import ExporterUpdateRegion
from ..models.exporter_update_sectors_item import ExporterUpdateSectorsItem
from ..models.size_band import SizeBand
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.certification_in import CertificationIn


T = TypeVar("T", bound="ExporterUpdate")


@_attrs_define
class ExporterUpdate:
    """Partial update: only the fields sent change. Only the optional facts (founding year,
    employee band, website, e-mail, phone) may be sent as null, to clear them.

        Attributes:
            certifications (list[CertificationIn] | Unset):
            city (str | Unset):
            description_ar (str | Unset):
            description_en (str | Unset):
            description_fr (str | Unset):
            email (None | str | Unset):
            employee_band (EmployeeBand | None | Unset):
            export_markets (list[str] | Unset):
            founding_year (int | None | Unset):
            ice (str | Unset): Identifiant Commun de l'Entreprise: 15 digits, the last two ISO 7064 MOD 97-10 check digits;
                a number with a wrong checksum is refused
            legal_name (str | Unset):
            memberships (list[str] | Unset):
            phone (None | str | Unset):
            region (ExporterUpdateRegion | Unset):
            sectors (list[ExporterUpdateSectorsItem] | Unset):
            show_contact (bool | Unset):
            size_band (SizeBand | Unset):
            slug (str | Unset):
            trade_name (str | Unset):
            verified (bool | Unset):
            website (None | str | Unset):
    """

    certifications: list[CertificationIn] | Unset = UNSET
    city: str | Unset = UNSET
    description_ar: str | Unset = UNSET
    description_en: str | Unset = UNSET
    description_fr: str | Unset = UNSET
    email: None | str | Unset = UNSET
    employee_band: EmployeeBand | None | Unset = UNSET
    export_markets: list[str] | Unset = UNSET
    founding_year: int | None | Unset = UNSET
    ice: str | Unset = UNSET
    legal_name: str | Unset = UNSET
    memberships: list[str] | Unset = UNSET
    phone: None | str | Unset = UNSET
    region: ExporterUpdateRegion | Unset = UNSET
    sectors: list[ExporterUpdateSectorsItem] | Unset = UNSET
    show_contact: bool | Unset = UNSET
    size_band: SizeBand | Unset = UNSET
    slug: str | Unset = UNSET
    trade_name: str | Unset = UNSET
    verified: bool | Unset = UNSET
    website: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        certifications: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.certifications, Unset):
            certifications = []
            for certifications_item_data in self.certifications:
                certifications_item = certifications_item_data.to_dict()
                certifications.append(certifications_item)

        city = self.city

        description_ar = self.description_ar

        description_en = self.description_en

        description_fr = self.description_fr

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        employee_band: None | str | Unset
        if isinstance(self.employee_band, Unset):
            employee_band = UNSET
        elif isinstance(self.employee_band, EmployeeBand):
            employee_band = self.employee_band.value
        else:
            employee_band = self.employee_band

        export_markets: list[str] | Unset = UNSET
        if not isinstance(self.export_markets, Unset):
            export_markets = self.export_markets

        founding_year: int | None | Unset
        if isinstance(self.founding_year, Unset):
            founding_year = UNSET
        else:
            founding_year = self.founding_year

        ice = self.ice

        legal_name = self.legal_name

        memberships: list[str] | Unset = UNSET
        if not isinstance(self.memberships, Unset):
            memberships = self.memberships

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        region: str | Unset = UNSET
        if not isinstance(self.region, Unset):
            region = self.region.value

        sectors: list[str] | Unset = UNSET
        if not isinstance(self.sectors, Unset):
            sectors = []
            for sectors_item_data in self.sectors:
                sectors_item = sectors_item_data.value
                sectors.append(sectors_item)

        show_contact = self.show_contact

        size_band: str | Unset = UNSET
        if not isinstance(self.size_band, Unset):
            size_band = self.size_band.value

        slug = self.slug

        trade_name = self.trade_name

        verified = self.verified

        website: None | str | Unset
        if isinstance(self.website, Unset):
            website = UNSET
        else:
            website = self.website

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if certifications is not UNSET:
            field_dict["certifications"] = certifications
        if city is not UNSET:
            field_dict["city"] = city
        if description_ar is not UNSET:
            field_dict["description_ar"] = description_ar
        if description_en is not UNSET:
            field_dict["description_en"] = description_en
        if description_fr is not UNSET:
            field_dict["description_fr"] = description_fr
        if email is not UNSET:
            field_dict["email"] = email
        if employee_band is not UNSET:
            field_dict["employee_band"] = employee_band
        if export_markets is not UNSET:
            field_dict["export_markets"] = export_markets
        if founding_year is not UNSET:
            field_dict["founding_year"] = founding_year
        if ice is not UNSET:
            field_dict["ice"] = ice
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if memberships is not UNSET:
            field_dict["memberships"] = memberships
        if phone is not UNSET:
            field_dict["phone"] = phone
        if region is not UNSET:
            field_dict["region"] = region
        if sectors is not UNSET:
            field_dict["sectors"] = sectors
        if show_contact is not UNSET:
            field_dict["show_contact"] = show_contact
        if size_band is not UNSET:
            field_dict["size_band"] = size_band
        if slug is not UNSET:
            field_dict["slug"] = slug
        if trade_name is not UNSET:
            field_dict["trade_name"] = trade_name
        if verified is not UNSET:
            field_dict["verified"] = verified
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.certification_in import CertificationIn

        d = dict(src_dict)
        _certifications = d.pop("certifications", UNSET)
        certifications: list[CertificationIn] | Unset = UNSET
        if _certifications is not UNSET:
            certifications = []
            for certifications_item_data in _certifications:
                certifications_item = CertificationIn.from_dict(
                    certifications_item_data
                )

                certifications.append(certifications_item)

        city = d.pop("city", UNSET)

        description_ar = d.pop("description_ar", UNSET)

        description_en = d.pop("description_en", UNSET)

        description_fr = d.pop("description_fr", UNSET)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_employee_band(data: object) -> EmployeeBand | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                employee_band_type_0 = EmployeeBand(data)

                return employee_band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmployeeBand | None | Unset, data)

        employee_band = _parse_employee_band(d.pop("employee_band", UNSET))

        export_markets = cast(list[str], d.pop("export_markets", UNSET))

        def _parse_founding_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        founding_year = _parse_founding_year(d.pop("founding_year", UNSET))

        ice = d.pop("ice", UNSET)

        legal_name = d.pop("legal_name", UNSET)

        memberships = cast(list[str], d.pop("memberships", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        _region = d.pop("region", UNSET)
        region: ExporterUpdateRegion | Unset
        if isinstance(_region, Unset):
            region = UNSET
        else:
            region = ExporterUpdateRegion(_region)

        _sectors = d.pop("sectors", UNSET)
        sectors: list[ExporterUpdateSectorsItem] | Unset = UNSET
        if _sectors is not UNSET:
            sectors = []
            for sectors_item_data in _sectors:
                sectors_item = ExporterUpdateSectorsItem(sectors_item_data)

                sectors.append(sectors_item)

        show_contact = d.pop("show_contact", UNSET)

        _size_band = d.pop("size_band", UNSET)
        size_band: SizeBand | Unset
        if isinstance(_size_band, Unset):
            size_band = UNSET
        else:
            size_band = SizeBand(_size_band)

        slug = d.pop("slug", UNSET)

        trade_name = d.pop("trade_name", UNSET)

        verified = d.pop("verified", UNSET)

        def _parse_website(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        website = _parse_website(d.pop("website", UNSET))

        exporter_update = cls(
            certifications=certifications,
            city=city,
            description_ar=description_ar,
            description_en=description_en,
            description_fr=description_fr,
            email=email,
            employee_band=employee_band,
            export_markets=export_markets,
            founding_year=founding_year,
            ice=ice,
            legal_name=legal_name,
            memberships=memberships,
            phone=phone,
            region=region,
            sectors=sectors,
            show_contact=show_contact,
            size_band=size_band,
            slug=slug,
            trade_name=trade_name,
            verified=verified,
            website=website,
        )

        return exporter_update
