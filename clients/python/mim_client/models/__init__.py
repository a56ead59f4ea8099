"""Contains all the data models used in inputs/outputs"""

from .account_create import AccountCreate
from .account_public import AccountPublic
from .api_key_create import ApiKeyCreate
from .api_key_create_scope import ApiKeyCreateScope
from .api_key_created import ApiKeyCreated
from .api_key_created_scope import ApiKeyCreatedScope
from .api_key_public import ApiKeyPublic
from .api_key_public_scope import ApiKeyPublicScope
from .application_status import ApplicationStatus
from .attendance_counts import AttendanceCounts
from .attendance_counts_by_source import AttendanceCountsBySource
from .attendee import Attendee
from .attendee_status import AttendeeStatus
from .attendees_export_csv_dialect import AttendeesExportCsvDialect
from .attendees_export_csv_lang_type_0 import AttendeesExportCsvLangType0
from .body_exporters_set_logo import BodyExportersSetLogo
from .body_products_add_photo import BodyProductsAddPhoto
from .certification_in import CertificationIn
from .certification_public import CertificationPublic
from .check_in_create import CheckInCreate
from .check_in_result import CheckInResult
from .check_in_result_result import CheckInResultResult
from .check_in_undo import CheckInUndo
from .check_in_undone import CheckInUndone
from .contact_accepted import ContactAccepted
from .contact_confirm import ContactConfirm
from .contact_confirmed import ContactConfirmed
from .contact_create import ContactCreate
from .contact_create_language import ContactCreateLanguage
from .contact_exporter_ref import ContactExporterRef
from .contact_received import ContactReceived
from .contact_received_page import ContactReceivedPage
from .contact_rfq_create import ContactRfqCreate
from .contact_rfq_create_language import ContactRfqCreateLanguage
from .country_public import CountryPublic
from .door_counts import DoorCounts
from .door_guest import DoorGuest
from .door_guest_list import DoorGuestList
from .employee_band import EmployeeBand
from .event_attendance import EventAttendance
from .event_attendance_by_source import EventAttendanceBySource
from .event_cancel import EventCancel
from .event_counts import EventCounts
from .event_create import EventCreate
from .event_format import EventFormat
from .event_public import EventPublic
from .event_status import EventStatus
from .event_summary import EventSummary
from .event_update import EventUpdate
from .exporter_create import ExporterCreate
from .exporter_create_region import ExporterCreateRegion
from .exporter_create_sectors_item import ExporterCreateSectorsItem
from .exporter_page import ExporterPage
from .exporter_page_facets import ExporterPageFacets
from .exporter_page_facets_additional_property import (
    ExporterPageFacetsAdditionalProperty,
)
from .exporter_product_ref import ExporterProductRef
from .exporter_public import ExporterPublic
from .exporter_ref import ExporterRef
from .exporter_summary import ExporterSummary
from .exporter_update import ExporterUpdate
from .exporter_update_region import ExporterUpdateRegion
from .exporter_update_sectors_item import ExporterUpdateSectorsItem
from .exporters_search_label_status_type_0_item import (
    ExportersSearchLabelStatusType0Item,
)
from .exporters_search_region_type_0_item import ExportersSearchRegionType0Item
from .exporters_search_sector_type_0_item import ExportersSearchSectorType0Item
from .exporters_search_sort_type_0 import ExportersSearchSortType0
from .field_error import FieldError
from .field_error_params_type_0 import FieldErrorParamsType0
from .frequent_company import FrequentCompany
from .frequent_guest import FrequentGuest
from .grant_in import GrantIn
from .granted_facts import GrantedFacts
from .guest_add import GuestAdd
from .guest_add_language import GuestAddLanguage
from .guest_add_when_full import GuestAddWhenFull
from .guest_change import GuestChange
from .guest_change_action import GuestChangeAction
from .guest_match import GuestMatch
from .guest_move import GuestMove
from .guest_move_to import GuestMoveTo
from .guest_move_when_full import GuestMoveWhenFull
from .guest_outcome import GuestOutcome
from .guest_search_result import GuestSearchResult
from .history_entry import HistoryEntry
from .image_public import ImagePublic
from .image_rendition import ImageRendition
from .import_job_public import ImportJobPublic
from .import_job_public_status import ImportJobPublicStatus
from .import_progress import ImportProgress
from .import_report import ImportReport
from .import_row_error import ImportRowError
from .label_application_create import LabelApplicationCreate
from .label_application_page import LabelApplicationPage
from .label_application_public import LabelApplicationPublic
from .label_batch_in import LabelBatchIn
from .label_batch_item import LabelBatchItem
from .label_batch_item_outcome import LabelBatchItemOutcome
from .label_batch_result import LabelBatchResult
from .label_brief import LabelBrief
from .label_key_set import LabelKeySet
from .label_public import LabelPublic
from .label_status import LabelStatus
from .label_verification import LabelVerification
from .labels_qr_kind import LabelsQrKind
from .local_times import LocalTimes
from .localized_line_in import LocalizedLineIn
from .localized_name_in import LocalizedNameIn
from .localized_text import LocalizedText
from .month_attendance import MonthAttendance
from .month_attendance_by_source import MonthAttendanceBySource
from .optional_localized_line_in import OptionalLocalizedLineIn
from .optional_localized_text_in import OptionalLocalizedTextIn
from .page_account_public import PageAccountPublic
from .page_api_key_public import PageApiKeyPublic
from .page_event_summary import PageEventSummary
from .panel_in import PanelIn
from .panel_public import PanelPublic
from .partner_in import PartnerIn
from .partner_in_kind import PartnerInKind
from .partner_public import PartnerPublic
from .problem_detail import ProblemDetail
from .problem_detail_params_type_0 import ProblemDetailParamsType0
from .product_page import ProductPage
from .product_page_facets import ProductPageFacets
from .product_page_facets_additional_property import ProductPageFacetsAdditionalProperty
from .product_public import ProductPublic
from .product_update import ProductUpdate
from .product_write import ProductWrite
from .products_list_label_status_type_0_item import ProductsListLabelStatusType0Item
from .products_list_region_type_0_item import ProductsListRegionType0Item
from .products_list_sector_type_0_item import ProductsListSectorType0Item
from .products_list_sort_type_0 import ProductsListSortType0
from .published_key import PublishedKey
from .published_key_status import PublishedKeyStatus
from .purge_request import PurgeRequest
from .purge_result import PurgeResult
from .refresh_request import RefreshRequest
from .region_public import RegionPublic
from .required_reason import RequiredReason
from .role import Role
from .rsvp_accepted import RsvpAccepted
from .rsvp_create import RsvpCreate
from .rsvp_create_language import RsvpCreateLanguage
from .rsvp_event_ref import RsvpEventRef
from .rsvp_public import RsvpPublic
from .rsvp_public_status import RsvpPublicStatus
from .rsvp_window import RsvpWindow
from .seats import Seats
from .sector_public import SectorPublic
from .series_attendance import SeriesAttendance
from .series_create import SeriesCreate
from .series_create_cadence import SeriesCreateCadence
from .series_public import SeriesPublic
from .series_ref import SeriesRef
from .sign_in import SignIn
from .size_band import SizeBand
from .speaker_in import SpeakerIn
from .speaker_public import SpeakerPublic
from .stats import Stats
from .stats_by_region import StatsByRegion
from .stats_by_sector import StatsBySector
from .status_change import StatusChange
from .sync_batch import SyncBatch
from .sync_item import SyncItem
from .sync_item_result import SyncItemResult
from .sync_item_result_result import SyncItemResultResult
from .sync_result import SyncResult
from .token_pair import TokenPair
from .transition_in import TransitionIn
from .venue_map import VenueMap
from .walk_in_admitted import WalkInAdmitted
from .walk_in_create import WalkInCreate
from .web_session_started import WebSessionStarted
from .webhook_delivery_public import WebhookDeliveryPublic
from .webhook_delivery_public_status import WebhookDeliveryPublicStatus
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_create_event_types_item import (
    WebhookEndpointCreateEventTypesItem,
)
from .webhook_endpoint_created import WebhookEndpointCreated
from .webhook_endpoint_public import WebhookEndpointPublic
from .webhook_endpoint_update import WebhookEndpointUpdate
from .webhook_endpoint_update_event_types_type_0_item import (
    WebhookEndpointUpdateEventTypesType0Item,
)
from .webhook_event_type import WebhookEventType
from .webhooks_list_deliveries_status_type_0 import WebhooksListDeliveriesStatusType0
from .when import When

