# Generated from the merged OpenAPI by scripts/generate-api-models.sh: do not edit.
# ruff: noqa: E501

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import (
    AnyUrl,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    RootModel,
)


class ExporterId(RootModel[int]):
    root: int = Field(
        ...,
        description="Required for (and only for) exporters",
        ge=1,
        title="Exporter Id",
    )


class ExporterId1(RootModel[int]):
    root: int = Field(..., ge=1, title="Exporter Id")


class AttendanceCounts(BaseModel):
    by_source: dict[str, int] = Field(
        ...,
        description="Confirmed guests by source: online, organiser, walk_in",
        title="By Source",
    )
    cancelled: int = Field(..., title="Cancelled")
    checked_in: int = Field(..., title="Checked In")
    confirmed: int = Field(
        ...,
        description="Confirmed guests (every source, walk-ins included)",
        title="Confirmed",
    )
    never_promoted: int = Field(
        ...,
        description="Still on the waitlist when the event ended",
        title="Never Promoted",
    )
    no_shows: int = Field(..., description="Confirmed but never checked in", title="No Shows")
    walk_ins: int = Field(
        ...,
        description="Admitted at the door without an RSVP (source walk_in)",
        title="Walk Ins",
    )


class Attendee(BaseModel):
    checked_in_at: AwareDatetime | None = Field(..., title="Checked In At")
    checked_in_at_local: str | None = Field(..., title="Checked In At Local")
    created_at: AwareDatetime = Field(..., title="Created At")
    created_at_local: str = Field(..., title="Created At Local")
    email: str = Field(..., title="Email")
    exporter_id: int | None = Field(..., title="Exporter Id")
    language: str = Field(..., title="Language")
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")
    phone: str | None = Field(..., title="Phone")
    queue_position: int = Field(..., title="Queue Position")
    rsvp_id: int = Field(..., title="Rsvp Id")
    status: Literal["pending", "confirmed", "waitlisted", "cancelled"] = Field(..., title="Status")
    waitlist_position: int | None = Field(
        default=None,
        description="1 = next to be promoted; the guest sees the same",
        title="Waitlist Position",
    )


class Issuer(RootModel[str]):
    root: str = Field(
        ...,
        max_length=120,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Issuer",
    )


