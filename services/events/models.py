"""Events tables. Migrations in ``migrations/events`` are the schema authority."""

# No `from __future__ import annotations` here: SQLModel resolves relationship types at runtime.

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from services.common.models import UTCDateTime, service_metadata, utcnow


class EventsModel(SQLModel):
    metadata = service_metadata()


class EventFormat(StrEnum):
    in_person = "in_person"
    online = "online"
    hybrid = "hybrid"


class EventStatus(StrEnum):
    draft = "draft"
    published = "published"
    cancelled = "cancelled"


class RsvpStatus(StrEnum):
    confirmed = "confirmed"
    waitlisted = "waitlisted"
    cancelled = "cancelled"


class Language(StrEnum):
    fr = "fr"
    en = "en"
    ar = "ar"


class OutboxStatus(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"


class EventSeries(EventsModel, table=True):
    """A recurring programme: the monthly Mornings, the annual Journée nationale de l'industrie..."""

    __tablename__ = "event_series"
    __table_args__ = (UniqueConstraint("slug"),)

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120)
    name_fr: str = Field(max_length=200)
    name_en: str = Field(default="", max_length=200)
    name_ar: str = Field(default="", max_length=200)
    description_fr: str = ""
    description_en: str = ""
    description_ar: str = ""
    organiser: str = Field(default="Les Impériales", max_length=200)
    cadence: str = Field(default="one-off", max_length=20, description="monthly | annual | one-off")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))

    events: list["Event"] = Relationship(back_populates="series")


class Event(EventsModel, table=True):
    __table_args__ = (
        UniqueConstraint("slug"),
        # The database, not Python, keeps the seat counters honest.
        CheckConstraint("confirmed_count >= 0 AND confirmed_count <= capacity", name="seats_within_capacity"),
        CheckConstraint("waitlisted_count >= 0", name="waitlist_not_negative"),
        CheckConstraint("checked_in_count >= 0", name="checked_in_not_negative"),
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
        Index("ix_event_status_starts_at", "status", "starts_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    series_id: int | None = Field(
        default=None, foreign_key="event_series.id", index=True, ondelete="SET NULL"
    )
    slug: str = Field(max_length=160)
    title_fr: str = Field(max_length=300)
    title_en: str = Field(default="", max_length=300)
    title_ar: str = Field(default="", max_length=300)
    theme_fr: str = ""
    theme_en: str = ""
    theme_ar: str = ""
    description_fr: str = ""
    description_en: str = ""
    description_ar: str = ""
    starts_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    ends_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    venue: str = Field(default="", max_length=300)
    city: str = Field(default="", max_length=100)
    region_code: str | None = Field(default=None, max_length=5)
    format: str = Field(default=EventFormat.in_person.value, max_length=20)
    online_url: str | None = Field(default=None, max_length=500)
    capacity: int = 0
    confirmed_count: int = 0
    waitlisted_count: int = 0
    checked_in_count: int = 0
    # Bumped under the event's row lock by every RSVP: the arrival order of guests.
    rsvp_sequence: int = 0
    rsvp_opens_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    rsvp_closes_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    status: str = Field(default=EventStatus.draft.value, max_length=20)
    cancellation_reason: str = ""
    published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    cancelled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    personal_data_purged_at: datetime | None = Field(
        default=None, sa_column=Column(UTCDateTime, nullable=True)
    )
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))

    series: EventSeries | None = Relationship(back_populates="events")
    panels: list["Panel"] = Relationship(
        back_populates="event",
        sa_relationship_kwargs={"order_by": "Panel.position", "cascade": "all, delete-orphan"},
    )
    speakers: list["Speaker"] = Relationship(
        back_populates="event",
        sa_relationship_kwargs={"order_by": "Speaker.position", "cascade": "all, delete-orphan"},
    )
    partners: list["Partner"] = Relationship(
        back_populates="event",
        sa_relationship_kwargs={"order_by": "Partner.position", "cascade": "all, delete-orphan"},
    )


class Panel(EventsModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    position: int = 0
    title_fr: str = Field(max_length=300)
    title_en: str = Field(default="", max_length=300)
    title_ar: str = Field(default="", max_length=300)
    starts_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    ends_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))

    event: Event = Relationship(back_populates="panels")


