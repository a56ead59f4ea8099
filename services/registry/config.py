from pathlib import Path

from pydantic import SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from services.common.config import VAR_DIR, MailServiceSettings
from services.registry import statements


class RegistrySettings(MailServiceSettings):
    """SMTP and outbox fields: see MailServiceSettings (REGISTRY_SMTP_HOST...)."""

    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore")

    port: int = 8001
    # Contact requests (contact.py): the sender confirms within this time; the service's own
    # limits per sender address and per client address in a window; exporters per RFQ.
    contact_confirm_ttl_seconds: int = 48 * 3600
    contact_per_email_limit: int = 5
    contact_per_client_limit: int = 20
    contact_window_seconds: int = 3600
    contact_max_recipients: int = 20
    # The registry's API processes send its outbox themselves (claims keep one sender per
    # message across replicas); off: no worker in this process.
    outbox_worker: bool = True
    max_import_bytes: int = 5 * 1024 * 1024
    # Search answers cached per catalogue version (0 entries: no cache); see search_cache.py.
    search_cache_entries: int = 2048
    search_cache_bytes: int = 16 * 1024 * 1024
    # Searches not answered from the cache that run at once (0: no bound; search_cache.py).
    search_concurrency: int = 4
    # Whole anonymous answers: profiles, product pages, an exporter's products (answer_cache.py).
    # Enough entries for every profile of a 12,000-exporter catalogue (a profile is ~1 KB): an
    # LRU smaller than the set of profiles people cycle through misses on nearly every view.
    # The byte budget is what bounds the memory.
    answer_cache_entries: int = 16_384
    answer_cache_bytes: int = 32 * 1024 * 1024
    # SQLite page cache per connection (MiB; SQLite's default is 2). Each of the up to 10
    # pooled connections (services/common/db.py) keeps its own, so it is most of what the
    # process's memory grows by under concurrent load: in the benchmark, 4 MiB took the
    # registry's peak to 158 MB, 1 MiB to 134 MB. A page missing from it comes from the OS
    # file cache; uncached search latency did not move measurably (scripts/latency.py).
    sqlite_cache_mib: int = 1
    # How often active labels past their end date are announced as expired (0: never).
    label_expiry_interval_seconds: float = 300.0
    # Ed25519 keys that sign the statement in a label's QR code (statements.py): comma-separated
    # `kid:<base64url 32-byte seed>`, the first signs, the others stay published as verify-only.
    # `mim label-key NEW_KID` prints a new entry. Unset: production refuses to start; development
    # and tests use a key generated once into `label_key_file`.
    label_signing_keys: SecretStr | None = None
    # Public keys of retired signers (private half destroyed): `kid:<base64url public key>`, ...
    label_retired_keys: str = ""
    label_key_file: Path = VAR_DIR / "label-signing-key"
    # Logos and product photos (services/registry/media.py): where their renditions are stored
    # (a volume in compose), the largest upload taken, and the most pixels an image may declare
    # (a decompression bomb is refused before it is decoded; 40 MP decodes to 160 MB at most).
    media_root: Path = VAR_DIR / "media"
    media_max_bytes: int = 8 * 1024 * 1024
    media_max_pixels: int = 40_000_000

    @model_validator(mode="after")
    def _label_keys_are_usable(self) -> "RegistrySettings":
        configured = self.label_signing_keys.get_secret_value() if self.label_signing_keys else ""
        if self.environment == "production" and not configured.strip():
            raise ValueError(
                "REGISTRY_LABEL_SIGNING_KEYS must be set when MIM_ENV=production: the Ed25519 key that "
                "signs label QR statements (`mim label-key <key id>` prints one)"
            )
        try:
            retired = statements.retired_keys(self.label_retired_keys)
            if configured.strip():
                statements.KeyRing(statements.signing_keys(configured), retired)
        except statements.KeyConfigError as exc:
            raise ValueError(str(exc)) from None
        return self

    def label_key_ring(self) -> statements.KeyRing:
        configured = self.label_signing_keys.get_secret_value() if self.label_signing_keys else ""
        if not configured.strip():
            configured = statements.development_key(self.label_key_file)
        return statements.KeyRing(
            statements.signing_keys(configured), statements.retired_keys(self.label_retired_keys)
        )

    @property
    def service_name(self) -> str:
        return "registry"
