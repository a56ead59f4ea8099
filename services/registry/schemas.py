"""Public API shapes of the registry (never a table model straight to a client)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    field_validator,
)
from pydantic_core import PydanticCustomError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ma import ice as ice_number

from services.common.text import MULTI_LINE, SINGLE_LINE
from services.common.vocabulary import LocalizedText
from services.registry.models import ApplicationStatus, LabelStatus

# --------------------------------------------------------------------------- validators

_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}
COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in Locale("en").territories
    if isinstance(code, str)
    and len(code) == 2
    and code.isalpha()
    and code not in _NOT_COUNTRIES
    and not code.startswith("X")
)
COUNTRY_NAMES: dict[str, str] = {c: Locale("en").territories[c] for c in COUNTRY_CODES}


def valid_ice(value: str) -> str:
    try:
        return str(ice_number.validate(value))
    except StdnumError as exc:
        raise PydanticCustomError("invalid-ice", "not a valid ICE: 15 digits with a valid checksum") from exc


def valid_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, in any case and with spaces around; answered upper case."""
    code = value.strip().upper()
    if code not in COUNTRY_CODES:
        raise PydanticCustomError(
            "unknown-country", "'{value}' is not an ISO 3166-1 alpha-2 country code", {"value": value}
        )
    return code


def valid_market(value: str) -> str:
    code = valid_country(value)
    if code == "MA":
        raise PydanticCustomError(
            "market-is-morocco", "an export market is a country other than Morocco (MA)"
        )
    return code