class CertificationIn(BaseModel):
    issuer: Issuer | None = Field(default=None, title="Issuer")
    name: str = Field(
        ...,
        examples=["ISO 9001"],
        max_length=120,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    valid_until: date | None = Field(default=None, title="Valid Until")


class CertificationPublic(BaseModel):
    issuer: Issuer | None = Field(default=None, title="Issuer")
    name: str = Field(
        ...,
        examples=["ISO 9001"],
        max_length=120,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    valid: bool = Field(..., description="False once valid_until has passed", title="Valid")
    valid_until: date | None = Field(default=None, title="Valid Until")


class RsvpId(RootModel[int]):
    root: int = Field(..., ge=1, le=2147483647, title="Rsvp Id")


class Token(RootModel[str]):
    root: str = Field(..., max_length=100, min_length=8, title="Token")


class CheckInCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    door: str | None = Field(
        default="",
        max_length=60,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Door",
    )
    rsvp_id: RsvpId | None = Field(default=None, title="Rsvp Id")
    token: Token | None = Field(default=None, title="Token")


class CheckInUndo(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    door: str | None = Field(
        default="",
        max_length=60,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Door",
    )


class ContactAccepted(BaseModel):
    detail: str | None = Field(
        default="A message is on its way to the sender's address: follow its link to send the request.",
        description="Constant text; the website shows its own translation",
        title="Detail",
    )
    status: Literal["check_your_inbox"] = Field(default="check_your_inbox", title="Status")


class ContactConfirm(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    token: str = Field(
        ...,
        description="The token of the link e-mailed to the sender",
        max_length=100,
        min_length=20,
        pattern="^[A-Za-z0-9_-]+$",
        title="Token",
    )


class ContactCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    company: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Company",
    )
    country: str | None = Field(
        default=None,
        description="The buyer's country (ISO 3166-1 alpha-2)",
        title="Country",
    )
    email: EmailStr = Field(..., title="Email")
    language: Literal["fr", "en", "ar"] | None = Field(
        default="fr",
        description="The language of the e-mail to the sender",
        title="Language",
    )
    message: str = Field(
        ...,
        max_length=5000,
        min_length=10,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Message",
    )
    name: str = Field(
        ...,
        max_length=120,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    website: str | None = Field(
        default="",
        description="Honeypot: leave empty (hidden in forms). A request with it filled gets the same 202 and is dropped.",
        max_length=200,
        title="Website",
    )


class ContactExporterRef(BaseModel):
    slug: str = Field(..., title="Slug")
    trade_name: str = Field(..., title="Trade Name")


class ContactReceived(BaseModel):
    company: str = Field(..., title="Company")
    confirmed_at: AwareDatetime = Field(..., title="Confirmed At")
    country: str | None = Field(..., title="Country")
    id: int = Field(..., title="Id")
    language: str = Field(..., title="Language")
    message: str = Field(..., title="Message")
    recipients: int = Field(
        ...,
        description="How many exporters the request went to (more than one: an RFQ)",
        title="Recipients",
    )
    sender_email: str = Field(..., title="Sender Email")
    sender_name: str = Field(..., title="Sender Name")


class ContactReceivedPage(BaseModel):
    items: list[ContactReceived] = Field(..., title="Items")
    page: int = Field(..., title="Page")
    per_page: int = Field(..., title="Per Page")
    total: int = Field(..., title="Total")


class Exporter(RootModel[str]):
    root: str = Field(..., max_length=120, pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContactRfqCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    company: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Company",
    )
    country: str | None = Field(
        default=None,
        description="The buyer's country (ISO 3166-1 alpha-2)",
        title="Country",
    )
    email: EmailStr = Field(..., title="Email")
    exporters: list[Exporter] = Field(
        ...,
        description="The exporters' slugs, 1 to 20; repeats count once",
        max_length=20,
        min_length=1,
        title="Exporters",
    )
    language: Literal["fr", "en", "ar"] | None = Field(
        default="fr",
        description="The language of the e-mail to the sender",
        title="Language",
    )
    message: str = Field(
        ...,
        max_length=5000,
        min_length=10,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Message",
    )
    name: str = Field(
        ...,
        max_length=120,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    website: str | None = Field(
        default="",
        description="Honeypot: leave empty (hidden in forms). A request with it filled gets the same 202 and is dropped.",
        max_length=200,
        title="Website",
    )


class CountryPublic(BaseModel):
    code: str = Field(..., title="Code")
    name: str = Field(..., title="Name")


class DoorCounts(BaseModel):
    checked_in: int = Field(..., title="Checked In")
    expected: int = Field(..., description="Confirmed guests (walk-ins included)", title="Expected")
    remaining: int = Field(..., description="Expected guests not checked in yet", title="Remaining")


class DoorGuest(BaseModel):
    checked_in_at: AwareDatetime | None = Field(..., title="Checked In At")
    code_hash: str = Field(
        ...,
        description="SHA-256 (hex) of the check-in token the guest's QR code carries",
        title="Code Hash",
    )
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")
    rsvp_id: int = Field(..., title="Rsvp Id")


class DoorGuestList(BaseModel):
    counts: DoorCounts
    event_id: int = Field(..., title="Event Id")
    generated_at: AwareDatetime = Field(..., title="Generated At")
    guests: list[DoorGuest] = Field(..., title="Guests")


class EventAttendance(BaseModel):
    by_source: dict[str, int] = Field(
        ...,
        description="Confirmed guests by source: online, organiser, walk_in",
        title="By Source",
    )
    cancelled: int = Field(..., title="Cancelled")
    capacity: int = Field(..., title="Capacity")
    checked_in: int = Field(..., title="Checked In")
    confirmed: int = Field(
        ...,
        description="Confirmed guests (every source, walk-ins included)",
        title="Confirmed",
    )
    event_id: int = Field(..., title="Event Id")
    is_over: bool = Field(
        ...,
        description="No-shows are final only once the event is over",
        title="Is Over",
    )
    never_promoted: int = Field(
        ...,
        description="Still on the waitlist when the event ended",
        title="Never Promoted",
    )
    no_shows: int = Field(..., description="Confirmed but never checked in", title="No Shows")
    walk_ins: int = Field(
        ...,
        description="Admitted at the door without an RSVP (source walk_in)",
        title="Walk Ins",
    )


class EventCancel(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    reason: str | None = Field(
        default="",
        max_length=1000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Reason",
    )


class EventCounts(BaseModel):
    available: int = Field(..., title="Available")
    cancelled: int = Field(..., title="Cancelled")
    capacity: int = Field(..., title="Capacity")
    checked_in: int = Field(..., title="Checked In")
    confirmed: int = Field(..., title="Confirmed")
    event_id: int = Field(..., title="Event Id")
    waitlisted: int = Field(..., title="Waitlisted")


class Latitude(RootModel[float]):
    root: float = Field(
        ...,
        description="The venue's latitude (WGS 84); with `longitude`",
        ge=-90.0,
        le=90.0,
        title="Latitude",
    )


class Longitude(RootModel[float]):
    root: float = Field(
        ...,
        description="The venue's longitude (WGS 84); with `latitude`",
        ge=-180.0,
        le=180.0,
        title="Longitude",
    )


class OnlineUrl(RootModel[str]):
    root: str = Field(..., max_length=500, pattern="^https?://\\S+$", title="Online Url")


class RegionCode(RootModel[str]):
    root: str = Field(..., pattern="^MA-(0[1-9]|1[0-2])$", title="Region Code")


class Series(RootModel[str]):
    root: str = Field(
        ...,
        description="Slug of the series this event belongs to",
        max_length=120,
        pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$",
        title="Series",
    )


class Slug(RootModel[str]):
    root: str = Field(..., max_length=160, pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$", title="Slug")


class Capacity(RootModel[int]):
    root: int = Field(..., ge=0, le=100000, title="Capacity")


class City(RootModel[str]):
    root: str = Field(
        ...,
        max_length=100,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="City",
    )


class Latitude1(RootModel[float]):
    root: float = Field(..., ge=-90.0, le=90.0, title="Latitude")


class Longitude1(RootModel[float]):
    root: float = Field(..., ge=-180.0, le=180.0, title="Longitude")


class Series1(RootModel[str]):
    root: str = Field(..., max_length=120, pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$", title="Series")


class Venue(RootModel[str]):
    root: str = Field(
        ...,
        max_length=300,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Venue",
    )


class FoundingYear(RootModel[int]):
    root: int = Field(
        ...,
        description="Between 1800 and the current year",
        ge=1800,
        le=2026,
        title="Founding Year",
    )


class Membership(RootModel[str]):
    root: str = Field(..., max_length=80, min_length=1)


class Slug1(RootModel[str]):
    root: str = Field(
        ...,
        description="Derived from the trade name when omitted",
        max_length=120,
        min_length=1,
        pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$",
        title="Slug",
    )


class Website(RootModel[AnyUrl]):
    root: AnyUrl = Field(..., title="Website")


class ExporterRef(BaseModel):
    city: str = Field(..., title="City")
    id: int = Field(..., title="Id")
    region: str = Field(..., title="Region")
    slug: str = Field(..., title="Slug")
    trade_name: str = Field(..., title="Trade Name")


class FieldError(BaseModel):
    code: str | None = Field(
        default="invalid",
        description="Machine code of the error, stable across releases: `missing`: the field is required and was not sent, or sent empty; `too-short`: text shorter than `params.min_length`; `too-long`: text longer than `params.max_length`; `too-few`: a list with fewer than `params.min_length` items; `too-many`: a list with more than `params.max_length` items; `too-small`: a number below `params.ge` / `params.gt`; `too-large`: a number above `params.le` / `params.lt`; `not-a-number`: a number was expected; `not-an-integer`: a whole number was expected; `not-a-boolean`: true or false was expected; `invalid-date`: not a date or date-time in ISO 8601; `invalid-url`: not an absolute http(s) URL; `invalid-email`: not an e-mail address; `invalid-phone`: not a valid phone number; `invalid-ice`: not a valid ICE (15 digits with a valid checksum); `invalid-slug`: not a slug (lower-case letters, digits and hyphens); `invalid-format`: does not match the expected format; `invalid-character`: a control or invisible character that text may not hold; `invalid-choice`: not one of the allowed values; `invalid-json`: the body is not valid JSON; `wrong-type`: a value of another type was expected; `unknown-field`: a field the operation does not accept; `hs-code-format`: an HS code has 6 to 10 digits; `hs-chapter-format`: an HS chapter has two digits; `unknown-country`: not an ISO 3166-1 alpha-2 country code; `market-is-morocco`: an export market is a country other than Morocco; `unknown-region`: no region with this code; `unknown-sector`: no sector with this slug; `unknown-series`: no event series with this slug; `unknown-exporter`: no exporter with this id; `unknown-product`: no product with this id; `exporter-not-yours`: the exporter is not the caller's; `duplicate`: the value must be unique and is already used; `duplicates`: a list repeats a value; `reserved`: the value is reserved; `not-null`: the field may not be null; `forbidden-field`: the caller may not change this field; `invalid-times`: the times are not in order (e.g. an end before its start); `coordinates-pair`: a latitude without a longitude, or the other way round; `year-out-of-range`: a year before 1800 or in the future; `not-utf8`: the file is not UTF-8 text; `invalid-csv`: the file is not valid CSV; `missing-column`: a required CSV column is missing; `unknown-column`: a CSV column that is not expected; `idempotency-key-reused`: this Idempotency-Key was used with another request; `label-rule`: the product does not meet a rule of the label; `file-too-large`: the file is larger than `params.max_bytes` (`params.max_mb` MiB); `image-type`: not a JPEG, PNG or WebP image, judged by its bytes (SVG, HTML... are refused); `image-too-many-pixels`: more than `params.max_pixels` pixels (`params.max_megapixels` MP); `image-trailing-data`: bytes after the image's end (a polyglot file); `image-damaged`: a truncated or damaged image; `invalid`: any other invalid value",
        examples=["too-long"],
        title="Code",
    )
    field: str = Field(
        ...,
        description="Dotted path of the offending field, e.g. `email` or `items.0.ice`",
        title="Field",
    )
    message: str = Field(
        ...,
        description="English, for developers; show your own words for `code`",
        title="Message",
    )
    params: dict[str, str | int | float] | None = Field(
        default=None,
        description="Values to put in a message for `code` (`min_length`, `max_length`, `ge`, `le`, `value`...)",
        title="Params",
    )
    type: str | None = Field(default="value_error", title="Type")


class FrequentCompany(BaseModel):
    attended: int = Field(..., description="Check-ins of the company's guests", title="Attended")
    guests: int = Field(..., description="Different guests of the company", title="Guests")
    organisation: str = Field(..., title="Organisation")


class FrequentGuest(BaseModel):
    attended: int = Field(
        ...,
        description="Events of the series the guest was checked in at",
        title="Attended",
    )
    email: str = Field(
        ...,
        description="Normalised e-mail (guests whose data is erased or purged are not listed)",
        title="Email",
    )
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")


class GrantIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    reason: str | None = Field(
        default="",
        max_length=2000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Reason",
    )
    valid_from: date | None = Field(
        default=None, description="Defaults to today; 2000..2100", title="Valid From"
    )
    valid_until: date | None = Field(
        default=None,
        description="Defaults to three years after valid_from; 2000..2100",
        title="Valid Until",
    )


class Phone(RootModel[str]):
    root: str = Field(..., pattern="^\\+?[0-9 ().-]{6,30}$", title="Phone")


class GuestAdd(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    email: EmailStr = Field(..., title="Email")
    language: Literal["fr", "en", "ar"] | None = Field(default="fr", title="Language")
    name: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    organisation: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Organisation",
    )
    phone: Phone | None = Field(default=None, title="Phone")
    when_full: Literal["refuse", "waitlist", "add_seat"] | None = Field(
        default="refuse",
        description="With no free seat: `refuse` (409 `event-full`), `waitlist` (the end of the line), or `add_seat` (the capacity grows by one for this guest)",
        title="When Full",
    )


class GuestChange(BaseModel):
    action: Literal["added", "confirmed", "waitlisted", "cancelled", "promoted", "seat_added"] = Field(
        ..., title="Action"
    )
    actor: str = Field(..., description="The organiser's account", title="Actor")
    at: AwareDatetime = Field(..., title="At")
    at_local: str = Field(..., description="YYYY-MM-DD HH:MM in Africa/Casablanca", title="At Local")
    from_status: str = Field(..., title="From Status")
    guest_name: str = Field(
        ...,
        description="Empty once the guest's personal data is erased",
        title="Guest Name",
    )
    id: int = Field(..., title="Id")
    rsvp_id: int = Field(..., title="Rsvp Id")
    to_status: str = Field(..., title="To Status")


class GuestMatch(BaseModel):
    checked_in_at: AwareDatetime | None = Field(..., title="Checked In At")
    checked_in_at_local: str | None = Field(..., title="Checked In At Local")
    email: str = Field(..., title="Email")
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")
    rsvp_id: int = Field(..., title="Rsvp Id")
    source: str = Field(..., title="Source")
    status: str = Field(..., title="Status")


class GuestMove(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    to: Literal["confirmed", "waitlisted"] = Field(
        ...,
        description="`confirmed`: this waitlisted guest takes a free seat (the organiser's pick); `waitlisted`: this confirmed guest goes to the end of the waitlist, the seat to its head",
        title="To",
    )
    when_full: Literal["refuse", "add_seat"] | None = Field(
        default="refuse",
        description="Moving to a seat with none free: `refuse` (409 `event-full`) or `add_seat`",
        title="When Full",
    )


class GuestOutcome(BaseModel):
    changed: bool = Field(
        ...,
        description="False when the guest already was so: nothing recorded, no e-mail",
        title="Changed",
    )
    guest: Attendee
    promoted: list[int] = Field(
        ...,
        description="RSVP ids of waitlisted guests who took a seat the change freed",
        title="Promoted",
    )


class GuestSearchResult(BaseModel):
    counts: DoorCounts
    query: str = Field(..., title="Query")
    results: list[GuestMatch] = Field(..., title="Results")


class HistoryEntry(BaseModel):
    actor: str = Field(..., title="Actor")
    actor_role: str = Field(..., title="Actor Role")
    at: AwareDatetime = Field(..., title="At")
    from_status: str | None = Field(..., title="From Status")
    reason: str = Field(..., title="Reason")
    subject: str = Field(..., description="application or label", title="Subject")
    to_status: str = Field(..., title="To Status")


class ImageRendition(BaseModel):
    height: int = Field(..., title="Height")
    media_type: str = Field(..., examples=["image/webp"], title="Media Type")
    url: str = Field(
        ...,
        description="Path on the API's origin; the bytes never change (cached for a year)",
        title="Url",
    )
    width: int = Field(..., title="Width")


class ImportProgress(BaseModel):
    rows_done: int = Field(..., description="Rows written so far", title="Rows Done")
    rows_total: int = Field(..., description="Data rows in the file", title="Rows Total")


class ImportRowError(BaseModel):
    column: str = Field(..., title="Column")
    line: int = Field(..., description="Line in the file (the header is line 1)", title="Line")
    message: str = Field(..., title="Message")


class LabelApplicationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    note: str | None = Field(
        default="",
        max_length=2000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Note",
    )
    product_id: int = Field(..., ge=1, le=2147483647, title="Product Id")


class LabelBatchIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    certificates: list[str] = Field(
        ...,
        description="1 to 100 certificate numbers, each at most once (case and surrounding spaces ignored)",
        examples=[["MIM-2026-7K3Q-9XPD", "MIM-2025-AB12-CD34"]],
        max_length=100,
        min_length=1,
        title="Certificates",
    )


class LocalTimes(BaseModel):
    ends_at: str = Field(..., title="Ends At")
    starts_at: str = Field(..., title="Starts At")
    timezone: str | None = Field(default="Africa/Casablanca", title="Timezone")


class LocalizedLineIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    ar: str | None = Field(
        default="",
        max_length=300,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Ar",
    )
    en: str | None = Field(
        default="",
        max_length=300,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="En",
    )
    fr: str = Field(
        ...,
        max_length=300,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Fr",
    )


class LocalizedNameIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    ar: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Ar",
    )
    en: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="En",
    )
    fr: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Fr",
    )


class LocalizedText(BaseModel):
    ar: str = Field(..., title="Ar")
    en: str = Field(..., title="En")
    fr: str = Field(..., title="Fr")


class MonthAttendance(BaseModel):
    by_source: dict[str, int] = Field(
        ...,
        description="Confirmed guests by source: online, organiser, walk_in",
        title="By Source",
    )
    cancelled: int = Field(..., title="Cancelled")
    checked_in: int = Field(..., title="Checked In")
    confirmed: int = Field(
        ...,
        description="Confirmed guests (every source, walk-ins included)",
        title="Confirmed",
    )
    events: int = Field(..., title="Events")
    month: str = Field(..., description="YYYY-MM (Casablanca time)", title="Month")
    never_promoted: int = Field(
        ...,
        description="Still on the waitlist when the event ended",
        title="Never Promoted",
    )
    no_shows: int = Field(..., description="Confirmed but never checked in", title="No Shows")
    walk_ins: int = Field(
        ...,
        description="Admitted at the door without an RSVP (source walk_in)",
        title="Walk Ins",
    )


class OptionalLocalizedLineIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    ar: str | None = Field(
        default="",
        max_length=300,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Ar",
    )
    en: str | None = Field(
        default="",
        max_length=300,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="En",
    )
    fr: str | None = Field(
        default="",
        max_length=300,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Fr",
    )


class OptionalLocalizedTextIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    ar: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Ar",
    )
    en: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="En",
    )
    fr: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Fr",
    )


class Url(RootModel[str]):
    root: str = Field(..., max_length=500, pattern="^https?://\\S+$", title="Url")


class PartnerIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Literal["organiser", "partner", "sponsor", "host", "media"] | None = Field(
        default="partner", title="Kind"
    )
    name: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    url: Url | None = Field(default=None, title="Url")


class PartnerPublic(BaseModel):
    id: int = Field(..., title="Id")
    kind: str = Field(..., title="Kind")
    name: str = Field(..., title="Name")
    url: str | None = Field(..., title="Url")


class ProblemDetail(BaseModel):
    code: str | None = Field(
        default=None,
        description="Machine code of the problem (the last part of `type`), stable across releases: `bad-request`: the request is malformed; `unauthorized`: no valid credential; `forbidden`: the credential may not do this; `not-found`: no such resource; `method-not-allowed`: the path does not answer this method; `conflict`: the change conflicts with the current state; `gone`: the resource is no longer available; `payload-too-large`: the body is too large; `unsupported-media-type`: the body's media type is not accepted; `validation-error`: some fields are not valid: see `errors`; `too-many-requests`: too many requests: retry after `Retry-After`; `service-unavailable`: a service is down: retry later; `database-unavailable`: the database is busy: retry; `internal-error`: an unexpected error, logged with the request id; `bad-gateway`: a service behind the gateway gave no valid answer: retry; `gateway-timeout`: a service behind the gateway did not answer in time; `rsvp-not-open`: RSVPs are not open yet: they open at `opens_at`; `rsvp-closed`: RSVPs are closed for this event; `event-not-published`: the event is not published; `event-past`: the event is over; `event-cancelled`: the event has been cancelled; `confirmation-expired`: the confirmation link has expired: RSVP again; `already-checked-in`: the guest is already checked in; `not-confirmed`: the RSVP is not confirmed: the guest has no seat; `no-entry-pass`: the RSVP has no entry pass; `too-many-pending`: too many unconfirmed RSVPs from this address; `exporter-not-yours`: the exporter is not the caller's; `open-application`: the product already has an open label application; `invalid-transition`: the application cannot move to this status; `label-rule`: the product does not meet the label's rules; `label-held`: a labelled exporter or product cannot be deleted: withdraw the label; `already-labelled`: the product already holds a live label; `session-ended`: the session has ended: sign in again; `idempotency-key-reused`: this Idempotency-Key was used with another request; `signin-locked`: too many failed sign-ins: retry after `Retry-After`; `contact-expired`: the contact request's link has expired: write the message again; `too-many-photos`: the product has its `params.max_photos` photos already",
        examples=["rsvp-not-open"],
        title="Code",
    )
    detail: str | None = Field(
        default=None,
        description="English, for developers; show your own words for `code`",
        title="Detail",
    )
    errors: list[FieldError] | None = Field(default=None, title="Errors")
    instance: str | None = Field(default=None, title="Instance")
    params: dict[str, str | int | float] | None = Field(
        default=None,
        description="Values to put in a message for `code`, e.g. `opens_at` (ISO 8601, UTC) for `rsvp-not-open`",
        title="Params",
    )
    request_id: str | None = Field(default=None, title="Request Id")
    status: int = Field(..., title="Status")
    title: str = Field(..., title="Title")
    type: str | None = Field(default="about:blank", title="Type")


class Capacity1(RootModel[str]):
    root: str = Field(..., max_length=120, title="Capacity")


class ImageUrl(RootModel[AnyUrl]):
    root: AnyUrl = Field(..., title="Image Url")


class ProductUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    capacity: Capacity1 | None = Field(default=None, title="Capacity")
    description_ar: str | None = Field(
        default=None,
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Ar",
    )
    description_en: str | None = Field(
        default=None,
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description En",
    )
    description_fr: str | None = Field(
        default=None,
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Fr",
    )
    hs_code: str | None = Field(
        default=None,
        description="Harmonized System code: 6 to 10 digits",
        examples=["151090"],
        pattern="^\\d{6,10}$",
        title="Hs Code",
    )
    image_url: ImageUrl | None = Field(default=None, title="Image Url")
    name_ar: str | None = Field(default=None, max_length=200, title="Name Ar")
    name_en: str | None = Field(default=None, max_length=200, title="Name En")
    name_fr: str | None = Field(
        default=None,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name Fr",
    )
    value_added_pct: float | None = Field(default=None, ge=0.0, le=100.0, title="Value Added Pct")


class Capacity2(RootModel[str]):
    root: str = Field(..., examples=["40 t / month"], max_length=120, title="Capacity")


class ProductWrite(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    capacity: Capacity2 | None = Field(default=None, examples=["40 t / month"], title="Capacity")
    description_ar: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Ar",
    )
    description_en: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description En",
    )
    description_fr: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Fr",
    )
    hs_code: str = Field(
        ...,
        description="Harmonized System code: 6 to 10 digits",
        examples=["151090"],
        pattern="^\\d{6,10}$",
        title="Hs Code",
    )
    image_url: ImageUrl | None = Field(default=None, title="Image Url")
    name_ar: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name Ar",
    )
    name_en: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name En",
    )
    name_fr: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name Fr",
    )
    value_added_pct: float = Field(
        ...,
        description="Share of value added in Morocco, %",
        ge=0.0,
        le=100.0,
        title="Value Added Pct",
    )


