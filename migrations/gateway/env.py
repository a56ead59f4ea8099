from services.common.migrate import run_env
from services.gateway.models import GatewayModel

run_env(service="gateway", target_metadata=GatewayModel.metadata)
