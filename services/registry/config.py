from pydantic_settings import SettingsConfigDict

from services.common.config import ServiceSettings


class RegistrySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore")

    port: int = 8001
    # The public website: label QR codes point at {public_site_url}/labels/{certificate_number}.
    public_site_url: str = "http://127.0.0.1:8080"
    max_import_bytes: int = 5 * 1024 * 1024
    # Search answers cached per catalogue version (0 entries: no cache); see search_cache.py.
    search_cache_entries: int = 2048
    search_cache_bytes: int = 16 * 1024 * 1024
    # SQLite page cache per connection (MiB; SQLite's default is 2). Each of the up to 10
    # pooled connections (services/common/db.py) keeps its own, so it is most of what the
    # process's memory grows by under concurrent load: in the benchmark, 4 MiB took the
    # registry's peak to 158 MB, 1 MiB to 134 MB. A page missing from it comes from the OS
    # file cache; uncached search latency did not move measurably (scripts/latency.py).
    sqlite_cache_mib: int = 1

    @property
    def service_name(self) -> str:
        return "registry"