def valid_phone(value: str) -> str:
    import phonenumbers  # here: only writes carry a phone number; reads never load its metadata

    try:
        number = phonenumbers.parse(value, "MA")
    except phonenumbers.NumberParseException as exc:
        raise PydanticCustomError("invalid-phone", "not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("invalid-phone", "not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def valid_hs_code(value: str) -> str:
    code = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(r"\d{6,10}", code):
        raise PydanticCustomError("hs-code-format", "an HS code has 6 to 10 digits")
    return code


def _founding_year(value: int) -> int:
    if not 1800 <= value <= date.today().year:
        raise PydanticCustomError(
            "year-out-of-range", "must be between 1800 and {latest}", {"latest": date.today().year}
        )
    return value


def _not_a_boolean(value: Any) -> Any:
    # JSON true/false is a bool, and a bool is an int to Python: without this, pydantic's lax
    # mode reads {"value_added_pct": true} as 1. (CSV cells, which are strings, still convert.)
    if isinstance(value, bool):
        raise PydanticCustomError("not-a-number", "must be a number, not true or false")
    return value


NotBool = BeforeValidator(_not_a_boolean)


def _region_codes(schema: dict[str, Any]) -> None:
    # The regions and sectors the catalogue knows (services.registry.reference, which imports
    # this module: read when the OpenAPI is built). An unknown one is a 422 naming the field.
    from services.registry.reference import REGIONS

    schema["enum"] = [code for code, *_ in REGIONS]


def _sector_slugs(schema: dict[str, Any]) -> None:
    from services.registry.reference import SECTORS

    schema["enum"] = [slug for slug, *_ in SECTORS]


RegionCode = Annotated[str, Field(pattern=r"^MA-\d{2}$", examples=["MA-06"], json_schema_extra=_region_codes)]
SectorSlug = Annotated[str, Field(json_schema_extra=_sector_slugs)]

# Dates the registry stores (label validity, certificates): the same range as event dates.
# Far outside it, date arithmetic overflows (9999-01-01 plus three years of validity is not a
# date): a clear 422 date_out_of_range, never a 500. The pattern says it to generated clients.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
DATE_PATTERN = r"^(20[0-9]{2}|2100)-"


def _in_range(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise PydanticCustomError(
            "date_out_of_range",
            "must be between {earliest}-01-01 and {latest}-12-31",
            {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
    return value


BoundedDate = Annotated[
    date,
    AfterValidator(_in_range),
    Field(
        json_schema_extra={"pattern": DATE_PATTERN},
        description=f"A date between {EARLIEST_YEAR}-01-01 and {LATEST_YEAR}-12-31",
    ),
]

ICE = Annotated[
    str,
    Field(
        pattern=r"^\d{15}$",
        examples=["001525478000040"],
        description="Identifiant Commun de l'Entreprise: 15 digits, the last two ISO 7064 "
        "MOD 97-10 check digits; a number with a wrong checksum is refused",
    ),
    AfterValidator(valid_ice),
]
CountryCode = Annotated[str, AfterValidator(valid_market), Field(examples=["FR"])]
Phone = Annotated[str, AfterValidator(valid_phone), Field(examples=["+212522123456"])]
HsCode = Annotated[
    str,
    Field(
        pattern=r"^\d{6,10}$",
        examples=["151090"],
        description="Harmonized System code: 6 to 10 digits",
    ),
    AfterValidator(valid_hs_code),
]
# Constraints (Field) before the BeforeValidator: after it, pydantic cannot state them in the
# JSON Schema and leaks "ge"/"le" keys that no client reads (a generated client then sends 250).
FoundingYear = Annotated[
    int,
    Field(ge=1800, le=date.today().year, description="Between 1800 and the current year"),
    NotBool,
    AfterValidator(_founding_year),
]
Slug = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Name = Annotated[str, Field(min_length=1, max_length=200), SINGLE_LINE]
Text = Annotated[str, Field(max_length=5000), MULTI_LINE]


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def unchanged(*also: Callable[[dict[str, Any]], None]) -> Any:
    """Default of a PATCH field that may be left out but never set to null (its column is NOT NULL).

    The field's type has no ``null``, so ``{"description_fr": null}`` is a 422 for that field,
    and the OpenAPI schema (which shows no ``default: null``) says so to generated clients.
    ``also``: the type's own schema additions, which this Field's would otherwise replace.
    """

    def extra(schema: dict[str, Any]) -> None:
        _no_default(schema)
        for add in also:
            add(schema)

    return Field(default=None, json_schema_extra=extra)


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


# --------------------------------------------------------------------------- reference


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
    name: Annotated[str, Field(min_length=1, max_length=120, examples=["ISO 9001"]), SINGLE_LINE]
    issuer: Annotated[str, Field(max_length=120), SINGLE_LINE] | None = None
    valid_until: BoundedDate | None = None


class CertificationPublic(CertificationIn):
    valid_until: date | None = None  # as stored: the range is a rule for input
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
    sectors: Annotated[list[SectorSlug], Field(max_length=10, description="Sector slugs")] = []
    region: RegionCode
    city: Annotated[str, Field(min_length=1, max_length=100), SINGLE_LINE]
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
    """Partial update: only the fields sent change. Only the optional facts (founding year,
    employee band, website, e-mail, phone) may be sent as null, to clear them."""

    model_config = ConfigDict(extra="forbid")

    ice: ICE = unchanged()
    legal_name: Name = unchanged()
    trade_name: Name = unchanged()
    slug: Slug = unchanged()
    description_fr: Text = unchanged()
    description_en: Text = unchanged()
    description_ar: Text = unchanged()
    sectors: Annotated[list[SectorSlug], Field(max_length=10)] = unchanged()
    region: RegionCode = unchanged(_region_codes)
    city: Annotated[str, Field(min_length=1, max_length=100)] = unchanged()
    size_band: SizeBand = unchanged()
    founding_year: FoundingYear | None = None
    employee_band: EmployeeBand | None = None
    export_markets: Annotated[list[CountryCode], Field(max_length=250)] = unchanged()
    certifications: Annotated[list[CertificationIn], Field(max_length=50)] = unchanged()
    website: HttpUrl | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    memberships: Annotated[list[Annotated[str, Field(min_length=1, max_length=80)]], Field(max_length=20)] = (
        unchanged()
    )
    verified: bool = unchanged()
    # Publish the e-mail and phone on the public profile (else they stay private).
    show_contact: bool = unchanged()

    @field_validator("export_markets", "memberships", "sectors")
    @classmethod
    def _unique(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else list(dict.fromkeys(value))


class LabelBrief(BaseModel):
    certificate_number: str
    status: LabelStatus
    valid_until: date
    product_id: int


class ImageRendition(BaseModel):
    url: str = Field(description="Path on the API's origin; the bytes never change (cached for a year)")
    width: int
    height: int
    media_type: str = Field(examples=["image/webp"])


class ImagePublic(BaseModel):
    """A logo or photo: its renditions (each width in AVIF, WebP and a JPEG/PNG fallback) for
    `srcset`, and its alternative text per language."""

    id: int | None = Field(None, description="The photo's id (to delete it); null for a logo")
    hash: str = Field(description="Content hash: the same upload always gives the same hash and URLs")
    width: int = Field(description="Width of the largest rendition, px")
    height: int = Field(description="Height of the largest rendition, px")
    alt: LocalizedText
    renditions: list[ImageRendition]


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
    logo: ImagePublic | None = None


class ExporterPublic(ExporterSummary):
    founding_year: int | None
    employee_band: str | None
    website: str | None
    email: str | None = Field(
        description="Shown only when the exporter publishes it (`show_contact`), or to the exporter "
        "itself and organisers; buyers write through `POST /exporters/{slug}/contact`"
    )
    phone: str | None = Field(description="Like `email`: public only with `show_contact`")
    show_contact: bool = Field(description="The exporter publishes its e-mail and phone")
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
        description="Counts per region (code), sector (slug), market (country), label_status, "
        'and for exporters size (band) and certified ("true": holding a certification today), '
        "for products hs_chapter, over every result of the query, not only this page. "
        "Facets are disjunctive: the values of one group are alternatives (OR), and a group's "
        "counts are computed with every other filter but not its own, so each count is the "
        "total that adding that value to the group's filter would give (for an unfiltered "
        "group, the total that filtering on it would give)."
    )
    typo_corrected: bool = Field(False, description="True when results come from the one-typo fallback")
    query: str | None = Field(None, description="The query text as received (q)")
    corrected_query: str | None = Field(
        None,
        description="With typo_corrected: the words searched, each corrected word replaced by the "
        "indexed word it was taken for (normalised: no case, no accents). Search again with "
        "exact=true to search for the original words only.",
    )


class ExporterPage(SearchPage):
    items: list[ExporterSummary]


# --------------------------------------------------------------------------- products


class ProductWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name_fr: Name
    name_en: Annotated[str, Field(max_length=200), SINGLE_LINE] = ""
    name_ar: Annotated[str, Field(max_length=200), SINGLE_LINE] = ""
    description_fr: Text = ""
    description_en: Text = ""
    description_ar: Text = ""
    hs_code: HsCode
    value_added_pct: Annotated[
        float, Field(ge=0, le=100, description="Share of value added in Morocco, %"), NotBool
    ]
    capacity: Annotated[str | None, Field(max_length=120, examples=["40 t / month"])] = None
    image_url: HttpUrl | None = None


class ProductUpdate(BaseModel):
    """Partial update: only the fields sent change; only capacity and image_url may be null."""

    model_config = ConfigDict(extra="forbid")

    name_fr: Name = unchanged()
    name_en: Annotated[str, Field(max_length=200)] = unchanged()
    name_ar: Annotated[str, Field(max_length=200)] = unchanged()
    description_fr: Text = unchanged()
    description_en: Text = unchanged()
    description_ar: Text = unchanged()
    hs_code: HsCode = unchanged()
    value_added_pct: Annotated[float, Field(ge=0, le=100), NotBool] = unchanged()
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
    photos: list[ImagePublic] = Field(default_factory=list, description="In display order")
    label_status: str
    created_at: datetime
    updated_at: datetime


class ProductPage(SearchPage):
    items: list[ProductPublic]


# --------------------------------------------------------------------------- label


class LabelApplicationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_id: Annotated[int, Field(ge=1, le=2**31 - 1), NotBool]
    note: Annotated[str, Field(max_length=2000), MULTI_LINE] = ""


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, Field(max_length=2000), MULTI_LINE] = ""


class GrantIn(TransitionIn):
    valid_from: BoundedDate | None = Field(None, description="Defaults to today; 2000..2100")
    valid_until: BoundedDate | None = Field(
        None, description="Defaults to three years after valid_from; 2000..2100"
    )


class RequiredReason(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, Field(min_length=3, max_length=2000), MULTI_LINE]


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


class GrantedFacts(BaseModel):
    """The facts the label was granted on, as audited (not today's catalogue data)."""

    product_name: LocalizedText
    hs_code: str
    value_added_pct: float
    exporter_ice: str
    exporter_legal_name: str
    exporter_trade_name: str
    exporter_region: str


class LabelVerification(BaseModel):
    """What the public verification page shows for a certificate number.

    ``exporter`` and ``product`` show what was granted (the snapshot taken at the grant, or at
    the last review), never later edits; a change to one of those facts puts the label
    ``in_review``, and it is not valid until an organiser has reviewed it again.
    """

    genuine: bool = Field(True, description="The certificate number exists (it is not a counterfeit)")
    certificate_number: str
    status: LabelStatus
    valid: bool = Field(description="True only while the label is active and within its dates")
    under_review: bool = Field(
        False, description="A fact the grant rested on has changed since; an organiser reviews it"
    )
    valid_from: date
    valid_until: date
    exporter: ExporterRef
    product: ExporterProductRef
    granted: GrantedFacts
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


class ImportProgress(BaseModel):
    rows_done: int = Field(description="Rows written so far")
    rows_total: int = Field(description="Data rows in the file")


class ImportJobPublic(BaseModel):
    """A CSV import running in the background: poll it until it is succeeded or failed."""

    id: str
    kind: str = Field(description="What is imported: exporters")
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: ImportProgress
    result: ImportReport | None = Field(None, description="Rows written and rejected, once the job has ended")
    errors: list[ImportRowError] = Field(
        description="Why the job failed, by line and column (nothing was written)"
    )
    detail: str | None = Field(None, description="Why the job failed, in a sentence")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


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
