"""Registry tables. Migrations in ``migrations/registry`` are the schema authority.

Search columns (``search_name``, ``search_text``, ``sort_key``) hold the normalised text
(lower case, no accents, Arabic normalised, see ``services/registry/text.py``) that the
full-text index is built from; they are rewritten on every write by ``search.refresh_*``.
Objects named ``fts_*`` (the SQLite FTS5 tables and triggers, the PostgreSQL tsvector
column, its GIN index, the trigram vocabulary) are dialect-specific and created by the
migrations only; autogenerate ignores them.

``label_status`` / ``label_valid_until`` on exporters and products summarise their
labels so that search can filter and facet on them without joins; the status read by
clients is derived with the date ("active" past ``label_valid_until`` reads "expired").
"""

# No `from __future__ import annotations` here: SQLModel resolves relationship types at runtime.

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Column, Index, LargeBinary, Text, UniqueConstraint, false
from sqlmodel import Field, Relationship, SQLModel

from services.common.changes import ChangeRecord
from services.common.models import UTCDateTime, service_metadata, utcnow
from services.common.outbox import OutboxRecord


class LabelStatus(StrEnum):
    """A label's status. ``expired`` is never stored: an ``active`` label past its
    ``valid_until`` reads ``expired`` (``catalogue.effective_status``)."""

    active = "active"
    suspended = "suspended"
    in_review = "in_review"
    withdrawn = "withdrawn"
    expired = "expired"


class ApplicationStatus(StrEnum):
    submitted = "submitted"
    under_review = "under_review"
    granted = "granted"
    rejected = "rejected"


class ContactStatus(StrEnum):
    pending_confirmation = "pending_confirmation"
    confirmed = "confirmed"
    expired = "expired"