class PublishedKey(BaseModel):
    alg: Literal["EdDSA"] = Field(default="EdDSA", title="Alg")
    crv: Literal["Ed25519"] = Field(default="Ed25519", title="Crv")
    kid: str = Field(..., title="Kid")
    kty: Literal["OKP"] = Field(default="OKP", title="Kty")
    status: Literal["current", "verify-only"] = Field(
        ...,
        description="current: signs new statements; verify-only: an older key, kept for printed labels",
        title="Status",
    )
    use: Literal["sig"] = Field(default="sig", title="Use")
    x: str = Field(
        ...,
        description="The raw 32-byte public key, base64url without padding",
        title="X",
    )


class OlderThanDays(RootModel[int]):
    root: int = Field(
        ...,
        description="Defaults to EVENTS_PURGE_AFTER_DAYS",
        ge=0,
        le=36500,
        title="Older Than Days",
    )


class PurgeRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    older_than_days: OlderThanDays | None = Field(
        default=None,
        description="Defaults to EVENTS_PURGE_AFTER_DAYS",
        title="Older Than Days",
    )


class PurgeResult(BaseModel):
    events: int = Field(..., title="Events")
    older_than_days: int = Field(..., title="Older Than Days")
    rsvps: int = Field(..., title="Rsvps")


