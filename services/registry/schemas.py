"""Public API shapes of the registry (never a table model straight to a client)."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

import phonenumbers
from babel import Locale
from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, HttpUrl, field_validator
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ma import ice as ice_number

# --------------------------------------------------------------------------- validators

_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}
COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in Locale("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES and not code.startswith("X")
)
COUNTRY_NAMES: dict[str, str] = {c: Locale("en").territories[c] for c in COUNTRY_CODES}


def valid_ice(value: str) -> str:
    try:
        return str(ice_number.validate(value))
    except StdnumError as exc:
        raise ValueError("not a valid ICE: 15 digits with a valid checksum") from exc


def valid_market(value: str) -> str:
    code = value.strip().upper()
    if code not in COUNTRY_CODES:
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code")
    if code == "MA":
        raise ValueError("an export market is a country other than Morocco (MA)")
    return code


def valid_phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "MA")
    except phonenumbers.NumberParseException as exc:
        raise ValueError("not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def valid_hs_code(value: str) -> str:
    code = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(r"\d{6,10}", code):
        raise ValueError("an HS code has 6 to 10 digits")
    return code


def _founding_year(value: int) -> int:
    if not 1800 <= value <= date.today().year:
        raise ValueError(f"must be between 1800 and {date.today().year}")
    return value


ICE = Annotated[str, AfterValidator(valid_ice), Field(examples=["001525478000088"])]
CountryCode = Annotated[str, AfterValidator(valid_market), Field(examples=["FR"])]
Phone = Annotated[str, AfterValidator(valid_phone), Field(examples=["+212522123456"])]
HsCode = Annotated[str, AfterValidator(valid_hs_code), Field(examples=["151090"])]
FoundingYear = Annotated[int, AfterValidator(_founding_year)]
Slug = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=5000)]


class SizeBand(StrEnum):
    micro = "micro"
    small = "small"
    medium = "medium"
    large = "large"


class EmployeeBand(StrEnum):
    b1_9 = "1-9"
    b10_49 = "10-49"
    b50_249 = "50-249"
    b250_999 = "250-999"
    b1000 = "1000+"


class LabelStatus(StrEnum):
    active = "active"
    suspended = "suspended"
    withdrawn = "withdrawn"
    expired = "expired"


class ApplicationStatus(StrEnum):
    submitted = "submitted"
    under_review = "under_review"
    granted = "granted"
    rejected = "rejected"


# --------------------------------------------------------------------------- reference


class LocalizedText(BaseModel):
    fr: str
    en: str
    ar: str


class RegionPublic(BaseModel):
    code: str
    name: LocalizedText
    capital: str


class SectorPublic(BaseModel):
    slug: str
    isic_section: str
    name: LocalizedText


class CountryPublic(BaseModel):
    code: str
    name: str


# --------------------------------------------------------------------------- exporters


class CertificationIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=120, examples=["ISO 9001"])]
    issuer: Annotated[str | None, Field(max_length=120)] = None
    valid_until: date | None = None


class CertificationPublic(CertificationIn):
    valid: bool = Field(description="False once valid_until has passed")


class ExporterWrite(BaseModel):
    """Fields an exporter record accepts (create: required ones; update: any subset)."""

    model_config = ConfigDict(extra="forbid")

    ice: ICE
    legal_name: Name
    trade_name: Name
    slug: Slug | None = Field(None, description="Derived from the trade name when omitted")
    description_fr: Text = ""
    description_en: Text = ""
    description_ar: Text = ""
    sectors: Annotated[list[str], Field(max_length=10, description="Sector slugs")] = []
    region: Annotated[str, Field(pattern=r"^MA-\d{2}$", examples=["MA-06"])]
    city: Annotated[str, Field(min_length=1, max_length=100)]
    size_band: SizeBand = SizeBand.small
    founding_year: FoundingYear | None = None
    employee_band: EmployeeBand | None = None
    export_markets: Annotated[list[CountryCode], Field(max_length=250)] = []
    certifications: Annotated[list[CertificationIn], Field(max_length=50)] = []
    website: HttpUrl | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    memberships: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=80)]],
        Field(max_length=20, examples=[["Les Impériales", "ASMEX"]]),
    ] = []
    verified: bool = Field(False, description="Set by organisers only")

    @field_validator("export_markets", "memberships", "sectors")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class ExporterCreate(ExporterWrite):
    pass


class ExporterUpdate(BaseModel):
    """Partial update: only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    ice: ICE | None = None
    legal_name: Name | None = None
    trade_name: Name | None = None
    slug: Slug | None = None
    description_fr: Text | None = None
    description_en: Text | None = None
    description_ar: Text | None = None
    sectors: Annotated[list[str] | None, Field(max_length=10)] = None
    region: Annotated[str | None, Field(pattern=r"^MA-\d{2}$")] = None
    city: Annotated[str | None, Field(min_length=1, max_length=100)] = None
    size_band: SizeBand | None = None
    founding_year: FoundingYear | None = None
    employee_band: EmployeeBand | None = None
    export_markets: Annotated[list[CountryCode] | None, Field(max_length=250)] = None
    certifications: Annotated[list[CertificationIn] | None, Field(max_length=50)] = None
    website: HttpUrl | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    memberships: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=80)]] | None, Field(max_length=20)
    ] = None
    verified: bool | None = None

    @field_validator("export_markets", "memberships", "sectors")
    @classmethod
    def _unique(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else list(dict.fromkeys(value))


class LabelBrief(BaseModel):
    certificate_number: str
    status: LabelStatus
    valid_until: date
    product_id: int


class ExporterSummary(BaseModel):
    id: int
    slug: str
    ice: str
    trade_name: str
    legal_name: str
    region: RegionPublic
    city: str
    sectors: list[SectorPublic]
    size_band: SizeBand
    export_markets: list[str]
    verified: bool
    label_status: str = Field(
        description="Best label of the exporter: active, suspended, withdrawn, expired or none"
    )
    product_count: int
    description: LocalizedText


class ExporterPublic(ExporterSummary):
    founding_year: int | None
    employee_band: str | None
    website: str | None
    email: str | None
    phone: str | None
    memberships: list[str]
    certifications: list[CertificationPublic]
    labels: list[LabelBrief]
    created_at: datetime
    updated_at: datetime


class SearchPage(BaseModel):
    """A page of search results with the facet counts of the whole result set."""

    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]] = Field(
        description="Counts per region (code), sector (slug), market (country), label_status "
        "(and hs_chapter for products) over every result of the query, not only this page"
    )
    typo_corrected: bool = Field(False, description="True when results come from the one-typo fallback")