class ImportJobStatus(StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class RegistryModel(SQLModel):
    metadata = service_metadata()


def _created() -> datetime:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Region(RegistryModel, table=True):
    """One of Morocco's 12 regions (ISO 3166-2:MA)."""

    code: str = Field(primary_key=True, max_length=5)
    name_fr: str
    name_en: str
    name_ar: str
    capital: str


class ExporterSector(RegistryModel, table=True):
    __tablename__ = "exporter_sector"

    exporter_id: int = Field(foreign_key="exporter.id", primary_key=True, ondelete="CASCADE")
    sector_id: int = Field(foreign_key="sector.id", primary_key=True, ondelete="CASCADE", index=True)


class Sector(RegistryModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=64)
    isic_section: str = Field(max_length=1, description="ISIC Rev.4 section letter")
    name_fr: str
    name_en: str
    name_ar: str

    exporters: list["Exporter"] = Relationship(back_populates="sectors", link_model=ExporterSector)


class ExporterMarket(RegistryModel, table=True):
    """A country the exporter sells to (ISO 3166-1 alpha-2)."""

    __tablename__ = "exporter_market"

    exporter_id: int = Field(foreign_key="exporter.id", primary_key=True, ondelete="CASCADE")
    country_code: str = Field(primary_key=True, max_length=2, index=True)

    exporter: "Exporter" = Relationship(back_populates="markets")


class ExporterMembership(RegistryModel, table=True):
    """Membership of a professional body (Les Impériales, ASMEX, APEBI, CGEM...)."""

    __tablename__ = "exporter_membership"

    exporter_id: int = Field(foreign_key="exporter.id", primary_key=True, ondelete="CASCADE")
    organisation: str = Field(primary_key=True, max_length=80)

    exporter: "Exporter" = Relationship(back_populates="memberships")


class Certification(RegistryModel, table=True):
    """A management or product certification held by an exporter (ISO 9001, FSSC 22000...)."""

    id: int | None = Field(default=None, primary_key=True)
    exporter_id: int = Field(foreign_key="exporter.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    issuer: str | None = Field(default=None, max_length=120)
    valid_until: date | None = None

    exporter: "Exporter" = Relationship(back_populates="certifications")


class Exporter(RegistryModel, table=True):
    __table_args__ = (
        UniqueConstraint("ice"),
        UniqueConstraint("slug"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ice: str = Field(max_length=15)
    slug: str = Field(max_length=120)
    legal_name: str = Field(max_length=200)
    trade_name: str = Field(max_length=200)
    description_fr: str = ""
    description_en: str = ""
    description_ar: str = ""
    region_code: str = Field(foreign_key="region.code", index=True, max_length=5)
    city: str = Field(max_length=100)
    size_band: str = Field(default="small", max_length=10, index=True)
    founding_year: int | None = None
    employee_band: str | None = Field(default=None, max_length=10)
    website: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    # The exporter chose to publish its e-mail and phone on its public profile (contact.py).
    show_contact: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    verified: bool = False
    label_status: str = Field(default="none", max_length=10, index=True)
    label_valid_until: date | None = None
    sort_key: str = Field(default="", max_length=200, index=True)
    search_name: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    # Region, sectors and markets as words (search.filter_tags): a column of the SQLite text
    # index; a GIN index of their own on PostgreSQL (migration 0012).
    search_tags: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = _created()
    updated_at: datetime = _created()

    region: Region = Relationship()
    sectors: list[Sector] = Relationship(back_populates="exporters", link_model=ExporterSector)
    markets: list[ExporterMarket] = Relationship(
        back_populates="exporter", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    memberships: list[ExporterMembership] = Relationship(
        back_populates="exporter", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    certifications: list[Certification] = Relationship(
        back_populates="exporter",
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "Certification.id"},
    )
    products: list["Product"] = Relationship(
        back_populates="exporter",
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "Product.id"},
    )


class Product(RegistryModel, table=True):
    __table_args__ = (
        CheckConstraint("value_added_pct >= 0 AND value_added_pct <= 100", name="value_added_pct"),
        Index("ix_product_exporter_id_id", "exporter_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    exporter_id: int = Field(foreign_key="exporter.id", ondelete="CASCADE")
    name_fr: str = Field(max_length=200)
    name_en: str = Field(default="", max_length=200)
    name_ar: str = Field(default="", max_length=200)
    description_fr: str = ""
    description_en: str = ""
    description_ar: str = ""
    hs_code: str = Field(max_length=10, description="Harmonized System code, 6 to 10 digits")
    hs_chapter: str = Field(max_length=2, index=True, description="First two digits of the HS code")
    value_added_pct: float = Field(description="Share of the unit value added in Morocco, in %")
    capacity: str | None = Field(default=None, max_length=120)
    image_url: str | None = Field(default=None, max_length=500)
    label_status: str = Field(default="none", max_length=10, index=True)
    label_valid_until: date | None = None
    sort_key: str = Field(default="", max_length=200, index=True)
    search_name: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = _created()
    updated_at: datetime = _created()

    exporter: Exporter = Relationship(back_populates="products")


class LabelApplication(RegistryModel, table=True):
    """An exporter's request for the "Made in Morocco" label on one product."""

    __tablename__ = "label_application"
    __table_args__ = (
        CheckConstraint("status IN ('submitted', 'under_review', 'granted', 'rejected')", name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    exporter_id: int = Field(foreign_key="exporter.id", index=True, ondelete="RESTRICT")
    product_id: int = Field(foreign_key="product.id", index=True, ondelete="RESTRICT")
    status: str = Field(default=ApplicationStatus.submitted, max_length=12, index=True)
    note: str = ""
    submitted_by: str = Field(max_length=120)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Label(RegistryModel, table=True):
    """A granted "Made in Morocco" certificate. Status "expired" is derived from ``valid_until``.

    A label and its history are never deleted: the foreign keys restrict, so the product and
    the exporter it was granted to cannot be deleted either (withdraw the label instead).
    The ``granted_*`` columns are the facts the grant rested on, as audited (a snapshot); a
    later change to one of them puts the label ``in_review`` (see ``labels.review_changed_facts``).
    """

    __table_args__ = (
        UniqueConstraint("certificate_number"),
        UniqueConstraint("application_id"),
        CheckConstraint("status IN ('active', 'suspended', 'in_review', 'withdrawn')", name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    certificate_number: str = Field(max_length=24)
    application_id: int = Field(foreign_key="label_application.id", ondelete="RESTRICT")
    exporter_id: int = Field(foreign_key="exporter.id", index=True, ondelete="RESTRICT")
    product_id: int = Field(foreign_key="product.id", index=True, ondelete="RESTRICT")
    status: str = Field(default=LabelStatus.active, max_length=10)
    valid_from: date
    valid_until: date
    granted_product_name_fr: str | None = Field(default=None, max_length=200)
    granted_product_name_en: str | None = Field(default=None, max_length=200)
    granted_product_name_ar: str | None = Field(default=None, max_length=200)
    granted_hs_code: str | None = Field(default=None, max_length=10)
    granted_value_added_pct: float | None = None
    granted_exporter_ice: str | None = Field(default=None, max_length=15)
    granted_exporter_legal_name: str | None = Field(default=None, max_length=200)
    granted_exporter_trade_name: str | None = Field(default=None, max_length=200)
    granted_exporter_region: str | None = Field(default=None, max_length=5)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class LabelEvent(RegistryModel, table=True):
    """One transition of an application or its label: who, when, why."""

    __tablename__ = "label_event"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="label_application.id", index=True, ondelete="RESTRICT")
    label_id: int | None = Field(default=None, foreign_key="label.id", ondelete="RESTRICT")
    subject: str = Field(max_length=12, description="application or label")
    from_status: str | None = Field(default=None, max_length=12)
    to_status: str = Field(max_length=12)
    actor_sub: str = Field(max_length=120)
    actor_role: str = Field(max_length=12)
    reason: str = ""
    at: datetime = _created()


class ImportJob(RegistryModel, table=True):
    """A CSV import run in the background (see ``services/registry/jobs.py``).

    ``content`` holds the uploaded file until the job ends; ``request_hash`` (file and options)
    lets a retry with the same ``Idempotency-Key`` find this job instead of importing twice.
    ``runner`` names the process running it (host:pid), so that a job left ``running`` by a
    crashed process can be told from one still running in another worker.
    """

    __tablename__ = "import_job"
    __table_args__ = (
        UniqueConstraint("created_by", "idempotency_key"),
        CheckConstraint("status IN ('queued', 'running', 'succeeded', 'failed')", name="status"),
    )

    id: str = Field(primary_key=True, max_length=32)
    kind: str = Field(default="exporters", max_length=20)
    status: str = Field(default=ImportJobStatus.queued, max_length=10, index=True)
    created_by: str = Field(max_length=120)
    created_role: str = Field(max_length=12)
    idempotency_key: str | None = Field(default=None, max_length=200)
    request_hash: str = Field(max_length=64)
    only_valid_rows: bool = False
    content: bytes = Field(default=b"", sa_column=Column(LargeBinary, nullable=False))
    rows_total: int = 0
    rows_done: int = 0
    runner: str | None = Field(default=None, max_length=120)
    result: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    errors: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    detail: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = _created()
    started_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class ImageAsset(RegistryModel, table=True):
    """One processed image, named by the hash of the bytes it was made from (services/registry/media.py).

    Its renditions (each width in each format) are in the media storage under
    ``<hash>-<width>.<ext>``; logos and photos point at an asset, so the same upload used
    twice is stored once.
    """

    __tablename__ = "image_asset"

    hash: str = Field(primary_key=True, max_length=64)
    width: int = Field(description="Width of the largest rendition, px")
    height: int = Field(description="Height of the largest rendition, px")
    widths: str = Field(max_length=60, description="Rendition widths, comma-separated, ascending")
    formats: str = Field(max_length=60, description="Rendition extensions, comma-separated, best first")
    stored_bytes: int = 0
    created_at: datetime = _created()


class ExporterLogo(RegistryModel, table=True):
    __tablename__ = "exporter_logo"

    exporter_id: int = Field(foreign_key="exporter.id", primary_key=True, ondelete="CASCADE")
    asset_hash: str = Field(foreign_key="image_asset.hash", max_length=64, index=True, ondelete="RESTRICT")
    alt_fr: str = Field(default="", max_length=250)
    alt_en: str = Field(default="", max_length=250)
    alt_ar: str = Field(default="", max_length=250)
    updated_at: datetime = _created()


class ProductPhoto(RegistryModel, table=True):
    __tablename__ = "product_photo"
    __table_args__ = (UniqueConstraint("product_id", "asset_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True, ondelete="CASCADE")
    asset_hash: str = Field(foreign_key="image_asset.hash", max_length=64, index=True, ondelete="RESTRICT")
    position: int = 0
    alt_fr: str = Field(default="", max_length=250)
    alt_en: str = Field(default="", max_length=250)
    alt_ar: str = Field(default="", max_length=250)
    created_at: datetime = _created()


class Change(ChangeRecord, RegistryModel, table=True):
    """One entry of the change log the gateway's webhooks read (services/common/changes.py)."""

    __tablename__ = "registry_change_log"


class ContactRequest(RegistryModel, table=True):
    """A buyer's message to one or more exporters (services/registry/contact.py).

    Nothing reaches an exporter before the sender confirms their address: the link e-mailed to
    them carries a token of which only a SHA-256 is kept here. ``email_key`` and ``client_key``
    are keyed hashes of the sender's address and client address, for the rate limits.
    """

    __tablename__ = "contact_request"
    __table_args__ = (
        UniqueConstraint("token_hash"),
        CheckConstraint("status IN ('pending_confirmation', 'confirmed', 'expired')", name="status"),
        Index("ix_contact_request_email_key_created_at", "email_key", "created_at"),
        Index("ix_contact_request_client_key_created_at", "client_key", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64)
    sender_name: str = Field(max_length=120)
    sender_email: str = Field(max_length=254)
    company: str = Field(default="", max_length=200)
    country: str = Field(default="", max_length=2)
    message: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(default="fr", max_length=2)
    status: str = Field(default=ContactStatus.pending_confirmation, max_length=20)
    email_key: str = Field(max_length=64)
    client_key: str = Field(max_length=64)
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    created_at: datetime = _created()


class ContactRecipient(RegistryModel, table=True):
    """One exporter a contact request is addressed to."""

    __tablename__ = "contact_recipient"

    request_id: int = Field(foreign_key="contact_request.id", primary_key=True, ondelete="CASCADE")
    exporter_id: int = Field(foreign_key="exporter.id", primary_key=True, ondelete="CASCADE", index=True)


class ContactOutbox(OutboxRecord, RegistryModel, table=True):
    """The registry's e-mails (confirmation links, messages to exporters): see services/common/outbox.py."""

    __tablename__ = "contact_outbox"
    __table_args__ = (Index("ix_contact_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    request_id: int | None = Field(
        default=None, foreign_key="contact_request.id", index=True, ondelete="SET NULL"
    )


__all__ = [
    "Certification",
    "Change",
    "ContactOutbox",
    "ContactRecipient",
    "ContactRequest",
    "ContactStatus",
    "Exporter",
    "ExporterLogo",
    "ExporterMarket",
    "ExporterMembership",
    "ExporterSector",
    "ImageAsset",
    "ImportJob",
    "Label",
    "LabelApplication",
    "LabelEvent",
    "Product",
    "ProductPhoto",
    "Region",
    "RegistryModel",
    "Sector",
]
