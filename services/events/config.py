from datetime import timedelta

from pydantic_settings import SettingsConfigDict

from services.common.config import MailServiceSettings


class EventsSettings(MailServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EVENTS_", extra="ignore")

    port: int = 8002

    # Double opt-in: a new RSVP holds no seat until the guest confirms it from their mailbox,
    # within this time (and before RSVPs close). Then the seat rule applies as for anyone.
    rsvp_confirm_ttl_seconds: int = 24 * 3600
    # The service's own limits (not only the gateway's): RSVP requests per event and client
    # address in a window (30 colleagues behind one office address still pass), e-mails per
    # event and address (the "check your inbox" mail is sent at most once per window), and
    # unconfirmed RSVPs an event takes at once.
    rsvp_per_client_limit: int = 30
    rsvp_per_client_window_seconds: int = 600
    rsvp_mail_interval_seconds: int = 600
    rsvp_pending_cap: int = 2000
    # GDPR: organisers may purge personal data of events that ended this many days ago.
    purge_after_days: int = 90
    # Whole anonymous event pages kept in memory (services/common/answer_cache.py).
    answer_cache_entries: int = 2048
    answer_cache_bytes: int = 16 * 1024 * 1024

    # Outbox worker / SMTP: see MailServiceSettings (EVENTS_SMTP_HOST...).
    mail_from: str = "Club Made in Morocco <mornings@made-in-morocco.ma>"

    # Reminders: confirmed guests get their QR code and calendar file this long before the event
    # (waitlisted guests their place in line). ISO 8601 ("PT24H", "P1D") or seconds; 0 = none.
    # The outbox worker looks for events that come into this window every reminder_poll_seconds.
    reminder_before: timedelta = timedelta(hours=24)
    reminder_poll_seconds: float = 60.0

    # When set, exporter ids given with an RSVP or a speaker are checked against the registry.
    registry_url: str = ""
    registry_timeout_seconds: float = 2.0
    registry_exporter_path: str = "/exporters/by-id/{id}"

    @property
    def service_name(self) -> str:
        return "events"