class RefreshRequest(BaseModel):
    refresh_token: str = Field(..., max_length=200, min_length=16, title="Refresh Token")


class RegionPublic(BaseModel):
    capital: str = Field(..., title="Capital")
    code: str = Field(..., title="Code")
    name: LocalizedText


class RequiredReason(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    reason: str = Field(
        ...,
        max_length=2000,
        min_length=3,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Reason",
    )


class RsvpAccepted(BaseModel):
    detail: str | None = Field(
        default="If this address can RSVP, a message is on its way to it: follow its link to confirm.",
        description="Constant text; the website shows its own translation",
        title="Detail",
    )
    event_id: int = Field(..., title="Event Id")
    status: Literal["check_your_inbox"] = Field(default="check_your_inbox", title="Status")


class ExporterId2(RootModel[int]):
    root: int = Field(
        ...,
        description="Only with an exporter account's token whose exporter is this one (else 403 `exporter-not-yours`)",
        ge=1,
        le=2147483647,
        title="Exporter Id",
    )


class RsvpCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    consent: Literal[True] = Field(
        ...,
        description="The guest agrees that the Club keeps these details for this event: must be true",
        title="Consent",
    )
    email: EmailStr = Field(..., title="Email")
    exporter_id: ExporterId2 | None = Field(
        default=None,
        description="Only with an exporter account's token whose exporter is this one (else 403 `exporter-not-yours`)",
        title="Exporter Id",
    )
    language: Literal["fr", "en", "ar"] | None = Field(default="fr", title="Language")
    name: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    organisation: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Organisation",
    )
    phone: Phone | None = Field(default=None, title="Phone")
    website: str | None = Field(
        default="",
        description="Honeypot: leave empty (hidden in forms); anything in it is refused",
        max_length=0,
        title="Website",
    )


class RsvpEventRef(BaseModel):
    city: str = Field(..., title="City")
    ends_at: AwareDatetime = Field(..., title="Ends At")
    id: int = Field(..., title="Id")
    is_past: bool | None = Field(default=False, description="The event has ended", title="Is Past")
    local: LocalTimes
    slug: str = Field(..., title="Slug")
    starts_at: AwareDatetime = Field(..., title="Starts At")
    status: Literal["draft", "published", "cancelled"] = Field(..., title="EventStatus")
    title: LocalizedText
    venue: str = Field(..., title="Venue")


class RsvpPublic(BaseModel):
    cancelled_at: AwareDatetime | None = Field(..., title="Cancelled At")
    checked_in_at: AwareDatetime | None = Field(..., title="Checked In At")
    checkin_token: str | None = Field(
        default=None,
        description="Carried by the QR code; only while the guest holds an entry pass",
        title="Checkin Token",
    )
    confirm_by: AwareDatetime | None = Field(
        default=None,
        description="A pending RSVP must be confirmed before this",
        title="Confirm By",
    )
    created_at: AwareDatetime = Field(..., title="Created At")
    email: str = Field(..., title="Email")
    entry_pass: bool | None = Field(
        default=False,
        description="Confirmed, not erased, and the event neither cancelled nor over: the QR code opens the door. Calendar links are only offered then (or on the waitlist).",
        title="Entry Pass",
    )
    erased: bool = Field(..., title="Erased")
    event: RsvpEventRef
    exporter_id: int | None = Field(..., title="Exporter Id")
    id: int = Field(..., title="Id")
    language: str = Field(..., title="Language")
    manage_token: str = Field(
        ...,
        description="Private: anyone with it can see and cancel this RSVP",
        title="Manage Token",
    )
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")
    phone: str | None = Field(..., title="Phone")
    status: Literal["pending", "confirmed", "waitlisted", "cancelled"] = Field(..., title="Status")
    waitlist_position: int | None = Field(
        default=None, description="1 = next to be promoted", title="Waitlist Position"
    )


class RsvpWindow(BaseModel):
    closed_code: str | None = Field(
        default=None,
        description="Machine code of why RSVPs are not open (show your own words for it): `rsvp-not-open` (they open at `opens_at`), `rsvp-closed`, `event-past`, `event-cancelled`, `event-not-published`",
        title="Closed Code",
    )
    closed_reason: str | None = Field(
        default=None,
        description="Why RSVPs are not open, when they are not",
        title="Closed Reason",
    )
    closes_at: AwareDatetime | None = Field(..., title="Closes At")
    is_open: bool = Field(..., description="True when a guest can RSVP right now", title="Is Open")
    opens_at: AwareDatetime | None = Field(..., title="Opens At")


class Seats(BaseModel):
    available: int = Field(..., title="Available")
    capacity: int = Field(..., title="Capacity")
    confirmed: int = Field(..., title="Confirmed")
    waitlisted: int = Field(..., title="Waitlisted")


class SectorPublic(BaseModel):
    isic_section: str = Field(..., title="Isic Section")
    name: LocalizedText
    slug: str = Field(..., title="Slug")


class SeriesAttendance(BaseModel):
    companies: list[FrequentCompany] = Field(..., title="Companies")
    events: int = Field(
        ...,
        description="Published events of the series that have started",
        title="Events",
    )
    guests: list[FrequentGuest] = Field(..., title="Guests")
    months: list[MonthAttendance] = Field(..., title="Months")
    series: str = Field(..., title="Series")
    total: AttendanceCounts


class SeriesCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    cadence: Literal["monthly", "annual", "one-off"] | None = Field(default="one-off", title="Cadence")
    description: OptionalLocalizedTextIn | None = Field(
        default={"ar": "", "en": "", "fr": ""}, validate_default=True
    )
    name: LocalizedNameIn
    organiser: str | None = Field(
        default="Les Impériales",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Organiser",
    )
    slug: str = Field(..., max_length=120, pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$", title="Slug")


class SeriesPublic(BaseModel):
    cadence: str = Field(..., description="monthly | annual | one-off", title="Cadence")
    description: LocalizedText
    id: int = Field(..., title="Id")
    name: LocalizedText
    organiser: str = Field(..., title="Organiser")
    slug: str = Field(..., title="Slug")


class SeriesRef(BaseModel):
    id: int = Field(..., title="Id")
    name: LocalizedText
    slug: str = Field(..., title="Slug")


class SignIn(BaseModel):
    email: EmailStr = Field(..., title="Email")
    password: str = Field(..., max_length=256, min_length=1, title="Password")


class ExporterId3(RootModel[int]):
    root: int = Field(..., ge=1, le=2147483647, title="Exporter Id")


class PhotoUrl(RootModel[str]):
    root: str = Field(
        ...,
        description="https only",
        max_length=500,
        pattern="^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\\s\\\\]*)?$",
        title="Photo Url",
    )


class SpeakerIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    exporter_id: ExporterId3 | None = Field(default=None, title="Exporter Id")
    name: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    organisation: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Organisation",
    )
    photo_url: PhotoUrl | None = Field(default=None, description="https only", title="Photo Url")
    role: str | None = Field(
        default="",
        description="In French (the reference)",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Role",
    )
    role_ar: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Role Ar",
    )
    role_en: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Role En",
    )


class SpeakerPublic(BaseModel):
    exporter_id: int | None = Field(..., title="Exporter Id")
    id: int = Field(..., title="Id")
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")
    panel_id: int | None = Field(..., title="Panel Id")
    photo_url: str | None = Field(
        ..., description="An https address of the speaker's photo", title="Photo Url"
    )
    role: str = Field(..., description="In French; `role_localized` has every language", title="Role")
    role_localized: LocalizedText


class Stats(BaseModel):
    active_labels: int = Field(..., title="Active Labels")
    by_region: dict[str, int] = Field(..., title="By Region")
    by_sector: dict[str, int] = Field(..., title="By Sector")
    exporters: int = Field(..., title="Exporters")
    labelled_exporters: int = Field(..., title="Labelled Exporters")
    products: int = Field(..., title="Products")
    progress_pct: float = Field(..., title="Progress Pct")
    target_exporters: int | None = Field(default=12000, title="Target Exporters")
    target_year: int | None = Field(default=2035, title="Target Year")


class StatusChange(BaseModel):
    at: AwareDatetime = Field(..., title="At")
    from_status: str | None = Field(..., title="From Status")
    reason: str = Field(..., title="Reason")
    subject: str = Field(..., description="application or label", title="Subject")
    to_status: str = Field(..., title="To Status")


