from services.common.migrate import run_env
from services.registry.models import RegistryModel

run_env(service="registry", target_metadata=RegistryModel.metadata)
