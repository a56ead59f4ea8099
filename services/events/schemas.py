"""Public API shapes of the events service (never a table model straight to a client)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from services.events import clock as _clock
from services.events.models import EventFormat, EventStatus

TIMEZONE = "Africa/Casablanca"


class LocalizedText(BaseModel):
    fr: str
    en: str = ""
    ar: str = ""


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
    role: str
    organisation: str
    exporter_id: int | None
    panel_id: int | None


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


class EventPublic(EventSummary):
    description: LocalizedText
    online_url: str | None
    cancellation_reason: str | None
    panels: list[PanelPublic]
    speakers: list[SpeakerPublic] = Field(description="Keynote speakers, not on a panel")
    partners: list[PartnerPublic]
    created_at: datetime
    updated_at: datetime


# ---- Organiser input -------------------------------------------------------------------------


def _as_utc(value: datetime | None) -> datetime | None:
    """Naive times are Casablanca wall-clock times (what an organiser types); aware ones are kept."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=_clock.CASABLANCA)
    return value.astimezone(_clock.UTC)


EventTime = Annotated[datetime, AfterValidator(_as_utc)]
Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^MA-(0[1-9]|1[0-2])$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ().-]{6,30}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]


class LocalizedTextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fr: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
    en: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] = ""
    ar: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] = ""


class OptionalLocalizedTextIn(LocalizedTextIn):
    fr: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] = ""


class SpeakerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    role: Text200 = ""
    organisation: Text200 = ""
    exporter_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None


class PanelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: LocalizedTextIn
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
    name: LocalizedTextIn
    description: OptionalLocalizedTextIn = OptionalLocalizedTextIn()
    organiser: Text200 = "Les Impériales"
    cadence: Literal["monthly", "annual", "one-off"] = "one-off"


class EventFields(BaseModel):
    """Fields an organiser sets; times without an offset are read as Casablanca wall-clock time."""

    model_config = ConfigDict(extra="forbid")

    series: Slug | None = Field(None, description="Slug of the series this event belongs to")
    title: LocalizedTextIn
    theme: OptionalLocalizedTextIn = OptionalLocalizedTextIn()
    description: OptionalLocalizedTextIn = OptionalLocalizedTextIn()
    starts_at: EventTime
    ends_at: EventTime
    venue: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] = ""
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    region_code: RegionCode | None = None
    format: EventFormat = EventFormat.in_person
    online_url: Url | None = None
    capacity: Annotated[int, Field(ge=0, le=100_000)]
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
        return self


class EventUpdate(BaseModel):
    """Every field optional; lists (panels, speakers, partners) replace the current ones when given."""

    model_config = ConfigDict(extra="forbid")

    series: Slug | None = None
    title: LocalizedTextIn | None = None
    theme: OptionalLocalizedTextIn | None = None
    description: OptionalLocalizedTextIn | None = None
    starts_at: EventTime | None = None
    ends_at: EventTime | None = None
    venue: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    region_code: RegionCode | None = None
    format: EventFormat | None = None
    online_url: Url | None = None
    capacity: Annotated[int, Field(ge=0, le=100_000)] | None = None
    rsvp_opens_at: EventTime | None = None
    rsvp_closes_at: EventTime | None = None
    panels: list[PanelIn] | None = Field(None, max_length=30)
    speakers: list[SpeakerIn] | None = Field(None, max_length=50)
    partners: list[PartnerIn] | None = Field(None, max_length=50)


def check_times(
    starts_at: datetime, ends_at: datetime, opens: datetime | None, closes: datetime | None
) -> None:
    if ends_at < starts_at:
        raise ValueError("ends_at must not be before starts_at")
    if opens is not None and closes is not None and closes < opens:
        raise ValueError("rsvp_closes_at must not be before rsvp_opens_at")
    if closes is not None and closes > ends_at:
        raise ValueError("rsvp_closes_at must not be after the end of the event")


class EventCancel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] = ""


# ---- RSVP ------------------------------------------------------------------------------------

RsvpStatusLiteral = Literal["confirmed", "waitlisted", "cancelled"]


class RsvpCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: EmailStr
    organisation: Text200 = ""
    phone: Phone | None = None
    exporter_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None
    language: Literal["fr", "en", "ar"] = "fr"
    consent: bool = Field(description="The guest agrees that the Club keeps these details for this event")
    website: str = Field("", max_length=200, description="Honeypot: leave empty (hidden in forms)")

    @field_validator("email", mode="before")
    @classmethod
    def _strip_email(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if not value:
            raise ValueError("consent is required to RSVP")
        return value

    @field_validator("website")
    @classmethod
    def _honeypot_empty(cls, value: str) -> str:
        if value.strip():
            raise ValueError("this field must be left empty")
        return value


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
    checkin_token: str | None = Field(None, description="Carried by the QR code; only while confirmed")
    created_at: datetime
    checked_in_at: datetime | None
    cancelled_at: datetime | None
    erased: bool


class CheckInRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: Annotated[str, StringConstraints(strip_whitespace=True, min_length=8, max_length=100)]


class CheckInResult(BaseModel):
    result: Literal["checked_in", "already_checked_in"]
    message: str
    checked_in_at: datetime
    checked_in_at_local: str = Field(description="HH:MM in Africa/Casablanca")
    rsvp_id: int
    name: str
    organisation: str


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

    older_than_days: Annotated[int, Field(ge=0, le=36_500)] | None = Field(
        None, description="Defaults to EVENTS_PURGE_AFTER_DAYS"
    )


class PurgeResult(BaseModel):
    older_than_days: int
    events: int
    rsvps: int