class SyncItem(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    client_id: str = Field(..., pattern="^[A-Za-z0-9_-]{8,64}$", title="Client Id")
    door: str | None = Field(
        default="",
        max_length=60,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Door",
    )
    happened_at: AwareDatetime = Field(..., title="Happened At")
    rsvp_id: RsvpId | None = Field(default=None, title="Rsvp Id")
    token: Token | None = Field(default=None, title="Token")


class SyncItemResult(BaseModel):
    checked_in_at: AwareDatetime | None = Field(
        ..., description="When the check-in that counts happened", title="Checked In At"
    )
    checked_in_at_local: str | None = Field(..., title="Checked In At Local")
    client_id: str = Field(..., title="Client Id")
    door: str | None = Field(..., description="The door of the check-in that counts", title="Door")
    message: str = Field(..., title="Message")
    name: str = Field(..., title="Name")
    result: Literal["checked_in", "conflict", "undone", "not_found", "not_confirmed"] = Field(
        ...,
        description="checked_in: this check-in is the one that counts; conflict: the guest was checked in earlier (at another door, or by this one); undone: an undo came after it; not_found: no such guest at this event; not_confirmed: the guest has no seat (cancelled...)",
        title="Result",
    )
    rsvp_id: int | None = Field(..., title="Rsvp Id")


class SyncResult(BaseModel):
    counts: DoorCounts
    results: list[SyncItemResult] = Field(..., title="Results")


class TokenPair(BaseModel):
    access_token: str = Field(..., title="Access Token")
    expires_in: int = Field(..., description="Seconds the access token stays valid", title="Expires In")
    refresh_expires_in: int = Field(..., title="Refresh Expires In")
    refresh_token: str = Field(
        ...,
        description="Single use: each refresh returns a new one",
        title="Refresh Token",
    )
    token_type: Literal["bearer"] = Field(default="bearer", title="Token Type")


class TransitionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    reason: str | None = Field(
        default="",
        max_length=2000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Reason",
    )


class VenueMap(BaseModel):
    geo_uri: str = Field(
        ...,
        description="RFC 5870 `geo:` URI (opens the phone's map app)",
        title="Geo Uri",
    )
    latitude: float = Field(..., title="Latitude")
    longitude: float = Field(..., title="Longitude")
    openstreetmap_url: str = Field(..., title="Openstreetmap Url")


class WalkInAdmitted(BaseModel):
    checked_in_at: AwareDatetime = Field(..., title="Checked In At")
    checked_in_at_local: str = Field(..., title="Checked In At Local")
    counts: DoorCounts
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")
    rsvp_id: int = Field(..., title="Rsvp Id")


class WalkInCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    door: str | None = Field(
        default="",
        max_length=60,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Door",
    )
    email: EmailStr | None = Field(default=None, title="Email")
    name: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Name",
    )
    organisation: str | None = Field(
        default="",
        max_length=200,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Organisation",
    )


class WebhookDeliveryPublic(BaseModel):
    attempts: int = Field(..., title="Attempts")
    created_at: AwareDatetime = Field(..., title="Created At")
    delivered_at: AwareDatetime | None = Field(..., title="Delivered At")
    endpoint_id: int = Field(..., title="Endpoint Id")
    event_type: str = Field(..., title="Event Type")
    id: int = Field(..., title="Id")
    last_attempt_at: AwareDatetime | None = Field(..., title="Last Attempt At")
    last_error: str | None = Field(..., title="Last Error")
    last_status_code: int | None = Field(..., title="Last Status Code")
    message_id: str = Field(
        ...,
        description="The `webhook-id` header, the same on every attempt",
        title="Message Id",
    )
    next_attempt_at: AwareDatetime = Field(..., title="Next Attempt At")
    status: Literal["pending", "delivered", "failed"] = Field(..., title="Status")


class WebhookEndpointCreate(BaseModel):
    description: str | None = Field(default="", max_length=200, title="Description")
    event_types: list[
        Literal[
            "event.cancelled",
            "event.changed",
            "event.published",
            "exporter.created",
            "exporter.deleted",
            "exporter.updated",
            "label.expired",
            "label.granted",
            "label.reinstated",
            "label.suspended",
            "label.withdrawn",
        ]
    ] = Field(..., max_length=50, min_length=1, title="Event Types")
    url: AnyUrl = Field(
        ...,
        description="https (http to 127.0.0.1 only outside production)",
        title="Url",
    )


class WebhookEndpointCreated(BaseModel):
    created_at: AwareDatetime = Field(..., title="Created At")
    description: str = Field(..., title="Description")
    disabled_at: AwareDatetime | None = Field(..., title="Disabled At")
    disabled_reason: str | None = Field(
        ...,
        description="Why it was disabled (too many failures, or by hand)",
        title="Disabled Reason",
    )
    enabled: bool = Field(..., title="Enabled")
    event_types: list[str] = Field(..., title="Event Types")
    failure_count: int = Field(..., title="Failure Count")
    id: int = Field(..., title="Id")
    owner: str = Field(..., title="Owner")
    secret: str = Field(
        ...,
        description="`whsec_<base64>`: signs every message; shown in this answer only",
        title="Secret",
    )
    updated_at: AwareDatetime = Field(..., title="Updated At")
    url: str = Field(..., title="Url")


class WebhookEndpointPublic(BaseModel):
    created_at: AwareDatetime = Field(..., title="Created At")
    description: str = Field(..., title="Description")
    disabled_at: AwareDatetime | None = Field(..., title="Disabled At")
    disabled_reason: str | None = Field(
        ...,
        description="Why it was disabled (too many failures, or by hand)",
        title="Disabled Reason",
    )
    enabled: bool = Field(..., title="Enabled")
    event_types: list[str] = Field(..., title="Event Types")
    failure_count: int = Field(..., title="Failure Count")
    id: int = Field(..., title="Id")
    owner: str = Field(..., title="Owner")
    updated_at: AwareDatetime = Field(..., title="Updated At")
    url: str = Field(..., title="Url")


class Description(RootModel[str]):
    root: str = Field(..., max_length=200, title="Description")


class EventTypes(
    RootModel[
        list[
            Literal[
                "event.cancelled",
                "event.changed",
                "event.published",
                "exporter.created",
                "exporter.deleted",
                "exporter.updated",
                "label.expired",
                "label.granted",
                "label.reinstated",
                "label.suspended",
                "label.withdrawn",
            ]
        ]
    ]
):
    root: list[
        Literal[
            "event.cancelled",
            "event.changed",
            "event.published",
            "exporter.created",
            "exporter.deleted",
            "exporter.updated",
            "label.expired",
            "label.granted",
            "label.reinstated",
            "label.suspended",
            "label.withdrawn",
        ]
    ] = Field(..., max_length=50, min_length=1, title="Event Types")


class Url1(RootModel[AnyUrl]):
    root: AnyUrl = Field(..., title="Url")


class WebhookEndpointUpdate(BaseModel):
    description: Description | None = Field(default=None, title="Description")
    enabled: bool | None = Field(
        default=None,
        description="true enables again a disabled endpoint",
        title="Enabled",
    )
    event_types: EventTypes | None = Field(default=None, title="Event Types")
    url: Url1 | None = Field(default=None, title="Url")


class WebhookEventType(BaseModel):
    source: str = Field(..., title="Source")
    type: str = Field(..., title="Type")


class When(RootModel[Literal["upcoming", "past", "all"]]):
    root: Literal["upcoming", "past", "all"] = Field(..., title="When")


class AddPhoto(BaseModel):
    alt_ar: str | None = Field(default="", max_length=250, title="Alt Ar")
    alt_en: str | None = Field(default="", max_length=250, title="Alt En")
    alt_fr: str | None = Field(default="", max_length=250, title="Alt Fr")
    file: str = Field(
        ...,
        description="A JPEG, PNG or WebP image (read from its bytes); no SVG. Metadata is removed.",
        json_schema_extra={"contentMediaType": "application/octet-stream"},
        title="File",
    )


class SetLogo(BaseModel):
    alt_ar: str | None = Field(default="", max_length=250, title="Alt Ar")
    alt_en: str | None = Field(default="", max_length=250, title="Alt En")
    alt_fr: str | None = Field(default="", max_length=250, title="Alt Fr")
    file: str = Field(
        ...,
        description="A JPEG, PNG or WebP image (read from its bytes); no SVG. Metadata is removed.",
        json_schema_extra={"contentMediaType": "application/octet-stream"},
        title="File",
    )


class AccountCreate(BaseModel):
    email: EmailStr = Field(..., title="Email")
    exporter_id: ExporterId | None = Field(
        default=None,
        description="Required for (and only for) exporters",
        title="Exporter Id",
    )
    password: str = Field(..., max_length=256, min_length=10, title="Password")
    role: Literal["admin", "organiser", "exporter"] = Field(..., title="Role")


class AccountPublic(BaseModel):
    active: bool = Field(..., title="Active")
    created_at: AwareDatetime = Field(..., title="Created At")
    email: str = Field(..., title="Email")
    exporter_id: int | None = Field(..., title="Exporter Id")
    id: int = Field(..., title="Id")
    role: Literal["admin", "organiser", "exporter"] = Field(..., title="Role")


class ApiKeyCreate(BaseModel):
    exporter_id: ExporterId1 | None = Field(default=None, title="Exporter Id")
    name: str = Field(
        ...,
        description="Who or what uses the key",
        max_length=120,
        min_length=1,
        title="Name",
    )
    role: Literal["admin", "organiser", "exporter"] = Field(..., title="Role")
    scope: Literal["read", "read-write"] | None = Field(default="read", title="Scope")


class ApiKeyCreated(BaseModel):
    created_at: AwareDatetime = Field(..., title="Created At")
    exporter_id: int | None = Field(..., title="Exporter Id")
    id: int = Field(..., title="Id")
    key: str = Field(..., description="The secret: shown this once, store it now", title="Key")
    name: str = Field(..., title="Name")
    prefix: str = Field(..., description="The key's first characters, to recognise it", title="Prefix")
    revoked_at: AwareDatetime | None = Field(..., title="Revoked At")
    role: Literal["admin", "organiser", "exporter"] = Field(..., title="Role")
    scope: Literal["read", "read-write"] = Field(..., title="Scope")


