"""Events tables. Migrations in ``migrations/events`` are the schema authority."""

# No `from __future__ import annotations` here: SQLModel resolves relationship types at runtime.

from dataclasses import field, make_dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic.fields import FieldInfo
from sqlalchemy import CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from services.common.changes import ChangeRecord
from services.common.models import UTCDateTime, service_metadata, utcnow
from services.common.outbox import OutboxStatus


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
    # Asked for, not yet confirmed from the guest's mailbox: holds no seat (double opt-in).
    pending = "pending"
    confirmed = "confirmed"
    waitlisted = "waitlisted"
    cancelled = "cancelled"


class RsvpSource(StrEnum):
    """How a guest came onto the list."""

    online = "online"  # the public RSVP form (double opt-in)
    organiser = "organiser"  # added by hand from the organiser desk
    walk_in = "walk_in"  # admitted at the door without an RSVP


class Language(StrEnum):
    fr = "fr"
    en = "en"
    ar = "ar"


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
    format: str = Field(default=EventFormat.in_person, max_length=20)
    online_url: str | None = Field(default=None, max_length=500)
    # The venue on a map (WGS 84): both or neither (the service checks the pair).
    latitude: float | None = None
    longitude: float | None = None
    capacity: int = 0
    confirmed_count: int = 0
    waitlisted_count: int = 0
    checked_in_count: int = 0
    # Bumped under the event's row lock by every RSVP: the arrival order of guests.
    rsvp_sequence: int = 0
    # iCalendar SEQUENCE: bumped when the time or the place changes, or the event is cancelled,
    # so calendar apps replace their copy (RFC 5545 3.8.7.4).
    sequence: int = 0
    rsvp_opens_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    rsvp_closes_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    status: str = Field(default=EventStatus.draft, max_length=20)
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
    role: str = Field(default="", max_length=200, description="In French (the reference)")
    role_en: str = Field(default="", max_length=200)
    role_ar: str = Field(default="", max_length=200)
    organisation: str = Field(default="", max_length=200)
    exporter_id: int | None = Field(default=None, description="Registry exporter id, checked via its API")
    photo_url: str | None = Field(default=None, max_length=500)

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
    language: str = Field(default=Language.fr, max_length=2)
    source: str = Field(default=RsvpSource.online, max_length=20)
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
    # A pending RSVP must be confirmed from the guest's mailbox before this moment.
    confirm_by: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    # Last time an RSVP was asked for with this e-mail: written for a known e-mail as the row
    # is for a new one, so both requests cost the database the same.
    last_requested_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class RsvpRequest(EventsModel, table=True):
    """One RSVP request as it arrived, new e-mail or known: the service's own rate limits count these.

    Kept only as long as the longest limit's window (deleted as new requests come in). The
    e-mail is kept as a keyed hash, the client as its address.
    """

    __tablename__ = "rsvp_request"
    __table_args__ = (
        Index("ix_rsvp_request_event_client", "event_id", "client", "created_at"),
        Index("ix_rsvp_request_event_email", "event_id", "email_key", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    client: str = Field(max_length=64)
    email_key: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


# What a new guest's row starts as; every other column takes the model's own default.
_NEW_RSVP_DEFAULTS: dict[str, Any] = {"queue_position": 0, "status": RsvpStatus.pending}


def _new_rsvp_field(name: str, info: FieldInfo) -> tuple[str, Any, Any]:
    if name in _NEW_RSVP_DEFAULTS:
        return name, info.annotation, field(default=_NEW_RSVP_DEFAULTS[name])
    if info.default_factory is not None:
        return name, info.annotation, field(default_factory=info.default_factory)  # type: ignore[arg-type]
    if info.is_required():
        return name, info.annotation, field()
    return name, info.annotation, field(default=info.default)


def _new_rsvp_columns(self: Any) -> dict[str, Any]:
    """The row for an INSERT (the id is left to the database)."""
    return {name: getattr(self, name) for name in NEW_RSVP_COLUMNS}


if TYPE_CHECKING:

    class NewRsvp(Rsvp):
        """Typed as what it holds: an ``Rsvp``'s columns (see the class built below)."""

        queue_position: int = 0
        status: str = RsvpStatus.pending

        def columns(self) -> dict[str, Any]: ...

else:
    # A new guest's RSVP row before it is written: every column of ``Rsvp``, no ORM instance.
    # Guests of a burst are admitted by the hundred (services/events/admissions.py); an
    # instrumented ``Rsvp`` costs about as much to build as the rest of the guest's request.
    # Read like an ``Rsvp`` by the presenters and the messages. Built from ``Rsvp``'s fields,
    # so a column added to the table is a field here too.
    NewRsvp = make_dataclass(
        "NewRsvp",
        [_new_rsvp_field(name, info) for name, info in Rsvp.model_fields.items()],
        namespace={"columns": _new_rsvp_columns},
        kw_only=True,
        slots=True,
        eq=False,
    )
    NewRsvp.__module__ = __name__

NEW_RSVP_COLUMNS = tuple(name for name in Rsvp.model_fields if name != "id")

# An RSVP as the presenters and the messages read it: stored, or about to be.
RsvpRow = Rsvp | NewRsvp


class OutboxMessage(EventsModel, table=True):
    """An e-mail written in the same transaction as the change it reports; a worker sends it."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("message_id"),
        # One message per guest, kind and event SEQUENCE (reminders, updates, cancellations):
        # several workers, a restart, or a repeated request cannot queue it twice.
        UniqueConstraint("dedupe_key", name="uq_outbox_message_dedupe_key"),
        Index("ix_outbox_message_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True, ondelete="SET NULL")
    rsvp_id: int | None = Field(default=None, foreign_key="rsvp.id", index=True, ondelete="SET NULL")
    to_address: str = Field(max_length=320)
    language: str = Field(default=Language.fr, max_length=2)
    subject: str = Field(max_length=300)
    body_text: str
    attach_ics: bool = False
    message_id: str = Field(max_length=200, description="RFC 5322 Message-ID, stable across retries")
    dedupe_key: str | None = Field(default=None, max_length=120)
    status: str = Field(default=OutboxStatus.pending, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    locked_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    last_error: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class RsvpChange(EventsModel, table=True):
    """One change an organiser made to a guest's RSVP (who, when, what), kept after an erasure.

    It names the RSVP by id only: the guest's personal data stays in ``rsvp`` alone, so erasing
    or purging it leaves this record without a name or an address.
    """

    __tablename__ = "rsvp_change"
    __table_args__ = (Index("ix_rsvp_change_event_id_id", "event_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    rsvp_id: int = Field(foreign_key="rsvp.id", index=True, ondelete="CASCADE")
    action: str = Field(max_length=30, description="added | confirmed | waitlisted | cancelled | promoted")
    from_status: str = Field(default="", max_length=20)
    to_status: str = Field(max_length=20)
    actor: str = Field(max_length=200, description="The organiser's account (token subject)")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Change(ChangeRecord, EventsModel, table=True):
    """One entry of the change log the gateway's webhooks read (services/common/changes.py)."""

    __tablename__ = "events_change_log"


class CheckInLog(EventsModel, table=True):
    """Every check-in and undo at the door: who, when, from which device (services/events/door.py).

    ``client_id`` is made by a door device for a check-in it recorded (maybe offline): a batch
    sent again finds its rows here and changes nothing. ``happened_at`` is when it happened at
    the door; the earliest check-in since the last undo is the one that counts.
    """

    __tablename__ = "checkin_log"
    __table_args__ = (
        UniqueConstraint("event_id", "client_id"),
        Index("ix_checkin_log_rsvp_happened", "rsvp_id", "happened_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    rsvp_id: int = Field(foreign_key="rsvp.id", ondelete="CASCADE")
    action: str = Field(max_length=10, description="check_in | undo")
    happened_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    actor: str = Field(default="", max_length=120)
    client_id: str | None = Field(default=None, max_length=64)
    door: str = Field(default="", max_length=60)


__all__ = [
    "Change",
    "CheckInLog",
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
    "RsvpChange",
    "RsvpRequest",
    "RsvpStatus",
    "Speaker",
]
