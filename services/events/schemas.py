"""Public API shapes of the events service (never a table model straight to a client)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from services.common.text import MULTI_LINE, SINGLE_LINE
from services.common.vocabulary import LocalizedText
from services.events import clock as _clock
from services.events.models import EventFormat, EventStatus

TIMEZONE = "Africa/Casablanca"


class SeriesPublic(BaseModel):
    id: int
    slug: str
    name: LocalizedText
    description: LocalizedText
    organiser: str
    cadence: str = Field(description="monthly | annual | one-off")


class SeriesRef(BaseModel):
    id: int
    slug: str
    name: LocalizedText


class LocalTimes(BaseModel):
    """Start and end as wall-clock times in Africa/Casablanca (ISO 8601 with the offset of that day)."""

    timezone: str = TIMEZONE
    starts_at: str
    ends_at: str


class Seats(BaseModel):
    capacity: int
    confirmed: int
    waitlisted: int
    available: int


class RsvpWindow(BaseModel):
    opens_at: datetime | None
    closes_at: datetime | None
    is_open: bool = Field(description="True when a guest can RSVP right now")
    closed_reason: str | None = Field(None, description="Why RSVPs are not open, when they are not")
    closed_code: str | None = Field(
        None,
        description="Machine code of why RSVPs are not open (show your own words for it): "
        "`rsvp-not-open` (they open at `opens_at`), `rsvp-closed`, `event-past`, `event-cancelled`, "
        "`event-not-published`",
    )


class EventSummary(BaseModel):
    id: int
    slug: str
    series: SeriesRef | None
    title: LocalizedText
    theme: LocalizedText
    starts_at: datetime = Field(description="UTC")
    ends_at: datetime = Field(description="UTC")
    local: LocalTimes
    venue: str
    city: str
    region_code: str | None
    format: EventFormat
    status: EventStatus
    is_past: bool
    seats: Seats
    rsvp: RsvpWindow


class SpeakerPublic(BaseModel):
    id: int
    name: str
    role: str = Field(description="In French; `role_localized` has every language")
    role_localized: LocalizedText
    organisation: str
    exporter_id: int | None
    panel_id: int | None
    photo_url: str | None = Field(description="An https address of the speaker's photo")


class PanelPublic(BaseModel):
    id: int
    position: int
    title: LocalizedText
    starts_at: datetime | None
    ends_at: datetime | None
    speakers: list[SpeakerPublic]


class PartnerPublic(BaseModel):
    id: int
    name: str
    kind: str
    url: str | None


class VenueMap(BaseModel):
    """Where the venue is (WGS 84), with links to show it on a map."""

    latitude: float
    longitude: float
    openstreetmap_url: str
    geo_uri: str = Field(description="RFC 5870 `geo:` URI (opens the phone's map app)")


class EventPublic(EventSummary):
    description: LocalizedText
    online_url: str | None
    map: VenueMap | None = Field(description="None when the organiser gave no coordinates")
    cancellation_reason: str | None
    panels: list[PanelPublic]
    speakers: list[SpeakerPublic] = Field(description="Keynote speakers, not on a panel")
    partners: list[PartnerPublic]
    created_at: datetime
    updated_at: datetime


# ---- Organiser input -------------------------------------------------------------------------


# Dates an event can have. Far outside it, converting to UTC overflows (9999-12-31T23:59:59-12:00
# is in year 10000) and nothing real is planned there: a clear 422, never an OverflowError.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
YEAR_PATTERN = r"^(20[0-9]{2}|2100)-"  # [0-9]: Python's \d (schemathesis) is any digit


def _as_utc(value: datetime | None) -> datetime | None:
    """Naive times are Casablanca wall-clock times (what an organiser types); aware ones are kept."""
    if value is None:
        return None
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise PydanticCustomError(
            "date_out_of_range",
            "must be between {earliest}-01-01 and {latest}-12-31",
            {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
    if value.tzinfo is None:
        value = value.replace(tzinfo=_clock.CASABLANCA)
    return value.astimezone(_clock.UTC)


EventTime = Annotated[
    datetime,
    AfterValidator(_as_utc),
    Field(
        description=f"Between {EARLIEST_YEAR}-01-01 and {LATEST_YEAR}-12-31; no offset: Casablanca time",
        # JSON Schema has no bounds for a date-time: the year's pattern says it to generated clients.
        json_schema_extra={"pattern": YEAR_PATTERN},
    ),
]


def _whole_number(value: object) -> object:
    """JSON true is not 1, "1" is not 1 (lax mode takes both); 7.0 is 7 (JSON Schema agrees)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# A JSON integer, strictly: no booleans, no strings.