class ApiKeyPublic(BaseModel):
    created_at: AwareDatetime = Field(..., title="Created At")
    exporter_id: int | None = Field(..., title="Exporter Id")
    id: int = Field(..., title="Id")
    name: str = Field(..., title="Name")
    prefix: str = Field(..., description="The key's first characters, to recognise it", title="Prefix")
    revoked_at: AwareDatetime | None = Field(..., title="Revoked At")
    role: Literal["admin", "organiser", "exporter"] = Field(..., title="Role")
    scope: Literal["read", "read-write"] = Field(..., title="Scope")


class CheckInResult(BaseModel):
    checked_in_at: AwareDatetime = Field(..., title="Checked In At")
    checked_in_at_local: str = Field(
        ..., description="HH:MM in Africa/Casablanca", title="Checked In At Local"
    )
    counts: DoorCounts
    message: str = Field(..., title="Message")
    name: str = Field(..., title="Name")
    organisation: str = Field(..., title="Organisation")
    result: Literal["checked_in", "already_checked_in"] = Field(..., title="Result")
    rsvp_id: int = Field(..., title="Rsvp Id")


class CheckInUndone(BaseModel):
    counts: DoorCounts
    rsvp_id: int = Field(..., title="Rsvp Id")
    undone_at: AwareDatetime = Field(..., title="Undone At")
    undone_by: str = Field(..., title="Undone By")


class ContactConfirmed(BaseModel):
    confirmed_at: AwareDatetime = Field(..., title="Confirmed At")
    exporters: list[ContactExporterRef] = Field(..., title="Exporters")
    status: Literal["confirmed"] = Field(default="confirmed", title="Status")


class EventSummary(BaseModel):
    city: str = Field(..., title="City")
    ends_at: AwareDatetime = Field(..., description="UTC", title="Ends At")
    format: Literal["in_person", "online", "hybrid"] = Field(..., title="EventFormat")
    id: int = Field(..., title="Id")
    is_past: bool = Field(..., title="Is Past")
    local: LocalTimes
    region_code: str | None = Field(..., title="Region Code")
    rsvp: RsvpWindow
    seats: Seats
    series: SeriesRef | None
    slug: str = Field(..., title="Slug")
    starts_at: AwareDatetime = Field(..., description="UTC", title="Starts At")
    status: Literal["draft", "published", "cancelled"] = Field(..., title="EventStatus")
    theme: LocalizedText
    title: LocalizedText
    venue: str = Field(..., title="Venue")


class Partners(RootModel[list[PartnerIn]]):
    root: list[PartnerIn] = Field(..., max_length=50, title="Partners")


class Speakers(RootModel[list[SpeakerIn]]):
    root: list[SpeakerIn] = Field(..., max_length=50, title="Speakers")


class ExporterCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    certifications: list[CertificationIn] | None = Field(
        default=[], max_length=50, title="Certifications", validate_default=True
    )
    city: str = Field(
        ...,
        max_length=100,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="City",
    )
    description_ar: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Ar",
    )
    description_en: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description En",
    )
    description_fr: str | None = Field(
        default="",
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Fr",
    )
    email: EmailStr | None = Field(default=None, title="Email")
    employee_band: Literal["1-9", "10-49", "50-249", "250-999", "1000+"] | None = None
    export_markets: list[str] | None = Field(default=[], max_length=250, title="Export Markets")
    founding_year: FoundingYear | None = Field(default=None, title="Founding Year")
    ice: str = Field(
        ...,
        description="Identifiant Commun de l'Entreprise: 15 digits, the last two ISO 7064 MOD 97-10 check digits; a number with a wrong checksum is refused",
        examples=["001525478000040"],
        pattern="^\\d{15}$",
        title="Ice",
    )
    legal_name: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Legal Name",
    )
    memberships: list[Membership] | None = Field(
        default=[],
        examples=[["Les Impériales", "ASMEX"]],
        max_length=20,
        title="Memberships",
        validate_default=True,
    )
    phone: str | None = Field(default=None, title="Phone")
    region: Literal[
        "MA-01",
        "MA-02",
        "MA-03",
        "MA-04",
        "MA-05",
        "MA-06",
        "MA-07",
        "MA-08",
        "MA-09",
        "MA-10",
        "MA-11",
        "MA-12",
    ] = Field(..., examples=["MA-06"], title="Region")
    sectors: (
        list[
            Literal[
                "agrifood",
                "agriculture",
                "fisheries",
                "textile",
                "leather",
                "automotive",
                "aeronautics",
                "pharma",
                "chemicals",
                "mining",
                "building-materials",
                "renewable-energy",
                "digital",
                "crafts",
                "cosmetics",
                "media-communication",
                "logistics",
            ]
        ]
        | None
    ) = Field(default=[], description="Sector slugs", max_length=10, title="Sectors")
    size_band: Literal["micro", "small", "medium", "large"] | None = Field(default="small", title="SizeBand")
    slug: Slug1 | None = Field(
        default=None,
        description="Derived from the trade name when omitted",
        title="Slug",
    )
    trade_name: str = Field(
        ...,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Trade Name",
    )
    verified: bool | None = Field(default=False, description="Set by organisers only", title="Verified")
    website: Website | None = Field(default=None, title="Website")


class ExporterProductRef(BaseModel):
    hs_code: str = Field(..., title="Hs Code")
    id: int = Field(..., title="Id")
    name: LocalizedText
    value_added_pct: float = Field(..., title="Value Added Pct")


class ExporterUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    certifications: list[CertificationIn] | None = Field(default=None, max_length=50, title="Certifications")
    city: str | None = Field(default=None, max_length=100, min_length=1, title="City")
    description_ar: str | None = Field(
        default=None,
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Ar",
    )
    description_en: str | None = Field(
        default=None,
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description En",
    )
    description_fr: str | None = Field(
        default=None,
        max_length=5000,
        pattern="^[^\\u0000-\\u0008\\u000b-\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Description Fr",
    )
    email: EmailStr | None = Field(default=None, title="Email")
    employee_band: Literal["1-9", "10-49", "50-249", "250-999", "1000+"] | None = None
    export_markets: list[str] | None = Field(default=None, max_length=250, title="Export Markets")
    founding_year: FoundingYear | None = Field(default=None, title="Founding Year")
    ice: str | None = Field(
        default=None,
        description="Identifiant Commun de l'Entreprise: 15 digits, the last two ISO 7064 MOD 97-10 check digits; a number with a wrong checksum is refused",
        examples=["001525478000040"],
        pattern="^\\d{15}$",
        title="Ice",
    )
    legal_name: str | None = Field(
        default=None,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Legal Name",
    )
    memberships: list[Membership] | None = Field(default=None, max_length=20, title="Memberships")
    phone: str | None = Field(default=None, title="Phone")
    region: (
        Literal[
            "MA-01",
            "MA-02",
            "MA-03",
            "MA-04",
            "MA-05",
            "MA-06",
            "MA-07",
            "MA-08",
            "MA-09",
            "MA-10",
            "MA-11",
            "MA-12",
        ]
        | None
    ) = Field(default=None, examples=["MA-06"], title="Region")
    sectors: (
        list[
            Literal[
                "agrifood",
                "agriculture",
                "fisheries",
                "textile",
                "leather",
                "automotive",
                "aeronautics",
                "pharma",
                "chemicals",
                "mining",
                "building-materials",
                "renewable-energy",
                "digital",
                "crafts",
                "cosmetics",
                "media-communication",
                "logistics",
            ]
        ]
        | None
    ) = Field(default=None, max_length=10, title="Sectors")
    show_contact: bool | None = Field(default=None, title="Show Contact")
    size_band: Literal["micro", "small", "medium", "large"] | None = Field(default=None, title="SizeBand")
    slug: str | None = Field(
        default=None,
        max_length=120,
        min_length=1,
        pattern="^[a-z0-9]+(?:-[a-z0-9]+)*$",
        title="Slug",
    )
    trade_name: str | None = Field(
        default=None,
        max_length=200,
        min_length=1,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Trade Name",
    )
    verified: bool | None = Field(default=None, title="Verified")
    website: Website | None = Field(default=None, title="Website")


class GrantedFacts(BaseModel):
    exporter_ice: str = Field(..., title="Exporter Ice")
    exporter_legal_name: str = Field(..., title="Exporter Legal Name")
    exporter_region: str = Field(..., title="Exporter Region")
    exporter_trade_name: str = Field(..., title="Exporter Trade Name")
    hs_code: str = Field(..., title="Hs Code")
    product_name: LocalizedText
    value_added_pct: float = Field(..., title="Value Added Pct")


class ImagePublic(BaseModel):
    alt: LocalizedText
    hash: str = Field(
        ...,
        description="Content hash: the same upload always gives the same hash and URLs",
        title="Hash",
    )
    height: int = Field(..., description="Height of the largest rendition, px", title="Height")
    id: int | None = Field(
        default=None,
        description="The photo's id (to delete it); null for a logo",
        title="Id",
    )
    renditions: list[ImageRendition] = Field(..., title="Renditions")
    width: int = Field(..., description="Width of the largest rendition, px", title="Width")


class ImportReport(BaseModel):
    errors: list[ImportRowError] = Field(..., title="Errors")
    rejected_rows: int = Field(..., title="Rejected Rows")
    written: int = Field(..., title="Written")


