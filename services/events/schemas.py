"""Public API shapes of the events service (never a table model straight to a client)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

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