# A JSON integer, strictly: no booleans, no strings. The bounds (Field) come before the
# BeforeValidator: after it, pydantic cannot state them in the JSON Schema (it leaks "ge"/"le"
# keys that no client reads, and a generated client sends a capacity of 25 975 157).
_WHOLE = BeforeValidator(_whole_number)
Count = Annotated[int, Field(ge=0, le=100_000), _WHOLE, Strict()]
RowId = Annotated[int, Field(ge=1, le=2**31 - 1), _WHOLE, Strict()]
Days = Annotated[int, Field(ge=0, le=36_500), _WHOLE, Strict()]
# Text people read: one line (names, titles) or several (descriptions); see services.common.text.
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), SINGLE_LINE]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), SINGLE_LINE]
Line300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), SINGLE_LINE]
Line100 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100), SINGLE_LINE]
Paragraphs1000 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000), MULTI_LINE]
RegionCode = Annotated[str, StringConstraints(pattern=r"^MA-(0[1-9]|1[0-2])$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ().-]{6,30}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]
# An image or page fetched by the reader's browser: https only, a host name, no credentials.
HttpsUrl = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, pattern=r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s\\]*)?$", max_length=500
    ),
]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False), Strict()]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False), Strict()]


class LocalizedTextIn(BaseModel):
    """A description in three languages: paragraphs allowed."""

    model_config = ConfigDict(extra="forbid")

    fr: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), MULTI_LINE]
    en: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), MULTI_LINE] = ""
    ar: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), MULTI_LINE] = ""


class OptionalLocalizedTextIn(LocalizedTextIn):
    fr: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), MULTI_LINE] = ""


class LocalizedLineIn(BaseModel):
    """A title or a name in three languages: one line each (it becomes an e-mail subject)."""

    model_config = ConfigDict(extra="forbid")

    fr: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), SINGLE_LINE]
    en: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), SINGLE_LINE] = ""
    ar: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), SINGLE_LINE] = ""


class OptionalLocalizedLineIn(LocalizedLineIn):
    fr: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), SINGLE_LINE] = ""


class LocalizedNameIn(LocalizedLineIn):
    """A series name (its columns hold 200 characters)."""

    fr: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), SINGLE_LINE]
    en: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), SINGLE_LINE] = ""
    ar: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), SINGLE_LINE] = ""


class SpeakerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    role: Text200 = Field("", description="In French (the reference)")
    role_en: Text200 = ""
    role_ar: Text200 = ""
    organisation: Text200 = ""
    exporter_id: RowId | None = None
    photo_url: HttpsUrl | None = Field(None, description="https only")


class PanelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: LocalizedLineIn
    starts_at: EventTime | None = None
    ends_at: EventTime | None = None
    speakers: list[SpeakerIn] = Field(default_factory=list, max_length=50)


class PartnerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    kind: Literal["organiser", "partner", "sponsor", "host", "media"] = "partner"
    url: Url | None = None


class SeriesCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: Slug
    name: LocalizedNameIn
    description: OptionalLocalizedTextIn = OptionalLocalizedTextIn()
    organiser: Text200 = "Les Impériales"
    cadence: Literal["monthly", "annual", "one-off"] = "one-off"


class EventFields(BaseModel):
    """Fields an organiser sets; times without an offset are read as Casablanca wall-clock time."""

    model_config = ConfigDict(extra="forbid")

    series: Slug | None = Field(None, description="Slug of the series this event belongs to")
    title: LocalizedLineIn
    theme: OptionalLocalizedLineIn = OptionalLocalizedLineIn()
    description: OptionalLocalizedTextIn = OptionalLocalizedTextIn()
    starts_at: EventTime
    ends_at: EventTime
    venue: Line300 = ""
    city: Line100 = ""
    region_code: RegionCode | None = None
    format: EventFormat = EventFormat.in_person
    online_url: Url | None = None
    latitude: Latitude | None = Field(None, description="The venue's latitude (WGS 84); with `longitude`")
    longitude: Longitude | None = Field(None, description="The venue's longitude (WGS 84); with `latitude`")
    capacity: Count
    rsvp_opens_at: EventTime | None = None
    rsvp_closes_at: EventTime | None = None
    panels: list[PanelIn] = Field(default_factory=list, max_length=30)
    speakers: list[SpeakerIn] = Field(default_factory=list, max_length=50, description="Keynotes")
    partners: list[PartnerIn] = Field(default_factory=list, max_length=50)


class EventCreate(EventFields):
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=160)] | None = (
        None
    )

    @model_validator(mode="after")
    def _times_in_order(self) -> EventCreate:
        check_times(self.starts_at, self.ends_at, self.rsvp_opens_at, self.rsvp_closes_at)
        check_coordinates(self.latitude, self.longitude)
        return self


class EventUpdate(BaseModel):
    """Every field optional; lists (panels, speakers, partners) replace the current ones when given."""

    model_config = ConfigDict(extra="forbid")

    series: Slug | None = None
    title: LocalizedLineIn | None = None
    theme: OptionalLocalizedLineIn | None = None
    description: OptionalLocalizedTextIn | None = None
    starts_at: EventTime | None = None
    ends_at: EventTime | None = None
    venue: Line300 | None = None
    city: Line100 | None = None
    region_code: RegionCode | None = None
    format: EventFormat | None = None
    online_url: Url | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    capacity: Count | None = None
    rsvp_opens_at: EventTime | None = None
    rsvp_closes_at: EventTime | None = None
    panels: list[PanelIn] | None = Field(None, max_length=30)
    speakers: list[SpeakerIn] | None = Field(None, max_length=50)
    partners: list[PartnerIn] | None = Field(None, max_length=50)