class LabelBrief(BaseModel):
    certificate_number: str = Field(..., title="Certificate Number")
    product_id: int = Field(..., title="Product Id")
    status: Literal["active", "suspended", "in_review", "withdrawn", "expired"] = Field(
        ...,
        description="A label's status. ``expired`` is never stored: an ``active`` label past its\n``valid_until`` reads ``expired`` (``catalogue.effective_status``).",
        title="LabelStatus",
    )
    valid_until: date = Field(..., title="Valid Until")


class LabelKeySet(BaseModel):
    current: str = Field(..., description="Key id of the key that signs new statements", title="Current")
    format: Literal["MIM1"] = Field(default="MIM1", title="Format")
    keys: list[PublishedKey] = Field(..., title="Keys")


class LabelPublic(BaseModel):
    certificate_number: str = Field(..., title="Certificate Number")
    status: Literal["active", "suspended", "in_review", "withdrawn", "expired"] = Field(
        ...,
        description="A label's status. ``expired`` is never stored: an ``active`` label past its\n``valid_until`` reads ``expired`` (``catalogue.effective_status``).",
        title="LabelStatus",
    )
    valid_from: date = Field(..., title="Valid From")
    valid_until: date = Field(..., title="Valid Until")
    verification_url: str = Field(..., title="Verification Url")


class LabelVerification(BaseModel):
    certificate_number: str = Field(..., title="Certificate Number")
    exporter: ExporterRef
    genuine: bool | None = Field(
        default=True,
        description="The certificate number exists (it is not a counterfeit)",
        title="Genuine",
    )
    granted: GrantedFacts
    history: list[StatusChange] = Field(
        ..., description="Status changes of the label, oldest first", title="History"
    )
    product: ExporterProductRef
    status: Literal["active", "suspended", "in_review", "withdrawn", "expired"] = Field(
        ...,
        description="A label's status. ``expired`` is never stored: an ``active`` label past its\n``valid_until`` reads ``expired`` (``catalogue.effective_status``).",
        title="LabelStatus",
    )
    under_review: bool | None = Field(
        default=False,
        description="A fact the grant rested on has changed since; an organiser reviews it",
        title="Under Review",
    )
    valid: bool = Field(
        ...,
        description="True only while the label is active and within its dates",
        title="Valid",
    )
    valid_from: date = Field(..., title="Valid From")
    valid_until: date = Field(..., title="Valid Until")
    verification_url: str = Field(..., title="Verification Url")


class PageAccountPublic(BaseModel):
    items: list[AccountPublic] = Field(..., title="Items")
    page: int = Field(..., title="Page")
    per_page: int = Field(..., title="Per Page")
    total: int = Field(..., title="Total")


class PageApiKeyPublic(BaseModel):
    items: list[ApiKeyPublic] = Field(..., title="Items")
    page: int = Field(..., title="Page")
    per_page: int = Field(..., title="Per Page")
    total: int = Field(..., title="Total")


class PageEventSummary(BaseModel):
    items: list[EventSummary] = Field(..., title="Items")
    page: int = Field(..., title="Page")
    per_page: int = Field(..., title="Per Page")
    total: int = Field(..., title="Total")


class PanelIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    ends_at: AwareDatetime | None = Field(default=None, title="Ends At")
    speakers: list[SpeakerIn] | None = Field(default=None, max_length=50, title="Speakers")
    starts_at: AwareDatetime | None = Field(default=None, title="Starts At")
    title: LocalizedLineIn


class PanelPublic(BaseModel):
    ends_at: AwareDatetime | None = Field(..., title="Ends At")
    id: int = Field(..., title="Id")
    position: int = Field(..., title="Position")
    speakers: list[SpeakerPublic] = Field(..., title="Speakers")
    starts_at: AwareDatetime | None = Field(..., title="Starts At")
    title: LocalizedText


class ProductPublic(BaseModel):
    capacity: str | None = Field(..., title="Capacity")
    created_at: AwareDatetime = Field(..., title="Created At")
    description: LocalizedText
    exporter: ExporterRef
    hs_chapter: str = Field(..., title="Hs Chapter")
    hs_code: str = Field(..., title="Hs Code")
    id: int = Field(..., title="Id")
    image_url: str | None = Field(..., title="Image Url")
    label_status: str = Field(..., title="Label Status")
    name: LocalizedText
    photos: list[ImagePublic] | None = Field(default=None, description="In display order", title="Photos")
    updated_at: AwareDatetime = Field(..., title="Updated At")
    value_added_pct: float = Field(..., title="Value Added Pct")


class SyncBatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    items: list[SyncItem] = Field(..., max_length=500, min_length=1, title="Items")


class WebSessionStarted(BaseModel):
    account: AccountPublic
    expires_in: int = Field(
        ...,
        description="Seconds the session stays open unless signed out",
        title="Expires In",
    )
    session: str = Field(
        ...,
        description="Send as `Authorization: Session <session>`; shown once",
        title="Session",
    )


class EventCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    capacity: int = Field(..., ge=0, le=100000, title="Capacity")
    city: str | None = Field(
        default="",
        max_length=100,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="City",
    )
    description: OptionalLocalizedTextIn | None = Field(
        default={"ar": "", "en": "", "fr": ""}, validate_default=True
    )
    ends_at: AwareDatetime = Field(
        ...,
        description="Between 2000-01-01 and 2100-12-31; no offset: Casablanca time",
        title="Ends At",
    )
    format: Literal["in_person", "online", "hybrid"] | None = Field(default="in_person", title="EventFormat")
    latitude: Latitude | None = Field(
        default=None,
        description="The venue's latitude (WGS 84); with `longitude`",
        title="Latitude",
    )
    longitude: Longitude | None = Field(
        default=None,
        description="The venue's longitude (WGS 84); with `latitude`",
        title="Longitude",
    )
    online_url: OnlineUrl | None = Field(default=None, title="Online Url")
    panels: list[PanelIn] | None = Field(default=None, max_length=30, title="Panels")
    partners: list[PartnerIn] | None = Field(default=None, max_length=50, title="Partners")
    region_code: RegionCode | None = Field(default=None, title="Region Code")
    rsvp_closes_at: AwareDatetime | None = Field(default=None, title="Rsvp Closes At")
    rsvp_opens_at: AwareDatetime | None = Field(default=None, title="Rsvp Opens At")
    series: Series | None = Field(
        default=None,
        description="Slug of the series this event belongs to",
        title="Series",
    )
    slug: Slug | None = Field(default=None, title="Slug")
    speakers: list[SpeakerIn] | None = Field(
        default=None, description="Keynotes", max_length=50, title="Speakers"
    )
    starts_at: AwareDatetime = Field(
        ...,
        description="Between 2000-01-01 and 2100-12-31; no offset: Casablanca time",
        title="Starts At",
    )
    theme: OptionalLocalizedLineIn | None = Field(
        default={"ar": "", "en": "", "fr": ""}, validate_default=True
    )
    title: LocalizedLineIn
    venue: str | None = Field(
        default="",
        max_length=300,
        pattern="^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufdd0-\\ufdef\\ufeff\\ufff9-\\ufffb\\ufffe-\\uffff\U000110bd\U000110cd\U00013430\U00013431\U00013432\U00013433\U00013434\U00013435\U00013436\U00013437\U00013438\U0001bca0\U0001bca1\U0001bca2\U0001bca3\U0001d173\U0001d174\U0001d175\U0001d176\U0001d177\U0001d178\U0001d179\U0001d17a\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff\U000e0001\U000e0020\U000e0021\U000e0022\U000e0023\U000e0024\U000e0025\U000e0026\U000e0027\U000e0028\U000e0029\U000e002a\U000e002b\U000e002c\U000e002d\U000e002e\U000e002f\U000e0030\U000e0031\U000e0032\U000e0033\U000e0034\U000e0035\U000e0036\U000e0037\U000e0038\U000e0039\U000e003a\U000e003b\U000e003c\U000e003d\U000e003e\U000e003f\U000e0040\U000e0041\U000e0042\U000e0043\U000e0044\U000e0045\U000e0046\U000e0047\U000e0048\U000e0049\U000e004a\U000e004b\U000e004c\U000e004d\U000e004e\U000e004f\U000e0050\U000e0051\U000e0052\U000e0053\U000e0054\U000e0055\U000e0056\U000e0057\U000e0058\U000e0059\U000e005a\U000e005b\U000e005c\U000e005d\U000e005e\U000e005f\U000e0060\U000e0061\U000e0062\U000e0063\U000e0064\U000e0065\U000e0066\U000e0067\U000e0068\U000e0069\U000e006a\U000e006b\U000e006c\U000e006d\U000e006e\U000e006f\U000e0070\U000e0071\U000e0072\U000e0073\U000e0074\U000e0075\U000e0076\U000e0077\U000e0078\U000e0079\U000e007a\U000e007b\U000e007c\U000e007d\U000e007e\U000e007f\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]*$",
        title="Venue",
    )


