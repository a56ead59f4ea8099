"""API shapes of the door (check-in at the event's entrance): services/events/door.py."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, StringConstraints, model_validator

from services.common.text import SINGLE_LINE
from services.events.schemas import Name, RowId, Text200

# What a door device calls itself ("Entrée A", "phone 2"): shown in the log and in conflicts.
DoorName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=60), SINGLE_LINE]
ScannedToken = Annotated[str, StringConstraints(strip_whitespace=True, min_length=8, max_length=100)]
# Made by the device (a UUID): the same id sent twice is the same check-in.
ClientId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
MAX_SYNC_ITEMS = 500


class DoorCounts(BaseModel):
    checked_in: int
    expected: int = Field(description="Confirmed guests (walk-ins included)")
    remaining: int = Field(description="Expected guests not checked in yet")


class CheckInCreate(BaseModel):
    """One check-in: the token of the guest's QR code (bare or as scanned), or their RSVP id."""

    model_config = ConfigDict(extra="forbid")

    token: ScannedToken | None = None
    rsvp_id: RowId | None = None
    door: DoorName = ""

    @model_validator(mode="after")
    def _one_guest(self) -> CheckInCreate:
        if (self.token is None) == (self.rsvp_id is None):
            raise ValueError("give either token or rsvp_id")
        return self


class CheckInResult(BaseModel):
    result: Literal["checked_in", "already_checked_in"]
    message: str
    checked_in_at: datetime
    checked_in_at_local: str = Field(description="HH:MM in Africa/Casablanca")
    rsvp_id: int
    name: str
    organisation: str
    counts: DoorCounts


class CheckInUndo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    door: DoorName = ""


class CheckInUndone(BaseModel):
    rsvp_id: int
    undone_at: datetime
    undone_by: str
    counts: DoorCounts


class DoorGuest(BaseModel):
    """A guest as the door's offline list keeps them: no e-mail, no token (only its hash)."""

    rsvp_id: int
    name: str
    organisation: str
    code_hash: str = Field(description="SHA-256 (hex) of the check-in token the guest's QR code carries")
    checked_in_at: datetime | None


class DoorGuestList(BaseModel):
    event_id: int
    generated_at: datetime
    counts: DoorCounts
    guests: list[DoorGuest]


class GuestMatch(BaseModel):
    rsvp_id: int
    name: str
    organisation: str
    email: str
    status: str
    source: str
    checked_in_at: datetime | None
    checked_in_at_local: str | None


class GuestSearchResult(BaseModel):
    query: str
    results: list[GuestMatch]
    counts: DoorCounts


class WalkInCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: EmailStr | None = None
    organisation: Text200 = ""
    door: DoorName = ""


class WalkInAdmitted(BaseModel):
    rsvp_id: int
    name: str
    organisation: str
    checked_in_at: datetime
    checked_in_at_local: str
    counts: DoorCounts


class SyncItem(BaseModel):
    """A check-in made at the door, maybe offline: who (rsvp id or token) and when it happened."""

    model_config = ConfigDict(extra="forbid")

    client_id: ClientId
    happened_at: AwareDatetime
    rsvp_id: RowId | None = None
    token: ScannedToken | None = None
    door: DoorName = ""

    @model_validator(mode="after")
    def _one_guest(self) -> SyncItem:
        if (self.token is None) == (self.rsvp_id is None):
            raise ValueError("give either token or rsvp_id")
        return self


class SyncBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[SyncItem] = Field(min_length=1, max_length=MAX_SYNC_ITEMS)


SyncVerdict = Literal["checked_in", "conflict", "undone", "not_found", "not_confirmed"]


class SyncItemResult(BaseModel):
    client_id: str
    result: SyncVerdict = Field(
        description="checked_in: this check-in is the one that counts; conflict: the guest was "
        "checked in earlier (at another door, or by this one); undone: an undo came after it; "
        "not_found: no such guest at this event; not_confirmed: the guest has no seat (cancelled...)"
    )
    rsvp_id: int | None
    name: str
    checked_in_at: datetime | None = Field(description="When the check-in that counts happened")
    checked_in_at_local: str | None
    door: str | None = Field(description="The door of the check-in that counts")
    message: str


class SyncResult(BaseModel):
    results: list[SyncItemResult]
    counts: DoorCounts