def check_times(
    starts_at: datetime, ends_at: datetime, opens: datetime | None, closes: datetime | None
) -> None:
    if ends_at < starts_at:
        raise PydanticCustomError("invalid-times", "ends_at must not be before starts_at")
    if opens is not None and closes is not None and closes < opens:
        raise PydanticCustomError("invalid-times", "rsvp_closes_at must not be before rsvp_opens_at")
    if closes is not None and closes > ends_at:
        raise PydanticCustomError("invalid-times", "rsvp_closes_at must not be after the end of the event")


def check_coordinates(latitude: float | None, longitude: float | None) -> None:
    """A point on the map needs both; one alone is a typing slip."""
    if (latitude is None) != (longitude is None):
        raise PydanticCustomError("coordinates-pair", "give both latitude and longitude, or neither")


class EventCancel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Paragraphs1000 = ""


# ---- RSVP ------------------------------------------------------------------------------------

RsvpStatusLiteral = Literal["pending", "confirmed", "waitlisted", "cancelled"]


class RsvpCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: EmailStr
    organisation: Text200 = ""
    phone: Phone | None = None
    exporter_id: RowId | None = Field(
        None,
        description="Only with an exporter account's token whose exporter is this one (else 403 "
        "`exporter-not-yours`)",
    )
    language: Literal["fr", "en", "ar"] = "fr"
    # JSON true only: "1", 1 or "true" are not a guest's consent (lax mode would take them).
    consent: Annotated[bool, Strict()] = Field(
        description="The guest agrees that the Club keeps these details for this event: must be true",
        json_schema_extra={"const": True},
    )
    website: str = Field(
        "",
        description="Honeypot: leave empty (hidden in forms); anything in it is refused",
        json_schema_extra={"maxLength": 0},
    )

    @field_validator("email", mode="before")
    @classmethod
    def _strip_email(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if not value:
            raise PydanticCustomError("missing", "consent is required to RSVP")
        return value

    @field_validator("website")
    @classmethod
    def _honeypot_empty(cls, value: str) -> str:
        if value:
            raise PydanticCustomError("invalid", "this field must be left empty")
        return value


class RsvpAccepted(BaseModel):
    """The answer to every RSVP request that is taken: the same for a new and a known e-mail."""

    status: Literal["check_your_inbox"] = "check_your_inbox"
    event_id: int
    detail: str = Field(
        "If this address can RSVP, a message is on its way to it: follow its link to confirm.",
        description="Constant text; the website shows its own translation",
    )


class RsvpEventRef(BaseModel):
    id: int
    slug: str
    title: LocalizedText
    starts_at: datetime
    ends_at: datetime
    local: LocalTimes
    venue: str
    city: str
    status: EventStatus
    is_past: bool = Field(False, description="The event has ended")


class RsvpPublic(BaseModel):
    """What the guest sees through the private manage link."""

    id: int
    status: RsvpStatusLiteral
    waitlist_position: int | None = Field(None, description="1 = next to be promoted")
    event: RsvpEventRef
    name: str
    email: str
    organisation: str
    phone: str | None
    exporter_id: int | None
    language: str
    manage_token: str = Field(description="Private: anyone with it can see and cancel this RSVP")
    checkin_token: str | None = Field(
        None, description="Carried by the QR code; only while the guest holds an entry pass"
    )
    entry_pass: bool = Field(
        False,
        description="Confirmed, not erased, and the event neither cancelled nor over: the QR code "
        "opens the door. Calendar links are only offered then (or on the waitlist).",
    )
    confirm_by: datetime | None = Field(None, description="A pending RSVP must be confirmed before this")
    created_at: datetime
    checked_in_at: datetime | None
    cancelled_at: datetime | None
    erased: bool


class EventCounts(BaseModel):
    event_id: int
    capacity: int
    confirmed: int
    waitlisted: int
    checked_in: int
    cancelled: int
    available: int


class Attendee(BaseModel):
    rsvp_id: int
    status: RsvpStatusLiteral
    queue_position: int
    waitlist_position: int | None = Field(
        None, description="1 = next to be promoted; the guest sees the same"
    )
    name: str
    email: str
    organisation: str
    phone: str | None
    exporter_id: int | None
    language: str
    created_at: datetime
    created_at_local: str
    checked_in_at: datetime | None
    checked_in_at_local: str | None


class PurgeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    older_than_days: Days | None = Field(None, description="Defaults to EVENTS_PURGE_AFTER_DAYS")


class PurgeResult(BaseModel):
    older_than_days: int
    events: int
    rsvps: int