class EventPublic(BaseModel):
    cancellation_reason: str | None = Field(..., title="Cancellation Reason")
    city: str = Field(..., title="City")
    created_at: AwareDatetime = Field(..., title="Created At")
    description: LocalizedText
    ends_at: AwareDatetime = Field(..., description="UTC", title="Ends At")
    format: Literal["in_person", "online", "hybrid"] = Field(..., title="EventFormat")
    id: int = Field(..., title="Id")
    is_past: bool = Field(..., title="Is Past")
    local: LocalTimes
    map: VenueMap | None = Field(..., description="None when the organiser gave no coordinates")
    online_url: str | None = Field(..., title="Online Url")
    panels: list[PanelPublic] = Field(..., title="Panels")
    partners: list[PartnerPublic] = Field(..., title="Partners")
    region_code: str | None = Field(..., title="Region Code")
    rsvp: RsvpWindow
    seats: Seats
    series: SeriesRef | None
    slug: str = Field(..., title="Slug")
    speakers: list[SpeakerPublic] = Field(
        ..., description="Keynote speakers, not on a panel", title="Speakers"
    )
    starts_at: AwareDatetime = Field(..., description="UTC", title="Starts At")
    status: Literal["draft", "published", "cancelled"] = Field(..., title="EventStatus")
    theme: LocalizedText
    title: LocalizedText
    updated_at: AwareDatetime = Field(..., title="Updated At")
    venue: str = Field(..., title="Venue")


class Panels(RootModel[list[PanelIn]]):
    root: list[PanelIn] = Field(..., max_length=30, title="Panels")


class EventUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    capacity: Capacity | None = Field(default=None, title="Capacity")
    city: City | None = Field(default=None, title="City")
    description: OptionalLocalizedTextIn | None = None
    ends_at: AwareDatetime | None = Field(default=None, title="Ends At")
    format: Literal["in_person", "online", "hybrid"] | None = None
    latitude: Latitude1 | None = Field(default=None, title="Latitude")
    longitude: Longitude1 | None = Field(default=None, title="Longitude")
    online_url: OnlineUrl | None = Field(default=None, title="Online Url")
    panels: Panels | None = Field(default=None, title="Panels")
    partners: Partners | None = Field(default=None, title="Partners")
    region_code: RegionCode | None = Field(default=None, title="Region Code")
    rsvp_closes_at: AwareDatetime | None = Field(default=None, title="Rsvp Closes At")
    rsvp_opens_at: AwareDatetime | None = Field(default=None, title="Rsvp Opens At")
    series: Series1 | None = Field(default=None, title="Series")
    speakers: Speakers | None = Field(default=None, title="Speakers")
    starts_at: AwareDatetime | None = Field(default=None, title="Starts At")
    theme: OptionalLocalizedLineIn | None = None
    title: LocalizedLineIn | None = None
    venue: Venue | None = Field(default=None, title="Venue")


class ExporterPublic(BaseModel):
    certifications: list[CertificationPublic] = Field(..., title="Certifications")
    city: str = Field(..., title="City")
    created_at: AwareDatetime = Field(..., title="Created At")
    description: LocalizedText
    email: str | None = Field(
        ...,
        description="Shown only when the exporter publishes it (`show_contact`), or to the exporter itself and organisers; buyers write through `POST /exporters/{slug}/contact`",
        title="Email",
    )
    employee_band: str | None = Field(..., title="Employee Band")
    export_markets: list[str] = Field(..., title="Export Markets")
    founding_year: int | None = Field(..., title="Founding Year")
    ice: str = Field(..., title="Ice")
    id: int = Field(..., title="Id")
    label_status: str = Field(
        ...,
        description="Best label of the exporter: active, suspended, withdrawn, expired or none",
        title="Label Status",
    )
    labels: list[LabelBrief] = Field(..., title="Labels")
    legal_name: str = Field(..., title="Legal Name")
    logo: ImagePublic | None = None
    memberships: list[str] = Field(..., title="Memberships")
    phone: str | None = Field(..., description="Like `email`: public only with `show_contact`", title="Phone")
    product_count: int = Field(..., title="Product Count")
    region: RegionPublic
    sectors: list[SectorPublic] = Field(..., title="Sectors")
    show_contact: bool = Field(
        ...,
        description="The exporter publishes its e-mail and phone",
        title="Show Contact",
    )
    size_band: Literal["micro", "small", "medium", "large"] = Field(..., title="SizeBand")
    slug: str = Field(..., title="Slug")
    trade_name: str = Field(..., title="Trade Name")
    updated_at: AwareDatetime = Field(..., title="Updated At")
    verified: bool = Field(..., title="Verified")
    website: str | None = Field(..., title="Website")


class ExporterSummary(BaseModel):
    city: str = Field(..., title="City")
    description: LocalizedText
    export_markets: list[str] = Field(..., title="Export Markets")
    ice: str = Field(..., title="Ice")
    id: int = Field(..., title="Id")
    label_status: str = Field(
        ...,
        description="Best label of the exporter: active, suspended, withdrawn, expired or none",
        title="Label Status",
    )
    legal_name: str = Field(..., title="Legal Name")
    logo: ImagePublic | None = None
    product_count: int = Field(..., title="Product Count")
    region: RegionPublic
    sectors: list[SectorPublic] = Field(..., title="Sectors")
    size_band: Literal["micro", "small", "medium", "large"] = Field(..., title="SizeBand")
    slug: str = Field(..., title="Slug")
    trade_name: str = Field(..., title="Trade Name")
    verified: bool = Field(..., title="Verified")


class ImportJobPublic(BaseModel):
    created_at: AwareDatetime = Field(..., title="Created At")
    detail: str | None = Field(default=None, description="Why the job failed, in a sentence", title="Detail")
    errors: list[ImportRowError] = Field(
        ...,
        description="Why the job failed, by line and column (nothing was written)",
        title="Errors",
    )
    finished_at: AwareDatetime | None = Field(..., title="Finished At")
    id: str = Field(..., title="Id")
    kind: str = Field(..., description="What is imported: exporters", title="Kind")
    progress: ImportProgress
    result: ImportReport | None = Field(
        default=None, description="Rows written and rejected, once the job has ended"
    )
    started_at: AwareDatetime | None = Field(..., title="Started At")
    status: Literal["queued", "running", "succeeded", "failed"] = Field(..., title="Status")


class LabelApplicationPublic(BaseModel):
    created_at: AwareDatetime = Field(..., title="Created At")
    exporter: ExporterRef
    history: list[HistoryEntry] = Field(..., title="History")
    id: int = Field(..., title="Id")
    label: LabelPublic | None
    note: str = Field(..., title="Note")
    product_id: int = Field(..., title="Product Id")
    product_name: str = Field(..., title="Product Name")
    status: Literal["submitted", "under_review", "granted", "rejected"] = Field(
        ..., title="ApplicationStatus"
    )
    updated_at: AwareDatetime = Field(..., title="Updated At")
    value_added_pct: float = Field(..., title="Value Added Pct")


class LabelBatchItem(BaseModel):
    certificate: str = Field(
        ...,
        description="The number as given (cut to 64 characters)",
        title="Certificate",
    )
    label: LabelVerification | None = None
    outcome: Literal["found", "unknown", "invalid-format"] = Field(
        ...,
        description="found: `label` has its verification; unknown: no label has this number (not genuine); invalid-format: not a certificate number at all",
        title="Outcome",
    )


class LabelBatchResult(BaseModel):
    items: list[LabelBatchItem] = Field(
        ..., description="One per certificate given, in the same order", title="Items"
    )


class ProductPage(BaseModel):
    corrected_query: str | None = Field(
        default=None,
        description="With typo_corrected: the words searched, each corrected word replaced by the indexed word it was taken for (normalised: no case, no accents). Search again with exact=true to search for the original words only.",
        title="Corrected Query",
    )
    facets: dict[str, dict[str, int]] = Field(
        ...,
        description="Counts per region (code), sector (slug), market (country), label_status, and for exporters size (band) and certified (\"true\": holding a certification today), for products hs_chapter, over every result of the query, not only this page. Facets are disjunctive: the values of one group are alternatives (OR), and a group's counts are computed with every other filter but not its own, so each count is the total that adding that value to the group's filter would give (for an unfiltered group, the total that filtering on it would give).",
        title="Facets",
    )
    items: list[ProductPublic] = Field(..., title="Items")
    page: int = Field(..., title="Page")
    per_page: int = Field(..., title="Per Page")
    query: str | None = Field(default=None, description="The query text as received (q)", title="Query")
    total: int = Field(..., title="Total")
    typo_corrected: bool | None = Field(
        default=False,
        description="True when results come from the one-typo fallback",
        title="Typo Corrected",
    )


class ExporterPage(BaseModel):
    corrected_query: str | None = Field(
        default=None,
        description="With typo_corrected: the words searched, each corrected word replaced by the indexed word it was taken for (normalised: no case, no accents). Search again with exact=true to search for the original words only.",
        title="Corrected Query",
    )
    facets: dict[str, dict[str, int]] = Field(
        ...,
        description="Counts per region (code), sector (slug), market (country), label_status, and for exporters size (band) and certified (\"true\": holding a certification today), for products hs_chapter, over every result of the query, not only this page. Facets are disjunctive: the values of one group are alternatives (OR), and a group's counts are computed with every other filter but not its own, so each count is the total that adding that value to the group's filter would give (for an unfiltered group, the total that filtering on it would give).",
        title="Facets",
    )
    items: list[ExporterSummary] = Field(..., title="Items")
    page: int = Field(..., title="Page")
    per_page: int = Field(..., title="Per Page")
    query: str | None = Field(default=None, description="The query text as received (q)", title="Query")
    total: int = Field(..., title="Total")
    typo_corrected: bool | None = Field(
        default=False,
        description="True when results come from the one-typo fallback",
        title="Typo Corrected",
    )


class LabelApplicationPage(BaseModel):
    items: list[LabelApplicationPublic] = Field(..., title="Items")
    page: int = Field(..., title="Page")
    per_page: int = Field(..., title="Per Page")
    total: int = Field(..., title="Total")