class ExporterPage(SearchPage):
    items: list[ExporterSummary]


# --------------------------------------------------------------------------- products


class ProductWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_fr: Name
    name_en: Annotated[str, Field(max_length=200)] = ""
    name_ar: Annotated[str, Field(max_length=200)] = ""
    description_fr: Text = ""
    description_en: Text = ""
    description_ar: Text = ""
    hs_code: HsCode
    value_added_pct: Annotated[float, Field(ge=0, le=100, description="Share of value added in Morocco, %")]
    capacity: Annotated[str | None, Field(max_length=120, examples=["40 t / month"])] = None
    image_url: HttpUrl | None = None


class ProductUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_fr: Name | None = None
    name_en: Annotated[str | None, Field(max_length=200)] = None
    name_ar: Annotated[str | None, Field(max_length=200)] = None
    description_fr: Text | None = None
    description_en: Text | None = None
    description_ar: Text | None = None
    hs_code: HsCode | None = None
    value_added_pct: Annotated[float | None, Field(ge=0, le=100)] = None
    capacity: Annotated[str | None, Field(max_length=120)] = None
    image_url: HttpUrl | None = None


class ExporterRef(BaseModel):
    id: int
    slug: str
    trade_name: str
    region: str
    city: str


class ProductPublic(BaseModel):
    id: int
    exporter: ExporterRef
    name: LocalizedText
    description: LocalizedText
    hs_code: str
    hs_chapter: str
    value_added_pct: float
    capacity: str | None
    image_url: str | None
    label_status: str
    created_at: datetime
    updated_at: datetime


class ProductPage(SearchPage):
    items: list[ProductPublic]


# --------------------------------------------------------------------------- label


class LabelApplicationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    note: Annotated[str, Field(max_length=2000)] = ""


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, Field(max_length=2000)] = ""


class GrantIn(TransitionIn):
    valid_from: date | None = Field(None, description="Defaults to today")
    valid_until: date | None = Field(None, description="Defaults to three years after valid_from")


class RequiredReason(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, Field(min_length=3, max_length=2000)]


class StatusChange(BaseModel):
    subject: str = Field(description="application or label")
    from_status: str | None
    to_status: str
    reason: str
    at: datetime


class HistoryEntry(StatusChange):
    """A transition with who made it (for organisers and the exporter)."""

    actor: str
    actor_role: str


class LabelPublic(BaseModel):
    certificate_number: str
    status: LabelStatus
    valid_from: date
    valid_until: date
    verification_url: str


class LabelApplicationPublic(BaseModel):
    id: int
    exporter: ExporterRef
    product_id: int
    product_name: str
    value_added_pct: float
    status: ApplicationStatus
    note: str
    label: LabelPublic | None
    history: list[HistoryEntry]
    created_at: datetime
    updated_at: datetime


class LabelApplicationPage(BaseModel):
    items: list[LabelApplicationPublic]
    total: int
    page: int
    per_page: int


class LabelVerification(BaseModel):
    """What the public verification page shows for a certificate number."""

    genuine: bool = True
    certificate_number: str
    status: LabelStatus
    valid: bool = Field(description="True only while the label is active and within its dates")
    valid_from: date
    valid_until: date
    exporter: ExporterRef
    product: ExporterProductRef
    verification_url: str
    history: list[StatusChange] = Field(description="Status changes of the label, oldest first")


class ExporterProductRef(BaseModel):
    id: int
    name: LocalizedText
    hs_code: str
    value_added_pct: float


LabelVerification.model_rebuild()


# --------------------------------------------------------------------------- bulk, stats


class ImportRowError(BaseModel):
    line: int = Field(description="Line in the file (the header is line 1)")
    column: str
    message: str


class ImportReport(BaseModel):
    written: int
    rejected_rows: int
    errors: list[ImportRowError]


class Stats(BaseModel):
    exporters: int
    products: int
    labelled_exporters: int
    active_labels: int
    by_region: dict[str, int]
    by_sector: dict[str, int]
    target_exporters: int = 12_000
    target_year: int = 2035
    progress_pct: float


def model_fields_of(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


__all__: list[Any] = []