class Speaker(EventsModel, table=True):
    """Someone on stage: on a panel, or a keynote of the event when ``panel_id`` is empty."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    panel_id: int | None = Field(default=None, foreign_key="panel.id", index=True, ondelete="SET NULL")
    position: int = 0
    name: str = Field(max_length=200)
    role: str = Field(default="", max_length=200)
    organisation: str = Field(default="", max_length=200)
    exporter_id: int | None = Field(default=None, description="Registry exporter id, checked via its API")

    event: Event = Relationship(back_populates="speakers")


class Partner(EventsModel, table=True):
    """An organisation behind the event: host, co-organiser, institutional partner, sponsor."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    position: int = 0
    name: str = Field(max_length=200)
    kind: str = Field(default="partner", max_length=40)
    url: str | None = Field(default=None, max_length=500)

    event: Event = Relationship(back_populates="partners")


class Rsvp(EventsModel, table=True):
    """A guest's answer to one event. Personal data can be erased; the row (and counts) stay."""

    __table_args__ = (
        UniqueConstraint("event_id", "email_normalised"),
        UniqueConstraint("manage_token"),
        UniqueConstraint("checkin_token"),
        Index("ix_rsvp_event_status_queue", "event_id", "status", "queue_position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    queue_position: int = Field(description="Arrival order within the event")
    status: str = Field(max_length=20)
    name: str = Field(max_length=200)
    email: str = Field(max_length=320)
    email_normalised: str = Field(max_length=320)
    organisation: str = Field(default="", max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    exporter_id: int | None = None
    language: str = Field(default=Language.fr.value, max_length=2)
    # Unique and made by the service before the INSERT: SQLAlchemy matches the ids that a
    # many-row INSERT ... RETURNING gives back to the rows by it ("insert sentinel"), so the
    # rows of a batch of guests go in one statement instead of one statement each.
    manage_token: str = Field(max_length=64, sa_column_kwargs={"insert_sentinel": True})
    checkin_token: str = Field(max_length=64)
    consent_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    cancelled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    checked_in_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    erased_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


@dataclass(slots=True, eq=False)
class NewRsvp:
    """A new guest's RSVP row before it is written: every column of ``Rsvp``, no ORM instance.

    Guests of a burst are admitted by the hundred (services/events/admissions.py); an
    instrumented ``Rsvp`` costs about as much to build as the rest of the guest's request.
    Read like an ``Rsvp`` by the presenters and the messages.
    """

    event_id: int
    name: str
    email: str
    email_normalised: str
    organisation: str
    phone: str | None
    exporter_id: int | None
    language: str
    manage_token: str
    checkin_token: str
    consent_at: datetime
    created_at: datetime
    updated_at: datetime
    queue_position: int = 0
    status: str = RsvpStatus.waitlisted.value
    confirmed_at: datetime | None = None
    cancelled_at: datetime | None = None
    checked_in_at: datetime | None = None
    erased_at: datetime | None = None
    id: int | None = None  # given by the database

    def columns(self) -> dict[str, Any]:
        """The row for an INSERT (the id is left to the database)."""
        return {name: getattr(self, name) for name in NEW_RSVP_COLUMNS}


NEW_RSVP_COLUMNS = tuple(f.name for f in fields(NewRsvp) if f.name != "id")

# An RSVP as the presenters and the messages read it: stored, or about to be.
RsvpRow = Rsvp | NewRsvp


class OutboxMessage(EventsModel, table=True):
    """An e-mail written in the same transaction as the change it reports; a worker sends it."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("message_id"),
        Index("ix_outbox_message_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True, ondelete="SET NULL")
    rsvp_id: int | None = Field(default=None, foreign_key="rsvp.id", index=True, ondelete="SET NULL")
    to_address: str = Field(max_length=320)
    language: str = Field(default=Language.fr.value, max_length=2)
    subject: str = Field(max_length=300)
    body_text: str
    attach_ics: bool = False
    message_id: str = Field(max_length=200, description="RFC 5322 Message-ID, stable across retries")
    status: str = Field(default=OutboxStatus.pending.value, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    locked_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    last_error: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


__all__ = [
    "Event",
    "EventFormat",
    "EventSeries",
    "EventStatus",
    "EventsModel",
    "Language",
    "OutboxMessage",
    "OutboxStatus",
    "Panel",
    "Partner",
    "Rsvp",
    "RsvpStatus",
    "Speaker",
]
