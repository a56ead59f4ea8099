"""API shapes of contact requests: a buyer writes to one exporter, or to several at once (RFQ)."""

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
)

from services.common.text import MULTI_LINE, SINGLE_LINE
from services.common.vocabulary import SLUG_MAX_LENGTH, SLUG_PATTERN
from services.registry.schemas import valid_country

MAX_RECIPIENTS = 20


BuyerCountry = Annotated[str, AfterValidator(valid_country), Field(examples=["FR"])]

SenderName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120), SINGLE_LINE
]
Company = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), SINGLE_LINE]
Message = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=5000), MULTI_LINE]
ExporterSlug = Annotated[str, StringConstraints(max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN)]
Token = Annotated[str, StringConstraints(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]


class ContactCreate(BaseModel):
    """A buyer's message. Nothing reaches an exporter until the sender confirms their address."""

    model_config = ConfigDict(extra="forbid")

    name: SenderName
    email: EmailStr
    company: Company = ""
    country: BuyerCountry | None = Field(None, description="The buyer's country (ISO 3166-1 alpha-2)")
    message: Message
    language: Literal["fr", "en", "ar"] = Field("fr", description="The language of the e-mail to the sender")
    website: str = Field(
        "",
        max_length=200,
        description="Honeypot: leave empty (hidden in forms). A request with it filled gets the same 202 "
        "and is dropped.",
    )

    @field_validator("email", mode="before")
    @classmethod
    def _strip_email(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


class ContactRfqCreate(ContactCreate):
    """One message to several exporters (a request for quotation from a search)."""

    exporters: Annotated[list[ExporterSlug], Field(min_length=1, max_length=MAX_RECIPIENTS)] = Field(
        description=f"The exporters' slugs, 1 to {MAX_RECIPIENTS}; repeats count once"
    )

    @field_validator("exporters")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class ContactAccepted(BaseModel):
    """The answer to every contact request that is taken: the same whatever the recipients hold."""

    status: Literal["check_your_inbox"] = "check_your_inbox"
    detail: str = Field(
        "A message is on its way to the sender's address: follow its link to send the request.",
        description="Constant text; the website shows its own translation",
    )


class ContactConfirm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: Token = Field(description="The token of the link e-mailed to the sender")


class ContactExporterRef(BaseModel):
    slug: str
    trade_name: str


class ContactConfirmed(BaseModel):
    """The request is sent (now, or already before: confirming twice changes nothing)."""

    status: Literal["confirmed"] = "confirmed"
    exporters: list[ContactExporterRef]
    confirmed_at: datetime


class ContactReceived(BaseModel):
    """A confirmed request as the exporter it was sent to reads it."""

    id: int
    sender_name: str
    sender_email: str
    company: str
    country: str | None
    message: str
    language: str
    recipients: int = Field(description="How many exporters the request went to (more than one: an RFQ)")
    confirmed_at: datetime


class ContactReceivedPage(BaseModel):
    items: list[ContactReceived]
    total: int
    page: int
    per_page: int
