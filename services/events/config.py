from pydantic_settings import SettingsConfigDict

from services.common.config import VAR_DIR, ServiceSettings


class EventsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EVENTS_", extra="ignore")

    port: int = 8002

    # Public base URL of the website pages a guest opens from an e-mail (manage link).
    public_base_url: str = "http://127.0.0.1:8080"
    # GDPR: organisers may purge personal data of events that ended this many days ago.
    purge_after_days: int = 90

    # Outbox worker / SMTP. With no host, `mim events-worker` runs a local sink that
    # writes each message as an .eml file under ``mail_dir`` (harmless for `make run`).
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Club Made in Morocco <mornings@made-in-morocco.ma>"
    mail_dir: str = str(VAR_DIR / "mail")
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 20
    outbox_max_attempts: int = 12
    outbox_backoff_base_seconds: float = 2.0
    outbox_backoff_max_seconds: float = 3600.0

    # When set, exporter ids given with an RSVP or a speaker are checked against the registry.
    registry_url: str = ""
    registry_timeout_seconds: float = 2.0
    registry_exporter_path: str = "/exporters/by-id/{id}"

    @property
    def service_name(self) -> str:
        return "events"