__all__ = (
    "AccountCreate",
    "AccountPublic",
    "ApiKeyCreate",
    "ApiKeyCreateScope",
    "ApiKeyCreated",
    "ApiKeyCreatedScope",
    "ApiKeyPublic",
    "ApiKeyPublicScope",
    "ApplicationStatus",
    "AttendanceCounts",
    "AttendanceCountsBySource",
    "Attendee",
    "AttendeeStatus",
    "AttendeesExportCsvDialect",
    "AttendeesExportCsvLangType0",
    "BodyExportersSetLogo",
    "BodyProductsAddPhoto",
    "CertificationIn",
    "CertificationPublic",
    "CheckInCreate",
    "CheckInResult",
    "CheckInResultResult",
    "CheckInUndo",
    "CheckInUndone",
    "ContactAccepted",
    "ContactConfirm",
    "ContactConfirmed",
    "ContactCreate",
    "ContactCreateLanguage",
    "ContactExporterRef",
    "ContactReceived",
    "ContactReceivedPage",
    "ContactRfqCreate",
    "ContactRfqCreateLanguage",
    "CountryPublic",
    "DoorCounts",
    "DoorGuest",
    "DoorGuestList",
    "EmployeeBand",
    "EventAttendance",
    "EventAttendanceBySource",
    "EventCancel",
    "EventCounts",
    "EventCreate",
    "EventFormat",
    "EventPublic",
    "EventStatus",
    "EventSummary",
    "EventUpdate",
    "ExporterCreate",
    "ExporterCreateRegion",
    "ExporterCreateSectorsItem",
    "ExporterPage",
    "ExporterPageFacets",
    "ExporterPageFacetsAdditionalProperty",
    "ExporterProductRef",
    "ExporterPublic",
    "ExporterRef",
    "ExporterSummary",
    "ExporterUpdate",
    "ExporterUpdateRegion",
    "ExporterUpdateSectorsItem",
    "ExportersSearchLabelStatusType0Item",
    "ExportersSearchRegionType0Item",
    "ExportersSearchSectorType0Item",
    "ExportersSearchSortType0",
    "FieldError",
    "FieldErrorParamsType0",
    "FrequentCompany",
    "FrequentGuest",
    "GrantIn",
    "GrantedFacts",
    "GuestAdd",
    "GuestAddLanguage",
    "GuestAddWhenFull",
    "GuestChange",
    "GuestChangeAction",
    "GuestMatch",
    "GuestMove",
    "GuestMoveTo",
    "GuestMoveWhenFull",
    "GuestOutcome",
    "GuestSearchResult",
    "HistoryEntry",
    "ImagePublic",
    "ImageRendition",
    "ImportJobPublic",
    "ImportJobPublicStatus",
    "ImportProgress",
    "ImportReport",
    "ImportRowError",
    "LabelApplicationCreate",
    "LabelApplicationPage",
    "LabelApplicationPublic",
    "LabelBatchIn",
    "LabelBatchItem",
    "LabelBatchItemOutcome",
    "LabelBatchResult",
    "LabelBrief",
    "LabelKeySet",
    "LabelPublic",
    "LabelStatus",
    "LabelVerification",
    "LabelsQrKind",
    "LocalTimes",
    "LocalizedLineIn",
    "LocalizedNameIn",
    "LocalizedText",
    "MonthAttendance",
    "MonthAttendanceBySource",
    "OptionalLocalizedLineIn",
    "OptionalLocalizedTextIn",
    "PageAccountPublic",
    "PageApiKeyPublic",
    "PageEventSummary",
    "PanelIn",
    "PanelPublic",
    "PartnerIn",
    "PartnerInKind",
    "PartnerPublic",
    "ProblemDetail",
    "ProblemDetailParamsType0",
    "ProductPage",
    "ProductPageFacets",
    "ProductPageFacetsAdditionalProperty",
    "ProductPublic",
    "ProductUpdate",
    "ProductWrite",
    "ProductsListLabelStatusType0Item",
    "ProductsListRegionType0Item",
    "ProductsListSectorType0Item",
    "ProductsListSortType0",
    "PublishedKey",
    "PublishedKeyStatus",
    "PurgeRequest",
    "PurgeResult",
    "RefreshRequest",
    "RegionPublic",
    "RequiredReason",
    "Role",
    "RsvpAccepted",
    "RsvpCreate",
    "RsvpCreateLanguage",
    "RsvpEventRef",
    "RsvpPublic",
    "RsvpPublicStatus",
    "RsvpWindow",
    "Seats",
    "SectorPublic",
    "SeriesAttendance",
    "SeriesCreate",
    "SeriesCreateCadence",
    "SeriesPublic",
    "SeriesRef",
    "SignIn",
    "SizeBand",
    "SpeakerIn",
    "SpeakerPublic",
    "Stats",
    "StatsByRegion",
    "StatsBySector",
    "StatusChange",
    "SyncBatch",
    "SyncItem",
    "SyncItemResult",
    "SyncItemResultResult",
    "SyncResult",
    "TokenPair",
    "TransitionIn",
    "VenueMap",
    "WalkInAdmitted",
    "WalkInCreate",
    "WebSessionStarted",
    "WebhookDeliveryPublic",
    "WebhookDeliveryPublicStatus",
    "WebhookEndpointCreate",
    "WebhookEndpointCreateEventTypesItem",
    "WebhookEndpointCreated",
    "WebhookEndpointPublic",
    "WebhookEndpointUpdate",
    "WebhookEndpointUpdateEventTypesType0Item",
    "WebhookEventType",
    "WebhooksListDeliveriesStatusType0",
    "When",
)
