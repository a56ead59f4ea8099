from pydantic_settings import SettingsConfigDict

from services.common.config import ServiceSettings


class RegistrySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore")

    port: int = 8001

    @property
    def service_name(self) -> str:
        return "registry"
